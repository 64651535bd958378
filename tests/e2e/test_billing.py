"""Credits and plans in a real browser, with live updates pushed from the server."""

from __future__ import annotations

import dataclasses
import re

from playwright.sync_api import Browser, Page, expect

from lumiku import plugins
from lumiku.services import billing, seed, users
from tests.e2e.browser import signed_in


def test_welcome_bonus_history_and_filter(page: Page, base_url: str, user):
    signed_in(page, base_url, user)
    expect(page.locator("#wallet")).to_contain_text("100")
    expect(page.locator("#balance-card")).to_contain_text("100")
    page.locator("#wallet").click()
    expect(page).to_have_url(re.compile(r"/credits/?$"))
    expect(page.locator(".ledger-row")).to_have_count(1)
    expect(page.locator("#ledger")).to_contain_text("Bonus selamat datang")
    expect(page.locator("#usage-empty")).to_be_visible()
    page.locator("#kind-filter").click()
    page.get_by_role("option", name="Pembelian").click()
    expect(page.locator(".ledger-row")).to_have_count(0)


def test_the_header_follows_charges_made_elsewhere(
    browser: Browser, base_url: str, user, monkeypatch
):
    context = browser.new_context()
    first, second = context.new_page(), context.new_page()  # two tabs of one browser
    signed_in(first, base_url, user)
    second.goto(f"{base_url}/credits")
    expect(second.locator("#credits-balance")).to_have_text("100")
    expect(first.locator("#wallet")).to_contain_text("100")

    # A charge made outside both tabs (as a job or another device would): no reload, no polling.
    monkeypatch.setitem(
        plugins.BY_ID,
        "video-mixer",
        dataclasses.replace(plugins.BY_ID["video-mixer"], coming_soon=False),
    )
    user_id = users.find_by_email(user["email"]).id
    hold = billing.charge(
        user_id,
        "video-mixer",
        "video-mixer:ffmpeg-standard",
        {},
        quantity=5,
        key="e2e-live",
        description="5 videos",
    )
    # Video Mixer's own formula at its default settings: (1 + 1 + 2) × 5
    expect(first.locator("#wallet")).to_contain_text("80")
    expect(second.locator("#credits-balance")).to_have_text("80")
    billing.settle(hold.hold_id, "failed")
    expect(first.locator("#wallet")).to_contain_text("100")
    second.reload()
    expect(second.locator(".ledger-row").first).to_contain_text("Tidak ditagih")
    expect(second.locator(".ledger-row").first).to_contain_text("Video Mixer · 5 videos")


def test_free_plan_then_back_to_pay_as_you_go(page: Page, base_url: str, user):
    signed_in(page, base_url, user)
    page.goto(f"{base_url}/plans")
    expect(page.locator(".plan-card")).to_have_count(5)
    expect(page.locator("#plan-list")).to_contain_text("Rp 99.000")
    expect(page.locator("#plan-list")).to_contain_text("Rp 2.870.000")
    page.locator("#choose-free-plan").click()
    expect(page.locator("#current-plan")).to_have_text("Free Forever")
    expect(page.locator(".quota-meter")).to_have_count(2)
    expect(page.locator("#wallet")).to_contain_text("10/10")
    page.locator("#cancel-plan").click()
    page.locator("#confirm-cancel-plan").click()
    expect(page.locator("#current-plan")).to_have_text("Bayar per pemakaian")
    expect(page.locator("#wallet")).to_contain_text("100")


def test_admin_grants_credits_with_a_reason(browser: Browser, base_url: str, user):
    admin = browser.new_context().new_page()
    users.create_admin("boss@example.com", "rahasia-123", "Boss")
    signed_in(admin, base_url, {"email": "boss@example.com", "password": "rahasia-123"})
    admin.goto(f"{base_url}/admin/users")
    admin.locator("#admin-search").fill(user["email"])
    expect(admin.locator(".admin-user-row")).to_have_count(1)
    admin.locator(".adjust-credits").click()
    admin.locator("#adjust-amount").fill("250")
    admin.locator("#adjust-save").click()  # no reason: refused by the browser form
    admin.locator("#adjust-reason").fill("Kompensasi gangguan")
    admin.locator("#adjust-save").click()
    expect(admin.locator("#admin-notice")).to_be_visible()
    expect(admin.locator(".admin-user-row")).to_contain_text("350")
    assert (
        billing.history(users.find_by_email(user["email"]).id)
        .rows[0]
        .description.startswith("Kompensasi gangguan")
    )

    admin.goto(f"{base_url}/admin/models")
    expect(admin.locator(".admin-model-row")).to_have_count(len(seed.MODELS))


def test_normal_users_get_no_admin_models(page: Page, base_url: str, user):
    signed_in(page, base_url, user)
    page.goto(f"{base_url}/admin/models")
    expect(page).to_have_url(re.compile(r"/dashboard/?$"))


def test_a_tab_that_changed_user_gets_no_live_data_of_the_first(page: Page, base_url: str, user):
    signed_in(page, base_url, user)
    expect(page.locator("#wallet")).to_contain_text("100")
    page.locator("#user-menu").click()
    page.locator("#menu-sign-out").click()
    expect(page).to_have_url(re.compile(r"/sign-in"))
    users.create_admin("second-user@example.com", "rahasia-123", "Second")  # 0 credits
    signed_in(page, base_url, {"email": "second-user@example.com", "password": "rahasia-123"})
    expect(page.locator("#wallet")).to_contain_text("0")
    first_id = users.find_by_email(user["email"]).id
    billing.add_credits(first_id, 4321, "grant", "leak-check", "grant")  # the first user's event
    # A leak would show within a second (events arrive in well under one); none may come.
    page.wait_for_timeout(2500)
    expect(page.locator("#wallet")).to_contain_text("0")
    expect(page.locator("#wallet")).not_to_contain_text("4.421")
