"""The pose library as users see it: the seeded templates everyone shares plus the user's own,
taken from their photos. Filtered, searched, sorted and paged in the database; a template is
reached only if it is the library's or the caller's (someone else's looks missing)."""

from __future__ import annotations

import secrets
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import String, cast, or_, update
from sqlmodel import Session, func, select

from lumiku.db import paginate, session_scope
from lumiku.models import PoseGeneratorTemplate
from lumiku.services import files, media, owned
from lumiku.services.accounts import lock_account
from lumiku.services.errors import NotFound, ServiceError
from lumiku.services.pose_generator import estimate, poses, skeleton

CUSTOM = "custom"  # the category of a user's own template
SORTS = ("popular", "library", "newest")
TEXT_MAX = 100  # characters of a search
SIZE_MAX = 100  # templates per page
MAX_OWN = 200  # a user's own templates
PREVIEW_ROUTE = "/api/pose-generator/poses/{id}.png"


@dataclass(frozen=True)
class TemplateView:
    id: str
    name: str
    name_id: str
    category: str
    gender: str
    difficulty: str
    tags: list[str]
    uses: int
    own: bool
    preview_url: str
    created_at: datetime


def categories() -> list[str]:
    """The library's categories in their order, then the user's own."""
    return [*poses.CATEGORIES, CUSTOM]


def preview_url(row: PoseGeneratorTemplate) -> str:
    """A library pose's public, cached skeleton; a user's own its stored preview's signed link
    (the caller has already checked the row is theirs)."""
    if row.user_id is None:
        return PREVIEW_ROUTE.format(id=row.id)
    if not row.preview_id:
        return ""
    return files.signed_file_link(row.user_id, row.preview_id, inline=True)


def view(row: PoseGeneratorTemplate) -> TemplateView:
    return TemplateView(
        row.id,
        row.name,
        row.name_id,
        row.category,
        row.gender,
        row.difficulty,
        list(row.tags or []),
        row.uses,
        row.user_id is not None,
        preview_url(row),
        row.created_at,
    )


def reachable(db: Session, user_id: int, template_id: Any) -> PoseGeneratorTemplate:
    """A library template or one of the user's own; NotFound otherwise."""
    row = db.get(PoseGeneratorTemplate, template_id) if isinstance(template_id, str) else None
    if row is None or row.user_id not in (None, user_id):
        raise NotFound()
    return row


def library_keypoints(template_id: Any) -> list | None:
    """A library pose's keypoints for its public preview; None for anything else (a user's own
    template is never served without its owner's signed link)."""
    with session_scope() as db:
        row = db.get(PoseGeneratorTemplate, template_id) if isinstance(template_id, str) else None
        return None if row is None or row.user_id is not None else list(row.keypoints)


# ------------------------------------------------------------------ browsing


def _choice(value: Any, choices: tuple[str, ...] | list[str], name: str) -> str:
    if value is None or value == "":
        return ""
    if not isinstance(value, str) or value not in choices:
        raise ServiceError("parameter_invalid", name=name)
    return value


def _words(text: Any) -> list[str]:
    if text is None:
        return []
    if not isinstance(text, str):
        raise ServiceError("parameter_invalid", name="search")
    if len(text) > TEXT_MAX:
        raise ServiceError("parameter_out_of_range", name="search", low=0, high=TEXT_MAX)
    return text.split()


def _check_page(page: Any, size: Any) -> tuple[int, int]:
    if isinstance(page, bool) or not isinstance(page, int):
        raise ServiceError("parameter_invalid", name="page")
    if isinstance(size, bool) or not isinstance(size, int) or not 1 <= size <= SIZE_MAX:
        raise ServiceError("parameter_out_of_range", name="page_size", low=1, high=SIZE_MAX)
    return page, size


