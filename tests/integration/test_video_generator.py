"""Video Generator on the real services, the real provider clients and the engine: videos
queued at a local server that speaks fal.ai's queue protocol as Hugging Face's router relays it,
checked on without holding a worker, probed with FFmpeg and given a poster; paid per video and
refunded on every failure (a failed video, one stuck past its limit and cancelled at the
provider, a broken or empty file); start and end images from uploads and avatars; descriptions
improved by a local server that speaks Anthropic's Messages API; the gallery, "use these
settings again", and a second user who reaches nothing."""

from __future__ import annotations

import base64
import io
import time

import pytest
from PIL import Image
from sqlmodel import select

from lumiku.db import session_scope
from lumiku.models import AIModel, GenerationItem, StoredFile, VideoGeneratorVideo
from lumiku.services import billing, files, generations, ratelimit
from lumiku.services.avatar_creator import avatars
from lumiku.services.errors import NotFound, ServiceError
from lumiku.services.storage import get_storage
from lumiku.services.video_generator import videos
from tests.factories import fund, make_avatar, make_clip, make_image, new_user, probe, run_all_items
from tests.fake_hf import FakeHF

WAN = "video-generator:wan2.2"
KLING = "video-generator:kling-2.5"
VEO2 = "video-generator:veo2"
VEO3 = "video-generator:veo3"
BALANCE = 10_000


@pytest.fixture
def app(app_with_claude):
    """The shared `app` (FakeHF) and a fake Claude (tests/integration/conftest.py)."""


def funded(n: int = 1) -> int:
    return fund(new_user(n), BALANCE)


def form(**changes) -> dict:
    return {
        "model_key": WAN,
        "prompt": "A ginger cat chasing a butterfly in a sunny garden",
        "negative_prompt": "blurry",
        "resolution": "720p",
        "duration": 5,
        "aspect": "16:9",
        "start_image": None,
        "end_image": None,
        "audio": False,
        "improved_prompt": None,
        **changes,
    }


def item_of(generation_id: str) -> GenerationItem:
    with session_scope() as db:
        return db.exec(
            select(GenerationItem).where(GenerationItem.generation_id == generation_id)
        ).one()


def run_until_done(generation_id: str, looks: int = 20) -> GenerationItem:
    """The item's job run again and again, as the scheduler would after each check-back."""
    for _ in range(looks):
        run_all_items(generation_id)
        item = item_of(generation_id)
        if item.status in generations.TERMINAL:
            return item
    raise AssertionError(f"still {item.status} after {looks} runs")


def submits(hf: FakeHF) -> list:
    return [r for r in hf.requests if r.task == "fal-queue" and r.json is not None]


def jpeg_of(data_url: str) -> Image.Image:
    assert data_url.startswith("data:image/jpeg;base64,")
    return Image.open(io.BytesIO(base64.b64decode(data_url.split(",", 1)[1])))


# ------------------------------------------------------------------ the models on offer


def test_the_form_gets_the_apps_video_models_with_their_choices(app):
    user_id = funded()
    options = {o.key: o for o in videos.models_for(user_id)}
    assert list(options) == [WAN, VEO2, KLING, VEO3]  # not the prompt writer
    wan = options[WAN]
    assert (wan.credit_cost, wan.available, wan.reason) == (350, True, "")
    assert wan.resolutions == ["720p"] and wan.durations == [3, 4, 5, 6]
    assert wan.default_duration == 5 and wan.start_image and wan.end_image and not wan.audio
    assert options[VEO3].audio and options[KLING].resolutions == ["720p", "1080p"]
    with session_scope() as db:
        db.get(AIModel, VEO2).enabled = False
    assert VEO2 not in {o.key for o in videos.models_for(user_id)}
    assert videos.models_for(987654) == []
    assert videos.prompt_writer_reason() == ""


def test_a_subscribers_plan_locks_the_models_above_its_tier(app):
    user_id = funded()
    with session_scope() as db:
        from lumiku.models import User

        user = db.get(User, user_id)
        user.account_type, user.subscription_tier = "subscription", "basic"
    options = {o.key: o for o in videos.models_for(user_id)}
    assert options[WAN].available and options[VEO2].available
    assert (options[KLING].available, options[KLING].reason) == (False, "model_tier_locked")


# ------------------------------------------------------------------ a video, start to end


