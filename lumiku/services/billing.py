"""Credits and quota: the one way anything in Lumiku is paid for.

Rules kept here and nowhere else:
- the ledger is append-only, and `User.credit_balance` always equals the sum of the user's entries;
- a balance never goes below zero (every change starts with `lock_account`);
- every mutation has an idempotency key: the same key replays the first result, and the same key
  with a different payload is an error;
- work is paid through a hold: placed at submit, captured as outputs succeed, settled exactly once
  (what was not captured goes back, with a visible line in the history).
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from lumiku import plugins
from lumiku.db import paginate, session_scope, utcnow
from lumiku.models import AppUsage, CreditEntry, Hold, HoldCapture, SubscriptionPlan, User
from lumiku.services import ai_models, events, pricing, quotas
from lumiku.services.accounts import current_subscription, lock_account, user_and_subscription
from lumiku.services.errors import NotFound, ServiceError

log = logging.getLogger(__name__)

WELCOME_BONUS = 100
UNLIMITED_TAG = "enterprise_unlimited"
DEFAULT_HOLD_TTL = timedelta(hours=6)
HISTORY_PAGE_SIZE = 20
KINDS = ("welcome_bonus", "purchase", "grant", "hold", "capture", "release", "refund", "adjustment")


def payload_hash(payload: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def _check_key(key: str) -> str:
    if not isinstance(key, str) or not 1 <= len(key) <= 100:
        raise ServiceError("idempotency_key_invalid")
    return key


def _replayed(existing: CreditEntry | Hold | None, digest: str) -> bool:
    if existing is None:
        return False
    if existing.payload_hash != digest:
        raise ServiceError("idempotency_conflict")
    return True


# ------------------------------------------------------------------ ledger


def post_entry(
    db: Session,
    user: User,
    amount: int,
    kind: str,
    key: str,
    *,
    description: str,
    reference: tuple[str, str] = ("", ""),
    payload: dict[str, Any] | None = None,
) -> CreditEntry:
    """Within a transaction that holds `lock_account(user)`: one ledger line, or the earlier one
    with the same key."""
    digest = payload_hash({"user": user.id, "amount": amount, "kind": kind, **(payload or {})})
    existing = db.exec(select(CreditEntry).where(CreditEntry.idempotency_key == key)).first()
    if _replayed(existing, digest):
        return existing
    balance = user.credit_balance + amount
    if balance < 0:
        raise ServiceError("insufficient_credits", required=-amount, balance=user.credit_balance)
    entry = CreditEntry(
        user_id=user.id,
        amount=amount,
        balance_after=balance,
        kind=kind,
        reference_type=reference[0],
        reference_id=reference[1],
        idempotency_key=key,
        payload_hash=digest,
        description=description[:300],
    )
    user.credit_balance = balance
    db.add(entry)
    db.flush()
    return entry


def _changed(user_id: int) -> None:
    """After commit: tell the user's open tabs that their balance or quota moved."""
    events.publish(user_id, "billing")


def add_credits(
    user_id: int,
    amount: int,
    kind: str,
    key: str,
    description: str,
    reference: tuple[str, str] = ("", ""),
) -> CreditEntry:
    """Grants, purchases, welcome bonuses and adjustments (which may be negative)."""
    with session_scope() as db:
        entry = add_credits_in(db, user_id, amount, kind, key, description, reference)
    _changed(user_id)
    return entry


def add_credits_in(
    db: Session,
    user_id: int,
    amount: int,
    kind: str,
    key: str,
    description: str,
    reference: tuple[str, str] = ("", ""),
) -> CreditEntry:
    """`add_credits` in the caller's transaction (an admin's adjustment and its audit entry
    commit together); the caller announces the change after commit (`events.publish`)."""
    if kind not in ("welcome_bonus", "purchase", "grant", "refund", "adjustment"):
        raise ServiceError("kind_invalid")
    if (
        not isinstance(amount, int)
        or isinstance(amount, bool)
        or amount == 0
        or abs(amount) > 10_000_000
        or (amount < 0 and kind != "adjustment")
    ):
        raise ServiceError("amount_invalid")
    user = lock_account(db, user_id)
    return post_entry(
        db, user, amount, kind, _check_key(key), description=description, reference=reference
    )


