"""The variations: each picture with its seed, style and likeness, a warning where the face may
differ, saving it as an avatar and downloading it."""

from __future__ import annotations

import reflex as rx

from lumiku.components.avatar_batches import (
    download_button,
    likeness_badges,
    seed_text,
    use_seed_button,
)
from lumiku.components.text import t
from lumiku.state.avatar_generator import GenerateState, VariationTile
from lumiku.state.avatar_generator import VariationsState as S

PREFIX = "avatar_generator"


def _actions(tile: VariationTile) -> rx.Component:
    return rx.flex(
        rx.cond(
            tile.saved,
            rx.link(
                rx.hstack(rx.icon("circle-check", size=14), t("avatar_generator_saved")),
                href=tile.saved_url,
                size="2",
                color_scheme="green",
                class_name="ag-saved",
            ),
            rx.button(
                rx.icon("user-plus", size=14),
                t("avatar_generator_save"),
                size="1",
                loading=S.saving == tile.id,
                on_click=S.save_variation(tile.id),
                class_name="ag-save",
            ),
        ),
        download_button(tile.download_url, prefix=PREFIX, css="ag"),
        use_seed_button(tile.seed, GenerateState.use_seed(tile.seed), prefix=PREFIX, css="ag"),
        spacing="2",
        wrap="wrap",
        align="center",
    )


def _tile(tile: VariationTile) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.image(
                src=tile.image_url,
                alt=t("avatar_generator_variation_alt"),
                width="100%",
                aspect_ratio="1",
                object_fit="cover",
                border_radius="6px",
            ),
            rx.flex(
                rx.badge(tile.style, variant="soft", class_name="ag-style-name"),
                seed_text(tile.seed, css="ag"),
                likeness_badges(tile, prefix=PREFIX, css="ag"),
                spacing="2",
                wrap="wrap",
                align="center",
            ),
            _actions(tile),
            spacing="2",
            width="100%",
        ),
        width="100%",
        class_name="ag-variation",
        data_variation=tile.id,
    )


def variations_panel() -> rx.Component:
    return rx.vstack(
        rx.heading(t("avatar_generator_variations"), size="5", as_="h2"),
        rx.cond(
            S.loaded & (S.tiles.length() == 0),
            rx.text(t("avatar_generator_variations_empty"), size="2", id="ag-no-variations"),
        ),
        rx.grid(
            rx.foreach(S.tiles, _tile),
            columns=rx.breakpoints(initial="1", xs="2", md="3"),
            spacing="3",
            width="100%",
            id="ag-variations",
        ),
        spacing="3",
        width="100%",
    )
