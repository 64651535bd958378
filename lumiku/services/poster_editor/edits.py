"""Edits and exports of a poster, as generations of the engine: priced on the server through
the registry (rules.price_rule), held at submit, refunded for what is not made.

An edit is one item per area (remove, replace, quick_remove: a batch of 1..MAX_AREAS areas;
the text removals: one area, the text's mask) or one item (upscale). The model is the action's:
local actions run on this server's CPU (poster-editor:quick-edit, the app's "media" queue),
provider actions on their registry row, their items on the "ai" queue. Every item paints its
area on the version the edit started from; `deliver` turns each into a new version, and when
the same edit already made one, pastes this item's area onto it, so the last version of a
batch holds every area. An export is one item: the picture in one format, or a ZIP of several;
it makes no version."""

from __future__ import annotations

import base64
import binascii
import io
import re
import secrets
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PIL import Image
from sqlmodel import Session, select

from lumiku.db import session_scope, utcnow
from lumiku.models import (
    Generation,
    GenerationItem,
    PosterEditorPoster,
    PosterEditorVersion,
    StoredFile,
)
from lumiku.services import billing, files, generations
from lumiku.services.carousel_mix.style import FONTS
from lumiku.services.errors import ServiceError
from lumiku.services.generations import ItemContext
from lumiku.services.poster_editor import masks, rules, text
from lumiku.services.poster_editor.formats import DEFAULT_METHOD, FORMATS, METHODS, PACKS
from lumiku.services.poster_editor.posters import (
    APP_ID,
    MAX_PIXELS,
    MAX_VERSIONS,
    current_version,
    next_number,
    poster_row,
    version_count,
)

QUICK_MODEL = "poster-editor:quick-edit"
MODEL_OF = {
    "quick_remove": QUICK_MODEL,
    "quick_remove_text": QUICK_MODEL,
    "remove": "poster-editor:flux-fill",
    "replace": "poster-editor:flux-fill",
    "remove_text": "poster-editor:flux-fill",
    "upscale": "poster-editor:real-esrgan",
}
TEXT_ACTIONS = ("quick_remove_text", "remove_text")
MAX_AREAS = 8  # areas of one batch
MAX_TEXTS = 20  # new texts written after a text removal
MAX_MASK_BYTES = 16 * 2**20
FULL = 0.995  # a mask selecting more than this share of the poster selects everything
COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass(frozen=True)
class Area:
    mask: Image.Image  # mode L, 0 or 255, the current version's size
    prompt: str


@dataclass(frozen=True)
class EditRequest:
    poster_id: str
    poster_name: str
    version_id: str
    file_id: str
    size: tuple[int, int]
    action: str
    model_key: str
    areas: tuple[Area, ...]
    texts: tuple[dict[str, Any], ...]
    scale: int | None

    @property
    def price_params(self) -> dict[str, Any]:
        if self.scale is not None:
            return {"action": self.action, "scale": self.scale}
        return {"action": self.action}

    @property
    def quantity(self) -> int:
        return max(1, len(self.areas))


# ------------------------------------------------------------------ checking a request


def _dict(raw: Any, name: str = "request") -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise ServiceError("parameter_invalid", name=name)
    return raw


def _base(user_id: int, raw: dict[str, Any]) -> tuple[PosterEditorPoster, PosterEditorVersion]:
    with session_scope() as db:
        poster = poster_row(db, user_id, raw.get("poster_id"))
        version = current_version(db, poster)
        db.expunge(poster)
        db.expunge(version)
        return poster, version


def _mask(raw: Any, size: tuple[int, int]) -> Image.Image:
    """An area's mask as the client sends it back: PNG bytes (or their base64, a data URL's
    included), the poster's size, neither empty nor the whole poster."""
    data = raw
    if isinstance(raw, str):
        encoded = raw.split(",", 1)[1] if raw.startswith("data:") else raw
        try:
            data = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            raise ServiceError("poster_editor_mask_invalid") from None
    if not isinstance(data, bytes | bytearray) or not data or len(data) > MAX_MASK_BYTES:
        raise ServiceError("poster_editor_mask_invalid")
    try:
        image = Image.open(io.BytesIO(data))
        if image.size != size:
            raise ServiceError("poster_editor_mask_invalid")
        image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ServiceError("poster_editor_mask_invalid") from None
    mask = image.convert("L").point(lambda v: 255 if v > 127 else 0)
    selected = mask.histogram()[255]
    if selected == 0:
        raise ServiceError("poster_editor_mask_empty")
    if selected > FULL * size[0] * size[1]:
        raise ServiceError("poster_editor_mask_everything")
    return mask


