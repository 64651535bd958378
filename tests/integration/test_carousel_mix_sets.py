"""Carousel Mix's sets end to end: submitted through the service, made by a real worker process
on the registered app (no EXTRA_APPS), paid per set, delivered as one ZIP per set and merged into
the batch's ZIP, checked with Pillow and ffprobe."""

from __future__ import annotations

import hashlib
import io
import math
import re
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from sqlmodel import select

from lumiku.api.files import _zip_stream
from lumiku.db import session_scope
from lumiku.models import StoredFile, User
from lumiku.services import billing, generations, seed
from lumiku.services.carousel_mix import projects, sets
from lumiku.services.storage import get_storage
from lumiku.settings import get_settings
from tests.factories import (
    generation_items,
    make_clip,
    make_image,
    new_user,
    probe,
    run_burst_worker,
)

CANVAS = (1080, 1350)  # 4:5
TEXTS = ["Diskon hari ini 🎉", "Harga spésial — hemat ½, cuma Rp 9.900 😍 (naïve café)"]


@pytest.fixture
def app(db, rds):
    seed.run_all()
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def read_stored(file_id: str) -> bytes:
    with session_scope() as db:
        key = db.get(StoredFile, file_id).key
    with get_storage().open(key) as source:
        return source.read()


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def pdf_pages(data: bytes) -> list[tuple[float, float]]:
    """The pages' sizes, read from the PDF's page objects (img2pdf writes them uncompressed)."""
    assert data.startswith(b"%PDF-")
    pages = re.findall(rb"/Type\s*/Page(?![A-Za-z])", data)
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    assert len(boxes) == len(pages)
    return [(float(w), float(h)) for w, h in boxes]


def sets_project(user_id: int, tmp_path: Path) -> dict[str, str]:
    """Three slides: two pictures and two texts (emoji, Indonesian with diacritics) first, a
    short video with sound second, one picture last."""
    project_id = projects.create_project(user_id, "Promo Lebaran")
    projects.set_layout(user_id, project_id, 3, "4:5")
    ids = {"project": project_id}
    ids["a"] = projects.add_picture(
        user_id, project_id, 1, make_image(tmp_path / "a.jpg", (64, 48), "red"), "a.jpg"
    )
    ids["b"] = projects.add_picture(
        user_id, project_id, 1, make_image(tmp_path / "b.png", (48, 64), "blue"), "b.png"
    )
    clip = make_clip(tmp_path / "v.mp4", 1.0, size="160x120", pattern="testsrc")
    ids["video"] = projects.add_picture(user_id, project_id, 2, clip, "v.mp4")
    ids["c"] = projects.add_picture(
        user_id, project_id, 3, make_image(tmp_path / "c.jpg", (64, 48), "green"), "c.jpg"
    )
    projects.add_texts(user_id, project_id, 1, TEXTS)
    projects.add_texts(user_id, project_id, 2, ["Tonton sampai habis 👀"])
    projects.save_style(user_id, project_id, 1, {"size": 8, "box_opacity": 80, "y": 80})
    return ids


