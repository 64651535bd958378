"""Plans and the subscription lifecycle: active → cancelled (runs to its end) → expired → back to
pay-as-you-go. Duitku payments and admins activate plans; nothing renews without a payment except
the free plan, which renews itself while active."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, select

from lumiku.db import session_scope, utcnow
from lumiku.models import Subscription, SubscriptionPlan, User
from lumiku.services import audit, events
from lumiku.services.accounts import current_subscription, lock_account
from lumiku.services.errors import NotFound, ServiceError

FREE_PLAN = "free-forever"
CYCLE_DAYS = {"monthly": 30, "yearly": 365}


@dataclass(frozen=True)
class PlanView:
    id: str
    tier: str
    name: str
    price_rupiah: int
    billing_cycle: str
    daily_quota: int
    monthly_quota: int
    features: list[str]


def plans() -> list[PlanView]:
    with session_scope() as db:
        rows = db.exec(
            select(SubscriptionPlan)
            .where(SubscriptionPlan.is_active)
            .order_by(SubscriptionPlan.display_order)
        ).all()
        return [
            PlanView(
                id=p.id,
                tier=p.tier,
                name=p.name,
                price_rupiah=p.price_rupiah,
                billing_cycle=p.billing_cycle,
                daily_quota=p.daily_quota,
                monthly_quota=p.monthly_quota,
                features=list(p.features),
            )
            for p in rows
        ]


def _plan(db: Session, plan_id: str) -> SubscriptionPlan:
    plan = db.get(SubscriptionPlan, plan_id) if isinstance(plan_id, str) else None
    if plan is None or not plan.is_active:
        raise ServiceError("plan_unknown")
    return plan


def _to_payg(user: User) -> None:
    user.account_type, user.subscription_tier, user.updated_at = "payg", "free", utcnow()


def activate_in(
    db: Session, user: User, plan: SubscriptionPlan, source: str, now: datetime | None = None
) -> Subscription:
    """Within the caller's transaction (user row locked): start the plan, or extend it when it is
    the plan already in force. Payments call this in the same transaction as marking paid."""
    now = now or utcnow()
    period = timedelta(days=CYCLE_DAYS[plan.billing_cycle])
    current = current_subscription(db, user.id, now)
    if current and current[0].plan_id == plan.id:
        sub = current[0]
        sub.ends_at, sub.status, sub.cancelled_at = sub.ends_at + period, "active", None
        sub.source = source[:80]
    else:
        if current:
            _end(current[0], now)
            db.flush()  # the unique "current subscription" index must see the old one end
        _expire_stale(db, user.id, now)
        sub = Subscription(
            user_id=user.id,
            plan_id=plan.id,
            status="active",
            started_at=now,
            ends_at=now + period,
            source=source[:80],
        )
        db.add(sub)
    user.account_type, user.subscription_tier, user.updated_at = "subscription", plan.tier, now
    db.flush()
    return sub


def _end(sub: Subscription, now: datetime) -> None:
    sub.status, sub.ended_at = "expired", now


def _expire_stale(db: Session, user_id: int, now: datetime) -> None:
    for sub in db.exec(
        select(Subscription).where(
            Subscription.user_id == user_id,
            Subscription.status.in_(["active", "cancelled"]),
            Subscription.ends_at <= now,
        )
    ):
        _end(sub, now)
    db.flush()


def set_plan(
    user_id: int, plan_id: str | None, source: str, *, admin_id: int | None = None
) -> None:
    """Admin's choice (the caller checks the role): a plan now, or None for pay-as-you-go now.
    With `admin_id`, the change is written to the audit log in the same transaction."""
    _set_plan(user_id, plan_id, source, admin_id)
    events.publish(user_id, "billing")


def _plan_in_force(db: Session, user_id: int) -> dict[str, str]:
    """For the audit log: the plan in force and until when ("payg" when none)."""
    current = current_subscription(db, user_id)
    if current is None:
        return {"plan": "payg"}
    return {"plan": current[0].plan_id, "ends_at": current[0].ends_at.isoformat()}


def _set_plan(user_id: int, plan_id: str | None, source: str, admin_id: int | None) -> None:
    with session_scope() as db:
        user = lock_account(db, user_id)
        before = _plan_in_force(db, user_id)
        if plan_id is None:
            current = current_subscription(db, user_id)
            if current:
                _end(current[0], utcnow())
            _to_payg(user)
        else:
            activate_in(db, user, _plan(db, plan_id), source)
        if admin_id is not None:
            db.flush()
            after = _plan_in_force(db, user_id)
            audit.record(db, admin_id, "set_plan", "user", user_id, before, after)


def choose_free_plan(user_id: int) -> None:
    """Users may take the free plan themselves; paid plans go through payment."""
    with session_scope() as db:
        user = lock_account(db, user_id)
        current = current_subscription(db, user_id)
        if current and current[1].price_rupiah > 0:
            raise ServiceError("plan_paid_active")
        activate_in(db, user, _plan(db, FREE_PLAN), f"user:{user_id}")
    events.publish(user_id, "billing")


def cancel(user_id: int) -> None:
    """A paid plan stays until its end, then expires; the free plan ends at once."""
    with session_scope() as db:
        user = lock_account(db, user_id)
        current = current_subscription(db, user_id)
        if current is None:
            raise NotFound()
        sub, plan = current
        now = utcnow()
        if plan.price_rupiah == 0:
            _end(sub, now)
            _to_payg(user)
        elif sub.status == "active":
            sub.status, sub.cancelled_at = "cancelled", now
    events.publish(user_id, "billing")


def expire_due(now: datetime | None = None) -> int:
    """Periodic: ends subscriptions past their end (the free plan renews) → pay-as-you-go."""
    now = now or utcnow()
    with session_scope() as db:
        due = db.exec(
            select(Subscription.id, Subscription.user_id).where(
                Subscription.status.in_(["active", "cancelled"]), Subscription.ends_at <= now
            )
        ).all()
    ended = 0
    for sub_id, user_id in due:
        with session_scope() as db:
            user = lock_account(db, user_id)
            sub = db.get(Subscription, sub_id)
            if sub is None or sub.status == "expired" or sub.ends_at > now:
                continue  # changed meanwhile
            plan = db.get(SubscriptionPlan, sub.plan_id)
            if plan and plan.price_rupiah == 0 and sub.status == "active":
                while sub.ends_at <= now:
                    sub.ends_at += timedelta(days=CYCLE_DAYS[plan.billing_cycle])
                continue
            _end(sub, now)
            if current_subscription(db, user_id, now) is None:
                _to_payg(user)
            ended += 1
        events.publish(user_id, "billing")
    return ended


@dataclass(frozen=True)
class SubscriptionView:
    plan_id: str
    plan_name: str
    tier: str
    status: str
    ends_at: datetime
    price_rupiah: int


def purchase_effect(user_id: int, plan_id: str) -> tuple[str, SubscriptionView] | None:
    """What paying for `plan_id` would do to the paid plan in force, as `activate_in` does it:
    "extends" the same plan, or "replaces" another (its remaining days are not carried over)."""
    plan = current(user_id)
    if plan is None or plan.price_rupiah == 0:
        return None
    return ("extends" if plan.plan_id == plan_id else "replaces"), plan


def current(user_id: int) -> SubscriptionView | None:
    with session_scope() as db:
        found = current_subscription(db, user_id)
        if found is None:
            return None
        sub, plan = found
        return SubscriptionView(
            plan_id=plan.id,
            plan_name=plan.name,
            tier=plan.tier,
            status=sub.status,
            ends_at=sub.ends_at,
            price_rupiah=plan.price_rupiah,
        )
