"""Every page of the app at phone width (390×844) and on a laptop (1280×800), in both languages:
nothing may scroll the document sideways, and at phone width nothing may stick out of the screen
unless it sits in a box that visibly scrolls. A screenshot of each page goes to a folder the test
prints (and to /tmp/lumiku-screens/<lang>-<width>-<page>.png when LUMIKU_SCREENSHOTS is set)."""

from __future__ import annotations

import os
import re
import shutil
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Browser

import lumiku.pages  # noqa: F401 - records every page in PAGES
from lumiku import routes
from lumiku.components.layout import PAGES
from lumiku.services import auth, billing
from lumiku.services.avatar_creator import avatars as avatar_photos
from lumiku.services.avatar_creator import projects as personas
from lumiku.services.carousel_mix import projects as carousel
from lumiku.services.looping_flow import projects as looping
from lumiku.services.poster_editor import posters
from lumiku.services.video_mixer import projects
from tests.e2e.browser import overflow_report, settle_page, shows, signed_in
from tests.factories import PASSWORD, make_clip, make_image, register

PHONE, LAPTOP = (390, 844), (1280, 800)
# Pages anyone may open; every other page is visited signed in (as an admin, to reach them all).
PUBLIC = {"/", "/sign-in", "/sign-up", "/forgot-password", "/reset-password", "/verify-email"}
PUBLIC |= {"/dev/outbox"}
COPY_TO = Path("/tmp/lumiku-screens")
# Lists the user has rows in: they must be seen (on phones as cards), not only fit.
ROWS = {
    "/credits": ".ledger-row",
    "/payments": ".payment-row",
    "/admin/payments": ".payment-row",
    "/admin/users": ".admin-user-row",
    "/admin/models": ".admin-model-row",
    "/admin/audit": ".audit-row",  # the admin's own promotion, by the command
}


@pytest.fixture(scope="module")
def people(base_url, duitku, tmp_path_factory):
    """An admin with history: ledger entries, a paid order, a Video Mixer project, a Carousel Mix
    project with a picture and a long text, a Looping Flow project with a clip, and an Avatar
    Creator project with a face photo (the avatar Avatar Generator's and Pose Generator's pages
    open), and a Poster Editor project with a poster."""
    signed = register(1, prefix=f"phone-{uuid.uuid4().hex[:6]}-", name="Sari Wulandari Kusuma")
    from lumiku.services import users

    users.assign_role(signed.user.id, "admin")
    me = signed.user.id
    billing.add_credits(me, 250, "grant", f"phone-grant-{me}", "Kompensasi gangguan layanan")
    billing.add_credits(me, -40, "adjustment", f"phone-adj-{me}", "Koreksi saldo bulan lalu")
    billing.add_credits(me, 1_500, "purchase", f"phone-buy-{me}", "Paket Kreator 1.500 kredit")
    order_id = _paid_order(me, duitku, base_url)
    project = projects.create_project(me, "Promo Lebaran untuk semua toko", "Video pendek")
    carousel_project = carousel.create_project(me, "Katalog hijab minggu ini", "Carousel")
    photo = make_image(tmp_path_factory.mktemp("phone") / "hijab.jpg", (640, 800))
    carousel.add_picture(me, carousel_project, 1, photo, "hijab-warna-pastel-terbaru.jpg")
    carousel.add_texts(me, carousel_project, 1, ["Diskon 50% 🔥 hari ini saja, semua warna!"])
    loop_project = looping.create_project(me, "Hujan di jendela selama tiga jam", "Loop")
    clip = make_clip(tmp_path_factory.mktemp("phone-loop") / "hujan-di-jendela.mp4", 1.0)
    looping.add_clip(me, loop_project, clip, "hujan-di-jendela-kamar-malam-hari.mp4")
    persona_project = personas.create_project(me, "Persona toko batik Solo", "Avatar")
    face = make_image(tmp_path_factory.mktemp("phone-face") / "sari.jpg", (480, 640))
    avatar = avatar_photos.upload(
        me, persona_project, face, "sari-wulandari-penjual-batik.jpg", {"persona_name": "Sari"}
    )
    _mail_with_a_long_link(signed.user.email, base_url)
    poster_project = posters.create_project(me, "Poster promo akhir tahun", "Poster")
    flyer = make_image(tmp_path_factory.mktemp("phone-poster") / "promo.png", (600, 800))
    poster = posters.upload(me, poster_project, flyer, "poster-promo-akhir-tahun-toko.png")
    return {"email": signed.user.email, "password": PASSWORD, "token": signed.token}, {
        routes.PAYMENT: f"/payments/{order_id}",
        "/apps/video-mixer/[vm_project]": f"/apps/video-mixer/{project}",
        "/apps/carousel-mix/[cm_project]": f"/apps/carousel-mix/{carousel_project}",
        "/apps/looping-flow/[lf_project]": f"/apps/looping-flow/{loop_project}",
        "/apps/avatar-creator/[ac_project]": f"/apps/avatar-creator/{persona_project}",
        "/apps/avatar-generator/[ag_avatar]": f"/apps/avatar-generator/{avatar}",
        "/apps/pose-generator/[pg_avatar]": f"/apps/pose-generator/{avatar}",
        "/apps/poster-editor/[pe_project]": f"/apps/poster-editor/{poster_project}",
        "/apps/poster-editor/[pe_project]/[pe_poster]": (
            f"/apps/poster-editor/{poster_project}/{poster}"
        ),
    }


