"""The user's credits (balance, history, usage) and plans (current plan, quota, choices)."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from lumiku.i18n import format_datetime, format_number, format_rupiah, tr
from lumiku.services import ai_models, billing, generations, subscriptions, usage
from lumiku.state.auth import AuthState
from lumiku.state.base import Caller, call, error_text, with_user
from lumiku.state.work import WorkCard, apply_progress, card


@dataclass
class EntryRow:
    id: int
    date: str
    kind: str
    description: str
    amount: str
    positive: bool
    balance_after: str
    note: str


class CreditsState(rx.State):
    rows: list[EntryRow] = []
    usage: list[dict[str, str | int]] = []  # chart rows: app, credits, quota
    kind: str = ""
    page: int = 1
    pages: int = 1
    total: int = 0
    loaded: bool = False
    error: str = ""

    async def _load(self, me: Caller) -> None:
        user, lang = me.user, me.lang
        history = await call(billing.history, user.id, self.kind, self.page)
        self.page, self.pages, self.total = history.page, history.pages, history.total
        self.rows = [
            EntryRow(
                id=r.id,
                date=format_datetime(r.created_at, lang),
                kind=tr(f"kind_{r.kind}", lang),
                description=r.description,
                amount=("+" if r.amount > 0 else "") + format_number(r.amount, lang),
                positive=r.amount >= 0,
                balance_after=format_number(r.balance_after, lang),
                note=tr("ledger_charged", lang, charged=r.charged, returned=r.amount)
                if r.kind == "capture"
                else "",
            )
            for r in history.rows
        ]
        self.usage = [
            {"app": u.app_name, "credits": u.credits, "quota": u.quota}
            for u in await call(usage.last_30_days, user.id)
        ]
        self.loaded, self.error = True, ""

    @rx.event
    @with_user
    async def load(self, me: Caller):
        self.kind, self.page = "", 1
        await self._load(me)

    @rx.event
    @with_user
    async def filter_kind(self, me: Caller, kind: str):
        self.kind = kind if kind in billing.KINDS else ""
        self.page = 1
        await self._load(me)

    @rx.event
    @with_user
    async def go_to_page(self, me: Caller, page: int):
        if isinstance(page, int) and not isinstance(page, bool):
            self.page = max(1, page)
        await self._load(me)


@dataclass
class PlanCard:
    id: str
    name: str
    tier: str
    price: str
    per: str
    daily: str
    monthly: str
    models: str
    free: bool
    current: bool


@dataclass
class QuotaMeter:
    label: str
    percent: int
    text: str


class PlansState(rx.State):
    plans: list[PlanCard] = []
    meters: list[QuotaMeter] = []
    current_name: str = ""
    current_status: str = ""
    current_is_paid: bool = False
    subscribed: bool = False
    error: str = ""
    notice: str = ""
    loaded: bool = False

    async def _load(self, me: Caller) -> None:
        user, lang = me.user, me.lang
        current = await call(subscriptions.current, user.id)
        unlocked = await call(ai_models.models_by_tier)
        self.subscribed = current is not None
        self.current_name = current.plan_name if current else tr("plans_payg", lang)
        self.current_is_paid = bool(current and current.price_rupiah > 0)
        self.current_status = (
            ""
            if current is None
            else tr(
                "plans_active_until" if current.status == "active" else "plans_cancelled_until",
                lang,
                ends_at=current.ends_at,
            )
        )
        self.plans = [
            PlanCard(
                id=p.id,
                name=p.name,
                tier=p.tier,
                price=format_rupiah(p.price_rupiah),
                per=tr(f"plans_per_{p.billing_cycle}", lang),
                daily=tr("plans_daily", lang, n=p.daily_quota),
                monthly=tr("plans_monthly", lang, n=p.monthly_quota),
                models=", ".join(unlocked.get(p.tier, [])) or tr("plans_models_none", lang),
                free=p.price_rupiah == 0,
                current=bool(current and current.plan_id == p.id),
            )
            for p in await call(subscriptions.plans)
        ]
        self.meters = []
        if current is not None:
            status = await call(billing.quota_status, user.id)
            for key, used, limit, resets in (
                (
                    "plans_quota_today",
                    status.daily_used,
                    status.daily_limit,
                    status.daily_resets_at,
                ),
                (
                    "plans_quota_month",
                    status.monthly_used,
                    status.monthly_limit,
                    status.monthly_resets_at,
                ),
            ):
                self.meters.append(
                    QuotaMeter(
                        label=tr(key, lang),
                        percent=min(100, round(100 * used / max(1, limit))),
                        text=tr("plans_quota_used", lang, used=used, limit=limit, resets_at=resets),
                    )
                )
        self.loaded = True

    @rx.event
    @with_user
    async def load(self, me: Caller):
        await self._load(me)

    async def _change(self, me: Caller, action) -> None:
        try:
            await call(action, me.user.id)
            self.notice = tr("plans_changed", me.lang)
        except Exception as exc:  # noqa: BLE001 - shown, and the plans are redrawn all the same
            self.error = error_text(exc, me.lang)
        await self._load(me)

    @rx.event
    @with_user
    async def choose_free_plan(self, me: Caller):
        await self._change(me, subscriptions.choose_free_plan)

    @rx.event
    @with_user
    async def cancel_plan(self, me: Caller):
        await self._change(me, subscriptions.cancel)


class DashboardState(rx.State):
    """Which apps to show (those with at least one enabled model this user may use) and the
    latest work, kept live."""

    visible_apps: list[str] = []
    recent: list[WorkCard] = []
    loaded: bool = False

    async def _refresh(self, user_id: int, fields: dict[str, str] | None = None) -> None:
        if not self.loaded:
            return
        recent = list(self.recent)
        if fields and apply_progress(recent, fields):
            self.recent = recent
            return
        lang = (await self.get_state(AuthState)).lang
        page = await call(generations.list_for, user_id, page_size=3)
        self.recent = [card(view, user_id, lang) for view in page.rows]

    @rx.event
    @with_user
    async def load(self, me: Caller):
        self.visible_apps = await call(ai_models.visible_app_ids, me.user.id)
        self.loaded = True
        await self._refresh(me.user.id)