def test_a_video_is_made_at_the_provider_paid_and_shown_in_the_gallery(app, hf):
    user_id = funded()
    quote = videos.estimate(user_id, form())
    assert (quote.unit, quote.amount, quote.lines) == (
        "credits",
        350,
        [("video_generator_price_base", 350)],
    )
    generation_id = videos.generate(user_id, form(), "key-1")
    assert videos.generate(user_id, form(), "key-1") == generation_id  # a double click
    assert billing.balance(user_id) == BALANCE - 350  # held at submit
    assert videos.active_generations(user_id) == [generation_id]

    run_all_items(generation_id)  # the first run submits and frees the worker
    item = item_of(generation_id)
    assert item.status == "running" and item.attempts == 0
    remote = item.params["remote"]
    assert remote["served_by"] == WAN and remote["request_id"] in hf.video_jobs
    (sent,) = submits(hf)
    assert sent.path == "/fal-ai/fal-ai/wan/v2.2-a14b/text-to-video"  # the router's fal route
    body = sent.json
    assert body["prompt"] == form()["prompt"] and body["negative_prompt"] == "blurry"
    assert (body["resolution"], body["aspect_ratio"]) == ("720p", "16:9")
    assert (body["num_frames"], body["frames_per_second"]) == (80, 16)
    assert body["seed"] == item.params["seed"]

    run_all_items(generation_id)  # still queued: checked, progress guessed, checks back
    assert item_of(generation_id).status == "running"
    item = run_until_done(generation_id)
    assert (item.status, item.progress) == ("succeeded", 100)
    assert billing.balance(user_id) == BALANCE - 350  # paid, nothing back
    assert videos.active_generations(user_id) == []

    page = videos.gallery(user_id)
    assert page.total == 1
    (video,) = page.rows
    assert (video.generation_id, video.model_key, video.model_name) == (
        generation_id,
        WAN,
        "Wan 2.2 T2V (Free)",
    )
    assert video.prompt == form()["prompt"] and video.credits == 350
    assert video.file_id == item.file_id and video.poster_id == item.thumbnail_id
    assert video.duration and video.duration > 0 and video.width and video.height
    with session_scope() as db:
        row = db.get(VideoGeneratorVideo, video.id)
        assert (row.served_by, row.sent_prompt) == (WAN, form()["prompt"])
        stored, poster = db.get(StoredFile, video.file_id), db.get(StoredFile, video.poster_id)
    assert (stored.media, stored.content_type, poster.media) == ("video", "video/mp4", "image")
    with get_storage().local_copy(stored.key) as path:  # what the user downloads, by ffprobe
        streams = probe(path)["streams"]
    assert any(s["codec_type"] == "video" and s["width"] == video.width for s in streams)
    assert videos.settings_of(user_id, video.id) == form(negative_prompt="blurry")


def test_a_provider_that_is_busy_at_first_is_asked_again(app, hf):
    user_id = funded()
    hf.fail_next("rate_limit", retry_after=1)  # the submit: retried by the provider layer
    generation_id = videos.generate(user_id, form(), "busy")
    run_all_items(generation_id)
    assert item_of(generation_id).status == "running"
    hf.fail_next("rate_limit", retry_after=1)  # a status look: checked again later
    run_all_items(generation_id)
    item = item_of(generation_id)
    assert (item.status, item.attempts) == ("running", 0)
    assert run_until_done(generation_id).status == "succeeded"
    assert billing.balance(user_id) == BALANCE - 350


# ------------------------------------------------------------------ refunds


@pytest.mark.parametrize(
    ("failure", "code"),
    [
        ("failed", "video_generator_failed"),
        ("failed_response", "video_generator_failed"),
        ("broken_mp4", "video_generator_broken_video"),
        ("empty", "video_generator_broken_video"),
        ("no_video", "ai_bad_reply"),
    ],
)
def test_every_failure_is_refunded(app, hf, failure, code):
    user_id = funded()
    hf.video_failure = failure
    generation_id = videos.generate(user_id, form(), f"fail-{failure}")
    assert billing.balance(user_id) == BALANCE - 350
    item = run_until_done(generation_id)
    assert (item.status, item.error) == ("failed", code)
    assert billing.balance(user_id) == BALANCE  # refunded
    assert videos.gallery(user_id).total == 0
    assert generations.get(user_id, generation_id).status == "failed"