def _texts(raw: Any, size: tuple[int, int]) -> tuple[dict[str, Any], ...]:
    """New words for the removed text's place: [{"text", "box": [l, t, r, b], "color"?,
    "font"?}], each checked."""
    if raw is None:
        return ()
    if not isinstance(raw, list) or len(raw) > MAX_TEXTS:
        raise ServiceError("parameter_out_of_range", name="texts", low=0, high=MAX_TEXTS)
    found = []
    for entry in raw:
        entry = _dict(entry, "texts")
        words = entry.get("text")
        if not isinstance(words, str):
            raise ServiceError("parameter_invalid", name="text")
        words = " ".join(words.split())
        if not 1 <= len(words) <= text.MAX_NEW_TEXT:
            raise ServiceError("parameter_out_of_range", name="text", low=1, high=text.MAX_NEW_TEXT)
        box = entry.get("box")
        if (
            not isinstance(box, list | tuple)
            or len(box) != 4
            or any(isinstance(v, bool) or not isinstance(v, int) for v in box)
            or not (0 <= box[0] < box[2] <= size[0] and 0 <= box[1] < box[3] <= size[1])
            or box[2] - box[0] < 4
            or box[3] - box[1] < 4
        ):
            raise ServiceError("parameter_invalid", name="box")
        color = entry.get("color")
        if color is not None and (not isinstance(color, str) or not COLOUR.fullmatch(color)):
            raise ServiceError("parameter_invalid", name="color")
        font = entry.get("font", "inter")
        if not isinstance(font, str) or font not in FONTS:
            raise ServiceError("parameter_invalid", name="font")
        found.append(
            {"text": words, "box": list(box), "color": color.upper() if color else None}
            | {"font": font}
        )
    return tuple(found)


