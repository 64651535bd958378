"""Videos made asynchronously: fal.ai's queue protocol, through Hugging Face's router (or an
endpoint URL that speaks it). A video takes minutes, so nothing here waits for one: the caller
submits, stores the job it gets back, checks on it later (the engine's CheckBack frees the worker
meanwhile) and downloads the result.

The protocol: POST the request to `<base>/fal-ai/<fal model id>` (the router wants
`?_subdomain=queue`); the reply names the request and its status, response and cancel URLs.
GET the status URL: IN_QUEUE (with a queue position), IN_PROGRESS (with logs), COMPLETED (or an
error). GET the response URL: `{"video": {"url": ...}}`. PUT the cancel URL to stop it.

Hugging Face's token goes as a Bearer token to the base host only: the URLs a reply names on
another host (the router answers with fal.ai's own) are rewritten onto the base, as
huggingface_hub does, and a video on a CDN is fetched without it.

A registry row's parameters are sent with the request, under the call's own values, except the
keys that say how this model spells its request (fal's models differ; defaults follow Wan):
  duration_format: "frames" (num_frames and frames_per_second, from `fps`, default 16),
      "seconds" (duration: "5", Kling), "seconds_s" (duration: "8s", Veo) or "number" (5)
  size_format: "resolution" (resolution "720p" and aspect_ratio "16:9"), "size"
      (video_size {width, height}), "aspect" (aspect_ratio only) or "none"
  start_image_field (image_url), end_image_field (end_image_url; Kling: tail_image_url),
  audio_field (generate_audio: sent when audio is asked for, or always when the row names it)
"""

from __future__ import annotations

import base64
import io
import json
import logging
import re
from math import gcd
from typing import Any
from urllib.parse import urlsplit

from huggingface_hub.utils import build_hf_headers, get_session, hf_raise_for_status

from lumiku.services.ai.base import (
    REFUSAL_WORDS,
    AIBadReply,
    AIError,
    AIRefused,
    AITimeout,
    ModelSpec,
    TransientAIError,
    VideoStatus,
    is_mp4,
    open_image,
)
from lumiku.services.ai.huggingface import _error, _is_url
from lumiku.settings import get_settings

log = logging.getLogger(__name__)

ROUTER = "https://router.huggingface.co"
FORMAT_KEYS = frozenset(
    {
        "duration_format",
        "size_format",
        "start_image_field",
        "end_image_field",
        "audio_field",
        "fps",
    }
)
ASPECTS = {"16:9": 16 / 9, "9:16": 9 / 16, "1:1": 1.0, "4:5": 4 / 5, "5:4": 5 / 4}
ASPECTS |= {"4:3": 4 / 3, "3:4": 3 / 4, "21:9": 21 / 9, "9:21": 9 / 21}
FAILED_STATES = ("ERROR", "FAILED", "CANCELLED", "CANCELED")
PERCENT = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*%")
MIME = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


# ------------------------------------------------------------ plumbing


def _base() -> str:
    return get_settings().hf_inference_url.rstrip("/") or ROUTER


def _submit_url(spec: ModelSpec) -> str:
    if _is_url(spec.provider_model):
        return spec.provider_model
    base = _base()
    url = f"{base}/fal-ai/{spec.provider_model.strip('/')}"
    return f"{url}?_subdomain=queue" if urlsplit(base).netloc == urlsplit(ROUTER).netloc else url


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _onto(submit_url: str, url: str) -> str:
    """A URL from the reply, on the host we submitted to: fal's own host becomes the router's
    `/fal-ai` route (with the router's query), so the token never leaves the base host."""
    target, given = urlsplit(submit_url), urlsplit(url)
    if given.netloc == target.netloc and given.scheme == target.scheme:
        return url
    query = f"?{target.query}" if target.query else ""
    prefix = "/fal-ai" if target.path.startswith("/fal-ai/") else ""
    return f"{target.scheme}://{target.netloc}{prefix}{given.path}{query}"


def _headers(url: str, submit_url: str) -> dict[str, str]:
    """The token for the host we submitted to, nobody else."""
    if urlsplit(url).netloc != urlsplit(submit_url).netloc:
        return {}
    return build_hf_headers(token=get_settings().hf_token or None)


def _request(spec: ModelSpec, method: str, url: str, submit_url: str, **kwargs: Any) -> Any:
    """One request; its JSON reply, or an AIError subclass for whatever went wrong."""
    try:
        response = get_session().request(
            method, url, headers=_headers(url, submit_url), timeout=spec.timeout, **kwargs
        )
        hf_raise_for_status(response)
    except AIError:
        raise
    except Exception as exc:
        raise _error(exc) from exc
    try:
        return response.json()
    except (json.JSONDecodeError, UnicodeDecodeError, ValueError) as exc:
        raise AIBadReply(f"the reply is not JSON: {response.text[:200]!r}") from exc


