"""Video Mixer's projects: groups, clips, saved settings and presets, the estimate shown before
spending, and the generation itself. Every function takes the acting user and checks that the
project, group, clip or preset is theirs; someone else's looks exactly like a missing one."""

from __future__ import annotations

import secrets
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, update
from sqlmodel import Session, select

from lumiku.db import session_scope, utcnow
from lumiku.models import (
    StoredFile,
    VideoMixerClip,
    VideoMixerGroup,
    VideoMixerPreset,
    VideoMixerProject,
)
from lumiku.services import billing, files, generations, media, owned
from lumiku.services.errors import NotFound, ServiceError
from lumiku.services.video_mixer import rules

APP_ID = "video-mixer"
MODEL_KEY = "video-mixer:ffmpeg-standard"
MAX_GROUPS = 20
MAX_CLIPS = 100
# The longest clip a project takes. Rendering reads every clip in full (normalising it once),
# and the price is per output, not per input minute: this bounds the work one upload can cost.
# A product rule beside MAX_CLIPS, not an operator's setting; ten minutes is far longer than
# any clip a short video is cut from.
MAX_CLIP_SECONDS = 10 * 60
MAX_PRESETS = 30
PAGE_SIZE = 12


def _project(db: Session, user_id: int, project_id: Any) -> VideoMixerProject:
    return owned.row(db, VideoMixerProject, user_id, project_id)


def _locked_project(db: Session, user_id: int, project_id: Any) -> VideoMixerProject:
    """The project, its row locked until the transaction ends: writers that count its clips
    before adding one take turns."""
    return owned.row(db, VideoMixerProject, user_id, project_id, lock=True)


def _part(db: Session, user_id: int, model: type, row_id: Any) -> Any:
    """A group or clip, reached only through a project of the user's."""
    return owned.part(db, model, VideoMixerProject, user_id, row_id)


def _touch(project: VideoMixerProject) -> None:
    project.updated_at = utcnow()


# ------------------------------------------------------------------ reading


@dataclass(frozen=True)
class ProjectSummary:
    id: str
    name: str
    description: str
    clips: int
    groups: int
    updated_at: datetime


@dataclass(frozen=True)
class GroupView:
    id: str
    name: str
    position: int


@dataclass(frozen=True)
class ClipView:
    id: str
    name: str
    duration: float
    size_bytes: int
    width: int | None
    height: int | None
    group_id: str  # "" when not in a group
    file_id: str
    thumbnail_id: str


@dataclass(frozen=True)
class ProjectDetail:
    id: str
    name: str
    description: str
    settings: dict[str, Any]
    groups: list[GroupView]
    clips: list[ClipView]  # in play order: by group, then position


def list_projects(user_id: int, page: int = 1) -> owned.ProjectPage[ProjectSummary]:
    with session_scope() as db:
        found = owned.projects_page(db, VideoMixerProject, user_id, page, PAGE_SIZE)
        projects = found.rows
        ids = [p.id for p in projects]

        clips, groups = (
            owned.children(db, VideoMixerClip, ids),
            owned.children(db, VideoMixerGroup, ids),
        )
        rows = [
            ProjectSummary(
                p.id, p.name, p.description, clips.get(p.id, 0), groups.get(p.id, 0), p.updated_at
            )
            for p in projects
        ]
        return owned.ProjectPage(rows, found.page, found.pages, found.total)


def get_project(user_id: int, project_id: str) -> ProjectDetail:
    with session_scope() as db:
        project = _project(db, user_id, project_id)
        groups = db.exec(
            select(VideoMixerGroup)
            .where(VideoMixerGroup.project_id == project.id)
            .order_by(VideoMixerGroup.position, VideoMixerGroup.id)
        ).all()
        rank = {g.id: n for n, g in enumerate(groups)}
        rows = db.exec(
            select(VideoMixerClip, StoredFile)
            .join(StoredFile, StoredFile.id == VideoMixerClip.file_id)
            .where(VideoMixerClip.project_id == project.id)
        ).all()
        rows = sorted(
            rows,
            key=lambda r: (
                rank.get(r[0].group_id, -1),
                r[0].position,
                r[0].created_at,
                r[0].id,
            ),
        )
        return ProjectDetail(
            project.id,
            project.name,
            project.description,
            dict(project.settings),
            [GroupView(g.id, g.name, g.position) for g in groups],
            [
                ClipView(
                    clip.id,
                    stored.original_name or "video",
                    stored.duration_seconds or 0.0,
                    stored.size_bytes,
                    stored.width,
                    stored.height,
                    clip.group_id or "",
                    stored.id,
                    clip.thumbnail_id or "",
                )
                for clip, stored in rows
            ],
        )


