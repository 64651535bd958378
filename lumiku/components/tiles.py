"""A card of a grid that is a button (an avatar, a preset): a click, Enter or Space chooses it,
and the keyboard's focus shows."""

from __future__ import annotations

import reflex as rx

RESET = {
    "all": "unset",
    "display": "block",
    "width": "100%",
    "box_sizing": "border-box",
    "cursor": "pointer",
    "&:focus-visible": {"outline": "2px solid var(--accent-8)", "outline_offset": "4px"},
}


def tile_button(*children: rx.Component, on_click, **props) -> rx.Component:
    return rx.el.button(*children, on_click=on_click, type="button", style=RESET, **props)
