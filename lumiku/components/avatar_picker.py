"""The first page of an app that works on one of the user's avatars (Avatar Generator, Pose
Generator): a grid of the avatars to pick from, or the way to Avatar Creator when there is none
yet. It takes the app's picker state (lumiku.state.avatar_picker), its message prefix
(`avatar_generator`) and its CSS prefix (`ag`): the app's messages module defines the keys named
below with that prefix."""

from __future__ import annotations

from typing import Any

import reflex as rx

from lumiku import routes
from lumiku.components.forms import error_callout
from lumiku.components.navigation import back_link
from lumiku.components.text import t
from lumiku.plugins import AppPlugin
from lumiku.state.avatar_picker import AvatarTile


def _picture(tile: AvatarTile, prefix: str) -> rx.Component:
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
                rx.text(t(f"{prefix}_no_photo"), size="1"),
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


def _tile(tile: AvatarTile, app: AppPlugin, prefix: str, css: str) -> rx.Component:
    return rx.link(
        rx.card(
            rx.vstack(
                _picture(tile, prefix),
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
        href=app.path("") + tile.id,
        underline="none",
        class_name=f"{css}-avatar-tile",
        data_avatar=tile.id,
        min_width="0",
    )


def _empty(creator: AppPlugin, prefix: str, css: str) -> rx.Component:
    return rx.callout(
        rx.vstack(
            rx.text(t(f"{prefix}_no_avatars")),
            rx.link(
                rx.hstack(rx.icon("arrow-right", size=14), t(f"{prefix}_open_creator")),
                href=creator.route,
                id=f"{css}-open-creator",
            ),
            spacing="2",
        ),
        icon="info",
        width="100%",
        id=f"{css}-no-avatars",
    )


def avatar_picker(
    state: Any,
    *,
    error: rx.Var,
    app: AppPlugin,
    creator: AppPlugin,
    prefix: str,
    css: str,
    spinner: bool = False,
) -> rx.Component:
    """The picker page's body. `state` has `avatars` (AvatarTile rows) and `loaded`; `error` is
    the app's error text; `spinner` shows one until the avatars are loaded."""
    loading = rx.center(rx.spinner(size="3"), width="100%", id=f"{css}-avatars-loading")
    return rx.vstack(
        back_link(routes.DASHBOARD, "back_to_dashboard"),
        rx.vstack(
            rx.heading(app.name, size="7", as_="h1"),
            rx.text(t(app.description_key), color_scheme="gray"),
            spacing="1",
        ),
        error_callout(error, f"{css}-error"),
        rx.vstack(
            rx.heading(t(f"{prefix}_pick_title"), size="5", as_="h2"),
            rx.text(t(f"{prefix}_pick_hint"), size="2", color_scheme="gray"),
            spacing="1",
        ),
        rx.cond(state.loaded & (state.avatars.length() == 0), _empty(creator, prefix, css)),
        *([rx.cond(~state.loaded, loading)] if spinner else []),
        rx.grid(
            rx.foreach(state.avatars, lambda tile: _tile(tile, app, prefix, css)),
            columns=rx.breakpoints(initial="2", sm="3", md="4"),
            spacing="3",
            width="100%",
            id=f"{css}-avatars",
        ),
        spacing="4",
        width="100%",
    )
