"""The variations: each picture with its seed, style and likeness, a warning where the face may
differ, saving it as an avatar and downloading it."""

from __future__ import annotations

import reflex as rx

from lumiku.components.text import t
from lumiku.components.work import download_link
from lumiku.state.avatar_generator import GenerateState, VariationTile
from lumiku.state.avatar_generator import VariationsState as S


def _likeness(tile: VariationTile) -> rx.Component:
    return rx.fragment(
        rx.cond(
            tile.likeness != "",
            rx.badge(
                t("avatar_generator_likeness"),
                " ",
                tile.likeness,
                color_scheme=rx.cond(tile.low_likeness, "amber", "green"),
                class_name="ag-likeness",
            ),
        ),
        rx.cond(
            tile.low_likeness,
            rx.badge(
                rx.icon("triangle-alert", size=12),
                t("avatar_generator_low_likeness"),
                color_scheme="amber",
                variant="solid",
                class_name="ag-low-likeness",
                style={"white_space": "normal"},
            ),
        ),
    )


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
        download_link(
            rx.button(
                rx.icon("download", size=14),
                t("avatar_generator_download"),
                size="1",
                variant="soft",
            ),
            href=tile.download_url,
            class_name="ag-download",
        ),
        rx.cond(
            tile.seed != "",
            rx.button(
                t("avatar_generator_use_seed"),
                size="1",
                variant="ghost",
                on_click=GenerateState.use_seed(tile.seed),
                class_name="ag-use-seed",
            ),
        ),
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
                rx.cond(
                    tile.seed != "",
                    rx.text(
                        t("field_seed"),
                        " ",
                        tile.seed,
                        size="1",
                        class_name="ag-seed",
                    ),
                ),
                _likeness(tile),
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
