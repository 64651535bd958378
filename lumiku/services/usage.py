"""Where credits and quota went, per app, for the usage chart."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func
from sqlmodel import select

from lumiku import plugins
from lumiku.db import session_scope, utcnow
from lumiku.models import AppUsage


@dataclass(frozen=True)
class AppSpend:
    app_id: str
    app_name: str
    credits: int
    quota: int


def last_30_days(user_id: int) -> list[AppSpend]:
    since = utcnow() - timedelta(days=30)
    with session_scope() as db:
        rows = db.exec(
            select(AppUsage.app_id, func.sum(AppUsage.credits_used), func.sum(AppUsage.quota_used))
            .where(AppUsage.user_id == user_id, AppUsage.created_at >= since)
            .group_by(AppUsage.app_id)
        ).all()
    spent = {app_id: (int(credits or 0), int(quota or 0)) for app_id, credits, quota in rows}
    return [AppSpend(app.id, app.name, *spent[app.id]) for app in plugins.APPS if app.id in spent]
