"""Pose Generator on the real services, the real provider client and the engine: the seeded
library browsed, filtered, searched, sorted and paged in PostgreSQL; a template taken from a
Pillow-painted person by the real MediaPipe; an avatar made in three poses by a local server
that speaks Hugging Face's inference protocol (the skeleton as the control image, the avatar's
picture as the identity reference), priced by the registry's formula, refunded when the model
refuses, each template's popularity counted once; a second user reaches nothing."""

from __future__ import annotations

import base64
import io
import math

import pytest
from PIL import Image, ImageDraw, ImageFilter
from sqlmodel import select
from starlette.testclient import TestClient

from jobs.generation import runner_for
from jobs.pose_generator import control_image
from lumiku.api import api
from lumiku.db import session_scope
from lumiku.i18n import tr
from lumiku.models import (
    AIModel,
    AvatarCreatorAvatar,
    Generation,
    GenerationItem,
    PoseGeneratorResult,
    PoseGeneratorTemplate,
    StoredFile,
    User,
)
from lumiku.services import billing, generations
from lumiku.services.avatar_creator import avatars
from lumiku.services.errors import NotFound, ServiceError
from lumiku.services.generations import ItemContext
from lumiku.services.pose_generator import library, results, rules, skeleton
from lumiku.services.pose_generator.poses import CATEGORIES, INDEX, POSES, pose
from tests.factories import START, fund, make_avatar, new_user, run_all_items

MODEL = "pose-generator:controlnet-openpose-sdxl"
LIKENESS = "avatar-generator:face-likeness"
THREE = ["standing-front-arms-down", "standing-waving", "product-chest-both-hands"]


