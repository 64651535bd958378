"""Variations of an avatar: a batch of one to eight as one generation (per-item progress),
each with its seed and, where a face-embedding model is configured, its likeness to the source
face; a variation the user likes is saved as a new avatar of the persona."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, select

from lumiku.db import session_scope
from lumiku.models import AvatarCreatorAvatar, AvatarGeneratorVariation
from lumiku.services import billing, files, generations, owned
from lumiku.services.avatar_creator import avatars, batches
from lumiku.services.avatar_creator.projects import avatar, project
from lumiku.services.avatar_generator import rules
from lumiku.services.errors import ServiceError
from lumiku.services.generations import ItemContext

APP_ID = "avatar-generator"
CAPABILITY = "image-to-image"
LIKENESS_MODEL = "avatar-generator:face-likeness"
LOW_LIKENESS = 0.6  # below this a variation is flagged: the face may not be the persona's
MAX_SEED = batches.MAX_SEED


@dataclass(frozen=True)
class Request:
    avatar_id: str
    avatar_name: str
    image_id: str
    model_key: str
    count: int
    quality: str
    priority: bool
    strength: float
    style: str
    prompt: str
    seed: int | None

    @property
    def price_params(self) -> dict[str, Any]:
        return {"quality": self.quality, "priority": self.priority}


def parse(user_id: int, raw: dict[str, Any]) -> Request:
    if not isinstance(raw, dict):
        raise ServiceError("parameter_invalid", name="request")
    quality, priority = rules.check(raw)
    count = raw.get("count", 1)
    if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= rules.MAX_COUNT:
        raise ServiceError("parameter_out_of_range", name="count", low=1, high=rules.MAX_COUNT)
    strength = raw.get("strength", 0.55)
    if isinstance(strength, bool) or not isinstance(strength, int | float):
        raise ServiceError("parameter_invalid", name="strength")
    if not 0.2 <= strength <= 0.9:
        raise ServiceError("parameter_out_of_range", name="strength", low=0.2, high=0.9)
    seed = batches.check_seed(raw.get("seed"))
    extra = raw.get("prompt") if isinstance(raw.get("prompt"), str) else ""
    extra = " ".join(extra.split())
    if len(extra) > 500:
        raise ServiceError("parameter_out_of_range", name="prompt", low=0, high=500)
    style = raw.get("style", "natural")
    prompt = rules.prompt_for(style, extra)
    with session_scope() as db:
        source = avatar(db, user_id, raw.get("avatar_id"))
        if not source.image_id:
            raise ServiceError("avatar_generator_no_picture")
        return Request(
            source.id,
            source.name,
            source.image_id,
            raw.get("model_key") if isinstance(raw.get("model_key"), str) else "",
            count,
            quality,
            priority,
            float(strength),
            style,
            prompt,
            seed,
        )


@dataclass(frozen=True)
class PriceParts:
    """A model's price per variation in its parts, for the page to show how the sum is made:
    `base` credits (SD), `hd` and `priority` extra credits, or `quota` for subscribers."""

    base: int
    hd: int
    priority: int
    quota: int


def price_parts(model_key: str) -> PriceParts | None:
    """None for a key that is not one of the app's registry models."""
    with session_scope() as db:
        model = batches.app_model(db, APP_ID, model_key)
        if model is None:
            return None
        hd, priority = rules.extras(model)
        return PriceParts(model.credit_cost, hd, priority, model.quota_cost)


def estimate(user_id: int, raw: dict[str, Any]) -> billing.Quote:
    request = parse(user_id, raw)
    return billing.quote(user_id, APP_ID, request.model_key, request.price_params, request.count)


