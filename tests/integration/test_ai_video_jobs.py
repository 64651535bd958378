"""Asynchronous video through fal.ai's queue protocol (lumiku.services.ai.submit_video,
check_video, cancel_video, download_video) against FakeHF: what a request carries for each of
fal's conventions, how a job's status reads, the download's limits, and how every failure maps
to an AIError. No database is needed."""

from __future__ import annotations

import base64
import io
import json
from dataclasses import replace

import pytest
from PIL import Image

from lumiku.services import ai
from lumiku.services.ai import retry, video_jobs
from lumiku.services.ai.base import (
    AIBadReply,
    AIError,
    ModelSpec,
    TransientAIError,
    VideoStatus,
    is_mp4,
)
from lumiku.settings import get_settings
from tests.fake_hf import FakeHF, sample_mp4

WAN = ModelSpec(
    key="video-generator:wan2.2",
    provider="huggingface",
    provider_model="fal-ai/wan/v2.2-a14b/text-to-video",
    capability="text-to-video",
    parameters={"num_inference_steps": 27, "enable_safety_checker": True, "fps": 16},
    timeout=10,
)
KLING = replace(
    WAN,
    key="video-generator:kling-2.5",
    provider_model="fal-ai/kling-video/v2.5-turbo/pro/image-to-video",
    parameters={
        "duration_format": "seconds",
        "size_format": "aspect",
        "end_image_field": "tail_image_url",
        "cfg_scale": 0.5,
    },
)
VEO = replace(
    WAN,
    key="video-generator:veo3",
    provider_model="fal-ai/veo3",
    parameters={"duration_format": "seconds_s", "audio_field": "generate_audio"},
)
MB = 1_000_000


@pytest.fixture(scope="module")
def hf_server():
    server = FakeHF().start()
    yield server
    server.stop()


@pytest.fixture
def hf(hf_server, monkeypatch):
    hf_server.reset()
    monkeypatch.setenv("HF_TOKEN", hf_server.token)
    monkeypatch.setenv("HF_INFERENCE_URL", hf_server.url)
    waits: list[float] = []
    monkeypatch.setattr(retry, "pause", waits.append)
    hf_server.waits = waits
    get_settings.cache_clear()
    yield hf_server
    get_settings.cache_clear()