def person_photo(path, pose_id: str = "standing-front-arms-down"):
    """A flat painting of a person in a library pose, on a wall above a floor: skin-coloured
    head, neck, forearms and hands, a shirt and trousers on filled limbs, shoes. BlazePose
    finds a body in it, so the estimator runs for real."""
    w, h = 480, 640
    k = skeleton.fit_to(pose(pose_id)["keypoints"], w, h)
    image = Image.new("RGB", (w, h), (196, 202, 208))
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, int(h * 0.82), w, h), fill=(140, 130, 120))
    body = 0.9 * math.dist(k[INDEX["r_shoulder"]], k[INDEX["l_shoulder"]])
    skin, shirt, trousers = (226, 176, 142), (170, 40, 50), (40, 45, 70)

    def limb(a: str, b: str, width: float, colour) -> None:
        pa, pb = k[INDEX[a]], k[INDEX[b]]
        pen.line([pa, pb], fill=colour, width=int(width))
        for x, y in (pa, pb):
            pen.ellipse((x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill=colour)

    for side in ("r", "l"):
        limb(f"{side}_hip", f"{side}_knee", body * 0.55, trousers)
        limb(f"{side}_knee", f"{side}_ankle", body * 0.45, trousers)
        x, y = k[INDEX[f"{side}_ankle"]]
        pen.ellipse((x - body * 0.25, y - body * 0.05, x + body * 0.3, y + body * 0.2), fill=0)
    pen.polygon([k[INDEX[n]] for n in ("r_shoulder", "l_shoulder", "l_hip", "r_hip")], fill=shirt)
    limb("r_shoulder", "l_shoulder", body * 0.35, shirt)
    limb("r_hip", "l_hip", body * 0.5, trousers)
    limb("neck", "nose", body * 0.3, skin)
    for side in ("r", "l"):
        limb(f"{side}_shoulder", f"{side}_elbow", body * 0.32, shirt)
        limb(f"{side}_elbow", f"{side}_wrist", body * 0.26, skin)
        x, y = k[INDEX[f"{side}_wrist"]]
        pen.ellipse((x - body * 0.16, y - body * 0.16, x + body * 0.16, y + body * 0.16), fill=skin)
    eyes = [k[INDEX[n]] for n in ("r_eye", "l_eye")]
    nx, ny = k[INDEX["nose"]]
    r = body * 0.55
    cx, cy = (eyes[0][0] + eyes[1][0]) / 2, (eyes[0][1] + eyes[1][1]) / 2 + r * 0.1
    pen.ellipse((cx - r * 0.8, cy - r, cx + r * 0.8, cy + r * 1.05), fill=skin)
    pen.chord(
        (cx - r * 0.85, cy - r * 1.1, cx + r * 0.85, cy + r * 0.4), 180, 360, fill=(35, 25, 20)
    )
    for ex, ey in eyes:
        pen.ellipse((ex - r * 0.13, ey - r * 0.08, ex + r * 0.13, ey + r * 0.08), fill="white")
        pen.ellipse((ex - r * 0.06, ey - r * 0.06, ex + r * 0.06, ey + r * 0.06), fill=(40, 30, 20))
    pen.polygon(
        [(nx, ny - r * 0.2), (nx - r * 0.1, ny + r * 0.05), (nx + r * 0.1, ny + r * 0.05)],
        fill=(200, 140, 110),
    )
    pen.arc(
        (nx - r * 0.25, ny + r * 0.05, nx + r * 0.25, ny + r * 0.4),
        20,
        160,
        fill=(150, 60, 60),
        width=max(1, int(r * 0.07)),
    )
    image.filter(ImageFilter.GaussianBlur(1)).save(path, "JPEG", quality=92)
    return path


def request(avatar_id: str, template_ids=None, **extra) -> dict:
    return {
        "avatar_id": avatar_id,
        "template_ids": list(THREE if template_ids is None else template_ids),
        "model_key": MODEL,
        "options": {"quality": "sd"},
        **extra,
    }


def uses(*template_ids: str) -> list[int]:
    with session_scope() as db:
        return [db.get(PoseGeneratorTemplate, i).uses for i in template_ids]


def storage_used(user_id: int) -> int:
    with session_scope() as db:
        return db.get(User, user_id).storage_used_bytes


def png_of(data: str) -> Image.Image:
    image = Image.open(io.BytesIO(base64.b64decode(data)))
    image.load()
    return image


# ------------------------------------------------------------------ the library


def test_the_library_is_browsed_filtered_and_searched(app):
    user_id = new_user()
    everything = library.browse(user_id, size=100)
    assert everything.total == len(POSES) and everything.pages == 1
    assert library.categories() == [*CATEGORIES, "custom"]
    first = everything.rows[0]
    assert not first.own and first.preview_url == f"/api/pose-generator/poses/{first.id}.png"

    sitting = library.browse(user_id, category="sitting", size=100)
    assert sitting.total == sum(p["category"] == "sitting" for p in POSES) >= 5
    assert {t.category for t in sitting.rows} == {"sitting"}
    women = library.browse(user_id, gender="female", size=100)
    assert {t.gender for t in women.rows} == {"female", "any"}
    assert women.total == sum(p["gender"] in ("female", "any") for p in POSES)

    waving = library.browse(user_id, text="  WAV ", size=100)  # any case, words trimmed
    assert "standing-waving" in [t.id for t in waving.rows]
    for t in waving.rows:
        assert any("wav" in h.lower() for h in (t.name, t.name_id, *t.tags))
    hijab = library.browse(user_id, category="hijab-fashion", text="hijab", size=100)
    assert hijab.total == sum(p["category"] == "hijab-fashion" for p in POSES)  # a tag
    indonesian = POSES[3]["name_id"].split()[0]
    assert POSES[3]["id"] in [t.id for t in library.browse(user_id, text=indonesian).rows]
    assert library.browse(user_id, text="berdiri zzzqqq").total == 0  # every word must match
    assert library.browse(user_id, text="100%_").total == 0  # wildcards are plain characters


def test_sorting_and_pages(app, tmp_path):
    user_id = new_user()
    in_order = [p["id"] for p in POSES]
    assert [t.id for t in library.browse(user_id, sort="library", size=100).rows] == in_order
    with session_scope() as db:
        db.get(PoseGeneratorTemplate, in_order[7]).uses = 9
        db.get(PoseGeneratorTemplate, in_order[3]).uses = 4
    popular = [t.id for t in library.browse(user_id, sort="popular", size=100).rows]
    assert popular[:3] == [in_order[7], in_order[3], in_order[0]]
    assert library.browse(user_id).rows[0].id == in_order[7]  # popular is the default

    mine = library.from_photo(user_id, person_photo(tmp_path / "me.jpg"), "me.jpg", "My pose")
    newest = library.browse(user_id, sort="newest", size=100)
    assert newest.rows[0].id == mine and newest.total == len(POSES) + 1
    assert library.browse(user_id, sort="library", size=100).rows[-1].id == mine
    assert [t.id for t in library.browse(user_id, category="custom").rows] == [mine]

    pages = [library.browse(user_id, sort="library", page=n, size=10) for n in (1, 2, 5, 99)]
    assert [p.page for p in pages] == [1, 2, 5, -(-(len(POSES) + 1) // 10)]  # clamped
    assert pages[1].rows[0].id == in_order[10] and len(pages[0].rows) == 10
    assert pages[0].pages == -(-(len(POSES) + 1) // 10)


@pytest.mark.parametrize(
    ("arguments", "code", "name"),
    [
        ({"category": "dancing"}, "parameter_invalid", "category"),
        ({"category": ["sitting"]}, "parameter_invalid", "category"),
        ({"gender": "other"}, "parameter_invalid", "gender"),
        ({"gender": 1}, "parameter_invalid", "gender"),
        ({"text": 5}, "parameter_invalid", "search"),
        ({"text": "x" * 101}, "parameter_out_of_range", "search"),
        ({"sort": "random"}, "parameter_invalid", "sort"),
        ({"sort": {"by": "uses"}}, "parameter_invalid", "sort"),
        ({"page": "2"}, "parameter_invalid", "page"),
        ({"page": True}, "parameter_invalid", "page"),
        ({"size": 0}, "parameter_out_of_range", "page_size"),
        ({"size": 101}, "parameter_out_of_range", "page_size"),
        ({"size": 2.5}, "parameter_out_of_range", "page_size"),
    ],
)
def test_bad_browsing_arguments_are_refused_by_name(app, arguments, code, name):
    with pytest.raises(ServiceError) as refused:
        library.browse(new_user(), **arguments)
    assert (refused.value.code, refused.value.params.get("name")) == (code, name)


def test_a_library_preview_is_public_and_cached_and_a_users_own_is_not_served(app, tmp_path):
    user_id = new_user()
    mine = library.from_photo(user_id, person_photo(tmp_path / "p.jpg"), "p.jpg", "Mine")
    client = TestClient(api)
    response = client.get("/api/pose-generator/poses/standing-waving.png")
    assert response.status_code == 200 and response.headers["content-type"] == "image/png"
    assert "public" in response.headers["cache-control"]
    assert response.content == skeleton.preview_png(pose("standing-waving")["keypoints"])
    for missing in (mine, "no-such-pose", "x" * 80):
        assert client.get(f"/api/pose-generator/poses/{missing}.png").status_code == 404
    own = library.template(user_id, mine)
    assert own.own and own.preview_url.startswith("/api/files/")
    shown = client.get(own.preview_url)
    assert shown.status_code == 200 and shown.content.startswith(b"\x89PNG")


# ------------------------------------------------------------------ poses from photos


def test_a_pose_is_taken_from_a_photo_of_a_person(app, tmp_path):
    user_id = new_user()
    photo = person_photo(tmp_path / "person.jpg")
    template_id = library.from_photo(user_id, photo, "person.jpg", "  Standing   tall ")
    view = library.template(user_id, template_id)
    assert (view.name, view.category, view.own, view.uses) == ("Standing tall", "custom", True, 0)
    with session_scope() as db:
        row = db.get(PoseGeneratorTemplate, template_id)
        found, file = row.keypoints, db.get(StoredFile, row.preview_id)
        assert (file.kind, file.expires_at, file.media) == ("kept", None, "image")
    expected = pose("standing-front-arms-down")["keypoints"]
    for name in (
        "neck",
        "r_shoulder",
        "l_shoulder",
        "r_elbow",
        "l_elbow",
        "r_hip",
        "l_hip",
        "r_knee",
        "l_knee",
        "r_ankle",
        "l_ankle",
    ):
        point = found[INDEX[name]]
        assert point is not None and math.dist(point, expected[INDEX[name]]) < 0.06, name
    assert found[INDEX["r_shoulder"]][0] < found[INDEX["l_shoulder"]][0]  # facing the camera


def test_a_photo_without_a_person_or_not_a_photo_is_refused_and_nothing_kept(app, tmp_path):
    user_id = new_user()
    before = storage_used(user_id)
    empty = tmp_path / "room.png"
    Image.new("RGB", (480, 640), (196, 202, 208)).save(empty)
    with pytest.raises(ServiceError) as refused:
        library.from_photo(user_id, empty, "room.png", "Room")
    assert refused.value.code == "pose_generator_no_person"
    text = tmp_path / "notes.jpg"
    text.write_text("this is not a picture at all")
    with pytest.raises(ServiceError) as refused:
        library.from_photo(user_id, text, "notes.jpg", "Notes")
    assert refused.value.code == "file_unreadable"
    with pytest.raises(ServiceError) as refused:
        library.from_photo(user_id, empty, "room.png", "   ")
    assert refused.value.code == "field_required"
    assert storage_used(user_id) == before
    assert library.browse(user_id, category="custom").total == 0


def test_own_templates_are_renamed_and_deleted_and_the_library_is_not(app, tmp_path):
    user_id = new_user()
    mine = library.from_photo(user_id, person_photo(tmp_path / "a.jpg"), "a.jpg", "First")
    used = storage_used(user_id)
    library.rename_template(user_id, mine, " Second ")
    assert library.template(user_id, mine).name == "Second"
    for act in (
        lambda: library.rename_template(user_id, "standing-waving", "Mine now"),
        lambda: library.delete_template(user_id, "standing-waving"),
    ):
        with pytest.raises(NotFound):
            act()
    library.delete_template(user_id, mine)
    with pytest.raises(NotFound):
        library.template(user_id, mine)
    assert storage_used(user_id) < used  # its preview went with it
    assert library.template(user_id, "standing-waving").name == pose("standing-waving")["name"]


# ------------------------------------------------------------------ the price


def test_the_price_is_the_registry_formula(app, tmp_path):
    user_id = fund(new_user())
    avatar_id = make_avatar(user_id, tmp_path)
    options = {
        "quality": "hd",
        "hijab": {"style": "pashmina", "color": "navy"},
        "background": {"type": "scene", "scene": "cafe"},
        "profession": "doctor",
    }
    quote = results.estimate(user_id, request(avatar_id, options=options))
    assert (quote.unit, quote.amount, quote.available) == (
        "credits",
        (5 + 3 + 2 + 3 + 2) * 3,
        START,
    )
    assert results.estimate(user_id, request(avatar_id, THREE[:1])).amount == 5
    with session_scope() as db:
        model = db.get(AIModel, MODEL)
        model.credit_cost = 6
        model.capabilities = {**model.capabilities, "fashionExtra": 4, "batchExtra": 1}
    outfit = {"quality": "sd", "outfit": "a linen shirt"}
    assert results.estimate(user_id, request(avatar_id, options=outfit)).amount == (6 + 4) * 3 + 1
    parts = results.price_parts(MODEL)
    assert (parts.base, parts.hd, parts.fashion, parts.background, parts.profession) == (
        6,
        3,
        4,
        3,
        2,
    )
    assert parts.batch == 1 and results.price_parts("avatar-generator:flux-kontext") is None


@pytest.mark.parametrize(
    ("change", "code", "name"),
    [
        ({"template_ids": []}, "parameter_out_of_range", "poses"),
        ({"template_ids": ["standing-waving"] * 2}, "parameter_invalid", "poses"),
        ({"template_ids": [p["id"] for p in POSES[:21]]}, "parameter_out_of_range", "poses"),
        ({"template_ids": "standing-waving"}, "parameter_invalid", "poses"),
        ({"template_ids": [7]}, "parameter_invalid", "poses"),
        ({"seed": -1}, "parameter_out_of_range", "seed"),
        ({"seed": "3"}, "parameter_out_of_range", "seed"),
        ({"options": {"quality": "4k"}}, "parameter_invalid", "quality"),
        ({"options": ["hd"]}, "parameter_invalid", "options"),
        ({"options": {"profession": "astronaut"}}, "parameter_invalid", "profession"),
    ],
)
def test_a_malformed_request_is_refused_by_name(app, tmp_path, change, code, name):
    user_id = fund(new_user())
    avatar_id = make_avatar(user_id, tmp_path)
    with pytest.raises(ServiceError) as refused:
        results.estimate(user_id, request(avatar_id, **change))
    assert (refused.value.code, refused.value.params.get("name")) == (code, name)
    with pytest.raises(ServiceError):
        results.generate(user_id, request(avatar_id, **change), "pg-bad")
    assert billing.balance(user_id) == START


def test_unknown_poses_and_avatars_without_a_picture_are_refused(app, tmp_path):
    user_id = fund(new_user())
    avatar_id = make_avatar(user_id, tmp_path)
    with pytest.raises(NotFound):
        results.estimate(user_id, request(avatar_id, ["standing-waving", "no-such-pose"]))
    for avatar in (None, 7, "", "no-such-avatar"):
        with pytest.raises(NotFound):
            results.estimate(user_id, request(avatar))
    with pytest.raises(ServiceError) as refused:
        results.estimate(user_id, ["not", "a", "dict"])
    assert refused.value.params == {"name": "request"}
    with session_scope() as db:
        db.get(AvatarCreatorAvatar, avatar_id).image_id = None
    with pytest.raises(ServiceError) as refused:
        results.estimate(user_id, request(avatar_id))
    assert refused.value.code == "pose_generator_no_picture"


# ------------------------------------------------------------------ made by the engine


def test_three_poses_are_made_with_the_skeleton_and_the_avatars_face(app, hf, tmp_path):
    user_id = fund(new_user())
    avatar_id = make_avatar(user_id, tmp_path)
    with session_scope() as db:
        db.get(AvatarCreatorAvatar, avatar_id).prompt = "a young woman with a warm smile"
    options = {"quality": "hd", "hijab": {"style": "modern", "color": "#1f2a44"}}
    raw = request(avatar_id, options=options, seed=100)
    before = uses(*THREE)
    generation_id = results.generate(user_id, raw, "pg-1")
    assert results.generate(user_id, raw, "pg-1") == generation_id  # a double click: once
    price = (5 + 3 + 2) * 3
    assert billing.balance(user_id) == START - price  # held
    assert uses(*THREE) == [n + 1 for n in before]  # counted once, replay or not
    assert results.active_generations(user_id, avatar_id) == [generation_id]
    run_all_items(generation_id)

    view = generations.get(user_id, generation_id)
    assert view.status == "succeeded" and view.cost == price
    assert billing.balance(user_id) == START - price
    assert results.active_generations(user_id, avatar_id) == []
    sent = [r for r in hf.requests if "controlnet-openpose" in r.path]
    assert len(sent) == 3
    with session_scope() as db:
        picture_id = db.get(AvatarCreatorAvatar, avatar_id).image_id
        face = Image.open(io.BytesIO(_read(db.get(StoredFile, picture_id).key))).convert("RGB")
    by_seed = {r.parameters["seed"]: r for r in sent}
    assert sorted(by_seed) == [100, 101, 102]
    for number, template_id in enumerate(THREE):
        call = by_seed[100 + number]
        params = call.parameters
        assert params["target_size"] == {"width": 768, "height": 1024}  # 3:4 at HD
        assert "width" not in params and "height" not in params  # the size is target_size
        expected = control_image(pose(template_id)["keypoints"], 768, 1024)
        control = png_of(call.json["inputs"])
        assert control.size == (768, 1024)
        assert control.tobytes() == Image.open(io.BytesIO(expected)).tobytes()
        reference = png_of(params["ip_adapter_image"])
        assert reference.size == face.size and reference.tobytes() == face.tobytes()
        assert params["num_inference_steps"] == 50 and params["guidance_scale"] == 7.5
        assert params["controlnet_conditioning_scale"] == 1.0
        assert params["prompt"].startswith("a young woman with a warm smile, professional photo")
        assert "modern instant hijab in navy" in params["prompt"] and "4k" in params["prompt"]
        assert params["negative_prompt"] == rules.NEGATIVE_PROMPT

    made = results.list_results(user_id, avatar_id)
    assert sorted((r.seed, r.template_id) for r in made) == list(
        zip((100, 101, 102), THREE, strict=True)
    )
    assert {r.template_name for r in made} == {pose(t)["name"] for t in THREE}
    assert all(r.quality == "hd" and r.likeness is None and not r.low_likeness for r in made)
    with session_scope() as db:
        picture = Image.open(io.BytesIO(_read(db.get(StoredFile, made[0].file_id).key)))
        assert picture.size == (768, 1024)
    used, per_app = avatars.history(user_id, avatar_id)
    assert [(u.app_id, u.action) for u in used] == [("pose-generator", "poses")]
    assert (
        tr("avatar_creator_use_poses", "en", **used[0].detail) == "3 poses"
    )  # as the avatar shows it
    assert [(s.app_id, s.count) for s in per_app] == [("pose-generator", 1)]

    again = results.generate(user_id, raw, "pg-2")  # a new generation counts again
    assert again != generation_id and uses(*THREE) == [n + 2 for n in before]
    assert len(avatars.history(user_id, avatar_id)[0]) == 2


def _read(key: str) -> bytes:
    from lumiku.services.storage import get_storage

    with get_storage().open(key) as stream:
        return stream.read()


def test_an_own_template_is_posed_and_sd_is_512_high(app, hf, tmp_path):
    user_id = fund(new_user())
    avatar_id = make_avatar(user_id, tmp_path)
    mine = library.from_photo(user_id, person_photo(tmp_path / "m.jpg"), "m.jpg", "Mine")
    generation_id = results.generate(user_id, request(avatar_id, [mine], seed=5), "pg-own")
    run_all_items(generation_id)
    params = hf.last.parameters
    assert params["target_size"] == {"width": 384, "height": 512}
    assert params["num_inference_steps"] == 30 and params["seed"] == 5
    (made,) = results.list_results(user_id, avatar_id)
    assert (made.template_id, made.template_name) == (mine, "Mine")
    assert library.template(user_id, mine).uses == 1
    library.delete_template(user_id, mine)  # the made pose keeps its name
    assert results.list_results(user_id, avatar_id)[0].template_name == "Mine"


@pytest.mark.parametrize("failure", ["refusal", "server_error"])
def test_a_failed_pose_is_refunded_and_the_others_are_paid(app, hf, tmp_path, failure):
    user_id = fund(new_user())
    avatar_id = make_avatar(user_id, tmp_path)
    generation_id = results.generate(user_id, request(avatar_id, THREE[:2]), f"pg-{failure}")
    assert billing.balance(user_id) == START - 10
    hf.fail_next(failure)
    run_all_items(generation_id)
    view = generations.get(user_id, generation_id)
    assert view.status == "partly_succeeded"
    expected = "ai_refused" if failure == "refusal" else "ai_failed"
    assert [i.error for i in view.items] == [expected, ""]
    assert billing.balance(user_id) == START - 5
    assert len(results.list_results(user_id, avatar_id)) == 1


def test_a_face_model_scores_each_pose(app, hf, tmp_path):
    with session_scope() as db:
        model = db.get(AIModel, LIKENESS)
        model.enabled, model.provider_model = True, "fake/face-embedding"
    user_id = fund(new_user())
    avatar_id = make_avatar(user_id, tmp_path)
    run_all_items(results.generate(user_id, request(avatar_id, THREE[:1]), "pg-face"))
    (made,) = results.list_results(user_id, avatar_id)
    assert [r.task for r in hf.requests].count("feature-extraction") == 2  # avatar and pose
    assert made.likeness is not None and 0 <= made.likeness <= 1
    assert made.low_likeness == (made.likeness < results.LOW_LIKENESS)
    assert billing.balance(user_id) == START - 5  # the score is free


def test_deliver_makes_one_row_per_item_however_often_it_runs(app, hf, tmp_path):
    user_id = fund(new_user())
    avatar_id = make_avatar(user_id, tmp_path)
    generation_id = results.generate(user_id, request(avatar_id, THREE[:1], seed=8), "pg-once")
    run_all_items(generation_id)
    (made,) = results.list_results(user_id, avatar_id)
    with session_scope() as db:
        item = db.get(GenerationItem, made.id)
        generation = db.get(Generation, generation_id)
        ctx = ItemContext(
            item_id=item.id,
            generation_id=generation_id,
            user_id=user_id,
            app_id="pose-generator",
            index=item.index,
            params=item.params,
            settings=generation.settings,
            workdir=tmp_path,
            notes={"seed": 999, "likeness": 0.1},
        )
    for _ in range(2):
        with session_scope() as db:
            results.deliver(db, ctx, [made.file_id])
    generations.run_item(made.id, runner_for)  # a rerun of a finished item
    with session_scope() as db:
        rows = db.exec(
            select(PoseGeneratorResult).where(PoseGeneratorResult.avatar_id == avatar_id)
        ).all()
    assert [(r.id, r.seed) for r in rows] == [(made.id, 8)]
    assert billing.balance(user_id) == START - 5
    results.delete_result(user_id, made.id)
    assert results.list_results(user_id, avatar_id) == []


# ------------------------------------------------------------------ a second user


def test_a_second_user_reaches_nothing(app, hf, tmp_path):
    owner = fund(new_user(1))
    avatar_id = make_avatar(owner, tmp_path)
    mine = library.from_photo(owner, person_photo(tmp_path / "o.jpg"), "o.jpg", "Owner's")
    run_all_items(results.generate(owner, request(avatar_id, [mine]), "pg-owner"))
    (made,) = results.list_results(owner, avatar_id)
    stranger = fund(new_user(2))
    own_avatar = make_avatar(stranger, tmp_path, "Dewi")

    assert mine not in [t.id for t in library.browse(stranger, size=100).rows]
    assert library.browse(stranger, category="custom").total == 0
    for act in (
        lambda: library.template(stranger, mine),
        lambda: library.rename_template(stranger, mine, "Taken"),
        lambda: library.delete_template(stranger, mine),
        lambda: results.list_results(stranger, avatar_id),
        lambda: results.delete_result(stranger, made.id),
        lambda: results.estimate(stranger, request(avatar_id)),
        lambda: results.generate(stranger, request(avatar_id), "pg-stolen"),
        lambda: results.estimate(stranger, request(own_avatar, [mine])),
        lambda: results.generate(stranger, request(own_avatar, ["standing-waving", mine]), "pg-x"),
    ):
        with pytest.raises(NotFound):
            act()
    assert results.active_generations(stranger, avatar_id) == []
    assert billing.balance(stranger) == START
    assert generations.list_for(stranger).total == 0
    assert library.template(owner, mine).name == "Owner's"
    assert [r.id for r in results.list_results(owner, avatar_id)] == [made.id]
    assert len(avatars.history(owner, avatar_id)[0]) == 1