def generate(user_id: int, raw: dict[str, Any], key: str) -> str:
    """Holds the batch's price and queues one item per variation; the use is recorded on the
    avatar's history once, whatever the replays."""
    request = parse(user_id, raw)
    first = request.seed if request.seed is not None else secrets.randbelow(MAX_SEED - 8)
    side = rules.QUALITIES[request.quality]
    generation_id = generations.submit(
        user_id,
        APP_ID,
        request.model_key,
        title=f"{request.avatar_name} · {request.count}×",
        items=[
            {"seed": (first + i) % MAX_SEED, "priority": request.priority}
            for i in range(request.count)
        ],
        settings={
            "model_key": request.model_key,
            "avatar_id": request.avatar_id,
            "image_id": request.image_id,
            "prompt": request.prompt,
            "strength": request.strength,
            "style": request.style,
            "side": side,
        },
        price_params=request.price_params,
        key=key,
        project_id=request.avatar_id,
        name=request.avatar_name,
    )
    with session_scope() as db:
        avatars.record_use(
            db,
            user_id,
            request.avatar_id,
            APP_ID,
            "variations",
            ("generation", generation_id),
            {"count": request.count, "quality": request.quality, "style": request.style},
        )
    return generation_id


def deliver(db: Session, ctx: ItemContext, file_ids: list[str]) -> None:
    """The engine's `deliver` step: the variation's row (seed, likeness), once per item."""
    if not batches.can_deliver(db, AvatarGeneratorVariation, ctx):
        return
    db.add(
        AvatarGeneratorVariation(
            id=ctx.item_id,
            user_id=ctx.user_id,
            avatar_id=ctx.settings["avatar_id"],
            generation_id=ctx.generation_id,
            file_id=file_ids[0],
            seed=ctx.notes.get("seed"),
            style=ctx.settings.get("style", ""),
            likeness=ctx.notes.get("likeness"),
        )
    )


@dataclass(frozen=True)
class VariationView:
    id: str
    file_id: str
    seed: int | None
    style: str
    likeness: float | None
    low_likeness: bool
    saved_avatar_id: str
    created_at: datetime


def list_variations(user_id: int, avatar_id: str, limit: int = 48) -> list[VariationView]:
    with session_scope() as db:
        source = avatar(db, user_id, avatar_id)
        rows = db.exec(
            select(AvatarGeneratorVariation)
            .where(AvatarGeneratorVariation.avatar_id == source.id)
            .where(AvatarGeneratorVariation.file_id.is_not(None))
            .order_by(AvatarGeneratorVariation.created_at.desc(), AvatarGeneratorVariation.id)
            .limit(limit)
        ).all()
        return [
            VariationView(
                v.id,
                v.file_id or "",
                v.seed,
                v.style,
                v.likeness,
                v.likeness is not None and v.likeness < LOW_LIKENESS,
                v.saved_avatar_id or "",
                v.created_at,
            )
            for v in rows
        ]


def active_generations(user_id: int, avatar_id: str) -> list[str]:
    """The avatar's batches still being made, for the page's progress."""
    return generations.active_ids(user_id, APP_ID, avatar_id)


def save_as_avatar(user_id: int, variation_id: str, name: str = "") -> str:
    """The variation becomes an avatar of the source's project, with its persona; its picture
    is kept beyond the outputs' retention. Saving twice returns the same avatar."""
    with session_scope() as db:
        # locked: two clicks at once wait for each other and the second finds the first's avatar
        variation = owned.row(db, AvatarGeneratorVariation, user_id, variation_id, lock=True)
        if variation.saved_avatar_id and db.get(AvatarCreatorAvatar, variation.saved_avatar_id):
            return variation.saved_avatar_id
        if not variation.file_id:
            raise ServiceError("avatar_generator_variation_gone")
        source = avatar(db, user_id, variation.avatar_id)
        # the project locked as uploads lock it, so the room counted stays the room there is
        avatars.check_room(db, project(db, user_id, source.project_id, lock=True).id)
        files.keep(db, user_id, variation.file_id)
        row = AvatarCreatorAvatar(
            id=secrets.token_hex(16),
            user_id=user_id,
            project_id=source.project_id,
            name=owned.name(name or f"{source.name} ({variation.style})", 100),
            image_id=variation.file_id,
            thumbnail_id=None,
            persona_name=source.persona_name,
            persona_age=source.persona_age,
            persona_personality=list(source.persona_personality or []),
            persona_background=source.persona_background,
            attributes=dict(source.attributes or {}),
            source="variation",
            prompt=source.prompt,
            seed=variation.seed,
            likeness=variation.likeness,
        )
        db.add(row)
        variation.saved_avatar_id = row.id
        return row.id
