"""A slide: the picture cover-cropped to the canvas around its focal point, the text drawn on
it (`typeset`), saved as JPEG or PNG.

Decoding and resampling the picture is most of a slide's time, and a project's sets reuse the
same pictures over and over: the covered backgrounds of pictures read from files are kept (by
their content, the canvas and the focal point) up to BACKGROUND_CACHE_BYTES per process."""

from __future__ import annotations

import hashlib
import math
import threading
from collections import OrderedDict
from pathlib import Path

from PIL import Image, ImageOps

from lumiku.services.carousel_mix import typeset
from lumiku.services.carousel_mix.style import TextStyle

CANVASES: dict[str, tuple[int, int]] = {
    "1:1": (1080, 1080),
    "4:5": (1080, 1350),
    "9:16": (1080, 1920),
}
DEFAULT_CANVAS = "4:5"
RESAMPLE = Image.Resampling.BICUBIC  # Pillow's default: antialiased, sharp enough at these ratios
FORMATS = {"jpg": "JPEG", "png": "PNG"}
ORIENTATION = 0x0112
BACKGROUND_CACHE_BYTES = 64 * 2**20

_backgrounds: OrderedDict[tuple, Image.Image] = OrderedDict()
_backgrounds_lock = threading.Lock()


def crop_box(
    source: tuple[int, int], size: tuple[int, int], focal: tuple[float, float] = (50.0, 50.0)
) -> tuple[float, float, float, float]:
    """The part of a `source`-sized picture that covers `size` at the same shape, centred on
    the focal point (percent of the source) as far as the picture allows."""
    (width, height), (out_w, out_h) = source, size
    scale = max(out_w / width, out_h / height)
    crop_w, crop_h = out_w / scale, out_h / scale
    fx = min(max(float(focal[0]), 0.0), 100.0) / 100 * width
    fy = min(max(float(focal[1]), 0.0), 100.0) / 100 * height
    left = min(max(fx - crop_w / 2, 0.0), width - crop_w)
    top = min(max(fy - crop_h / 2, 0.0), height - crop_h)
    return left, top, left + crop_w, top + crop_h


def cover(
    image: Image.Image, size: tuple[int, int], focal: tuple[float, float] = (50.0, 50.0)
) -> Image.Image:
    """Scaled to cover `size` and cropped to it, keeping the focal point near the centre; one
    resampling pass (crop and scale together, at sub-pixel precision)."""
    box = crop_box(image.size, size, focal)
    if image.size == tuple(size):
        return image.copy()
    exact = all(float(v).is_integer() for v in box)
    if exact and (box[2] - box[0], box[3] - box[1]) == tuple(size):  # a crop, no scaling
        return image.crop(tuple(int(v) for v in box))
    return image.resize(size, RESAMPLE, box=box, reducing_gap=3.0)


def _prepared(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    """The picture upright and RGB, decoded no larger than covering `size` needs (JPEG's draft
    mode decodes at 1/2, 1/4 or 1/8 when that is still enough)."""
    orientation = image.getexif().get(ORIENTATION, 1) if image.format == "JPEG" else 1
    if image.format == "JPEG" and getattr(image, "tile", None):
        width, height = image.size
        turned = orientation in (5, 6, 7, 8)
        out_w, out_h = (size[1], size[0]) if turned else size
        scale = max(out_w / width, out_h / height)
        if scale < 1:
            image.draft("RGB", (math.ceil(width * scale), math.ceil(height * scale)))
    if orientation != 1:
        image = ImageOps.exif_transpose(image)
    return image if image.mode == "RGB" else image.convert("RGB")


def _content_key(still: Path | Image.Image) -> str | None:
    """A digest of the picture's file: for a path, or for an image opened from a file and not
    decoded yet (so not drawn on either); None otherwise (no caching)."""
    if isinstance(still, Path | str):
        path = still
    elif getattr(still, "filename", None) and getattr(still, "tile", None):
        path = still.filename  # type: ignore[union-attr]
    else:
        return None
    try:
        return hashlib.blake2b(Path(path).read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return None


def background(
    still: Path | Image.Image, canvas: str, focal: tuple[float, float] = (50.0, 50.0)
) -> Image.Image:
    """The picture covered to the canvas around `focal`, RGB: a fresh image the caller may
    draw on. Pictures read from files are cached by content (see BACKGROUND_CACHE_BYTES)."""
    size = CANVASES[canvas]
    digest = _content_key(still)
    key = (digest, size, round(float(focal[0]), 2), round(float(focal[1]), 2))
    if digest:
        with _backgrounds_lock:
            cached = _backgrounds.get(key)
            if cached is not None:
                _backgrounds.move_to_end(key)
                return cached.copy()
    if isinstance(still, Path | str):
        with Image.open(still) as image:
            slide = cover(_prepared(image, size), size, focal)
    else:
        slide = cover(_prepared(still, size), size, focal)
    if slide.mode != "RGB":
        slide = slide.convert("RGB")
    if digest:
        with _backgrounds_lock:
            _backgrounds[key] = slide.copy()
            while sum(_bytes(i) for i in _backgrounds.values()) > BACKGROUND_CACHE_BYTES:
                _backgrounds.popitem(last=False)
    return slide


def _bytes(image: Image.Image) -> int:
    return image.width * image.height * len(image.getbands())


def clear_caches() -> None:
    """Forgets cached backgrounds and overlays (benchmarks, tests)."""
    with _backgrounds_lock:
        _backgrounds.clear()
    typeset.clear_caches()


def render_slide(
    still: Path | Image.Image,
    canvas: str,
    focal: tuple[float, float],
    text: str,
    style: TextStyle,
) -> Image.Image:
    """One slide (RGB, the canvas' size): the still covered around `focal`, the text on it."""
    slide = background(still, canvas, focal)
    overlay = typeset.text_overlay(text, style, CANVASES[canvas])
    slide.paste(overlay.image, (overlay.left, overlay.top), overlay.image)
    return slide


def save(image: Image.Image, out: Path, fmt: str = "jpg", quality: int = 90) -> Path:
    """A slide written as JPEG (`quality`, no metadata) or PNG."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown slide format {fmt!r}")
    if fmt == "jpg":
        rgb = image if image.mode == "RGB" else image.convert("RGB")
        rgb.save(out, "JPEG", quality=quality)
    else:
        image.save(out, "PNG", compress_level=6)
    return out
