"""Video Generator in Chromium, against a local server that speaks fal.ai's queue protocol (as
Hugging Face's router relays it): a model picked, the itemised price changing with 1080p, the
length and a start picture, the total confirmed before spending, the provider's progress seen
while the video is made, then the video played in the gallery and downloaded; "use these
settings again" refills the form; the page fits a phone."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from lumiku.services import billing, users
from tests.e2e.browser import overflow_report, settle_page, signed_in
from tests.factories import fund, make_image

ROUTE = "/apps/video-generator"
PROMPT = "Seekor kucing oranye melompat ke jendela saat matahari terbenam"
BALANCE = 5_000


def choose(page: Page, trigger: str, option: str | re.Pattern) -> None:
    page.locator(trigger).click()
    page.get_by_role("option", name=option).click()


def test_a_video_priced_made_followed_played_and_downloaded(
    page: Page, base_url: str, user, hf, tmp_path
):
    user_id = fund(users.find_by_email(user["email"]).id, BALANCE)
    signed_in(page, base_url, user)
    page.goto(f"{base_url}{ROUTE}")
    expect(page.locator("#vg-gallery-empty")).to_be_visible()
    expect(page.locator("#vg-improve-off")).to_be_visible()  # no key for the prompt writer here
    price = page.locator("#vg-price")
    expect(price).to_have_text("350 kredit")  # Wan 2.2, before a word is written
    expect(page.locator("#vg-generate")).to_be_disabled()

    choose(page, "#vg-model", re.compile("Kling 2.5 Pro"))
    expect(price).to_have_text("500 kredit")
    choose(page, "#vg-resolution", "1080p")
    expect(price).to_have_text("650 kredit")
    choose(page, "#vg-duration", "10")
    expect(price).to_have_text("900 kredit")
    expect(page.locator("#vg-end")).to_have_count(0)  # Kling takes no end picture
    expect(page.locator("#vg-audio")).to_have_count(0)  # nor makes sound

    picture = make_image(tmp_path / "jendela.png", (640, 360), "orange")
    page.locator("#vg-start-upload input[type=file]").set_input_files([picture])
    expect(page.locator("#vg-start-preview")).to_be_visible(timeout=30_000)
    expect(price).to_have_text("1.000 kredit")
    expect(page.locator("#vg-price-lines .vg-price-line")).to_have_count(4)

    page.locator("#vg-prompt").fill(PROMPT)
    expect(page.locator("#vg-prompt-count")).to_contain_text(str(len(PROMPT)))
    expect(page.locator("#vg-generate")).to_be_enabled()

    hf.video_steps = 4  # a few looks (5 s apart) while the provider "works"
    try:
        page.locator("#vg-generate").click()
        expect(page.locator("#vg-confirm-price")).to_have_text("1.000 kredit")
        page.locator("#vg-confirm-generate").click()
        expect(page.locator("#vg-being-made")).to_be_visible(timeout=15_000)
        row = page.locator("#vg-making .vg-making-row")
        expect(row).to_have_count(1)
        expect(row.locator(".vg-stage")).to_have_text(
            re.compile("antrean|dibuat oleh model"), timeout=30_000
        )
        expect(page.locator(".vg-video")).to_have_count(1, timeout=120_000)
    finally:
        hf.video_steps = 3
    expect(page.locator("#vg-making")).to_have_count(0)
    assert billing.balance(user_id) == BALANCE - 1000

    video = page.locator(".vg-video").first
    expect(video.locator(".vg-video-prompt")).to_have_text(PROMPT)
    expect(video.locator(".vg-video-model")).to_have_text("Kling 2.5 Pro")
    expect(video.locator(".vg-video-settings")).to_contain_text("1080p · 10 dtk · 16:9")
    player = video.locator("video.vg-player")
    expect(player).to_have_attribute("src", re.compile("/api/files/"))
    expect(player).to_have_attribute("poster", re.compile("/api/files/"))
    played = player.evaluate(
        """(v) => new Promise((done) => {
            const ready = () => done({state: v.readyState, duration: v.duration});
            if (v.readyState >= 1 && v.duration > 0) return ready();
            v.addEventListener("loadedmetadata", ready, {once: true});
            v.addEventListener("error", () => done({error: v.error && v.error.code}), {once: true});
            v.load();
        })"""
    )
    assert played.get("duration", 0) > 0 and played["state"] >= 1, played

    with page.expect_download() as download:
        video.locator(".vg-download").click()
    saved = tmp_path / "downloaded.mp4"
    download.value.save_as(saved)
    assert saved.stat().st_size > 1000 and b"ftyp" in saved.read_bytes()[:64]

    # the same settings again: the form is refilled, fitted to the model
    choose(page, "#vg-model", re.compile("Wan 2.2"))
    expect(price).to_have_text("420 kredit")  # Wan takes the start picture too (+20 %)
    video.locator(".vg-reuse").click()
    expect(page.locator("#vg-prompt")).to_have_value(PROMPT)
    expect(page.locator("#vg-start-preview")).to_be_visible()
    expect(price).to_have_text("1.000 kredit")

    page.set_viewport_size({"width": 390, "height": 844})
    settle_page(page, f"{base_url}{ROUTE}", signed_in=True)
    expect(page.locator(".vg-video")).to_have_count(1)
    assert overflow_report(page, check_elements=True) == ""
