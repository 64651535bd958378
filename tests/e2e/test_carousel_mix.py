"""Carousel Mix in Chromium: a project of three square slides, pictures uploaded to each, texts
with an emoji, the preview changing with the style, five sets made by a real worker, and the
ZIP of all sets holding 5 × 3 images of the chosen size."""

from __future__ import annotations

import io
import re
import zipfile

from PIL import Image
from playwright.sync_api import Page, expect

from lumiku.services import billing, users
from tests.e2e.browser import signed_in
from tests.factories import make_image


def _choose(page: Page, trigger: str, option: str) -> None:
    page.locator(trigger).click()
    page.get_by_role("option", name=option, exact=True).click()


def test_create_fill_style_generate_and_download(page: Page, base_url: str, user, tmp_path):
    signed_in(page, base_url, user)
    page.goto(f"{base_url}/apps/carousel-mix")
    expect(page.locator("#cm-empty")).to_be_visible()
    page.locator("#cm-new-name").fill("Katalog Ramadhan")
    page.locator("#cm-create").click()
    expect(page).to_have_url(re.compile(r"/apps/carousel-mix/[0-9a-f]{32}/?$"))
    expect(page.locator("#cm-project-name")).to_have_text("Katalog Ramadhan")

    _choose(page, "#cm-slides", "3")
    expect(page.locator(".cm-position")).to_have_count(3)
    _choose(page, "#cm-canvas", "1:1 persegi (1080×1080)")
    expect(page.locator("#cm-canvas")).to_contain_text("1:1")

    colours = [("crimson", "navy"), ("gold", "teal"), ("olive", "orchid")]
    for position, (first, second) in enumerate(colours, start=1):
        page.locator(f".cm-position[data-position='{position}']").click()
        expect(page.locator(".cm-position[aria-pressed=true]")).to_contain_text(str(position))
        expect(page.locator("#cm-no-pictures")).to_be_visible()
        page.locator("#cm-upload input[type=file]").set_input_files(
            [
                make_image(tmp_path / f"{position}-a.jpg", (400, 300), first),
                make_image(tmp_path / f"{position}-b.png", (300, 400), second),
            ]
        )
        rows = page.locator(".cm-upload-row")
        expect(rows.and_(page.locator("[data-status=added]"))).to_have_count(2, timeout=30_000)
        expect(page.locator(".cm-picture")).to_have_count(2)
        page.locator("#cm-new-text").fill(f"Diskon {position}0% 🔥 hari ini")
        page.locator("#cm-add-text").click()
        expect(page.locator(".cm-text")).to_have_count(1)

    preview = page.locator("#cm-preview")
    expect(preview).to_be_visible(timeout=15_000)
    before = preview.get_attribute("src")
    page.locator(".cm-preset[data-preset='instagram_latar']").click()
    expect(preview).not_to_have_attribute("src", before or "", timeout=15_000)

    expect(page.locator("#cm-combinations")).to_have_text("2 × 2 × 2 = 8")
    page.locator("#cm-count").fill("5")
    expect(page.locator("#cm-price")).to_contain_text("10")  # ceil(3 / 2) × 5, server-side
    page.locator("#cm-generate").click()
    expect(page.locator("#cm-confirm-price")).to_contain_text("10")
    page.locator("#cm-confirm-generate").click()

    card = page.locator(".work-card")
    expect(card).to_have_count(1, timeout=15_000)
    expect(card.locator(".work-status")).to_have_text("Selesai", timeout=120_000)
    expect(card).to_contain_text("5 dari 5 siap")
    expect(card.locator(".item-thumbnail")).to_have_count(5)
    assert billing.balance(users.find_by_email(user["email"]).id) == 90

    with page.expect_download() as download:
        card.locator(".work-zip").click()
    with zipfile.ZipFile(download.value.path()) as archive:
        names = sorted(archive.namelist())
        assert names == [f"set_{s:02d}/slide_{n}.jpg" for s in range(1, 6) for n in range(1, 4)]
        sets = set()
        for set_number in range(1, 6):
            slides = []
            for n in range(1, 4):
                image = Image.open(io.BytesIO(archive.read(f"set_{set_number:02d}/slide_{n}.jpg")))
                assert image.size == (1080, 1080)
                slides.append(image.convert("RGB").resize((8, 8)).tobytes())
            sets.add(tuple(slides))
        assert len(sets) == 5  # no two sets alike
