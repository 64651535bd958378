"""Pose Generator in Chromium, against a local server that speaks Hugging Face's inference
protocol: an avatar (made through the services, as Avatar Creator would) picked, three poses
chosen from the library (one with the keyboard), the price asked before spending, each pose's
progress seen while it is made, three results with their pose and seed; a photo without a person
refused with its reason; the page fits a phone."""

from __future__ import annotations

import re

from PIL import Image, ImageDraw
from playwright.sync_api import Page, expect

from lumiku.services import billing, users
from lumiku.services.avatar_creator import avatars, projects
from tests.e2e.browser import overflow_report, settle_page, signed_in
from tests.factories import make_image


def choose(page: Page, trigger: str, option: str) -> None:
    page.locator(trigger).click()
    page.get_by_role("option", name=option).click()


def an_avatar(user_id: int, tmp_path) -> str:
    project_id = projects.create_project(user_id, "Toko Batik Sari")
    photo = tmp_path / "sari.jpg"
    image = Image.new("RGB", (300, 400), (200, 210, 220))
    ImageDraw.Draw(image).ellipse((100, 80, 200, 210), fill=(220, 180, 150))
    image.save(photo, "JPEG")
    return avatars.upload(user_id, project_id, photo, photo.name, {"name": "Sari"})


def test_three_poses_of_an_avatar_with_their_progress(
    page: Page, base_url: str, user, hf, tmp_path
):
    user_id = users.find_by_email(user["email"]).id
    avatar_id = an_avatar(user_id, tmp_path)
    signed_in(page, base_url, user)
    page.goto(f"{base_url}/apps/pose-generator")
    tile = page.locator(f".pg-avatar-tile[data-avatar='{avatar_id}']")
    expect(tile).to_be_visible()
    tile.click()
    expect(page).to_have_url(re.compile(rf"/apps/pose-generator/{avatar_id}/?$"))
    expect(page.locator("#pg-avatar-name")).to_have_text("Sari")
    expect(page.locator("#pg-no-results")).to_be_visible()
    expect(page.locator("#pg-none-chosen")).to_be_visible()

    poses = page.locator("#pg-poses .pg-pose")
    expect(poses).to_have_count(24)
    choose(page, "#pg-category", "Berdiri")
    expect(poses).to_have_count(10)
    first, second, third = (poses.nth(i).locator(".pg-pose-button") for i in range(3))
    first.click()
    second.click()
    third.focus()
    page.keyboard.press("Enter")  # a pose is a button: the keyboard chooses it too
    for button in (first, second, third):
        expect(button).to_have_attribute("aria-pressed", "true")
    expect(poses.nth(3).locator(".pg-pose-button")).to_have_attribute("aria-pressed", "false")
    expect(page.locator("#pg-chosen-count")).to_have_text("3")
    expect(page.locator(".pg-chosen-pose")).to_have_count(3)
    expect(page.locator("#pg-per-item")).to_contain_text("5")
    expect(page.locator("#pg-price")).to_contain_text("15")

    hf.delay = 2.0  # long enough to see each pose being made
    try:
        page.locator("#pg-generate").click()
        expect(page.locator("#pg-confirm-price")).to_contain_text("15")
        page.locator("#pg-confirm-generate").click()
        expect(page.locator("#pg-being-made")).to_be_visible(timeout=15_000)
        expect(page.locator(".work-card .work-item")).to_have_count(3)
        expect(page.locator(".work-card .work-item [role=progressbar]").first).to_be_visible()
        expect(page.locator(".pg-result")).to_have_count(3, timeout=90_000)
    finally:
        hf.delay = 0.0
    expect(page.locator(".work-card .work-status")).to_have_text("Selesai", timeout=30_000)
    expect(page.locator("#pg-being-made")).to_have_count(0)
    results = page.locator(".pg-result")
    for n in range(3):
        expect(results.nth(n).locator(".pg-result-pose")).not_to_be_empty()
        expect(results.nth(n).locator(".pg-seed")).to_be_visible()
        expect(results.nth(n).locator(".pg-download")).to_be_visible()
    assert billing.balance(user_id) == 100 - 15

    # a photo with nobody in it is refused, and says why
    empty = make_image(tmp_path / "wall.jpg", (320, 420), "gray")
    page.locator("#pg-pose-upload input[type=file]").set_input_files([empty])
    row = page.locator(".pg-upload-row")
    expect(row).to_have_attribute("data-status", "refused", timeout=60_000)
    expect(row).to_contain_text("foto")

    page.set_viewport_size({"width": 390, "height": 844})
    settle_page(page, f"{base_url}/apps/pose-generator/{avatar_id}", signed_in=True)
    expect(page.locator(".pg-result")).to_have_count(3)
    assert overflow_report(page, check_elements=True) == ""
