"""One avatar: made from an upload, its persona and attributes edited, deleted, and every use
of it by any app recorded and shown (the original had the recorder but no caller)."""

from __future__ import annotations

import secrets
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, func, select

from lumiku import plugins
from lumiku.db import session_scope, utcnow
from lumiku.models import AvatarCreatorAvatar, AvatarCreatorUsage
from lumiku.services import files, owned
from lumiku.services.avatar_creator import faces, prompts
from lumiku.services.avatar_creator.projects import MAX_AVATARS, avatar, project, view
from lumiku.services.errors import ServiceError

MAX_UPLOAD_BYTES = 10 * 2**20  # the original's limit for a face photo
HISTORY_SIZE = 50


def check_room(db: Session, project_id: str, adding: int = 1) -> None:
    count = db.exec(
        select(func.count())
        .select_from(AvatarCreatorAvatar)
        .where(AvatarCreatorAvatar.project_id == project_id)
    ).one()
    if count + adding > MAX_AVATARS:
        raise ServiceError("avatar_creator_too_many_avatars", max=MAX_AVATARS)


def persona_fields(raw: dict[str, Any]) -> dict[str, Any]:
    """The persona and attributes of a form, checked, as the avatar's columns."""
    persona = prompts.validate_persona(
        raw.get("persona_name", ""),
        raw.get("persona_age"),
        raw.get("personality", ()),
        raw.get("background", ""),
    )
    return {
        "persona_name": persona.name,
        "persona_age": persona.age,
        "persona_personality": list(persona.personality),
        "persona_background": persona.background,
        "attributes": prompts.validate_attributes(raw.get("attributes") or {}),
    }


def room(user_id: int, project_id: str) -> int:
    """How many more avatars the project takes."""
    with session_scope() as db:
        found = project(db, user_id, project_id)
        count = db.exec(
            select(func.count())
            .select_from(AvatarCreatorAvatar)
            .where(AvatarCreatorAvatar.project_id == found.id)
        ).one()
    return max(0, MAX_AVATARS - count)


def upload(
    user_id: int, project_id: str, path: Path, original_name: str, raw: dict | None = None
) -> str:
    """A face photo becomes an avatar, with a thumbnail centred on the face; its persona can
    come with it or be written afterwards."""
    raw = raw or {}
    fields = persona_fields(raw)
    name = owned.name(raw.get("name") or Path(original_name).stem or "Avatar", 100)
    if path.stat().st_size > MAX_UPLOAD_BYTES:
        raise ServiceError("avatar_creator_photo_too_big", max_mb=MAX_UPLOAD_BYTES // 2**20)
    with session_scope() as db:
        check_room(db, project(db, user_id, project_id).id)
    image = files.store_upload(user_id, path, original_name, {"image"})
    stored = [image.id]
    try:
        with tempfile.TemporaryDirectory() as folder:
            thumb = Path(folder) / "thumbnail.jpg"
            thumb.write_bytes(faces.face_thumbnail(path.read_bytes()))
            stored.append(files.store_upload(user_id, thumb, "thumbnail.jpg", {"image"}).id)
        with session_scope() as db:
            found = project(db, user_id, project_id, lock=True)
            check_room(db, found.id)
            row = AvatarCreatorAvatar(
                id=secrets.token_hex(16),
                user_id=user_id,
                project_id=found.id,
                name=name,
                image_id=image.id,
                thumbnail_id=stored[1],
                source="uploaded",
                **fields,
            )
            db.add(row)
            found.updated_at = utcnow()
            return row.id
    except BaseException:
        files.delete_files(user_id, stored)
        raise


def update(user_id: int, avatar_id: str, raw: dict[str, Any]) -> None:
    """The avatar's name, persona and attributes as the form sends them, all checked."""
    fields = persona_fields(raw)
    with session_scope() as db:
        row = avatar(db, user_id, avatar_id)
        row.name = owned.name(raw.get("name"), 100)
        for key, value in fields.items():
            setattr(row, key, value)


def delete(user_id: int, avatar_id: str) -> None:
    with session_scope() as db:
        row = avatar(db, user_id, avatar_id)
        file_ids = [i for i in (row.image_id, row.thumbnail_id) if i]
        db.delete(row)
    files.delete_files(user_id, file_ids)


def get(user_id: int, avatar_id: str):  # noqa: ANN201 - projects.AvatarView
    with session_scope() as db:
        return view(avatar(db, user_id, avatar_id))


# ------------------------------------------------------------------ usage across apps


def record_use(
    db: Session,
    user_id: int,
    avatar_id: str,
    app_id: str,
    action: str,
    reference: tuple[str, str],
    detail: dict[str, Any] | None = None,
) -> None:
    """An app used this avatar (in the caller's transaction). Once per reference: a replayed
    submit is not a second use."""
    row = avatar(db, user_id, avatar_id)
    exists = db.exec(
        select(AvatarCreatorUsage.id).where(
            AvatarCreatorUsage.avatar_id == row.id,
            AvatarCreatorUsage.app_id == app_id,
            AvatarCreatorUsage.reference_id == reference[1],
        )
    ).first()
    if exists:
        return
    try:
        with db.begin_nested():
            db.add(
                AvatarCreatorUsage(
                    id=secrets.token_hex(16),
                    avatar_id=row.id,
                    user_id=user_id,
                    app_id=app_id,
                    action=action[:50],
                    reference_type=reference[0],
                    reference_id=reference[1][:64],
                    detail=detail or {},
                )
            )
    except IntegrityError:
        return  # another process recorded the same use first
    row.usage_count += 1
    row.last_used_at = utcnow()


@dataclass(frozen=True)
class UseView:
    app_id: str
    app_name: str
    action: str
    detail: dict[str, Any]
    at: datetime


@dataclass(frozen=True)
class UseSummary:
    app_id: str
    app_name: str
    count: int
    last_used: datetime


def history(user_id: int, avatar_id: str) -> tuple[list[UseView], list[UseSummary]]:
    """The avatar's last uses, newest first, and a count per app."""
    with session_scope() as db:
        row = avatar(db, user_id, avatar_id)
        uses = db.exec(
            select(AvatarCreatorUsage)
            .where(AvatarCreatorUsage.avatar_id == row.id)
            .order_by(AvatarCreatorUsage.created_at.desc(), AvatarCreatorUsage.id)
            .limit(HISTORY_SIZE)
        ).all()
        per_app: dict[str, tuple[int, datetime]] = {}
        for app_id, at in db.exec(
            select(AvatarCreatorUsage.app_id, AvatarCreatorUsage.created_at).where(
                AvatarCreatorUsage.avatar_id == row.id
            )
        ).all():
            count, last = per_app.get(app_id, (0, at))
            per_app[app_id] = (count + 1, max(last, at))

    def app_name(app_id: str) -> str:
        plugin = plugins.get(app_id)
        return plugin.name if plugin else app_id

    return (
        [
            UseView(u.app_id, app_name(u.app_id), u.action, dict(u.detail), u.created_at)
            for u in uses
        ],
        sorted(
            (UseSummary(a, app_name(a), n, last) for a, (n, last) in per_app.items()),
            key=lambda s: s.last_used,
            reverse=True,
        ),
    )
