"""The one way to start a money transaction: lock the user's row first.

Every change to a user's credits, holds, quota or subscription begins here, so they happen one at
a time per user on PostgreSQL (row lock) and on SQLite (the write lock, taken by the first write).
Reads made after the lock see everything committed before it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, update
from sqlmodel import Session, select

from lumiku.db import utcnow
from lumiku.models import Subscription, SubscriptionPlan, User
from lumiku.services.errors import NotFound


def lock_account(db: Session, user_id: int) -> User:
    if db.get_bind().dialect.name == "postgresql":
        user = db.exec(
            select(User)
            .where(User.id == user_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        ).first()
    else:
        db.execute(
            update(User).where(User.id == user_id).values(credit_balance=User.credit_balance)
        )
        user = db.exec(
            select(User).where(User.id == user_id).execution_options(populate_existing=True)
        ).first()
    if user is None:
        raise NotFound()
    return user


def _in_force(now: datetime | None) -> tuple:
    """A subscription in force: active, or cancelled but not yet ended."""
    return (
        Subscription.status.in_(["active", "cancelled"]),
        Subscription.ends_at > (now or utcnow()),
    )


def current_subscription(
    db: Session, user_id: int, now: datetime | None = None
) -> tuple[Subscription, SubscriptionPlan] | None:
    """The subscription in force (active, or cancelled but not yet ended)."""
    row = db.exec(
        select(Subscription, SubscriptionPlan)
        .join(SubscriptionPlan, SubscriptionPlan.id == Subscription.plan_id)
        .where(Subscription.user_id == user_id, *_in_force(now))
    ).first()
    return (row[0], row[1]) if row else None


def user_and_subscription(
    db: Session, user_id: int, now: datetime | None = None
) -> tuple[User, tuple[Subscription, SubscriptionPlan] | None]:
    """The user (NotFound if none) and `current_subscription`, in one query: a live price
    reads both on every change of a settings panel."""
    row = db.exec(
        select(User, Subscription, SubscriptionPlan)
        .outerjoin(Subscription, and_(Subscription.user_id == User.id, *_in_force(now)))
        .outerjoin(SubscriptionPlan, SubscriptionPlan.id == Subscription.plan_id)
        .where(User.id == user_id)
    ).first()
    if row is None:
        raise NotFound()
    user, subscription, plan = row
    found = subscription is not None and plan is not None
    return user, ((subscription, plan) if found else None)