def welcome_bonus(db: Session, user: User) -> CreditEntry:
    """Inside registration's transaction, so an account never exists without its bonus."""
    return post_entry(
        db, user, WELCOME_BONUS, "welcome_bonus", f"welcome:{user.id}", description="Welcome bonus"
    )


def balance(user_id: int) -> int:
    with session_scope() as db:
        user = db.get(User, user_id)
        if user is None:
            raise NotFound()
        return user.credit_balance


def ledger_sum(db: Session, user_id: int) -> int:
    return db.exec(
        select(func.coalesce(func.sum(CreditEntry.amount), 0)).where(CreditEntry.user_id == user_id)
    ).one()


@dataclass(frozen=True)
class EntryView:
    id: int
    amount: int
    balance_after: int
    kind: str
    description: str
    created_at: datetime
    charged: int = 0  # a capture line's amount is what came back; this is what was charged


@dataclass(frozen=True)
class HistoryPage:
    rows: list[EntryView]
    page: int
    pages: int
    total: int


def history(user_id: int, kind: str = "", page: int = 1) -> HistoryPage:
    """Newest first; each line carries the balance right after it (the running balance)."""
    if kind and kind not in KINDS:
        raise ServiceError("kind_invalid")
    condition = CreditEntry.user_id == user_id
    if kind:
        condition = condition & (CreditEntry.kind == kind)
    with session_scope() as db:
        found = paginate(
            db,
            select(CreditEntry).where(condition).order_by(CreditEntry.id.desc()),
            page,
            HISTORY_PAGE_SIZE,
        )
        held = [r.reference_id for r in found.rows if r.kind == "capture"]
        charged = dict(db.exec(select(Hold.id, Hold.captured).where(Hold.id.in_(held))).all())
        views = [
            EntryView(
                id=r.id,
                amount=r.amount,
                balance_after=r.balance_after,
                kind=r.kind,
                description=r.description,
                created_at=r.created_at,
                charged=charged.get(r.reference_id, 0) if r.kind == "capture" else 0,
            )
            for r in found.rows
        ]
    return HistoryPage(rows=views, page=found.page, pages=found.pages, total=found.total)


# ------------------------------------------------------------------ the entry point for apps


@dataclass(frozen=True)
class Reservation:
    """What `charge` set aside; the job captures against `hold_id` and settles it."""

    hold_id: str
    unit: str  # credits | quota
    amount: int


def charge(
    user_id: int,
    app_id: str,
    model_key: str,
    params: dict[str, Any],
    *,
    quantity: int,
    key: str,
    description: str,
    reference: tuple[str, str] = ("", ""),
    ttl: timedelta = DEFAULT_HOLD_TTL,
) -> Reservation:
    """Checks access, prices the request on the server and holds credits or quota, all in one
    transaction. Apps never write ledger entries themselves."""
    with session_scope() as db:
        reservation = charge_in(
            db,
            user_id,
            app_id,
            model_key,
            params,
            quantity=quantity,
            key=key,
            description=description,
            reference=reference,
            ttl=ttl,
        )
    _changed(user_id)
    return reservation


