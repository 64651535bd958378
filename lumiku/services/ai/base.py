"""What every AI provider shares: the capabilities, what a registry row tells a provider, and the
errors a call can end in.

The engine and the apps speak only in these terms; `lumiku.services.ai` dispatches a call to the
provider its registry row names (Hugging Face, Anthropic, or `local` CPU algorithms). Every error
carries a message key the user can act on; transient ones also say how long to wait.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from PIL import Image

# One small interface per capability (see lumiku.services.ai for the calls).
CAPABILITIES = (
    "text-to-image",
    "image-to-image",  # reference variations: an image, a prompt and a strength
    "pose-image",  # pose-guided: a control image (an OpenPose skeleton) and a prompt
    "segmentation",  # a mask of the object under a point or inside a box
    "inpainting",  # an image and a mask: the masked region filled
    "upscaling",
    "text-to-video",
    "image-to-video",
    "text",  # persona, prompt and caption writing
    "face-embedding",  # a vector per face, for likeness scores
)
PROVIDERS = ("huggingface", "anthropic", "local")


@dataclass(frozen=True)
class ModelSpec:
    """A registry row (models.AIModel) in the provider's terms."""

    key: str  # the registry key, "<app id>:<model id>"
    provider: str  # one of PROVIDERS
    # HF: a repo id or an endpoint URL; Anthropic: a model name; local: an algorithm
    provider_model: str
    capability: str  # one of CAPABILITIES
    parameters: dict[str, Any] = field(default_factory=dict)  # defaults under each call's own
    timeout: float = 120.0  # seconds for one request


VIDEO_STATES = ("queued", "running", "done", "failed")


@dataclass(frozen=True)
class VideoStatus:
    """Where a video submitted to a provider's queue stands (lumiku.services.ai.check_video)."""

    state: str  # one of VIDEO_STATES
    progress: float | None = None  # 0-100, where the provider reports it
    queue_position: int | None = None  # while queued, where the provider says
    video_url: str = ""  # when done: where to download it (download_video)
    error: str = ""  # when failed: a message key (ai_refused, ai_failed, ...)


class AIError(Exception):
    """A call that did not produce a result. `code` is a message key (lumiku.i18n) safe to show."""

    code = "ai_failed"

    def __init__(self, detail: str = "", code: str | None = None) -> None:
        super().__init__(detail or self.code)
        if code:
            self.code = code


class TransientAIError(AIError):
    """Worth trying again later: the model is loading (503), a rate limit (429), a dropped
    connection. `retry_after` is the provider's own wait in seconds where it gave one."""

    code = "ai_busy"

    def __init__(self, detail: str = "", retry_after: float | None = None) -> None:
        super().__init__(detail)
        self.retry_after = retry_after


class AITimeout(AIError):
    code = "ai_timeout"


class AIRefused(AIError):
    """The provider's content policy refused the request: rephrasing is the user's move."""

    code = "ai_refused"


class AIBadReply(AIError):
    """The provider answered with something that is not what was asked for (not an image, say)."""

    code = "ai_bad_reply"


class AINotConfigured(AIError):
    """The provider's key (or endpoint) is not set on this server: the model is off."""

    code = "ai_key_missing"


# ------------------------------------------------------------ shared by the providers

# What a provider's content-policy refusal says about itself (HF safety checkers, Anthropic's
# filters): a refusal is the user's to rephrase, not ours to retry.
REFUSAL_WORDS = re.compile(
    r"nsfw|content[ _-]?(policy|filter)|safety|unsafe|moderation|inappropriate|prohibited",
    re.IGNORECASE,
)


def retry_after_seconds(value: object) -> float | None:
    """A Retry-After header (seconds or an HTTP date) or an `estimated_time` as seconds."""
    if value is None or value == "":
        return None
    try:
        seconds = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        try:
            when = parsedate_to_datetime(str(value))
        except (TypeError, ValueError):
            return None
        seconds = (when - datetime.now(UTC)).total_seconds()
    return max(0.0, seconds) if math.isfinite(seconds) else None


def png_bytes(image: bytes | Image.Image, what: str = "the reply") -> bytes:
    """The image fully decoded and written as PNG: a reply that is not a whole image (empty,
    truncated, HTML) is AIBadReply, whatever format a provider chose is PNG from here on."""
    try:
        if isinstance(image, bytes | bytearray):
            with Image.open(io.BytesIO(image)) as probe:
                probe.verify()  # checksums and structure, before decoding
            image = Image.open(io.BytesIO(image))
        image.load()
        if image.mode not in ("RGB", "RGBA", "L", "LA"):
            clear = "A" in image.getbands() or "transparency" in image.info
            image = image.convert("RGBA" if clear else "RGB")
        out = io.BytesIO()
        image.save(out, "PNG")
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise AIBadReply(f"{what} is not an image: {exc}") from exc
    return out.getvalue()


def open_image(data: bytes, what: str = "the image") -> Image.Image:
    """An input image, decoded; a caller's bytes that are not an image are the caller's error."""
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise AIError(f"{what} is not an image: {exc}") from exc
    return image


def is_mp4(data: bytes) -> bool:
    """An ISO base media file (MP4/MOV): its first box is `ftyp`."""
    return len(data) > 16 and data[4:8] == b"ftyp"