def test_sets_are_made_paid_packed_and_made_again(app, tmp_path):
    user_id = new_user()
    ids = sets_project(user_id, tmp_path)
    project_id = ids["project"]
    balance = billing.balance(user_id)
    output = {"format": "png", "pdf": True, "order": "sequential", "quality": 80}
    estimate = sets.estimate(user_id, project_id, 3)
    assert (estimate.combinations, estimate.quote.amount) == (4, math.ceil(3 / 2) * 3)
    generation_id = sets.generate(user_id, project_id, output, 3, "cm-sets-1")
    assert sets.generate(user_id, project_id, output, 3, "cm-sets-1") == generation_id
    assert billing.balance(user_id) == balance - 6  # held at submit
    assert projects.get_project(user_id, project_id).settings == output  # the panel is kept
    run_burst_worker(apps=None)

    view = generations.get(user_id, generation_id)
    assert (view.status, view.app_id, view.unit, view.cost) == (
        "succeeded",
        "carousel-mix",
        "credits",
        6,
    )
    assert view.title == "Promo Lebaran · 3"
    assert billing.balance(user_id) == balance - math.ceil(3 / 2) * 3
    capture, hold = billing.history(user_id).rows[:2]
    assert (hold.kind, hold.amount) == ("hold", -6)
    assert (capture.kind, capture.amount, capture.charged) == ("capture", 0, 6)
    assert hold.description.startswith("Carousel Mix · Promo Lebaran")

    items = generation_items(generation_id)
    plans = [[(s["picture"], s["text"]) for s in item.params["slides"]] for item in items]
    assert [item.params["set"] for item in items] == [1, 2, 3]
    assert plans == [  # sequential: the pools walked together, then shifted
        [(ids["a"], TEXTS[0]), (ids["video"], "Tonton sampai habis 👀"), (ids["c"], "")],
        [(ids["b"], TEXTS[1]), (ids["video"], "Tonton sampai habis 👀"), (ids["c"], "")],
        [(ids["a"], TEXTS[1]), (ids["video"], "Tonton sampai habis 👀"), (ids["c"], "")],
    ]

    delivered: dict[str, bytes] = {}
    for item, item_view in zip(items, view.items, strict=True):
        assert item_view.file is not None and item_view.status == "succeeded"
        assert item_view.file.content_type == "application/zip"
        assert item_view.file.original_name.endswith(f"-{item.index + 1:02d}.zip")
        folder = f"set_{item.index + 1:02d}"
        inside = members(read_stored(item_view.file.id))
        assert list(inside) == [
            f"{folder}/slide_1.png",
            f"{folder}/slide_2.mp4",
            f"{folder}/slide_3.png",
            f"{folder}/carousel.pdf",
        ]
        for n in (1, 3):
            slide = Image.open(io.BytesIO(inside[f"{folder}/slide_{n}.png"]))
            assert (slide.format, slide.size, slide.mode) == ("PNG", CANVAS, "RGB")
        movie = tmp_path / f"{folder}.mp4"
        movie.write_bytes(inside[f"{folder}/slide_2.mp4"])
        info = probe(movie)
        video = next(s for s in info["streams"] if s["codec_type"] == "video")
        assert (video["codec_name"], video["width"], video["height"]) == ("h264", *CANVAS)
        assert video["pix_fmt"] == "yuv420p"
        assert 0.9 < float(info["format"]["duration"]) <= 1.1  # as long as its 1-second source
        assert [s["codec_name"] for s in info["streams"] if s["codec_type"] == "audio"] == ["aac"]
        pages = pdf_pages(inside[f"{folder}/carousel.pdf"])
        assert len(pages) == 3
        assert all(abs(h / w - CANVAS[1] / CANVAS[0]) < 0.01 for w, h in pages)
        # each set has a strip of its slides as its picture in the work lists
        assert item.thumbnail_id and item_view.thumbnail_id == item.thumbnail_id
        with session_scope() as db:
            thumb = db.get(StoredFile, item.thumbnail_id)
            assert (thumb.media, thumb.content_type, thumb.kind) == (
                "image",
                "image/jpeg",
                "output",
            )
        strip = Image.open(io.BytesIO(read_stored(item.thumbnail_id)))
        assert strip.format == "JPEG" and strip.height == 240
        assert strip.width == 3 * round(CANVAS[0] * 240 / CANVAS[1]) + 2 * 6
        delivered.update(inside)

    # the sets differ where their plans do, and agree where they do not
    def digest(name: str) -> str:
        return hashlib.sha256(delivered[name]).hexdigest()

    assert len({digest(f"set_0{n}/slide_1.png") for n in (1, 2, 3)}) == 3
    assert len({digest(f"set_0{n}/slide_3.png") for n in (1, 2, 3)}) == 1
    slide = Image.open(io.BytesIO(delivered["set_01/slide_1.png"]))
    assert slide.getpixel((20, 20))[0] > 200  # the red picture covers the slide...
    assert slide.getpixel((20, 20))[1] < 60

    # the batch's ZIP holds every set's files side by side, not ZIPs inside a ZIP
    entries = [(i.file.original_name, i.file.key, i.file.content_type) for i in view.items]
    batch = members(b"".join(_zip_stream(entries)))
    assert sorted(batch) == sorted(delivered)
    assert len(batch) == 3 * 4 and not any(name.endswith(".zip") for name in batch)
    assert all(batch[name] == delivered[name] for name in batch)

    # "make this set again": the same slides, as new work paid once more
    again = generations.regenerate(user_id, generation_id, 2, "cm-again-1")
    run_burst_worker(apps=None)
    [item] = generation_items(again)
    assert item.params["slides"] == items[2].params["slides"]
    assert item.params["set"] == 3
    made = generations.get(user_id, again)
    assert made.status == "succeeded" and made.items[0].thumbnail_id
    inside = members(read_stored(made.items[0].file.id))
    assert sorted(inside) == sorted(n for n in delivered if n.startswith("set_03/"))
    for name in ("set_03/slide_1.png", "set_03/slide_3.png"):
        assert inside[name] == delivered[name], name  # drawn again to the same pixels
    assert len(pdf_pages(inside["set_03/carousel.pdf"])) == 3
    assert billing.balance(user_id) == balance - 6 - 2

    # deleting the project takes its sets with it: every ZIP and every strip, and their space
    with session_scope() as db:
        keys = [f.key for f in db.exec(select(StoredFile).where(StoredFile.user_id == user_id))]
    assert len(keys) == 4 * 2 + 3 + 3 * 2  # outputs and strips; the video's 3 files; 2 per image
    projects.delete_project(user_id, project_id)
    with session_scope() as db:
        assert db.exec(select(StoredFile).where(StoredFile.user_id == user_id)).all() == []
        assert db.get(User, user_id).storage_used_bytes == 0
    assert not any(get_storage().exists(key) for key in keys)
    assert generations.list_for(user_id).total == 0


