"""Poster Editor in Chromium against the real app and a worker: a file that is not a picture is
refused with its reason, a generated poster (a plain background with a coloured disc) is
uploaded, the disc is removed with ONE click in quick mode after the price is confirmed, the
new version is shown and listed in the history, and the Social pack is exported and downloaded
as a ZIP of its three formats in their sizes."""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

from PIL import Image, ImageDraw
from playwright.sync_api import Page, expect

from lumiku.services import billing, users
from tests.e2e.browser import overflow_report, settle_page, signed_in

BACKGROUND = (236, 230, 214)
SCREENS = Path("/tmp/lumiku-screens")
SOCIAL = {"ig_post": (1080, 1080), "ig_story": (1080, 1920), "fb_post": (1200, 630)}


def _shot(page: Page, name: str) -> None:
    """A screenshot to look at in /tmp/lumiku-screens when LUMIKU_SCREENSHOTS is set (as
    tests/e2e/test_phone.py does)."""
    if os.environ.get("LUMIKU_SCREENSHOTS"):
        SCREENS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENS / f"poster-editor-{name}.png"), full_page=True)


def poster_png(path: Path) -> Path:
    image = Image.new("RGB", (600, 400), BACKGROUND)
    ImageDraw.Draw(image).ellipse((250, 150, 350, 250), fill=(30, 90, 200))
    image.save(path)
    return path


def _centre(page: Page, base_url: str, src: str) -> tuple[int, int, int]:
    """The middle pixel of the picture the page shows (a version, by its signed link)."""
    url = f"{base_url}{src}" if src.startswith("/") else src
    picture = Image.open(io.BytesIO(page.request.get(url).body())).convert("RGB")
    return picture.getpixel((picture.width // 2, picture.height // 2))


def test_remove_a_shape_with_one_click_and_export_the_social_pack(
    page: Page, base_url: str, user, tmp_path
):
    signed_in(page, base_url, user)
    page.goto(f"{base_url}/apps/poster-editor")
    expect(page.locator("#pe-empty")).to_be_visible()
    page.locator("#pe-new-name").fill("Promo Lebaran")
    page.locator("#pe-create").click()
    expect(page).to_have_url(re.compile(r"/apps/poster-editor/[0-9a-f]{32}/?$"))
    expect(page.locator("#pe-project-name")).to_have_text("Promo Lebaran")
    expect(page.locator("#pe-no-posters")).to_be_visible()

    upload = page.locator("#pe-upload input[type=file]")
    (tmp_path / "notes.txt").write_text("not a poster")
    upload.set_input_files(tmp_path / "notes.txt")
    refused = page.locator(".pe-upload-row[data-status=refused]")
    expect(refused).to_contain_text("notes.txt")
    expect(refused).to_contain_text("JPG, PNG, WebP")

    upload.set_input_files(poster_png(tmp_path / "lebaran.png"))
    expect(page.locator(".pe-upload-row[data-status=added]")).to_have_count(1, timeout=30_000)
    expect(page.locator(".pe-poster")).to_have_count(1)
    page.locator(".pe-open-poster").click()
    expect(page).to_have_url(re.compile(r"/apps/poster-editor/[0-9a-f]{32}/[0-9a-f]{32}/?$"))
    expect(page.locator("#pe-version")).to_have_text("1")
    expect(page.locator("#pe-mode-quick")).to_have_attribute("aria-pressed", "true")
    image = page.locator("#pe-poster-image")
    page.wait_for_function("document.querySelector('#pe-poster-image').naturalWidth > 0")

    image.click()  # ONE click, in the middle of the disc
    expect(page.locator("#pe-area-text")).to_be_visible(timeout=30_000)
    expect(image).to_have_attribute("data-marked", "true")
    expect(page.locator(".pe-spot-positive")).to_have_count(1)
    _shot(page, "marked")

    page.locator("#pe-remove").click()
    expect(page.locator("#pe-confirm-price")).to_contain_text("2")  # quick_remove, 1 area
    page.locator("#pe-confirm-generate").click()
    expect(page.locator("#pe-version")).to_have_text("2", timeout=120_000)
    expect(page.locator(".pe-version")).to_have_count(2)
    expect(page.locator(".pe-version").first.locator(".pe-made-by")).to_contain_text("Cepat")
    expect(image).to_have_attribute("data-marked", "false")
    red, green, blue = _centre(page, base_url, image.get_attribute("src") or "")
    assert max(abs(red - 236), abs(green - 230), abs(blue - 214)) < 30  # the disc is gone
    assert billing.balance(users.find_by_email(user["email"]).id) == 100 - 2

    expect(page.locator("#pe-pack-social-pack")).to_have_attribute("aria-pressed", "true")
    page.locator("#pe-export").click()
    expect(page.locator("#pe-export-confirm-price")).to_be_visible()
    page.locator("#pe-export-confirm-generate").click()
    download_button = page.locator(".pe-export-download")
    expect(download_button).to_have_count(1, timeout=120_000)
    _shot(page, "exported")
    with page.expect_download() as download:
        download_button.click()
    with zipfile.ZipFile(download.value.path()) as archive:
        names = sorted(archive.namelist())
        assert len(names) == 3, names
        for key, size in SOCIAL.items():
            (name,) = [n for n in names if n.endswith(f"-{key}.jpg")]
            assert Image.open(io.BytesIO(archive.read(name))).size == size


def test_the_editor_fits_a_phone_and_marks_from_the_keyboard(
    page: Page, base_url: str, user, tmp_path
):
    from lumiku.services.poster_editor import posters

    me = users.find_by_email(user["email"]).id
    project_id = posters.create_project(me, "Menu kafe untuk minggu depan yang panjang")
    poster_id = posters.upload(me, project_id, poster_png(tmp_path / "menu.png"), "menu.png")
    signed_in(page, base_url, user)
    page.set_viewport_size({"width": 390, "height": 844})
    for url in (
        f"{base_url}/apps/poster-editor",
        f"{base_url}/apps/poster-editor/{project_id}",
        f"{base_url}/apps/poster-editor/{project_id}/{poster_id}",
    ):
        settle_page(page, url, signed_in=True)
        assert overflow_report(page, check_elements=True) == "", url
    expect(page.locator("#pe-version")).to_have_text("1")
    page.wait_for_function("document.querySelector('#pe-poster-image').naturalWidth > 0")
    page.locator("#pe-poster").focus()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#pe-cursor")).to_be_visible()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Enter")  # the cursor starts in the middle: on the disc
    expect(page.locator("#pe-area-text")).to_be_visible(timeout=30_000)
    _shot(page, "phone")
    page.keyboard.press("Escape")
    expect(page.locator("#pe-area-text")).to_have_count(0)
