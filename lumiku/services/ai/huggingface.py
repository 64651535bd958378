"""Hugging Face models through `huggingface_hub.InferenceClient`.

A registry row names a repo id or an endpoint URL. A repo id goes through Hugging Face's router,
or, when HF_INFERENCE_URL is set (a self-hosted server, a proxy, the tests' fake), to
`<url>/models/<repo id>`; a URL is used as is. The row's parameters (steps, guidance, LoRA, ...)
are sent with every request, under the call's own values. The client never retries on its own:
lumiku.services.ai.retry decides, from the errors this module maps.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import io
import json
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

import httpx2
import numpy as np
from huggingface_hub import InferenceClient
from huggingface_hub.errors import HfHubHTTPError, InferenceTimeoutError
from huggingface_hub.utils import build_hf_headers, get_session, hf_raise_for_status
from PIL import Image, UnidentifiedImageError

from lumiku.services.ai.base import (
    REFUSAL_WORDS,
    AIBadReply,
    AIError,
    AIRefused,
    AITimeout,
    ModelSpec,
    TransientAIError,
    is_mp4,
    open_image,
    png_bytes,
    retry_after_seconds,
)
from lumiku.settings import get_settings

T = TypeVar("T")

# Keys a row's parameters may not set: they frame the request itself.
RESERVED = frozenset({"model", "inputs", "image", "messages", "stream"})
SEGMENTATION_OPTIONS = ("mask_threshold", "overlap_mask_area_threshold", "subtask", "threshold")
FEATURE_OPTIONS = ("normalize", "prompt_name", "truncate", "truncation_direction", "dimensions")
TRANSIENT_STATUSES = (429, 502, 503, 504)
REFERENCE_SIDE = 1024  # px, the longest side of an identity reference sent with a request


# ------------------------------------------------------------ plumbing


def _is_url(model: str) -> bool:
    return model.startswith(("http://", "https://"))


def _model(spec: ModelSpec) -> str:
    if _is_url(spec.provider_model):
        return spec.provider_model
    base = get_settings().hf_inference_url.rstrip("/")
    return f"{base}/models/{spec.provider_model}" if base else spec.provider_model


def _client(spec: ModelSpec) -> InferenceClient:
    token = get_settings().hf_token or None
    return InferenceClient(model=_model(spec), token=token, timeout=spec.timeout)


def _merged(spec: ModelSpec, **own: Any) -> dict[str, Any]:
    """The row's parameters under the call's own values (None and "" mean "not given")."""
    body = {k: v for k, v in spec.parameters.items() if k not in RESERVED}
    body.update({k: v for k, v in own.items() if v is not None and v != ""})
    return body


def _size(width: int | None, height: int | None) -> dict[str, int] | None:
    return {"width": width, "height": height} if width and height else None


def _call(spec: ModelSpec, request: Callable[[InferenceClient], T]) -> T:
    """One request; whatever the client raises comes out as an AIError subclass."""
    client = _client(spec)
    try:
        return request(client)
    except AIError:
        raise
    except Exception as exc:
        raise _error(exc) from exc
    finally:
        client.close()


def _error(exc: Exception) -> AIError:
    if isinstance(exc, InferenceTimeoutError | httpx2.TimeoutException):
        return AITimeout(f"no answer in time: {exc}")
    if isinstance(exc, HfHubHTTPError) and exc.response is not None:
        return _http_error(exc)
    if isinstance(exc, httpx2.TransportError):
        return TransientAIError(f"connection failed: {exc!r}")
    bad = (UnidentifiedImageError, json.JSONDecodeError, UnicodeDecodeError, binascii.Error)
    if isinstance(exc, bad):
        return AIBadReply(f"unreadable reply: {exc}")
    return AIError(f"Hugging Face call failed: {exc!r}")


def _http_error(exc: HfHubHTTPError) -> AIError:
    response = exc.response
    try:
        text = response.text
    except Exception:  # a stream that could not be read: the status still says enough
        text = ""
    status = response.status_code
    detail = f"HTTP {status}: {(exc.server_message or text)[:300]}"
    if status in TRANSIENT_STATUSES:
        wait = retry_after_seconds(response.headers.get("retry-after"))
        if wait is None:
            with contextlib.suppress(ValueError, AttributeError):
                wait = retry_after_seconds(json.loads(text).get("estimated_time"))
        return TransientAIError(detail, retry_after=wait)
    if status in (401, 403):
        return AIError(detail, code="ai_key_rejected")
    if status in (400, 422) and REFUSAL_WORDS.search(text or str(exc)):
        return AIRefused(detail)
    return AIError(detail)


def _post(spec: ModelSpec, url: str, payload: dict[str, Any]) -> bytes:
    """The hf-inference protocol by hand, for tasks the client only routes to third-party
    providers (video): the same session, headers and error handling as the client's own."""
    headers = build_hf_headers(token=get_settings().hf_token or None)
    response = get_session().post(url, json=payload, headers=headers, timeout=spec.timeout)
    hf_raise_for_status(response)
    return response.content


