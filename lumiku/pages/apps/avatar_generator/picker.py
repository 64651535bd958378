"""The first page: a grid of the user's avatars to pick the one to vary, or the way to Avatar
Creator when there is none yet."""

from __future__ import annotations

import reflex as rx

from lumiku import routes
from lumiku.components.forms import error_callout
from lumiku.components.layout import signed_in_page
from lumiku.components.navigation import back_link
from lumiku.components.text import t
from lumiku.state.avatar_generator import APP, CREATOR, AvatarGeneratorState, AvatarTile
from lumiku.state.avatar_generator import PickerState as S


def _picture(tile: AvatarTile) -> rx.Component:
    return rx.cond(
        tile.thumb_url != "",
        rx.image(
            src=tile.thumb_url,
            alt=tile.name,
            width="100%",
            aspect_ratio="1",
            object_fit="cover",
            border_radius="6px",
        ),
        rx.center(
            rx.vstack(
                rx.icon("circle-user", size=32),
                rx.text(t("avatar_generator_no_photo"), size="1"),
                align="center",
                spacing="1",
            ),
            width="100%",
            aspect_ratio="1",
            background=rx.color("gray", 3),
            color=rx.color("gray", 10),
            border_radius="6px",
        ),
    )


def _tile(tile: AvatarTile) -> rx.Component:
    return rx.link(
        rx.card(
            rx.vstack(
                _picture(tile),
                rx.text(tile.name, size="2", weight="bold", style={"overflow_wrap": "anywhere"}),
                rx.cond(
                    tile.persona != "",
                    rx.text(tile.persona, size="1", color_scheme="gray"),
                ),
                spacing="2",
                width="100%",
            ),
            width="100%",
            height="100%",
        ),
        href=APP.path("") + tile.id,
        underline="none",
        class_name="ag-avatar-tile",
        data_avatar=tile.id,
        min_width="0",
    )


def _empty() -> rx.Component:
    return rx.callout(
        rx.vstack(
            rx.text(t("avatar_generator_no_avatars")),
            rx.link(
                rx.hstack(rx.icon("arrow-right", size=14), t("avatar_generator_open_creator")),
                href=CREATOR.route,
                id="ag-open-creator",
            ),
            spacing="2",
        ),
        icon="info",
        width="100%",
        id="ag-no-avatars",
    )


@signed_in_page(APP.route, APP.name, on_load=S.load_picker)
def avatar_generator() -> rx.Component:
    return rx.vstack(
        back_link(routes.DASHBOARD, "back_to_dashboard"),
        rx.vstack(
            rx.heading(APP.name, size="7", as_="h1"),
            rx.text(t(APP.description_key), color_scheme="gray"),
            spacing="1",
        ),
        error_callout(AvatarGeneratorState.error, "ag-error"),
        rx.vstack(
            rx.heading(t("avatar_generator_pick_title"), size="5", as_="h2"),
            rx.text(t("avatar_generator_pick_hint"), size="2", color_scheme="gray"),
            spacing="1",
        ),
        rx.cond(S.loaded & (S.avatars.length() == 0), _empty()),
        rx.grid(
            rx.foreach(S.avatars, _tile),
            columns=rx.breakpoints(initial="2", sm="3", md="4"),
            spacing="3",
            width="100%",
            id="ag-avatars",
        ),
        spacing="4",
        width="100%",
    )