def _scale(raw: Any, size: tuple[int, int]) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or raw not in rules.SCALES:
        raise ServiceError("parameter_invalid", name="scale")
    largest = max((s for s in rules.SCALES if size[0] * size[1] * s * s <= MAX_PIXELS), default=0)
    if largest == 0:
        raise ServiceError("poster_editor_too_large_to_upscale", max_mp=MAX_PIXELS // 10**6)
    if raw > largest:
        raise ServiceError("parameter_out_of_range", name="scale", low=2, high=largest)
    return raw


def parse(user_id: int, raw: Any) -> EditRequest:
    raw = _dict(raw)
    action = raw.get("action")
    if not isinstance(action, str) or action not in MODEL_OF:
        raise ServiceError("parameter_invalid", name="action")
    poster, version = _base(user_id, raw)
    size = (version.width, version.height)
    with session_scope() as db:
        if version_count(db, poster.id) >= MAX_VERSIONS:
            raise ServiceError("poster_editor_history_full", max=MAX_VERSIONS)
    areas_raw = raw.get("areas")
    scale, texts = None, ()
    if action == "upscale":
        if areas_raw not in (None, []):
            raise ServiceError("parameter_invalid", name="areas")
        scale = _scale(raw.get("scale"), size)
        areas: tuple[Area, ...] = ()
    else:
        most = 1 if action in TEXT_ACTIONS else MAX_AREAS
        if not isinstance(areas_raw, list) or not 1 <= len(areas_raw) <= most:
            raise ServiceError("parameter_out_of_range", name="areas", low=1, high=most)
        areas = tuple(
            Area(
                _mask(_dict(area, "areas").get("mask"), size),
                rules.prompt_text(action, area.get("prompt")),
            )
            for area in areas_raw
        )
        if action in TEXT_ACTIONS:
            texts = _texts(raw.get("texts"), size)
        elif raw.get("texts") not in (None, []):
            raise ServiceError("parameter_invalid", name="texts")
    return EditRequest(
        poster.id,
        poster.name,
        version.id,
        version.file_id or "",
        size,
        action,
        MODEL_OF[action],
        areas,
        texts,
        scale,
    )


# ------------------------------------------------------------------ edits


def estimate(user_id: int, raw: Any) -> billing.Quote:
    request = parse(user_id, raw)
    return billing.quote(user_id, APP_ID, request.model_key, request.price_params, request.quantity)


def submit(user_id: int, raw: Any, key: str) -> str:
    """Holds the edit's price and queues its items; the masks are stored as the user's files
    (each version names the one it was made with). Replaying `key` returns the same edit."""
    request = parse(user_id, raw)
    action = rules.ACTIONS[request.action]
    mask_ids: list[str] = []
    try:
        with tempfile.TemporaryDirectory() as folder:
            for n, area in enumerate(request.areas):
                path = Path(folder) / f"mask-{n + 1}.png"
                area.mask.save(path, "PNG", optimize=True)
                mask_ids.append(files.store_upload(user_id, path, path.name, {"image"}).id)
        queue = {"queue": "ai"} if action.kind == "advanced" else {}
        if request.areas:
            items = [
                {"mask_id": mask_id, "prompt": area.prompt, **queue}
                for mask_id, area in zip(mask_ids, request.areas, strict=True)
            ]
            if request.texts:
                items[0]["texts"] = [dict(t) for t in request.texts]
        else:
            items = [{"scale": request.scale, **queue}]
        generation_id = generations.submit(
            user_id,
            APP_ID,
            request.model_key,
            title=_title(request.poster_name, _what(request), len(items)),
            items=items,
            settings={
                "kind": "edit",
                "poster_id": request.poster_id,
                "base_version_id": request.version_id,
                "base_file_id": request.file_id,
                "action": request.action,
                "mode": action.kind,
                "model_key": request.model_key,
            },
            price_params=request.price_params,
            key=key,
            project_id=request.poster_id,
            name=request.poster_name,
        )
    except BaseException:
        files.delete_files(user_id, mask_ids)
        raise
    with session_scope() as db:  # a replayed key: its own masks stand, these go
        used = {
            p.get("mask_id")
            for p in db.exec(
                select(GenerationItem.params).where(GenerationItem.generation_id == generation_id)
            ).all()
        }
    files.delete_files(user_id, [i for i in mask_ids if i not in used])
    with session_scope() as db:
        found = db.get(PosterEditorPoster, request.poster_id)
        if found is not None:
            found.updated_at = utcnow()
    return generation_id


# ------------------------------------------------------------------ exports


@dataclass(frozen=True)
class ExportRequest:
    poster_id: str
    poster_name: str
    version_id: str
    file_id: str
    formats: tuple[str, ...]
    pack: str
    method: str
    upscaled: int

    @property
    def price_params(self) -> dict[str, Any]:
        return {
            "action": "export_format",
            "formats": len(self.formats),
            "formats_upscaled": self.upscaled,
        }


def parse_export(user_id: int, raw: Any) -> ExportRequest:
    raw = _dict(raw)
    pack, chosen = raw.get("pack"), raw.get("formats")
    if (pack is None) == (chosen is None):
        raise ServiceError("parameter_invalid", name="formats")
    if pack is not None:
        if not isinstance(pack, str) or pack not in PACKS:
            raise ServiceError("parameter_invalid", name="pack")
        keys = PACKS[pack]
    else:
        if not isinstance(chosen, list) or not 1 <= len(chosen) <= len(FORMATS):
            raise ServiceError("parameter_out_of_range", name="formats", low=1, high=len(FORMATS))
        if any(not isinstance(k, str) or k not in FORMATS for k in chosen) or len(
            set(chosen)
        ) != len(chosen):
            raise ServiceError("parameter_invalid", name="formats")
        keys, pack = tuple(chosen), ""
    method = raw.get("method", DEFAULT_METHOD)
    if not isinstance(method, str) or method not in METHODS:
        raise ServiceError("parameter_invalid", name="method")
    poster, version = _base(user_id, raw)
    upscaled = rules.upscaled_formats((version.width, version.height), keys, method)
    return ExportRequest(
        poster.id, poster.name, version.id, version.file_id or "", keys, pack, method, upscaled
    )


# What My work's cards call an edit or an export: a title is stored once, in no one language
# (services do not translate), so these are the names the tools show in both.
ACTION_TITLES = {
    "remove": "Remove",
    "replace": "Replace",
    "quick_remove": "Quick remove",
    "remove_text": "Remove text",
    "quick_remove_text": "Quick remove text",
    "upscale": "Upscale",
}
PACK_TITLES = {
    "SOCIAL_PACK": "Social pack",
    "PRINT_PACK": "Print pack",
    "RESTAURANT_PACK": "Restaurant pack",
    "COMPLETE_PACK": "Complete pack",
}


def _what(request: EditRequest) -> str:
    name = ACTION_TITLES[request.action]
    return f"{name} {request.scale}×" if request.action == "upscale" else name


def _title(poster_name: str, what: str, areas: int = 1) -> str:
    """ "Lebaran · Remove × 3": the poster, what is done to it, and to how many areas."""
    return f"{poster_name} · {what}{f' × {areas}' if areas > 1 else ''}"[:200]


def export_estimate(user_id: int, raw: Any) -> billing.Quote:
    request = parse_export(user_id, raw)
    return billing.quote(user_id, APP_ID, QUICK_MODEL, request.price_params, 1)


def export(user_id: int, raw: Any, key: str) -> str:
    """One item: the current version in one format (a picture) or several (a ZIP). Free unless
    a format enlarges the poster."""
    request = parse_export(user_id, raw)
    what = PACK_TITLES.get(request.pack) or ", ".join(FORMATS[k].name for k in request.formats)
    title = _title(request.poster_name, what)
    return generations.submit(
        user_id,
        APP_ID,
        QUICK_MODEL,
        title=title[:200],
        items=[{"formats": list(request.formats), "pack": request.pack}],
        settings={
            "kind": "export",
            "poster_id": request.poster_id,
            "base_version_id": request.version_id,
            "base_file_id": request.file_id,
            "method": request.method,
            "action": "export_format",
            "mode": "local",
            "model_key": QUICK_MODEL,
        },
        price_params=request.price_params,
        key=key,
        project_id=request.poster_id,
        name=request.poster_name,
    )


# ------------------------------------------------------------------ delivery


def _picture(user_id: int, file_id: str) -> Image.Image:
    image = Image.open(io.BytesIO(files.read_bytes(user_id, file_id)))
    image.load()
    return image


def deliver(db: Session, ctx: ItemContext, file_ids: list[str]) -> None:
    """The engine's `deliver` step: an edit item's output becomes a new version (once per
    item), the poster locked so a batch's items add theirs one at a time; an export makes
    nothing."""
    settings = ctx.settings
    if settings.get("kind") != "edit":
        return
    if db.exec(
        select(PosterEditorVersion).where(PosterEditorVersion.item_id == ctx.item_id)
    ).first():
        return
    poster = db.get(PosterEditorPoster, settings["poster_id"], with_for_update=True)
    if poster is None or poster.user_id != ctx.user_id:
        return  # deleted meanwhile: the output stays in My work
    previous = db.exec(
        select(PosterEditorVersion)
        .where(
            PosterEditorVersion.poster_id == poster.id,
            PosterEditorVersion.generation_id == ctx.generation_id,
        )
        .order_by(PosterEditorVersion.number.desc())
    ).first()
    mask_id = ctx.params.get("mask_id")
    if previous is None or not previous.file_id or not mask_id:
        file_id, parent_id = file_ids[0], settings["base_version_id"]
        files.keep(db, ctx.user_id, file_id)
    else:  # this batch made a version already: this item's area goes onto it
        latest = _picture(ctx.user_id, previous.file_id)
        combined = masks.paste_area(
            latest, _picture(ctx.user_id, file_ids[0]), _picture(ctx.user_id, mask_id)
        )
        path = ctx.workdir / f"composite-{ctx.index + 1:03d}.png"
        combined.save(path, "PNG")
        key = f"outputs/{ctx.user_id}/{ctx.generation_id}/{ctx.index + 1:03d}-composite.png"
        name = f"{ctx.file_stem}-{ctx.index + 1:02d}-composite.png"
        file_id = files.store_kept(db, ctx.user_id, path, key, name).id
        parent_id = previous.id
    stored = db.get(StoredFile, file_id)
    version = PosterEditorVersion(
        id=secrets.token_hex(16),
        user_id=ctx.user_id,
        poster_id=poster.id,
        number=next_number(db, poster.id),
        parent_id=parent_id,
        file_id=file_id,
        mask_id=mask_id if isinstance(mask_id, str) else None,
        width=stored.width or 0,
        height=stored.height or 0,
        action=settings["action"],
        mode=settings["mode"],
        served_by=str(ctx.notes.get("served_by") or settings.get("model_key", ""))[:100],
        prompt=str(ctx.params.get("prompt") or "")[:300],
        generation_id=ctx.generation_id,
        item_id=ctx.item_id,
    )
    db.add(version)
    poster.current_version_id, poster.updated_at = version.id, utcnow()


# ------------------------------------------------------------------ reading


def active_generations(user_id: int, poster_id: Any) -> list[str]:
    """The poster's edits and exports still being made, for the page's progress."""
    if not isinstance(poster_id, str):
        return []
    return generations.active_ids(user_id, APP_ID, poster_id)


@dataclass(frozen=True)
class ExportView:
    generation_id: str
    status: str
    file_id: str  # "" until made (or when it failed)
    formats: list[str]
    pack: str
    method: str
    cost: int
    unit: str
    created_at: datetime


def recent_exports(user_id: int, poster_id: Any, limit: int = 10) -> list[ExportView]:
    """The poster's latest exports, newest first."""
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= 50:
        raise ServiceError("parameter_out_of_range", name="limit", low=1, high=50)
    with session_scope() as db:
        found = poster_row(db, user_id, poster_id)
        rows = db.exec(
            select(Generation, GenerationItem)
            .join(GenerationItem, GenerationItem.generation_id == Generation.id)
            .where(
                Generation.user_id == user_id,
                Generation.app_id == APP_ID,
                Generation.project_id == found.id,
            )
            .order_by(Generation.created_at.desc(), Generation.id)
            .limit(200)
        ).all()
        views = []
        for generation, item in rows:
            if generation.settings.get("kind") != "export":
                continue
            views.append(
                ExportView(
                    generation.id,
                    generation.status,
                    item.file_id or "",
                    list(item.params.get("formats") or []),
                    str(item.params.get("pack") or ""),
                    str(generation.settings.get("method", "")),
                    generation.cost,
                    generation.unit,
                    generation.created_at,
                )
            )
        return views[:limit]
