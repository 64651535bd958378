"""Choosing what to edit on a poster: an area marked by clicks and a box (quick: GrabCut on this
server; advanced: a segmentation model such as SAM through the provider layer), or the text
blocks Tesseract finds. All of it is free and interactive: nothing is charged until an edit is
submitted with the area's mask (lumiku.services.poster_editor.edits)."""

from __future__ import annotations

import io
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PIL import Image, ImageChops

from lumiku.db import session_scope
from lumiku.services import ai, ai_models, files, ratelimit
from lumiku.services.errors import ServiceError
from lumiku.services.poster_editor import masks, text
from lumiku.services.poster_editor.posters import current_version, poster_row
from lumiku.services.redis_client import get_redis

SEGMENT_MODEL = "poster-editor:sam"
MODES = ("quick", "advanced")
OVERLAY_SIDE = 1024  # the overlay shown while marking: at most this many px a side
SEGMENT_SIDE = 1024  # the picture a segmentation model is sent: at most this many px a side
MAX_SEGMENT_CALLS = 8  # advanced marks: one model call per click (or one for a box alone)
MAX_BLOCKS_CACHED = 32  # versions whose text blocks are remembered in this process
MAX_PICTURES_CACHED = 2  # versions whose decoded picture is (large: a poster may be 64 MP)
T = TypeVar("T")


@dataclass(frozen=True)
class Area:
    """A selection on the current version: `mask_png` (mode L, the version's size, 255 =
    selected) is what an edit is submitted with."""

    mask_png: bytes
    overlay_png: bytes  # the poster with the area tinted, at most OVERLAY_SIDE a side (JPEG)
    coverage: float  # the share of the poster selected, 0..1
    mode: str  # "quick" | "advanced" | "text"
    width: int
    height: int


@dataclass(frozen=True)
class BlockView:
    index: int
    text: str
    left: int
    top: int
    right: int
    bottom: int
    confidence: float


class _Remembered(Generic[T]):
    """What was worked out for a version, the `most` latest in this process: a version never
    changes, and the user marks the same one click after click."""

    def __init__(self, most: int) -> None:
        self._most, self._lock, self._found = most, threading.Lock(), OrderedDict()

    def get(self, version_id: str, make: Callable[[], T]) -> T:
        with self._lock:
            if version_id in self._found:
                self._found.move_to_end(version_id)
                return self._found[version_id]
        made = make()
        with self._lock:
            self._found[version_id] = made
            while len(self._found) > self._most:
                self._found.popitem(last=False)
        return made


_pictures: _Remembered[Image.Image] = _Remembered(MAX_PICTURES_CACHED)
_blocks: _Remembered[list[text.TextBlock]] = _Remembered(MAX_BLOCKS_CACHED)


def _current(user_id: int, poster_id: Any) -> tuple[str, Image.Image]:
    """The poster's current version (checked to be the user's each time): its id and its
    picture, RGB (or RGBA), read from storage once while it is being marked."""
    with session_scope() as db:
        version = current_version(db, poster_row(db, user_id, poster_id))
        version_id, file_id = version.id, version.file_id

    def read() -> Image.Image:
        picture = Image.open(io.BytesIO(files.read_bytes(user_id, file_id)))
        picture.load()
        return picture.convert("RGBA" if "A" in picture.getbands() else "RGB")

    return version_id, _pictures.get(version_id, read)


def _area(picture: Image.Image, mask: Image.Image, mode: str) -> Area:
    mask = mask.convert("L").point(lambda v: 255 if v > 127 else 0)
    buffer = io.BytesIO()
    mask.save(buffer, "PNG", optimize=True)
    preview = masks.overlay(picture, mask)
    preview.thumbnail((OVERLAY_SIDE, OVERLAY_SIDE), Image.Resampling.BILINEAR)
    shown = io.BytesIO()
    preview.save(shown, "JPEG", quality=85)
    histogram = mask.histogram()
    coverage = histogram[255] / max(1, mask.width * mask.height)
    return Area(buffer.getvalue(), shown.getvalue(), round(coverage, 4), mode, *mask.size)


