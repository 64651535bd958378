"""Carousel Mix's style editor: the user's saved text styles, and the live preview of a slide as
its style is edited (server-rendered by the same code that renders the sets)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from PIL import Image
from sqlmodel import select

from lumiku.db import session_scope
from lumiku.models import CarouselMixPreset, StoredFile
from lumiku.services import owned
from lumiku.services.carousel_mix import canvas, projects, rules, style, typeset
from lumiku.services.errors import NotFound, ServiceError
from lumiku.services.storage import get_storage

MAX_PRESETS = 30
PREVIEW_WIDTH = 540  # what the editor shows: half the canvas, sharp on a phone


@dataclass(frozen=True)
class PresetView:
    id: str
    name: str
    style: dict[str, Any]


def list_presets(user_id: int) -> list[PresetView]:
    with session_scope() as db:
        rows = db.exec(
            select(CarouselMixPreset)
            .where(CarouselMixPreset.user_id == user_id)
            .order_by(CarouselMixPreset.name)
        ).all()
        return [PresetView(r.id, r.name, dict(r.style)) for r in rows]


def save_preset(user_id: int, name: str, raw: dict[str, Any]) -> str:
    """Saving under an existing name replaces that style."""
    parsed = style.parse_style(raw).to_dict()
    name = owned.name(name, 60)
    with session_scope() as db:
        return owned.save_named(
            db,
            CarouselMixPreset,
            user_id,
            name,
            {"style": parsed},
            MAX_PRESETS,
            "carousel_mix_too_many_presets",
        )


def get_preset(user_id: int, preset_id: str) -> PresetView:
    with session_scope() as db:
        row = owned.row(db, CarouselMixPreset, user_id, preset_id)
        return PresetView(row.id, row.name, dict(row.style))


def delete_preset(user_id: int, preset_id: str) -> None:
    with session_scope() as db:
        db.delete(owned.row(db, CarouselMixPreset, user_id, preset_id))


@dataclass(frozen=True)
class Preview:
    jpeg: bytes  # PREVIEW_WIDTH wide
    fits: bool  # False: the text does not fit even at the smallest size


def preview(
    user_id: int, project_id: str, position: int, picture_id: str, text: str, raw: dict[str, Any]
) -> Preview:
    """One slide as a set would have it: the picture (the position's first if `picture_id` is
    not one of its own), the text and the style being edited, unsaved."""
    parsed = style.parse_style(raw)
    if not isinstance(text, str) or len(text) > projects.MAX_TEXT_CHARS:
        raise ServiceError("parameter_invalid", name="text")
    project = projects.get_project(user_id, project_id)
    if isinstance(position, bool) or not isinstance(position, int):
        raise ServiceError("parameter_invalid", name="position")
    if not 1 <= position <= project.slides:
        raise NotFound()
    pictures = project.positions[position - 1].pictures
    if not pictures:
        raise ServiceError("carousel_mix_position_empty", position=position)
    picture = next((p for p in pictures if p.id == picture_id), pictures[0])
    with session_scope() as db:
        key = db.get(StoredFile, picture.still_id).key
    with get_storage().local_copy(key) as still:  # a path: its crop is kept while the style changes
        slide = canvas.render_slide(
            still, project.canvas, (picture.focal_x, picture.focal_y), text, parsed
        )
    fits = typeset.layout(text, parsed, canvas.CANVASES[project.canvas]).fits
    width, height = slide.size
    small = slide.resize((PREVIEW_WIDTH, round(height * PREVIEW_WIDTH / width)), Image.BILINEAR)
    out = io.BytesIO()
    small.save(out, "JPEG", quality=85)
    return Preview(out.getvalue(), fits)


def unfitting_texts(texts: list[str], raw: dict[str, Any], canvas_name: str) -> int:
    """How many of a position's texts do not fit even at the smallest size (each text's longest
    spintax sample is the one checked)."""
    parsed = style.parse_style(raw)
    size = canvas.CANVASES[canvas_name]
    count = 0
    for text in texts:
        longest = max(rules.spin_samples(text, 20), key=len)
        if not typeset.layout(longest, parsed, size).fits:
            count += 1
    return count
