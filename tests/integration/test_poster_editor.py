"""Poster Editor on the real services and the engine: posters uploaded into projects, their
history (undo to any version, a new edit after an undo branches), quick edits made on this
server's CPU (one click selects a shape, the removal leaves no trace of it, a batch of areas
ends in one version holding all of them, text found by Tesseract removed and rewritten), and
advanced ones through the real Hugging Face client against a local fake (the mask sent,
the prompt for a replacement, a refusal refunded); exports of formats and packs priced on the
server (free unless a format is enlarged); a second user reaches nothing."""

from __future__ import annotations

import io
import zipfile

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont
from sqlmodel import select

from lumiku.db import session_scope
from lumiku.models import Hold, PosterEditorVersion, StoredFile
from lumiku.services import billing, files, generations, queues, ratelimit, subscriptions
from lumiku.services.carousel_mix import fonts
from lumiku.services.errors import NotFound, ServiceError
from lumiku.services.poster_editor import areas, edits, posters, text
from tests.factories import START, fund, generation_items, new_user, run_all_items
from tests.fake_hf import colour_for

BACKGROUND = (236, 232, 220)
RED = (200, 30, 40)
BLUE = (30, 60, 190)
CIRCLE = (60, 90, 140, 170)  # the red disc's bounding box
SQUARE = (300, 50, 380, 130)  # the blue square
HEADLINE = "SALE"


