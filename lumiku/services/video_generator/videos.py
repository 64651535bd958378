"""Video Generator: a video from a description (and optionally a start and an end image, an
upload or an avatar's picture) made by a registry model at a provider, one generation of one
item each. The price is held at submit and refunded when the provider fails, stalls or sends
something that is not a video; a made video becomes a row of the user's gallery."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from lumiku.db import paginate, session_scope
from lumiku.models import AIModel, Generation, StoredFile, User, VideoGeneratorVideo
from lumiku.services import ai, ai_models, billing, files, generations, owned, ratelimit
from lumiku.services.avatar_creator import avatars
from lumiku.services.avatar_creator.projects import avatar
from lumiku.services.errors import NotFound, ServiceError
from lumiku.services.generations import ItemContext
from lumiku.services.redis_client import get_redis
from lumiku.services.video_generator import prompts, rules

APP_ID = "video-generator"
CAPABILITIES = ("text-to-video", "image-to-video")
PROMPT_MODEL = "video-generator:prompt-writer"
MAX_SEED = 2**31 - 1
GALLERY_SIZE = 12
IMAGE_FIELDS = ("start_image", "end_image")


# ------------------------------------------------------------------ the models on offer


@dataclass(frozen=True)
class ModelOption:
    """A model as the form shows it: whether this user can use it (and why not, a message
    key), its base price, and the choices it offers."""

    key: str
    name: str
    tier: str
    credit_cost: int
    available: bool
    reason: str  # "" when available; model_tier_locked, ai_key_missing_…, …
    resolutions: list[str]
    durations: list[int]
    default_duration: int
    aspects: list[str]
    start_image: bool
    end_image: bool
    audio: bool
    typical_seconds: int


def models_for(user_id: int) -> list[ModelOption]:
    """The app's enabled video models in their order, each checked against the user's tier."""
    with session_scope() as db:
        user = db.get(User, user_id)
        if user is None:
            return []
        tier = ai_models.access_tier(user)
        rows = db.exec(
            select(AIModel)
            .where(
                AIModel.app_id == APP_ID,
                AIModel.enabled,
                AIModel.capability.in_(CAPABILITIES),
            )
            .order_by(AIModel.display_order, AIModel.key)
        ).all()
        options = []
        for model in rows:
            reason = ai_models.unavailable_reason(model)
            if not reason and not ai_models.tier_allows(tier, model.tier):
                reason = "model_tier_locked"
            caps = rules.capabilities(model)
            options.append(
                ModelOption(
                    key=model.key,
                    name=model.name,
                    tier=model.tier,
                    credit_cost=model.credit_cost,
                    available=not reason,
                    reason=reason,
                    resolutions=caps.resolutions,
                    durations=caps.durations,
                    default_duration=caps.default_duration,
                    aspects=caps.aspects,
                    start_image=caps.start_image,
                    end_image=caps.end_image,
                    audio=caps.audio,
                    typical_seconds=caps.typical_seconds,
                )
            )
        return options


# ------------------------------------------------------------------ a request, checked


@dataclass(frozen=True)
class Image:
    """A start or end image: where it came from (the form's value) and the file sent."""

    ref: dict[str, str]  # {"file_id": …} or {"avatar_id": …}
    file_id: str
    avatar_id: str = ""


@dataclass(frozen=True)
class Request:
    model_key: str
    prompt: str  # what the user wrote
    improved: str  # the improved description they accepted, "" when none
    negative_prompt: str
    choice: rules.Choice
    caps: rules.Capabilities
    start: Image | None
    end: Image | None

    @property
    def sent_prompt(self) -> str:
        return self.improved or self.prompt

    @property
    def form(self) -> dict[str, Any]:
        """The form's values, normalised: what "use these settings again" refills."""
        return {
            "model_key": self.model_key,
            "prompt": self.prompt,
            "negative_prompt": self.negative_prompt,
            "resolution": self.choice.resolution,
            "duration": self.choice.duration,
            "aspect": self.choice.aspect,
            "start_image": dict(self.start.ref) if self.start else None,
            "end_image": dict(self.end.ref) if self.end else None,
            "audio": self.choice.audio,
            "improved_prompt": self.improved or None,
        }


def _image(db: Session, user_id: int, value: Any, name: str) -> Image | None:
    """{"file_id": an uploaded picture of the user's} or {"avatar_id": an avatar of the user's
    with a picture}; None or {} for no image."""
    if value is None or value == {}:
        return None
    if not isinstance(value, dict) or len(value) != 1:
        raise ServiceError("parameter_invalid", name=name)
    ((kind, ref_id),) = value.items()
    if not isinstance(ref_id, str) or kind not in ("file_id", "avatar_id"):
        raise ServiceError("parameter_invalid", name=name)
    if kind == "avatar_id":
        source = avatar(db, user_id, ref_id)
        if not source.image_id:
            raise ServiceError("video_generator_avatar_no_picture")
        return Image({"avatar_id": source.id}, source.image_id, source.id)
    stored = db.get(StoredFile, ref_id)
    if stored is None or stored.user_id != user_id:
        raise NotFound()
    if stored.media != "image":
        raise ServiceError("video_generator_not_a_picture")
    return Image({"file_id": stored.id}, stored.id)


def _video_model(db: Session, user_id: int, model_key: Any) -> AIModel:
    """The app's video model the user may use now (never its text model)."""
    user = db.get(User, user_id)
    if user is None:
        raise NotFound()
    model = ai_models.usable_model(db, user, APP_ID, model_key)
    if model.capability not in CAPABILITIES:
        raise ServiceError("model_unavailable")
    return model


def parse(user_id: int, raw: dict[str, Any]) -> Request:
    """The form checked: texts in bounds, the model's, the images the user's, and every choice
    one the model can make (refused by name otherwise)."""
    if not isinstance(raw, dict):
        raise ServiceError("parameter_invalid", name="request")
    prompt = rules.clean_text(raw.get("prompt"), "video_prompt", rules.PROMPT_MIN, rules.PROMPT_MAX)
    negative = rules.clean_text(
        raw.get("negative_prompt"), "negative_prompt", 0, rules.NEGATIVE_MAX
    )
    improved = ""
    if raw.get("improved_prompt") not in (None, ""):
        improved = rules.clean_text(
            raw.get("improved_prompt"), "improved_prompt", rules.PROMPT_MIN, rules.PROMPT_MAX
        )
    audio = raw.get("audio", False)
    with session_scope() as db:
        model = _video_model(db, user_id, raw.get("model_key"))
        start = _image(db, user_id, raw.get("start_image"), "start_image")
        end = _image(db, user_id, raw.get("end_image"), "end_image")
        choice = rules.check(
            {
                "resolution": raw.get("resolution", "720p"),
                "duration": raw.get("duration", rules.capabilities(model).default_duration),
                "aspect": raw.get("aspect", "16:9"),
                "start_image": start is not None,
                "end_image": end is not None,
                "audio": audio,
                "enhanced": bool(improved),
            },
            model,
        )
        return Request(
            model.key, prompt, improved, negative, choice, rules.capabilities(model), start, end
        )


# ------------------------------------------------------------------ price and submit


@dataclass(frozen=True)
class Estimate:
    """What the video would cost this user now (billing.Quote's fields) and, in credits, how
    that price is made: (message key, credits) lines, the base first."""

    unit: str
    amount: int
    available: int
    lines: list[tuple[str, int]]

    @property
    def affordable(self) -> bool:
        return self.amount <= self.available


def estimate(user_id: int, raw: dict[str, Any]) -> Estimate:
    request = parse(user_id, raw)
    params = request.choice.to_params()
    quote = billing.quote(user_id, APP_ID, request.model_key, params, 1)
    with session_scope() as db:
        lines = rules.breakdown(db.get(AIModel, request.model_key), params)
    return Estimate(quote.unit, quote.amount, quote.available, lines)


def generate(user_id: int, raw: dict[str, Any], key: str) -> str:
    """Holds the video's price and queues it; an avatar used as an image records the use on
    the avatar once, whatever the replays. Replaying `key` returns the same generation."""
    request = parse(user_id, raw)
    width, height = rules.size(request.choice.resolution, request.choice.aspect)
    title = " ".join(request.prompt.split())
    generation_id = generations.submit(
        user_id,
        APP_ID,
        request.model_key,
        title=title if len(title) <= 80 else title[:79].rstrip() + "…",
        items=[{"seed": secrets.randbelow(MAX_SEED)}],
        settings={
            "model_key": request.model_key,
            "prompt": request.sent_prompt,
            "user_prompt": request.prompt,
            "negative_prompt": request.negative_prompt,
            "width": width,
            "height": height,
            "duration": request.choice.duration,
            "resolution": request.choice.resolution,
            "aspect": request.choice.aspect,
            "audio": request.choice.audio,
            "start_file_id": request.start.file_id if request.start else "",
            "end_file_id": request.end.file_id if request.end else "",
            "typical_seconds": request.caps.typical_seconds,
            "max_wait_seconds": request.caps.max_wait_seconds,
            "form": request.form,
        },
        price_params=request.choice.to_params(),
        key=key,
        name=title[:40],
    )
    used = {image.avatar_id for image in (request.start, request.end) if image and image.avatar_id}
    if used:
        with session_scope() as db:
            for avatar_id in sorted(used):
                avatars.record_use(
                    db,
                    user_id,
                    avatar_id,
                    APP_ID,
                    "videos",
                    ("generation", generation_id),
                    {"count": 1},
                )
    return generation_id


def active_generations(user_id: int) -> list[str]:
    """The user's videos still being made, for the page's progress."""
    return generations.active_ids(user_id, APP_ID)


# ------------------------------------------------------------------ improving a description


def prompt_writer_reason() -> str:
    """Why "improve my description" is off ("" when it is on), as a message key."""
    return ai_models.helper_reason(PROMPT_MODEL)


def improve_prompt(user_id: int, prompt: str, lang: str) -> str:
    """The description rewritten by the registry's text model as a video prompt, for the user
    to read, edit and choose to use (+5 credits at submit when they do). Asking is free, so it
    is rate limited per user."""
    text = rules.clean_text(prompt, "video_prompt", rules.PROMPT_MIN, rules.PROMPT_MAX)
    system, message = prompts.request(text, lang if lang in prompts.LANGUAGES else "id")
    with session_scope() as db:
        if db.get(User, user_id) is None:
            raise NotFound()
    spec = ai_models.helper_spec(PROMPT_MODEL)
    ratelimit.hit(get_redis(), ratelimit.VIDEO_PROMPT_WRITING_PER_USER, str(user_id))
    try:
        reply = ai.write_text(
            spec, message, system=system, max_tokens=int(spec.parameters.get("max_tokens", 700))
        )
    except ai.AIError as exc:
        raise ServiceError(exc.code) from exc
    return prompts.clean_reply(reply)


def upload_image(user_id: int, path: Path, original_name: str) -> str:
    """A start or end image, checked by its content (a picture, within the size limits and the
    user's quota); returns its file id for the form's {"file_id": …}."""
    return files.store_upload(user_id, path, original_name, {"image"}).id


# ------------------------------------------------------------------ the gallery


def deliver(db: Session, ctx: ItemContext, file_ids: list[str]) -> None:
    """The engine's `deliver` step: the video's gallery row, once per item. The row goes with
    its generation (deleted in My work) and shows no video once the output expires."""
    if db.get(VideoGeneratorVideo, ctx.item_id) is not None:
        return
    settings, notes = ctx.settings, ctx.notes
    generation = db.get(Generation, ctx.generation_id)
    paid_in_credits = generation is not None and generation.unit == "credits"
    db.add(
        VideoGeneratorVideo(
            id=ctx.item_id,
            user_id=ctx.user_id,
            generation_id=ctx.generation_id,
            file_id=file_ids[0],
            poster_id=file_ids[1] if len(file_ids) > 1 else None,
            model_key=settings.get("model_key", ""),
            served_by=str(notes.get("served_by", ""))[:100],
            prompt=settings.get("user_prompt", "")[: rules.PROMPT_MAX],
            sent_prompt=settings.get("prompt", "")[:4000],
            negative_prompt=settings.get("negative_prompt", "")[: rules.NEGATIVE_MAX],
            settings=dict(settings.get("form") or {}),
            duration=notes.get("duration"),
            width=notes.get("width"),
            height=notes.get("height"),
            credits=int(ctx.params.get("price", 0)) if paid_in_credits else 0,
        )
    )


@dataclass(frozen=True)
class VideoView:
    id: str
    generation_id: str
    file_id: str
    poster_id: str  # "" when the video has no poster frame
    model_key: str
    model_name: str
    prompt: str
    settings: dict[str, Any]
    duration: float | None
    width: int | None
    height: int | None
    credits: int
    created_at: datetime


def gallery(user_id: int, page: int = 1, size: int = GALLERY_SIZE) -> owned.ProjectPage[VideoView]:
    """The user's videos, newest first, a page at a time."""
    if not isinstance(size, int) or isinstance(size, bool) or not 1 <= size <= 48:
        raise ServiceError("parameter_out_of_range", name="page_size", low=1, high=48)
    with session_scope() as db:
        found = paginate(
            db,
            select(VideoGeneratorVideo)
            .where(
                VideoGeneratorVideo.user_id == user_id,
                VideoGeneratorVideo.file_id.is_not(None),
            )
            .order_by(VideoGeneratorVideo.created_at.desc(), VideoGeneratorVideo.id),
            page,
            size,
        )
        keys = {row.model_key for row in found.rows}
        names = dict(db.exec(select(AIModel.key, AIModel.name).where(AIModel.key.in_(keys))).all())
        rows = [
            VideoView(
                id=row.id,
                generation_id=row.generation_id,
                file_id=row.file_id or "",
                poster_id=row.poster_id or "",
                model_key=row.model_key,
                model_name=names.get(row.model_key, row.model_key),
                prompt=row.prompt,
                settings=dict(row.settings or {}),
                duration=row.duration,
                width=row.width,
                height=row.height,
                credits=row.credits,
                created_at=row.created_at,
            )
            for row in found.rows
        ]
        return owned.ProjectPage(rows, found.page, found.pages, found.total)


def settings_of(user_id: int, video_id: str) -> dict[str, Any]:
    """The form that made the video, to fill it again ("use these settings again"); an image
    deleted since (an upload, an avatar or its picture) is left out."""
    with session_scope() as db:
        row = owned.row(db, VideoGeneratorVideo, user_id, video_id)
        form = {
            "model_key": row.model_key,
            "prompt": row.prompt,
            "negative_prompt": row.negative_prompt,
            **dict(row.settings or {}),
        }
        for name in IMAGE_FIELDS:
            try:
                form[name] = _image(db, user_id, form.get(name), name)
            except ServiceError:
                form[name] = None
            else:
                form[name] = dict(form[name].ref) if form[name] else None
        return form


def delete_video(user_id: int, video_id: str) -> None:
    """Removes a video from the gallery with its file and poster, freeing their space."""
    with session_scope() as db:
        row = owned.row(db, VideoGeneratorVideo, user_id, video_id)
        file_ids = [i for i in (row.file_id, row.poster_id) if i]
        db.delete(row)
    files.delete_files(user_id, file_ids)
