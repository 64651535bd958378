"""Avatar Creator's projects and the avatars in them, as the pages read them. Every function
takes the acting user; someone else's project or avatar looks exactly like a missing one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, select

from lumiku.db import session_scope
from lumiku.models import AvatarCreatorAvatar, AvatarCreatorProject
from lumiku.services import owned

APP_ID = "avatar-creator"
PAGE_SIZE = 12
MAX_AVATARS = 60  # per project: a persona library, not a photo dump


def project(db: Session, user_id: int, project_id: Any, lock: bool = False) -> AvatarCreatorProject:
    return owned.row(db, AvatarCreatorProject, user_id, project_id, lock=lock)


def avatar(db: Session, user_id: int, avatar_id: Any) -> AvatarCreatorAvatar:
    return owned.row(db, AvatarCreatorAvatar, user_id, avatar_id)


def persona_line(name: str, age: int | None) -> str:
    """A persona in a few words, for cards: "Sarah Chen, 32"."""
    return ", ".join(p for p in (name, str(age) if age else "") if p)


@dataclass(frozen=True)
class ProjectSummary:
    id: str
    name: str
    description: str
    avatars: int
    cover_id: str  # the newest avatar's thumbnail, "" when empty
    updated_at: datetime


@dataclass(frozen=True)
class AvatarView:
    id: str
    project_id: str
    name: str
    image_id: str
    thumbnail_id: str
    persona_name: str
    persona_age: int | None
    personality: list[str]
    background: str
    attributes: dict[str, str]
    source: str
    prompt: str
    seed: int | None
    model_key: str
    likeness: float | None
    usage_count: int
    last_used_at: datetime | None
    created_at: datetime


def view(row: AvatarCreatorAvatar) -> AvatarView:
    return AvatarView(
        id=row.id,
        project_id=row.project_id,
        name=row.name,
        image_id=row.image_id or "",
        thumbnail_id=row.thumbnail_id or row.image_id or "",
        persona_name=row.persona_name,
        persona_age=row.persona_age,
        personality=list(row.persona_personality or []),
        background=row.persona_background,
        attributes=dict(row.attributes or {}),
        source=row.source,
        prompt=row.prompt,
        seed=row.seed,
        model_key=row.model_key,
        likeness=row.likeness,
        usage_count=row.usage_count,
        last_used_at=row.last_used_at,
        created_at=row.created_at,
    )


@dataclass(frozen=True)
class ProjectDetail:
    id: str
    name: str
    description: str
    avatars: list[AvatarView]


def list_projects(user_id: int, page: int = 1) -> owned.ProjectPage[ProjectSummary]:
    with session_scope() as db:
        found = owned.projects_page(db, AvatarCreatorProject, user_id, page, PAGE_SIZE)
        ids = [p.id for p in found.rows]
        counts = owned.children(db, AvatarCreatorAvatar, ids)
        covers: dict[str, str] = {}
        for row in db.exec(
            select(AvatarCreatorAvatar)
            .where(AvatarCreatorAvatar.project_id.in_(ids))
            .order_by(AvatarCreatorAvatar.created_at)
        ).all():
            covers[row.project_id] = row.thumbnail_id or row.image_id or ""
        rows = [
            ProjectSummary(
                p.id, p.name, p.description, counts.get(p.id, 0), covers.get(p.id, ""), p.updated_at
            )
            for p in found.rows
        ]
        return owned.ProjectPage(rows, found.page, found.pages, found.total)


def get_project(user_id: int, project_id: str) -> ProjectDetail:
    with session_scope() as db:
        found = project(db, user_id, project_id)
        avatars = db.exec(
            select(AvatarCreatorAvatar)
            .where(AvatarCreatorAvatar.project_id == found.id)
            .order_by(AvatarCreatorAvatar.created_at.desc(), AvatarCreatorAvatar.id)
        ).all()
        return ProjectDetail(found.id, found.name, found.description, [view(a) for a in avatars])


def list_avatars(user_id: int) -> list[AvatarView]:
    """Every avatar of the user's, newest first: what other apps (Avatar Generator) pick from."""
    with session_scope() as db:
        rows = db.exec(
            select(AvatarCreatorAvatar)
            .where(AvatarCreatorAvatar.user_id == user_id)
            .order_by(AvatarCreatorAvatar.created_at.desc(), AvatarCreatorAvatar.id)
            .limit(500)
        ).all()
        return [view(a) for a in rows]


def create_project(user_id: int, name: str, description: str = "") -> str:
    return owned.create_project(AvatarCreatorProject, user_id, name, description)


def rename_project(user_id: int, project_id: str, name: str, description: str = "") -> None:
    owned.rename_project(AvatarCreatorProject, user_id, project_id, name, description)


def delete_project(user_id: int, project_id: str) -> int:
    """Removes the project with its avatars' pictures and the generations made in it."""

    def project_files(db: Session, found: AvatarCreatorProject) -> list[str]:
        rows = db.exec(
            select(AvatarCreatorAvatar).where(AvatarCreatorAvatar.project_id == found.id)
        ).all()
        return [i for a in rows for i in (a.image_id, a.thumbnail_id) if i]

    return owned.delete_project(AvatarCreatorProject, user_id, project_id, project_files)
