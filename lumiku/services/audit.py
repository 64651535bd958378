"""The admin audit log: who changed what, with the values before and after.

`record` is called inside the transaction that makes the change, so a change never exists without
its entry (and a refused or rolled-back change leaves none). Reading the log is for admins only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import String, cast, func, or_
from sqlmodel import Session, select

from lumiku.db import paginate, session_scope
from lumiku.models import AdminAuditEntry, User
from lumiku.services.errors import Forbidden

PAGE_SIZE = 25
# Every action an admin can take, as the log names it (the page turns each into words).
ACTIONS = (
    "set_role",
    "set_plan",
    "adjust_credits",
    "set_storage_quota",
    "update_model",
    "requeue_job",
    "export_csv",
)
TARGET_TYPES = ("user", "ai_model", "job", "export")
CLI = "cli"  # admin_email of a change the operator made with the `lumiku` command


def _json_safe(values: dict[str, Any]) -> dict[str, Any]:
    """What the JSON column can hold: datetimes and other odd values as text."""
    return json.loads(json.dumps(values, default=str))


def record(
    db: Session,
    admin_id: int | None,
    action: str,
    target_type: str,
    target_id: object,
    before: dict[str, Any],
    after: dict[str, Any],
    *,
    admin_email: str = "",
) -> AdminAuditEntry | None:
    """Within the caller's transaction: one entry. Nothing is written when nothing changed
    (`before == after`: a select set to the value it had)."""
    if action not in ACTIONS or target_type not in TARGET_TYPES:
        raise ValueError(f"unknown audit action {action!r} on {target_type!r}")
    before, after = _json_safe(before), _json_safe(after)
    if before == after:
        return None
    if not admin_email and admin_id is not None:
        admin = db.get(User, admin_id)
        admin_email = admin.email if admin is not None else ""
    entry = AdminAuditEntry(
        admin_id=admin_id,
        admin_email=(admin_email or CLI)[:255],
        action=action,
        target_type=target_type,
        target_id=str(target_id)[:100],
        before=before,
        after=after,
    )
    db.add(entry)
    db.flush()
    return entry


@dataclass(frozen=True)
class Change:
    field: str
    before: Any  # None: the field was not there before (or is not there after)
    after: Any


@dataclass(frozen=True)
class EntryView:
    id: int
    admin_email: str
    action: str
    target_type: str
    target_id: str
    target_label: str  # a user's email for a user target, else the id
    changes: list[Change]
    created_at: datetime


@dataclass(frozen=True)
class EntryPage:
    rows: list[EntryView]
    page: int
    pages: int
    total: int


def changes(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    """Field by field, in the order the fields were written (before's, then after's new)."""
    names = list(before) + [name for name in after if name not in before]
    return [
        Change(name, before.get(name), after.get(name))
        for name in names
        if before.get(name) != after.get(name) or name not in before
    ]


def _user_target(entry: AdminAuditEntry) -> bool:
    return entry.target_type == "user" and entry.target_id.isdigit() and len(entry.target_id) < 19


def entries(
    actor: Any,
    page: object = 1,
    *,
    action: str = "",
    target_type: str = "",
    query: str = "",
    since: datetime | None = None,
    until: datetime | None = None,
) -> EntryPage:
    """Admins only: the newest first. `query` matches the admin's email or the target's id (or,
    for a user target, the user's email); unknown filter values match nothing rather than all."""
    if actor is None or not getattr(actor, "is_admin", False):
        raise Forbidden()
    conditions = []
    if action:
        conditions.append(AdminAuditEntry.action == str(action)[:50])
    if target_type:
        conditions.append(AdminAuditEntry.target_type == str(target_type)[:30])
    text = " ".join(str(query).split())[:100].lower() if isinstance(query, str) else ""
    if text:
        user_ids = select(cast(User.id, String)).where(
            func.lower(User.email).contains(text, autoescape=True)
        )
        conditions.append(
            or_(
                func.lower(AdminAuditEntry.admin_email).contains(text, autoescape=True),
                func.lower(AdminAuditEntry.target_id).contains(text, autoescape=True),
                (AdminAuditEntry.target_type == "user") & AdminAuditEntry.target_id.in_(user_ids),
            )
        )
    if isinstance(since, datetime):
        conditions.append(AdminAuditEntry.created_at >= since)
    if isinstance(until, datetime):
        conditions.append(AdminAuditEntry.created_at < until)
    with session_scope() as db:
        found = paginate(
            db,
            select(AdminAuditEntry)
            .where(*conditions)
            .order_by(AdminAuditEntry.created_at.desc(), AdminAuditEntry.id.desc()),
            page,
            PAGE_SIZE,
        )
        rows: list[AdminAuditEntry] = found.rows
        targets = {int(r.target_id) for r in rows if _user_target(r)}
        emails = dict(db.exec(select(User.id, User.email).where(User.id.in_(targets))).all())
        views = [
            EntryView(
                id=r.id or 0,
                admin_email=r.admin_email,
                action=r.action,
                target_type=r.target_type,
                target_id=r.target_id,
                target_label=(
                    emails.get(int(r.target_id), r.target_id) if _user_target(r) else r.target_id
                ),
                changes=changes(dict(r.before or {}), dict(r.after or {})),
                created_at=r.created_at,
            )
            for r in rows
        ]
    return EntryPage(rows=views, page=found.page, pages=found.pages, total=found.total)
