"""The form: the chosen poses, the model, quality, fashion (hijab and its colour, accessories,
outfit), background, profession theme and seed; the price rule, the live estimate and the
button that asks before spending."""

from __future__ import annotations

import reflex as rx

from lumiku.components.avatar_batches import field, model_select, seed_field
from lumiku.components.forms import card
from lumiku.components.spend import form_problem, generate_row
from lumiku.components.text import t
from lumiku.services.pose_generator import rules
from lumiku.state.pose_generator import NONE, ChosenPose
from lumiku.state.pose_generator import GenerateState as S


def _key(value: str) -> str:
    return value.replace("-", "_")


def _select(key: str, control_id: str, value, on_change, items: list, **props) -> rx.Component:
    return field(
        key,
        control_id,
        rx.select.root(
            rx.select.trigger(id=control_id, width="100%"),
            rx.select.content(*items),
            value=value,
            on_change=on_change,
        ),
        width="100%",
        **props,
    )


def _chip(pose: ChosenPose) -> rx.Component:
    return rx.badge(
        pose.name,
        rx.icon_button(
            rx.icon("x", size=10),
            size="1",
            variant="ghost",
            aria_label=t("pose_generator_remove_pose"),
            title=t("pose_generator_remove_pose"),
            on_click=S.remove_pose(pose.id),
            class_name="pg-unchoose",
        ),
        size="2",
        variant="soft",
        class_name="pg-chosen-pose",
        data_pose=pose.id,
    )


def _chosen() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.text(
                t("pose_generator_chosen"),
                " ",
                rx.el.span(S.chosen_count, id="pg-chosen-count"),
                " / ",
                rules.MAX_POSES,
                size="2",
                weight="medium",
            ),
            rx.spacer(),
            rx.cond(
                S.chosen_count > 0,
                rx.button(
                    t("pose_generator_clear_poses"),
                    size="1",
                    variant="ghost",
                    on_click=S.clear_poses,
                    id="pg-clear-poses",
                ),
            ),
            align="center",
            width="100%",
        ),
        rx.cond(
            S.chosen_count > 0,
            rx.flex(rx.foreach(S.chosen, _chip), spacing="1", wrap="wrap", id="pg-chosen"),
            rx.text(
                t("pose_generator_none_chosen"), size="1", color_scheme="gray", id="pg-none-chosen"
            ),
        ),
        spacing="1",
        width="100%",
    )


def _model_and_quality() -> rx.Component:
    return rx.grid(
        model_select(S, label_key="pose_generator_label_model", css="pg"),
        _select(
            "pose_generator_label_quality",
            "pg-quality",
            S.quality,
            S.set_quality,
            [
                rx.select.item(t(f"pose_generator_quality_{q}", px=str(px)), value=q)
                for q, px in rules.QUALITIES.items()
            ],
        ),
        columns=rx.breakpoints(initial="1", sm="2"),
        spacing="3",
        width="100%",
    )


def _accessory(key: str) -> rx.Component:
    on = S.accessories.contains(key)
    return rx.button(
        rx.cond(on, rx.icon("check", size=12)),
        t(f"pose_generator_accessory_{_key(key)}"),
        size="1",
        variant=rx.cond(on, "solid", "outline"),
        aria_pressed=rx.cond(on, "true", "false"),
        on_click=S.toggle_accessory(key),
        type="button",
        class_name="pg-accessory",
        data_accessory=key,
    )