# ------------------------------------------------------------------ projects


def create_project(user_id: int, name: str, description: str = "") -> str:
    return owned.create_project(
        VideoMixerProject, user_id, name, description, settings=rules.MixSettings().to_dict()
    )


def rename_project(user_id: int, project_id: str, name: str, description: str = "") -> None:
    owned.rename_project(VideoMixerProject, user_id, project_id, name, description)


def delete_project(user_id: int, project_id: str) -> int:
    """Removes the project with its clips, their files and its generated videos."""

    def clip_files(db: Session, project: VideoMixerProject) -> list[str]:
        clips = db.exec(select(VideoMixerClip).where(VideoMixerClip.project_id == project.id))
        return [i for c in clips for i in (c.file_id, c.thumbnail_id)]

    return owned.delete_project(VideoMixerProject, user_id, project_id, clip_files)


# ------------------------------------------------------------------ groups


def add_group(user_id: int, project_id: str, name: str) -> str:
    with session_scope() as db:
        project = _project(db, user_id, project_id)
        count = db.exec(
            select(func.count())
            .select_from(VideoMixerGroup)
            .where(VideoMixerGroup.project_id == project.id)
        ).one()
        if count >= MAX_GROUPS:
            raise ServiceError("video_mixer_too_many_groups", max=MAX_GROUPS)
        group = VideoMixerGroup(
            id=secrets.token_hex(16),
            project_id=project.id,
            name=owned.name(name, 60),
            position=count,
        )
        db.add(group)
        _touch(project)
        return group.id


def rename_group(user_id: int, group_id: str, name: str) -> None:
    with session_scope() as db:
        _part(db, user_id, VideoMixerGroup, group_id).name = owned.name(name, 60)


def move_group(user_id: int, group_id: str, step: int) -> None:
    """Moves a group one place earlier (-1) or later (+1) in the play order."""
    owned.check_step(step)
    with session_scope() as db:
        group = _part(db, user_id, VideoMixerGroup, group_id)
        siblings = list(
            db.exec(
                select(VideoMixerGroup)
                .where(VideoMixerGroup.project_id == group.project_id)
                .order_by(VideoMixerGroup.position, VideoMixerGroup.id)
            ).all()
        )
        owned.swap(siblings, siblings.index(group), step)


def delete_group(user_id: int, group_id: str) -> None:
    """Its clips stay in the project, ungrouped."""
    with session_scope() as db:
        group = _part(db, user_id, VideoMixerGroup, group_id)
        for clip in db.exec(select(VideoMixerClip).where(VideoMixerClip.group_id == group.id)):
            clip.group_id = None
        db.delete(group)
        db.flush()
        rest = db.exec(
            select(VideoMixerGroup)
            .where(VideoMixerGroup.project_id == group.project_id)
            .order_by(VideoMixerGroup.position)
        ).all()
        owned.renumber(list(rest))


# ------------------------------------------------------------------ clips


def _clip_count(db: Session, project_id: str) -> int:
    return db.exec(
        select(func.count())
        .select_from(VideoMixerClip)
        .where(VideoMixerClip.project_id == project_id)
    ).one()


