"""Users' private files: uploads checked by content and size, outputs, the storage quota, and
short-lived signed download links. Nobody reaches a file that is not theirs by any path."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import jwt
from sqlalchemy import func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from lumiku.db import session_scope, utcnow
from lumiku.models import StoredFile, User
from lumiku.services import media
from lumiku.services.errors import NotFound, ServiceError
from lumiku.services.storage import get_storage
from lumiku.settings import get_settings

LINK_SECONDS = 300
FILES_PER_UPLOAD = 30  # the most files one upload request may carry


def limit_bytes(kind: str) -> int:
    settings = get_settings()
    megabytes = {
        "video": settings.max_video_mb,
        "image": settings.max_image_mb,
        "audio": settings.max_audio_mb,
    }[kind]
    return megabytes * 1024 * 1024


def reserve_space(db: Session, user_id: int, size: int) -> None:
    """Atomically counts `size` bytes against the quota, or refuses; concurrent uploads cannot
    overshoot (one conditional UPDATE)."""
    done = db.execute(
        update(User)
        .where(User.id == user_id, User.storage_used_bytes + size <= User.storage_quota_bytes)
        .values(storage_used_bytes=User.storage_used_bytes + size)
    )
    if not done.rowcount:
        user = db.get(User, user_id)
        if user is None:
            raise NotFound()
        raise ServiceError(
            "storage_quota_exceeded",
            used_mb=user.storage_used_bytes // 2**20,
            quota_mb=user.storage_quota_bytes // 2**20,
        )


def release_space(db: Session, user_id: int, size: int) -> None:
    db.execute(
        update(User)
        .where(User.id == user_id)
        .values(
            storage_used_bytes=func.max(User.storage_used_bytes - size, 0)
            if db.get_bind().dialect.name == "sqlite"
            else func.greatest(User.storage_used_bytes - size, 0)
        )
    )


@dataclass(frozen=True)
class FileView:
    id: str
    media: str
    content_type: str
    size_bytes: int
    original_name: str
    duration_seconds: float | None
    width: int | None
    height: int | None


def _view(row: StoredFile) -> FileView:
    return FileView(
        row.id,
        row.media,
        row.content_type,
        row.size_bytes,
        row.original_name,
        row.duration_seconds,
        row.width,
        row.height,
    )


def _store(user_id: int, path: Path, info: media.MediaInfo, key: str, **row: object) -> StoredFile:
    """Counts the file against the quota, saves it, then records it: three short steps, so
    the user's account row is never locked while bytes travel. Anything failing undoes the
    count; a row another writer made first for the same key (a rerun job) is kept instead."""
    size = path.stat().st_size
    with session_scope() as db:
        reserve_space(db, user_id, size)
    try:
        get_storage().save_file(key, path)
        with session_scope() as db:
            stored = StoredFile(
                id=secrets.token_hex(16),
                user_id=user_id,
                media=info.media,
                content_type=info.content_type,
                size_bytes=size,
                key=key,
                duration_seconds=info.duration,
                width=info.width,
                height=info.height,
                **row,
            )
            db.add(stored)
        return stored
    except IntegrityError:  # the same output stored by a rerun: its row and count stand
        with session_scope() as db:
            release_space(db, user_id, size)
            return db.exec(select(StoredFile).where(StoredFile.key == key)).one()
    except BaseException:
        if row.get("kind") == "upload":  # an output's key may be another writer's file
            get_storage().delete(key)
        with session_scope() as db:
            release_space(db, user_id, size)
        raise


def store_upload(
    user_id: int,
    path: Path,
    original_name: str,
    allowed: set[str],
    max_seconds: float | None = None,
) -> FileView:
    """Checks the file by its content (whole, not cut short), its size for its type, its length
    (`max_seconds`, for video and sound) and the user's quota, then copies it into private
    storage under a server-made name."""
    largest = max(limit_bytes(kind) for kind in allowed)
    if path.is_file() and path.stat().st_size > largest:  # before reading it all
        raise ServiceError("file_too_large", limit_mb=largest // 2**20)
    info = media.probe(path)
    if info.media not in allowed:
        raise ServiceError("file_type_not_allowed", kinds=", ".join(sorted(allowed)))
    if path.stat().st_size > limit_bytes(info.media):
        raise ServiceError("file_too_large", limit_mb=limit_bytes(info.media) // 2**20)
    if max_seconds is not None and (info.duration or 0.0) > max_seconds:
        raise ServiceError("file_too_long", limit_minutes=f"{max_seconds / 60:g}")
    key = f"uploads/{user_id}/{secrets.token_hex(16)}.{info.extension}"
    stored = _store(
        user_id, path, info, key, kind="upload", original_name=Path(original_name).name[:255]
    )
    return _view(stored)


def store_output(user_id: int, path: Path, key: str, name: str) -> StoredFile:
    """A generated output at a deterministic key: storing it twice (a rerun job, or an orphaned
    one finishing alongside its replacement) keeps one file and counts its space once."""
    with session_scope() as db:
        existing = db.exec(select(StoredFile).where(StoredFile.key == key)).first()
    if existing is not None:
        return existing
    expires = utcnow() + timedelta(days=get_settings().output_retention_days)
    return _store(
        user_id,
        path,
        media.probe(path, archives=True),
        key,
        kind="output",
        original_name=name[:255],
        expires_at=expires,
    )


def store_kept(db: Session, user_id: int, path: Path, key: str, name: str) -> StoredFile:
    """A file the user keeps, made inside the caller's transaction (a composite an app's
    `deliver` step makes): its space counted and its row added with the caller's other rows,
    so both commit or neither does. The key is deterministic: a rerun that finds the row
    returns it."""
    existing = db.exec(select(StoredFile).where(StoredFile.key == key)).first()
    if existing is not None:
        return existing
    info = media.probe(path)
    size = path.stat().st_size
    reserve_space(db, user_id, size)
    get_storage().save_file(key, path)
    stored = StoredFile(
        id=secrets.token_hex(16),
        user_id=user_id,
        media=info.media,
        content_type=info.content_type,
        size_bytes=size,
        key=key,
        duration_seconds=info.duration,
        width=info.width,
        height=info.height,
        kind="kept",
        original_name=name[:255],
        expires_at=None,
    )
    db.add(stored)
    db.flush()
    return stored


def delete_files(user_id: int, file_ids: list[str], kinds: tuple[str, ...] = ()) -> int:
    """Deletes the user's own files (of these kinds, if given) and frees their space; others'
    ids are ignored."""
    ids = [f for f in file_ids if isinstance(f, str)]
    if not ids:
        return 0
    with session_scope() as db:
        query = select(StoredFile).where(StoredFile.id.in_(ids), StoredFile.user_id == user_id)
        rows = db.exec(query.where(StoredFile.kind.in_(kinds)) if kinds else query).all()
        for row in rows:
            db.delete(row)
        release_space(db, user_id, sum(r.size_bytes for r in rows))
        keys = [r.key for r in rows]
    for key in keys:
        get_storage().delete(key)
    return len(keys)


def read_bytes(user_id: int, file_id: str) -> bytes:
    """A small file of the user's (a picture to send to a model), whole."""
    row = owned(user_id, file_id)
    with get_storage().open(row.key) as stream:
        return stream.read()