def mark(user_id: int, poster_id: Any, marks: Any, mode: Any = "quick") -> Area:
    """The area the marks select on the current version (marks in its pixels:
    {"positive": [[x, y], ...], "negative": [...], "box": [l, t, r, b] | None})."""
    if not isinstance(mode, str) or mode not in MODES:
        raise ServiceError("parameter_invalid", name="mode")
    _version_id, picture = _current(user_id, poster_id)
    parsed = masks.parse_marks(marks, *picture.size)
    quick = mode == "quick"
    mask = masks.mask_from_marks(picture, parsed) if quick else _segment(user_id, picture, parsed)
    if mask.getbbox() is None:
        raise ServiceError("poster_editor_area_empty")
    return _area(picture, mask, mode)


def _segment(user_id: int, picture: Image.Image, marks: masks.Marks) -> Image.Image:
    """The segments a model finds under each positive click (or in the box), joined, less
    those under the negative clicks. The model sees the poster at most SEGMENT_SIDE a side."""
    spec = ai_models.helper_spec(SEGMENT_MODEL)
    calls = len(marks.positive) + len(marks.negative) + (not marks.positive)
    if calls > MAX_SEGMENT_CALLS:
        raise ServiceError("poster_editor_too_many_clicks", max=MAX_SEGMENT_CALLS)
    ratelimit.hit(get_redis(), ratelimit.SEGMENTING_PER_USER, str(user_id))
    scale = min(1.0, SEGMENT_SIDE / max(picture.size))
    small = picture.convert("RGB")
    if scale < 1:
        small = small.resize(
            (max(1, round(small.width * scale)), max(1, round(small.height * scale))),
            Image.Resampling.LANCZOS,
        )
    buffer = io.BytesIO()
    small.save(buffer, "PNG")
    sent = buffer.getvalue()

    def at(x: int, y: int) -> tuple[int, int]:
        return min(small.width - 1, int(x * scale)), min(small.height - 1, int(y * scale))

    def call(**where: Any) -> Image.Image:
        try:
            found = ai.segment(spec, sent, **where)
        except ai.AIError as exc:
            raise ServiceError(exc.code) from exc
        return Image.open(io.BytesIO(found)).convert("L").resize(small.size)

    joined = Image.new("L", small.size, 0)
    if marks.positive:
        for x, y in marks.positive:
            joined = ImageChops.lighter(joined, call(point=at(x, y)))
    else:
        left, top, right, bottom = marks.box or (0, 0, *picture.size)
        box = (int(left * scale), int(top * scale), int(right * scale), int(bottom * scale))
        joined = call(box=box)
    for x, y in marks.negative:
        joined = ImageChops.subtract(joined, call(point=at(x, y)))
    mask = joined.resize(picture.size, Image.Resampling.BILINEAR)
    return mask.point(lambda v: 255 if v > 127 else 0)


# ------------------------------------------------------------------ text


def _detected(user_id: int, poster_id: Any) -> tuple[Image.Image, list[text.TextBlock]]:
    version_id, picture = _current(user_id, poster_id)
    return picture, _blocks.get(version_id, lambda: text.detect(picture))


def text_blocks(user_id: int, poster_id: Any) -> list[BlockView]:
    """The lines of text Tesseract reads on the current version, top to bottom."""
    _picture, found = _detected(user_id, poster_id)
    return [BlockView(n, block.text, *block.box, block.confidence) for n, block in enumerate(found)]


def text_area(user_id: int, poster_id: Any, indexes: Any) -> Area:
    """The area covering the chosen text blocks (their `index` in text_blocks)."""
    picture, found = _detected(user_id, poster_id)
    if (
        not isinstance(indexes, list | tuple)
        or not indexes
        or len(indexes) > max(1, len(found))
        or any(isinstance(i, bool) or not isinstance(i, int) for i in indexes)
        or len(set(indexes)) != len(indexes)
    ):
        raise ServiceError("parameter_invalid", name="indexes")
    if any(not 0 <= i < len(found) for i in indexes):
        raise ServiceError(
            "parameter_out_of_range", name="indexes", low=0, high=max(0, len(found) - 1)
        )
    mask = text.text_mask(picture.size, [found[i] for i in indexes])
    return _area(picture, mask, "text")