def add_clip(
    user_id: int, project_id: str, path: Path, original_name: str, group_id: str = ""
) -> str:
    """Checks the upload (a whole, readable video within the size and length limits and the
    storage quota), stores it with a thumbnail and adds it at the end of its group. The clip
    limit is checked again, atomically, when the clip row is added: two tabs uploading at
    once cannot go past it."""
    with session_scope() as db:
        project = _project(db, user_id, project_id)
        if group_id and _part(db, user_id, VideoMixerGroup, group_id).project_id != project.id:
            raise NotFound()
        if _clip_count(db, project.id) >= MAX_CLIPS:  # early, before the file is read
            raise ServiceError("video_mixer_too_many_clips", max=MAX_CLIPS)
    video = files.store_upload(
        user_id, path, original_name, {"video"}, max_seconds=MAX_CLIP_SECONDS
    )
    stored = [video.id]
    try:
        with tempfile.TemporaryDirectory() as folder:
            thumb = Path(folder) / "thumb.jpg"
            media.video_thumbnail(path, thumb, video.duration_seconds or 0.0)  # still here
            thumbnail = files.store_upload(user_id, thumb, "thumbnail.jpg", {"image"})
            stored.append(thumbnail.id)
        with session_scope() as db:
            project = _locked_project(db, user_id, project_id)  # deleted meanwhile: refused
            if group_id:
                _part(db, user_id, VideoMixerGroup, group_id)
            if _clip_count(db, project.id) >= MAX_CLIPS:  # counted under the project's lock
                raise ServiceError("video_mixer_too_many_clips", max=MAX_CLIPS)
            clip = VideoMixerClip(
                id=secrets.token_hex(16),
                project_id=project.id,
                group_id=group_id or None,
                file_id=video.id,
                thumbnail_id=thumbnail.id,
                position=_clip_count(db, project.id),
            )
            db.add(clip)
            db.flush()
            _follow_clips(db, project)
            _touch(project)
            return clip.id
    except BaseException:
        files.delete_files(user_id, stored)
        raise


def _follow_clips(db: Session, project: VideoMixerProject) -> None:
    """While the user has not picked an aspect (`aspect_auto`), the project's aspect follows
    the shape its clips were shot in. Projects saved before the flag existed keep theirs."""
    if not project.settings.get("aspect_auto", False):
        return
    sizes = db.exec(
        select(StoredFile.width, StoredFile.height)
        .join(VideoMixerClip, VideoMixerClip.file_id == StoredFile.id)
        .where(VideoMixerClip.project_id == project.id)
    ).all()
    aspect = rules.aspect_for([tuple(size) for size in sizes])
    if aspect and aspect != project.settings.get("aspect"):
        project.settings = {**project.settings, "aspect": aspect}  # a new dict: saved


def clip_room(user_id: int, project_id: str) -> int:
    """How many more clips the project takes (MAX_CLIPS in all)."""
    with session_scope() as db:
        project = _project(db, user_id, project_id)
        return max(0, MAX_CLIPS - _clip_count(db, project.id))


def move_clip(user_id: int, clip_id: str, group_id: str) -> None:
    """Into another group of the same project ("" for none), at its end."""
    with session_scope() as db:
        clip = _part(db, user_id, VideoMixerClip, clip_id)
        if group_id and _part(db, user_id, VideoMixerGroup, group_id).project_id != clip.project_id:
            raise NotFound()
        clip.group_id = group_id or None
        clip.position = _clip_count(db, clip.project_id)


def reorder_clip(user_id: int, clip_id: str, step: int) -> None:
    """One place earlier (-1) or later (+1) among the clips of its group."""
    owned.check_step(step)
    with session_scope() as db:
        clip = _part(db, user_id, VideoMixerClip, clip_id)
        siblings = list(
            db.exec(
                select(VideoMixerClip)
                .where(
                    VideoMixerClip.project_id == clip.project_id,
                    VideoMixerClip.group_id == clip.group_id
                    if clip.group_id
                    else VideoMixerClip.group_id.is_(None),
                )
                .order_by(VideoMixerClip.position, VideoMixerClip.created_at, VideoMixerClip.id)
            ).all()
        )
        owned.swap(siblings, siblings.index(clip), step)


def delete_clip(user_id: int, clip_id: str) -> None:
    with session_scope() as db:
        clip = _part(db, user_id, VideoMixerClip, clip_id)
        file_ids = [clip.file_id, clip.thumbnail_id or ""]
    files.delete_files(user_id, file_ids)  # the clip row goes with its file


# ------------------------------------------------------------------ settings and presets


