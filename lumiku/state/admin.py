"""Admin pages. Each handler re-checks the admin role in the service, never only in the UI."""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass, field, replace
from datetime import UTC

import reflex as rx

from lumiku import plugins, routes
from lumiku.i18n import format_datetime, format_number, tr
from lumiku.services import ai_models, metrics, subscriptions, users
from lumiku.services.errors import Forbidden, NotFound, ServiceError
from lumiku.state.auth import signed_in_user
from lumiku.state.base import Caller, call, error_text, form_text, with_user

PAYG = "payg"  # the plan select's value for "no plan"


@dataclass
class UserListRow:
    id: int
    email: str
    name: str
    role: str
    plan: str
    credits: str
    storage: str  # used of quota
    quota_mb: int
    joined: str


@dataclass
class PlanOption:
    id: str
    name: str


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def _user_id(value: object) -> int | None:
    """A database id, or nothing (a huge number would overflow the query, not miss)."""
    number = _int(value)
    return number if number is not None and 0 < number < 2**63 else None


class AdminUsersState(rx.State):
    rows: list[UserListRow] = []
    plan_options: list[PlanOption] = []
    query: str = ""
    page: int = 1
    pages: int = 1
    total: int = 0
    error: str = ""
    notice: str = ""
    adjust_open: bool = False
    adjust_email: str = ""
    adjust_error: str = ""
    _adjust_user_id: int = 0
    _adjust_key: str = ""

    async def _load(self, me: Caller):
        try:
            result = await call(users.list_users, me.user, self.page, self.query)
        except Forbidden:
            return rx.redirect(routes.DASHBOARD, replace=True)
        lang = me.lang
        self.page, self.pages, self.total = result.page, result.pages, result.total
        self.rows = [
            UserListRow(
                id=r.id,
                email=r.email,
                name=r.name,
                role=r.role,
                plan=r.plan_id or PAYG,
                credits=format_number(r.credit_balance, lang),
                storage=f"{format_number(r.storage_used_bytes // 2**20, lang)} / ",
                quota_mb=r.storage_quota_bytes // 2**20,
                joined=format_datetime(r.created_at, lang),
            )
            for r in result.rows
        ]
        self.plan_options = [PlanOption(id=PAYG, name=tr("plans_payg", lang))] + [
            PlanOption(id=p.id, name=p.name) for p in await call(subscriptions.plans)
        ]
        return None

    @rx.event
    @with_user
    async def load(self, me: Caller):
        self.page, self.adjust_open = 1, False
        return await self._load(me)

    @rx.event
    @with_user
    async def search(self, me: Caller, query: str):
        self.query = query[:100] if isinstance(query, str) else ""
        self.page = 1
        return await self._load(me)

    @rx.event
    @with_user
    async def go_to_page(self, me: Caller, page: int):
        if (number := _int(page)) is not None:
            self.page = max(1, number)
        return await self._load(me)

    async def _admin_call(self, me: Caller, done_key: str, fn, *args, **kwargs):
        try:
            await call(fn, me.user, *args, **kwargs)
            self.notice = tr(done_key, me.lang)
        except Exception as exc:  # noqa: BLE001 - shown, and the list is redrawn all the same
            self.error = error_text(exc, me.lang)
        return await self._reload(me)

    async def _reload(self, me: Caller):
        """The list after a change, as the admin is now (a demoted admin is sent away)."""
        user = await me.session._user()
        if user is None:
            return me.session._to_sign_in()
        return await self._load(Caller(me.session, user))

    @rx.event
    @with_user
    async def set_role(self, me: Caller, user_id: int, role: str):
        if (uid := _user_id(user_id)) is None:
            return None
        if not isinstance(role, str):
            return None
        return await self._admin_call(me, "admin_role_saved", users.set_role, uid, role)

    @rx.event
    @with_user
    async def set_plan(self, me: Caller, user_id: int, plan_id: str):
        if (uid := _user_id(user_id)) is None or not isinstance(plan_id, str):
            return None
        plan = None if plan_id == PAYG else plan_id
        return await self._admin_call(me, "admin_plan_saved", users.set_plan, uid, plan)

    @rx.event
    @with_user
    async def set_quota(self, me: Caller, user_id: int, megabytes: str):
        if (uid := _user_id(user_id)) is None:
            return None
        number = _int(megabytes)
        return await self._admin_call(
            me, "admin_quota_saved", users.set_storage_quota, uid, -1 if number is None else number
        )

    @rx.event
    def open_adjust(self, user_id: int):
        """A fresh key per opening: a double-submitted form adjusts once. The dialog names the
        user as listed on this page, never what the client sends."""
        row = next((r for r in self.rows if r.id == _user_id(user_id)), None)
        if row is None:
            return
        self._adjust_user_id, self._adjust_key = row.id, secrets.token_hex(12)
        self.adjust_email, self.adjust_error, self.adjust_open = row.email, "", True

    @rx.event
    def close_adjust(self):
        self.adjust_open = False

    @rx.event
    @with_user
    async def submit_adjust(self, me: Caller, form: dict):
        amount = _int(form_text(form, "amount", 20))
        try:
            if amount is None:
                raise users.ServiceError("amount_invalid")
            await call(
                users.adjust_credits,
                me.user,
                self._adjust_user_id,
                amount,
                form_text(form, "reason", 200),
                self._adjust_key,
            )
        except Exception as exc:  # noqa: BLE001 - shown in the dialog, not on the page
            self.adjust_error = error_text(exc, me.lang)
            return None
        self.adjust_open, self.notice = False, tr("admin_adjusted", me.lang)
        return await self._reload(me)


