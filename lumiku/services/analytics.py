"""Platform insight for admins: each app's and each model's use per day, and CSV exports.

Usage is counted by the database (one GROUP BY per measure over the period), never by walking
every row in Python; days are the configured zone's (Asia/Jakarta by default), so "today" starts
at local midnight. A CSV export streams its table in batches through a short-lived signed link,
made for an admin and checked again when it is opened.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import jwt
from sqlalchemy import case, func
from sqlmodel import Session, select

from lumiku import plugins
from lumiku.db import session_scope, utcnow
from lumiku.models import (
    AIModel,
    CreditEntry,
    Generation,
    GenerationItem,
    Hold,
    HoldCapture,
    Payment,
    User,
)
from lumiku.services import audit
from lumiku.services.errors import Forbidden, NotFound, ServiceError
from lumiku.settings import get_settings

PERIODS = (7, 30, 90)  # days an admin may look back over


def _require_admin(actor: Any) -> Any:
    if actor is None or not getattr(actor, "is_admin", False):
        raise Forbidden()
    return actor


def _zone() -> ZoneInfo:
    return ZoneInfo(get_settings().timezone)


# ------------------------------------------------------------------ usage


@dataclass
class Totals:
    """One app's, one model's or everyone's counts over a day or a period."""

    generations: int = 0  # batches submitted
    outputs: int = 0  # items that succeeded
    failed: int = 0  # items that failed (a cancelled item is the user's choice, not a failure)
    credits: int = 0  # credits captured for outputs

    @property
    def finished(self) -> int:
        return self.outputs + self.failed

    @property
    def failure_rate(self) -> float | None:
        """Failed of finished items; None when nothing finished (not measured, not 0 %)."""
        return self.failed / self.finished if self.finished else None

    def add(self, other: Totals) -> None:
        self.generations += other.generations
        self.outputs += other.outputs
        self.failed += other.failed
        self.credits += other.credits


@dataclass
class Line:
    """An app or a model (or everything, key "") over the period, with one Totals per day."""

    key: str
    name: str
    app_id: str
    totals: Totals = field(default_factory=Totals)
    days: list[Totals] = field(default_factory=list)


@dataclass
class Usage:
    days: list[date]  # the period's local days, oldest first
    total: Line
    apps: list[Line]  # the busiest first
    models: list[Line]


def _local_day(db: Session, column: Any) -> Any:
    """The column's local date, computed by the database. PostgreSQL knows the zone's rules;
    SQLite (the embedded fallback) is given the zone's offset now."""
    zone = get_settings().timezone
    if db.get_bind().dialect.name == "postgresql":
        return func.date(func.timezone(zone, column))
    offset = datetime.now(ZoneInfo(zone)).utcoffset() or timedelta()
    return func.date(column, f"{int(offset.total_seconds() // 60):+d} minutes")


