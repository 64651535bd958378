"""Looping Flow's projects: source clips, the clip being looped and its loop points, sound
layers, the free preview, the estimate shown before spending, and the generation itself. Every
function takes the acting user and checks that the project, clip or layer is theirs; someone
else's looks exactly like a missing one."""

from __future__ import annotations

import secrets
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from lumiku.db import session_scope, utcnow
from lumiku.models import (
    LoopingFlowClip,
    LoopingFlowLayer,
    LoopingFlowProject,
    StoredFile,
    User,
)
from lumiku.services import billing, files, generations, media, owned
from lumiku.services.errors import ServiceError
from lumiku.services.looping_flow import loop_point, render, rules
from lumiku.services.storage import get_storage

APP_ID = "looping-flow"
MODEL_KEY = "looping-flow:ffmpeg-loop"
MAX_CLIPS = 10
MAX_CLIP_SECONDS = 10 * 60  # a loop is made from a moment, not a film
MAX_LAYER_SECONDS = 60 * 60
PAGE_SIZE = 12


def _project(db: Session, user_id: int, project_id: Any, lock: bool = False) -> LoopingFlowProject:
    return owned.row(db, LoopingFlowProject, user_id, project_id, lock=lock)


def _part(db: Session, user_id: int, model: type, row_id: Any) -> Any:
    return owned.part(db, model, LoopingFlowProject, user_id, row_id)


def _touch(project: LoopingFlowProject) -> None:
    project.updated_at = utcnow()


# ------------------------------------------------------------------ reading


@dataclass(frozen=True)
class ProjectSummary:
    id: str
    name: str
    description: str
    clips: int
    layers: int
    updated_at: datetime


@dataclass(frozen=True)
class ClipView:
    id: str
    name: str
    duration: float
    size_bytes: int
    width: int
    height: int
    file_id: str
    thumbnail_id: str


@dataclass(frozen=True)
class LayerView:
    id: str
    name: str
    duration: float
    file_id: str
    volume: int
    muted: bool
    fade_in: float
    fade_out: float


@dataclass(frozen=True)
class ProjectDetail:
    id: str
    name: str
    description: str
    clip_id: str  # "" until one is chosen
    settings: dict[str, Any]
    clips: list[ClipView]
    layers: list[LayerView]
    preview_id: str

    @property
    def clip(self) -> ClipView | None:
        return next((c for c in self.clips if c.id == self.clip_id), None)


def list_projects(user_id: int, page: int = 1) -> owned.ProjectPage[ProjectSummary]:
    with session_scope() as db:
        found = owned.projects_page(db, LoopingFlowProject, user_id, page, PAGE_SIZE)
        ids = [p.id for p in found.rows]

        clips, layers = (
            owned.children(db, LoopingFlowClip, ids),
            owned.children(db, LoopingFlowLayer, ids),
        )
        rows = [
            ProjectSummary(
                p.id, p.name, p.description, clips.get(p.id, 0), layers.get(p.id, 0), p.updated_at
            )
            for p in found.rows
        ]
        return owned.ProjectPage(rows, found.page, found.pages, found.total)


def get_project(user_id: int, project_id: str) -> ProjectDetail:
    with session_scope() as db:
        project = _project(db, user_id, project_id)
        clips = db.exec(
            select(LoopingFlowClip, StoredFile)
            .join(StoredFile, StoredFile.id == LoopingFlowClip.file_id)
            .where(LoopingFlowClip.project_id == project.id)
            .order_by(LoopingFlowClip.created_at, LoopingFlowClip.id)
        ).all()
        layers = db.exec(
            select(LoopingFlowLayer, StoredFile)
            .join(StoredFile, StoredFile.id == LoopingFlowLayer.file_id)
            .where(LoopingFlowLayer.project_id == project.id)
            .order_by(LoopingFlowLayer.created_at, LoopingFlowLayer.id)
        ).all()
        clip_views = [
            ClipView(
                c.id,
                f.original_name or "video",
                f.duration_seconds or 0.0,
                f.size_bytes,
                f.width or 0,
                f.height or 0,
                f.id,
                c.thumbnail_id or "",
            )
            for c, f in clips
        ]
        return ProjectDetail(
            project.id,
            project.name,
            project.description,
            project.clip_id if any(c.id == project.clip_id for c in clip_views) else "",
            dict(project.settings),
            clip_views,
            [
                LayerView(
                    la.id,
                    f.original_name or "audio",
                    f.duration_seconds or 0.0,
                    f.id,
                    la.volume,
                    la.muted,
                    la.fade_in,
                    la.fade_out,
                )
                for la, f in layers
            ],
            project.preview_id or "",
        )


