"""A slide position's text style: what it is, how a client's dict becomes one (every value
checked), and the eight presets of the original app. Pure: no Pillow, no fonts on disk.

Sizes scale with the canvas: `size` and `max_width` are percent of its width, `box_padding` and
`box_radius` are em (times the font size), and outline and shadow are pixels on a 1080-wide
canvas."""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, fields
from typing import Any

from lumiku.services.errors import ServiceError

FONTS = (
    "inter",
    "roboto",
    "open_sans",
    "lato",
    "montserrat",
    "poppins",
    "bebas_neue",
    "playfair",
)  # the keys of fonts.FAMILIES, kept here so that parsing needs no font on disk
ALIGNS = ("left", "center", "right")
MIN_SIZE = 2.5  # percent of the width: the smallest size shrink-to-fit goes down to
REFERENCE_WIDTH = 1080  # outline and shadow pixels are at this canvas width
COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


@dataclass(frozen=True)
class TextStyle:
    font: str = "inter"
    weight: int = 700  # 300..900, step 100
    size: float = 6.0  # font size, percent of the canvas width
    color: str = "#FFFFFF"
    align: str = "center"  # of the lines within the block; also which edge x anchors
    x: float = 50.0  # anchor, percent of the canvas
    y: float = 50.0  # the block's vertical centre, percent of the canvas height
    max_width: float = 80.0  # percent of the canvas width
    line_spacing: float = 1.2  # times the font size
    box_color: str = "#000000"
    box_opacity: int = 0  # percent; 0 = no box
    box_padding: float = 0.5  # em
    box_radius: float = 0.25  # em
    outline_width: float = 0.0  # px at 1080 wide
    outline_color: str = "#000000"
    shadow_x: float = 0.0  # px at 1080 wide
    shadow_y: float = 0.0
    shadow_blur: float = 0.0  # px at 1080 wide, a CSS blur radius (twice the Gaussian sigma)
    shadow_color: str = "#000000"
    shadow_opacity: int = 0  # percent; 0 = no shadow

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def has_box(self) -> bool:
        return self.box_opacity > 0

    @property
    def has_shadow(self) -> bool:
        return self.shadow_opacity > 0


FIELDS = tuple(f.name for f in fields(TextStyle))
# numeric fields: (low, high, whole number)
RANGES: dict[str, tuple[float, float, bool]] = {
    "weight": (300, 900, True),
    "size": (2.0, 20.0, False),
    "x": (0.0, 100.0, False),
    "y": (0.0, 100.0, False),
    "max_width": (20.0, 100.0, False),
    "line_spacing": (0.8, 3.0, False),
    "box_opacity": (0, 100, True),
    "box_padding": (0.0, 3.0, False),
    "box_radius": (0.0, 2.0, False),
    "outline_width": (0.0, 20.0, False),
    "shadow_x": (-50.0, 50.0, False),
    "shadow_y": (-50.0, 50.0, False),
    "shadow_blur": (0.0, 40.0, False),
    "shadow_opacity": (0, 100, True),
}
CHOICES: dict[str, tuple[str, ...]] = {"font": FONTS, "align": ALIGNS}
COLOURS = ("color", "box_color", "outline_color", "shadow_color")


def _shown(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _number(name: str, value: Any) -> int | float:
    low, high, whole = RANGES[name]
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ServiceError("parameter_invalid", name=name)
    if not low <= value <= high:
        raise ServiceError("parameter_out_of_range", name=name, low=_shown(low), high=_shown(high))
    if not whole:
        return float(value)
    if not float(value).is_integer() or (name == "weight" and int(value) % 100):
        raise ServiceError("parameter_invalid", name=name)
    return int(value)


def colour(name: str, value: Any) -> str:
    """#RGB or #RRGGBB in any case, as upper-case #RRGGBB."""
    if not isinstance(value, str) or not COLOUR.fullmatch(value.strip()):
        raise ServiceError("parameter_invalid", name=name)
    digits = value.strip()[1:].upper()
    return "#" + (digits if len(digits) == 6 else "".join(c * 2 for c in digits))


def rgb(value: str) -> tuple[int, int, int]:
    """A parsed colour as (r, g, b)."""
    return int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16)


