"""Accounts in a real browser against the real app."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from lumiku import plugins
from tests.e2e.browser import open_page, sign_in

APP_IDS = [app.id for app in plugins.APPS]


def test_register_see_the_apps_sign_out_and_in(page: Page, base_url: str, email: str):
    page.goto(base_url)
    page.locator("#cta-sign-up").click()
    expect(page).to_have_url(re.compile(r"/sign-up/?$"))
    page.locator("#field-name").fill("Dewi Anggraini")
    page.locator("#field-email").fill(email)
    page.locator("#field-password").fill("kata-sandi-aman")
    page.locator("#submit-sign-up").click()

    expect(page).to_have_url(re.compile(r"/dashboard/?$"))
    expect(page.locator("#greeting")).to_contain_text("Dewi Anggraini")
    cards = page.locator("#app-grid a")
    expect(cards).to_have_count(8)
    for app_id in APP_IDS:
        expect(page.locator(f"#app-{app_id}")).to_be_visible()
    expect(page.locator("#recent-work-card")).to_contain_text("Belum ada")

    # Without SMTP (development) the verification mail lands in the development outbox.
    expect(page.locator("#unverified-banner")).to_be_visible()
    expect(page.locator("#wallet")).to_contain_text("0")  # the bonus waits for the address
    page.goto(f"{base_url}/dev/outbox")
    page.locator(".outbox-mail", has_text=email).first.locator(".outbox-link").click()
    expect(page.locator("#verify-result")).to_contain_text("sudah dikonfirmasi")
    page.locator("#verify-continue").click()
    expect(page).to_have_url(re.compile(r"/dashboard/?$"))
    expect(page.locator("#unverified-banner")).to_have_count(0)
    expect(page.locator("#wallet")).to_contain_text("100")

    page.locator("#user-menu").click()
    page.locator("#menu-sign-out").click()
    expect(page).to_have_url(re.compile(r"/sign-in\?reason=signed-out"))
    expect(page.locator("#sign-in-notice")).to_contain_text("Anda sudah keluar")
    page.goto(f"{base_url}/dashboard")
    expect(page).to_have_url(re.compile(r"/sign-in\?reason=required"))

    page.locator("#field-email").fill(email.upper())
    page.locator("#field-password").fill("kata-sandi-aman")
    page.locator("#submit-sign-in").click()
    expect(page).to_have_url(re.compile(r"/dashboard/?$"))
    expect(page.locator("#greeting")).to_contain_text("Dewi Anggraini")


def test_forgotten_password_through_the_mailed_link(page: Page, base_url: str, user):
    open_page(page, f"{base_url}/sign-in")
    page.locator("#link-forgot-password").click()
    expect(page).to_have_url(re.compile(r"/forgot-password/?$"))
    open_page(page, page.url)  # typed before the page's state arrived, the address was lost
    page.locator("#field-email").fill(user["email"])
    page.locator("#submit-forgot").click()
    expect(page.locator("#forgot-sent")).to_contain_text("Jika ada akun dengan email itu")

    page.goto(f"{base_url}/dev/outbox")
    page.locator(".outbox-mail", has_text=user["email"]).first.locator(".outbox-link").click()
    expect(page).to_have_url(re.compile(r"/reset-password\?token="))
    page.locator("#field-new_password").fill("kopi-susu-pagi")
    page.locator("#field-confirm_password").fill("kopi-susu-pagi")
    page.locator("#submit-reset").click()
    expect(page).to_have_url(re.compile(r"/sign-in\?reason=reset"))
    expect(page.locator("#sign-in-notice")).to_contain_text("Kata sandi baru tersimpan")
    sign_in(page, base_url, user["email"], "kopi-susu-pagi")
    expect(page).to_have_url(re.compile(r"/dashboard/?$"))


def test_registration_explains_a_taken_email(page: Page, base_url: str, user):
    page.goto(f"{base_url}/sign-up")
    page.locator("#field-name").fill("Someone Else")
    page.locator("#field-email").fill(user["email"])
    page.locator("#field-password").fill("another-password")
    page.locator("#submit-sign-up").click()
    expect(page.locator("#auth-error")).to_contain_text("Akun dengan email ini sudah ada")
    expect(page).to_have_url(re.compile(r"/sign-up/?$"))


def test_a_wrong_password_is_refused(page: Page, base_url: str, user):
    page.goto(f"{base_url}/sign-in")
    page.locator("#field-password").fill("not-the-password")
    expect(page.locator("#field-password")).to_have_attribute("type", "password")
    page.locator("#show-password").click()
    expect(page.locator("#field-password")).to_have_attribute("type", "text")
    expect(page.locator("#field-password")).to_have_value("not-the-password")
    sign_in(page, base_url, user["email"], "not-the-password")
    expect(page.locator("#auth-error")).to_contain_text("Email atau kata sandi salah")
    expect(page).to_have_url(re.compile(r"/sign-in"))


def test_a_protected_page_returns_after_sign_in(page: Page, base_url: str, user):
    page.goto(f"{base_url}/devices")
    expect(page).to_have_url(re.compile(r"/sign-in\?reason=required&next=/devices"))
    page.locator("#field-email").fill(user["email"])
    page.locator("#field-password").fill(user["password"])
    page.locator("#submit-sign-in").click()
    expect(page).to_have_url(re.compile(r"/devices/?$"))
    expect(page.locator(".device-row")).to_have_count(1)


def test_a_session_revoked_elsewhere_fails_on_its_next_action(
    browser: Browser, base_url: str, user
):
    laptop = browser.new_context().new_page()
    sign_in(laptop, base_url, user["email"], user["password"])
    expect(laptop).to_have_url(re.compile(r"/dashboard/?$"))
    laptop.goto(f"{base_url}/profile")
    expect(laptop.locator("#name-form")).to_be_visible()

    phone = browser.new_context(
        viewport={"width": 390, "height": 844},
        user_agent="Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS "
        "X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1",
    )
    phone_page = phone.new_page()
    sign_in(phone_page, base_url, user["email"], user["password"])
    expect(phone_page).to_have_url(re.compile(r"/dashboard/?$"))
    phone_page.goto(f"{base_url}/devices")
    expect(phone_page.locator(".device-row")).to_have_count(2)
    phone_page.locator(".revoke-device").click()
    expect(phone_page.locator("#devices-notice")).to_be_visible()
    expect(phone_page.locator(".device-row")).to_have_count(1)

    laptop.locator("#field-name").fill("Sari W.")
    laptop.locator("#name-form-save").click()
    expect(laptop).to_have_url(re.compile(r"/sign-in\?reason=expired"))
    expect(laptop.locator("#sign-in-notice")).to_contain_text("Sesi Anda sudah berakhir")

    from lumiku.services import users

    assert users.find_by_email(user["email"]).name == "Sari Wulandari"  # nothing was changed


def test_language_switch_follows_the_account(browser: Browser, base_url: str, user):
    page = browser.new_context().new_page()
    sign_in(page, base_url, user["email"], user["password"])
    expect(page.locator("#greeting")).to_contain_text("Halo")
    page.locator("#language-switch").click()
    page.get_by_role("option", name="EN").click()
    expect(page.locator("#greeting")).to_contain_text("Hello")

    other = browser.new_context().new_page()  # a new browser knows nothing of the choice...
    other.goto(f"{base_url}/sign-in")
    expect(other.locator("#submit-sign-in")).to_have_text("Masuk")
    sign_in(other, base_url, user["email"], user["password"])
    expect(other.locator("#greeting")).to_contain_text("Hello")  # ...until the account says


def test_admin_pages_are_guarded_on_the_server(page: Page, base_url: str, user):
    sign_in(page, base_url, user["email"], user["password"])
    expect(page).to_have_url(re.compile(r"/dashboard/?$"))
    page.goto(f"{base_url}/admin/users")
    expect(page).to_have_url(re.compile(r"/dashboard/?$"))

    from lumiku.services import users

    users.assign_role(users.find_by_email(user["email"]).id, "admin")
    page.goto(f"{base_url}/admin/users")
    expect(page.locator("#admin-users-table")).to_contain_text(user["email"])


def test_phone_width_has_no_sideways_scrolling(browser: Browser, base_url: str, user):
    page = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    for path in ("/", "/sign-in"):
        page.goto(f"{base_url}{path}")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
    sign_in(page, base_url, user["email"], user["password"])
    expect(page).to_have_url(re.compile(r"/dashboard/?$"))
    expect(page.locator("#app-grid a")).to_have_count(8)
    for path in ("/dashboard", "/profile", "/devices"):
        page.goto(f"{base_url}{path}")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