# ------------------------------------------------------------------ projects


def create_project(user_id: int, name: str, description: str = "") -> str:
    return owned.create_project(
        LoopingFlowProject, user_id, name, description, settings=rules.LoopSettings().to_dict()
    )


def rename_project(user_id: int, project_id: str, name: str, description: str = "") -> None:
    owned.rename_project(LoopingFlowProject, user_id, project_id, name, description)


def delete_project(user_id: int, project_id: str) -> int:
    """Removes the project with its clips, layers, preview and made loops."""

    def project_files(db: Session, project: LoopingFlowProject) -> list[str]:
        clips = db.exec(select(LoopingFlowClip).where(LoopingFlowClip.project_id == project.id))
        layers = db.exec(select(LoopingFlowLayer).where(LoopingFlowLayer.project_id == project.id))
        found = [i for c in clips for i in (c.file_id, c.thumbnail_id)]
        return [*found, *(la.file_id for la in layers), project.preview_id]

    return owned.delete_project(LoopingFlowProject, user_id, project_id, project_files)


# ------------------------------------------------------------------ clips


def _count(db: Session, model: type, project_id: str) -> int:
    return db.exec(
        select(func.count()).select_from(model).where(model.project_id == project_id)
    ).one()


def add_clip(user_id: int, project_id: str, path: Path, original_name: str) -> str:
    """Checks the upload (a whole, readable video of at most ten minutes), stores it with a
    thumbnail; the first clip becomes the one looped."""
    with session_scope() as db:
        project = _project(db, user_id, project_id)
        if _count(db, LoopingFlowClip, project.id) >= MAX_CLIPS:
            raise ServiceError("looping_flow_too_many_clips", max=MAX_CLIPS)
    video = files.store_upload(user_id, path, original_name, {"video"}, MAX_CLIP_SECONDS)
    stored = [video.id]
    try:
        with tempfile.TemporaryDirectory() as folder:
            thumb = Path(folder) / "thumb.jpg"
            media.video_thumbnail(path, thumb, video.duration_seconds or 0.0)
            stored.append(files.store_upload(user_id, thumb, "thumbnail.jpg", {"image"}).id)
        with session_scope() as db:
            project = _project(db, user_id, project_id, lock=True)
            if _count(db, LoopingFlowClip, project.id) >= MAX_CLIPS:
                raise ServiceError("looping_flow_too_many_clips", max=MAX_CLIPS)
            clip = LoopingFlowClip(
                id=secrets.token_hex(16),
                project_id=project.id,
                file_id=video.id,
                thumbnail_id=stored[1],
            )
            db.add(clip)
            if not project.clip_id:
                project.clip_id = clip.id
            _touch(project)
            return clip.id
    except BaseException:
        files.delete_files(user_id, stored)
        raise


def clip_room(user_id: int, project_id: str) -> int:
    with session_scope() as db:
        project = _project(db, user_id, project_id)
        return max(0, MAX_CLIPS - _count(db, LoopingFlowClip, project.id))


def choose_clip(user_id: int, clip_id: str) -> None:
    """The clip to loop; its loop points start over (the whole clip)."""
    with session_scope() as db:
        clip = _part(db, user_id, LoopingFlowClip, clip_id)
        project = _project(db, user_id, clip.project_id)
        project.clip_id = clip.id
        project.settings = {**project.settings, "loop_in": 0.0, "loop_out": 0.0, "score": None}
        _touch(project)


