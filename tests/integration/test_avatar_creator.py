"""Avatar Creator on the real services, the real provider clients and the engine: avatars from
a description and from a preset made by a local server that speaks Hugging Face's inference
protocol, paid per avatar and refunded on every failure, face photos, personas written by a
local server that speaks Anthropic's Messages API, and a second user who reaches nothing."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image, ImageDraw
from sqlmodel import select

from jobs.generation import runner_for
from lumiku.db import session_scope
from lumiku.models import AIModel, AvatarCreatorPreset, GenerationItem, StoredFile
from lumiku.services import ai_models, billing, generations
from lumiku.services.ai import retry
from lumiku.services.avatar_creator import avatars, generate, presets, projects, prompts
from lumiku.services.errors import NotFound, ServiceError
from lumiku.settings import get_settings
from tests.factories import new_user

FLUX = "avatar-creator:flux-dev-standard"
FAST = "avatar-creator:flux-schnell-fast"


@pytest.fixture
def app(app_with_claude):
    """The shared `app` (FakeHF) and a fake Claude (tests/integration/conftest.py)."""


START = 500  # every test user's balance: the welcome bonus topped up


def funded(n: int = 1) -> int:
    user_id = new_user(n)
    top_up = START - billing.balance(user_id)
    billing.add_credits(user_id, top_up, "grant", f"grant-{user_id}", "test credits")
    return user_id


def run_all_items(generation_id: str) -> None:
    with session_scope() as db:
        ids = db.exec(
            select(GenerationItem.id)
            .where(GenerationItem.generation_id == generation_id)
            .order_by(GenerationItem.index)
        ).all()
    for item_id in ids:
        generations.run_item(item_id, runner_for)


def request(project_id: str, **extra) -> dict:
    return {
        "project_id": project_id,
        "model_key": FLUX,
        "name": "Sari",
        "prompt": "smiling woman, white studio backdrop",
        "persona_name": "Sari Wulandari",
        "persona_age": 27,
        "personality": "ramah, teliti",
        "background": "Penjual batik dari Solo",
        "attributes": {"gender": "female", "age_range": "young", "hair_style": "hijab"},
        **extra,
    }


def face_photo() -> bytes:
    image = Image.new("RGB", (320, 240), (200, 210, 220))
    ImageDraw.Draw(image).ellipse((120, 60, 200, 160), fill=(220, 180, 150))
    out = io.BytesIO()
    image.save(out, "JPEG")
    return out.getvalue()


def test_the_presets_are_seeded_as_data_that_matches_the_model(app):
    rows = generate.list_presets()
    assert len(rows) == 25
    counts = {c: sum(p.category == c for p in rows) for c in presets.CATEGORIES}
    assert counts == {"professional": 8, "casual": 6, "sports": 4, "fashion": 4, "traditional": 3}
    for row in rows:  # every preset's persona and attributes pass the same checks a user's do
        assert prompts.validate_attributes(row.attributes) == row.attributes
        assert row.persona_name and row.personality


def test_avatars_from_a_description_are_made_paid_and_kept_with_their_seeds(app, hf):
    user_id = funded()
    project_id = projects.create_project(user_id, "Toko batik")
    quote = generate.estimate(user_id, request(project_id, count=2))
    assert (quote.unit, quote.amount) == ("credits", 20)  # the registry's 10 credits each
    generation_id = generate.generate(user_id, request(project_id, count=2, seed=42), "ac-1")
    assert generate.generate(user_id, request(project_id, count=2, seed=42), "ac-1") == (
        generation_id  # a double click submits once
    )
    run_all_items(generation_id)

    assert generations.get(user_id, generation_id).status == "succeeded"
    assert billing.balance(user_id) == START - 20
    sent = [r for r in hf.requests if "FLUX.1-dev" in r.path]
    assert sorted(r.parameters["seed"] for r in sent) == [42, 43]  # seeds are sent…
    body = sent[0].json
    assert "Sari Wulandari, 27 years old" in body["inputs"]
    assert "wearing a hijab" in body["inputs"] and "photorealistic" in body["inputs"]
    assert body["parameters"]["negative_prompt"] == prompts.NEGATIVE_PROMPT
    assert body["parameters"]["guidance_scale"] == 3.5  # the row's defaults are sent too
    assert body["parameters"]["lora"] == "XLabs-AI/flux-RealismLora"

    made = projects.get_project(user_id, project_id).avatars
    assert sorted(a.seed for a in made) == [42, 43]  # …and stored
    assert {a.name for a in made} == {"Sari 1", "Sari 2"}
    assert all(
        a.persona_name == "Sari Wulandari" and a.attributes["hair_style"] == "hijab" for a in made
    )
    with session_scope() as db:
        kept = [db.get(StoredFile, a.image_id) for a in made]
        assert all(f.kind == "kept" and f.expires_at is None for f in kept)
        picture = Image.open(io.BytesIO(_read(kept[0].key)))
        assert picture.size == (512, 512)  # the standard model's resolution
    generations.delete(user_id, generation_id)  # My work's copy goes; the avatars stay
    assert len(projects.get_project(user_id, project_id).avatars) == 2
    with session_scope() as db:
        assert all(db.get(StoredFile, a.image_id) is not None for a in made)


def _read(key: str) -> bytes:
    from lumiku.services.storage import get_storage

    with get_storage().open(key) as stream:
        return stream.read()


@pytest.mark.parametrize(
    ("kind", "code"),
    [("refusal", "ai_refused"), ("garbage", "ai_bad_reply"), ("unauthorized", "ai_key_rejected")],
)
def test_a_failed_avatar_is_refunded_with_a_reason_the_user_can_act_on(app, hf, kind, code):
    user_id = funded()
    project_id = projects.create_project(user_id, "P")
    hf.fail_next(kind)
    generation_id = generate.generate(user_id, request(project_id), f"ac-{kind}")
    assert billing.balance(user_id) == START - 10  # held
    run_all_items(generation_id)
    view = generations.get(user_id, generation_id)
    assert view.status == "failed" and view.error == code
    assert billing.balance(user_id) == START  # and given back
    assert projects.get_project(user_id, project_id).avatars == []


def test_a_timeout_fails_the_item_and_refunds_it(app, hf):
    with session_scope() as db:
        db.get(AIModel, FLUX).parameters = {**db.get(AIModel, FLUX).parameters, "timeout": 0.5}
    user_id = funded()
    project_id = projects.create_project(user_id, "P")
    hf.fail_next("timeout")
    generation_id = generate.generate(user_id, request(project_id), "ac-timeout")
    run_all_items(generation_id)
    assert generations.get(user_id, generation_id).error == "ai_timeout"
    assert billing.balance(user_id) == START


def test_a_busy_model_is_retried_after_its_own_wait(app, hf, monkeypatch):
    waits: list[float] = []
    monkeypatch.setattr(retry, "pause", waits.append)
    user_id = funded()
    project_id = projects.create_project(user_id, "P")
    hf.fail_next("rate_limit", retry_after=7)
    hf.fail_next("loading")
    generation_id = generate.generate(user_id, request(project_id), "ac-busy")
    run_all_items(generation_id)
    assert generations.get(user_id, generation_id).status == "succeeded"
    assert waits[0] == 7  # Retry-After honoured
    assert billing.balance(user_id) == START - 10


def test_a_model_still_busy_goes_back_to_the_queue_then_fails_refunded(app, hf):
    user_id = funded()
    project_id = projects.create_project(user_id, "P")
    hf.fail_next("loading", count=3 * generations.MAX_ATTEMPTS)
    generation_id = generate.generate(user_id, request(project_id), "ac-still-busy")
    with session_scope() as db:
        item_id = db.exec(
            select(GenerationItem.id).where(GenerationItem.generation_id == generation_id)
        ).one()
    for _ in range(generations.MAX_ATTEMPTS - 1):  # RQ would retry the job after its backoff
        with pytest.raises(generations.TransientError):
            generations.run_item(item_id, runner_for)
    generations.run_item(item_id, runner_for)
    view = generations.get(user_id, generation_id)
    assert view.status == "failed" and view.error == "ai_busy"
    assert billing.balance(user_id) == START


def test_the_fallback_model_serves_when_the_first_fails(app, hf):
    with session_scope() as db:
        db.get(AIModel, FLUX).fallback_key = FAST
    user_id = funded()
    project_id = projects.create_project(user_id, "P")
    hf.fail_next("garbage")
    generation_id = generate.generate(user_id, request(project_id, seed=5), "ac-fallback")
    run_all_items(generation_id)
    (made,) = projects.get_project(user_id, project_id).avatars
    assert made.model_key == FAST and made.seed == 5
    assert "FLUX.1-schnell" in hf.last.path
    assert billing.balance(user_id) == START - 10  # the price asked for, whoever served it


def test_an_avatar_from_a_preset_takes_its_persona(app, hf):
    user_id = funded()
    project_id = projects.create_project(user_id, "P")
    preset = next(p for p in generate.list_presets() if p.id == "professional-hijabi-woman")
    raw = {"project_id": project_id, "model_key": FLUX, "preset_id": preset.id}
    run_all_items(generate.generate(user_id, raw, "ac-preset"))
    (made,) = projects.get_project(user_id, project_id).avatars
    assert made.source == "from_preset" and made.persona_name == preset.persona_name
    assert made.attributes == preset.attributes and made.name == preset.name
    with session_scope() as db:
        assert db.get(AvatarCreatorPreset, preset.id).usage_count == 1
    with pytest.raises(NotFound):
        generate.generate(user_id, {**raw, "preset_id": "no-such-preset"}, "ac-preset-2")


def test_a_missing_key_or_a_locked_tier_refuses_before_anything_is_held(app, monkeypatch):
    user_id = funded()
    project_id = projects.create_project(user_id, "P")
    monkeypatch.delenv("HF_TOKEN")
    monkeypatch.delenv("HF_INFERENCE_URL")
    get_settings.cache_clear()
    views = ai_models.models_for(user_id, "avatar-creator", "text-to-image")
    assert {v.reason for v in views} == {"ai_key_missing_huggingface"}
    assert not any(v.accessible for v in views)
    with pytest.raises(ServiceError) as refused:
        generate.generate(user_id, request(project_id), "ac-nokey")
    assert refused.value.code == "ai_key_missing_huggingface"
    assert billing.balance(user_id) == START


def test_face_photos_become_avatars_and_personas_are_checked(app, tmp_path):
    user_id = funded()
    project_id = projects.create_project(user_id, "P")
    photo = tmp_path / "me.jpg"
    photo.write_bytes(face_photo())
    avatar_id = avatars.upload(user_id, project_id, photo, "me.jpg")
    made = avatars.get(user_id, avatar_id)
    assert made.source == "uploaded" and made.name == "me" and made.thumbnail_id != made.image_id
    with session_scope() as db:
        thumb = db.get(StoredFile, made.thumbnail_id)
        assert (thumb.width, thumb.height) == (300, 300)
    not_a_picture = tmp_path / "x.jpg"
    not_a_picture.write_text("hello")
    with pytest.raises(ServiceError):
        avatars.upload(user_id, project_id, not_a_picture, "x.jpg")

    avatars.update(
        user_id,
        avatar_id,
        {
            "name": "Budi",
            "persona_age": 40,
            "personality": "tenang",
            "attributes": {"gender": "male"},
        },
    )
    assert avatars.get(user_id, avatar_id).attributes == {"gender": "male"}
    for bad in ({"persona_age": 7}, {"attributes": {"gender": "robot"}}, {"name": "  "}):
        with pytest.raises(ServiceError):
            avatars.update(user_id, avatar_id, {"name": "Budi", **bad})


def test_uses_across_apps_are_recorded_once_and_shown(app, tmp_path):
    user_id = funded()
    project_id = projects.create_project(user_id, "P")
    photo = tmp_path / "me.jpg"
    photo.write_bytes(face_photo())
    avatar_id = avatars.upload(user_id, project_id, photo, "me.jpg")
    with session_scope() as db:
        for _ in range(2):  # a replayed submit is one use
            avatars.record_use(
                db,
                user_id,
                avatar_id,
                "avatar-generator",
                "variations",
                ("generation", "g1"),
                {"count": 2},
            )
        avatars.record_use(db, user_id, avatar_id, "pose-generator", "poses", ("generation", "g2"))
    uses, summary = avatars.history(user_id, avatar_id)
    assert [u.app_id for u in uses] == ["pose-generator", "avatar-generator"]
    assert {s.app_name: s.count for s in summary} == {"Avatar Generator": 1, "Pose Generator": 1}
    assert avatars.get(user_id, avatar_id).usage_count == 2


def test_the_persona_writer_fills_a_draft_in_the_users_language(app, claude):
    user_id = funded()
    claude.reply_text = (
        "```json\n"
        + json.dumps(
            {
                "name": "Dewi Lestari",
                "age": 29,
                "personality": ["hangat", "kreatif"],
                "background": "Pengrajin batik tulis dari Solo.",
                "attributes": {"gender": "female", "style": "traditional", "eye_color": "violet"},
            }
        )
        + "\n```"
    )
    draft = generate.write_persona(user_id, "penjual batik muda dari Solo", "id")
    assert draft.name == "Dewi Lestari" and draft.age == 29
    assert draft.attributes == {"gender": "female", "style": "traditional"}  # a slip is dropped
    sent = claude.last.json
    assert sent["model"] == "claude-sonnet-5" and "Indonesia" in sent["system"]
    assert "penjual batik muda dari Solo" in sent["messages"][0]["content"]
    claude.reply_text = "I cannot help with that."
    with pytest.raises(ServiceError) as refused:
        generate.write_persona(user_id, "seorang guru", "id")
    assert refused.value.code == "ai_bad_reply"


def test_the_persona_writer_is_off_without_its_key(app, monkeypatch):
    monkeypatch.delenv("ANTHROPIC_API_KEY")
    get_settings.cache_clear()
    assert generate.persona_writer_reason() == "ai_key_missing_anthropic"
    with pytest.raises(ServiceError) as refused:
        generate.write_persona(new_user(), "seorang guru", "id")
    assert refused.value.code == "ai_key_missing_anthropic"


def test_a_second_user_reaches_nothing(app, hf, tmp_path):
    owner, stranger = funded(1), funded(2)
    project_id = projects.create_project(owner, "P")
    photo = tmp_path / "me.jpg"
    photo.write_bytes(face_photo())
    avatar_id = avatars.upload(owner, project_id, photo, "me.jpg")
    for attempt in (
        lambda: projects.get_project(stranger, project_id),
        lambda: projects.rename_project(stranger, project_id, "mine"),
        lambda: projects.delete_project(stranger, project_id),
        lambda: avatars.get(stranger, avatar_id),
        lambda: avatars.update(stranger, avatar_id, {"name": "mine"}),
        lambda: avatars.delete(stranger, avatar_id),
        lambda: avatars.history(stranger, avatar_id),
        lambda: avatars.upload(stranger, project_id, photo, "me.jpg"),
        lambda: generate.generate(stranger, request(project_id), "ac-steal"),
    ):
        with pytest.raises(NotFound):
            attempt()
    assert billing.balance(stranger) == START
    assert projects.list_avatars(stranger) == []
    projects.delete_project(owner, project_id)
    assert projects.list_projects(owner).total == 0