NO_FALLBACK = "none"  # the fallback select's value for "no fallback" (model keys hold a ":")
TEXT_LIMIT = 20_000  # longer than any field the service takes: refused there, not cut here


@dataclass
class ModelRow:
    key: str
    app_id: str
    name: str
    tier: str
    credit_cost: int
    quota_cost: int
    enabled: bool
    provider: str = ""
    provider_model: str = ""  # a provider's model id or an endpoint URL
    capability: str = ""  # "": a model the platform runs itself (no provider, nothing to test)
    parameters: str = "{}"  # the defaults sent with every call, as the JSON text edited
    fallback_key: str = ""
    fallback: str = NO_FALLBACK  # the fallback select's value
    fallbacks: list[str] = field(default_factory=list)  # same-capability models to fall back on
    ready: bool = True
    reason: str = ""  # why it is off, in words ("" when ready)
    problem: str = ""  # the last change to this row the server refused, in words
    test_result: str = ""  # the last connection test, in words
    test_ok: bool = False


def _parameters_text(parameters: dict) -> str:
    return json.dumps(parameters, ensure_ascii=False, indent=2) if parameters else "{}"


def _reason_text(reason: str, lang: str) -> str:
    """Why a model is off, for the admin: the switch, or what the server lacks."""
    if not reason:
        return ""
    if reason == "model_disabled":
        return tr("admin_model_disabled", lang)
    return tr("admin_model_off", lang, reason=tr(reason, lang))


def _same_json(text: str, current: str) -> bool:
    try:
        return json.loads(text) == json.loads(current)
    except ValueError:
        return False