def delete_clip(user_id: int, clip_id: str) -> None:
    """The clip goes with its files; if it was the one looped, the next clip takes its place."""
    with session_scope() as db:
        clip = _part(db, user_id, LoopingFlowClip, clip_id)
        file_ids = [clip.file_id, clip.thumbnail_id or ""]
        project_id = clip.project_id
    files.delete_files(user_id, [i for i in file_ids if i])
    with session_scope() as db:
        project = _project(db, user_id, project_id)
        if project.clip_id == clip_id:
            following = db.exec(
                select(LoopingFlowClip.id)
                .where(LoopingFlowClip.project_id == project.id)
                .order_by(LoopingFlowClip.created_at, LoopingFlowClip.id)
            ).first()
            project.clip_id = following
            project.settings = {**project.settings, "loop_in": 0.0, "loop_out": 0.0, "score": None}


# ------------------------------------------------------------------ sound layers


def add_layer(user_id: int, project_id: str, path: Path, original_name: str) -> str:
    """A sound (rain, music, a voice) laid over the whole loop; at most rules.MAX_LAYERS."""
    with session_scope() as db:
        project = _project(db, user_id, project_id)
        if _count(db, LoopingFlowLayer, project.id) >= rules.MAX_LAYERS:
            raise ServiceError("looping_flow_too_many_layers", max=rules.MAX_LAYERS)
    sound = files.store_upload(user_id, path, original_name, {"audio"}, MAX_LAYER_SECONDS)
    try:
        with session_scope() as db:
            project = _project(db, user_id, project_id, lock=True)
            if _count(db, LoopingFlowLayer, project.id) >= rules.MAX_LAYERS:
                raise ServiceError("looping_flow_too_many_layers", max=rules.MAX_LAYERS)
            layer = LoopingFlowLayer(
                id=secrets.token_hex(16), project_id=project.id, file_id=sound.id
            )
            db.add(layer)
            _touch(project)
            return layer.id
    except BaseException:
        files.delete_files(user_id, [sound.id])
        raise


def layer_room(user_id: int, project_id: str) -> int:
    with session_scope() as db:
        project = _project(db, user_id, project_id)
        return max(0, rules.MAX_LAYERS - _count(db, LoopingFlowLayer, project.id))


def update_layer(user_id: int, layer_id: str, raw: dict[str, Any]) -> None:
    """Volume, mute and fades of one layer (checked by rules.parse_layer)."""
    with session_scope() as db:
        layer = _part(db, user_id, LoopingFlowLayer, layer_id)
        current = {
            "file_id": layer.file_id,
            "volume": layer.volume,
            "muted": layer.muted,
            "fade_in": layer.fade_in,
            "fade_out": layer.fade_out,
        }
        changes = {k: v for k, v in raw.items() if k != "file_id"} if isinstance(raw, dict) else {}
        parsed = rules.parse_layer({**current, **changes})
        layer.volume, layer.muted = parsed.volume, parsed.muted
        layer.fade_in, layer.fade_out = parsed.fade_in, parsed.fade_out


def delete_layer(user_id: int, layer_id: str) -> None:
    with session_scope() as db:
        file_id = _part(db, user_id, LoopingFlowLayer, layer_id).file_id
    files.delete_files(user_id, [file_id])


# ------------------------------------------------------------------ the loop


def _clip_of(project: ProjectDetail) -> ClipView:
    clip = project.clip
    if clip is None:
        raise ServiceError("looping_flow_no_clip")
    return clip


def save_settings(user_id: int, project_id: str, raw: dict[str, Any]) -> rules.LoopSettings:
    project = get_project(user_id, project_id)
    clip = project.clip
    settings = rules.parse_settings(raw, clip.duration if clip else None)
    with session_scope() as db:
        row = _project(db, user_id, project_id)
        row.settings = {**settings.to_dict(), "score": row.settings.get("score")}
    return settings