def test_a_video_stuck_past_its_limit_is_cancelled_at_the_provider_and_refunded(app, hf):
    user_id = funded()
    hf.video_failure = "stuck"
    generation_id = videos.generate(user_id, form(), "stuck")
    run_all_items(generation_id)
    run_all_items(generation_id)
    item = item_of(generation_id)
    assert item.status == "running" and 5 <= item.progress < 95
    request_id = item.params["remote"]["request_id"]
    with session_scope() as db:  # as if it had waited an hour
        row = db.get(GenerationItem, item.id)
        remote = {**row.params["remote"], "submitted_at": time.time() - 3600}
        row.params = {**row.params, "remote": remote}
    item = run_until_done(generation_id)
    assert (item.status, item.error) == ("failed", "video_generator_timeout")
    assert hf.video_jobs[request_id]["cancelled"]
    assert billing.balance(user_id) == BALANCE


def test_cancelling_a_video_that_waits_stops_it_at_the_provider(app, hf):
    user_id = funded()
    generation_id = videos.generate(user_id, form(), "cancel")
    run_all_items(generation_id)
    request_id = item_of(generation_id).params["remote"]["request_id"]
    generations.cancel(user_id, generation_id)
    assert item_of(generation_id).status == "cancelled"
    assert hf.video_jobs[request_id]["cancelled"]
    assert billing.balance(user_id) == BALANCE
    run_all_items(generation_id)  # its scheduled check-back finds nothing to do
    assert item_of(generation_id).status == "cancelled"


# ------------------------------------------------------------------ images and improvements


def test_a_start_image_from_an_upload_goes_to_the_image_model_cropped_to_the_frame(
    app, hf, tmp_path
):
    user_id = funded()
    file_id = videos.upload_image(user_id, make_image(tmp_path / "s.png", (900, 300)), "s.png")
    raw = form(start_image={"file_id": file_id}, aspect="9:16")
    quote = videos.estimate(user_id, raw)
    assert quote.amount == 420  # +20 %
    assert quote.lines[-1] == ("video_generator_price_images", 70)
    generation_id = videos.generate(user_id, raw, "start")
    run_all_items(generation_id)
    (sent,) = submits(hf)
    assert sent.path == "/fal-ai/fal-ai/wan/v2.2-a14b/image-to-video"
    assert jpeg_of(sent.json["image_url"]).size == (720, 1280)
    assert "end_image_url" not in sent.json
    assert run_until_done(generation_id).status == "succeeded"
    assert billing.balance(user_id) == BALANCE - 420
    (video,) = videos.gallery(user_id).rows
    assert videos.settings_of(user_id, video.id)["start_image"] == {"file_id": file_id}
    files.delete_files(user_id, [file_id])  # the image goes: the refill leaves it out
    assert videos.settings_of(user_id, video.id)["start_image"] is None


def test_start_and_end_images_from_an_avatar_record_the_use_on_it(app, hf, tmp_path):
    user_id = funded()
    avatar_id = make_avatar(user_id, tmp_path)
    file_id = videos.upload_image(user_id, make_image(tmp_path / "e.jpg", (300, 300)), "e.jpg")
    raw = form(start_image={"avatar_id": avatar_id}, end_image={"file_id": file_id}, aspect="1:1")
    assert videos.estimate(user_id, raw).amount == 350 + 140  # both: +40 %
    generation_id = videos.generate(user_id, raw, "avatar")
    videos.generate(user_id, raw, "avatar")  # a replay records nothing twice
    uses, summary = avatars.history(user_id, avatar_id)
    assert [(u.app_id, u.action, u.detail) for u in uses] == [
        ("video-generator", "videos", {"count": 1})
    ]
    assert summary[0].count == 1
    run_all_items(generation_id)
    (sent,) = submits(hf)
    assert jpeg_of(sent.json["image_url"]).size == (720, 720)
    assert jpeg_of(sent.json["end_image_url"]).size == (720, 720)
    assert run_until_done(generation_id).status == "succeeded"
    (video,) = videos.gallery(user_id).rows
    assert videos.settings_of(user_id, video.id)["start_image"] == {"avatar_id": avatar_id}


def test_an_image_deleted_before_the_video_is_made_fails_and_refunds(app, hf, tmp_path):
    user_id = funded()
    file_id = videos.upload_image(user_id, make_image(tmp_path / "s.png"), "s.png")
    generation_id = videos.generate(user_id, form(start_image={"file_id": file_id}), "gone")
    files.delete_files(user_id, [file_id])
    item = run_until_done(generation_id)
    assert (item.status, item.error) == ("failed", "video_generator_image_gone")
    assert billing.balance(user_id) == BALANCE
    assert submits(hf) == []