class AdminModelsState(rx.State):
    rows: list[ModelRow] = []
    error: str = ""
    notice: str = ""
    testing: str = ""  # the key whose connection is being tested now
    _problems: dict[str, str] = {}  # key -> the last refused change to that row, in words
    _tests: dict[str, tuple[bool, str]] = {}  # key -> the last connection test: (ok, words)

    async def _load(self, me: Caller):
        if not me.user.is_admin:
            self.rows = []
            return rx.redirect(routes.DASHBOARD, replace=True)
        models = await call(ai_models.list_all)
        lang = me.lang

        def row(m: ai_models.ModelView) -> ModelRow:
            ok, tested = self._tests.get(m.key, (False, ""))
            same = [o.key for o in models if o.capability == m.capability and o.key != m.key]
            if m.fallback_key and m.fallback_key not in same:
                same.append(m.fallback_key)  # shown as it is, even if no longer a fit
            return ModelRow(
                key=m.key,
                app_id=m.app_id,
                name=m.name,
                tier=m.tier,
                credit_cost=m.credit_cost,
                quota_cost=m.quota_cost,
                enabled=m.enabled,
                provider=m.provider,
                provider_model=m.provider_model,
                capability=m.capability,
                parameters=_parameters_text(m.parameters),
                fallback_key=m.fallback_key,
                fallback=m.fallback_key or NO_FALLBACK,
                fallbacks=same if m.capability else [],
                ready=not m.reason,
                reason=_reason_text(m.reason, lang),
                problem=self._problems.get(m.key, ""),
                test_result=tested,
                test_ok=ok,
            )

        self.rows = [row(m) for m in models]
        return None

    def _row(self, key: object) -> ModelRow | None:
        return next((r for r in self.rows if r.key == key), None) if isinstance(key, str) else None

    @rx.event
    @with_user
    async def load(self, me: Caller):
        self.testing = ""  # a test cut off by a restart would keep the buttons waiting
        return await self._load(me)

    async def _save(self, me: Caller, key: str, **change):
        """One change through the service, which checks the role, the key and the values. A
        refused value is shown on its row, where the admin typed it."""
        if not isinstance(key, str) or len(key) > 200:
            return None
        self._problems = {k: v for k, v in self._problems.items() if k != key}
        try:
            await call(users.update_model, me.user, key, **change)
            self.notice = tr("admin_model_saved", me.lang)
        except (Forbidden, NotFound) as exc:
            self.error = error_text(exc, me.lang)
        except ServiceError as exc:
            if self._row(key) is None:
                self.error = error_text(exc, me.lang)
            else:
                self._problems = {**self._problems, key: error_text(exc, me.lang)}
        except Exception as exc:  # noqa: BLE001 - shown, and the list is redrawn all the same
            self.error = error_text(exc, me.lang)
        return await self._load(me)

    @rx.event
    @with_user
    async def set_enabled(self, me: Caller, key: str, enabled: bool):
        return await self._save(me, key, enabled=enabled is True)

    @rx.event
    @with_user
    async def set_credit_cost(self, me: Caller, key: str, value: str):
        number = _int(value)
        return await self._save(me, key, credit_cost=-1 if number is None else number)

    @rx.event
    @with_user
    async def set_quota_cost(self, me: Caller, key: str, value: str):
        number = _int(value)
        return await self._save(me, key, quota_cost=-1 if number is None else number)

    @rx.event
    @with_user
    async def set_provider(self, me: Caller, key: str, provider: str):
        if not isinstance(provider, str) or len(provider) > 100:
            return None
        row = self._row(key)
        if row is not None and row.provider == provider:
            return None
        return await self._save(me, key, provider=provider)

    @rx.event
    @with_user
    async def set_provider_model(self, me: Caller, key: str, text: str):
        if not isinstance(text, str) or len(text) > TEXT_LIMIT:
            return None
        row = self._row(key)
        if row is not None and row.provider_model == text.strip() and not row.problem:
            return None  # left without a change: nothing to save
        return await self._save(me, key, provider_model=text)

    @rx.event
    @with_user
    async def set_parameters(self, me: Caller, key: str, text: str):
        if not isinstance(text, str) or len(text) > TEXT_LIMIT:
            return None
        row = self._row(key)
        if row is not None and _same_json(text, row.parameters) and not row.problem:
            return None
        return await self._save(me, key, parameters=text)

    @rx.event
    @with_user
    async def set_fallback(self, me: Caller, key: str, choice: str):
        if not isinstance(choice, str) or len(choice) > 200:
            return None
        fallback = "" if choice == NO_FALLBACK else choice
        row = self._row(key)
        if row is not None and row.fallback_key == fallback:
            return None
        return await self._save(me, key, fallback_key=fallback)

    @rx.event(background=True)
    async def test_connection(self, key: str):
        """A cheap real call to the row's provider (a few seconds, or up to the provider's
        timeout): a background event, so the tab's other events go on meanwhile. The service
        checks the role; the answer, or why it failed, is shown on the row."""
        if not isinstance(key, str) or len(key) > 200:
            return None
        async with self:
            session, user = await signed_in_user(self)
            if user is None:
                return session._to_sign_in()
            lang = session.lang
            row = self._row(key)
            if self.testing or row is None:
                return None
            self.testing, self.error, self.notice = key, "", ""
            who = row.provider_model or row.key
        started = time.monotonic()
        result: tuple[bool, str] | None = None
        refused = ""
        try:
            await call(users.test_model, user, key)
            seconds = round(time.monotonic() - started, 1)
            result = (True, tr("admin_model_test_ok", lang, model=who, seconds=seconds))
        except (Forbidden, NotFound) as exc:  # no longer an admin, or the model is gone
            refused = error_text(exc, lang)
        except Exception as exc:  # noqa: BLE001 - a provider's failure, in words, on the row
            result = (False, tr("admin_model_test_failed", lang, reason=error_text(exc, lang)))
        async with self:
            self.testing = ""
            if result is None:
                self.error = refused
                return None
            self._tests = {**self._tests, key: result}
            ok, text = result
            self.rows = [
                replace(r, test_ok=ok, test_result=text) if r.key == key else r for r in self.rows
            ]
        return None


