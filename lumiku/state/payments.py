"""Buying (confirm, then off to Duitku), the receipt page that follows an order live, the user's
payments and the admin's search."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import reflex as rx

from lumiku import routes
from lumiku.i18n import MESSAGES, format_datetime, format_number, format_rupiah, tr
from lumiku.services import payments, subscriptions, users
from lumiku.services.errors import NotFound
from lumiku.settings import get_settings
from lumiku.state.auth import AuthState
from lumiku.state.base import Caller, call, with_user


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
    @with_user
    async def load(self, me: Caller):
        lang = me.lang
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

    @rx.event
    @with_user
    async def choose(self, me: Caller, item_type: str, item_id: str):
        """Opens the confirmation with a fresh key, so a double click checks out once."""
        offer = next((o for o in self.offers if (o.type, o.id) == (item_type, item_id)), None)
        if offer is None or not self.configured:
            return
        self._choice, self._key = (offer.type, offer.id), secrets.token_hex(16)
        self.confirm_name, self.confirm_price = offer.name, offer.price
        self.confirm_note = ""
        if offer.type == "plan":
            effect = await call(subscriptions.purchase_effect, me.user.id, offer.id)
            if effect is not None:
                kind, plan = effect
                self.confirm_note = tr(
                    f"buy_{kind}_plan", me.lang, plan=plan.plan_name, until=plan.ends_at
                )
        self.error, self.confirm_open = "", True

    @rx.event
    def close(self):
        self.confirm_open = False

    @rx.event
    @with_user
    async def pay(self, me: Caller):
        if not self._key:
            return
        self.busy = True
        yield
        try:
            result = await call(payments.checkout, me.user.id, *self._choice, self._key)
        except Exception:
            self._key = secrets.token_hex(16)  # that order failed: trying again is a new one
            raise  # with_user shows it
        finally:
            self.busy = False
        yield rx.redirect(result.payment_url)  # another host: the same tab goes to Duitku


def method_name(code: str, lang: str) -> str:
    """How a buyer knows a Duitku payment method ("Permata Bank Virtual Account", not "BT");
    a code Duitku adds later is shown as it came."""
    key = f"payment_method_{code}"
    return tr(key, lang) if key in MESSAGES[lang] else code


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
        self.reference, self.method = view.reference, method_name(view.payment_method, lang)
        self.payment_url = view.payment_url if view.status == "pending" else ""

    @rx.event
    @with_user
    async def load(self, me: Caller):
        self._order_id = str(self.router.url.path).rstrip("/").rsplit("/", 1)[-1][:50]
        await self._refresh(me.user.id)


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

    async def _load(self, me: Caller) -> None:
        result = await call(payments.search, user_id=me.user.id, page=self.page)
        self.rows, self.page, self.pages = _rows(result, me.lang), result.page, result.pages
        self.loaded = True

    @rx.event
    @with_user
    async def load(self, me: Caller):
        self.page = 1
        await self._load(me)

    @rx.event
    @with_user
    async def go_to_page(self, me: Caller, page: int):
        if isinstance(page, int) and not isinstance(page, bool):
            self.page = max(1, page)
        await self._load(me)


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

    async def _load(self, me: Caller):
        if not me.user.is_admin:
            return rx.redirect(routes.DASHBOARD, replace=True)
        until = _day(self.until)
        result = await call(
            users.search_payments,
            me.user,
            status="" if self.status == "all" else self.status,
            query=self.query,
            since=_day(self.since),
            until=until + timedelta(days=1) if until else None,
            page=self.page,
        )
        self.rows, self.page = _rows(result, me.lang), result.page
        self.pages, self.total, self.error = result.pages, result.total, ""
        return None

    @rx.event
    @with_user
    async def load(self, me: Caller):
        self.page = 1
        return await self._load(me)

    @rx.event
    @with_user
    async def set_filter(self, me: Caller, name: str, value: str):
        if name not in ("query", "status", "since", "until") or not isinstance(value, str):
            return None
        if name == "status" and value not in ("all", *payments.STATUSES):
            return None
        setattr(self, name, value[:100])
        self.page = 1
        return await self._load(me)

    @rx.event
    @with_user
    async def go_to_page(self, me: Caller, page: int):
        if isinstance(page, int) and not isinstance(page, bool):
            self.page = max(1, page)
        return await self._load(me)
