"""My Work in a real browser: live progress from a real worker, download, delete."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from lumiku.services import billing, users
from tests import engine_app
from tests.e2e.browser import signed_in


def open_engine_app(monkeypatch) -> None:
    engine_app.install(monkeypatch)


def test_live_progress_download_and_delete(page: Page, base_url: str, user, monkeypatch):
    open_engine_app(monkeypatch)
    signed_in(page, base_url, user)
    page.goto(f"{base_url}/my-work")
    expect(page.locator("#work-empty")).to_be_visible()

    user_id = users.find_by_email(user["email"]).id
    engine_app.submit(user_id, [{"steps": 12, "delay": 0.25}] * 3, "e2e-work")
    card = page.locator(".work-card")
    expect(card).to_have_count(1)  # pushed in, no reload
    expect(card.locator(".work-status")).to_have_text("Berjalan", timeout=30_000)
    expect(card.locator(".work-status")).to_have_text("Selesai", timeout=60_000)
    expect(card).to_contain_text("3 dari 3 siap")
    expect(page.locator("#wallet")).to_contain_text("94")

    with page.expect_download() as download:
        card.locator(".item-download").first.click()
    path = download.value.path()
    assert path.read_bytes()[4:8] == b"ftyp"
    expect(card.locator(".work-zip")).to_be_visible()

    card.locator(".work-delete").click()
    page.locator("#confirm-delete").click()
    expect(page.locator(".work-card")).to_have_count(0)
    expect(page.locator("#work-empty")).to_be_visible()
    assert billing.balance(user_id) == 94  # deleting keeps the bill; the work was delivered


def test_the_dashboard_shows_recent_work(page: Page, base_url: str, user, monkeypatch):
    open_engine_app(monkeypatch)
    signed_in(page, base_url, user)
    user_id = users.find_by_email(user["email"]).id
    engine_app.submit(user_id, 1, "e2e-recent", title="Recent one")
    expect(page.locator(".recent-work")).to_have_count(1)
    expect(page.locator("#recent-work-card")).to_contain_text("Recent one")
    page.goto(f"{base_url}/my-work")
    expect(page).to_have_url(re.compile(r"/my-work/?$"))


def test_cancelling_paid_work_asks_first_and_refunds_the_rest(
    page: Page, base_url: str, user, monkeypatch
):
    """One stray click on "Batalkan" must not stop paid work; a confirmed cancel stops it, the
    card says so without a full bar, and the unfinished outputs' credits come back."""
    open_engine_app(monkeypatch)
    signed_in(page, base_url, user)
    page.goto(f"{base_url}/my-work")
    user_id = users.find_by_email(user["email"]).id
    engine_app.submit(user_id, [{"steps": 120, "delay": 0.5}] * 3, "e2e-cancel")
    card = page.locator(".work-card")
    expect(card.locator(".work-status")).to_have_text("Berjalan", timeout=30_000)
    card.locator(".work-cancel").click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_contain_text("Hentikan pekerjaan ini?")
    dialog.get_by_role("button", name="Lanjutkan").click()
    expect(dialog).to_have_count(0)
    expect(card.locator(".work-status")).to_have_text("Berjalan")  # the slip changed nothing

    card.locator(".work-cancel").click()
    page.locator("#confirm-cancel").click()
    expect(card.locator(".work-status")).to_have_text("Dibatalkan", timeout=60_000)
    expect(card.locator(".work-progress")).to_have_count(0)
    expect(page.locator("#wallet")).to_contain_text("100")  # nothing was made: all came back
    assert billing.balance(user_id) == 100