def _day(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _grouped(db: Session, query: Any) -> list[tuple]:
    """Rows of (day, app, model, *measures): grouped on a subquery's labelled columns, so the
    zone's name is bound once (PostgreSQL would see two different expressions otherwise)."""
    inner = query.subquery()
    day, app, model, *measures = inner.c
    return list(
        db.exec(
            select(day, app, model, *[func.coalesce(func.sum(m), 0) for m in measures]).group_by(
                day, app, model
            )
        ).all()
    )


def _start(days: int, now: datetime) -> tuple[list[date], datetime]:
    today = now.astimezone(_zone()).date()
    first = today - timedelta(days=days - 1)
    return [first + timedelta(days=n) for n in range(days)], datetime.combine(
        first, time(), _zone()
    )


def usage(actor: Any, days: object = 30, now: datetime | None = None) -> Usage:
    """Admins only: generations, outputs, failures and credits per local day over the last
    `days` (7, 30 or 90), for everything, per app and per model."""
    _require_admin(actor)
    if days not in PERIODS or isinstance(days, bool):
        raise ServiceError("parameter_invalid", name="days")
    period, since = _start(int(days), now or utcnow())
    counts: dict[tuple[date, str, str], Totals] = {}

    def at(day: object, app_id: object, model_key: object) -> Totals:
        return counts.setdefault((_day(day), str(app_id), str(model_key)), Totals())

    with session_scope() as db:
        made = select(
            _local_day(db, Generation.created_at).label("day"),
            Generation.app_id.label("app"),
            Generation.model_key.label("model"),
            case((Generation.id.is_not(None), 1), else_=0).label("n"),  # summed: a count
        ).where(Generation.created_at >= since)
        for day, app_id, model_key, n in _grouped(db, made):
            at(day, app_id, model_key).generations += int(n)
        finished = (
            select(
                _local_day(db, GenerationItem.finished_at).label("day"),
                Generation.app_id.label("app"),
                Generation.model_key.label("model"),
                case((GenerationItem.status == "succeeded", 1), else_=0).label("ok"),
                case((GenerationItem.status == "failed", 1), else_=0).label("bad"),
            )
            .join(Generation, Generation.id == GenerationItem.generation_id)
            .where(
                GenerationItem.finished_at >= since,
                GenerationItem.status.in_(("succeeded", "failed")),
            )
        )
        for day, app_id, model_key, ok, bad in _grouped(db, finished):
            totals = at(day, app_id, model_key)
            totals.outputs += int(ok)
            totals.failed += int(bad)
        paid = (
            select(
                _local_day(db, HoldCapture.created_at).label("day"),
                Hold.app_id.label("app"),
                Hold.model_key.label("model"),
                HoldCapture.amount,
            )
            .join(Hold, Hold.id == HoldCapture.hold_id)
            .where(Hold.unit == "credits", HoldCapture.created_at >= since)
        )
        for day, app_id, model_key, amount in _grouped(db, paid):
            at(day, app_id, model_key).credits += int(amount)
        model_names = dict(db.exec(select(AIModel.key, AIModel.name)).all())
    return _lines(period, counts, model_names)


def _lines(
    period: list[date], counts: dict[tuple[date, str, str], Totals], model_names: dict[str, str]
) -> Usage:
    index = {day: n for n, day in enumerate(period)}

    def line(key: str, name: str, app_id: str) -> Line:
        return Line(key, name, app_id, days=[Totals() for _ in period])

    total = line("", "", "")
    apps: dict[str, Line] = {}
    models: dict[str, Line] = {}
    for (day, app_id, model_key), totals in counts.items():
        if day not in index:  # a capture at the edge of the period's first local day
            continue
        app = apps.get(app_id) or apps.setdefault(app_id, line(app_id, _app_name(app_id), app_id))
        model = models.get(model_key) or models.setdefault(
            model_key, line(model_key, model_names.get(model_key, model_key), app_id)
        )
        for each in (total, app, model):
            each.totals.add(totals)
            each.days[index[day]].add(totals)

    def busiest(lines: Iterable[Line]) -> list[Line]:
        return sorted(lines, key=lambda x: (-x.totals.generations, -x.totals.outputs, x.name))

    return Usage(period, total, busiest(apps.values()), busiest(models.values()))


def _app_name(app_id: str) -> str:
    app = plugins.BY_ID.get(app_id)
    return app.name if app is not None else app_id


# ------------------------------------------------------------------ CSV exports

EXPORTS = ("users", "payments", "ledger")
LINK_SECONDS = 60
BATCH = 1000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LINK_PURPOSE = "admin_export"


def export_link(actor: Any, table: str, seconds: int = LINK_SECONDS) -> str:
    """Admins only: a short-lived link that downloads `table` (see EXPORTS) as CSV."""
    admin = _require_admin(actor)
    if table not in EXPORTS:
        raise ServiceError("parameter_invalid", name="table")
    claims = {
        "use": LINK_PURPOSE,
        "uid": admin.id,
        "table": table,
        "exp": utcnow() + timedelta(seconds=seconds),
    }
    token = jwt.encode(claims, get_settings().effective_secret_key, algorithm="HS256")
    return f"/api/admin/exports/{token}"


def open_export(token: str) -> str:
    """The table a link downloads, when the link is genuine, unexpired and its admin still is
    one; the download is logged. NotFound otherwise (the route answers a plain 404)."""
    try:
        claims = jwt.decode(
            token,
            get_settings().effective_secret_key,
            algorithms=["HS256"],
            options={"require": ["exp", "use", "uid", "table"]},
        )
    except jwt.PyJWTError:
        raise NotFound() from None
    table, uid = claims.get("table"), claims.get("uid")
    if claims.get("use") != LINK_PURPOSE or table not in EXPORTS or not isinstance(uid, int):
        raise NotFound()
    with session_scope() as db:
        admin = db.get(User, uid)
        if admin is None or admin.role != "admin":
            raise NotFound()
        audit.record(db, admin.id, "export_csv", "export", table, {}, {"table": table})
    return str(table)


def export_name(table: str, now: datetime | None = None) -> str:
    return f"lumiku-{table}-{(now or utcnow()).astimezone(_zone()):%Y-%m-%d}.csv"


def safe_cell(value: object) -> object:
    """A value as a spreadsheet should see it: text that a spreadsheet would run as a formula
    gets a leading apostrophe; times in the configured zone; numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    if isinstance(value, datetime):
        return value.astimezone(_zone()).isoformat(timespec="seconds")
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


COLUMNS: dict[str, tuple[str, ...]] = {
    "users": (
        "id",
        "email",
        "name",
        "role",
        "account_type",
        "subscription_tier",
        "credit_balance",
        "storage_used_bytes",
        "storage_quota_bytes",
        "language",
        "email_verified_at",
        "created_at",
    ),
    "payments": (
        "id",
        "merchant_order_id",
        "user_id",
        "email",
        "item_type",
        "item_id",
        "item_name",
        "credits",
        "amount_rupiah",
        "status",
        "payment_method",
        "reference",
        "failure_reason",
        "created_at",
        "paid_at",
    ),
    "ledger": (
        "id",
        "user_id",
        "email",
        "amount",
        "balance_after",
        "kind",
        "reference_type",
        "reference_id",
        "description",
        "created_at",
    ),
}


def _batch(db: Session, table: str, after: int) -> list[tuple]:
    """The next BATCH rows after id `after`, in id order (keyset: no OFFSET over millions)."""
    if table == "users":
        columns = [getattr(User, name) for name in COLUMNS["users"]]
        query = select(*columns).where(User.id > after).order_by(User.id)
    elif table == "payments":
        columns = [
            User.email if name == "email" else getattr(Payment, name)
            for name in COLUMNS["payments"]
        ]
        query = (
            select(*columns)
            .join(User, User.id == Payment.user_id, isouter=True)
            .where(Payment.id > after)
            .order_by(Payment.id)
        )
    else:
        columns = [
            User.email if name == "email" else getattr(CreditEntry, name)
            for name in COLUMNS["ledger"]
        ]
        query = (
            select(*columns)
            .join(User, User.id == CreditEntry.user_id, isouter=True)
            .where(CreditEntry.id > after)
            .order_by(CreditEntry.id)
        )
    return list(db.exec(query.limit(BATCH)).all())


def export_rows(table: str) -> Iterator[tuple]:
    """Every row of the table, a batch (one short transaction) at a time."""
    if table not in EXPORTS:
        raise NotFound()
    after = 0
    while True:
        with session_scope() as db:
            rows = _batch(db, table, after)
        yield from rows
        if len(rows) < BATCH:
            return
        after = rows[-1][0]


def csv_stream(table: str) -> Iterator[bytes]:
    """The table as UTF-8 CSV with a byte-order mark (so Excel reads it as UTF-8), a chunk
    per batch, quoted by the csv module."""
    if table not in EXPORTS:
        raise NotFound()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS[table])
    yield codecs.BOM_UTF8 + buffer.getvalue().encode()
    buffer.seek(0)
    buffer.truncate()
    for n, row in enumerate(export_rows(table), start=1):
        writer.writerow([safe_cell(value) for value in row])
        if n % BATCH == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode()
