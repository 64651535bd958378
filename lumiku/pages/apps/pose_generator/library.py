"""The pose library: search, filters and sort, one page of skeleton previews to choose from
(a chosen pose is marked and says so to screen readers), a drop zone that turns photos into
poses, and deleting one's own."""

from __future__ import annotations

import reflex as rx

from lumiku.components.dialogs import delete_dialog
from lumiku.components.forms import card
from lumiku.components.pager import pager
from lumiku.components.text import t
from lumiku.components.tiles import tile_button
from lumiku.components.uploads import IMAGES, dropzone
from lumiku.services.pose_generator import poses
from lumiku.state.pose_generator import ALL, PHOTOS, SORTS, UPLOAD_ID, GenerateState, PoseCard
from lumiku.state.pose_generator import LibraryState as S

CATEGORIES = (*poses.CATEGORIES, "custom")


def _key(value: str) -> str:
    return value.replace("-", "_")


def _select(control_id: str, label_key: str, value, on_change, items: list) -> rx.Component:
    return rx.vstack(
        rx.text(t(label_key), size="1", weight="medium"),
        rx.select.root(
            rx.select.trigger(id=control_id, width="100%", aria_label=t(label_key)),
            rx.select.content(*items),
            value=value,
            on_change=on_change,
        ),
        spacing="1",
        min_width="0",
    )


def _filters() -> rx.Component:
    return rx.grid(
        rx.vstack(
            rx.text(t("pose_generator_search"), size="1", weight="medium"),
            rx.input(
                rx.input.slot(rx.icon("search", size=14)),
                default_value=S.search,
                on_change=S.set_search.debounce(400),
                placeholder=t("pose_generator_search_placeholder"),
                aria_label=t("pose_generator_search"),
                max_length=100,
                width="100%",
                id="pg-search",
            ),
            spacing="1",
            min_width="0",
        ),
        _select(
            "pg-category",
            "pose_generator_category",
            S.category,
            S.set_category,
            [
                rx.select.item(t("pose_generator_category_all"), value=ALL),
                *[
                    rx.select.item(t(f"pose_generator_category_{_key(c)}"), value=c)
                    for c in CATEGORIES
                ],
            ],
        ),
        _select(
            "pg-gender",
            "pose_generator_gender",
            S.gender,
            S.set_gender,
            [
                rx.select.item(t("pose_generator_gender_all"), value=ALL),
                *[rx.select.item(t(f"pose_generator_gender_{g}"), value=g) for g in poses.GENDERS],
            ],
        ),
        _select(
            "pg-sort",
            "pose_generator_sort",
            S.sort,
            S.set_sort,
            [rx.select.item(t(f"pose_generator_sort_{s}"), value=s) for s in SORTS],
        ),
        columns=rx.breakpoints(initial="2", md="4"),
        spacing="2",
        width="100%",
    )


def _preview(pose: PoseCard) -> rx.Component:
    return rx.cond(
        pose.preview_url != "",
        rx.image(
            src=pose.preview_url,
            alt=pose.name,
            width="100%",
            aspect_ratio="3 / 4",
            object_fit="contain",
            background="#000",
            border_radius="6px",
            loading="lazy",
        ),
        rx.center(
            rx.icon("person-standing", size=32),
            width="100%",
            aspect_ratio="3 / 4",
            background=rx.color("gray", 3),
            border_radius="6px",
        ),
    )


def _pose(pose: PoseCard) -> rx.Component:
    """A card that is a button: a click, Enter or Space chooses the pose or lets it go."""
    chosen = GenerateState.chosen_ids.contains(pose.id)
    return rx.card(
        rx.vstack(
            tile_button(
                rx.vstack(
                    rx.box(
                        _preview(pose),
                        rx.cond(
                            chosen,
                            rx.box(
                                rx.icon("circle-check", size=22, color="white"),
                                position="absolute",
                                top="6px",
                                right="6px",
                                background="var(--accent-9)",
                                border_radius="50%",
                                padding="2px",
                                line_height="0",
                                class_name="pg-pose-check",
                            ),
                        ),
                        position="relative",
                        width="100%",
                    ),
                    rx.text(
                        pose.name,
                        size="2",
                        weight="bold",
                        style={"overflow_wrap": "anywhere"},
                        class_name="pg-pose-name",
                    ),
                    rx.flex(
                        rx.badge(pose.category, variant="soft", size="1"),
                        rx.cond(pose.gender != "", rx.badge(pose.gender, size="1")),
                        rx.cond(
                            pose.difficulty != "",
                            rx.badge(pose.difficulty, size="1", color_scheme="gray"),
                        ),
                        spacing="1",
                        wrap="wrap",
                    ),
                    rx.cond(
                        pose.uses != "",
                        rx.text(pose.uses, size="1", color_scheme="gray"),
                    ),
                    spacing="1",
                    align="start",
                    width="100%",
                ),
                on_click=S.toggle_pose(pose.id),
                aria_pressed=rx.cond(chosen, "true", "false"),
                class_name="pg-pose-button",
            ),
            rx.cond(
                pose.own,
                rx.button(
                    rx.icon("trash-2", size=12),
                    t("pose_generator_delete_pose"),
                    size="1",
                    variant="ghost",
                    color_scheme="red",
                    on_click=S.ask_delete_template(pose.id),
                    class_name="pg-delete-pose",
                ),
            ),
            spacing="1",
            width="100%",
        ),
        border_width="2px",
        border_style="solid",
        border_color=rx.cond(chosen, "var(--accent-9)", "transparent"),
        class_name="pg-pose",
        data_pose=pose.id,
        data_chosen=rx.cond(chosen, "true", "false"),
        min_width="0",
    )


def _grid() -> rx.Component:
    return rx.cond(
        S.loaded,
        rx.cond(
            S.total > 0,
            rx.grid(
                rx.foreach(S.cards, _pose),
                columns=rx.breakpoints(initial="2", sm="3", lg="4"),
                spacing="2",
                width="100%",
                id="pg-poses",
            ),
            rx.callout(
                rx.cond(
                    S.category == "custom",
                    t("pose_generator_no_own_poses"),
                    t("pose_generator_no_poses"),
                ),
                icon="info",
                width="100%",
                id="pg-no-poses",
            ),
        ),
        rx.center(rx.spinner(size="3"), width="100%", padding="2rem", id="pg-poses-loading"),
    )


def _from_photo() -> rx.Component:
    return rx.vstack(
        rx.text(t("pose_generator_from_photo"), size="2", weight="bold"),
        dropzone(
            S,
            upload_id=UPLOAD_ID,
            prefix="pg",
            accept=IMAGES,
            max_size=PHOTOS.limit_bytes,
            title=t("pose_generator_drop_photos"),
            hint=t("pose_generator_drop_photos_hint"),
        ),
        spacing="2",
        width="100%",
        id="pg-from-photo",
    )


def library_panel() -> rx.Component:
    return card(
        rx.hstack(
            rx.heading(t("pose_generator_library"), size="4", as_="h2"),
            rx.spacer(),
            rx.text(t("pose_generator_total"), " ", S.total, size="1", id="pg-total"),
            align="center",
            width="100%",
        ),
        _filters(),
        _grid(),
        pager(S.page, S.pages, S.go_to_page),
        _from_photo(),
        delete_dialog(
            open=S.confirm_delete != "",
            on_confirm=S.delete_template,
            on_cancel=S.keep_template,
            title_key="pose_generator_delete_pose_title",
            body_key="pose_generator_delete_pose_body",
            confirm_id="pg-confirm-delete-pose",
        ),
    )
