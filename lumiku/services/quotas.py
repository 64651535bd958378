"""Subscription quotas: daily and monthly, both enforced, with periods in the TIMEZONE setting.

Callers hold the user's row lock (see billing.lock_account), so reading then writing a user's
usage rows cannot race.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from lumiku.db import utcnow
from lumiku.models import QuotaUsage, SubscriptionPlan
from lumiku.services.errors import ServiceError
from lumiku.settings import get_settings


@dataclass(frozen=True)
class Periods:
    daily: str
    monthly: str
    daily_resets_at: datetime
    monthly_resets_at: datetime


def periods(now: datetime | None = None) -> Periods:
    zone = ZoneInfo(get_settings().timezone)
    local = (now or utcnow()).astimezone(zone)
    midnight = datetime(local.year, local.month, local.day, tzinfo=zone)
    next_day = (midnight + timedelta(days=1, hours=2)).replace(hour=0)  # DST-safe
    first = datetime(local.year + local.month // 12, local.month % 12 + 1, 1, tzinfo=zone)
    return Periods(
        daily=f"{local:%Y-%m-%d}",
        monthly=f"{local:%Y-%m}",
        daily_resets_at=next_day,
        monthly_resets_at=first,
    )


def _row(db: Session, user_id: int, period_type: str, period: str) -> QuotaUsage:
    row = db.exec(
        select(QuotaUsage).where(
            QuotaUsage.user_id == user_id,
            QuotaUsage.period_type == period_type,
            QuotaUsage.period == period,
        )
    ).first()
    if row is None:
        row = QuotaUsage(user_id=user_id, period_type=period_type, period=period, used=0)
        db.add(row)
        db.flush()
    return row


def consume(
    db: Session,
    user_id: int,
    plan: SubscriptionPlan,
    cost: int,
    model_key: str,
    now: datetime | None = None,
) -> Periods:
    """Takes `cost` from today's and this month's quota, or refuses with the reset time."""
    current = periods(now)
    daily = _row(db, user_id, "daily", current.daily)
    monthly = _row(db, user_id, "monthly", current.monthly)
    if daily.used + cost > plan.daily_quota:
        raise ServiceError(
            "quota_daily_exhausted",
            limit=plan.daily_quota,
            left=max(0, plan.daily_quota - daily.used),
            resets_at=current.daily_resets_at,
        )
    if monthly.used + cost > plan.monthly_quota:
        raise ServiceError(
            "quota_monthly_exhausted",
            limit=plan.monthly_quota,
            left=max(0, plan.monthly_quota - monthly.used),
            resets_at=current.monthly_resets_at,
        )
    for row in (daily, monthly):
        _add(row, cost, model_key)
    return current


def give_back(
    db: Session, user_id: int, daily: str, monthly: str, amount: int, model_key: str
) -> None:
    """Returns unused quota to the periods it was taken from (an old period stays harmless)."""
    for period_type, period in (("daily", daily), ("monthly", monthly)):
        _add(_row(db, user_id, period_type, period), -amount, model_key)


def _add(row: QuotaUsage, amount: int, model_key: str) -> None:
    row.used = max(0, row.used + amount)
    by_model = dict(row.by_model)
    by_model[model_key] = max(0, by_model.get(model_key, 0) + amount)
    row.by_model = by_model
    row.updated_at = utcnow()


@dataclass(frozen=True)
class QuotaStatus:
    daily_used: int
    daily_limit: int
    monthly_used: int
    monthly_limit: int
    daily_resets_at: datetime
    monthly_resets_at: datetime

    @property
    def remaining(self) -> int:
        return max(
            0, min(self.daily_limit - self.daily_used, self.monthly_limit - self.monthly_used)
        )


def status(db: Session, user_id: int, plan: SubscriptionPlan) -> QuotaStatus:
    current = periods()
    used = {
        (r.period_type, r.period): r.used
        for r in db.exec(
            select(QuotaUsage).where(
                QuotaUsage.user_id == user_id,
                QuotaUsage.period.in_([current.daily, current.monthly]),
            )
        )
    }
    return QuotaStatus(
        daily_used=used.get(("daily", current.daily), 0),
        daily_limit=plan.daily_quota,
        monthly_used=used.get(("monthly", current.monthly), 0),
        monthly_limit=plan.monthly_quota,
        daily_resets_at=current.daily_resets_at,
        monthly_resets_at=current.monthly_resets_at,
    )
