"""Pieces every admin page repeats: the title with the way back to the users page, and the bar
of search and filters above a list."""

from __future__ import annotations

from typing import Any

import reflex as rx

from lumiku import routes
from lumiku.components.text import t


def admin_header(title_key: str) -> rx.Component:
    """The page's title, and the link back to the users page (the admin's home)."""
    return rx.flex(
        rx.heading(t(title_key), size="7", as_="h1"),
        rx.link(t("admin_users_title"), href=routes.ADMIN_USERS),
        justify="between",
        align="center",
        width="100%",
    )


def search_input(
    placeholder_key: str, value: rx.Var, on_change: Any, input_id: str
) -> rx.Component:
    """A list's search box; `on_change` is already debounced by the caller."""
    return rx.input(
        placeholder=t(placeholder_key),
        value=value,
        on_change=on_change,
        id=input_id,
        min_width="16rem",
    )


def filter_bar(*children: rx.Component) -> rx.Component:
    """The search and filters in one row that wraps on narrow screens."""
    return rx.flex(*children, spacing="3", wrap="wrap", align="center")
