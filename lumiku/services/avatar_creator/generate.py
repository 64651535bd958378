"""Making avatars with a model: from a description or a preset, one to four at a time, each a
paid output that becomes an avatar in the same transaction that pays for it; and "write this
persona for me" with a text model."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, select

from lumiku.db import session_scope
from lumiku.models import AvatarCreatorAvatar, AvatarCreatorPreset
from lumiku.services import ai, ai_models, billing, files, generations, owned, ratelimit
from lumiku.services.avatar_creator import prompts
from lumiku.services.avatar_creator.avatars import check_room, persona_fields
from lumiku.services.avatar_creator.projects import APP_ID, project
from lumiku.services.errors import NotFound, ServiceError
from lumiku.services.generations import ItemContext
from lumiku.services.redis_client import get_redis

CAPABILITY = "text-to-image"
PERSONA_MODEL = "avatar-creator:claude-persona"
MAX_COUNT = 4
MAX_SEED = 2**31 - 1


@dataclass(frozen=True)
class Request:
    """A checked request: what to make, with which model, how many."""

    project_id: str
    name: str
    model_key: str
    count: int
    base_prompt: str
    fields: dict[str, Any]  # persona and attributes, as the avatar's columns
    source: str  # text_to_image | from_preset
    preset_id: str
    seed: int | None

    @property
    def prompt(self) -> str:
        persona = prompts.validate_persona(
            self.fields["persona_name"],
            self.fields["persona_age"],
            self.fields["persona_personality"],
            self.fields["persona_background"],
        )
        has_persona = persona.name or persona.age or persona.personality
        return prompts.build_prompt(
            self.base_prompt, persona if has_persona else None, self.fields["attributes"]
        )


def _int(value: Any, low: int, high: int, name: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ServiceError("parameter_out_of_range", name=name, low=low, high=high)
    return value


def preset_row(db: Session, preset_id: Any) -> AvatarCreatorPreset:
    row = db.get(AvatarCreatorPreset, preset_id) if isinstance(preset_id, str) else None
    if row is None or not row.active:
        raise NotFound()
    return row


def parse(user_id: int, raw: dict[str, Any]) -> Request:
    """A form as the page sends it (any client may send anything), checked. With `preset_id`
    the preset's persona, attributes and prompt are used, under the user's own name for it."""
    if not isinstance(raw, dict):
        raise ServiceError("parameter_invalid", name="request")
    seed = raw.get("seed")
    seed = None if seed in (None, "") else _int(seed, 0, MAX_SEED, "seed")
    count = _int(raw.get("count", 1), 1, MAX_COUNT, "count")
    model_key = raw.get("model_key") if isinstance(raw.get("model_key"), str) else ""
    with session_scope() as db:
        found = project(db, user_id, raw.get("project_id"))
        if raw.get("preset_id"):
            preset = preset_row(db, raw.get("preset_id"))
            persona = dict(preset.persona)
            fields = persona_fields(
                {
                    "persona_name": persona.get("name", ""),
                    "persona_age": persona.get("age"),
                    "personality": persona.get("personality", []),
                    "background": persona.get("background", ""),
                    "attributes": dict(preset.attributes),
                }
            )
            name = owned.name(raw.get("name") or preset.name, 100)
            return Request(
                found.id,
                name,
                model_key,
                count,
                preset.prompt,
                fields,
                "from_preset",
                preset.id,
                seed,
            )
    base = raw.get("prompt") if isinstance(raw.get("prompt"), str) else ""
    base = " ".join(base.split())
    if not 3 <= len(base) <= 1000:
        raise ServiceError("avatar_creator_prompt_invalid", low=3, high=1000)
    return Request(
        found.id,
        owned.name(raw.get("name"), 100),
        model_key,
        count,
        base,
        persona_fields(raw),
        "text_to_image",
        "",
        seed,
    )


def estimate(user_id: int, raw: dict[str, Any]) -> billing.Quote:
    request = parse(user_id, raw)
    return billing.quote(user_id, APP_ID, request.model_key, {}, request.count)


def generate(user_id: int, raw: dict[str, Any], key: str) -> str:
    """Holds the price of `count` avatars and queues them; each item has its own seed, sent to
    the model and kept on the avatar (the same seed and prompt make the same face again)."""
    request = parse(user_id, raw)
    with session_scope() as db:
        check_room(db, request.project_id, request.count)
    first = request.seed if request.seed is not None else secrets.randbelow(MAX_SEED - MAX_COUNT)
    generation_id = generations.submit(
        user_id,
        APP_ID,
        request.model_key,
        title=request.name,
        items=[{"seed": (first + i) % MAX_SEED} for i in range(request.count)],
        settings={
            "project_id": request.project_id,
            "model_key": request.model_key,
            "name": request.name,
            "prompt": request.prompt,
            "negative_prompt": prompts.NEGATIVE_PROMPT,
            "fields": request.fields,
            "source": request.source,
            "preset_id": request.preset_id,
            "count": request.count,
        },
        price_params={},
        key=key,
        project_id=request.project_id,
        name=request.name,
    )
    if request.preset_id:
        with session_scope() as db:
            preset = db.get(AvatarCreatorPreset, request.preset_id, with_for_update=True)
            preset.usage_count += 1
    return generation_id


def deliver(db: Session, ctx: ItemContext, file_ids: list[str]) -> None:
    """The engine's `deliver` step: a paid picture becomes an avatar of the project, kept
    beyond the outputs' retention. Keyed by the item, so a rerun makes no second avatar."""
    if db.get(AvatarCreatorAvatar, ctx.item_id) is not None:
        return
    for file_id in file_ids:
        files.keep(db, ctx.user_id, file_id)
    settings = ctx.settings
    suffix = f" {ctx.index + 1}" if settings.get("count", 1) > 1 else ""
    db.add(
        AvatarCreatorAvatar(
            id=ctx.item_id,
            user_id=ctx.user_id,
            project_id=settings["project_id"],
            name=f"{settings['name']}{suffix}"[:100],
            image_id=file_ids[0],
            thumbnail_id=file_ids[1] if len(file_ids) > 1 else None,
            source=settings.get("source", "text_to_image"),
            preset_id=settings.get("preset_id") or None,
            prompt=settings.get("prompt", "")[:4000],
            seed=ctx.notes.get("seed"),
            model_key=ctx.notes.get("served_by", ""),
            likeness=ctx.notes.get("likeness"),
            **settings.get("fields", {}),
        )
    )