def _job_urls(job: object) -> dict[str, str]:
    if not isinstance(job, dict) or not all(
        isinstance(job.get(k), str) and job.get(k)
        for k in ("request_id", "status_url", "response_url")
    ):
        raise AIError("not a video job this provider made", code="ai_failed")
    return job


# ------------------------------------------------------------ the request


def _aspect(width: int, height: int) -> str:
    """The closest of fal's named aspect ratios (an exact ratio where it is one of them)."""
    divisor = gcd(width, height) or 1
    exact = f"{width // divisor}:{height // divisor}"
    if exact in ASPECTS:
        return exact
    ratio = width / height
    return min(ASPECTS, key=lambda name: abs(ASPECTS[name] - ratio))


def _resolution(width: int, height: int) -> str:
    side = min(width, height)
    return "4k" if side >= 2160 else f"{side}p"


def _data_url(image: bytes, what: str) -> str:
    """An image as the data URL fal takes in place of a hosted one."""
    picture = open_image(image, what)
    mime = MIME.get(picture.format or "")
    if mime is None:  # GIF, BMP...: sent as PNG
        out = io.BytesIO()
        picture.convert("RGBA" if "A" in picture.getbands() else "RGB").save(out, "PNG")
        image, mime = out.getvalue(), "image/png"
    return f"data:{mime};base64,{base64.b64encode(image).decode('ascii')}"


