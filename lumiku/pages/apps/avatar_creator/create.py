"""Making avatars: describe one or choose a preset, the persona (by hand or written for the
user), the model, how many, and the price before spending."""

from __future__ import annotations

import reflex as rx

from lumiku.components.forms import card
from lumiku.components.persona import label, persona_form, text_field
from lumiku.components.projects import spend_row
from lumiku.components.text import t
from lumiku.components.tiles import tile_button
from lumiku.services.avatar_creator import generate, presets
from lumiku.state.avatar_creator import CreateState as S
from lumiku.state.avatar_creator import ModelOption, PresetCard


def _mode() -> rx.Component:
    return rx.select.root(
        rx.select.trigger(id="ac-mode", width="100%"),
        rx.select.content(
            rx.select.item(t("avatar_creator_mode_describe"), value="describe"),
            rx.select.item(t("avatar_creator_mode_preset"), value="preset"),
        ),
        value=S.mode,
        on_change=S.set_mode,
    )


def _preset(preset: PresetCard) -> rx.Component:
    chosen = S.preset_id == preset.id
    return rx.card(
        tile_button(
            rx.vstack(
                rx.hstack(
                    rx.text(preset.name, weight="bold", size="2"),
                    rx.spacer(),
                    rx.cond(chosen, rx.icon("circle-check", size=16, color="green")),
                    width="100%",
                ),
                rx.text(preset.persona, size="1", color_scheme="gray"),
                rx.text(preset.description, size="1"),
                rx.text(preset.traits, size="1", color_scheme="gray"),
                spacing="1",
                align="start",
            ),
            on_click=S.choose_preset(preset.id),
            aria_pressed=chosen,
        ),
        border_width="2px",
        border_style="solid",
        border_color=rx.cond(chosen, "var(--accent-9)", "transparent"),
        class_name="ac-preset",
        data_preset=preset.id,
        width="100%",
    )


def _presets() -> rx.Component:
    return rx.vstack(
        rx.select.root(
            rx.select.trigger(id="ac-category"),
            rx.select.content(
                rx.select.item(t("avatar_creator_category_all"), value="all"),
                *[
                    rx.select.item(t(f"avatar_creator_category_{c}"), value=c)
                    for c in presets.CATEGORIES
                ],
            ),
            value=S.category,
            on_change=S.set_category,
        ),
        rx.grid(
            rx.foreach(S.preset_cards, _preset),
            columns=rx.breakpoints(initial="1", sm="2"),
            spacing="2",
            width="100%",
            max_height="24rem",
            overflow_y="auto",
        ),
        spacing="2",
        width="100%",
    )


def _writer() -> rx.Component:
    return rx.vstack(
        label("avatar_creator_writer_title"),
        rx.cond(
            S.writer_off != "",
            rx.callout(S.writer_off, icon="info", size="1", id="ac-writer-off", width="100%"),
            rx.flex(
                rx.input(
                    value=S.words,
                    on_change=lambda v: S.set_text("words", v).debounce(300),
                    placeholder=t("avatar_creator_writer_placeholder"),
                    max_length=300,
                    id="ac-words",
                    flex="1",
                    min_width="12rem",
                ),
                rx.button(
                    rx.icon("wand-sparkles", size=14),
                    t("avatar_creator_writer_go"),
                    loading=S.writing,
                    on_click=S.write_persona,
                    variant="soft",
                    id="ac-write-persona",
                ),
                spacing="2",
                wrap="wrap",
                width="100%",
            ),
        ),
        spacing="1",
        width="100%",
    )


def _model_item(model: ModelOption) -> rx.Component:
    return rx.select.item(
        rx.cond(model.usable, model.label, model.label + " — " + model.reason),
        value=model.key,
        disabled=~model.usable,
    )


def _models() -> rx.Component:
    return rx.vstack(
        label("avatar_creator_model"),
        rx.cond(
            S.models.length() > 0,
            rx.select.root(
                rx.select.trigger(id="ac-model", width="100%"),
                rx.select.content(rx.foreach(S.models, _model_item)),
                value=S.model_key,
                on_change=S.set_model,
            ),
        ),
        rx.foreach(
            S.models,
            lambda m: rx.cond(
                ~m.usable,
                rx.text(
                    m.label,
                    ": ",
                    m.reason,
                    size="1",
                    color_scheme="gray",
                    class_name="ac-model-off",
                ),
            ),
        ),
        rx.cond(
            S.model_key == "",
            rx.callout(
                t("avatar_creator_no_model"),
                icon="triangle-alert",
                color_scheme="orange",
                id="ac-no-model",
            ),
        ),
        spacing="1",
        width="100%",
    )


def create_panel() -> rx.Component:
    return card(
        rx.heading(t("avatar_creator_new_avatar"), size="4", as_="h2"),
        _mode(),
        rx.cond(
            S.mode == "preset",
            _presets(),
            rx.vstack(
                text_field("name", S.persona, S.set_text, "ac", max_length=100),
                rx.vstack(
                    label("avatar_creator_field_prompt"),
                    rx.text_area(
                        value=S.prompt,
                        on_change=lambda v: S.set_text("prompt", v).debounce(300),
                        placeholder=t("avatar_creator_prompt_placeholder"),
                        max_length=1000,
                        id="ac-prompt",
                        width="100%",
                    ),
                    spacing="1",
                    width="100%",
                ),
                _writer(),
                persona_form(S.persona, S.attributes, S.set_text, S.set_attribute, "ac"),
                spacing="3",
                width="100%",
            ),
        ),
        _models(),
        rx.vstack(
            label("avatar_creator_field_seed"),
            rx.input(
                value=S.seed,
                on_change=lambda v: S.set_text("seed", v).debounce(300),
                placeholder=t("avatar_creator_seed_hint"),
                inputmode="numeric",
                id="ac-seed",
                width="12rem",
            ),
            spacing="1",
        ),
        rx.cond(
            S.form_error != "", rx.text(S.form_error, color="red", size="2", id="ac-form-error")
        ),
        spend_row(
            S,
            per_item=t("avatar_creator_per_avatar"),
            most=generate.MAX_COUNT,
            prefix="avatar_creator",
            css="ac",
        ),
    )
