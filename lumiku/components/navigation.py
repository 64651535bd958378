"""Links that move between pages."""

from __future__ import annotations

import reflex as rx

from lumiku.components.text import t


def back_link(href: str, key: str) -> rx.Component:
    """An arrow back to `href`, labelled with the message `key`."""
    return rx.link(rx.hstack(rx.icon("arrow-left", size=16), t(key), align="center"), href=href)
