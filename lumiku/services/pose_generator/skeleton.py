"""The OpenPose skeleton image: what ControlNet's OpenPose models take as their control image.

It is drawn the way the OpenPose annotator draws it (lllyasviel's ControlNet, controlnet_aux):
on black, each of the 17 limbs a filled ellipse along its two keypoints in its conventional
colour at 60% (`LIMB_SHADE`), then every visible keypoint as a dot in its full colour. Pure
Pillow; keypoints are normalised to the library's 3:4 canvas (see `poses`).
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence

from PIL import Image, ImageDraw

from lumiku.services.pose_generator.poses import ASPECT

Point = tuple[float, float] | None

# The limbs as pairs of keypoint indexes (OpenPose's limbSeq, 0-based, the 17 it draws).
LIMBS: tuple[tuple[int, int], ...] = (
    (1, 2),  # neck - right shoulder
    (1, 5),  # neck - left shoulder
    (2, 3),  # right upper arm
    (3, 4),  # right forearm
    (5, 6),  # left upper arm
    (6, 7),  # left forearm
    (1, 8),  # neck - right hip
    (8, 9),  # right thigh
    (9, 10),  # right shin
    (1, 11),  # neck - left hip
    (11, 12),  # left thigh
    (12, 13),  # left shin
    (1, 0),  # neck - nose
    (0, 14),  # nose - right eye
    (14, 16),  # right eye - right ear
    (0, 15),  # nose - left eye
    (15, 17),  # left eye - left ear
)
# OpenPose's colours: COLORS[i] is limb i's and keypoint i's (the 18th is only a keypoint's).
COLORS: tuple[tuple[int, int, int], ...] = (
    (255, 0, 0),
    (255, 85, 0),
    (255, 170, 0),
    (255, 255, 0),
    (170, 255, 0),
    (85, 255, 0),
    (0, 255, 0),
    (0, 255, 85),
    (0, 255, 170),
    (0, 255, 255),
    (0, 170, 255),
    (0, 85, 255),
    (0, 0, 255),
    (85, 0, 255),
    (170, 0, 255),
    (255, 0, 255),
    (255, 0, 170),
    (255, 0, 85),
)
LIMB_COLORS = COLORS[: len(LIMBS)]
LIMB_SHADE = 0.6  # a limb is its colour at this strength over the background
PREVIEW_BACKGROUND = (28, 28, 32)


def _rgb(colour: str | tuple[int, int, int]) -> tuple[int, int, int]:
    if isinstance(colour, str):
        return Image.new("RGB", (1, 1), colour).getpixel((0, 0))  # type: ignore[return-value]
    return colour


def limb_colour(i: int, background: str | tuple[int, int, int] = "black") -> tuple[int, int, int]:
    """The colour limb `i` is drawn in over `background`."""
    bg = _rgb(background)
    return tuple(  # type: ignore[return-value]
        round(LIMB_SHADE * c + (1 - LIMB_SHADE) * b) for c, b in zip(COLORS[i], bg, strict=True)
    )


def fit_to(keypoints: Sequence[Point], w: int, h: int) -> list[tuple[float, float] | None]:
    """The keypoints in pixels of a w x h image: the 3:4 canvas scaled to fit inside it, centred
    (a 3:4 image is the canvas exactly; any other keeps the body's proportions)."""
    cw = min(w, h * ASPECT)
    ch = cw / ASPECT
    x0, y0 = (w - cw) / 2, (h - ch) / 2
    return [None if p is None else (x0 + p[0] * cw, y0 + p[1] * ch) for p in keypoints]


def _ellipse(a: tuple[float, float], b: tuple[float, float], half_width: float) -> list:
    """The outline of the ellipse whose long axis runs from a to b (like cv2.ellipse2Poly)."""
    mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
    half_length = math.dist(a, b) / 2
    angle = math.atan2(b[1] - a[1], b[0] - a[0])
    ca, sa = math.cos(angle), math.sin(angle)
    outline = []
    for step in range(0, 360, 6):
        t = math.radians(step)
        ex, ey = half_length * math.cos(t), half_width * math.sin(t)
        outline.append((mx + ex * ca - ey * sa, my + ex * sa + ey * ca))
    return outline


def draw(
    keypoints: Sequence[Point],
    size: tuple[int, int] = (512, 683),
    *,
    background: str | tuple[int, int, int] = "black",
    thickness: float | None = None,
) -> Image.Image:
    """The skeleton as an RGB image of `size` (w, h). `thickness` is a limb's width in pixels
    (OpenPose's 8 at 512 px by default, scaled with the image); a dot is as wide as a limb."""
    w, h = size
    if thickness is None:
        thickness = max(2.0, min(w, h) / 64)
    image = Image.new("RGB", (w, h), _rgb(background))
    pen = ImageDraw.Draw(image)
    points = fit_to(keypoints, w, h)
    for i, (a, b) in enumerate(LIMBS):
        pa, pb = points[a], points[b]
        if pa is None or pb is None:
            continue
        pen.polygon(_ellipse(pa, pb, thickness / 2), fill=limb_colour(i, background))
    r = thickness / 2
    for i, p in enumerate(points):
        if p is not None:
            pen.ellipse((p[0] - r, p[1] - r, p[0] + r, p[1] + r), fill=COLORS[i])
    return image


def preview_png(keypoints: Sequence[Point], width: int = 240) -> bytes:
    """A small PNG of the skeleton on a dark neutral background, for the library's cards."""
    height = round(width / ASPECT)
    image = draw(
        keypoints,
        (width, height),
        background=PREVIEW_BACKGROUND,
        thickness=max(3.0, width / 40),
    )
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
