"""Administration of accounts: listing users and changing roles. Every change an admin makes is
written to the audit log (lumiku.services.audit) in the transaction that makes it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, update
from sqlmodel import select

from lumiku.db import paginate, session_scope, utcnow
from lumiku.models import CreditEntry, Subscription, User
from lumiku.services import ai_models, audit, auth, billing, events, payments, queues, subscriptions
from lumiku.services.accounts import lock_account
from lumiku.services.errors import Forbidden, NotFound, ServiceError

ROLES = ("user", "admin")
PAGE_SIZE = 20


@dataclass(frozen=True)
class UserRow:
    id: int
    email: str
    name: str
    role: str
    account_type: str
    credit_balance: int
    plan_id: str  # "" when paying as they go
    storage_used_bytes: int
    storage_quota_bytes: int
    created_at: datetime


@dataclass(frozen=True)
class UserPage:
    rows: list[UserRow]
    page: int
    pages: int
    total: int


def require_admin(actor: auth.CurrentUser | None) -> auth.CurrentUser:
    if actor is None or not actor.is_admin:
        raise Forbidden()
    return actor


def list_users(actor: auth.CurrentUser | None, page: int = 1, query: str = "") -> UserPage:
    require_admin(actor)
    query = query.strip()[:100]
    condition = True
    if query:
        query = query.lower()  # `%` and `_` are matched as themselves
        condition = or_(
            func.lower(User.email).contains(query, autoescape=True),
            func.lower(User.name).contains(query, autoescape=True),
        )
    with session_scope() as db:
        found = paginate(db, select(User).where(condition).order_by(User.id), page, PAGE_SIZE)
        users = found.rows
        plans = dict(
            db.exec(
                select(Subscription.user_id, Subscription.plan_id).where(
                    Subscription.user_id.in_([u.id for u in users]),
                    Subscription.status.in_(["active", "cancelled"]),
                    Subscription.ends_at > utcnow(),
                )
            ).all()
        )
        rows = [
            UserRow(
                id=u.id,
                email=u.email,
                name=u.name,
                role=u.role,
                account_type=u.account_type,
                credit_balance=u.credit_balance,
                plan_id=plans.get(u.id, ""),
                storage_used_bytes=u.storage_used_bytes,
                storage_quota_bytes=u.storage_quota_bytes,
                created_at=u.created_at,
            )
            for u in users
            if u.id is not None
        ]
    return UserPage(rows=rows, page=found.page, pages=found.pages, total=found.total)


def set_role(actor: auth.CurrentUser | None, user_id: int, role: str) -> None:
    """Admins only; the last admin cannot be demoted, so the site always has one."""
    admin = require_admin(actor)
    assign_role(user_id, role, admin_id=admin.id)


def assign_role(user_id: int, role: str, *, admin_id: int | None = None) -> None:
    """Without an actor check: for the operator's CLI (logged as "cli"), and for set_role."""
    if role not in ROLES:
        raise ServiceError("role_invalid")
    with session_scope() as db:
        if role != "admin":
            # Two admins demoting each other at once must not leave none: lock every admin row
            # (in id order, so concurrent demotions queue up rather than deadlock) before
            # counting them. The second waits for the first, then sees one admin fewer. On SQLite
            # a write first takes the database's write lock, which serialises the same way.
            if db.get_bind().dialect.name == "postgresql":
                admins = db.exec(
                    select(User.id).where(User.role == "admin").order_by(User.id).with_for_update()
                ).all()
            else:
                db.execute(update(User).where(User.role == "admin").values(role=User.role))
                admins = db.exec(select(User.id).where(User.role == "admin")).all()
        user = db.exec(
            select(User)
            .where(User.id == int(user_id))
            .with_for_update()
            .execution_options(populate_existing=True)
        ).first()
        if user is None:
            raise NotFound()
        if user.role == "admin" and role != "admin" and len(admins) <= 1:
            raise ServiceError("last_admin")
        audit.record(db, admin_id, "set_role", "user", user.id, {"role": user.role}, {"role": role})
        user.role, user.updated_at = role, utcnow()


def find_by_email(email: str) -> User | None:
    email = auth.normalize_email(email)
    with session_scope() as db:
        return db.exec(select(User).where(User.email == email)).first()


