"""Buying credits through (a local) Duitku in a real browser."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from lumiku.services import billing, users
from tests.e2e.browser import signed_in


def start_purchase(page: Page, base_url: str, duitku) -> None:
    page.goto(f"{base_url}/credits")
    page.locator(".buy-package").first.click()
    expect(page.get_by_role("dialog")).to_contain_text("Rp 100.000")
    page.locator("#buy-continue").click()
    expect(page).to_have_url(re.compile(re.escape(duitku.url) + r"/redirect_checkout"))


def test_buy_a_package_and_get_the_credits_exactly_once(page: Page, base_url: str, user, duitku):
    signed_in(page, base_url, user)
    start_purchase(page, base_url, duitku)
    expect(page.locator("#amount")).to_have_text("Rp 100000")
    page.locator("#pay").click()  # Duitku calls back, then sends the browser to our page

    expect(page).to_have_url(re.compile(r"/payments/LMK-[\w-]+\?merchantOrderId="))
    expect(page.locator(".payment-status")).to_have_text("Lunas")
    expect(page.locator("#wallet")).to_contain_text("1.600")
    assert duitku.callbacks[-1] == (200, "OK")
    user_id = users.find_by_email(user["email"]).id
    assert billing.balance(user_id) == 1_600
    assert billing.history(user_id, kind="purchase").total == 1
    page.reload()  # a reload or revisit changes nothing
    expect(page.locator(".payment-status")).to_have_text("Lunas")
    assert billing.balance(user_id) == 1_600


def test_the_return_page_trusts_only_our_records(page: Page, base_url: str, user, duitku):
    signed_in(page, base_url, user)
    start_purchase(page, base_url, duitku)
    reference = page.url.split("reference=")[1]
    order = duitku.by_reference(reference)
    # The customer edits the return URL to claim success without paying.
    page.goto(
        f"{base_url}/payments/{order.order_id}?merchantOrderId={order.order_id}"
        f"&resultCode=00&reference={reference}"
    )
    expect(page.locator(".payment-status")).to_have_text("Menunggu pembayaran")
    expect(page.locator("#wallet")).to_contain_text("100")

    duitku.pay(reference, "00")  # then pays for real in another window: the page follows live
    expect(page.locator(".payment-status")).to_have_text("Lunas")
    expect(page.locator("#wallet")).to_contain_text("1.600")


def test_nobody_else_sees_the_receipt(browser, base_url: str, user, duitku):
    owner = browser.new_context().new_page()
    signed_in(owner, base_url, user)
    start_purchase(owner, base_url, duitku)
    order = duitku.by_reference(owner.url.split("reference=")[1])
    users.create_admin("other-buyer@example.com", "rahasia-123", "Other")  # even an admin
    other = browser.new_context().new_page()
    signed_in(other, base_url, {"email": "other-buyer@example.com", "password": "rahasia-123"})
    other.goto(f"{base_url}/payments/{order.order_id}")
    expect(other.locator("#payment-not-found")).to_be_visible()
    expect(other.locator("#receipt")).to_have_count(0)