def save_settings(user_id: int, project_id: str, raw: dict[str, Any]) -> rules.MixSettings:
    settings = rules.parse_settings(raw)
    with session_scope() as db:
        _save_in(db, user_id, project_id, settings)
    return settings


def _save_in(db: Session, user_id: int, project_id: Any, settings: rules.MixSettings) -> None:
    """One UPDATE that is also the ownership check: it matches only the user's own project
    (someone else's, or a missing one, is NotFound), without loading the row first."""
    if not isinstance(project_id, str):
        raise NotFound()
    saved = db.execute(
        update(VideoMixerProject)
        .where(VideoMixerProject.id == project_id, VideoMixerProject.user_id == user_id)
        .values(settings=settings.to_dict())
    )
    if saved.rowcount != 1:
        raise NotFound()


@dataclass(frozen=True)
class PresetView:
    id: str
    name: str
    settings: dict[str, Any]


def list_presets(user_id: int) -> list[PresetView]:
    with session_scope() as db:
        rows = db.exec(
            select(VideoMixerPreset)
            .where(VideoMixerPreset.user_id == user_id)
            .order_by(VideoMixerPreset.name)
        ).all()
        return [PresetView(r.id, r.name, dict(r.settings)) for r in rows]


def save_preset(user_id: int, name: str, raw: dict[str, Any]) -> str:
    """Saving under an existing name replaces that preset's settings. The fixed first clip
    belongs to one project, so presets never carry it."""
    settings = {**rules.parse_settings(raw).to_dict(), "fixed_first_clip": ""}
    name = owned.name(name, 60)
    with session_scope() as db:
        return owned.save_named(
            db,
            VideoMixerPreset,
            user_id,
            name,
            {"settings": settings},
            MAX_PRESETS,
            "video_mixer_too_many_presets",
        )


def get_preset(user_id: int, preset_id: str) -> PresetView:
    with session_scope() as db:
        row = owned.row(db, VideoMixerPreset, user_id, preset_id)
        return PresetView(row.id, row.name, dict(row.settings))


def delete_preset(user_id: int, preset_id: str) -> None:
    get_preset(user_id, preset_id)
    with session_scope() as db:
        db.delete(db.get(VideoMixerPreset, preset_id))


# ------------------------------------------------------------------ estimate and generate


@dataclass(frozen=True)
class Estimate:
    combinations: int  # distinct clip sequences: an exact integer, however large
    max_count: int  # how many distinct videos these settings can make (at most 100)
    strength: int
    strength_label: str
    seconds_per_video: float
    cost_per_video: int
    quote: billing.Quote


def _checked_count(count: Any) -> int:
    top = rules.MAX_VARIANTS
    if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= top:
        raise ServiceError("quantity_invalid", max=rules.MAX_VARIANTS)
    return count


def _check_usable(clips: list[rules.Clip], settings: rules.MixSettings) -> None:
    """The settings name clips of this project and leave some to mix."""
    if settings.fixed_first_clip and settings.fixed_first_clip not in {c.id for c in clips}:
        raise ServiceError("parameter_invalid", name="fixed_first_clip")
    if not rules.used_clips(clips, settings):
        raise ServiceError(
            "video_mixer_no_grouped_clips" if settings.group_mixing else "video_mixer_no_clips"
        )


def _inputs(
    user_id: int, project_id: str, raw: dict[str, Any], count: Any
) -> tuple[ProjectDetail, rules.MixSettings, list[rules.Clip]]:
    """The checked request: settings, count, and the project's clips these settings can use."""
    settings = rules.parse_settings(raw)
    _checked_count(count)
    project = get_project(user_id, project_id)
    clips = [rules.Clip(c.id, c.duration, c.group_id) for c in project.clips]
    _check_usable(clips, settings)
    return project, settings, clips