def find_loop(user_id: int, project_id: str) -> loop_point.LoopPoint:
    """The best loop inside the chosen clip, saved as its loop points with its score."""
    project = get_project(user_id, project_id)
    clip = _clip_of(project)
    with session_scope() as db:
        key = db.get(StoredFile, clip.file_id).key
    with get_storage().local_copy(key) as path:
        found = loop_point.find_loop(path, clip.duration)
    with session_scope() as db:
        row = _project(db, user_id, project_id)
        row.settings = {
            **row.settings,
            "loop_in": found.start,
            "loop_out": found.end,
            "score": found.score,
        }
        _touch(row)
    return found


def make_preview(user_id: int, project_id: str, raw: dict[str, Any]) -> str:
    """Two loops of the unit, small and free, kept as the project's preview (the previous one
    is deleted). Returns the stored file's id."""
    settings = save_settings(user_id, project_id, raw)
    project = get_project(user_id, project_id)
    clip = _clip_of(project)
    with session_scope() as db:
        key = db.get(StoredFile, clip.file_id).key
    with tempfile.TemporaryDirectory(prefix="lumiku-preview-") as folder:
        out = Path(folder) / "preview.mp4"
        with get_storage().local_copy(key) as path:
            render.preview(path, settings, clip.duration, out)
        stored = files.store_output(
            user_id, out, f"previews/{user_id}/{secrets.token_hex(16)}.mp4", "preview.mp4"
        )
    with session_scope() as db:
        row = _project(db, user_id, project_id)
        old, row.preview_id = row.preview_id, stored.id
    if old:
        files.delete_files(user_id, [old])
    return stored.id


@dataclass(frozen=True)
class Estimate:
    credits: int
    quote: billing.Quote
    output_bytes: int  # about how big the loop will be
    free_bytes: int  # the user's storage left
    unit_seconds: float

    @property
    def fits_storage(self) -> bool:
        return self.output_bytes <= self.free_bytes


def _inputs(
    user_id: int, project_id: str, raw: dict[str, Any]
) -> tuple[ProjectDetail, ClipView, rules.LoopSettings]:
    project = get_project(user_id, project_id)
    clip = _clip_of(project)
    return project, clip, rules.parse_settings(raw, clip.duration)


def _free_bytes(user_id: int) -> int:
    with session_scope() as db:
        user = db.get(User, user_id)
        return max(0, user.storage_quota_bytes - user.storage_used_bytes)


def estimate(user_id: int, project_id: str, raw: dict[str, Any]) -> Estimate:
    _project_view, clip, settings = _inputs(user_id, project_id, raw)
    return Estimate(
        credits=rules.credits_for(settings.target),
        quote=billing.quote(user_id, APP_ID, MODEL_KEY, {"target": settings.target}, 1),
        output_bytes=rules.estimated_bytes(settings, clip.width, clip.height),
        free_bytes=_free_bytes(user_id),
        unit_seconds=rules.unit_seconds(settings, clip.duration),
    )


def generate(user_id: int, project_id: str, raw: dict[str, Any], key: str) -> str:
    """Holds the price and queues the loop; a loop that would not fit the user's storage is
    refused before anything is charged."""
    project, clip, settings = _inputs(user_id, project_id, raw)
    need = rules.estimated_bytes(settings, clip.width, clip.height)
    free = _free_bytes(user_id)
    if need > free:
        raise ServiceError(
            "looping_flow_too_big_for_storage", need_mb=need // 2**20 + 1, free_mb=free // 2**20
        )
    save_settings(user_id, project_id, settings.to_dict())
    minutes = f"{settings.target / 60:g}"
    return generations.submit(
        user_id,
        APP_ID,
        MODEL_KEY,
        title=f"{project.name} · {minutes} min",
        items=[{}],
        settings={
            "loop": settings.to_dict(),
            "source": clip.file_id,
            "clip_seconds": clip.duration,
            "layers": [
                rules.Layer(la.file_id, la.volume, la.muted, la.fade_in, la.fade_out).to_dict()
                for la in project.layers
            ],
        },
        price_params={"target": settings.target},
        key=key,
        project_id=project.id,
        name=project.name,
    )
