"""Buying credits and plans through Duitku: every paid order becomes exactly one credit purchase
or subscription period, and nothing else becomes anything.

The order's state machine (pending → paid | failed | expired; paid is final) is applied in one
place, `_apply`, in the same transaction as the credits or the plan, whether the news comes from a
callback or from reconciliation.
"""

from __future__ import annotations

import logging
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, select

from lumiku.db import paginate, session_scope, utcnow
from lumiku.models import CreditPackage, Payment, SubscriptionPlan, User
from lumiku.services import billing, events, ratelimit, subscriptions
from lumiku.services.accounts import lock_account
from lumiku.services.duitku import DuitkuClient, DuitkuError
from lumiku.services.errors import NotFound, ServiceError
from lumiku.services.redis_client import get_redis
from lumiku.settings import get_settings

log = logging.getLogger(__name__)

CHECKOUTS_PER_USER = ratelimit.Limit("checkout", 10, 10 * 60)
RECONCILE_AFTER = timedelta(minutes=5)  # give the callback time to arrive first
RECONCILE_BATCH = 20
RECONCILE_PAUSE_SECONDS = 1.0  # transactionStatus is rate-limited; ask gently
PAGE_SIZE = 20
STATUSES = ("pending", "paid", "failed", "expired")


@dataclass(frozen=True)
class Item:
    type: str  # credits | plan
    id: str
    name: str
    price_rupiah: int
    credits: int


def catalogue() -> list[Item]:
    """What can be bought; prices come from here, never from the browser."""
    with session_scope() as db:
        packages = db.exec(
            select(CreditPackage)
            .where(CreditPackage.is_active)
            .order_by(CreditPackage.display_order)
        ).all()
        plans = db.exec(
            select(SubscriptionPlan)
            .where(SubscriptionPlan.is_active, SubscriptionPlan.price_rupiah > 0)
            .order_by(SubscriptionPlan.display_order)
        ).all()
        return [Item("credits", p.id, p.name, p.price_rupiah, p.credits) for p in packages] + [
            Item("plan", p.id, p.name, p.price_rupiah, 0) for p in plans
        ]


def _item(item_type: str, item_id: str) -> Item:
    for item in catalogue():
        if (item.type, item.id) == (item_type, item_id):
            return item
    raise ServiceError("item_unknown")


def _new_order_id(user_id: int) -> str:
    """Unique, at most 50 characters, readable in Duitku's dashboard: LMK-<time>-<user>-<random>."""
    return f"LMK-{int(time.time())}-{user_id}-{secrets.token_hex(4)}"[:50]


@dataclass(frozen=True)
class Checkout:
    merchant_order_id: str
    payment_url: str


def checkout(user_id: int, item_type: str, item_id: str, key: str) -> Checkout:
    """Creates the order, then the Duitku invoice; returns where to send the browser.
    Replaying `key` (a double click) returns the same order."""
    settings = get_settings()
    if not settings.payments_configured:
        raise ServiceError("payments_not_configured")
    if not isinstance(key, str) or not 8 <= len(key) <= 64:
        raise ServiceError("idempotency_key_invalid")
    with session_scope() as db:
        existing = db.exec(select(Payment).where(Payment.checkout_key == key)).first()
        if existing is not None:
            if existing.user_id != user_id:
                raise ServiceError("idempotency_conflict")
            if existing.payment_url:
                return Checkout(existing.merchant_order_id, existing.payment_url)
            raise ServiceError("payment_gateway_error")
    item = _item(item_type, item_id)
    ratelimit.hit(get_redis(), CHECKOUTS_PER_USER, str(user_id))
    with session_scope() as db:
        user = db.get(User, user_id)
        if user is None:
            raise NotFound()
        payment = Payment(
            merchant_order_id=_new_order_id(user_id),
            user_id=user_id,
            item_type=item.type,
            item_id=item.id,
            item_name=item.name,
            credits=item.credits,
            amount_rupiah=item.price_rupiah,
            checkout_key=key,
            expires_at=utcnow() + timedelta(minutes=settings.duitku_expiry_minutes),
        )
        db.add(payment)
        email, name = user.email, user.name
    # The order is committed before Duitku hears of it, so a fast callback always finds it.
    public = settings.effective_public_url
    try:
        invoice = DuitkuClient(settings).create_invoice(
            order_id=payment.merchant_order_id,
            amount=payment.amount_rupiah,
            product=f"Lumiku {item.name}",
            email=email,
            customer_name=name,
            customer_id=user_id,
            callback_url=f"{public}/api/payments/duitku/callback",
            return_url=f"{public}/payments/{payment.merchant_order_id}",
            expiry_minutes=settings.duitku_expiry_minutes,
        )
    except DuitkuError as exc:
        log.warning("createInvoice failed for %s: %s", payment.merchant_order_id, exc)
        with session_scope() as db:
            row = db.get(Payment, payment.id)
            row.status, row.failure_reason, row.updated_at = "failed", str(exc)[:300], utcnow()
        raise ServiceError("payment_gateway_error") from None
    with session_scope() as db:
        row = db.get(Payment, payment.id)
        row.reference, row.payment_url, row.updated_at = (
            invoice.reference,
            invoice.payment_url,
            utcnow(),
        )
    return Checkout(payment.merchant_order_id, invoice.payment_url)