def charge_in(
    db: Session,
    user_id: int,
    app_id: str,
    model_key: str,
    params: dict[str, Any],
    *,
    quantity: int,
    key: str,
    description: str,
    reference: tuple[str, str] = ("", ""),
    ttl: timedelta = DEFAULT_HOLD_TTL,
) -> Reservation:
    """`charge` inside the caller's transaction, so the work's own row commits with its hold.
    The caller publishes the change after committing."""
    plugin = plugins.get(app_id)
    if plugin is None or not plugin.enabled or plugin.coming_soon:
        raise ServiceError("app_unavailable")
    key = _check_key(key)
    digest = payload_hash(
        {"app": app_id, "model": model_key, "params": params, "quantity": quantity, "user": user_id}
    )
    user = lock_account(db, user_id)
    existing = db.exec(select(Hold).where(Hold.idempotency_key == key)).first()
    if _replayed(existing, digest):
        return Reservation(existing.id, existing.unit, existing.amount)
    if not plugin.allows_role(user.role):
        raise ServiceError("forbidden")
    subscription = current_subscription(db, user_id)
    if subscription is None and user.account_type == "subscription":
        user.account_type, user.subscription_tier = "payg", "free"  # it has ended
    unit, amount = _terms(db, user, subscription, app_id, model_key, params, quantity)
    hold = Hold(
        id=secrets.token_hex(16),
        user_id=user_id,
        app_id=app_id,
        model_key=model_key,
        unit=unit,
        amount=amount,
        reference_type=reference[0],
        reference_id=reference[1],
        idempotency_key=key,
        payload_hash=digest,
        description=description[:300],
        expires_at=utcnow() + ttl,
    )
    if not amount:
        pass  # free for this account; usage is still recorded when the hold settles
    elif subscription:
        used = quotas.consume(db, user_id, subscription[1], amount, model_key)
        hold.daily_period, hold.monthly_period = used.daily, used.monthly
    else:
        post_entry(
            db,
            user,
            -amount,
            "hold",
            f"hold:{hold.id}",
            description=f"{plugin.name} · {description}",
            reference=("hold", hold.id),
        )
    db.add(hold)
    db.flush()
    return Reservation(hold.id, hold.unit, hold.amount)


def _terms(
    db: Session,
    user: User,
    subscription: tuple | None,
    app_id: str,
    model_key: str,
    params: dict[str, Any],
    quantity: int,
) -> tuple[str, int]:
    """The unit this user pays in and the amount, priced on the server."""
    model = ai_models.usable_model(db, user, app_id, model_key)
    price = pricing.price(app_id, model, params, quantity)
    if UNLIMITED_TAG in (user.user_tags or []) and plugins.BY_ID[app_id].unlimited_free:
        return ("quota" if subscription else "credits"), 0
    return ("quota", price.quota) if subscription else ("credits", price.credits)


@dataclass(frozen=True)
class Quote:
    """What a request would cost this user now, for the page to show before they confirm."""

    unit: str  # credits | quota
    amount: int
    available: int  # the balance, or the quota left in the current period

    @property
    def affordable(self) -> bool:
        return self.amount <= self.available


def quote(
    user_id: int, app_id: str, model_key: str, params: dict[str, Any], quantity: int
) -> Quote:
    with session_scope() as db:
        return quote_in(db, user_id, app_id, model_key, params, quantity)


def quote_in(
    db: Session, user_id: int, app_id: str, model_key: str, params: dict[str, Any], quantity: int
) -> Quote:
    """`quote` inside the caller's session: a page that saves and prices in one event reads
    the price in the same transaction (one session, not two)."""
    user, subscription = user_and_subscription(db, user_id)
    unit, amount = _terms(db, user, subscription, app_id, model_key, params, quantity)
    if subscription:
        available = quotas.status(db, user_id, subscription[1]).remaining
    else:
        available = user.credit_balance
    return Quote(unit, amount, available)


def _locked_hold(db: Session, hold_id: str) -> Hold:
    hold = db.get(Hold, hold_id) if isinstance(hold_id, str) else None
    if hold is None:
        raise NotFound()
    lock_account(db, hold.user_id)
    db.refresh(hold)
    return hold


def capture(hold_id: str, amount: int, key: str) -> int:
    """Takes `amount` of the hold for one produced output; replaying `key` changes nothing.
    Returns the hold's total captured so far."""
    with session_scope() as db:
        return capture_in(db, hold_id, amount, key)


def capture_in(db: Session, hold_id: str, amount: int, key: str) -> int:
    """`capture` inside the caller's transaction, so the output it pays for commits with it."""
    if not isinstance(amount, int) or isinstance(amount, bool) or amount < 0:
        raise ServiceError("amount_invalid")
    key = _check_key(key)
    hold = _locked_hold(db, hold_id)
    previous = db.exec(select(HoldCapture).where(HoldCapture.idempotency_key == key)).first()
    if previous is not None:
        if previous.hold_id != hold.id or previous.amount != amount:
            raise ServiceError("idempotency_conflict")
        return hold.captured
    if hold.status != "open":
        raise ServiceError("hold_settled")
    if hold.captured + amount > hold.amount:
        raise ServiceError("capture_exceeds_hold")
    hold.captured += amount
    db.add(HoldCapture(hold_id=hold.id, idempotency_key=key, amount=amount))
    return hold.captured


