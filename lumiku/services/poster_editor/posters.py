"""Poster Editor's projects, posters and their history. An edit never overwrites a poster: it
adds a version made from the version it started on (`parent_id`), and undo only moves the
poster's `current_version_id`, so an edit made after an undo branches from the earlier version
and the later ones stay in the history. Every function takes the acting user first; someone
else's project, poster or version looks exactly like a missing one."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, func, select

from lumiku.db import session_scope, utcnow
from lumiku.models import (
    Generation,
    GenerationItem,
    PosterEditorPoster,
    PosterEditorProject,
    PosterEditorVersion,
)
from lumiku.services import files, generations, owned
from lumiku.services.errors import NotFound, ServiceError

APP_ID = "poster-editor"
PAGE_SIZE = 12
MAX_POSTERS = 50  # per project
MAX_VERSIONS = 200  # per poster: the history kept
MAX_PIXELS = 8192 * 8192  # a larger upload is refused (an edit reads it whole)
MIN_SIDE = 16


# ------------------------------------------------------------------ rows, owned


def project_row(
    db: Session, user_id: int, project_id: Any, lock: bool = False
) -> PosterEditorProject:
    return owned.row(db, PosterEditorProject, user_id, project_id, lock=lock)


def poster_row(db: Session, user_id: int, poster_id: Any, lock: bool = False) -> PosterEditorPoster:
    return owned.row(db, PosterEditorPoster, user_id, poster_id, lock=lock)


def version_row(db: Session, user_id: int, poster_id: str, version_id: Any) -> PosterEditorVersion:
    """A version of this poster (of the user's)."""
    found = owned.row(db, PosterEditorVersion, user_id, version_id)
    if found.poster_id != poster_id:
        raise NotFound()
    return found


def current_version(db: Session, poster: PosterEditorPoster) -> PosterEditorVersion:
    found = db.get(PosterEditorVersion, poster.current_version_id)
    if found is None or found.poster_id != poster.id or not found.file_id:
        raise ServiceError("poster_editor_version_gone")
    return found


def version_count(db: Session, poster_id: str) -> int:
    return db.exec(
        select(func.count())
        .select_from(PosterEditorVersion)
        .where(PosterEditorVersion.poster_id == poster_id)
    ).one()


def next_number(db: Session, poster_id: str) -> int:
    last = db.exec(
        select(func.max(PosterEditorVersion.number)).where(
            PosterEditorVersion.poster_id == poster_id
        )
    ).one()
    return (last or 0) + 1


# ------------------------------------------------------------------ views


@dataclass(frozen=True)
class ProjectView:
    id: str
    name: str
    description: str
    posters: int
    cover_file_id: str  # the latest changed poster's current picture; "" with none
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class PosterView:
    id: str
    project_id: str
    name: str
    width: int
    height: int
    version_id: str
    version_number: int
    file_id: str
    versions: int
    updated_at: datetime


@dataclass(frozen=True)
class VersionView:
    id: str
    number: int
    action: str  # "upload" or a rules.ACTIONS key
    mode: str  # "upload" | "local" | "advanced"
    served_by: str
    prompt: str
    file_id: str
    mask_id: str
    width: int
    height: int
    current: bool
    created_at: datetime
    parent_id: str = ""  # the version it was made from ("" for the upload)


def _project_views(db: Session, rows: list[PosterEditorProject]) -> list[ProjectView]:
    ids = [p.id for p in rows]
    counts = owned.children(db, PosterEditorPoster, ids)
    covers: dict[str, str] = {}
    if ids:
        found = db.exec(
            select(PosterEditorPoster.project_id, PosterEditorVersion.file_id)
            .join(
                PosterEditorVersion,
                PosterEditorVersion.id == PosterEditorPoster.current_version_id,
            )
            .where(PosterEditorPoster.project_id.in_(ids))
            .order_by(PosterEditorPoster.updated_at.desc())
        ).all()
        for project_id, file_id in found:
            covers.setdefault(project_id, file_id or "")
    return [
        ProjectView(
            p.id,
            p.name,
            p.description,
            counts.get(p.id, 0),
            covers.get(p.id, ""),
            p.created_at,
            p.updated_at,
        )
        for p in rows
    ]


def _poster_views(db: Session, rows: list[PosterEditorPoster]) -> list[PosterView]:
    ids = [p.id for p in rows]
    if not ids:
        return []
    counts = dict(
        db.exec(
            select(PosterEditorVersion.poster_id, func.count())
            .where(PosterEditorVersion.poster_id.in_(ids))
            .group_by(PosterEditorVersion.poster_id)
        ).all()
    )
    current = {
        v.id: v
        for v in db.exec(
            select(PosterEditorVersion).where(
                PosterEditorVersion.id.in_([p.current_version_id for p in rows])
            )
        ).all()
    }
    views = []
    for p in rows:
        version = current.get(p.current_version_id)
        views.append(
            PosterView(
                p.id,
                p.project_id,
                p.name,
                version.width if version else 0,
                version.height if version else 0,
                version.id if version else "",
                version.number if version else 0,
                (version.file_id or "") if version else "",
                counts.get(p.id, 0),
                p.updated_at,
            )
        )
    return views


# ------------------------------------------------------------------ projects


def create_project(user_id: int, name: Any, description: Any = "") -> str:
    return owned.create_project(PosterEditorProject, user_id, name, description)


def rename_project(user_id: int, project_id: Any, name: Any, description: Any = "") -> None:
    owned.rename_project(PosterEditorProject, user_id, project_id, name, description)


def list_projects(user_id: int, page: Any = 1, size: int = PAGE_SIZE) -> owned.ProjectPage:
    """One page of the user's projects (ProjectView rows), the latest changed first."""
    if isinstance(size, bool) or not isinstance(size, int) or not 1 <= size <= 100:
        raise ServiceError("parameter_out_of_range", name="size", low=1, high=100)
    with session_scope() as db:
        found = owned.projects_page(db, PosterEditorProject, user_id, page, size)
        return owned.ProjectPage(
            _project_views(db, found.rows), found.page, found.pages, found.total
        )


def project(user_id: int, project_id: Any) -> ProjectView:
    with session_scope() as db:
        return _project_views(db, [project_row(db, user_id, project_id)])[0]


def delete_project(user_id: int, project_id: Any) -> int:
    """The project with every poster, version, mask and edit of it; refused while one of its
    posters is still being edited. Returns how many files were freed."""
    with session_scope() as db:
        found = project_row(db, user_id, project_id)
        poster_ids = list(
            db.exec(
                select(PosterEditorPoster.id).where(PosterEditorPoster.project_id == found.id)
            ).all()
        )
        _refuse_running(db, user_id, poster_ids)
    freed = sum(_delete_poster(user_id, poster_id) for poster_id in poster_ids)
    with session_scope() as db:
        db.delete(project_row(db, user_id, project_id))
    return freed


# ------------------------------------------------------------------ posters


def upload(user_id: int, project_id: Any, path: Path, original_name: str) -> str:
    """A picture becomes a poster of the project, its version 1. Checked by content as an
    image within the image size limit and MAX_PIXELS; the file is the user's until the
    poster is deleted."""
    name = owned.name(Path(str(original_name or "")).stem or "Poster", 100)
    with session_scope() as db:
        _check_room(db, project_row(db, user_id, project_id).id)
    stored = files.store_upload(user_id, path, str(original_name or "poster"), {"image"})
    try:
        width, height = stored.width or 0, stored.height or 0
        if width * height > MAX_PIXELS:
            raise ServiceError("poster_editor_poster_too_large", max_mp=MAX_PIXELS // 10**6)
        if min(width, height) < MIN_SIDE:
            raise ServiceError("poster_editor_poster_too_small", min=MIN_SIDE)
        with session_scope() as db:
            found = project_row(db, user_id, project_id, lock=True)
            _check_room(db, found.id)
            poster = PosterEditorPoster(
                id=secrets.token_hex(16), user_id=user_id, project_id=found.id, name=name
            )
            version = PosterEditorVersion(
                id=secrets.token_hex(16),
                user_id=user_id,
                poster_id=poster.id,
                number=1,
                file_id=stored.id,
                width=width,
                height=height,
                action="upload",
                mode="upload",
            )
            poster.current_version_id = version.id
            db.add(poster)
            db.flush()
            db.add(version)
            found.updated_at = utcnow()
            return poster.id
    except BaseException:
        files.delete_files(user_id, [stored.id])
        raise


def _check_room(db: Session, project_id: str) -> None:
    count = owned.children(db, PosterEditorPoster, [project_id]).get(project_id, 0)
    if count >= MAX_POSTERS:
        raise ServiceError("poster_editor_project_full", max=MAX_POSTERS)


def posters(user_id: int, project_id: Any) -> list[PosterView]:
    """The project's posters, the latest changed first."""
    with session_scope() as db:
        found = project_row(db, user_id, project_id)
        rows = db.exec(
            select(PosterEditorPoster)
            .where(PosterEditorPoster.project_id == found.id)
            .order_by(PosterEditorPoster.updated_at.desc(), PosterEditorPoster.id)
        ).all()
        return _poster_views(db, list(rows))


def poster(user_id: int, poster_id: Any) -> PosterView:
    with session_scope() as db:
        return _poster_views(db, [poster_row(db, user_id, poster_id)])[0]


def history(user_id: int, poster_id: Any) -> list[VersionView]:
    """Every version of the poster, newest first."""
    with session_scope() as db:
        found = poster_row(db, user_id, poster_id)
        rows = db.exec(
            select(PosterEditorVersion)
            .where(PosterEditorVersion.poster_id == found.id)
            .order_by(PosterEditorVersion.number.desc())
        ).all()
        return [
            VersionView(
                v.id,
                v.number,
                v.action,
                v.mode,
                v.served_by,
                v.prompt,
                v.file_id or "",
                v.mask_id or "",
                v.width,
                v.height,
                v.id == found.current_version_id,
                v.created_at,
                v.parent_id,
            )
            for v in rows
        ]


def undo_to(user_id: int, poster_id: Any, version_id: Any) -> None:
    """The poster shows, and is edited from, this version of it (an earlier one: undo; a
    later one: redo). Nothing is deleted."""
    with session_scope() as db:
        found = poster_row(db, user_id, poster_id, lock=True)
        version = version_row(db, user_id, found.id, version_id)
        if not version.file_id:
            raise ServiceError("poster_editor_version_gone")
        found.current_version_id, found.updated_at = version.id, utcnow()


def rename_poster(user_id: int, poster_id: Any, name: Any) -> None:
    with session_scope() as db:
        found = poster_row(db, user_id, poster_id)
        found.name, found.updated_at = owned.name(name, 100), utcnow()


def delete_poster(user_id: int, poster_id: Any) -> int:
    """The poster, its versions, their files and masks, and its edits and exports; refused
    while one is still running. Returns how many files were freed."""
    with session_scope() as db:
        found = poster_row(db, user_id, poster_id)
        _refuse_running(db, user_id, [found.id])
    return _delete_poster(user_id, found.id)


def _refuse_running(db: Session, user_id: int, poster_ids: list[str]) -> None:
    if not poster_ids:
        return
    running = db.exec(
        select(Generation.id).where(
            Generation.user_id == user_id,
            Generation.app_id == APP_ID,
            Generation.project_id.in_(poster_ids),
            Generation.status.in_(generations.ACTIVE),
        )
    ).first()
    if running is not None:
        raise ServiceError("generation_still_running")


def _delete_poster(user_id: int, poster_id: str) -> int:
    with session_scope() as db:
        versions = db.exec(
            select(PosterEditorVersion).where(PosterEditorVersion.poster_id == poster_id)
        ).all()
        file_ids = {i for v in versions for i in (v.file_id, v.mask_id) if i}
        made = db.exec(
            select(Generation.id).where(
                Generation.user_id == user_id,
                Generation.app_id == APP_ID,
                Generation.project_id == poster_id,
            )
        ).all()
        if made:  # the masks of edits that made no version (failed, cancelled)
            items = db.exec(
                select(GenerationItem.params).where(GenerationItem.generation_id.in_(made))
            ).all()
            file_ids |= {p.get("mask_id") for p in items if isinstance(p.get("mask_id"), str)}
    for generation_id in made:
        generations.delete(user_id, generation_id)
    freed = files.delete_files(user_id, sorted(file_ids))
    with session_scope() as db:
        found = db.get(PosterEditorPoster, poster_id)
        if found is not None and found.user_id == user_id:
            for version in db.exec(
                select(PosterEditorVersion).where(PosterEditorVersion.poster_id == poster_id)
            ).all():
                db.delete(version)
            db.flush()
            db.delete(found)
            project = db.get(PosterEditorProject, found.project_id)
            if project is not None:
                project.updated_at = utcnow()
    return freed