def test_a_set_whose_picture_was_deleted_fails_and_is_refunded(app, tmp_path):
    user_id = new_user()
    project_id = projects.create_project(user_id, "Gone")
    projects.set_layout(user_id, project_id, 2, "1:1")
    a, b = (
        projects.add_picture(user_id, project_id, 1, make_image(tmp_path / f"{n}.jpg"), f"{n}.jpg")
        for n in "ab"
    )
    projects.add_picture(user_id, project_id, 2, make_image(tmp_path / "c.jpg"), "c.jpg")
    balance = billing.balance(user_id)
    output = {"order": "sequential", "format": "jpg", "quality": 70}
    generation_id = sets.generate(user_id, project_id, output, 2, "cm-gone")
    assert billing.balance(user_id) == balance - 2
    projects.delete_picture(user_id, b)  # set 2 takes b: it cannot be made as planned
    run_burst_worker(apps=None)

    view = generations.get(user_id, generation_id)
    assert view.status == "partly_succeeded"
    made, missing = view.items
    assert (made.status, made.error) == ("succeeded", "")
    assert (missing.status, missing.error, missing.file) == (
        "failed",
        "carousel_mix_picture_missing",
        None,
    )
    assert missing.thumbnail_id == ""
    assert billing.balance(user_id) == balance - 1  # the failed set's credit came back
    assert view.cost == 1
    inside = members(read_stored(made.file.id))
    assert list(inside) == ["set_01/slide_1.jpg", "set_01/slide_2.jpg"]
    slide = Image.open(io.BytesIO(inside["set_01/slide_1.jpg"]))
    assert (slide.format, slide.size) == ("JPEG", (1080, 1080))

    # with every set's picture gone, the whole generation fails and costs nothing
    again = sets.generate(user_id, project_id, output, 1, "cm-gone-2")
    projects.delete_picture(user_id, a)
    before = billing.balance(user_id)
    run_burst_worker(apps=None)
    view = generations.get(user_id, again)
    assert (view.status, view.error, view.cost) == ("failed", "carousel_mix_picture_missing", 0)
    assert billing.balance(user_id) == before + 1


def test_pictures_are_cropped_once_for_every_set_and_pruned_when_deleted(app, tmp_path):
    """Each set runs in its own work horse: a picture's crop to the canvas is made by the first
    set that uses it and read from disk by the others; a deleted picture's crop is never drawn
    and goes at the next prune, not after CACHE_DAYS."""
    from jobs import carousel_mix as job

    user_id = new_user()
    project_id = projects.create_project(user_id, "Crops")
    projects.set_layout(user_id, project_id, 2, "1:1")
    made = [
        projects.add_picture(user_id, project_id, n, make_image(tmp_path / f"{n}.jpg"), "p")
        for n in (1, 2)
    ]
    generation_id = sets.generate(user_id, project_id, {}, 1, "cm-crops")
    run_burst_worker(apps=None)
    assert generations.get(user_id, generation_id).status == "succeeded"
    stills = [
        p.still_id
        for pos in projects.get_project(user_id, project_id).positions
        for p in pos.pictures
    ]

    def crops_of(still_ids: list[str]) -> list:  # the cache is the machine's: other tests' too
        return sorted(c for c in job.cache_dir().glob("*.jpg") if c.name.split("-")[0] in still_ids)

    crops = crops_of(stills)
    assert sorted(c.name.split("-", 1)[0] for c in crops) == sorted(stills)
    assert all(Image.open(c).size == (1080, 1080) for c in crops)
    first_made = {c: c.stat().st_mtime_ns for c in crops}
    again = generations.regenerate(user_id, generation_id, 0, "cm-crops-again")
    run_burst_worker(apps=None)
    assert generations.get(user_id, again).status == "succeeded"
    assert {c: c.stat().st_mtime_ns for c in crops} != first_made  # touched: used again
    assert crops_of(stills) == crops  # and not made twice

    deleted = projects.get_project(user_id, project_id).positions[0].pictures[0].still_id
    projects.delete_picture(user_id, made[0])
    assert job.prune_cache() >= 1
    assert [c.name.split("-", 1)[0] for c in crops_of(stills)] == [
        s for s in stills if s != deleted
    ]
