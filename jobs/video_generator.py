"""Video Generator's item: a video made at a provider's queue without holding a worker.

The first run sends the request (with the start and end images, cropped to the video's frame)
and raises CheckBack with what finds the work again; every later run asks how it goes and
checks back, its progress the provider's figure or, where it gives none, the time waited
against the model's usual time. A video still not done after the model's limit is cancelled at
the provider and the item fails (refunded); so does a provider's failure. A finished video is
downloaded (bounded), proven by ffprobe to be a video with a length, and given a poster frame.
"""

from __future__ import annotations

import dataclasses
import io
import logging
import time
from pathlib import Path
from typing import Any

from jobs import ffmpeg
from jobs.ai import serve
from lumiku.db import session_scope
from lumiku.models import AIModel
from lumiku.services import ai, ai_models, files, media
from lumiku.services.errors import ServiceError
from lumiku.services.generations import CheckBack, ItemContext, ItemFailed, TransientError
from lumiku.services.video_generator import rules

log = logging.getLogger(__name__)

POLL_SECONDS = 5.0  # the original polled every 5 s
BUSY_POLL_SECONDS = 30.0  # after the provider said "busy" to a status check
POSTER_SIDE = 640  # px, the poster frame's long side
IMAGE_QUALITY = 92


def _spec(model_key: str) -> ai.ModelSpec:
    """The registry model that accepted the work (it may be the fallback): checks, downloads
    and cancels go to it."""
    with session_scope() as db:
        model = db.get(AIModel, model_key)
        if model is None:
            raise ItemFailed("model_unavailable")
        return ai_models.spec_for(model)


def _image_model(model_key: str) -> str:
    """Where the row sends requests with a start image ("" for its own provider model)."""
    with session_scope() as db:
        model = db.get(AIModel, model_key)
        capabilities = (model.capabilities or {}) if model else {}
        return str(capabilities.get("imageModel") or "")


