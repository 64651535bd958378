"""The AI calls the engine and the apps make, one per capability, dispatched to the provider a
registry row names (lumiku.services.ai.base.ModelSpec).

Every call checks the provider is configured (AINotConfigured otherwise), retries transient
errors (lumiku.services.ai.retry) and ends in a result or an AIError subclass, whose `code` is a
message key. Provider SDKs are imported on first use, and settings read at call time, so importing
this module never needs a key.

Images go in and come out as encoded bytes (PNG out); boxes are (left, top, right, bottom) and
points (x, y), in the image's pixels.

Videos that take minutes are asynchronous (submit_video, check_video, cancel_video,
download_video): the caller keeps the job between looks and holds no worker while it waits.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from types import ModuleType
from typing import Any

from lumiku.services.ai import retry
from lumiku.services.ai.base import (
    CAPABILITIES,
    PROVIDERS,
    AIBadReply,
    AIError,
    AINotConfigured,
    AIRefused,
    AITimeout,
    ModelSpec,
    TransientAIError,
    VideoStatus,
)
from lumiku.settings import get_settings

__all__ = [
    "CAPABILITIES",
    "PROVIDERS",
    "AIBadReply",
    "AIError",
    "AINotConfigured",
    "AIRefused",
    "AITimeout",
    "ModelSpec",
    "TransientAIError",
    "VideoStatus",
    "cancel_video",
    "check_video",
    "download_video",
    "embed_face",
    "image_to_image",
    "image_to_video",
    "inpaint",
    "missing_configuration",
    "pose_image",
    "segment",
    "submit_video",
    "test_connection",
    "text_to_image",
    "text_to_video",
    "upscale",
    "write_text",
]

log = logging.getLogger(__name__)

# The asynchronous video calls, which Hugging Face serves through fal.ai's queue protocol.
VIDEO_JOB_CALLS = frozenset({"submit_video", "check_video", "cancel_video", "download_video"})


def missing_configuration(provider: str) -> str | None:
    """None when `provider` can be called; else the message key saying what is missing."""
    if provider == "local":
        return None
    settings = get_settings()
    if provider == "huggingface":
        # A self-hosted inference server may need no token; Hugging Face's router always does.
        ready = bool(settings.hf_token or settings.hf_inference_url)
        return None if ready else "ai_key_missing_huggingface"
    if provider == "anthropic":
        return None if settings.anthropic_api_key else "ai_key_missing_anthropic"
    return "ai_provider_unknown"


def _module(provider: str, name: str = "") -> ModuleType:
    if provider == "huggingface" and name in VIDEO_JOB_CALLS:
        from lumiku.services.ai import video_jobs

        return video_jobs
    if provider == "huggingface":
        from lumiku.services.ai import huggingface

        return huggingface
    if provider == "anthropic":
        from lumiku.services.ai import claude

        return claude
    from lumiku.services.ai import local

    return local


def _provider_call(spec: ModelSpec, name: str) -> Callable[..., Any]:
    problem = missing_configuration(spec.provider)
    if problem == "ai_provider_unknown":
        raise AINotConfigured(f"unknown provider {spec.provider!r}", code=problem)
    call = getattr(_module(spec.provider, name), name, None)
    if call is None:
        raise AIError(f"{spec.provider} cannot do {name}", code="ai_capability_unsupported")
    if problem:
        raise AINotConfigured(f"{spec.provider} is not configured", code=problem)
    if spec.provider != "local" and not spec.provider_model:
        raise AINotConfigured(f"{spec.key} names no model", code="ai_model_missing")
    return call


def _run(spec: ModelSpec, name: str, *args: Any, retries: bool = True, **kwargs: Any) -> Any:
    call = _provider_call(spec, name)

    def attempt() -> Any:
        try:
            return call(spec, *args, **kwargs)
        except AIError:
            raise
        except Exception as exc:  # a bug or an input we did not foresee: never a raw traceback
            log.exception("AI call %s on %s failed unexpectedly", name, spec.key)
            raise AIError(f"{name} failed: {exc!r}") from exc

    if not retries:
        return attempt()
    return retry.with_retries(attempt, sleep=retry.pause)


def text_to_image(
    spec: ModelSpec,
    prompt: str,
    *,
    negative_prompt: str = "",
    width: int | None = None,
    height: int | None = None,
    seed: int | None = None,
) -> bytes:
    return _run(
        spec,
        "text_to_image",
        prompt,
        negative_prompt=negative_prompt,
        width=width,
        height=height,
        seed=seed,
    )


def image_to_image(
    spec: ModelSpec,
    image: bytes,
    prompt: str,
    *,
    strength: float = 0.6,
    negative_prompt: str = "",
    seed: int | None = None,
    width: int | None = None,
    height: int | None = None,
) -> bytes:
    return _run(
        spec,
        "image_to_image",
        image,
        prompt,
        strength=strength,
        negative_prompt=negative_prompt,
        seed=seed,
        width=width,
        height=height,
    )


def pose_image(
    spec: ModelSpec,
    control: bytes,
    prompt: str,
    *,
    reference: bytes | None = None,
    negative_prompt: str = "",
    seed: int | None = None,
    width: int | None = None,
    height: int | None = None,
) -> bytes:
    """A person in the control image's pose (an OpenPose skeleton); `reference`, a picture of
    the person whose identity the result should keep (sent as an IP-Adapter image)."""
    return _run(
        spec,
        "pose_image",
        control,
        prompt,
        reference=reference,
        negative_prompt=negative_prompt,
        seed=seed,
        width=width,
        height=height,
    )


def segment(
    spec: ModelSpec,
    image: bytes,
    *,
    point: tuple[int, int] | None = None,
    box: tuple[int, int, int, int] | None = None,
) -> bytes:
    """A PNG mask (mode L, the image's size, 255 = the object)."""
    return _run(spec, "segment", image, point=point, box=box)


def inpaint(spec: ModelSpec, image: bytes, mask: bytes, *, prompt: str = "") -> bytes:
    return _run(spec, "inpaint", image, mask, prompt=prompt)


def upscale(spec: ModelSpec, image: bytes, *, factor: int = 2) -> bytes:
    return _run(spec, "upscale", image, factor=factor)


def text_to_video(
    spec: ModelSpec,
    prompt: str,
    *,
    seconds: float,
    seed: int | None = None,
    width: int | None = None,
    height: int | None = None,
    negative_prompt: str = "",
) -> bytes:
    """MP4 bytes."""
    return _run(
        spec,
        "text_to_video",
        prompt,
        seconds=seconds,
        seed=seed,
        width=width,
        height=height,
        negative_prompt=negative_prompt,
    )


def image_to_video(
    spec: ModelSpec, image: bytes, prompt: str, *, seconds: float, seed: int | None = None
) -> bytes:
    """MP4 bytes."""
    return _run(spec, "image_to_video", image, prompt, seconds=seconds, seed=seed)


def submit_video(
    spec: ModelSpec,
    prompt: str,
    *,
    seconds: float,
    width: int,
    height: int,
    negative_prompt: str = "",
    seed: int | None = None,
    start_image: bytes | None = None,
    end_image: bytes | None = None,
    audio: bool = False,
) -> dict[str, Any]:
    """Puts a video on the provider's queue and returns the job (JSON: request_id, status_url,
    response_url, cancel_url, model) to keep for check_video and cancel_video. Images are
    encoded bytes (the first and last frames); transient errors are retried here."""
    return _run(
        spec,
        "submit_video",
        prompt,
        seconds=seconds,
        width=width,
        height=height,
        negative_prompt=negative_prompt,
        seed=seed,
        start_image=start_image,
        end_image=end_image,
        audio=audio,
    )


def check_video(spec: ModelSpec, job: dict[str, Any]) -> VideoStatus:
    """One look at a submitted video, not retried: a TransientAIError (a rate limit, with its
    retry_after) is the caller's cue to look again later, without holding a worker."""
    return _run(spec, "check_video", job, retries=False)


def cancel_video(spec: ModelSpec, job: dict[str, Any]) -> None:
    """Asks the provider to drop a submitted video; best effort, never raises."""
    try:
        _run(spec, "cancel_video", job, retries=False)
    except Exception as exc:
        log.info("cancelling video job on %s failed: %s", spec.key, exc)


def download_video(spec: ModelSpec, url: str, max_bytes: int) -> bytes:
    """The finished video's MP4 bytes (check_video's video_url); AIBadReply when it is larger
    than `max_bytes`, empty or not an MP4."""
    return _run(spec, "download_video", url, max_bytes)


def write_text(spec: ModelSpec, prompt: str, *, system: str = "", max_tokens: int = 1024) -> str:
    return _run(spec, "write_text", prompt, system=system, max_tokens=max_tokens)


def embed_face(spec: ModelSpec, image: bytes) -> list[float]:
    return _run(spec, "embed_face", image)


def test_connection(spec: ModelSpec) -> str:
    """One cheap real call, not retried: "answered in 0.4 s", or the AIError it ended in."""
    return _run(spec, "test_connection", retries=False)


test_connection.__test__ = False  # type: ignore[attr-defined]  # not a pytest test when imported