@dataclass
class QueueRow:
    name: str
    queued: int
    started: int
    scheduled: int
    failed: int
    workers: int


@dataclass
class AppJobRow:
    """One app's item jobs, from the shared metrics (services.metrics), formatted."""

    app: str
    runs: str
    p50: str
    p95: str
    succeeded: str
    failed: str
    retried: str


@dataclass
class WorkerRow:
    name: str
    state: str
    queues: str
    heartbeat: str


@dataclass
class FailedRow:
    id: str
    queue: str
    description: str
    error: str
    ended: str


def duration_text(seconds: float | None, lang: str) -> str:
    """A duration as an operator reads it: 35 ms, 2,5 s, 4 min, 1,5 h; a dash when unknown."""
    if seconds is None:
        return "–"
    if seconds < 1:
        return tr("admin_duration_ms", lang, value=round(seconds * 1000))
    if seconds < 120:
        return tr("admin_duration_s", lang, value=round(seconds, 1))
    if seconds < 7200:
        return tr("admin_duration_min", lang, value=round(seconds / 60, 1))
    return tr("admin_duration_h", lang, value=round(seconds / 3600, 1))


def app_job_rows(snap: metrics.Snapshot, lang: str) -> list[AppJobRow]:
    rows = []
    for jobs in snap.apps():
        plugin = plugins.get(jobs.app)
        rows.append(
            AppJobRow(
                plugin.name if plugin else jobs.app,
                format_number(jobs.histogram.count, lang),
                duration_text(jobs.histogram.quantile(0.5), lang),
                duration_text(jobs.histogram.quantile(0.95), lang),
                format_number(jobs.outcomes["succeeded"], lang),
                format_number(jobs.outcomes["failed"], lang),
                format_number(jobs.outcomes["retried"], lang),
            )
        )
    return rows


class AdminQueuesState(rx.State):
    queues: list[QueueRow] = []
    workers: list[WorkerRow] = []
    failed: list[FailedRow] = []
    # The numbers /api/metrics shows, read from the same snapshot.
    app_jobs: list[AppJobRow] = []
    event_p95: str = ""
    events_measured: str = ""
    holds_open: str = ""
    oldest_hold: str = ""
    generations_now: str = ""
    error: str = ""
    notice: str = ""

    async def _load(self, me: Caller):
        try:
            _, workers, failed = await call(users.queue_overview, me.user)
        except Forbidden:
            return rx.redirect(routes.DASHBOARD, replace=True)
        lang = me.lang
        snap = await call(metrics.snapshot)
        self.queues = [
            QueueRow(q.name, q.queued, q.started, q.scheduled, q.failed, q.workers)
            for q in snap.queues
        ]
        self.app_jobs = app_job_rows(snap, lang)
        self.event_p95 = duration_text(snap.event_latency.quantile(0.95), lang)
        self.events_measured = tr("admin_events_measured", lang, count=snap.event_latency.count)
        self.holds_open = format_number(snap.holds_open, lang)
        self.oldest_hold = (
            tr("admin_oldest_hold", lang, age=duration_text(snap.oldest_hold_seconds, lang))
            if snap.holds_open
            else ""
        )
        self.generations_now = tr(
            "admin_generations_counts",
            lang,
            running=snap.generations["running"],
            queued=snap.generations["queued"],
        )
        self.workers = [
            WorkerRow(
                w.name,
                w.state,
                w.queues,
                format_datetime(w.last_heartbeat.replace(tzinfo=UTC), lang)
                if w.last_heartbeat
                else "",
            )
            for w in workers
        ]
        self.failed = [
            FailedRow(
                f.id,
                f.queue,
                f.description,
                f.error,
                format_datetime(f.ended_at.replace(tzinfo=UTC), lang) if f.ended_at else "",
            )
            for f in failed
        ]
        return None

    @rx.event
    @with_user
    async def load(self, me: Caller):
        return await self._load(me)

    @rx.event
    @with_user
    async def requeue(self, me: Caller, job_id: str):
        try:
            await call(users.requeue_job, me.user, job_id)
            self.notice = tr("admin_requeued", me.lang)
        except Exception as exc:  # noqa: BLE001 - shown, and the list is redrawn all the same
            self.error = error_text(exc, me.lang)
        return await self._load(me)
