"""A picture that says where on it the pointer went down and came up, for marking things on it
(Poster Editor's click-to-mask): each event sends `{x, y, w, h}`, the point in CSS pixels from
the picture's top-left corner and the size it is shown at, so the server scales the point to the
picture's own pixels (which only it knows for sure) and checks every number.

Reflex's default `on_click` sends the pointer's place in the window, not on the element; the
handlers here read the element's box in the browser, while the event is still current."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.vars.base import Var
from reflex.vars.object import ObjectVar
from reflex_base.event import JavascriptPointerEvent
from reflex_components_core.el.elements.media import Img

ARROWS = ("ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown")


def _where(e: Any) -> str:
    """`{x, y, w, h}` of the event `e` on its element (JavaScript)."""
    return (
        f"((r) => ({{x: {e}.clientX - r.left, y: {e}.clientY - r.top, "
        f"w: r.width, h: r.height}}))({e}.currentTarget.getBoundingClientRect())"
    )


def _spot(e: ObjectVar[JavascriptPointerEvent]) -> tuple[Var[dict[str, float]]]:
    return (Var(_js_expr=_where(e)).to(dict),)


def _pressed(e: ObjectVar[JavascriptPointerEvent]) -> tuple[Var[dict[str, float]]]:
    """As `_spot`; the pointer is captured first, so that a drag ending outside the picture
    still comes up on it (and the browser does not start dragging the image itself)."""
    capture = f"({e}.currentTarget.setPointerCapture?.({e}.pointerId), {e}.preventDefault())"
    return (Var(_js_expr=f"({capture}, {_where(e)})").to(dict),)


def _key(e: ObjectVar[Any]) -> tuple[Var[str]]:
    """The key pressed; the arrow keys move the marking cursor, not the page."""
    arrows = "[" + ", ".join(f'"{a}"' for a in ARROWS) + "]"
    prevent = f"({arrows}.includes({e}.key) && {e}.preventDefault())"
    return (Var(_js_expr=f"({prevent}, {e}.key)").to(str),)


class SpotImg(Img):
    """An <img> whose pointer events carry the point on the picture."""

    on_pointer_down: rx.EventHandler[_pressed]
    on_pointer_up: rx.EventHandler[_spot]


class KeyBox(rx.el.Div):
    """A focusable box whose key presses carry the key (arrows kept from scrolling the page)."""

    on_key_down: rx.EventHandler[_key]


spot_image = SpotImg.create
key_box = KeyBox.create