def browse(
    user_id: int,
    category: str = "",
    gender: str = "",
    text: str = "",
    sort: str = "popular",
    page: int = 1,
    size: int = 24,
) -> owned.ProjectPage[TemplateView]:
    """One page of the library and the user's own templates. `gender` keeps that gender's poses
    and those for anyone; every word of `text` must occur (any case) in the name, the Indonesian
    name or a tag. Sorts: "popular" (most used first), "library" (the library's order, the
    user's own after it), "newest"."""
    category = _choice(category, categories(), "category")
    gender = _choice(gender, poses.GENDERS, "gender")
    words = _words(text)
    sort = _choice(sort, SORTS, "sort") or "popular"
    page, size = _check_page(page, size)
    t = PoseGeneratorTemplate
    query = select(t).where(or_(t.user_id.is_(None), t.user_id == user_id))
    if category:
        query = query.where(t.category == category)
    if gender:
        query = query.where(t.gender.in_((gender, "any")))
    tags = cast(t.tags, String)
    for word in words:
        query = query.where(
            or_(
                t.name.icontains(word, autoescape=True),
                t.name_id.icontains(word, autoescape=True),
                tags.icontains(word, autoescape=True),
            )
        )
    mine_last = t.user_id.is_not(None)
    order = {
        "popular": (t.uses.desc(), mine_last, t.display_order, t.id),
        "library": (mine_last, t.display_order, t.created_at, t.id),
        "newest": (t.created_at.desc(), t.display_order, t.id),
    }[sort]
    with session_scope() as db:
        found = paginate(db, query.order_by(*order), page, size)
        return owned.ProjectPage(
            [view(r) for r in found.rows], found.page, found.pages, found.total
        )


def template(user_id: int, template_id: str) -> TemplateView:
    with session_scope() as db:
        return view(reachable(db, user_id, template_id))


def count_uses(db: Session, template_ids: list[str]) -> None:
    """One more use of each template (a generation chose them), in the caller's transaction;
    one UPDATE, so concurrent generations never lose a count."""
    t = PoseGeneratorTemplate
    db.exec(update(t).where(t.id.in_(template_ids)).values(uses=t.uses + 1))  # type: ignore[call-overload]


# ------------------------------------------------------------------ the user's own


def from_photo(user_id: int, path: Path, original_name: str, name: str) -> str:
    """A template of the user's from the pose of the person in a photo. The photo itself is
    not kept: only the pose and its skeleton preview (a kept file, `preview_id`)."""
    clean = owned.name(name, 100)
    if not isinstance(path, Path) or not path.is_file():
        raise ServiceError("file_empty")
    if path.stat().st_size > files.limit_bytes("image"):
        raise ServiceError("file_too_large", limit_mb=files.limit_bytes("image") // 2**20)
    if media.probe(path).media != "image":
        raise ServiceError("file_type_not_allowed", kinds="image")
    with session_scope() as db:
        _check_room(db, user_id)
    keypoints = estimate.from_photo(path.read_bytes())
    with tempfile.TemporaryDirectory() as folder:
        preview = Path(folder) / "pose.png"
        preview.write_bytes(skeleton.preview_png(keypoints))
        stem = Path(original_name if isinstance(original_name, str) else "").stem or "pose"
        stored = files.store_upload(user_id, preview, f"{stem[:80]}-pose.png", {"image"})
    try:
        with session_scope() as db:
            _check_room(db, user_id)
            files.keep(db, user_id, stored.id)
            row = PoseGeneratorTemplate(
                id=secrets.token_hex(16),
                user_id=user_id,
                name=clean,
                category=CUSTOM,
                gender="any",
                difficulty="easy",
                tags=[],
                keypoints=[None if p is None else [round(v, 5) for v in p] for p in keypoints],
                preview_id=stored.id,
                display_order=0,
            )
            db.add(row)
            return row.id
    except BaseException:
        files.delete_files(user_id, [stored.id])
        raise


def _check_room(db: Session, user_id: int) -> None:
    """The account locked, so two uploads at once count each other."""
    lock_account(db, user_id)
    t = PoseGeneratorTemplate
    count = db.exec(select(func.count()).select_from(t).where(t.user_id == user_id)).one()
    if count >= MAX_OWN:
        raise ServiceError("pose_generator_too_many_templates", max=MAX_OWN)


def rename_template(user_id: int, template_id: str, name: str) -> None:
    with session_scope() as db:
        owned.row(db, PoseGeneratorTemplate, user_id, template_id).name = owned.name(name, 100)


def delete_template(user_id: int, template_id: str) -> None:
    """The template and its preview; poses already made from it keep their name."""
    with session_scope() as db:
        row = owned.row(db, PoseGeneratorTemplate, user_id, template_id)
        file_ids = [row.preview_id] if row.preview_id else []
        db.delete(row)
    files.delete_files(user_id, file_ids)
