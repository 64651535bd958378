"""Buying (confirm, then off to Duitku), the receipt page that follows an order live, the user's
payments and the admin's search."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import reflex as rx

from lumiku import routes
from lumiku.i18n import format_datetime, format_number, format_rupiah, tr
from lumiku.services import payments, subscriptions, users
from lumiku.services.errors import NotFound
from lumiku.settings import get_settings
from lumiku.state.auth import AuthState, signed_in_user
from lumiku.state.base import call, error_text


@dataclass
class Offer:
    type: str
    id: str
    name: str
    price: str
    credits: str


class BuyState(rx.State):
    """Shared by the credits and plans pages."""

    offers: list[Offer] = []
    configured: bool = False
    confirm_open: bool = False
    confirm_name: str = ""
    confirm_price: str = ""
    confirm_note: str = ""  # what buying a plan does to the plan in force
    busy: bool = False
    error: str = ""
    _choice: tuple[str, str] = ("", "")
    _key: str = ""

    @rx.event
    async def load(self):
        session, user = await signed_in_user(self)
        if user is None:
            return session._to_sign_in()
        lang = session.lang
        self.configured = get_settings().payments_configured
        self.offers = [
            Offer(
                type=i.type,
                id=i.id,
                name=i.name,
                price=format_rupiah(i.price_rupiah),
                credits=format_number(i.credits, lang),
            )
            for i in await call(payments.catalogue)
        ]
        self.error, self.confirm_open = "", False
        return None

    @rx.event
    async def choose(self, item_type: str, item_id: str):
        """Opens the confirmation with a fresh key, so a double click checks out once."""
        session, user = await signed_in_user(self)
        if user is None:
            return session._to_sign_in()
        offer = next((o for o in self.offers if (o.type, o.id) == (item_type, item_id)), None)
        if offer is None or not self.configured:
            return None
        self._choice, self._key = (offer.type, offer.id), secrets.token_hex(16)
        self.confirm_name, self.confirm_price = offer.name, offer.price
        self.confirm_note = ""
        if offer.type == "plan":
            effect = await call(subscriptions.purchase_effect, user.id, offer.id)
            if effect is not None:
                kind, plan = effect
                self.confirm_note = tr(
                    f"buy_{kind}_plan", session.lang, plan=plan.plan_name, until=plan.ends_at
                )
        self.error, self.confirm_open = "", True
        return None

    @rx.event
    def close(self):
        self.confirm_open = False

    @rx.event
    async def pay(self):
        session, user = await signed_in_user(self)
        if user is None:
            yield session._to_sign_in()
            return
        if not self._key:
            return
        self.busy, self.error = True, ""
        yield
        try:
            result = await call(payments.checkout, user.id, *self._choice, self._key)
        except Exception as exc:  # noqa: BLE001
            self.error = error_text(exc, session.lang)
            self._key = secrets.token_hex(16)  # that order failed: trying again is a new one
            return
        finally:
            self.busy = False
        yield rx.redirect(result.payment_url)  # another host: the same tab goes to Duitku


class PaymentState(rx.State):
    """The receipt for one order; refreshed live when Duitku's news arrives."""

    found: bool = True
    loaded: bool = False
    order: str = ""
    status: str = ""
    item: str = ""
    amount: str = ""
    created: str = ""
    paid_at: str = ""
    reference: str = ""
    method: str = ""
    payment_url: str = ""
    _order_id: str = ""

    async def _refresh(self, user_id: int, fields: dict[str, str] | None = None) -> None:
        if not self._order_id:
            return  # this tab has no receipt open
        lang = (await self.get_state(AuthState)).lang
        try:
            view = await call(payments.get_owned, user_id, self._order_id)
        except NotFound:
            self.found, self.loaded = False, True
            return
        self.found, self.loaded = True, True
        self.order, self.status, self.item = view.merchant_order_id, view.status, view.item_name
        self.amount = format_rupiah(view.amount_rupiah)
        self.created = format_datetime(view.created_at, lang)
        self.paid_at = format_datetime(view.paid_at, lang) if view.paid_at else ""
        self.reference, self.method = view.reference, view.payment_method
        self.payment_url = view.payment_url if view.status == "pending" else ""

    @rx.event
    async def load(self):
        session, user = await signed_in_user(self)
        if user is None:
            return session._to_sign_in()
        self._order_id = str(self.router.url.path).rstrip("/").rsplit("/", 1)[-1][:50]
        await self._refresh(user.id)
        return None


@dataclass
class PaymentRow:
    order: str
    email: str
    item: str
    amount: str
    status: str
    created: str


def _rows(page: payments.PaymentPage, lang: str) -> list[PaymentRow]:
    return [
        PaymentRow(
            order=r.merchant_order_id,
            email=r.user_email,
            item=r.item_name,
            amount=format_rupiah(r.amount_rupiah),
            status=r.status,
            created=format_datetime(r.created_at, lang),
        )
        for r in page.rows
    ]


class MyPaymentsState(rx.State):
    rows: list[PaymentRow] = []
    page: int = 1
    pages: int = 1
    loaded: bool = False

    async def _load(self):
        session, user = await signed_in_user(self)
        if user is None:
            return session._to_sign_in()
        result = await call(payments.search, user_id=user.id, page=self.page)
        self.rows, self.page, self.pages = _rows(result, session.lang), result.page, result.pages
        self.loaded = True
        return None

    @rx.event
    async def load(self):
        self.page = 1
        return await self._load()

    @rx.event
    async def go_to_page(self, page: int):
        if isinstance(page, int) and not isinstance(page, bool):
            self.page = max(1, page)
        return await self._load()


def _day(text: str) -> datetime | None:
    """The start of a day in TIMEZONE, from a date input's yyyy-mm-dd."""
    try:
        day = datetime.strptime(text, "%Y-%m-%d")
    except (TypeError, ValueError):
        return None
    return day.replace(tzinfo=ZoneInfo(get_settings().timezone))


class AdminPaymentsState(rx.State):
    rows: list[PaymentRow] = []
    query: str = ""
    status: str = "all"
    since: str = ""
    until: str = ""
    page: int = 1
    pages: int = 1
    total: int = 0
    error: str = ""

    async def _load(self):
        session, actor = await signed_in_user(self)
        if actor is None:
            return session._to_sign_in()
        if not actor.is_admin:
            return rx.redirect(routes.DASHBOARD, replace=True)
        until = _day(self.until)
        try:
            result = await call(
                users.search_payments,
                actor,
                status="" if self.status == "all" else self.status,
                query=self.query,
                since=_day(self.since),
                until=until + timedelta(days=1) if until else None,
                page=self.page,
            )
        except Exception as exc:  # noqa: BLE001
            self.error = error_text(exc, session.lang)
            return None
        self.rows, self.page = _rows(result, session.lang), result.page
        self.pages, self.total, self.error = result.pages, result.total, ""
        return None

    @rx.event
    async def load(self):
        self.page = 1
        return await self._load()

    @rx.event
    async def set_filter(self, name: str, value: str):
        if name not in ("query", "status", "since", "until") or not isinstance(value, str):
            return None
        if name == "status" and value not in ("all", *payments.STATUSES):
            return None
        setattr(self, name, value[:100])
        self.page = 1
        return await self._load()

    @rx.event
    async def go_to_page(self, page: int):
        if isinstance(page, int) and not isinstance(page, bool):
            self.page = max(1, page)
        return await self._load()
