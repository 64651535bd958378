"""The app usage page: work, credits and failures per day for every app and model, as charts
and tables, and the CSV exports. The services check the role on every call."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from lumiku import routes
from lumiku.i18n import format_number, format_percent, tr
from lumiku.services import analytics
from lumiku.services.errors import Forbidden
from lumiku.state.base import Caller, call, with_user

ALL = "all"  # the scope select's value for "every app"
DEFAULT_DAYS = 30


@dataclass
class UsageRow:
    key: str
    name: str
    generations: str
    outputs: str
    failed: str
    credits: str
    failure_rate: str  # "" when nothing finished


@dataclass
class ScopeOption:
    value: str  # ALL, "app:<id>" or "model:<key>"
    label: str


def _points(line: analytics.Line, days: list) -> list[dict[str, str | int | float]]:
    """Chart rows, one per day: fixed keys, so the charts' series never change."""
    return [
        {
            "day": f"{day.day}/{day.month}",
            "generations": totals.generations,
            "outputs": totals.outputs,
            "failed": totals.failed,
            "credits": totals.credits,
            "failure_rate": round(totals.failure_rate * 100, 1) if totals.finished else 0,
        }
        for day, totals in zip(days, line.days, strict=True)
    ]


def _table_row(line: analytics.Line, lang: str) -> UsageRow:
    totals = line.totals
    return UsageRow(
        key=line.key,
        name=line.name,
        generations=format_number(totals.generations, lang),
        outputs=format_number(totals.outputs, lang),
        failed=format_number(totals.failed, lang),
        credits=format_number(totals.credits, lang),
        failure_rate=format_percent(totals.failure_rate),
    )


class AdminUsageState(rx.State):
    days: str = str(DEFAULT_DAYS)  # the period select's value
    scope: str = ALL
    scopes: list[ScopeOption] = []
    chart: list[dict[str, str | int | float]] = []
    apps: list[UsageRow] = []
    models: list[UsageRow] = []
    has_usage: bool = False
    error: str = ""
    _series: dict[str, list[dict[str, str | int | float]]] = {}

    async def _load(self, me: Caller):
        try:
            found = await call(analytics.usage, me.user, int(self.days))
        except Forbidden:
            self.chart, self.apps, self.models, self._series = [], [], [], {}
            return rx.redirect(routes.DASHBOARD, replace=True)
        lang = me.lang
        series = {ALL: _points(found.total, found.days)}
        scopes = [ScopeOption(ALL, tr("admin_usage_scope_all", lang))]
        for line in found.apps:
            series[f"app:{line.key}"] = _points(line, found.days)
            scopes.append(ScopeOption(f"app:{line.key}", line.name))
        for line in found.models:
            series[f"model:{line.key}"] = _points(line, found.days)
            scopes.append(ScopeOption(f"model:{line.key}", f"{line.name} ({line.key})"))
        self._series, self.scopes = series, scopes
        if self.scope not in series:
            self.scope = ALL
        self.chart = series[self.scope]
        self.apps = [_table_row(line, lang) for line in found.apps]
        self.models = [_table_row(line, lang) for line in found.models]
        self.has_usage = found.total.totals.generations > 0 or found.total.totals.finished > 0
        return None

    @rx.event
    @with_user
    async def load(self, me: Caller):
        return await self._load(me)

    @rx.event
    @with_user
    async def set_days(self, me: Caller, days: str):
        if days not in [str(n) for n in analytics.PERIODS]:
            return None
        self.days = days
        return await self._load(me)

    @rx.event
    @with_user
    async def set_scope(self, me: Caller, scope: str):
        if not me.user.is_admin:
            return rx.redirect(routes.DASHBOARD, replace=True)
        if not isinstance(scope, str) or scope not in self._series:
            return None
        self.scope, self.chart = scope, self._series[scope]
        return None

    @rx.event
    @with_user
    async def export(self, me: Caller, table: str):
        """A short-lived link made for this admin, downloaded at once."""
        if table not in analytics.EXPORTS:
            return None
        link = await call(analytics.export_link, me.user, table)
        return rx.download(url=link, filename=analytics.export_name(table))