# ------------------------------------------------------------------ the state machine


def _apply(
    db: Session,
    payment: Payment,
    result_code: str,
    amount: str,
    *,
    reference: str,
    method: str,
    source: str,
    data: dict[str, Any],
) -> str:
    """Within a transaction holding the user's lock. Returns what happened, for logs and tests."""
    if payment.status == "paid":
        return "already_paid"  # final: repeated or late news changes nothing
    now = utcnow()
    payment.gateway_data = {**payment.gateway_data, source: data}
    payment.result_code, payment.updated_at = result_code[:4], now
    payment.reference = reference[:100] or payment.reference
    payment.payment_method = method[:10] or payment.payment_method
    if result_code != "00":
        if result_code == "02" and payment.status == "pending":
            payment.status = "failed"
        return "not_paid"
    if not amount.isdigit() or int(amount) != payment.amount_rupiah:
        raise ServiceError("amount_mismatch")
    # Money was received: fulfil, even if we had marked the order failed or expired meanwhile.
    user = db.get(User, payment.user_id)
    payment.status, payment.paid_at = "paid", now
    if payment.item_type == "credits":
        billing.post_entry(
            db,
            user,
            payment.credits,
            "purchase",
            f"purchase:{payment.merchant_order_id}",
            description=f"{payment.item_name} · {payment.merchant_order_id}",
            reference=("payment", payment.merchant_order_id),
        )
    else:
        plan = db.get(SubscriptionPlan, payment.item_id)
        subscriptions.activate_in(db, user, plan, f"payment:{payment.merchant_order_id}")
    return "paid"


def _locked_payment(db: Session, order_id: str) -> Payment | None:
    payment = db.exec(select(Payment).where(Payment.merchant_order_id == order_id)).first()
    if payment is None:
        return None
    lock_account(db, payment.user_id)
    db.refresh(payment)
    return payment


def apply_callback(fields: dict[str, str]) -> str:
    """For the callback route, after it verified merchant code and signature.
    Returns "unknown" when no such order exists."""
    order_id = fields["merchantOrderId"]
    with session_scope() as db:
        payment = _locked_payment(db, order_id)
        if payment is None:
            return "unknown"
        outcome = _apply(
            db,
            payment,
            fields["resultCode"],
            fields["amount"],
            reference=fields.get("reference", ""),
            method=fields.get("paymentCode", ""),
            source="callback",
            data={k: v for k, v in fields.items() if k != "signature"},
        )
        user_id = payment.user_id
    _announce(user_id)
    return outcome


def _announce(user_id: int) -> None:
    events.publish(user_id, "payment")
    events.publish(user_id, "billing")