def keep(db: Session, user_id: int, file_id: str) -> None:
    """An output becomes something the user keeps (an avatar): no expiry, and deleting the
    generation that made it leaves it."""
    row = db.get(StoredFile, file_id)
    if row is None or row.user_id != user_id:
        raise NotFound()
    row.kind, row.expires_at = "kept", None


def owned(user_id: int, file_id: str) -> StoredFile:
    with session_scope() as db:
        row = db.get(StoredFile, file_id) if isinstance(file_id, str) else None
        if row is None or row.user_id != user_id:
            raise NotFound()
        return row


# ------------------------------------------------------------------ signed links


def _sign(claims: dict, seconds: int) -> str:
    claims = {**claims, "exp": utcnow() + timedelta(seconds=seconds)}
    return jwt.encode(claims, get_settings().effective_secret_key, algorithm="HS256")


def _verify(token: str, purpose: str) -> dict:
    try:
        claims = jwt.decode(
            token,
            get_settings().effective_secret_key,
            algorithms=["HS256"],
            options={"require": ["exp", "use", "uid"]},
        )
    except jwt.PyJWTError:
        raise NotFound() from None
    if claims.get("use") != purpose:
        raise NotFound()
    return claims


def file_link(user_id: int, file_id: str, inline: bool = False, seconds: int = LINK_SECONDS) -> str:
    owned(user_id, file_id)  # only the owner is ever given a link
    return signed_file_link(user_id, file_id, inline, seconds)


def signed_file_link(
    user_id: int, file_id: str, inline: bool = False, seconds: int = LINK_SECONDS
) -> str:
    """For callers that just read the file from the user's own rows (no second lookup)."""
    token = _sign({"use": "file", "uid": user_id, "fid": file_id, "inline": inline}, seconds)
    return f"/api/files/{token}"


def open_link(token: str) -> tuple[StoredFile, bool]:
    claims = _verify(token, "file")
    return owned(claims["uid"], claims.get("fid", "")), bool(claims.get("inline"))


def zip_link(user_id: int, generation_id: str, seconds: int = LINK_SECONDS) -> str:
    token = _sign({"use": "zip", "uid": user_id, "gid": generation_id}, seconds)
    return f"/api/files/zip/{token}"


def open_zip_link(token: str) -> tuple[int, str]:
    claims = _verify(token, "zip")
    return claims["uid"], str(claims.get("gid", ""))


def expired_outputs(now: datetime | None = None, limit: int = 500) -> list[tuple[int, str]]:
    with session_scope() as db:
        return list(
            db.exec(
                select(StoredFile.user_id, StoredFile.id)
                .where(StoredFile.kind == "output", StoredFile.expires_at <= (now or utcnow()))
                .limit(limit)
            )
        )


def remove_expired_outputs(now: datetime | None = None, batch: int = 500) -> int:
    """Hourly: every output past OUTPUT_RETENTION_DAYS is removed and its space freed, a batch
    at a time (one transaction per user in each), until none is left."""
    removed = 0
    while found := expired_outputs(now, batch):
        by_user: dict[int, list[str]] = {}
        for user_id, file_id in found:
            by_user.setdefault(user_id, []).append(file_id)
        done = sum(delete_files(user_id, ids) for user_id, ids in by_user.items())
        removed += done
        if not done:  # nothing could be removed: stop rather than spin
            break
    return removed


def existing_ids(file_ids: set[str]) -> set[str]:
    """Which of these files still exist (for caches kept beside them)."""
    if not file_ids:
        return set()
    with session_scope() as db:
        return set(db.exec(select(StoredFile.id).where(StoredFile.id.in_(file_ids))).all())