def test_an_improved_description_is_written_shown_and_paid_for_only_when_used(app, hf, claude):
    user_id = funded()
    claude.reply_text = 'Prompt: "Kucing oranye melompat mengejar kupu-kupu biru, kamera maju."'
    improved = videos.improve_prompt(user_id, "kucing oranye kejar kupu-kupu", "id")
    assert improved == "Kucing oranye melompat mengejar kupu-kupu biru, kamera maju."
    asked = claude.last.json  # asked in the user's language, to read before it is used
    assert asked["model"] == "claude-sonnet-5" and "plain Indonesian" in asked["system"]
    assert "kucing oranye" in asked["messages"][0]["content"]
    assert billing.balance(user_id) == BALANCE  # asking is free
    raw = form(prompt="kucing oranye kejar kupu-kupu", improved_prompt=improved)
    assert videos.estimate(user_id, raw).lines[-1] == ("video_generator_price_enhance", 5)
    generation_id = videos.generate(user_id, raw, "improved")
    run_all_items(generation_id)
    assert submits(hf)[0].json["prompt"] == improved
    run_until_done(generation_id)
    assert billing.balance(user_id) == BALANCE - 355
    (video,) = videos.gallery(user_id).rows
    assert video.prompt == "kucing oranye kejar kupu-kupu"
    assert videos.settings_of(user_id, video.id)["improved_prompt"] == improved


def test_improving_is_rate_limited_and_reports_the_providers_refusal(app, claude, monkeypatch):
    user_id = funded()
    monkeypatch.setattr(
        ratelimit,
        "VIDEO_PROMPT_WRITING_PER_USER",
        ratelimit.Limit("video-prompt-writing", 2, 3600),
    )
    claude.fail_next("refusal")
    with pytest.raises(ServiceError) as refused:
        videos.improve_prompt(user_id, "a cat", "en")
    assert refused.value.code == "ai_refused"
    videos.improve_prompt(user_id, "a cat", "en")
    with pytest.raises(ServiceError) as limited:
        videos.improve_prompt(user_id, "a cat", "en")
    assert limited.value.code == "rate_limited_video-prompt-writing"
    with pytest.raises(ServiceError) as short:
        videos.improve_prompt(funded(2), "ab", "en")
    assert short.value.params["name"] == "video_prompt"


def test_sound_and_longer_videos_are_priced_and_sent(app, hf):
    user_id = funded()
    with session_scope() as db:  # a payg user reaches every tier
        assert db.get(AIModel, VEO3).enabled
    raw = form(model_key=VEO3, duration=8, audio=True, resolution="1080p")
    quote = videos.estimate(user_id, raw)
    assert quote.amount == 2500 + 750 + 10
    generation_id = videos.generate(user_id, raw, "veo3")
    run_all_items(generation_id)
    body = submits(hf)[0].json
    assert (body["duration"], body["resolution"], body["generate_audio"]) == ("8s", "1080p", True)
    kling = form(model_key=KLING, duration=10, resolution="1080p")
    assert [line for line in videos.estimate(user_id, kling).lines] == [
        ("video_generator_price_base", 500),
        ("video_generator_price_resolution", 150),
        ("video_generator_price_duration", 250),
    ]


# ------------------------------------------------------------------ refusals and ownership


@pytest.mark.parametrize(
    ("changes", "code", "name"),
    [
        ({"resolution": "1080p"}, "video_generator_not_supported", "resolution"),
        ({"aspect": "4:5"}, "video_generator_not_supported", "aspect"),
        ({"aspect": "21:9"}, "parameter_invalid", "aspect"),
        ({"duration": 10}, "parameter_out_of_range", "duration"),
        ({"audio": True}, "video_generator_not_supported", "audio"),
        ({"audio": "yes"}, "parameter_invalid", "audio"),
        ({"prompt": "ab"}, "parameter_out_of_range", "video_prompt"),
        ({"prompt": "x" * 2001}, "parameter_out_of_range", "video_prompt"),
        ({"prompt": 42}, "parameter_invalid", "video_prompt"),
        ({"negative_prompt": "x" * 1001}, "parameter_out_of_range", "negative_prompt"),
        ({"improved_prompt": "x"}, "parameter_out_of_range", "improved_prompt"),
        ({"start_image": "abc"}, "parameter_invalid", "start_image"),
        ({"start_image": {"url": "http://x"}}, "parameter_invalid", "start_image"),
        ({"end_image": {"file_id": 1}}, "parameter_invalid", "end_image"),
    ],
)
def test_impossible_choices_are_refused_by_name(app, changes, code, name):
    user_id = funded()
    for call in (videos.estimate, lambda u, r: videos.generate(u, r, "refused")):
        with pytest.raises(ServiceError) as refused:
            call(user_id, form(**changes))
        assert (refused.value.code, refused.value.params.get("name")) == (code, name)
    assert billing.balance(user_id) == BALANCE