def _fit(result: Image.Image, size: tuple[int, int]) -> bytes:
    """The reply as PNG at `size` (endpoints round sizes to multiples of 8 or their own scale)."""
    image = Image.open(io.BytesIO(png_bytes(result)))
    if image.size != size:
        image = image.resize(size, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _mp4(data: bytes) -> bytes:
    if not isinstance(data, bytes) or not is_mp4(data):
        raise AIBadReply("the reply is not an MP4 video")
    return data


def _frames(spec: ModelSpec, seconds: float) -> int:
    fps = float(spec.parameters.get("fps") or 24)
    return max(1, round(seconds * fps))


# ------------------------------------------------------------ capabilities


def text_to_image(
    spec: ModelSpec,
    prompt: str,
    *,
    negative_prompt: str = "",
    width: int | None = None,
    height: int | None = None,
    seed: int | None = None,
) -> bytes:
    body = _merged(spec, negative_prompt=negative_prompt, width=width, height=height, seed=seed)
    return png_bytes(_call(spec, lambda c: c.text_to_image(prompt, extra_body=body)))


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
    open_image(image)
    body = _merged(
        spec,
        prompt=prompt,
        strength=strength,
        negative_prompt=negative_prompt,
        seed=seed,
        target_size=_size(width, height),
    )
    return png_bytes(_call(spec, lambda c: c.image_to_image(image, **body)))


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
    """ControlNet endpoints take the control image (the skeleton) as their input image; the
    identity reference goes as `ip_adapter_image` (base64 PNG), the diffusers pipelines' name."""
    open_image(control, "the control image")
    identity = None
    if reference is not None:
        picture = open_image(reference, "the reference image").convert("RGB")
        picture.thumbnail((REFERENCE_SIDE, REFERENCE_SIDE))  # an encoder sees 224 px anyway
        out = io.BytesIO()
        picture.save(out, "PNG")
        identity = base64.b64encode(out.getvalue()).decode("ascii")
    body = _merged(
        spec,
        prompt=prompt,
        negative_prompt=negative_prompt,
        seed=seed,
        target_size=_size(width, height),
        ip_adapter_image=identity,
    )
    return png_bytes(_call(spec, lambda c: c.image_to_image(control, **body)))


def segment(
    spec: ModelSpec,
    image: bytes,
    *,
    point: tuple[int, int] | None = None,
    box: tuple[int, int, int, int] | None = None,
) -> bytes:
    """The task answers every segment it sees; the point or the box picks one here."""
    size = open_image(image).size
    options = {k: v for k, v in spec.parameters.items() if k in SEGMENTATION_OPTIONS}
    found = _call(spec, lambda c: c.image_segmentation(image, **options))
    masks: list[tuple[float, np.ndarray]] = []
    for item in found:
        try:
            mask = item.mask.convert("L").resize(size, Image.Resampling.NEAREST)
        except (AttributeError, OSError, ValueError) as exc:
            raise AIBadReply(f"a mask is not an image: {exc}") from exc
        masks.append((float(item.score or 0.0), np.asarray(mask) > 127))
    if not masks:
        raise AIBadReply("the model found no segment")
    chosen = _pick(masks, size, point, box)
    out = io.BytesIO()
    Image.fromarray(chosen.astype(np.uint8) * 255, "L").save(out, "PNG")
    return out.getvalue()


def _pick(
    masks: list[tuple[float, np.ndarray]],
    size: tuple[int, int],
    point: tuple[int, int] | None,
    box: tuple[int, int, int, int] | None,
) -> np.ndarray:
    width, height = size
    if point is not None:
        x = min(max(int(point[0]), 0), width - 1)
        y = min(max(int(point[1]), 0), height - 1)
        hits = [(score, -int(m.sum()), m) for score, m in masks if m[y, x]]
        if not hits:
            raise AIBadReply("no segment under the point")
        return max(hits, key=lambda hit: hit[:2])[2]
    if box is not None:
        region = np.zeros((height, width), bool)
        x0, x1 = sorted((int(box[0]), int(box[2])))
        y0, y1 = sorted((int(box[1]), int(box[3])))
        region[max(y0, 0) : y1, max(x0, 0) : x1] = True

        def overlap(mask: np.ndarray) -> float:
            union = (mask | region).sum()
            return float((mask & region).sum() / union) if union else 0.0

        return max((m for _, m in masks), key=overlap) & region
    return max(masks, key=lambda scored: scored[0])[1]


def inpaint(spec: ModelSpec, image: bytes, mask: bytes, *, prompt: str = "") -> bytes:
    """Inpainting endpoints take the image as input and the mask as `mask_image` (base64)."""
    size = open_image(image).size
    mask_image = open_image(mask, "the mask").convert("L").resize(size, Image.Resampling.NEAREST)
    buffer = io.BytesIO()
    mask_image.save(buffer, "PNG")
    encoded = base64.b64encode(buffer.getvalue()).decode()
    body = _merged(spec, prompt=prompt, mask_image=encoded)
    return _fit(_call(spec, lambda c: c.image_to_image(image, **body)), size)


def upscale(spec: ModelSpec, image: bytes, *, factor: int = 2) -> bytes:
    width, height = open_image(image).size
    target = (width * factor, height * factor)
    body = _merged(spec, target_size=_size(*target))
    return _fit(_call(spec, lambda c: c.image_to_image(image, **body)), target)


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
    body = _merged(
        spec,
        num_frames=_frames(spec, seconds),
        seed=seed,
        width=width,
        height=height,
        negative_prompt=[negative_prompt] if negative_prompt else None,
    )
    model = _model(spec)
    if _is_url(model):  # the client routes video only to third-party providers
        payload = {"inputs": prompt, "parameters": body}
        return _mp4(_call(spec, lambda c: _post(spec, model, payload)))
    return _mp4(_call(spec, lambda c: c.text_to_video(prompt, extra_body=body)))


def image_to_video(
    spec: ModelSpec, image: bytes, prompt: str, *, seconds: float, seed: int | None = None
) -> bytes:
    open_image(image)
    body = _merged(spec, prompt=prompt, num_frames=_frames(spec, seconds), seed=seed)
    model = _model(spec)
    if _is_url(model):
        payload = {"inputs": base64.b64encode(image).decode(), "parameters": body}
        return _mp4(_call(spec, lambda c: _post(spec, model, payload)))
    return _mp4(_call(spec, lambda c: c.image_to_video(image, **body)))


def embed_face(spec: ModelSpec, image: bytes) -> list[float]:
    """feature-extraction takes text, so the image goes as base64 in `inputs`: what image
    embedding endpoints (custom handlers, TEI-style servers) read."""
    open_image(image)
    options = {k: v for k, v in spec.parameters.items() if k in FEATURE_OPTIONS}
    encoded = base64.b64encode(image).decode()

    def request(client: InferenceClient) -> Any:
        try:
            return client.feature_extraction(encoded, **options)
        except HfHubHTTPError:
            raise
        except TypeError as exc:  # JSON that is not numbers
            raise AIBadReply(f"the reply is not a vector: {exc}") from exc

    try:
        vector = np.asarray(_call(spec, request), dtype=float)
    except (TypeError, ValueError) as exc:
        raise AIBadReply(f"the reply is not a vector: {exc}") from exc
    while vector.ndim > 1 and vector.shape[0]:
        vector = vector[0]  # one vector per face: the first
    if vector.ndim != 1 or not vector.size or not np.isfinite(vector).all():
        raise AIBadReply("the reply is not a vector")
    return [float(v) for v in vector]


def write_text(spec: ModelSpec, prompt: str, *, system: str = "", max_tokens: int = 1024) -> str:
    """Chat completion (TGI / OpenAI-compatible); the Anthropic provider is the usual writer."""
    messages = [{"role": "system", "content": system}] if system else []
    messages.append({"role": "user", "content": prompt})
    extra = {k: v for k, v in spec.parameters.items() if k not in RESERVED | {"max_tokens"}}
    output = _call(
        spec,
        lambda c: c.chat_completion(messages, max_tokens=max_tokens, extra_body=extra or None),
    )
    try:
        choice = output.choices[0]
        text = (choice.message.content or "").strip()
    except (AttributeError, IndexError, TypeError) as exc:
        raise AIBadReply(f"the reply is not a chat completion: {exc}") from exc
    if choice.finish_reason == "content_filter":
        raise AIRefused("the model's content filter stopped the reply")
    if not text:
        raise AIBadReply("the reply is empty")
    return text


# ------------------------------------------------------------ test connection


def _probe_image(size: int = 32) -> bytes:
    image = Image.new("RGB", (size, size), (40, 90, 160))
    image.paste((220, 40, 40), (size // 4, size // 4, 3 * size // 4, 3 * size // 4))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_connection(spec: ModelSpec) -> str:
    """The smallest real request the row's capability allows: one step, a tiny image."""
    cheap = replace(spec, parameters={**spec.parameters, "num_inference_steps": 1})
    probe = _probe_image()
    started = time.monotonic()
    runs: dict[str, Callable[[], object]] = {
        "text-to-image": lambda: text_to_image(cheap, "a test", width=64, height=64),
        "image-to-image": lambda: image_to_image(cheap, probe, "a test"),
        "pose-image": lambda: pose_image(cheap, probe, "a test"),
        "segmentation": lambda: segment(spec, probe),
        "inpainting": lambda: inpaint(cheap, probe, probe),
        "upscaling": lambda: upscale(spec, probe),
        "text-to-video": lambda: text_to_video(cheap, "a test", seconds=1),
        "image-to-video": lambda: image_to_video(cheap, probe, "a test", seconds=1),
        "text": lambda: write_text(spec, "Say OK.", max_tokens=4),
        "face-embedding": lambda: embed_face(spec, probe),
    }
    run = runs.get(spec.capability)
    if run is None:
        raise AIError(f"unknown capability {spec.capability!r}", code="ai_capability_unsupported")
    run()
    return f"answered in {time.monotonic() - started:.1f} s"
