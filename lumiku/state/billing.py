"""The user's credits (balance, history, usage) and plans (current plan, quota, choices)."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from lumiku.i18n import MESSAGES, format_datetime, format_number, format_rupiah, tr
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


# Kinds whose stored description is generic (written once, in English, by the service): the
# line shows the kind's label alone, in the reader's language.
GENERIC_DESCRIPTIONS = ("welcome_bonus",)


def settlement(r: billing.EntryView) -> tuple[str, str]:
    """A settled hold's line (`capture` or `release`) as what happened to the credits held, in
    message keys: (label, note). `amount` is what came back, `charged` what was kept."""
    if r.kind == "release" or (r.kind == "capture" and r.charged == 0):
        return "ledger_not_charged", "ledger_note_all_returned"
    if r.amount == 0:
        return "ledger_charged_in_full", "ledger_note_all_used"
    return "ledger_charged_in_part", "ledger_note_part_returned"


def entry_row(r: billing.EntryView, lang: str) -> EntryRow:
    """One line of the credit history in `lang`: a label per kind, a note saying what a
    settlement did ("Tidak ditagih", not "Ditagih 0"), and no generic English description."""
    label, note = f"kind_{r.kind}", ""
    if r.kind in ("capture", "release"):
        label, note = settlement(r)
    # a settlement that moved nothing shows a dash: the hold line above took the credits
    signed = ("+" if r.amount > 0 else "") + format_number(r.amount, lang)
    amount = "–" if r.amount == 0 else signed
    return EntryRow(
        id=r.id,
        date=format_datetime(r.created_at, lang),
        kind=tr(label, lang),
        description="" if r.kind in GENERIC_DESCRIPTIONS else r.description,
        amount=amount,
        positive=r.amount >= 0,
        balance_after=format_number(r.balance_after, lang),
        note=tr(note, lang, charged=r.charged, returned=r.amount) if note else "",
    )


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
        self.rows = [entry_row(r, lang) for r in history.rows]
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
    apps: list[str]  # what the plan gives in each app, in plain words
    free: bool
    current: bool


@dataclass
class QuotaMeter:
    label: str
    percent: int
    text: str


def plan_apps(daily_quota: int, allowances: list[ai_models.AppAllowance], lang: str) -> list[str]:
    """What a plan gives per app, in words a user of that app reads: "Video Mixer: hingga 100
    video per hari" (the daily quota over the quota one output takes), "…: tidak termasuk" when
    the plan's tier unlocks no model of the app, and one line naming the apps still to come."""
    lines, coming = [], []
    for app in allowances:
        if app.coming_soon:
            coming.append(app.name)
        elif app.quota_per_output is None:
            lines.append(tr("plans_app_not_included", lang, app=app.name))
        elif app.quota_per_output == 0:
            lines.append(tr("plans_app_unlimited", lang, app=app.name))
        else:
            unit_key = f"app_{app.app_id.replace('-', '_')}_outputs"
            unit = tr(unit_key if unit_key in MESSAGES[lang] else "app_outputs", lang)
            count = daily_quota // app.quota_per_output
            lines.append(tr("plans_app_per_day", lang, app=app.name, n=count, unit=unit))
    if coming:
        lines.append(tr("plans_apps_coming", lang, apps=", ".join(coming)))
    return lines


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
        allowances = await call(ai_models.allowances_by_tier)
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
                apps=plan_apps(p.daily_quota, allowances.get(p.tier, []), lang),
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
    has_work: bool = True  # until loaded: the first-run guide shows only to those with none

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
        self.has_work = page.total > 0

    @rx.event
    @with_user
    async def load(self, me: Caller):
        self.visible_apps = await call(ai_models.visible_app_ids, me.user.id)
        self.loaded = True
        await self._refresh(me.user.id)