def test_other_refusals(app, tmp_path):
    user_id = funded()
    cases = [
        (form(model_key="video-generator:prompt-writer"), "model_unavailable"),
        (form(model_key="avatar-creator:flux-dev-standard"), "model_unavailable"),
        (form(model_key=None), "model_unavailable"),
        (form(model_key=VEO2, end_image={"avatar_id": "x"}), "not_found"),
        ("not a form", "parameter_invalid"),
    ]
    clip = files.store_upload(user_id, make_clip(tmp_path / "c.mp4"), "c.mp4", {"video"})
    cases.append((form(start_image={"file_id": clip.id}), "video_generator_not_a_picture"))
    image = videos.upload_image(user_id, make_image(tmp_path / "i.png"), "i.png")
    cases.append((form(end_image={"file_id": image}), "video_generator_end_needs_start"))
    veo2 = form(model_key=VEO2, start_image={"file_id": image}, end_image={"file_id": image})
    cases.append((veo2, "video_generator_not_supported"))
    for raw, code in cases:
        with pytest.raises(ServiceError) as refused:
            videos.generate(user_id, raw, "x")
        assert refused.value.code == code, raw
    with pytest.raises(ServiceError) as refused:
        videos.upload_image(user_id, make_clip(tmp_path / "d.mp4"), "d.mp4")
    assert refused.value.code == "file_type_not_allowed"
    with pytest.raises(ServiceError):
        videos.gallery(user_id, size=1000)


def test_a_second_user_reaches_nothing(app, hf, tmp_path):
    owner, other = funded(1), funded(2)
    avatar_id = make_avatar(owner, tmp_path)
    image = videos.upload_image(owner, make_image(tmp_path / "s.png"), "s.png")
    generation_id = videos.generate(owner, form(start_image={"file_id": image}), "mine")
    run_until_done(generation_id)
    (video,) = videos.gallery(owner).rows
    assert videos.gallery(other).total == 0
    assert videos.active_generations(other) == []
    for call in (
        lambda: videos.settings_of(other, video.id),
        lambda: videos.delete_video(other, video.id),
        lambda: videos.generate(other, form(start_image={"file_id": image}), "theirs"),
        lambda: videos.generate(other, form(start_image={"avatar_id": avatar_id}), "theirs2"),
        lambda: videos.estimate(other, form(start_image={"avatar_id": avatar_id})),
        lambda: generations.cancel(other, generation_id),
    ):
        with pytest.raises(NotFound):
            call()
    assert billing.balance(other) == BALANCE
    assert videos.gallery(owner).total == 1


def test_deleting_a_video_frees_its_files_and_delivering_twice_makes_one_row(app, hf):
    user_id = funded()
    generation_id = videos.generate(user_id, form(), "delete")
    item = run_until_done(generation_id)
    (video,) = videos.gallery(user_id).rows
    with session_scope() as db:  # the engine's deliver step run again (a rerun job)
        ctx = generations.ItemContext(
            item_id=item.id,
            generation_id=generation_id,
            user_id=user_id,
            app_id="video-generator",
            index=0,
            params=dict(item.params),
            settings={},
            workdir=None,  # type: ignore[arg-type]
        )
        videos.deliver(db, ctx, [item.file_id, item.thumbnail_id])
    assert videos.gallery(user_id).total == 1
    videos.delete_video(user_id, video.id)
    assert videos.gallery(user_id).total == 0
    with session_scope() as db:
        assert db.get(StoredFile, video.file_id) is None
        assert db.get(StoredFile, video.poster_id) is None
    with pytest.raises(NotFound):
        videos.settings_of(user_id, video.id)
