"""The AI provider layer through the real SDK clients (huggingface_hub's InferenceClient, the
anthropic SDK) against local servers that speak their protocols (tests/fake_hf.py,
tests/fake_anthropic.py): what each capability sends, what it makes of the reply, how every
failure maps to an AIError, and the retries. No database is needed."""

from __future__ import annotations

import base64
import io
import os
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import numpy as np
import pytest
from PIL import Image, ImageDraw

from lumiku.services import ai
from lumiku.services.ai import retry
from lumiku.services.ai.base import (
    AIBadReply,
    AIError,
    AINotConfigured,
    AIRefused,
    AITimeout,
    ModelSpec,
    TransientAIError,
    retry_after_seconds,
)
from lumiku.settings import PROJECT_ROOT, get_settings
from tests.fake_anthropic import FakeAnthropic
from tests.fake_hf import FakeHF, colour_for

FLUX = {"num_inference_steps": 30, "guidance_scale": 3.5, "lora": "XLabs-AI/flux-RealismLora"}
CODECS = ("h264", "mpeg4")  # the fake's clip: H.264 where ffmpeg has libx264
KEYS = ("HF_TOKEN", "HF_INFERENCE_URL", "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL")


# ------------------------------------------------------------ fixtures and helpers


@pytest.fixture(scope="module")
def hf_server():
    server = FakeHF().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def claude_server():
    server = FakeAnthropic().start()
    yield server
    server.stop()


@pytest.fixture
def hf(hf_server, monkeypatch):
    hf_server.reset()
    monkeypatch.setenv("HF_TOKEN", hf_server.token)
    monkeypatch.setenv("HF_INFERENCE_URL", hf_server.url)
    get_settings.cache_clear()
    yield hf_server
    get_settings.cache_clear()


@pytest.fixture
def claude(claude_server, monkeypatch):
    claude_server.reset()
    claude_server.reply_text = "Hello from the fake Claude."
    monkeypatch.setenv("ANTHROPIC_API_KEY", claude_server.api_key)
    monkeypatch.setenv("ANTHROPIC_BASE_URL", claude_server.url)
    get_settings.cache_clear()
    yield claude_server
    get_settings.cache_clear()


@pytest.fixture(autouse=True)
def waits(monkeypatch) -> list[float]:
    """The waits between attempts, recorded instead of slept."""
    recorded: list[float] = []
    monkeypatch.setattr(retry, "pause", recorded.append)
    return recorded


def hf_spec(model: str = "black-forest-labs/FLUX.1-dev", capability="text-to-image", **kw):
    return ModelSpec(f"test:{model}", "huggingface", model, capability, **kw)


def claude_spec(**kw) -> ModelSpec:
    return ModelSpec("test:claude", "anthropic", "claude-sonnet-4-6", "text", **kw)