def _mail_with_a_long_link(to: str, base_url: str) -> None:
    """The development outbox shows whole links; one as long as a real reset link must wrap."""
    from lumiku.services import mail

    link = f"{base_url}/reset-password?token={'x' * 43}"
    mail.send(mail.Mail(to=to, subject="Atur ulang kata sandi", text=link, html=""))


def _paid_order(user_id: int, duitku, base_url: str) -> str:
    """A real order through the local Duitku, paid: as the buy dialog and the callback make one."""
    from lumiku.services import payments
    from lumiku.settings import get_settings

    env = {
        "PUBLIC_URL": base_url,
        "DUITKU_MERCHANT_CODE": duitku.merchant_code,
        "DUITKU_API_KEY": duitku.api_key,
        "DUITKU_BASE_URL": duitku.url,
    }
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        get_settings.cache_clear()
        try:
            item = payments.catalogue()[0]
            checkout = payments.checkout(user_id, item.type, item.id, f"phone-{uuid.uuid4().hex}")
            duitku.pay(checkout.payment_url.split("reference=")[1], "00")
        finally:
            get_settings.cache_clear()
    return checkout.merchant_order_id


def _url(route: str, real: dict[str, str]) -> str:
    if route in real:
        return real[route]
    assert "[" not in route, f"{route}: the phone test needs a real id for this dynamic route"
    return route


def _name(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")[:60] or "landing"


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_every_page_fits_the_screen(
    browser: Browser, base_url: str, people, lang: str, size, tmp_path
):
    user, real = people
    auth.change_language(auth.resolve(user["token"]), lang)  # what signing in brings back
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height})
    context.add_init_script(f"window.localStorage.setItem('lumiku_lang', {lang!r})")
    page = context.new_page()
    folder = tmp_path / "screens"
    folder.mkdir()
    print(f"\nscreenshots: {folder}")
    copy = os.environ.get("LUMIKU_SCREENSHOTS")
    if copy:
        COPY_TO.mkdir(exist_ok=True)
    routes_all = [p["route"] for p in PAGES]
    assert set(routes_all) >= PUBLIC, PUBLIC - set(routes_all)
    visits = [(r, False) for r in routes_all if r in PUBLIC]
    visits += [(r, True) for r in routes_all if r not in PUBLIC]
    problems: list[str] = []
    signed = False
    for route, needs_user in visits:
        if needs_user and not signed:
            signed_in(page, base_url, user)
            signed = True
        path = _url(route, real)
        settle_page(page, f"{base_url}{path}", signed_in=needs_user)
        shot = folder / f"{lang}-{width}-{_name(path)}.png"
        page.screenshot(path=str(shot), full_page=True)
        if copy:
            shutil.copy(shot, COPY_TO / shot.name)
        report = overflow_report(page, check_elements=width <= PHONE[0])
        if route in ROWS and not shows(page, ROWS[route]):
            report = "; ".join(filter(None, [report, f"no {ROWS[route]} to be seen"]))
        if report:
            problems.append(f"{path} ({lang}, {width}px): {report}")
    context.close()
    assert not problems, "pages that do not fit the screen:\n" + "\n".join(problems)
