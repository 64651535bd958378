"""An avatar in chosen poses: one generation of one item per pose, each with the avatar's
picture as the identity reference and the pose's skeleton as the control image, priced by the
registry's formula (lumiku.services.pose_generator.rules) and scored for likeness to the
avatar's face; each made picture becomes a result row of the avatar."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, select

from lumiku.db import session_scope
from lumiku.models import (
    AvatarCreatorUsage,
    Generation,
    PoseGeneratorResult,
)
from lumiku.services import billing, files, generations, owned
from lumiku.services.avatar_creator import avatars, batches
from lumiku.services.avatar_creator.projects import avatar
from lumiku.services.errors import ServiceError
from lumiku.services.generations import ItemContext
from lumiku.services.pose_generator import library, rules

APP_ID = "pose-generator"
LOW_LIKENESS = 0.6  # below this a result is flagged: the face may not be the avatar's
MAX_SEED = batches.MAX_SEED


@dataclass(frozen=True)
class Pose:
    id: str
    name: str
    keypoints: list


@dataclass(frozen=True)
class Request:
    avatar_id: str
    avatar_name: str
    image_id: str
    model_key: str
    poses: tuple[Pose, ...]
    options: rules.GenerateOptions
    prompt: str
    negative_prompt: str
    seed: int | None

    @property
    def price_params(self) -> dict[str, Any]:
        return options_dict(self.options)


def options_dict(options: rules.GenerateOptions) -> dict[str, Any]:
    """Parsed options back in `rules.parse_options`' input shape (what the price rule reads),
    normalised, so a replayed request hashes the same however the client spelled it."""
    return {
        "quality": options.quality,
        "hijab": {"style": options.hijab_style, "color": options.hijab_color},
        "accessories": list(options.accessories),
        "outfit": options.outfit,
        "background": {
            "type": options.background,
            "scene": options.scene,
            "custom_prompt": options.custom_prompt,
        },
        "profession": options.profession,
    }


def _template_ids(value: Any) -> list[str]:
    if not isinstance(value, list | tuple):
        raise ServiceError("parameter_invalid", name="poses")
    rules.check_poses(len(value))
    if not all(isinstance(i, str) for i in value) or len(set(value)) != len(value):
        raise ServiceError("parameter_invalid", name="poses")
    return list(value)


def parse(user_id: int, raw: dict[str, Any]) -> Request:
    """The request checked: its avatar (the user's, with a picture) and its poses (the library's
    or the user's own) found, its options parsed and its prompt written."""
    if not isinstance(raw, dict):
        raise ServiceError("parameter_invalid", name="request")
    template_ids = _template_ids(raw.get("template_ids"))
    options = rules.parse_options({} if raw.get("options") is None else raw.get("options"))
    seed = batches.check_seed(raw.get("seed"))
    model_key = raw.get("model_key") if isinstance(raw.get("model_key"), str) else ""
    with session_scope() as db:
        source = avatar(db, user_id, raw.get("avatar_id"))
        if not source.image_id:
            raise ServiceError("pose_generator_no_picture")
        chosen = [library.reachable(db, user_id, i) for i in template_ids]
        prompt, negative = rules.prompt_for(options, source.prompt)
        return Request(
            source.id,
            source.name,
            source.image_id,
            model_key,
            tuple(Pose(t.id, t.name, list(t.keypoints)) for t in chosen),
            options,
            prompt,
            negative,
            seed,
        )


@dataclass(frozen=True)
class PriceParts:
    """A model's price per pose in its parts, for the page's live price line: `base` credits
    (SD), the extras for HD, fashion (hijab, accessories, outfit), a background and a
    profession, the flat `batch` fee for several poses, or `quota` per pose for subscribers."""

    base: int
    hd: int
    fashion: int
    background: int
    profession: int
    batch: int
    quota: int


def price_parts(model_key: str) -> PriceParts | None:
    """None for a key that is not one of the app's registry models."""
    with session_scope() as db:
        model = batches.app_model(db, APP_ID, model_key)
        if model is None:
            return None
        return PriceParts(
            model.credit_cost,
            rules.extra(model, "hdExtra"),
            rules.extra(model, "fashionExtra"),
            rules.extra(model, "backgroundExtra"),
            rules.extra(model, "professionExtra"),
            rules.extra(model, "batchExtra"),
            model.quota_cost,
        )


def estimate(user_id: int, raw: dict[str, Any]) -> billing.Quote:
    request = parse(user_id, raw)
    return billing.quote(
        user_id, APP_ID, request.model_key, request.price_params, len(request.poses)
    )


def generate(user_id: int, raw: dict[str, Any], key: str) -> str:
    """Holds the price and queues one item per pose, each with its seed (from `seed` when
    given, one after another). The avatar's use and each template's popularity are counted
    once per generation, however often the same key is replayed."""
    request = parse(user_id, raw)
    first = request.seed if request.seed is not None else secrets.randbelow(MAX_SEED - 64)
    count = len(request.poses)
    generation_id = generations.submit(
        user_id,
        APP_ID,
        request.model_key,
        title=f"{request.avatar_name} · {count}×",
        items=[
            {
                "template_id": pose.id,
                "template_name": pose.name,
                "keypoints": pose.keypoints,
                "seed": (first + i) % MAX_SEED,
            }
            for i, pose in enumerate(request.poses)
        ],
        settings={
            "model_key": request.model_key,
            "avatar_id": request.avatar_id,
            "image_id": request.image_id,
            "prompt": request.prompt,
            "negative_prompt": request.negative_prompt,
            "quality": request.options.quality,
        },
        price_params=request.price_params,
        key=key,
        project_id=request.avatar_id,
        name=request.avatar_name,
    )
    with session_scope() as db:
        _count_once(db, user_id, request, generation_id)
    return generation_id


def _count_once(db: Session, user_id: int, request: Request, generation_id: str) -> None:
    """The avatar's use row is the mark that this generation was counted; the generation's row
    is locked first, so replays arriving together take turns and only the first counts."""
    db.get(Generation, generation_id, with_for_update=True)
    counted = db.exec(
        select(AvatarCreatorUsage.id).where(
            AvatarCreatorUsage.avatar_id == request.avatar_id,
            AvatarCreatorUsage.app_id == APP_ID,
            AvatarCreatorUsage.reference_id == generation_id,
        )
    ).first()
    if counted:
        return
    avatars.record_use(
        db,
        user_id,
        request.avatar_id,
        APP_ID,
        "poses",
        ("generation", generation_id),
        {
            "count": len(request.poses),
            "quality": request.options.quality,
            "templates": [p.id for p in request.poses][: rules.MAX_POSES],
        },
    )
    library.count_uses(db, [p.id for p in request.poses])


def deliver(db: Session, ctx: ItemContext, file_ids: list[str]) -> None:
    """The engine's `deliver` step: the pose's result row (seed, likeness), once per item."""
    if not batches.can_deliver(db, PoseGeneratorResult, ctx):
        return
    db.add(
        PoseGeneratorResult(
            id=ctx.item_id,
            user_id=ctx.user_id,
            avatar_id=ctx.settings["avatar_id"],
            template_id=str(ctx.params.get("template_id", ""))[:60],
            template_name=str(ctx.params.get("template_name", ""))[:100],
            generation_id=ctx.generation_id,
            file_id=file_ids[0],
            quality=str(ctx.settings.get("quality", "sd"))[:4],
            seed=ctx.notes.get("seed"),
            likeness=ctx.notes.get("likeness"),
        )
    )


@dataclass(frozen=True)
class ResultView:
    id: str
    file_id: str
    template_id: str
    template_name: str
    quality: str
    seed: int | None
    likeness: float | None
    low_likeness: bool
    created_at: datetime


def list_results(user_id: int, avatar_id: str, limit: int = 48) -> list[ResultView]:
    """The avatar's poses, newest first (those whose picture still exists)."""
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= 500:
        raise ServiceError("parameter_out_of_range", name="limit", low=1, high=500)
    r = PoseGeneratorResult
    with session_scope() as db:
        source = avatar(db, user_id, avatar_id)
        rows = db.exec(
            select(r)
            .where(r.avatar_id == source.id, r.user_id == user_id, r.file_id.is_not(None))
            .order_by(r.created_at.desc(), r.id)
            .limit(limit)
        ).all()
        return [
            ResultView(
                row.id,
                row.file_id or "",
                row.template_id,
                row.template_name,
                row.quality,
                row.seed,
                row.likeness,
                row.likeness is not None and row.likeness < LOW_LIKENESS,
                row.created_at,
            )
            for row in rows
        ]


def active_generations(user_id: int, avatar_id: str) -> list[str]:
    """The avatar's pose batches still being made, for the page's progress."""
    if not isinstance(avatar_id, str):
        return []
    return generations.active_ids(user_id, APP_ID, avatar_id)


def delete_result(user_id: int, result_id: str) -> None:
    """The result and its picture (My work's item keeps its row, without the file)."""
    with session_scope() as db:
        row = owned.row(db, PoseGeneratorResult, user_id, result_id)
        file_ids = [row.file_id] if row.file_id else []
        db.delete(row)
    files.delete_files(user_id, file_ids)