def picture(size=(96, 64), colour=(40, 120, 200)) -> bytes:
    image = Image.new("RGB", size, colour)
    ImageDraw.Draw(image).rectangle((10, 10, 30, 30), fill=(250, 250, 0))
    return png(image)


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def decode(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    assert image.format == "PNG"
    return image


def middle(image: Image.Image) -> tuple[int, ...]:
    return image.convert("RGB").getpixel((image.width // 2, image.height // 2))


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


# ------------------------------------------------------------ Hugging Face: request shapes


def test_text_to_image_sends_the_prompt_the_seed_and_the_rows_parameters(hf):
    spec = hf_spec(parameters={**FLUX, "width": 1024, "height": 1024, "lora_scale": 0.9})
    image = decode(
        ai.text_to_image(spec, "a red fox", negative_prompt="blur", width=80, height=48, seed=42)
    )
    sent = hf.last
    assert sent.path == "/models/black-forest-labs/FLUX.1-dev"
    assert sent.headers["authorization"] == f"Bearer {hf.token}"
    assert sent.headers["accept"] == "image/png"
    assert sent.json["inputs"] == "a red fox"
    assert sent.parameters == {
        **FLUX,
        "lora_scale": 0.9,
        "width": 80,  # the call's own values beat the row's
        "height": 48,
        "seed": 42,
        "negative_prompt": "blur",
    }
    assert image.size == (80, 48)
    assert middle(image) == colour_for("a red fox", 42)


def test_the_seed_decides_the_image(hf):
    spec = hf_spec()
    one = ai.text_to_image(spec, "a fox", seed=1)
    again = ai.text_to_image(spec, "a fox", seed=1)
    other = ai.text_to_image(spec, "a fox", seed=2)
    assert one == again != other
    assert [r.parameters["seed"] for r in hf.requests] == [1, 1, 2]
    ai.text_to_image(spec, "a fox")
    assert "seed" not in hf.last.parameters  # not given, not sent


def test_image_to_image_sends_the_image_and_its_settings(hf):
    spec = hf_spec("black-forest-labs/FLUX.1-Kontext-dev", "image-to-image", parameters=FLUX)
    source = picture()
    result = decode(
        ai.image_to_image(
            spec, source, "as a watercolour", strength=0.35, seed=9, width=64, height=64
        )
    )
    sent = hf.last
    assert sent.path == "/models/black-forest-labs/FLUX.1-Kontext-dev"
    assert base64.b64decode(sent.json["inputs"]) == source
    assert sent.parameters == {
        **FLUX,
        "prompt": "as a watercolour",
        "strength": 0.35,
        "seed": 9,
        "target_size": {"width": 64, "height": 64},
    }
    assert result.size == (64, 64)
    assert middle(result) == colour_for("as a watercolour", 9)


def test_pose_image_sends_the_control_image_as_the_input(hf):
    spec = hf_spec("thibaud/controlnet-openpose-sdxl-1.0", "pose-image")
    skeleton = picture((64, 96), (0, 0, 0))
    result = decode(ai.pose_image(spec, skeleton, "a dancer", negative_prompt="text", seed=5))
    sent = hf.last
    assert base64.b64decode(sent.json["inputs"]) == skeleton
    assert sent.parameters == {"prompt": "a dancer", "negative_prompt": "text", "seed": 5}
    assert result.size == (64, 96)


def test_segmentation_sends_the_raw_image_and_picks_the_segment(hf):
    spec = hf_spec("facebook/mask2former-seg", "segmentation")
    source = picture((120, 80))
    centre = decode(ai.segment(spec, source, point=(60, 40)))
    sent = hf.last
    assert sent.json is None and sent.raw_length == len(source)  # no parameters: raw bytes
    assert centre.mode == "L" and centre.size == (120, 80)
    mask = np.asarray(centre)
    assert set(np.unique(mask)) == {0, 255}
    assert mask[40, 60] == 255 and mask[2, 2] == 0  # the object under the point
    corner = np.asarray(decode(ai.segment(spec, source, point=(2, 2))))
    assert corner[2, 2] == 255 and corner[40, 60] == 0  # the background under that one
    boxed = np.asarray(decode(ai.segment(spec, source, box=(20, 10, 100, 70))))
    assert boxed[40, 60] == 255 and boxed[:10].max() == 0 and boxed[:, :20].max() == 0


def test_inpainting_sends_the_mask_and_keeps_the_size(hf):
    spec = hf_spec("diffusers/stable-diffusion-xl-1.0-inpainting-0.1", "inpainting")
    source = picture((80, 60))
    hole = Image.new("L", (80, 60), 0)
    ImageDraw.Draw(hole).rectangle((40, 20, 70, 50), fill=255)
    result = decode(ai.inpaint(spec, source, png(hole), prompt="grass"))
    sent = hf.last
    assert base64.b64decode(sent.json["inputs"]) == source
    sent_mask = Image.open(io.BytesIO(base64.b64decode(sent.parameters["mask_image"])))
    assert np.array_equal(np.asarray(sent_mask.convert("L")), np.asarray(hole))
    assert sent.parameters["prompt"] == "grass"
    assert result.size == (80, 60)
    pixels = result.convert("RGB")
    assert pixels.getpixel((55, 35)) == colour_for("grass", None)  # the hole, filled
    assert pixels.getpixel((5, 5)) == (40, 120, 200)  # the rest, kept


def test_upscaling_asks_for_the_target_size(hf):
    spec = hf_spec("caidas/swin2SR-classical-sr-x2-64", "upscaling")
    result = decode(ai.upscale(spec, picture((50, 40)), factor=2))
    assert hf.last.parameters == {"target_size": {"width": 100, "height": 80}}
    assert result.size == (100, 80)
    assert result.convert("RGB").getpixel((90, 70)) == (40, 120, 200)


def mp4_codec(data: bytes, tmp_path) -> str:
    path = tmp_path / "clip.mp4"
    path.write_bytes(data)
    probe = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "v:0"]
        + ["-show_entries", "stream=codec_name", "-of", "csv=p=0", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return probe.stdout.strip()


def test_text_to_video_sends_frames_seed_and_size_and_returns_an_mp4(hf, tmp_path):
    spec = hf_spec("Wan-AI/Wan2.2-T2V-A14B", "text-to-video", parameters={"fps": 16})
    clip = ai.text_to_video(
        spec, "waves", seconds=3, seed=11, width=640, height=360, negative_prompt="rain"
    )
    sent = hf.last
    assert sent.path == "/models/Wan-AI/Wan2.2-T2V-A14B"
    assert sent.headers["authorization"] == f"Bearer {hf.token}"
    assert sent.json["inputs"] == "waves"
    assert sent.parameters == {
        "fps": 16,
        "num_frames": 48,
        "seed": 11,
        "width": 640,
        "height": 360,
        "negative_prompt": ["rain"],
    }
    assert mp4_codec(clip, tmp_path) in CODECS


def test_image_to_video_sends_the_image_and_returns_an_mp4(hf, tmp_path):
    spec = hf_spec("Wan-AI/Wan2.2-I2V-A14B", "image-to-video")
    still = picture()
    clip = ai.image_to_video(spec, still, "zoom in", seconds=2, seed=3)
    sent = hf.last
    assert base64.b64decode(sent.json["inputs"]) == still
    assert sent.parameters == {"prompt": "zoom in", "num_frames": 48, "seed": 3}
    assert mp4_codec(clip, tmp_path) in CODECS


def test_face_embedding_sends_the_image_and_returns_a_vector(hf):
    spec = hf_spec("acme/face-embedder", "face-embedding")
    one = ai.embed_face(spec, picture())
    assert base64.b64decode(hf.last.json["inputs"]) == picture()
    assert len(one) == 16 and all(isinstance(v, float) for v in one)
    assert ai.embed_face(spec, picture(colour=(1, 2, 3))) != one


def test_text_through_a_chat_model(hf):
    hf.reply_text = "Three short captions."
    spec = hf_spec("acme/chat-llm", "text", parameters={"temperature": 0.3})
    assert ai.write_text(spec, "Write captions", system="Be brief", max_tokens=50) == (
        "Three short captions."
    )
    sent = hf.last
    assert sent.path.endswith("/models/acme/chat-llm/v1/chat/completions")
    assert sent.json["messages"] == [
        {"role": "system", "content": "Be brief"},
        {"role": "user", "content": "Write captions"},
    ]
    assert sent.json["max_tokens"] == 50 and sent.json["temperature"] == 0.3


def test_a_self_hosted_endpoint_url_is_used_as_is(hf, monkeypatch, tmp_path):
    monkeypatch.delenv("HF_INFERENCE_URL")
    get_settings.cache_clear()
    image = hf_spec(f"{hf.url}/endpoints/my-flux")
    assert decode(ai.text_to_image(image, "a boat", seed=4)).size == (64, 64)
    assert hf.last.path == "/endpoints/my-flux" and hf.last.parameters == {"seed": 4}
    hf.tasks["endpoints/my-clip"] = "text-to-video"
    video = hf_spec(f"{hf.url}/endpoints/my-clip", "text-to-video")
    assert mp4_codec(ai.text_to_video(video, "a boat", seconds=1), tmp_path) in CODECS
    assert hf.last.path == "/endpoints/my-clip"


def test_test_connection_makes_one_cheap_request(hf):
    spec = hf_spec(parameters=FLUX)
    assert ai.test_connection(spec).startswith("answered in ")
    assert len(hf.requests) == 1
    assert hf.last.parameters["num_inference_steps"] == 1
    assert hf.last.parameters["width"] == 64
    hf.fail_next("loading", retry_after=5)
    with pytest.raises(TransientAIError):
        ai.test_connection(spec)
    assert len(hf.requests) == 2  # not retried: the admin sees the answer at once


# ------------------------------------------------------------ Hugging Face: failures


def test_a_loading_model_is_transient_and_honours_estimated_time(hf, waits):
    hf.fail_next("loading", count=3, retry_after=12.5)
    with pytest.raises(TransientAIError) as caught:
        ai.text_to_image(hf_spec(), "a fox")
    assert caught.value.code == "ai_busy" and caught.value.retry_after == 12.5
    assert waits == [12.5, 12.5] and len(hf.requests) == 3


def test_a_rate_limit_is_transient_and_honours_retry_after(hf, waits):
    hf.fail_next("rate_limit", count=3, retry_after=7)
    with pytest.raises(TransientAIError) as caught:
        ai.text_to_image(hf_spec(), "a fox")
    assert caught.value.retry_after == 7
    assert waits == [7, 7]


def test_a_transient_failure_is_retried_and_then_succeeds(hf, waits):
    hf.fail_next("loading", retry_after=3)
    hf.fail_next("rate_limit", retry_after=2)
    image = decode(ai.text_to_image(hf_spec(), "a fox", seed=1))
    assert middle(image) == colour_for("a fox", 1)
    assert waits == [3, 2] and len(hf.requests) == 3


def test_a_long_retry_after_is_capped(hf, waits):
    hf.fail_next("rate_limit", retry_after=600)
    ai.text_to_image(hf_spec(), "a fox")
    assert waits == [60.0]


@pytest.mark.parametrize(
    ("kind", "error", "code"),
    [
        ("refusal", AIRefused, "ai_refused"),
        ("unauthorized", AIError, "ai_key_rejected"),
        ("forbidden", AIError, "ai_key_rejected"),
        ("server_error", AIError, "ai_failed"),
        ("garbage", AIBadReply, "ai_bad_reply"),
    ],
)
def test_hugging_face_failures_map_to_errors_and_are_not_retried(hf, waits, kind, error, code):
    hf.fail_next(kind)
    with pytest.raises(error) as caught:
        ai.text_to_image(hf_spec(), "a fox")
    assert caught.value.code == code
    assert not isinstance(caught.value, TransientAIError)
    assert waits == [] and len(hf.requests) == 1


def test_a_safety_checker_422_is_a_refusal_too(hf):
    hf.refusal_status = 422
    hf.fail_next("refusal")
    with pytest.raises(AIRefused):
        ai.image_to_image(hf_spec(), picture(), "x")


def test_a_wrong_token_is_rejected(hf, monkeypatch):
    monkeypatch.setenv("HF_TOKEN", "hf_wrong")
    get_settings.cache_clear()
    with pytest.raises(AIError) as caught:
        ai.text_to_image(hf_spec(), "a fox")
    assert caught.value.code == "ai_key_rejected"


@pytest.mark.parametrize(
    "call",
    [
        lambda: ai.image_to_image(hf_spec(), picture(), "x"),
        lambda: ai.upscale(hf_spec(), picture()),
        lambda: ai.segment(hf_spec("acme/seg", "segmentation"), picture(), point=(1, 1)),
        lambda: ai.text_to_video(hf_spec("acme/video", "text-to-video"), "x", seconds=1),
        lambda: ai.image_to_video(hf_spec("acme/video"), picture(), "x", seconds=1),
        lambda: ai.embed_face(hf_spec("acme/face-embed", "face-embedding"), picture()),
        lambda: ai.write_text(hf_spec("acme/chat", "text"), "x"),
    ],
    ids=["image", "upscale", "segment", "text-video", "image-video", "embedding", "chat"],
)
def test_a_garbage_reply_is_a_bad_reply_for_every_kind_of_answer(hf, call):
    hf.fail_next("garbage")
    with pytest.raises(AIBadReply):
        call()


@pytest.mark.parametrize(
    "call",
    [
        lambda spec: ai.text_to_image(spec, "x"),
        lambda spec: ai.text_to_video(spec, "x", seconds=1),
    ],
    ids=["client", "video-by-hand"],
)
def test_a_slow_model_is_a_timeout_not_retried(hf, waits, call):
    hf.fail_next("timeout")
    spec = hf_spec("acme/video", timeout=0.5)
    started = time.monotonic()
    with pytest.raises(AITimeout) as caught:
        call(spec)
    assert caught.value.code == "ai_timeout"
    assert time.monotonic() - started < 2.5 and waits == [] and len(hf.requests) == 1


def test_a_dropped_connection_is_transient(hf, waits):
    hf.fail_next("reset", count=3)
    with pytest.raises(TransientAIError):
        ai.text_to_image(hf_spec(), "a fox")
    assert waits == [2.0, 4.0]  # no Retry-After: exponential backoff


def test_a_refused_connection_is_transient(hf, monkeypatch, waits):
    monkeypatch.setenv("HF_INFERENCE_URL", closed_port_url())
    get_settings.cache_clear()
    with pytest.raises(TransientAIError):
        ai.text_to_image(hf_spec(), "a fox")
    assert waits == [2.0, 4.0]


# ------------------------------------------------------------ Anthropic


def test_write_text_sends_a_messages_request(claude):
    claude.reply_text = "Meet Sari, a barista from Bandung."
    spec = claude_spec(parameters={"temperature": 0.7, "max_tokens": 99})
    text = ai.write_text(spec, "Write a persona", system="You write personas.", max_tokens=300)
    assert text == "Meet Sari, a barista from Bandung."
    sent = claude.last
    assert sent.path == "/v1/messages"
    assert claude.key_sent(sent.headers) == claude.api_key
    assert sent.headers["anthropic-version"]
    assert sent.json == {
        "model": "claude-sonnet-4-6",
        "max_tokens": 300,  # the call's own value beats the row's
        "messages": [{"role": "user", "content": "Write a persona"}],
        "system": "You write personas.",
        "temperature": 0.7,
    }
    ai.write_text(claude_spec(), "Again")
    assert "system" not in claude.last.json and claude.last.json["max_tokens"] == 1024
    assert claude.refused == []


def test_anthropic_test_connection_sends_one_token(claude):
    assert ai.test_connection(claude_spec()).startswith("answered in ")
    assert claude.last.json["max_tokens"] == 1


@pytest.mark.parametrize(
    ("kind", "retry_after", "waited"),
    [("overloaded", None, [2.0, 4.0]), ("rate_limit", 5, [5, 5]), ("reset", None, [2.0, 4.0])],
)
def test_anthropic_transient_failures(claude, waits, kind, retry_after, waited):
    claude.fail_next(kind, count=3, retry_after=retry_after)
    with pytest.raises(TransientAIError) as caught:
        ai.write_text(claude_spec(), "hello")
    assert caught.value.retry_after == retry_after
    assert waits == waited and len(claude.requests) == 3


def test_anthropic_retries_then_succeeds(claude, waits):
    claude.fail_next("overloaded")
    claude.fail_next("rate_limit", retry_after=1.5)
    assert ai.write_text(claude_spec(), "hello") == "Hello from the fake Claude."
    assert waits == [2.0, 1.5]


@pytest.mark.parametrize(
    ("kind", "error", "code"),
    [
        ("refusal", AIRefused, "ai_refused"),
        ("policy", AIRefused, "ai_refused"),
        ("garbage", AIBadReply, "ai_bad_reply"),
        ("unauthorized", AIError, "ai_key_rejected"),
        ("server_error", AIError, "ai_failed"),
    ],
)
def test_anthropic_failures_map_to_errors(claude, waits, kind, error, code):
    claude.fail_next(kind)
    with pytest.raises(error) as caught:
        ai.write_text(claude_spec(), "hello")
    assert caught.value.code == code and waits == []


def test_anthropic_wrong_key_and_timeout(claude, monkeypatch, waits):
    started = time.monotonic()
    claude.fail_next("timeout")
    with pytest.raises(AITimeout):
        ai.write_text(claude_spec(timeout=0.5), "hello")
    assert time.monotonic() - started < 2.5 and waits == []
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-wrong")
    get_settings.cache_clear()
    with pytest.raises(AIError) as caught:
        ai.write_text(claude_spec(), "hello")
    assert caught.value.code == "ai_key_rejected"


def test_anthropic_refused_connection_is_transient(claude, monkeypatch, waits):
    monkeypatch.setenv("ANTHROPIC_BASE_URL", closed_port_url())
    get_settings.cache_clear()
    with pytest.raises(TransientAIError):
        ai.write_text(claude_spec(), "hello")
    assert waits == [2.0, 4.0]


def test_anthropic_cannot_make_pictures(claude):
    with pytest.raises(AIError) as caught:
        ai.text_to_image(ModelSpec("t:c", "anthropic", "claude", "text-to-image"), "a cat")
    assert caught.value.code == "ai_capability_unsupported"
    assert claude.requests == []


# ------------------------------------------------------------ configuration


def test_missing_keys_stop_the_call_before_any_request(hf, claude, monkeypatch):
    for name in KEYS:
        monkeypatch.delenv(name, raising=False)
    get_settings.cache_clear()
    assert ai.missing_configuration("huggingface") == "ai_key_missing_huggingface"
    assert ai.missing_configuration("anthropic") == "ai_key_missing_anthropic"
    assert ai.missing_configuration("local") is None
    assert ai.missing_configuration("modelslab") == "ai_provider_unknown"
    with pytest.raises(AINotConfigured) as caught:
        ai.text_to_image(hf_spec(), "a fox")
    assert caught.value.code == "ai_key_missing_huggingface"
    with pytest.raises(AINotConfigured) as caught:
        ai.write_text(claude_spec(), "hello")
    assert caught.value.code == "ai_key_missing_anthropic"
    with pytest.raises(AINotConfigured) as caught:
        ai.test_connection(ModelSpec("t:x", "modelslab", "wan", "text-to-video"))
    assert caught.value.code == "ai_provider_unknown"
    assert hf.requests == [] and claude.requests == []


def test_a_self_hosted_server_needs_no_token_and_a_row_needs_a_model(hf, monkeypatch):
    monkeypatch.delenv("HF_TOKEN")
    hf.token = None
    try:
        get_settings.cache_clear()
        assert ai.missing_configuration("huggingface") is None
        assert decode(ai.text_to_image(hf_spec(), "a fox")).size == (64, 64)
    finally:
        hf.token = FakeHF.token
    with pytest.raises(AINotConfigured) as caught:
        ai.embed_face(hf_spec("", "face-embedding"), picture())
    assert caught.value.code == "ai_model_missing"


def test_importing_without_any_key_does_not_crash():
    env = {k: v for k, v in os.environ.items() if k not in KEYS}
    script = (
        "import lumiku.services.ai as ai\n"
        "from lumiku.services.ai.base import ModelSpec\n"
        "spec = ModelSpec('t:x', 'huggingface', 'acme/model', 'text-to-image')\n"
        "try:\n"
        "    ai.text_to_image(spec, 'a fox')\n"
        "except ai.AINotConfigured as error:\n"
        "    print(error.code)\n"
        "print(ai.missing_configuration('anthropic'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["ai_key_missing_huggingface", "ai_key_missing_anthropic"]


# ------------------------------------------------------------ the retry policy itself


def test_with_retries_backs_off_exponentially_and_gives_up():
    slept: list[float] = []
    calls = []

    def busy():
        calls.append(1)
        raise TransientAIError("busy")

    with pytest.raises(TransientAIError):
        retry.with_retries(busy, attempts=4, base_delay=0.5, sleep=slept.append)
    assert slept == [0.5, 1.0, 2.0] and len(calls) == 4


def test_retry_after_reads_seconds_and_dates():
    assert retry_after_seconds("7") == 7.0 and retry_after_seconds(2.5) == 2.5
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # already past
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 25 < retry_after_seconds(later) <= 30
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


def test_with_retries_leaves_other_errors_alone():
    slept: list[float] = []

    def refused():
        raise AIRefused("no")

    with pytest.raises(AIRefused):
        retry.with_retries(refused, sleep=slept.append)
    assert slept == []
    answers = iter([TransientAIError("busy", retry_after=0.25), "done"])

    def flaky():
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    assert retry.with_retries(flaky, sleep=slept.append) == "done"
    assert slept == [0.25]


def test_pose_image_sends_the_identity_reference_as_an_ip_adapter_image(hf):
    spec = hf_spec(
        "thibaud/controlnet-openpose-sdxl-1.0",
        "pose-image",
        parameters={"controlnet_conditioning_scale": 1.0, "num_inference_steps": 30},
    )
    skeleton = picture((48, 64), (0, 0, 0))
    face = Image.new("RGB", (2000, 1500), (220, 180, 150))
    out = io.BytesIO()
    face.save(out, "JPEG")
    result = decode(
        ai.pose_image(
            spec, skeleton, "a dancer", reference=out.getvalue(), seed=7, width=48, height=64
        )
    )
    sent = hf.last
    assert base64.b64decode(sent.json["inputs"]) == skeleton  # the pose is the input image
    reference = decode(base64.b64decode(sent.parameters.pop("ip_adapter_image")))
    assert reference.size == (1024, 768)  # a PNG, at most 1024 px a side, the photo's shape
    assert all(abs(a - b) <= 2 for a, b in zip(middle(reference), (220, 180, 150), strict=True))
    assert sent.parameters == {
        "controlnet_conditioning_scale": 1.0,
        "num_inference_steps": 30,
        "prompt": "a dancer",
        "seed": 7,
        "target_size": {"width": 48, "height": 64},
    }
    assert result.size == (48, 64)
    ai.pose_image(spec, skeleton, "a dancer")
    assert "ip_adapter_image" not in hf.last.parameters  # no reference, none sent
    with pytest.raises(AIError, match="reference image is not an image"):
        ai.pose_image(spec, skeleton, "a dancer", reference=b"not a picture")