def create_admin(email: str, password: str, name: str) -> User:
    """For the CLI: creates the account, or promotes an existing one (password unchanged)."""
    email = auth.normalize_email(email)
    existing = find_by_email(email)
    if existing is not None:
        assign_role(existing.id, "admin")
        return existing
    auth.check_password(password)
    with session_scope() as db:
        user = User(
            email=email,
            name=auth.clean_name(name),
            role="admin",
            password_hash=auth.hash_password(password),
        )
        db.add(user)
        db.flush()
        audit.record(db, None, "set_role", "user", user.id, {}, {"role": "admin"})
    return user


def adjust_credits(
    actor: auth.CurrentUser | None, user_id: int, amount: int, reason: str, key: str
) -> None:
    """Grant (positive) or deduct (negative) credits with a reason: one adjustment entry, as
    billing.add_credits makes it, and its audit entry in the same transaction (a double submit
    replays the first: neither is written twice)."""
    admin = require_admin(actor)
    reason = " ".join(str(reason).split())[:200]
    if not reason:
        raise ServiceError("reason_required")
    if not isinstance(key, str):
        raise ServiceError("idempotency_key_invalid")
    idempotency_key, uid = f"admin:{key}", int(user_id)
    with session_scope() as db:
        balance = lock_account(db, uid).credit_balance
        replay = db.exec(
            select(CreditEntry.id).where(CreditEntry.idempotency_key == idempotency_key)
        ).first()
        entry = billing.add_credits_in(
            db,
            uid,
            amount,
            "adjustment",
            idempotency_key,
            f"{reason} (admin {admin.email})",
            ("admin", str(admin.id)),
        )
        if replay is None:
            audit.record(
                db,
                admin.id,
                "adjust_credits",
                "user",
                uid,
                {"balance": balance},
                {"balance": entry.balance_after, "amount": amount, "reason": reason},
            )
    events.publish(uid, "billing")


def set_plan(actor: auth.CurrentUser | None, user_id: int, plan_id: str | None) -> None:
    admin = require_admin(actor)
    subscriptions.set_plan(int(user_id), plan_id or None, f"admin:{admin.id}", admin_id=admin.id)


def update_model(actor: auth.CurrentUser | None, key: str, **change: bool | int | str) -> None:
    """Admins only; `change` holds the fields to set (see ai_models.update)."""
    admin = require_admin(actor)
    change.pop("admin_id", None)  # the acting admin is the actor, never a field
    ai_models.update(key, **change, admin_id=admin.id)


def test_model(actor: auth.CurrentUser | None, key: str) -> str:
    """Admins only: see ai_models.test_connection."""
    require_admin(actor)
    return ai_models.test_connection(key)


MAX_QUOTA_MB = 10 * 1024 * 1024  # 10 TiB


def set_storage_quota(actor: auth.CurrentUser | None, user_id: int, megabytes: int) -> None:
    """Admins only. A quota below what is stored blocks new files, it never deletes any."""
    admin = require_admin(actor)
    if (
        not isinstance(megabytes, int)
        or isinstance(megabytes, bool)
        or not 1 <= megabytes <= MAX_QUOTA_MB
    ):
        raise ServiceError("parameter_out_of_range", name="MB", low=1, high=MAX_QUOTA_MB)
    with session_scope() as db:
        user = db.get(User, int(user_id))
        if user is None:
            raise NotFound()
        audit.record(
            db,
            admin.id,
            "set_storage_quota",
            "user",
            user.id,
            {"storage_quota_mb": user.storage_quota_bytes // 2**20},
            {"storage_quota_mb": megabytes},
        )
        user.storage_quota_bytes, user.updated_at = megabytes * 2**20, utcnow()


def queue_overview(actor: auth.CurrentUser | None, failed_limit: int = 50):
    """Admins only: queue sizes, live workers and failed jobs."""
    require_admin(actor)
    return queues.overview(failed_limit)


def requeue_job(actor: auth.CurrentUser | None, job_id: str) -> None:
    """Admins only: a failed job runs again (logged once the queue took it back)."""
    admin = require_admin(actor)
    if not isinstance(job_id, str):
        raise NotFound()
    queues.requeue(job_id)
    with session_scope() as db:
        audit.record(
            db, admin.id, "requeue_job", "job", job_id, {"status": "failed"}, {"status": "queued"}
        )


def search_payments(actor: auth.CurrentUser | None, **filters: Any) -> payments.PaymentPage:
    """Admins only: everyone's orders (see payments.search for the filters)."""
    require_admin(actor)
    return payments.search(**filters)