def png(size=(40, 30), colour=(200, 30, 30), kind="PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, kind)
    return out.getvalue()


def submit(spec: ModelSpec = WAN, **kwargs) -> dict:
    options = {"seconds": 5, "width": 1280, "height": 720} | kwargs
    return ai.submit_video(spec, "a kite over rice fields", **options)


def look_until_done(spec: ModelSpec, job: dict, looks: int = 20) -> list[VideoStatus]:
    seen = []
    for _ in range(looks):
        seen.append(ai.check_video(spec, job))
        if seen[-1].state in ("done", "failed"):
            return seen
    return seen


# ------------------------------------------------------------ what is sent


def test_a_wan_request_carries_frames_resolution_aspect_and_the_rows_parameters(hf):
    job = submit(negative_prompt="blurry, text", seed=42)
    sent = hf.requests[-1]
    assert sent.path == "/fal-ai/fal-ai/wan/v2.2-a14b/text-to-video"
    assert sent.headers["authorization"] == f"Bearer {hf.token}"
    assert sent.json == {
        "prompt": "a kite over rice fields",
        "num_frames": 80,
        "frames_per_second": 16,
        "resolution": "720p",
        "aspect_ratio": "16:9",
        "negative_prompt": "blurry, text",
        "seed": 42,
        "num_inference_steps": 27,
        "enable_safety_checker": True,
    }
    (request_id,) = hf.video_jobs
    home = f"{hf.url}/fal-ai/fal-ai/wan/requests/{request_id}"
    assert job == {
        "request_id": request_id,
        "status_url": f"{home}/status",
        "response_url": home,
        "cancel_url": f"{home}/cancel",
        "model": WAN.key,
    }
    assert json.loads(json.dumps(job)) == job  # stored as the item's JSON


def test_a_kling_request_sends_its_duration_aspect_and_both_frames_as_data_urls(hf):
    start, end = png(kind="JPEG"), png(colour=(20, 30, 200))
    submit(KLING, seconds=10, width=720, height=1280, start_image=start, end_image=end)
    body = hf.requests[-1].json
    assert body["duration"] == "10" and body["aspect_ratio"] == "9:16"
    assert "resolution" not in body and "num_frames" not in body and body["cfg_scale"] == 0.5
    assert body["image_url"] == "data:image/jpeg;base64," + base64.b64encode(start).decode()
    assert body["tail_image_url"] == "data:image/png;base64," + base64.b64encode(end).decode()
    assert "duration_format" not in body and "end_image_field" not in body


def test_a_veo_request_says_seconds_its_way_and_asks_for_sound_or_not(hf):
    submit(VEO, seconds=8, width=1920, height=1080, audio=True)
    body = hf.requests[-1].json
    assert body["duration"] == "8s" and body["resolution"] == "1080p"
    assert body["generate_audio"] is True
    submit(VEO, seconds=8, width=1080, height=1080, audio=False)
    body = hf.requests[-1].json
    assert body["generate_audio"] is False and body["aspect_ratio"] == "1:1"
    submit(seconds=5, width=576, height=720)  # Wan: no audio field unless asked for
    body = hf.requests[-1].json
    assert "generate_audio" not in body and body["aspect_ratio"] == "4:5"


def test_the_calls_own_values_win_over_the_rows_and_odd_sizes_get_the_nearest_aspect(hf):
    spec = replace(WAN, parameters={"seed": 1, "prompt": "the row's", "size_format": "size"})
    submit(spec, seed=9, width=1000, height=560)
    body = hf.requests[-1].json
    assert body["seed"] == 9 and body["prompt"] == "a kite over rice fields"
    assert body["video_size"] == {"width": 1000, "height": 560}
    assert video_jobs._aspect(1000, 560) == "16:9" and video_jobs._resolution(3840, 2160) == "4k"


def test_a_start_image_that_is_not_an_image_is_refused_before_sending(hf):
    with pytest.raises(AIError):
        submit(start_image=b"not an image")
    assert hf.requests == []


def test_the_router_is_the_default_and_fals_own_urls_are_brought_onto_it(monkeypatch):
    monkeypatch.delenv("HF_INFERENCE_URL", raising=False)
    monkeypatch.setenv("HF_TOKEN", "hf_x")
    get_settings.cache_clear()
    try:
        submit_url = video_jobs._submit_url(WAN)
        assert submit_url == (
            "https://router.huggingface.co/fal-ai/fal-ai/wan/v2.2-a14b/text-to-video"
            "?_subdomain=queue"
        )
        fal = "https://queue.fal.run/fal-ai/wan/requests/abc/status"
        assert video_jobs._onto(submit_url, fal) == (
            "https://router.huggingface.co/fal-ai/fal-ai/wan/requests/abc/status?_subdomain=queue"
        )
        assert video_jobs._headers(fal, submit_url) == {}  # the token stays with the router
        assert video_jobs._headers(submit_url, submit_url)["authorization"] == "Bearer hf_x"
    finally:
        get_settings.cache_clear()


# ------------------------------------------------------------ a job's life


def test_a_job_is_queued_then_running_then_done_and_its_video_downloads(hf):
    hf.video_steps = 4
    job = submit()
    seen = look_until_done(WAN, job)
    assert [s.state for s in seen] == ["queued", "running", "running", "done"]
    assert seen[0].queue_position == 1
    assert [s.progress for s in seen[1:3]] == [33.0, 67.0]  # from the logs' progress bar
    assert seen[-1].video_url.startswith(f"{hf.url}/files/")
    video = ai.download_video(WAN, seen[-1].video_url, 5 * MB)
    assert is_mp4(video) and video == sample_mp4()
    assert all(r.headers["authorization"] == f"Bearer {hf.token}" for r in hf.requests)
    assert hf.requests[1].path.endswith("/status")


def test_replies_that_name_fals_own_host_are_followed_on_the_base(hf):
    hf.fal_elsewhere = True
    hf.video_steps = 2
    job = submit()
    assert job["status_url"].startswith(f"{hf.url}/fal-ai/fal-ai/wan/requests/")
    assert look_until_done(WAN, job)[-1].state == "done"


def test_a_stuck_job_stays_queued(hf):
    hf.video_failure = "stuck"
    job = submit()
    seen = look_until_done(WAN, job, looks=8)
    assert {s.state for s in seen} == {"queued"} and seen[-1].queue_position == 3


@pytest.mark.parametrize(
    ("failure", "code"),
    [("failed", "ai_failed"), ("failed_response", "ai_failed"), ("refused", "ai_refused")],
)
def test_a_failed_job_says_so_with_a_message_key(hf, failure, code):
    hf.video_failure = failure
    hf.video_steps = 2
    seen = look_until_done(WAN, submit())
    assert seen[-1] == VideoStatus("failed", error=code)


def test_a_response_without_a_video_is_a_bad_reply(hf):
    hf.video_failure = "no_video"
    hf.video_steps = 1
    with pytest.raises(AIBadReply):
        ai.check_video(WAN, submit())


@pytest.mark.parametrize("failure", ["broken_mp4", "empty"])
def test_a_broken_or_empty_video_is_a_bad_reply(hf, failure):
    hf.video_failure = failure
    hf.video_steps = 1
    done = ai.check_video(WAN, submit())
    with pytest.raises(AIBadReply):
        ai.download_video(WAN, done.video_url, 5 * MB)


def test_a_video_larger_than_allowed_is_refused(hf):
    hf.video_steps = 1
    done = ai.check_video(WAN, submit())
    with pytest.raises(AIBadReply, match="larger than 100 bytes"):
        ai.download_video(WAN, done.video_url, 100)
    with pytest.raises(AIBadReply):
        ai.download_video(WAN, "ftp://example.com/x.mp4", 5 * MB)
    inline = "data:video/mp4;base64," + base64.b64encode(sample_mp4()).decode()
    assert ai.download_video(WAN, inline, 5 * MB) == sample_mp4()


def test_cancelling_reaches_the_queue_and_never_raises(hf):
    job = submit()
    ai.cancel_video(WAN, job)
    (state,) = hf.video_jobs.values()
    assert state["cancelled"] and hf.requests[-1].headers["authorization"] == f"Bearer {hf.token}"
    assert ai.check_video(WAN, job).state == "failed"
    hf.fail_next("server_error")
    ai.cancel_video(WAN, job)  # logged, not raised
    ai.cancel_video(WAN, {"nonsense": True})
    hf.video_steps = 1
    done_job = submit()
    ai.check_video(WAN, done_job)
    ai.cancel_video(WAN, done_job)  # ALREADY_COMPLETED: nothing to undo


# ------------------------------------------------------------ errors


def test_a_rate_limited_submit_is_retried_with_the_providers_wait(hf):
    hf.fail_next("rate_limit", retry_after=7)
    submit()
    assert hf.waits == [7.0] and len(hf.video_jobs) == 1


def test_a_rate_limited_look_is_transient_at_once_with_its_wait(hf):
    job = submit()
    hf.fail_next("rate_limit", retry_after=12)
    with pytest.raises(TransientAIError) as caught:
        ai.check_video(WAN, job)
    assert caught.value.retry_after == 12.0 and hf.waits == []  # no worker held: not retried
    assert ai.check_video(WAN, job).state == "queued"


def test_a_rate_limit_that_lasts_ends_the_submit_as_transient(hf):
    hf.fail_next("rate_limit", count=3, retry_after=2)
    with pytest.raises(TransientAIError) as caught:
        submit()
    assert caught.value.retry_after == 2.0 and caught.value.code == "ai_busy"


@pytest.mark.parametrize("failure", ["unauthorized", "forbidden"])
def test_a_rejected_token_is_a_bad_key(hf, failure):
    hf.fail_next(failure)
    with pytest.raises(AIError) as caught:
        submit()
    assert caught.value.code == "ai_key_rejected"


def test_a_wrong_token_is_a_bad_key_on_every_call(hf, monkeypatch):
    job = submit()
    monkeypatch.setenv("HF_TOKEN", "hf_wrong")
    get_settings.cache_clear()
    for call in (lambda: submit(), lambda: ai.check_video(WAN, job)):
        with pytest.raises(AIError) as caught:
            call()
        assert caught.value.code == "ai_key_rejected"


def test_garbage_from_the_queue_is_a_bad_reply(hf):
    hf.fail_next("garbage")
    with pytest.raises(AIBadReply):
        submit()
    job = submit()
    hf.fail_next("garbage")
    with pytest.raises(AIBadReply):
        ai.check_video(WAN, job)


def test_a_refused_prompt_at_submit_is_a_refusal(hf):
    hf.fail_next("refusal")
    with pytest.raises(ai.AIRefused):
        submit()


def test_a_local_model_cannot_queue_videos(hf):
    local = replace(WAN, provider="local", provider_model="")
    with pytest.raises(AIError) as caught:
        submit(local)
    assert caught.value.code == "ai_capability_unsupported"