def _clips(db: Session, project_id: str) -> list[rules.Clip]:
    """Just what the estimate reads of the project's clips (id, seconds, group), in play order
    as `get_project` gives them: ungrouped first, then by group, position, age. One query of
    plain columns: no files, names or thumbnails."""
    rows = db.exec(
        select(
            VideoMixerClip.id,
            StoredFile.duration_seconds,
            VideoMixerClip.group_id,
            VideoMixerClip.position,
            VideoMixerClip.created_at,
            VideoMixerGroup.position,
        )
        .join(StoredFile, StoredFile.id == VideoMixerClip.file_id)
        .outerjoin(VideoMixerGroup, VideoMixerGroup.id == VideoMixerClip.group_id)
        .where(VideoMixerClip.project_id == project_id)
    ).all()

    def order(r: Any) -> tuple:
        grouped = r[5] is not None
        return ((1, r[5], r[2]) if grouped else (0, 0, ""), r[3], r[4], r[0])

    return [rules.Clip(r[0], r[1] or 0.0, r[2] or "") for r in sorted(rows, key=order)]


def _owned(db: Session, user_id: int, project_id: Any) -> str:
    """The project's id if it is the user's (one column read, not the row)."""
    if not isinstance(project_id, str):
        raise NotFound()
    owner = db.exec(
        select(VideoMixerProject.user_id).where(VideoMixerProject.id == project_id)
    ).first()
    if owner is None or owner != user_id:
        raise NotFound()
    return project_id


def _max_count(combinations: int, settings: rules.MixSettings) -> int:
    """Speeds and visual variation make every variant unique; otherwise the clip sequences
    are all there is to tell videos apart."""
    if settings.speed_variations or settings.visual_variation:
        return rules.MAX_VARIANTS
    return min(rules.MAX_VARIANTS, combinations)


def estimate(user_id: int, project_id: str, raw: dict[str, Any], count: int) -> Estimate:
    settings = rules.parse_settings(raw)
    _checked_count(count)
    with session_scope() as db:
        return _estimate_in(db, user_id, _owned(db, user_id, project_id), settings, count)


def save_and_estimate(user_id: int, project_id: str, raw: dict[str, Any], count: Any) -> Estimate:
    """A settings change as the panel makes it: `save_settings` then `estimate`, in one
    session (the ownership check is the save itself). Refused settings save nothing; once
    they are saved, a refused estimate (a count out of range, no clips to mix…) still keeps
    them, as the two calls did."""
    settings = rules.parse_settings(raw)
    with session_scope() as db:
        _save_in(db, user_id, project_id, settings)
        try:
            _checked_count(count)
            return _estimate_in(db, user_id, project_id, settings, count)
        except ServiceError as exc:
            refused = exc  # raised after the commit: the settings stay saved
    raise refused


def _estimate_in(
    db: Session, user_id: int, project_id: str, settings: rules.MixSettings, count: int
) -> Estimate:
    """The estimate of an owned project, priced on the server in the caller's session."""
    clips = _clips(db, project_id)
    _check_usable(clips, settings)
    score, label = rules.strength(settings)
    combinations = rules.combinations(clips, settings)
    return Estimate(
        combinations=combinations,
        max_count=_max_count(combinations, settings),
        strength=score,
        strength_label=label,
        seconds_per_video=rules.estimated_duration(clips, settings),
        cost_per_video=rules.cost_per_video(settings),
        quote=billing.quote_in(
            db, user_id, APP_ID, MODEL_KEY, {"settings": settings.to_dict()}, count
        ),
    )


def generate(user_id: int, project_id: str, raw: dict[str, Any], count: int, key: str) -> str:
    """Plans `count` distinct variants, holds their price and queues one item per variant.
    Each item keeps its plan (seed, order, trims, speeds), so it can be made again exactly."""
    project, settings, clips = _inputs(user_id, project_id, raw, count)
    possible = _max_count(rules.combinations(clips, settings), settings)
    if count > possible:
        raise ServiceError("video_mixer_too_few_combinations", possible=possible)
    plans = rules.plan_variants(clips, settings, count, seed=secrets.randbelow(2**31))
    save_settings(user_id, project_id, settings.to_dict())
    return generations.submit(
        user_id,
        APP_ID,
        MODEL_KEY,
        title=f"{project.name} · {count}",
        items=[{"plan": plan.to_dict()} for plan in plans],
        settings={
            "mix": settings.to_dict(),
            "sources": {c.id: c.file_id for c in project.clips},
        },
        price_params={"settings": settings.to_dict()},
        key=key,
        project_id=project.id,
        name=project.name,
    )
