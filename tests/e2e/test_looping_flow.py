"""Looping Flow in Chromium: a clip and a sound layer uploaded, the free preview, a one-minute
loop made by a real worker with live progress, played and downloaded."""

from __future__ import annotations

import re
import subprocess

from playwright.sync_api import Page, expect

from lumiku.services import billing, users
from tests.e2e.browser import signed_in
from tests.factories import make_clip, make_sound


def test_upload_preview_generate_play_and_download(page: Page, base_url: str, user, tmp_path):
    signed_in(page, base_url, user)
    page.goto(f"{base_url}/apps/looping-flow")
    expect(page.locator("#lf-empty")).to_be_visible()
    page.locator("#lf-new-name").fill("Hujan di jendela")
    page.locator("#lf-create").click()
    expect(page).to_have_url(re.compile(r"/apps/looping-flow/[0-9a-f]{32}/?$"))
    expect(page.locator("#lf-no-clips")).to_be_visible()

    clip = make_clip(tmp_path / "rain.mp4", 3.0, size="320x180", pattern="testsrc2")
    page.locator("#lf-clip-upload input[type=file]").set_input_files([clip])
    expect(page.locator(".lf-clip")).to_have_count(1, timeout=30_000)
    page.locator("#lf-layer-upload input[type=file]").set_input_files(
        [make_sound(tmp_path / "hujan.wav", 2.0)]
    )
    expect(page.locator(".lf-layer")).to_have_count(1, timeout=30_000)

    page.locator("#lf-make-preview").click()
    expect(page.locator("#lf-preview")).to_be_visible(timeout=60_000)

    page.get_by_role("button", name="1 menit").click()
    expect(page.locator("#lf-duration")).to_contain_text("1:00")
    expect(page.locator("#lf-price")).to_contain_text("2")
    page.locator("#lf-generate").click()
    expect(page.locator("#lf-confirm-price")).to_contain_text("2")
    page.locator("#lf-confirm-generate").click()

    card = page.locator(".work-card")
    expect(card).to_have_count(1, timeout=15_000)
    expect(card.locator(".work-status")).to_have_text("Selesai", timeout=120_000)
    expect(card.locator(".work-progress")).to_have_attribute("data-value", "100")
    card.locator(".item-preview").click()
    player = page.locator("video#preview")
    expect(player).to_be_visible()
    page.wait_for_function(  # it really plays in the browser
        "() => { const v = document.querySelector('video#preview'); "
        "return v && v.readyState >= 2 && v.duration > 59; }",
        timeout=30_000,
    )
    page.keyboard.press("Escape")

    with page.expect_download() as download:
        card.locator(".item-download").first.click()
    path = download.value.path()
    seconds = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert abs(float(seconds) - 60) < 0.1
    assert billing.balance(users.find_by_email(user["email"]).id) == 98