def reconcile(now: datetime | None = None, pause: float = RECONCILE_PAUSE_SECONDS) -> int:
    """Periodic: asks Duitku about pending orders whose callback has not come, gently, and
    expires orders past their expiry that Duitku does not report paid."""
    settings = get_settings()
    now = now or utcnow()
    quiet_since = now - RECONCILE_AFTER
    with session_scope() as db:
        due = db.exec(
            select(Payment.merchant_order_id)
            .where(
                Payment.status == "pending",
                Payment.created_at <= quiet_since,
                or_(Payment.checked_at.is_(None), Payment.checked_at <= quiet_since),
            )
            # never checked first, then the longest unchecked: one stuck order blocks nobody
            .order_by(Payment.checked_at.is_not(None), Payment.checked_at, Payment.created_at)
            .limit(RECONCILE_BATCH)
        ).all()
    if not due or not settings.payments_configured:
        return 0
    client, changed = DuitkuClient(settings), 0
    for n, order_id in enumerate(due):
        if n and pause:
            time.sleep(pause)
        try:
            status = client.transaction_status(order_id)
        except DuitkuError as exc:
            log.warning("transactionStatus failed for %s: %s", order_id, exc)
            status = None  # an order past its time still expires; a late "paid" revives it
        try:
            with session_scope() as db:
                payment = _locked_payment(db, order_id)
                payment.checked_at = now
                if status is not None and status.status_code in ("00", "02"):
                    outcome = _apply(
                        db,
                        payment,
                        status.status_code,
                        status.amount,
                        reference=status.reference,
                        method="",
                        source="status",
                        data={"statusCode": status.status_code, "amount": status.amount},
                    )
                elif payment.status == "pending" and payment.expires_at <= now:
                    # (a callback may have settled it while Duitku was being asked)
                    payment.status, payment.updated_at, outcome = "expired", now, "expired"
                else:
                    outcome = "pending"
                user_id = payment.user_id
        except ServiceError as exc:  # a wrong amount: left for a person, checked again later
            log.error("payment %s not applied: %s", order_id, exc.code)
            with session_scope() as db:
                _locked_payment(db, order_id).checked_at = now
            continue
        if outcome != "pending":
            changed += 1
            _announce(user_id)
    return changed


# ------------------------------------------------------------------ reading


@dataclass(frozen=True)
class PaymentView:
    merchant_order_id: str
    user_email: str
    item_name: str
    item_type: str
    credits: int
    amount_rupiah: int
    status: str
    reference: str
    payment_method: str
    created_at: datetime
    paid_at: datetime | None
    expires_at: datetime
    payment_url: str


def _view(payment: Payment, email: str) -> PaymentView:
    return PaymentView(
        merchant_order_id=payment.merchant_order_id,
        user_email=email,
        item_name=payment.item_name,
        item_type=payment.item_type,
        credits=payment.credits,
        amount_rupiah=payment.amount_rupiah,
        status=payment.status,
        reference=payment.reference,
        payment_method=payment.payment_method,
        created_at=payment.created_at,
        paid_at=payment.paid_at,
        expires_at=payment.expires_at,
        payment_url=payment.payment_url,
    )


def get_owned(user_id: int, order_id: str) -> PaymentView:
    """One of the user's own orders; anybody else's looks missing."""
    with session_scope() as db:
        row = db.exec(
            select(Payment, User.email)
            .join(User, User.id == Payment.user_id)
            .where(Payment.merchant_order_id == str(order_id)[:50], Payment.user_id == user_id)
        ).first()
        if row is None:
            raise NotFound()
        return _view(*row)


@dataclass(frozen=True)
class PaymentPage:
    rows: list[PaymentView]
    page: int
    pages: int
    total: int


def search(
    *,
    user_id: int | None = None,
    status: str = "",
    query: str = "",
    since: datetime | None = None,
    until: datetime | None = None,
    page: int = 1,
) -> PaymentPage:
    """A user's own orders (user_id given) or, for admins (the caller checks), everyone's."""
    if status and status not in STATUSES:
        raise ServiceError("parameter_invalid", name="status")
    conditions = []
    if user_id is not None:
        conditions.append(Payment.user_id == user_id)
    if status:
        conditions.append(Payment.status == status)
    if query := query.strip()[:100].lower():
        conditions.append(
            or_(
                func.lower(Payment.merchant_order_id).contains(query, autoescape=True),
                func.lower(User.email).contains(query, autoescape=True),
            )
        )
    if since:
        conditions.append(Payment.created_at >= since)
    if until:
        conditions.append(Payment.created_at < until)
    with session_scope() as db:
        base = select(Payment, User.email).join(User, User.id == Payment.user_id).where(*conditions)
        query = base.order_by(Payment.created_at.desc(), Payment.id.desc())
        found = paginate(db, query, page, PAGE_SIZE)
        return PaymentPage(
            [_view(*row) for row in found.rows], found.page, found.pages, found.total
        )