OUTCOMES = ("succeeded", "failed", "cancelled", "expired", "abandoned")


def settle(hold_id: str, outcome: str) -> bool:
    """Resolves the hold exactly once: what was captured is charged, the rest goes back.
    Returns False when it had already been settled (a no-op)."""
    with session_scope() as db:
        hold = _locked_hold(db, hold_id)
        settled = settle_in(db, hold, outcome)
    if settled:
        _changed(hold.user_id)
    return settled


def settle_in(db: Session, hold: Hold, outcome: str) -> bool:
    """`settle` inside the caller's transaction, which holds the owner's lock, so the work's own
    final status commits together with its refund."""
    if outcome not in OUTCOMES:
        raise ServiceError("outcome_invalid")
    db.refresh(hold)
    if hold.status != "open":
        return False
    user = db.get(User, hold.user_id)
    rest = hold.amount - hold.captured
    name = plugins.BY_ID[hold.app_id].name if hold.app_id in plugins.BY_ID else hold.app_id
    if hold.unit == "credits" and hold.amount > 0:
        kind = "release" if hold.captured == 0 else "capture"  # the badge says which
        post_entry(
            db,
            user,
            rest,
            kind,
            f"settle:{hold.id}",
            description=f"{name} · {hold.description}",
            reference=("hold", hold.id),
        )
    elif hold.unit == "quota" and rest > 0:
        quotas.give_back(
            db, hold.user_id, hold.daily_period, hold.monthly_period, rest, hold.model_key
        )
    hold.status, hold.outcome, hold.settled_at = "settled", outcome, utcnow()
    if hold.captured or outcome == "succeeded":
        db.add(
            AppUsage(
                user_id=hold.user_id,
                app_id=hold.app_id,
                action=hold.model_key,
                credits_used=hold.captured if hold.unit == "credits" else 0,
                quota_used=hold.captured if hold.unit == "quota" else 0,
                details={"hold": hold.id},
            )
        )
    return True


# ------------------------------------------------------------------ the sweeper

# What the sweeper is told of the work behind a hold (its reference): still running, gone, or
# neither (finished, or a hold with no work behind it).
WORKING, GONE, IDLE = "working", "gone", "idle"


def sweep_holds(
    work_state: Callable[[str, str], str] | None = None, now: datetime | None = None
) -> int:
    """Releases holds whose work is gone, or that outlived their timeout, but never a hold whose
    work still runs (a long queue must not cost its later outputs). `work_state(reference_type,
    reference_id)` says which; the engine passes its own (generations.sweep_holds). Settling is
    idempotent, so two sweepers at once release each hold once."""
    now = now or utcnow()
    with session_scope() as db:
        open_holds = db.exec(
            select(Hold.id, Hold.expires_at, Hold.reference_type, Hold.reference_id).where(
                Hold.status == "open"
            )
        ).all()
    released = 0
    for hold_id, expires_at, ref_type, ref_id in open_holds:
        state = work_state(ref_type, ref_id) if work_state and ref_type else IDLE
        if state == GONE:
            released += settle(hold_id, "abandoned")
        elif state == IDLE and expires_at <= now:
            released += settle(hold_id, "expired")
    if released:
        log.info("released %d abandoned or expired holds", released)
    return released


# ------------------------------------------------------------------ what the header shows


@dataclass(frozen=True)
class Wallet:
    account_type: str  # payg | subscription
    credits: int
    plan_name: str
    quota_left: int
    quota_daily_limit: int


def wallet(user_id: int) -> Wallet:
    with session_scope() as db:
        user = db.get(User, user_id)
        if user is None:
            raise NotFound()
        found = current_subscription(db, user_id)
        if found is None:
            return Wallet("payg", user.credit_balance, "", 0, 0)
        plan: SubscriptionPlan = found[1]
        status = quotas.status(db, user_id, plan)
        return Wallet(
            "subscription", user.credit_balance, plan.name, status.remaining, plan.daily_quota
        )


def quota_status(user_id: int) -> quotas.QuotaStatus | None:
    with session_scope() as db:
        found = current_subscription(db, user_id)
        return quotas.status(db, user_id, found[1]) if found else None