def parse_style(raw: dict[str, Any]) -> TextStyle:
    """A style from a client's dict: missing keys take the defaults, unknown keys are ignored,
    anything else wrong is refused naming the field."""
    if not isinstance(raw, dict):
        raise ServiceError("carousel_mix_style_invalid")
    values: dict[str, Any] = {}
    for name in FIELDS:
        if name not in raw:
            continue
        value = raw[name]
        if name in RANGES:
            values[name] = _number(name, value)
        elif name in COLOURS:
            values[name] = colour(name, value)
        elif not isinstance(value, str) or value not in CHOICES[name]:
            raise ServiceError("parameter_invalid", name=name)
        else:
            values[name] = value
    return TextStyle(**values)


PRESETS: dict[str, TextStyle] = {
    # Heavy white sans with a soft dark shadow: reads on any photo, the everyday choice.
    "modern_tebal": TextStyle(
        font="inter",
        weight=800,
        size=7.0,
        line_spacing=1.15,
        shadow_y=4.0,
        shadow_blur=14.0,
        shadow_opacity=60,
    ),
    # TikTok's caption look: no background, dark text, white outline, a hard pink offset shadow.
    "tiktok_outline": TextStyle(
        font="montserrat",
        weight=800,
        size=6.5,
        color="#000000",
        line_spacing=1.15,
        outline_width=3.0,
        outline_color="#FFFFFF",
        shadow_x=3.0,
        shadow_y=3.0,
        shadow_blur=0.0,
        shadow_color="#FF0050",
        shadow_opacity=100,
    ),
    # Instagram Stories' text with a background: dark text on a solid rounded white box.
    "instagram_latar": TextStyle(
        font="roboto",
        weight=500,
        size=5.5,
        color="#000000",
        line_spacing=1.25,
        box_color="#FFFFFF",
        box_opacity=100,
        box_padding=0.6,
        box_radius=0.4,
    ),
    # Small, light and low on the picture, left-aligned; a faint shadow keeps it legible.
    "minimalis": TextStyle(
        font="lato",
        weight=400,
        size=4.5,
        align="left",
        x=8.0,
        y=84.0,
        max_width=70.0,
        line_spacing=1.35,
        shadow_y=2.0,
        shadow_blur=10.0,
        shadow_opacity=55,
    ),
    # A near-white core with a wide cyan glow, like a neon tube.
    "neon_glow": TextStyle(
        font="poppins",
        weight=700,
        size=6.5,
        color="#F0FEFF",
        line_spacing=1.25,
        shadow_blur=20.0,
        shadow_color="#00F0FF",
        shadow_opacity=100,
    ),
    # A high-contrast serif, generous spacing, a soft shadow.
    "elegant": TextStyle(
        font="playfair",
        weight=600,
        size=6.0,
        line_spacing=1.3,
        shadow_y=2.0,
        shadow_blur=12.0,
        shadow_opacity=55,
    ),
    # Sticker-like: bold yellow with a thick dark outline and a hard drop below.
    "playful": TextStyle(
        font="poppins",
        weight=800,
        size=7.0,
        color="#FFE14D",
        line_spacing=1.1,
        outline_width=5.0,
        outline_color="#1E1E1E",
        shadow_y=6.0,
        shadow_color="#1E1E1E",
        shadow_opacity=100,
    ),
    # Tall condensed capitals in cream with a hard orange offset shadow, like an old poster.
    "retro": TextStyle(
        font="bebas_neue",
        weight=400,
        size=10.0,
        color="#FFF3D6",
        line_spacing=1.0,
        shadow_x=5.0,
        shadow_y=5.0,
        shadow_color="#E4572E",
        shadow_opacity=100,
    ),
}
