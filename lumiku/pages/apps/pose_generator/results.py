"""The avatar's poses: each picture with its pose, seed, quality and likeness, a warning where
the face may differ, downloading, reusing the seed and deleting it."""

from __future__ import annotations

import reflex as rx

from lumiku.components.avatar_batches import (
    download_button,
    likeness_badges,
    seed_text,
    use_seed_button,
)
from lumiku.components.dialogs import delete_dialog
from lumiku.components.text import t
from lumiku.state.pose_generator import GenerateState, ResultTile
from lumiku.state.pose_generator import ResultsState as S

PREFIX = "pose_generator"


def _actions(tile: ResultTile) -> rx.Component:
    return rx.flex(
        download_button(tile.download_url, prefix=PREFIX, css="pg"),
        use_seed_button(tile.seed, GenerateState.use_seed(tile.seed), prefix=PREFIX, css="pg"),
        rx.icon_button(
            rx.icon("trash-2", size=14),
            size="1",
            variant="ghost",
            color_scheme="red",
            aria_label=t("pose_generator_delete_result"),
            title=t("pose_generator_delete_result"),
            on_click=S.ask_delete_result(tile.id),
            class_name="pg-delete-result",
        ),
        spacing="2",
        wrap="wrap",
        align="center",
    )


def _tile(tile: ResultTile) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.image(
                src=tile.image_url,
                alt=tile.pose,
                width="100%",
                aspect_ratio="3 / 4",
                object_fit="cover",
                border_radius="6px",
                loading="lazy",
            ),
            rx.text(
                tile.pose,
                size="2",
                weight="bold",
                class_name="pg-result-pose",
                style={"overflow_wrap": "anywhere"},
            ),
            rx.flex(
                rx.badge(tile.quality, variant="soft", class_name="pg-quality"),
                seed_text(tile.seed, css="pg"),
                likeness_badges(tile, prefix=PREFIX, css="pg"),
                spacing="2",
                wrap="wrap",
                align="center",
            ),
            _actions(tile),
            spacing="2",
            width="100%",
        ),
        width="100%",
        class_name="pg-result",
        data_result=tile.id,
        min_width="0",
    )


def results_panel() -> rx.Component:
    return rx.vstack(
        rx.heading(t("pose_generator_results"), size="5", as_="h2"),
        rx.cond(
            S.loaded,
            rx.cond(
                S.tiles.length() == 0,
                rx.text(
                    t("pose_generator_results_empty"),
                    size="2",
                    color_scheme="gray",
                    id="pg-no-results",
                ),
            ),
            rx.center(rx.spinner(size="3"), width="100%", id="pg-results-loading"),
        ),
        rx.grid(
            rx.foreach(S.tiles, _tile),
            columns=rx.breakpoints(initial="2", sm="3", md="4"),
            spacing="3",
            width="100%",
            id="pg-results",
        ),
        delete_dialog(
            open=S.confirm_delete != "",
            on_confirm=S.delete_result,
            on_cancel=S.keep_result,
            title_key="pose_generator_delete_result_title",
            body_key="pose_generator_delete_result_body",
            confirm_id="pg-confirm-delete-result",
        ),
        spacing="3",
        width="100%",
    )