def frame_picture(data: bytes, width: int, height: int) -> bytes:
    """A start or end image cropped to the video's aspect (centred) and scaled to its size,
    as a JPEG: the provider gets the frame the video starts or ends on, not a 4000 px photo."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as opened:
        picture = ImageOps.exif_transpose(opened).convert("RGB")
    fitted = ImageOps.fit(picture, (width, height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    fitted.save(out, "JPEG", quality=IMAGE_QUALITY)
    return out.getvalue()


def _picture(ctx: ItemContext, file_id: str) -> bytes | None:
    if not file_id:
        return None
    try:
        data = files.read_bytes(ctx.user_id, file_id)
    except ServiceError:  # deleted since the submit (NotFound)
        raise ItemFailed("video_generator_image_gone") from None
    return frame_picture(data, int(ctx.settings["width"]), int(ctx.settings["height"]))


def submit(ctx: ItemContext) -> dict[str, Any]:
    """Sends the request to the model (or its fallback); the remote job and who took it."""
    s = ctx.settings
    start, end = _picture(ctx, s.get("start_file_id", "")), _picture(ctx, s.get("end_file_id", ""))
    ctx.check_cancelled()

    def call(spec: ai.ModelSpec) -> dict[str, Any]:
        image_model = _image_model(spec.key) if start is not None else ""
        if image_model and not spec.provider_model.startswith(("http://", "https://")):
            spec = dataclasses.replace(spec, provider_model=image_model)
        return ai.submit_video(
            spec,
            s["prompt"],
            seconds=float(s["duration"]),
            width=int(s["width"]),
            height=int(s["height"]),
            negative_prompt=s.get("negative_prompt", ""),
            seed=ctx.params.get("seed"),
            start_image=start,
            end_image=end,
            audio=bool(s.get("audio")),
        )

    job, served_by = serve(s["model_key"], call)
    return {**job, "served_by": served_by, "submitted_at": time.time()}


def run(ctx: ItemContext) -> Path:
    remote = ctx.params.get("remote")
    if not remote:
        ctx.progress(2, "submitting")
        raise CheckBack(POLL_SECONDS, submit(ctx), progress=5, stage="in_queue")
    spec = _spec(remote["served_by"])
    elapsed = time.time() - float(remote.get("submitted_at", time.time()))
    try:
        status = ai.check_video(spec, remote)
    except ai.TransientAIError as exc:  # busy: look again later, the wait still bounded
        if elapsed > _limit(ctx):
            _give_up(spec, remote)
        wait = max(BUSY_POLL_SECONDS, exc.retry_after or 0)
        raise CheckBack(wait, remote, stage="in_queue") from None
    except ai.AIError as exc:
        ai.cancel_video(spec, remote)
        raise ItemFailed(exc.code) from exc
    if status.state == "failed":
        log.info("video %s failed at the provider: %s", ctx.item_id, status.error[:300])
        raise ItemFailed("video_generator_failed")
    if status.state != "done":
        if elapsed > _limit(ctx):
            _give_up(spec, remote)
        typical = int(ctx.settings.get("typical_seconds") or 120)
        share = rules.progress(elapsed, typical, status.progress)
        stage = "generating"
        if status.state == "queued":  # "in_queue:3": third in the provider's queue
            where = status.queue_position
            stage = "in_queue" if where is None else f"in_queue:{where}"
        raise CheckBack(POLL_SECONDS, remote, progress=share, stage=stage)
    return _finish(ctx, spec, remote, status.video_url)


def _limit(ctx: ItemContext) -> float:
    return float(ctx.settings.get("max_wait_seconds") or 600)


def _give_up(spec: ai.ModelSpec, remote: dict[str, Any]) -> None:
    ai.cancel_video(spec, remote)
    raise ItemFailed("video_generator_timeout")


def _finish(ctx: ItemContext, spec: ai.ModelSpec, remote: dict[str, Any], url: str) -> Path:
    """The finished video downloaded, checked and given its poster frame."""
    ctx.progress(96, "downloading")
    try:
        data = ai.download_video(spec, url, files.limit_bytes("video"))
    except ai.TransientAIError:
        raise TransientError("ai_busy") from None  # the remote state stays: the retry downloads
    except ai.AIBadReply:
        raise ItemFailed("video_generator_broken_video") from None
    except ai.AIError as exc:
        raise ItemFailed(exc.code) from exc
    raw = ctx.workdir / "download"
    raw.write_bytes(data)
    try:
        info = media.probe(raw)
    except ServiceError:
        raise ItemFailed("video_generator_broken_video") from None
    if info.media != "video" or not info.duration or info.duration <= 0:
        raise ItemFailed("video_generator_broken_video")
    video = raw.rename(ctx.workdir / f"video.{info.extension}")
    ctx.progress(98, "poster")
    ctx.thumbnail = poster(video, ctx.workdir / "poster.jpg", info.duration)
    ctx.notes.update(
        served_by=remote.get("served_by", ""),
        duration=round(info.duration, 3),
        width=info.width,
        height=info.height,
    )
    return video


def poster(video: Path, out: Path, duration: float) -> Path:
    """A JPEG of one frame, a second in (the middle of a shorter video), its long side at most
    POSTER_SIDE. Decoding a frame also proves the video plays past its header."""
    at = min(1.0, duration / 2)
    scale = (
        f"scale='if(gt(iw,ih),min({POSTER_SIDE},iw),-2)':'if(gt(iw,ih),-2,min({POSTER_SIDE},ih))'"
    )
    args = ["ffmpeg", "-hide_banner", "-v", "error", "-y", "-nostdin", "-ss", f"{at:.3f}"]
    args += ["-i", str(video), "-frames:v", "1", "-vf", scale, "-q:v", "3", str(out)]
    try:
        ffmpeg.run(args, 0, None, limit=120)
    except RuntimeError:
        raise ItemFailed("video_generator_broken_video") from None
    if not out.is_file() or out.stat().st_size == 0:
        raise ItemFailed("video_generator_broken_video")
    return out


def cancel_remote(ctx: ItemContext) -> None:
    """The engine's `cancel_remote` part: the user cancelled while the video was being made at
    the provider; ask it to stop (best effort: the item is cancelled and refunded anyway)."""
    remote = ctx.params.get("remote")
    if not remote or not remote.get("served_by"):
        return
    try:
        ai.cancel_video(_spec(remote["served_by"]), remote)
    except Exception:  # never in the way of a cancel
        log.warning("could not cancel video %s at the provider", ctx.item_id, exc_info=True)
