"""Avatar Creator and Avatar Generator in Chromium, against a local server that speaks Hugging
Face's inference protocol: a persona from a preset, its avatar generated with live progress,
two variations of it, one saved as an avatar, the avatar's usage history, and the persona
writer shown off with its reason (no Anthropic key on this server)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from lumiku.services import billing, users
from tests.e2e.browser import signed_in


def choose(page: Page, trigger: str, option: str) -> None:
    page.locator(trigger).click()
    page.get_by_role("option", name=option).click()


def test_persona_from_a_preset_avatar_variations_and_history(page: Page, base_url: str, user, hf):
    signed_in(page, base_url, user)
    page.goto(f"{base_url}/apps/avatar-creator")
    expect(page.locator("#ac-empty")).to_be_visible()
    page.locator("#ac-new-name").fill("Toko Batik Sari")
    page.locator("#ac-create").click()
    expect(page).to_have_url(re.compile(r"/apps/avatar-creator/[0-9a-f]{32}/?$"))
    expect(page.locator("#ac-no-avatars")).to_be_visible()
    expect(page.locator("#ac-writer-off")).to_contain_text("ANTHROPIC_API_KEY")

    choose(page, "#ac-mode", "Mulai dari preset")
    preset = page.locator(".ac-preset[data-preset=professional-hijabi-woman]")
    preset.locator("button").click()
    expect(preset.locator("button")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#ac-price")).to_contain_text("10")

    hf.delay = 2.0  # long enough to see it being made
    try:
        page.locator("#ac-generate").click()
        expect(page.locator("#ac-confirm-price")).to_contain_text("10")
        page.locator("#ac-confirm-generate").click()
        expect(page.locator("#ac-being-made")).to_be_visible(timeout=15_000)
        expect(page.locator(".ac-avatar")).to_have_count(1, timeout=60_000)
    finally:
        hf.delay = 0.0
    expect(page.locator(".work-card .work-status")).to_have_text("Selesai", timeout=30_000)
    avatar = page.locator(".ac-avatar")
    expect(avatar).to_contain_text("Aisha Rahman")

    avatar.locator("button").click()
    sheet = page.locator("#ac-avatar-sheet")
    expect(sheet).to_be_visible()
    expect(page.locator("#ac-edit-persona-name")).to_have_value("Aisha Rahman")
    expect(page.locator("#ac-open-seed")).to_be_visible()
    expect(page.locator("#ac-no-history")).to_be_visible()
    page.locator("#ac-make-variations").click()

    expect(page).to_have_url(re.compile(r"/apps/avatar-generator/[0-9a-f]{32}/?$"))
    expect(page.locator("#ag-source-name")).to_contain_text("Professional Hijabi Woman")
    page.locator("#ag-count").fill("2")
    expect(page.locator("#ag-price")).to_contain_text("10")
    page.locator("#ag-generate").click()
    expect(page.locator("#ag-confirm-price")).to_contain_text("10")
    page.locator("#ag-confirm-generate").click()
    expect(page.locator(".ag-variation")).to_have_count(2, timeout=60_000)
    first = page.locator(".ag-variation").first
    expect(first.locator(".ag-seed")).to_be_visible()
    first.locator(".ag-save").click()
    expect(first.locator(".ag-saved")).to_be_visible()

    page.locator("#ag-open-in-creator").click()
    expect(page).to_have_url(re.compile(r"/apps/avatar-creator/[0-9a-f]{32}/?$"))
    expect(page.locator(".ac-avatar")).to_have_count(2)  # the saved variation
    page.locator(".ac-avatar").last.locator("button").click()  # the first, made from the preset
    expect(page.locator("#ac-history")).to_contain_text("Avatar Generator")
    assert billing.balance(users.find_by_email(user["email"]).id) == 100 - 10 - 2 * 5
