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


def square_thumb(url: rx.Var, alt: rx.Var, *, icon: str, icon_size: int) -> rx.Component:
    """A tile's square picture, or the icon in its place while there is none (an avatar made
    from text has no photo until its picture is made)."""
    return rx.cond(
        url != "",
        rx.image(
            src=url,
            alt=alt,
            width="100%",
            aspect_ratio="1",
            object_fit="cover",
            border_radius="6px",
        ),
        rx.center(rx.icon(icon, size=icon_size), width="100%", aspect_ratio="1"),
    )
