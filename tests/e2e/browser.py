"""Playwright helpers shared by the browser tests (not a test module: tests import from here and
from tests/factories.py, never from one another)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect


def open_page(page: Page, url: str) -> None:
    """Loads a page and waits until its state has arrived, so that what the test types next is
    not lost to the first render of that state."""
    page.goto(url)
    expect(page.locator("#page-ready")).to_be_attached()


def sign_in(page: Page, base_url: str, email: str, password: str) -> None:
    """Fills in and submits the sign-in form; asserts nothing about the outcome."""
    open_page(page, f"{base_url}/sign-in")
    page.locator("#field-email").fill(email)
    page.locator("#field-password").fill(password)
    page.locator("#submit-sign-in").click()


def signed_in(page: Page, base_url: str, user) -> None:
    """Signs `user` ({"email", "password"}) in and waits for the dashboard."""
    sign_in(page, base_url, user["email"], user["password"])
    expect(page).to_have_url(re.compile(r"/dashboard/?$"))