# ------------------------------------------------------------------ the persona writer


@dataclass(frozen=True)
class PersonaDraft:
    name: str
    age: int | None
    personality: list[str]
    background: str
    attributes: dict[str, str]


def persona_writer_reason() -> str:
    """Why "write this persona for me" is off ("" when it is on), as a message key."""
    return ai_models.helper_reason(PERSONA_MODEL)


def write_persona(user_id: int, words: str, language: str) -> PersonaDraft:
    """A persona from a few words, written by the registry's text model in the user's language;
    a draft the user edits before saving. Free, so it is rate limited per user."""
    system, message = prompts.persona_request(words, "id" if language == "id" else "en")
    spec = ai_models.helper_spec(PERSONA_MODEL)
    ratelimit.hit(get_redis(), ratelimit.PERSONA_WRITING_PER_USER, str(user_id))
    try:
        reply = ai.write_text(
            spec, message, system=system, max_tokens=int(spec.parameters.get("max_tokens", 1024))
        )
        persona, attributes = prompts.parse_persona_reply(reply)
    except ai.AIError as exc:
        raise ServiceError(exc.code) from exc
    return PersonaDraft(
        persona.name, persona.age, list(persona.personality), persona.background, attributes
    )


# ------------------------------------------------------------------ presets


@dataclass(frozen=True)
class PresetView:
    id: str
    name: str
    category: str
    description: str
    persona_name: str
    persona_age: int | None
    personality: list[str]
    attributes: dict[str, str]


def list_presets(category: str = "") -> list[PresetView]:
    with session_scope() as db:
        query = select(AvatarCreatorPreset).where(AvatarCreatorPreset.active)
        if category:
            query = query.where(AvatarCreatorPreset.category == category)
        rows = db.exec(
            query.order_by(AvatarCreatorPreset.display_order, AvatarCreatorPreset.id)
        ).all()
        return [
            PresetView(
                p.id,
                p.name,
                p.category,
                p.description,
                str(p.persona.get("name", "")),
                p.persona.get("age"),
                list(p.persona.get("personality", [])),
                dict(p.attributes),
            )
            for p in rows
        ]