def poster_picture(size=(420, 300), headline: bool = True) -> Image.Image:
    """A flat poster: a red disc, a blue square and, below, a headline in big bold letters."""
    image = Image.new("RGB", size, BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.ellipse(CIRCLE, fill=RED)
    draw.rectangle((SQUARE[0], SQUARE[1], SQUARE[2] - 1, SQUARE[3] - 1), fill=BLUE)
    if headline:
        font = ImageFont.truetype(str(fonts.fallback_path(700)), 56)
        draw.text((150, 200), HEADLINE, font=font, fill=(20, 20, 20))
    return image


def new_poster(user_id: int, tmp_path, name="promo.png", **picture) -> tuple[str, str]:
    project_id = posters.create_project(user_id, "Promo Lebaran")
    path = tmp_path / f"{user_id}-{name}"
    poster_picture(**picture).save(path, "PNG")
    return project_id, posters.upload(user_id, project_id, path, name)


def picture_of(user_id: int, file_id: str) -> Image.Image:
    image = Image.open(io.BytesIO(files.read_bytes(user_id, file_id)))
    image.load()
    return image


def current_picture(user_id: int, poster_id: str) -> Image.Image:
    return picture_of(user_id, posters.poster(user_id, poster_id).file_id).convert("RGB")


def disc_mask(size) -> Image.Image:
    mask = Image.new("L", size, 0)
    ImageDraw.Draw(mask).ellipse(CIRCLE, fill=255)
    return mask


def square_mask(size) -> Image.Image:
    mask = Image.new("L", size, 0)
    ImageDraw.Draw(mask).rectangle((SQUARE[0], SQUARE[1], SQUARE[2] - 1, SQUARE[3] - 1), 255)
    return mask


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def mean_colour(image: Image.Image, box) -> tuple[float, float, float]:
    small = image.convert("RGB").crop(box).resize((1, 1), Image.Resampling.BOX)
    return small.getpixel((0, 0))


def distance(a, b) -> float:
    return sum((x - y) ** 2 for x, y in zip(a, b, strict=False)) ** 0.5


def inner(box, by: int = 12):
    return (box[0] + by, box[1] + by, box[2] - by, box[3] - by)


def queued_on(name: str) -> list[str]:
    return list(queues.queue(name).job_ids)


# ------------------------------------------------------------------ posters and history


def test_upload_history_undo_and_a_branch(app, tmp_path):
    user_id = fund(new_user())
    project_id, poster_id = new_poster(user_id, tmp_path)
    view = posters.poster(user_id, poster_id)
    assert (view.name, view.width, view.height, view.versions, view.version_number) == (
        "promo",
        420,
        300,
        1,
        1,
    )
    assert [p.id for p in posters.posters(user_id, project_id)] == [poster_id]
    assert posters.project(user_id, project_id).posters == 1
    assert posters.project(user_id, project_id).cover_file_id == view.file_id
    page = posters.list_projects(user_id)
    assert [p.id for p in page.rows] == [project_id] and page.total == 1
    (first,) = posters.history(user_id, poster_id)
    assert (first.action, first.mode, first.current, first.number) == ("upload", "upload", True, 1)
    assert first.parent_id == ""

    size = (420, 300)
    edit = {
        "poster_id": poster_id,
        "action": "quick_remove",
        "areas": [{"mask": png(disc_mask(size))}],
    }
    run_all_items(edits.submit(user_id, edit, "pe-1"))
    second = posters.history(user_id, poster_id)[0]
    assert (second.number, second.action, second.mode, second.current) == (
        2,
        "quick_remove",
        "local",
        True,
    )
    assert second.served_by == "poster-editor:quick-edit" and second.mask_id
    with session_scope() as db:
        assert db.get(PosterEditorVersion, second.id).parent_id == first.id
        kept = db.get(StoredFile, second.file_id)
        assert kept.kind == "kept" and kept.expires_at is None

    posters.undo_to(user_id, poster_id, first.id)
    assert posters.poster(user_id, poster_id).version_id == first.id
    assert distance(mean_colour(current_picture(user_id, poster_id), inner(CIRCLE)), RED) < 10

    # an edit after the undo branches from version 1; version 2 stays in the history
    edit = {
        "poster_id": poster_id,
        "action": "quick_remove",
        "areas": [{"mask": png(square_mask(size))}],
    }
    run_all_items(edits.submit(user_id, edit, "pe-2"))
    history = posters.history(user_id, poster_id)
    assert [v.number for v in history] == [3, 2, 1]
    assert [v.current for v in history] == [True, False, False]
    with session_scope() as db:
        assert db.get(PosterEditorVersion, history[0].id).parent_id == first.id
    branch = current_picture(user_id, poster_id)
    assert distance(mean_colour(branch, inner(CIRCLE)), RED) < 10  # version 1's disc is back
    assert distance(mean_colour(branch, inner(SQUARE)), BACKGROUND) < 25

    posters.undo_to(user_id, poster_id, history[1].id)  # a redo to version 2 works the same way
    assert posters.poster(user_id, poster_id).version_number == 2
    posters.rename_poster(user_id, poster_id, "  Promo   final ")
    assert posters.poster(user_id, poster_id).name == "Promo final"


def test_an_upload_that_is_not_a_picture_is_refused(app, tmp_path):
    user_id = fund(new_user())
    project_id = posters.create_project(user_id, "P")
    fake = tmp_path / "poster.png"
    fake.write_bytes(b"%PDF-1.4 not a picture at all" * 10)
    with pytest.raises(ServiceError) as refused:
        posters.upload(user_id, project_id, fake, "poster.png")
    assert refused.value.code in ("file_unreadable", "file_type_not_allowed")
    tiny = tmp_path / "tiny.png"
    Image.new("RGB", (8, 8)).save(tiny)
    with pytest.raises(ServiceError) as refused:
        posters.upload(user_id, project_id, tiny, "tiny.png")
    assert refused.value.code == "poster_editor_poster_too_small"
    with session_scope() as db:  # nothing stays behind
        assert db.exec(select(StoredFile).where(StoredFile.user_id == user_id)).all() == []


def test_deleting_a_poster_frees_its_versions_masks_and_edits(app, tmp_path):
    user_id = fund(new_user())
    project_id, poster_id = new_poster(user_id, tmp_path)
    edit = {
        "poster_id": poster_id,
        "action": "quick_remove",
        "areas": [{"mask": png(disc_mask((420, 300)))}],
    }
    run_all_items(edits.submit(user_id, edit, "pe-del"))
    with session_scope() as db:
        assert len(db.exec(select(StoredFile).where(StoredFile.user_id == user_id)).all()) == 3
    assert posters.delete_poster(user_id, poster_id) == 3  # the upload, the mask, the result
    with session_scope() as db:
        assert db.exec(select(StoredFile).where(StoredFile.user_id == user_id)).all() == []
    assert generations.list_for(user_id).total == 0
    assert posters.posters(user_id, project_id) == []
    new_poster(user_id, tmp_path)
    posters.delete_project(user_id, project_id)
    with pytest.raises(NotFound):
        posters.project(user_id, project_id)


# ------------------------------------------------------------------ quick edits


def test_one_click_selects_the_shape_and_the_quick_removal_erases_it(app, tmp_path):
    user_id = fund(new_user())
    _, poster_id = new_poster(user_id, tmp_path)
    area = areas.mark(user_id, poster_id, {"positive": [[100, 130]]}, "quick")
    mask = Image.open(io.BytesIO(area.mask_png)).convert("L")
    assert mask.size == (420, 300) and area.mode == "quick"
    chosen, truth = np.asarray(mask) > 127, np.asarray(disc_mask(mask.size)) > 127
    iou = (chosen & truth).sum() / (chosen | truth).sum()
    assert iou > 0.8, iou
    assert 0.03 < area.coverage < 0.06  # the disc: 4 % of the poster
    overlay = Image.open(io.BytesIO(area.overlay_png))
    assert overlay.size == (420, 300)
    assert overlay.getpixel((100, 130)) != RED  # tinted where selected

    quote = edits.estimate(
        user_id,
        {"poster_id": poster_id, "action": "quick_remove", "areas": [{"mask": area.mask_png}]},
    )
    assert (quote.unit, quote.amount) == ("credits", 2)
    generation_id = edits.submit(
        user_id,
        {"poster_id": poster_id, "action": "quick_remove", "areas": [{"mask": area.mask_png}]},
        "pe-click",
    )
    (item,) = generation_items(generation_id)
    assert item.job_id in queued_on("media") and item.job_id not in queued_on("ai")
    assert edits.active_generations(user_id, poster_id) == [generation_id]
    run_all_items(generation_id)
    assert billing.balance(user_id) == START - 2
    result = current_picture(user_id, poster_id)
    assert distance(mean_colour(result, inner(CIRCLE)), RED) > 120
    assert distance(mean_colour(result, inner(CIRCLE)), BACKGROUND) < 25
    assert distance(mean_colour(result, inner(SQUARE)), BLUE) < 5  # the rest untouched
    assert edits.active_generations(user_id, poster_id) == []
    # marking now works on the new version (read once, then remembered while it is marked)
    again = areas.mark(user_id, poster_id, {"positive": [[100, 130]]}, "quick")
    shown = Image.open(io.BytesIO(again.overlay_png)).convert("RGB")
    assert distance(shown.getpixel((100, 130)), RED) > 120  # the new version: no disc there


def test_marking_reads_the_poster_once_and_checks_its_owner_every_time(app, tmp_path, monkeypatch):
    user_id = fund(new_user())
    _, poster_id = new_poster(user_id, tmp_path)
    reads = []
    real = files.read_bytes
    monkeypatch.setattr(files, "read_bytes", lambda *a: reads.append(a) or real(*a))
    for x in (100, 110, 120):
        areas.mark(user_id, poster_id, {"positive": [[x, 130]]}, "quick")
    assert len(reads) == 1
    with pytest.raises(NotFound):
        areas.mark(new_user(2), poster_id, {"positive": [[100, 130]]}, "quick")


def test_a_batch_of_two_areas_ends_in_a_version_holding_both(app, tmp_path):
    user_id = fund(new_user())
    _, poster_id = new_poster(user_id, tmp_path)
    size = (420, 300)
    raw = {
        "poster_id": poster_id,
        "action": "quick_remove",
        "areas": [{"mask": png(disc_mask(size))}, {"mask": png(square_mask(size))}],
    }
    assert edits.estimate(user_id, raw).amount == 4
    generation_id = edits.submit(user_id, raw, "pe-batch")
    assert len(generation_items(generation_id)) == 2
    assert generations.get(user_id, generation_id).title.endswith(" · Quick remove × 2")
    run_all_items(generation_id)
    run_all_items(generation_id)  # a rerun adds nothing
    history = posters.history(user_id, poster_id)
    assert [v.number for v in history] == [3, 2, 1]
    with session_scope() as db:
        assert db.get(PosterEditorVersion, history[0].id).parent_id == history[1].id
    last = current_picture(user_id, poster_id)
    assert distance(mean_colour(last, inner(CIRCLE)), BACKGROUND) < 25
    assert distance(mean_colour(last, inner(SQUARE)), BACKGROUND) < 25
    middle = picture_of(user_id, history[1].file_id).convert("RGB")  # one area only
    removed = [
        distance(mean_colour(middle, inner(box)), BACKGROUND) < 25 for box in (CIRCLE, SQUARE)
    ]
    assert sorted(removed) == [False, True]
    assert billing.balance(user_id) == START - 4


def test_text_found_by_tesseract_is_removed_and_new_words_written(app, tmp_path):
    user_id = fund(new_user())
    _, poster_id = new_poster(user_id, tmp_path)
    blocks = areas.text_blocks(user_id, poster_id)
    found = [b for b in blocks if HEADLINE in b.text.upper()]
    assert found, blocks
    block = found[0]
    area = areas.text_area(user_id, poster_id, [block.index])
    assert area.mode == "text" and area.coverage > 0
    box = [block.left, block.top, block.right, block.bottom]
    raw = {
        "poster_id": poster_id,
        "action": "quick_remove_text",
        "areas": [{"mask": area.mask_png}],
        "texts": [{"text": "DISKON", "box": box, "color": "#1E3CBE"}],
    }
    assert edits.estimate(user_id, raw).amount == 3
    run_all_items(edits.submit(user_id, raw, "pe-text"))
    version = posters.history(user_id, poster_id)[0]
    assert (version.action, version.mode) == ("quick_remove_text", "local")
    result = current_picture(user_id, poster_id)
    after = text.detect(result)
    assert not any(HEADLINE in b.text.upper() for b in after), after
    written = result.crop(tuple(box)).getcolors(1 << 16)
    assert any(distance(colour, BLUE) < 60 for _count, colour in written)  # the new words
    assert billing.balance(user_id) == START - 3


# ------------------------------------------------------------------ advanced edits


def test_advanced_remove_and_replace_go_through_the_provider(app, hf, tmp_path):
    user_id = fund(new_user())
    _, poster_id = new_poster(user_id, tmp_path)
    size = (420, 300)
    raw = {
        "poster_id": poster_id,
        "action": "replace",
        "areas": [{"mask": png(disc_mask(size)), "prompt": "  a  green   apple "}],
    }
    assert edits.estimate(user_id, raw).amount == 8
    generation_id = edits.submit(user_id, raw, "pe-replace")
    (item,) = generation_items(generation_id)
    assert item.params["queue"] == "ai" and item.job_id in queued_on("ai")
    run_all_items(generation_id)
    sent = hf.last
    assert "FLUX.1-Fill-dev" in sent.path
    assert sent.parameters["prompt"] == "a green apple" and sent.parameters["mask_image"]
    assert sent.parameters["num_inference_steps"] == 50  # the row's parameters go along
    version = posters.history(user_id, poster_id)[0]
    assert (version.mode, version.served_by, version.prompt) == (
        "advanced",
        "poster-editor:flux-fill",
        "a green apple",
    )
    result = current_picture(user_id, poster_id)
    painted = colour_for("a green apple", None)
    assert distance(mean_colour(result, inner(CIRCLE)), painted) < 10
    assert distance(mean_colour(result, inner(SQUARE)), BLUE) < 5
    assert billing.balance(user_id) == START - 8

    remove = {
        "poster_id": poster_id,
        "action": "remove",
        "areas": [{"mask": png(square_mask(size))}],
    }
    run_all_items(edits.submit(user_id, remove, "pe-remove"))
    assert hf.last.parameters["mask_image"] and hf.last.parameters["prompt"]  # the fill's
    assert posters.history(user_id, poster_id)[0].action == "remove"
    assert billing.balance(user_id) == START - 16


def test_a_refused_advanced_edit_fails_and_is_refunded(app, hf, tmp_path):
    user_id = fund(new_user())
    _, poster_id = new_poster(user_id, tmp_path)
    raw = {
        "poster_id": poster_id,
        "action": "remove",
        "areas": [{"mask": png(disc_mask((420, 300)))}],
    }
    hf.fail_next("refusal")
    generation_id = edits.submit(user_id, raw, "pe-refused")
    assert billing.balance(user_id) == START - 8
    run_all_items(generation_id)
    view = generations.get(user_id, generation_id)
    assert view.status == "failed" and view.items[0].error == "ai_refused"
    assert billing.balance(user_id) == START
    assert len(posters.history(user_id, poster_id)) == 1

    hf.fail_next("server_error", count=10)
    generation_id = edits.submit(user_id, raw, "pe-broken")
    run_all_items(generation_id)
    assert generations.get(user_id, generation_id).status == "failed"
    assert billing.balance(user_id) == START


def test_upscaling_is_priced_by_scale_and_makes_a_larger_version(app, hf, tmp_path):
    user_id = fund(new_user())
    _, poster_id = new_poster(user_id, tmp_path)
    for scale, price in ((2, 5), (3, 10), (4, 20)):
        quote = edits.estimate(
            user_id, {"poster_id": poster_id, "action": "upscale", "scale": scale}
        )
        assert quote.amount == price
    generation_id = edits.submit(
        user_id, {"poster_id": poster_id, "action": "upscale", "scale": 2}, "pe-up"
    )
    (item,) = generation_items(generation_id)
    assert item.job_id in queued_on("ai")
    run_all_items(generation_id)
    assert "Real-ESRGAN" in hf.last.path
    assert hf.last.parameters["target_size"] == {"width": 840, "height": 600}
    view = posters.poster(user_id, poster_id)
    assert (view.width, view.height, view.version_number) == (840, 600, 2)
    version = posters.history(user_id, poster_id)[0]
    assert (version.action, version.mode, version.served_by) == (
        "upscale",
        "advanced",
        "poster-editor:real-esrgan",
    )
    assert billing.balance(user_id) == START - 5


def test_advanced_marking_asks_the_segmentation_model(app, hf, tmp_path):
    user_id = fund(new_user())
    _, poster_id = new_poster(user_id, tmp_path)
    area = areas.mark(user_id, poster_id, {"positive": [[210, 150]]}, "advanced")
    assert area.mode == "advanced" and hf.last.task == "image-segmentation"
    mask = Image.open(io.BytesIO(area.mask_png))
    assert mask.size == (420, 300) and mask.getpixel((210, 150)) == 255
    assert mask.getpixel((5, 5)) == 0  # the fake's object: the ellipse in the middle half
    assert billing.balance(user_id) == START  # marking is free
    hf.fail_next("refusal")
    with pytest.raises(ServiceError) as refused:
        areas.mark(user_id, poster_id, {"positive": [[210, 150]]}, "advanced")
    assert refused.value.code == "ai_refused"


def test_advanced_marking_is_rate_limited_and_quick_marking_is_not(app, hf, tmp_path, monkeypatch):
    """Segmenting is a provider call the user does not pay for: each user has a budget."""
    monkeypatch.setattr(ratelimit, "SEGMENTING_PER_USER", ratelimit.Limit("segmenting", 2, 3600))
    user_id = fund(new_user())
    _, poster_id = new_poster(user_id, tmp_path)
    click = {"positive": [[210, 150]]}
    for _ in range(2):
        areas.mark(user_id, poster_id, click, "advanced")
    with pytest.raises(ServiceError) as refused:
        areas.mark(user_id, poster_id, click, "advanced")
    assert refused.value.code == "rate_limited_segmenting"
    sent = len(hf.requests)
    assert areas.mark(user_id, poster_id, click, "quick").coverage > 0
    assert len(hf.requests) == sent


# ------------------------------------------------------------------ exports


def test_the_social_pack_is_a_zip_of_its_formats_priced_per_enlarged_format(app, tmp_path):
    user_id = fund(new_user())
    _, poster_id = new_poster(user_id, tmp_path)
    raw = {"poster_id": poster_id, "pack": "SOCIAL_PACK", "method": "smart_crop"}
    assert edits.export_estimate(user_id, raw).amount == 15  # all three enlarge a 420x300
    generation_id = edits.export(user_id, raw, "pe-social")
    (item,) = generation_items(generation_id)
    assert item.job_id in queued_on("media")
    run_all_items(generation_id)
    view = generations.get(user_id, generation_id)
    assert view.status == "succeeded" and view.cost == 15
    assert view.title.endswith(" · Social pack")
    assert billing.balance(user_id) == START - 15
    with session_scope() as db:
        stored = db.get(StoredFile, view.items[0].file.id)
        key = stored.key
    from lumiku.services.storage import get_storage

    with get_storage().open(key) as stream, zipfile.ZipFile(io.BytesIO(stream.read())) as archive:
        sizes = {}
        for name in archive.namelist():
            with Image.open(io.BytesIO(archive.read(name))) as picture:
                sizes[name.rsplit("-", 1)[1]] = picture.size
    assert sizes == {
        "ig_post.jpg": (1080, 1080),
        "ig_story.jpg": (1080, 1920),
        "fb_post.jpg": (1200, 630),
    }
    assert len(posters.history(user_id, poster_id)) == 1  # an export makes no version
    (listed,) = edits.recent_exports(user_id, poster_id)
    assert (listed.pack, listed.formats, listed.cost) == (
        "SOCIAL_PACK",
        ["IG_POST", "IG_STORY", "FB_POST"],
        15,
    )


def test_a_print_format_keeps_its_dpi(app, tmp_path):
    user_id = fund(new_user())
    _, poster_id = new_poster(user_id, tmp_path)
    raw = {"poster_id": poster_id, "formats": ["A5"], "method": "fit"}
    generation_id = edits.export(user_id, raw, "pe-a5")
    run_all_items(generation_id)
    view = generations.get(user_id, generation_id)
    assert view.cost == 5
    picture = picture_of(user_id, view.items[0].file.id)
    assert picture.size == (1748, 2480)
    assert tuple(round(v) for v in picture.info["dpi"]) == (300, 300)


def test_an_export_that_enlarges_nothing_is_free(app, tmp_path):
    user_id = fund(new_user())
    _, poster_id = new_poster(user_id, tmp_path, size=(900, 900), headline=False)
    raw = {"poster_id": poster_id, "formats": ["FB_COVER"], "method": "fit"}
    quote = edits.export_estimate(user_id, raw)
    assert (quote.unit, quote.amount) == ("credits", 0)
    generation_id = edits.export(user_id, raw, "pe-free")
    run_all_items(generation_id)
    view = generations.get(user_id, generation_id)
    assert view.status == "succeeded" and view.cost == 0
    assert picture_of(user_id, view.items[0].file.id).size == (820, 312)
    assert billing.balance(user_id) == START
    with session_scope() as db:
        hold = db.exec(select(Hold).where(Hold.reference_id == generation_id)).one()
        assert (hold.amount, hold.status, hold.outcome) == (0, "settled", "succeeded")
    # and for a subscriber: no quota either
    subscriber = new_user(2)
    subscriptions.set_plan(subscriber, "basic-monthly", "test")
    _, theirs = new_poster(subscriber, tmp_path, size=(900, 900), headline=False)
    quote = edits.export_estimate(subscriber, {**raw, "poster_id": theirs})
    assert (quote.unit, quote.amount) == ("quota", 0)
    generation_id = edits.export(subscriber, {**raw, "poster_id": theirs}, "pe-free-sub")
    run_all_items(generation_id)
    assert generations.get(subscriber, generation_id).status == "succeeded"


# ------------------------------------------------------------------ what a request may hold


def _requests(poster_id: str) -> list[tuple[dict, str, str | None]]:
    size = (420, 300)
    good = png(disc_mask(size))
    everything = png(Image.new("L", size, 255))
    return [
        ({"action": "paint"}, "parameter_invalid", "action"),
        ({"action": "export_format"}, "parameter_invalid", "action"),
        ({"action": ["remove"]}, "parameter_invalid", "action"),
        ({"action": "remove", "areas": "x"}, "parameter_out_of_range", "areas"),
        ({"action": "remove", "areas": []}, "parameter_out_of_range", "areas"),
        ({"action": "remove", "areas": [{"mask": good}] * 9}, "parameter_out_of_range", "areas"),
        (
            {"action": "remove_text", "areas": [{"mask": good}] * 2},
            "parameter_out_of_range",
            "areas",
        ),
        ({"action": "remove", "areas": ["x"]}, "parameter_invalid", "areas"),
        ({"action": "remove", "areas": [{"mask": b"junk"}]}, "poster_editor_mask_invalid", None),
        ({"action": "remove", "areas": [{"mask": 7}]}, "poster_editor_mask_invalid", None),
        (
            {"action": "remove", "areas": [{"mask": png(Image.new("L", (10, 10), 255))}]},
            "poster_editor_mask_invalid",
            None,
        ),
        (
            {"action": "remove", "areas": [{"mask": png(Image.new("L", size, 0))}]},
            "poster_editor_mask_empty",
            None,
        ),
        (
            {"action": "remove", "areas": [{"mask": everything}]},
            "poster_editor_mask_everything",
            None,
        ),
        ({"action": "replace", "areas": [{"mask": good}]}, "parameter_invalid", "prompt"),
        (
            {"action": "replace", "areas": [{"mask": good, "prompt": "x" * 301}]},
            "parameter_out_of_range",
            "prompt",
        ),
        ({"action": "upscale", "scale": 5}, "parameter_invalid", "scale"),
        ({"action": "upscale", "scale": True}, "parameter_invalid", "scale"),
        (
            {"action": "upscale", "scale": 2, "areas": [{"mask": good}]},
            "parameter_invalid",
            "areas",
        ),
        (
            {
                "action": "remove",
                "areas": [{"mask": good}],
                "texts": [{"text": "x", "box": [0, 0, 9, 9]}],
            },
            "parameter_invalid",
            "texts",
        ),
        (
            {
                "action": "quick_remove_text",
                "areas": [{"mask": good}],
                "texts": [{"text": "x", "box": [0, 0, 999, 9]}],
            },
            "parameter_invalid",
            "box",
        ),
        (
            {
                "action": "quick_remove_text",
                "areas": [{"mask": good}],
                "texts": [{"text": " ", "box": [0, 0, 9, 9]}],
            },
            "parameter_out_of_range",
            "text",
        ),
        (
            {
                "action": "quick_remove_text",
                "areas": [{"mask": good}],
                "texts": [{"text": "x", "box": [0, 0, 9, 9], "color": "red"}],
            },
            "parameter_invalid",
            "color",
        ),
    ]


def test_a_malformed_edit_is_refused_by_name_and_charges_nothing(app, tmp_path):
    user_id = fund(new_user())
    _, poster_id = new_poster(user_id, tmp_path)
    for change, code, name in _requests(poster_id):
        raw = {"poster_id": poster_id, **change}
        with pytest.raises(ServiceError) as refused:
            edits.estimate(user_id, raw)
        assert (refused.value.code, refused.value.params.get("name")) == (code, name), change
        with pytest.raises(ServiceError):
            edits.submit(user_id, raw, "pe-bad")
    with pytest.raises(ServiceError) as refused:
        edits.estimate(user_id, ["not a dict"])
    assert refused.value.params == {"name": "request"}
    assert billing.balance(user_id) == START
    billing.add_credits(user_id, 1 - START, "adjustment", f"drain-{user_id}", "test")
    good = {
        "poster_id": poster_id,
        "action": "remove",
        "areas": [{"mask": png(disc_mask((420, 300)))}],
    }
    with pytest.raises(ServiceError) as refused:
        edits.submit(user_id, good, "pe-poor")
    assert refused.value.code == "insufficient_credits"
    assert generations.list_for(user_id).total == 0
    with session_scope() as db:  # no mask was left behind
        assert len(db.exec(select(StoredFile).where(StoredFile.user_id == user_id)).all()) == 1


@pytest.mark.parametrize(
    ("change", "code", "name"),
    [
        ({}, "parameter_invalid", "formats"),
        ({"pack": "SOCIAL_PACK", "formats": ["A4"]}, "parameter_invalid", "formats"),
        ({"pack": "NOPE"}, "parameter_invalid", "pack"),
        ({"formats": []}, "parameter_out_of_range", "formats"),
        ({"formats": ["A4", "A4"]}, "parameter_invalid", "formats"),
        ({"formats": ["A9"]}, "parameter_invalid", "formats"),
        ({"formats": "A4"}, "parameter_out_of_range", "formats"),
        ({"formats": ["A4"], "method": "squash"}, "parameter_invalid", "method"),
    ],
)
def test_a_malformed_export_is_refused_by_name(app, tmp_path, change, code, name):
    user_id = fund(new_user())
    _, poster_id = new_poster(user_id, tmp_path)
    with pytest.raises(ServiceError) as refused:
        edits.export_estimate(user_id, {"poster_id": poster_id, **change})
    assert (refused.value.code, refused.value.params.get("name")) == (code, name)


@pytest.mark.parametrize(
    ("marks", "mode", "code"),
    [
        ({"positive": [[100, 130]]}, "magic", "parameter_invalid"),
        ({"positive": [[1000, 130]]}, "quick", "poster_editor_marks_invalid"),
        ({}, "quick", "poster_editor_marks_invalid"),
        ("click", "quick", "poster_editor_marks_invalid"),
        ({"positive": [[1, 1]] * 9}, "advanced", "poster_editor_too_many_clicks"),
    ],
)
def test_malformed_marks_are_refused(app, tmp_path, marks, mode, code):
    user_id = fund(new_user())
    _, poster_id = new_poster(user_id, tmp_path)
    with pytest.raises(ServiceError) as refused:
        areas.mark(user_id, poster_id, marks, mode)
    assert refused.value.code == code


def test_text_area_indexes_are_checked(app, tmp_path):
    user_id = fund(new_user())
    _, poster_id = new_poster(user_id, tmp_path)
    count = len(areas.text_blocks(user_id, poster_id))
    for indexes, code in (
        ([], "parameter_invalid"),
        ("0", "parameter_invalid"),
        ([True], "parameter_invalid"),
        ([0, 0], "parameter_invalid"),
        ([count + 5], "parameter_out_of_range"),
        ([-1], "parameter_out_of_range"),
    ):
        with pytest.raises(ServiceError) as refused:
            areas.text_area(user_id, poster_id, indexes)
        assert (refused.value.code, refused.value.params["name"]) == (code, "indexes"), indexes


# ------------------------------------------------------------------ a second user


def test_a_second_user_reaches_nothing(app, tmp_path):
    owner = fund(new_user(1))
    project_id, poster_id = new_poster(owner, tmp_path)
    mask = png(disc_mask((420, 300)))
    edit = {"poster_id": poster_id, "action": "quick_remove", "areas": [{"mask": mask}]}
    run_all_items(edits.submit(owner, edit, "pe-owner"))
    run_all_items(edits.export(owner, {"poster_id": poster_id, "formats": ["IG_POST"]}, "pe-ex"))
    version_id = posters.history(owner, poster_id)[-1].id
    stranger = fund(new_user(2))
    _, own_poster = new_poster(stranger, tmp_path)

    calls = [
        lambda: posters.project(stranger, project_id),
        lambda: posters.rename_project(stranger, project_id, "mine"),
        lambda: posters.delete_project(stranger, project_id),
        lambda: posters.posters(stranger, project_id),
        lambda: posters.upload(stranger, project_id, tmp_path / f"{owner}-promo.png", "x.png"),
        lambda: posters.poster(stranger, poster_id),
        lambda: posters.history(stranger, poster_id),
        lambda: posters.undo_to(stranger, poster_id, version_id),
        lambda: posters.undo_to(stranger, own_poster, version_id),  # another's version
        lambda: posters.rename_poster(stranger, poster_id, "mine"),
        lambda: posters.delete_poster(stranger, poster_id),
        lambda: areas.mark(stranger, poster_id, {"positive": [[100, 130]]}, "quick"),
        lambda: areas.text_blocks(stranger, poster_id),
        lambda: areas.text_area(stranger, poster_id, [0]),
        lambda: edits.estimate(stranger, edit),
        lambda: edits.submit(stranger, edit, "pe-stolen"),
        lambda: edits.export_estimate(stranger, {"poster_id": poster_id, "pack": "SOCIAL_PACK"}),
        lambda: edits.export(stranger, {"poster_id": poster_id, "pack": "SOCIAL_PACK"}, "pe-s2"),
        lambda: edits.recent_exports(stranger, poster_id),
    ]
    for call in calls:
        with pytest.raises(NotFound):
            call()
    assert edits.active_generations(stranger, poster_id) == []
    assert billing.balance(stranger) == START
    assert generations.list_for(stranger).total == 0
    assert len(posters.history(owner, poster_id)) == 2
    assert posters.poster(owner, poster_id).name == "promo"
    assert len(edits.recent_exports(owner, poster_id)) == 1