def request_body(
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
    """What is POSTed: the row's parameters under the call's own values (see the module)."""
    params = spec.parameters
    own: dict[str, Any] = {"prompt": prompt}
    whole = max(1, round(float(seconds)))
    length = params.get("duration_format", "frames")
    if length == "seconds":
        own["duration"] = str(whole)
    elif length == "seconds_s":
        own["duration"] = f"{whole}s"
    elif length == "number":
        own["duration"] = whole
    else:
        fps = int(params.get("fps") or 16)
        own["num_frames"] = max(1, round(float(seconds) * fps))
        own["frames_per_second"] = fps
    size = params.get("size_format", "resolution")
    if width and height:
        if size == "resolution":
            own["resolution"] = _resolution(width, height)
            own["aspect_ratio"] = _aspect(width, height)
        elif size == "size":
            own["video_size"] = {"width": int(width), "height": int(height)}
        elif size == "aspect":
            own["aspect_ratio"] = _aspect(width, height)
    own["negative_prompt"] = negative_prompt
    own["seed"] = seed
    if start_image is not None:
        own[params.get("start_image_field") or "image_url"] = _data_url(start_image, "the start")
    if end_image is not None:
        own[params.get("end_image_field") or "end_image_url"] = _data_url(end_image, "the end")
    if audio or params.get("audio_field"):
        own[params.get("audio_field") or "generate_audio"] = bool(audio)
    body = {k: v for k, v in params.items() if k not in FORMAT_KEYS}
    body.update({k: v for k, v in own.items() if v is not None and v != ""})
    return body


# ------------------------------------------------------------ the calls


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
) -> dict[str, str]:
    """Puts the request on the provider's queue; the job (JSON) to check on it with."""
    body = request_body(
        spec,
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
    submit_url = _submit_url(spec)
    reply = _request(spec, "POST", submit_url, submit_url, json=body)
    request_id = reply.get("request_id") if isinstance(reply, dict) else None
    if not isinstance(request_id, str) or not request_id:
        raise AIBadReply(f"the queue gave no request id: {str(reply)[:200]}")
    # fal's reply names its URLs; where one is missing, fal's own layout
    home = submit_url.split("?", 1)[0].rstrip("/")
    given = {
        "status_url": f"{home}/requests/{request_id}/status",
        "response_url": f"{home}/requests/{request_id}",
        "cancel_url": f"{home}/requests/{request_id}/cancel",
    }
    for name in given:
        if isinstance(reply.get(name), str) and reply[name].startswith(("http://", "https://")):
            given[name] = reply[name]
    return {
        "request_id": request_id,
        **{name: _onto(submit_url, url) for name, url in given.items()},
        "model": spec.key,  # the row that took it (serve may have used the fallback)
    }


def check_video(spec: ModelSpec, job: dict[str, Any]) -> VideoStatus:
    """Where the job stands; when done, the video's URL (the response fetched here)."""
    urls = _job_urls(job)
    status_url = urls["status_url"]
    status_url += ("&" if "?" in status_url else "?") + "logs=1"
    reply = _request(spec, "GET", status_url, _submit_url(spec))
    if not isinstance(reply, dict) or not isinstance(reply.get("status"), str):
        raise AIBadReply(f"the status is not one: {str(reply)[:200]}")
    state = reply["status"].upper()
    if state == "IN_QUEUE":
        position = reply.get("queue_position")
        position = int(position) if isinstance(position, int | float) and position >= 0 else None
        return VideoStatus("queued", queue_position=position)
    if state == "IN_PROGRESS":
        return VideoStatus("running", progress=_progress(reply))
    if state in FAILED_STATES or (state == "COMPLETED" and reply.get("error")):
        return VideoStatus("failed", error=_failure_code(reply))
    if state != "COMPLETED":
        raise AIBadReply(f"unknown status {state[:40]!r}")
    return _result(spec, urls)


def _progress(reply: dict[str, Any]) -> float | None:
    """A `progress` the provider gave (a fraction or a percentage), else the last percentage
    its logs mention (the diffusion steps' progress bar), else None."""
    given = reply.get("progress")
    if isinstance(given, int | float) and not isinstance(given, bool) and given >= 0:
        value = float(given) * (100 if isinstance(given, float) and given <= 1 else 1)
        return min(100.0, value)
    logs = reply.get("logs")
    for entry in reversed(logs if isinstance(logs, list) else []):
        message = entry.get("message") if isinstance(entry, dict) else entry
        found = PERCENT.findall(message) if isinstance(message, str) else []
        if found:
            return min(100.0, float(found[-1]))
    return None


def _failure_code(reply: object) -> str:
    text = json.dumps(reply)[:2000] if not isinstance(reply, str) else reply
    return "ai_refused" if REFUSAL_WORDS.search(text) else "ai_failed"


def _result(spec: ModelSpec, urls: dict[str, str]) -> VideoStatus:
    """The finished job's response: its video's URL, or why there is none."""
    try:
        reply = _request(spec, "GET", urls["response_url"], _submit_url(spec))
    except AIBadReply:
        raise
    except AIError as exc:
        # fal answers a failed request's response with its error (422, 500): the video failed,
        # not our call. A bad key or a busy queue are ours and go up.
        if isinstance(exc, TransientAIError | AITimeout) or exc.code == "ai_key_rejected":
            raise
        return VideoStatus(
            "failed", error="ai_refused" if isinstance(exc, AIRefused) else "ai_failed"
        )
    if isinstance(reply, dict) and (reply.get("error") or reply.get("detail")):
        return VideoStatus("failed", error=_failure_code(reply))
    video = reply.get("video") if isinstance(reply, dict) else None
    if video is None and isinstance(reply, dict) and isinstance(reply.get("videos"), list):
        video = (reply["videos"] or [None])[0]
    url = video.get("url") if isinstance(video, dict) else video
    if not isinstance(url, str) or not url.startswith(("http://", "https://", "data:video/")):
        raise AIBadReply(f"the response names no video: {str(reply)[:200]}")
    return VideoStatus("done", progress=100.0, video_url=url)


def cancel_video(spec: ModelSpec, job: dict[str, Any]) -> None:
    """Asks the queue to drop the job; best effort: whatever goes wrong is logged."""
    try:
        urls = _job_urls(job)
        cancel_url = job.get("cancel_url") or f"{urls['response_url']}/cancel"
        _request(spec, "PUT", cancel_url, _submit_url(spec))
    except Exception as exc:  # already finished (400), gone, unreachable: nothing to undo
        log.info("could not cancel video job %s: %s", str(job)[:200], exc)


def download_video(spec: ModelSpec, url: str, max_bytes: int) -> bytes:
    """The MP4 at `url`, refused (AIBadReply) past `max_bytes`, when empty or not an MP4."""
    if url.startswith("data:video/"):
        try:
            data = base64.b64decode(url.split(",", 1)[1], validate=True)
        except (IndexError, ValueError) as exc:
            raise AIBadReply("the video's data URL is not base64") from exc
    elif url.startswith(("http://", "https://")):
        data = _fetch(spec, url, max_bytes)
    else:
        raise AIBadReply("the video's URL is not a web address")
    if len(data) > max_bytes:
        raise AIBadReply(f"the video is larger than {max_bytes} bytes")
    if not data:
        raise AIBadReply("the video is empty")
    if not is_mp4(data):
        raise AIBadReply("the video is not an MP4")
    return data


def _fetch(spec: ModelSpec, url: str, max_bytes: int) -> bytes:
    """Streamed, so a huge (or endless) answer stops at max_bytes + 1."""
    headers = _headers(url, _submit_url(spec))
    chunks: list[bytes] = []
    size = 0
    try:
        with get_session().stream(
            "GET", url, headers=headers, timeout=spec.timeout, follow_redirects=True
        ) as response:
            if response.status_code >= 400:
                response.read()
                hf_raise_for_status(response)
            length = response.headers.get("content-length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise AIBadReply(f"the video is larger than {max_bytes} bytes")
            for chunk in response.iter_bytes():
                chunks.append(chunk)
                size += len(chunk)
                if size > max_bytes:
                    raise AIBadReply(f"the video is larger than {max_bytes} bytes")
    except AIError:
        raise
    except Exception as exc:
        raise _error(exc) from exc
    return b"".join(chunks)
