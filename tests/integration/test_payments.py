"""Buying through Duitku: the real client and callback route against a local Duitku."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlmodel import select
from starlette.testclient import TestClient

from lumiku.api import api
from lumiku.db import session_scope, utcnow
from lumiku.models import Payment
from lumiku.services import billing, payments, seed, subscriptions
from lumiku.services.errors import NotFound, ServiceError
from lumiku.settings import get_settings
from tests import factories
from tests.fake_duitku import FakeDuitku

CALLBACK = "/api/payments/duitku/callback"
client = TestClient(api)


@pytest.fixture
def duitku(db, rds, monkeypatch):
    seed.run_all()
    fake = FakeDuitku().start()
    monkeypatch.setenv("DUITKU_MERCHANT_CODE", fake.merchant_code)
    monkeypatch.setenv("DUITKU_API_KEY", fake.api_key)
    monkeypatch.setenv("DUITKU_BASE_URL", fake.url)
    monkeypatch.setenv("PUBLIC_URL", "http://testserver")
    get_settings.cache_clear()
    yield fake
    fake.stop()
    get_settings.cache_clear()


def configure(monkeypatch, **env: str) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()


def new_user(n: int = 1) -> int:
    """A buyer, pay{n}@example.com ("Pembeli {n}", the name sent to Duitku); the admin search
    below looks for that address."""
    return factories.new_user(n, prefix="pay", name="Pembeli", subnet=9)


def order(user_id: int, item: str = "topup-1500", kind: str = "credits", key: str = "") -> str:
    return payments.checkout(user_id, kind, item, key or f"key-{user_id}-{item}").merchant_order_id


def payment(order_id: str) -> Payment:
    with session_scope() as db:
        return db.exec(select(Payment).where(Payment.merchant_order_id == order_id)).one()


def post(fields: dict[str, str], **kw) -> tuple[int, str]:
    response = client.post(CALLBACK, data=fields, **kw)
    return response.status_code, response.text


# ------------------------------------------------------------------ checkout


def test_checkout_creates_a_pending_order_and_an_invoice(duitku):
    user_id = new_user()
    result = payments.checkout(user_id, "credits", "topup-1500", "click-0001")
    assert result.payment_url.startswith(f"{duitku.url}/redirect_checkout?reference=")
    row = payment(result.merchant_order_id)
    assert (row.status, row.amount_rupiah, row.credits) == ("pending", 100_000, 1_500)
    assert len(row.merchant_order_id) <= 50 and row.reference
    sent = duitku.orders[row.merchant_order_id]
    assert sent.amount == 100_000
    assert sent.callback_url == "http://testserver/api/payments/duitku/callback"
    assert sent.return_url == f"http://testserver/payments/{row.merchant_order_id}"
    assert billing.balance(user_id) == 100  # nothing is credited before Duitku says paid


def test_a_double_click_makes_one_order(duitku):
    user_id = new_user()
    first = payments.checkout(user_id, "credits", "topup-4000", "click-0002")
    again = payments.checkout(user_id, "credits", "topup-4000", "click-0002")
    assert first == again and len(duitku.orders) == 1


@pytest.mark.parametrize(
    ("kind", "item"),
    [("credits", "topup-1"), ("plan", "free-forever"), ("plan", "gold"), ("coupon", "topup-1500")],
)
def test_only_the_catalogue_can_be_bought(duitku, kind, item):
    with pytest.raises(ServiceError) as err:
        payments.checkout(new_user(), kind, item, "click-0003")
    assert err.value.code == "item_unknown" and duitku.orders == {}


def test_without_merchant_settings_nothing_is_sold(db, rds):
    seed.run_all()
    with pytest.raises(ServiceError) as err:
        payments.checkout(new_user(), "credits", "topup-1500", "click-0004")
    assert err.value.code == "payments_not_configured"


def test_legacy_outgoing_signatures_when_configured(duitku, monkeypatch):
    configure(monkeypatch, DUITKU_SIGNATURE="md5")
    duitku.scheme = "md5"
    assert order(new_user(1))
    duitku.scheme = "hmac"  # a gateway that wants the other scheme refuses us, and we say so
    with pytest.raises(ServiceError) as err:
        payments.checkout(new_user(2), "credits", "topup-1500", "click-0005")
    assert err.value.code == "payment_gateway_error"
    assert duitku.refused == ["Wrong signature"]
    with session_scope() as db:
        failed = db.exec(select(Payment).where(Payment.status == "failed")).one()
    assert "Wrong signature" in failed.failure_reason


# ------------------------------------------------------------------ callbacks


@pytest.mark.parametrize("scheme", ["hmac", "md5"])
def test_a_paid_callback_credits_exactly_once(duitku, scheme):
    user_id = new_user()
    order_id = order(user_id)
    fields = duitku.callback_fields(order_id, "00", scheme=scheme)
    assert post(fields) == (200, "OK")
    assert post(fields) == (200, "OK")  # Duitku retries; nothing changes
    row = payment(order_id)
    assert (row.status, row.payment_method, row.paid_at is not None) == ("paid", "BC", True)
    assert billing.balance(user_id) == 1_600
    purchase = billing.history(user_id, kind="purchase").rows
    assert len(purchase) == 1 and purchase[0].amount == 1_500


def test_concurrent_duplicate_callbacks_credit_once(duitku):
    user_id = new_user()
    fields = duitku.callback_fields(order(user_id), "00")
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: post(fields)[0], range(8)))
    assert answers == [200] * 8 and billing.balance(user_id) == 1_600


@pytest.mark.parametrize(
    ("tamper", "status"),
    [
        ({"amount": "1000000"}, 401),  # amount changed after signing
        ({"key": "not-the-api-key"}, 401),
        ({"merchant_code": "DOTHER"}, 400),
        ({"amount": "50000", "signed_amount": "50000"}, 400),  # signed, but not the order's amount
    ],
)
def test_unverifiable_callbacks_change_nothing(duitku, tamper, status):
    user_id = new_user()
    order_id = order(user_id)
    signed_amount = None if "signed_amount" in tamper else str(100_000)
    fields = duitku.callback_fields(order_id, "00", **{"signed_amount": signed_amount, **tamper})
    assert post(fields)[0] == status
    assert payment(order_id).status == "pending" and billing.balance(user_id) == 100


@pytest.mark.parametrize(
    "missing", ["merchantCode", "amount", "merchantOrderId", "signature", "resultCode"]
)
def test_missing_fields_are_refused(duitku, missing):
    order_id = order(new_user())
    fields = duitku.callback_fields(order_id, "00")
    del fields[missing]
    assert post(fields)[0] == 400 and payment(order_id).status == "pending"


def test_unknown_orders_answer_404(duitku):
    assert post(duitku.callback_fields("LMK-0-0-unknown", "00"))[0] == 404


def test_only_00_means_paid_and_paid_is_final(duitku):
    user_id = new_user()
    order_id = order(user_id)
    assert post(duitku.callback_fields(order_id, "01")) == (200, "OK")
    assert payment(order_id).status == "pending"
    assert post(duitku.callback_fields(order_id, "02")) == (200, "OK")
    assert payment(order_id).status == "failed"
    assert post(duitku.callback_fields(order_id, "00")) == (200, "OK")  # money did arrive
    assert payment(order_id).status == "paid"
    assert post(duitku.callback_fields(order_id, "02")) == (200, "OK")
    assert payment(order_id).status == "paid" and billing.balance(user_id) == 1_600


def test_a_paid_plan_starts_or_extends_the_subscription(duitku):
    user_id = new_user()
    first = order(user_id, "basic-monthly", "plan", "plan-click-1")
    post(duitku.callback_fields(first, "00"))
    current = subscriptions.current(user_id)
    assert (current.plan_id, current.status) == ("basic-monthly", "active")
    second = order(user_id, "basic-monthly", "plan", "plan-click-2")
    post(duitku.callback_fields(second, "00"))
    assert subscriptions.current(user_id).ends_at == current.ends_at + timedelta(days=30)
    assert billing.balance(user_id) == 100


def test_the_callback_ip_allow_list(duitku, monkeypatch):
    order_id = order(new_user())
    fields = duitku.callback_fields(order_id, "00")
    configure(monkeypatch, DUITKU_CALLBACK_IP_ALLOWLIST="on", TRUSTED_PROXY_HOPS="1")
    assert post(fields, headers={"X-Forwarded-For": "182.23.85.11, 10.0.0.9"})[0] == 403
    assert post(fields)[0] == 403  # no proxy header: the peer itself is not Duitku
    assert payment(order_id).status == "pending"
    assert post(fields, headers={"X-Forwarded-For": "10.0.0.9, 182.23.85.11"}) == (200, "OK")
    assert payment(order_id).status == "paid"


# ------------------------------------------------------------------ reconciliation


def age(order_id: str, minutes: int) -> None:
    with session_scope() as db:
        db.execute(
            update(Payment)
            .where(Payment.merchant_order_id == order_id)
            .values(created_at=utcnow() - timedelta(minutes=minutes))
        )


def test_reconciliation_settles_orders_whose_callback_never_came(duitku):
    user_id = new_user()
    paid, cancelled, waiting, fresh = (order(user_id, key=f"reconcile-{n}") for n in range(4))
    for order_id in (paid, cancelled, waiting):
        age(order_id, 10)
    duitku.orders[paid].status, duitku.orders[cancelled].status = "00", "02"
    duitku.orders[fresh].status = "00"  # too young: its callback may still come
    assert payments.reconcile(pause=0) == 2
    assert [payment(o).status for o in (paid, cancelled, waiting, fresh)] == [
        "paid",
        "failed",
        "pending",
        "pending",
    ]
    assert billing.balance(user_id) == 1_600
    assert payments.reconcile(pause=0) == 0  # checked recently: left alone for a while
    with session_scope() as db:
        db.execute(
            update(Payment)
            .where(Payment.merchant_order_id == waiting)
            .values(expires_at=utcnow() - timedelta(minutes=1), checked_at=None)
        )
    assert payments.reconcile(pause=0) == 1
    assert payment(waiting).status == "expired" and billing.balance(user_id) == 1_600


# ------------------------------------------------------------------ reading


def test_nobody_sees_another_users_order(duitku):
    owner, other = new_user(1), new_user(2)
    order_id = order(owner)
    assert payments.get_owned(owner, order_id).status == "pending"
    with pytest.raises(NotFound):
        payments.get_owned(other, order_id)
    assert payments.search(user_id=other).total == 0


def test_admin_search_by_status_user_and_date(duitku):
    first, second = new_user(1), new_user(2)
    paid = order(first)
    order(second)
    post(duitku.callback_fields(paid, "00"))
    assert payments.search().total == 2
    assert [r.merchant_order_id for r in payments.search(status="paid").rows] == [paid]
    assert payments.search(query="PAY2@").rows[0].user_email == "pay2@example.com"
    assert payments.search(since=utcnow() + timedelta(minutes=1)).total == 0
    with pytest.raises(ServiceError):
        payments.search(status="refunded")


def test_an_order_that_cannot_be_applied_does_not_stop_the_others(duitku):
    user_id = new_user()
    wrong, right = order(user_id, key="stuck-order-1"), order(user_id, key="stuck-order-2")
    age(wrong, 11)  # the older one comes first
    age(right, 10)
    duitku.orders[wrong].status, duitku.orders[wrong].amount = "00", 1  # not what we asked
    duitku.orders[right].status = "00"
    assert payments.reconcile(pause=0) == 1
    assert (payment(wrong).status, payment(right).status) == ("pending", "paid")
    assert payment(wrong).checked_at is not None  # so it waits its turn behind the others


def test_a_long_email_still_makes_a_valid_order(duitku):
    """Duitku refuses an email over 50 characters, and a cut one is no address (or somebody
    else's): the order carries an address of ours, the real one stays in merchantUserInfo."""
    from lumiku.services import auth

    long_email = "sari.wulandari.kreatif.official.store@tokobesar-nusantara.co.id"
    assert len(long_email) > 50
    signed = auth.register(
        long_email, "rahasia-123", "Sari Wulandari Kusumaningrum", ip="10.9.50.1", user_agent="t"
    )
    factories.verify_email(signed.user.id)
    result = payments.checkout(signed.user.id, "credits", "topup-1500", "click-long-email")
    assert duitku.refused == [] and result.payment_url
    [sent] = duitku.invoices
    assert len(sent["email"]) <= 50 and sent["email"] != long_email[:50]
    assert sent["email"].endswith("@lumiku.id") and sent["merchantUserInfo"] == long_email
    assert sent["customerVaName"] == "Sari Wulandari Kusum"  # at most 20 characters


# ------------------------------------------------------------------ the receipt in a seller's words


def test_the_receipt_names_the_payment_method_as_the_buyer_knows_it(duitku):
    """A buyer cannot place "Metode: BT": the receipt says "Permata Bank Virtual Account"."""
    import asyncio

    from lumiku.state.payments import PaymentState

    user_id = new_user()
    order_id = order(user_id)
    fields = duitku.callback_fields(order_id, "00") | {"paymentCode": "BT"}  # not signed
    assert post(fields) == (200, "OK")
    _, get = factories.states()
    receipt = get(PaymentState)
    receipt._order_id = order_id
    asyncio.run(receipt._refresh(user_id))
    assert receipt.method == "Permata Bank Virtual Account"


def test_every_duitku_payment_method_has_a_name_in_both_languages():
    from lumiku.i18n import MESSAGES
    from lumiku.services.duitku import PAYMENT_METHODS
    from lumiku.state.payments import method_name

    assert {"BT", "VC", "M2", "OV", "SP", "DA", "BC", "IR", "FT"} <= set(PAYMENT_METHODS)
    for code in PAYMENT_METHODS:
        for lang in ("id", "en"):
            assert method_name(code, lang) == MESSAGES[lang][f"payment_method_{code}"] != code
    assert method_name("VC", "id").startswith("Kartu kredit")
    assert method_name("VC", "en").startswith("Credit card")
    assert method_name("ZZ", "id") == "ZZ"  # a code Duitku adds later is shown as it came
    assert method_name("", "id") == ""  # not paid yet: no method