def _fashion() -> rx.Component:
    return rx.vstack(
        rx.text(t("pose_generator_fashion"), size="2", weight="bold"),
        rx.grid(
            _select(
                "pose_generator_label_hijab",
                "pg-hijab-style",
                S.hijab_style,
                S.set_hijab_style,
                [
                    rx.select.item(t("pose_generator_hijab_none"), value=NONE),
                    *[
                        rx.select.item(t(f"pose_generator_hijab_{s}"), value=s)
                        for s in rules.HIJAB_STYLES
                    ],
                ],
            ),
            rx.cond(
                S.hijab_style != NONE,
                field(
                    "pose_generator_label_hijab_color",
                    "pg-hijab-color",
                    rx.hstack(
                        rx.select.root(
                            rx.select.trigger(id="pg-hijab-color", width="100%"),
                            rx.select.content(
                                rx.select.item(t("pose_generator_color_any"), value=NONE),
                                *[
                                    rx.select.item(t(f"pose_generator_color_{_key(c)}"), value=c)
                                    for c in rules.COLORS
                                ],
                                rx.cond(
                                    S.hijab_color.contains("#"),
                                    rx.select.item(S.hijab_color, value=S.hijab_color),
                                ),
                            ),
                            value=S.hijab_color,
                            on_change=S.set_hijab_color,
                        ),
                        rx.el.input(
                            type="color",
                            value=S.hijab_swatch,
                            on_change=S.set_hijab_color.debounce(300),
                            aria_label=t("pose_generator_pick_color"),
                            title=t("pose_generator_pick_color"),
                            id="pg-hijab-swatch",
                            style={"width": "2.5rem", "height": "2rem", "padding": "0"},
                        ),
                        spacing="2",
                        align="center",
                        width="100%",
                    ),
                    width="100%",
                ),
            ),
            columns=rx.breakpoints(initial="1", sm="2"),
            spacing="3",
            width="100%",
        ),
        field(
            "pose_generator_label_accessories",
            "pg-accessories",
            rx.flex(
                *[_accessory(key) for key in rules.ACCESSORIES],
                spacing="1",
                wrap="wrap",
                id="pg-accessories",
                role="group",
            ),
            width="100%",
        ),
        field(
            "pose_generator_label_outfit",
            "pg-outfit",
            rx.input(
                default_value=S.outfit,
                on_change=S.set_outfit.debounce(500),
                placeholder=t("pose_generator_outfit_placeholder"),
                max_length=rules.OUTFIT_MAX,
                width="100%",
                id="pg-outfit",
            ),
            width="100%",
        ),
        spacing="2",
        width="100%",
    )


def _background_and_profession() -> rx.Component:
    return rx.vstack(
        rx.grid(
            _select(
                "pose_generator_label_background",
                "pg-background",
                S.background,
                S.set_background,
                [
                    rx.select.item(t(f"pose_generator_background_{b}"), value=b)
                    for b in rules.BACKGROUND_TYPES
                ],
            ),
            rx.cond(
                S.background == "scene",
                _select(
                    "pose_generator_label_scene",
                    "pg-scene",
                    S.scene,
                    S.set_scene,
                    [rx.select.item(t(f"pose_generator_scene_{s}"), value=s) for s in rules.SCENES],
                ),
            ),
            columns=rx.breakpoints(initial="1", sm="2"),
            spacing="3",
            width="100%",
        ),
        rx.cond(
            S.background == "custom",
            field(
                "pose_generator_label_custom_background",
                "pg-custom-prompt",
                rx.text_area(
                    default_value=S.custom_prompt,
                    on_change=S.set_custom_prompt.debounce(500),
                    placeholder=t("pose_generator_custom_placeholder"),
                    max_length=rules.CUSTOM_PROMPT_MAX,
                    rows="2",
                    width="100%",
                    id="pg-custom-prompt",
                ),
                width="100%",
            ),
        ),
        _select(
            "pose_generator_label_profession",
            "pg-profession",
            S.profession,
            S.set_profession,
            [
                rx.select.item(t("pose_generator_profession_none"), value=NONE),
                *[
                    rx.select.item(t(f"pose_generator_profession_{_key(p)}"), value=p)
                    for p in rules.PROFESSIONS
                ],
            ],
        ),
        spacing="3",
        width="100%",
    )


def _spend() -> rx.Component:
    return rx.vstack(
        rx.text(S.price_rule, size="1", color_scheme="gray", id="pg-price-rule"),
        generate_row(
            S,
            rx.text(S.est_per_item, size="1", color_scheme="gray", id="pg-per-item"),
            icon="sparkles",
            label_key="pose_generator_generate",
            css="pg",
        ),
        form_problem(S, S.chosen_count == 0, css="pg"),  # nothing chosen yet: a hint
        spacing="2",
        width="100%",
    )


def form_panel() -> rx.Component:
    return card(
        rx.heading(t("pose_generator_form_title"), size="4", as_="h2"),
        _chosen(),
        rx.divider(),
        _model_and_quality(),
        _fashion(),
        _background_and_profession(),
        seed_field(S, prefix="pose_generator", css="pg"),
        rx.divider(),
        _spend(),
        id="pg-form",
    )
