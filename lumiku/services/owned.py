"""What every app's project service needs: rows reached only through their owner (someone
else's looks exactly like a missing one), names checked the same way, and list reordering."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlmodel import Session, func, select

from lumiku.db import Slice, paginate, session_scope, utcnow
from lumiku.models import Generation
from lumiku.services import files, generations
from lumiku.services.accounts import lock_account
from lumiku.services.errors import NotFound, ServiceError

Row = TypeVar("Row")


@dataclass(frozen=True)
class ProjectPage(Generic[Row]):
    """One page of an app's project list: the app's summaries of its projects."""

    rows: list[Row]
    page: int
    pages: int
    total: int


def projects_page(db: Session, model: type, user_id: int, page: Any, size: int) -> Slice:
    """One page of the user's projects of `model`, the latest changed first."""
    return paginate(
        db,
        select(model).where(model.user_id == user_id).order_by(model.updated_at.desc(), model.id),
        page,
        size,
    )


def row(db: Session, model: type[Row], user_id: int, row_id: Any, lock: bool = False) -> Row:
    """A row with a `user_id`, if it is the user's. `lock`: SELECT … FOR UPDATE, so writers
    that count its children before adding one take turns."""
    found = db.get(model, row_id, with_for_update=lock) if isinstance(row_id, str) else None
    if found is None or found.user_id != user_id:
        raise NotFound()
    return found


def part(db: Session, model: type[Row], parent: type, user_id: int, row_id: Any) -> Row:
    """A row with a `project_id`, reached only through a project of the user's."""
    found = db.get(model, row_id) if isinstance(row_id, str) else None
    if found is None:
        raise NotFound()
    row(db, parent, user_id, found.project_id)
    return found


def name(value: Any, limit: int, field: str = "name") -> str:
    """Whitespace collapsed, cut to `limit`; an empty one is refused."""
    cleaned = " ".join(value.split())[:limit] if isinstance(value, str) else ""
    if not cleaned:
        raise ServiceError("field_required", name=field)
    return cleaned


def description(value: Any) -> str:
    return value.strip()[:500] if isinstance(value, str) else ""


def check_step(step: Any) -> None:
    if not isinstance(step, int) or isinstance(step, bool) or step not in (-1, 1):
        raise ServiceError("parameter_invalid", name="step")


def renumber(rows: list, attribute: str = "position") -> None:
    for index, item in enumerate(rows):
        setattr(item, attribute, index)


def swap(rows: list, index: int, step: int, attribute: str = "position") -> None:
    """Moves rows[index] one place earlier (-1) or later (+1), then numbers them all again."""
    other = index + step
    if 0 <= other < len(rows):
        rows[index], rows[other] = rows[other], rows[index]
    renumber(rows, attribute)


def save_named(
    db: Session, model: type, user_id: int, name: str, values: dict[str, Any], limit: int, full: str
) -> str:
    """A user's row kept under a name (a saved preset): saving under a name they used replaces
    that row's `values`; a new name is refused with `full` past `limit` rows. The account is
    locked first, so two tabs saving at once take turns."""
    lock_account(db, user_id)
    existing = db.exec(select(model).where(model.user_id == user_id, model.name == name)).first()
    if existing is not None:
        for field, value in values.items():
            setattr(existing, field, value)
        return existing.id
    count = db.exec(select(func.count()).select_from(model).where(model.user_id == user_id)).one()
    if count >= limit:
        raise ServiceError(full, max=limit)
    row = model(id=secrets.token_hex(16), user_id=user_id, name=name, **values)
    db.add(row)
    return row.id


def children(db: Session, model: type, project_ids: list[str]) -> dict[str, int]:
    """How many rows of `model` (clips, pictures…) each of these projects has."""
    rows = db.exec(
        select(model.project_id, func.count())
        .where(model.project_id.in_(project_ids))
        .group_by(model.project_id)
    ).all()
    return dict(rows)


def rename(row: Any, new_name: Any, new_description: Any) -> None:
    """A project's name and description, checked, and its `updated_at` moved on."""
    row.name, row.description = name(new_name, 100), description(new_description)
    row.updated_at = utcnow()


def create_project(model: type, user_id: int, new_name: Any, new_description: Any, **values) -> str:
    """A new project of the user's, its name and description checked; `values` are the app's
    own columns (its default settings, say)."""
    with session_scope() as db:
        project = model(
            id=secrets.token_hex(16),
            user_id=user_id,
            name=name(new_name, 100),
            description=description(new_description),
            **values,
        )
        db.add(project)
        return project.id


def rename_project(
    model: type, user_id: int, project_id: Any, new_name: Any, new_description: Any
) -> None:
    with session_scope() as db:
        rename(row(db, model, user_id, project_id), new_name, new_description)


def delete_project(
    model: type, user_id: int, project_id: Any, files_of: Callable[[Session, Any], list[str]]
) -> int:
    """Removes a project of the user's with its generations and the files `files_of(db,
    project)` names (its uploads, thumbnails, previews), freeing their space; refused while one
    of its generations is still running. Returns how many files were freed."""
    with session_scope() as db:
        project = row(db, model, user_id, project_id)
        made = db.exec(
            select(Generation.id, Generation.status).where(
                Generation.user_id == user_id, Generation.project_id == project.id
            )
        ).all()
        if any(status in generations.ACTIVE for _id, status in made):
            raise ServiceError("generation_still_running")
        file_ids = [i for i in files_of(db, project) if i]
    for generation_id, _status in made:
        generations.delete(user_id, generation_id)
    freed = files.delete_files(user_id, file_ids)
    with session_scope() as db:
        db.delete(row(db, model, user_id, project_id))
    return freed
