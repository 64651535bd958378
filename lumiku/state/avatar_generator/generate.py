"""The form: the model, how many variations, quality, priority, style, strength, extra words and
seed; the price estimated live and shown in its parts (SD 5 + HD 2 + priority 3 per variation);
generating after the user confirms it (lumiku.state.projects.SpendMixin)."""

from __future__ import annotations

import contextlib
import math
from typing import Any, ClassVar

import reflex as rx

from lumiku.i18n import tr
from lumiku.services.avatar_generator import rules, variations
from lumiku.services.errors import ServiceError
from lumiku.state.auth import signed_in_user
from lumiku.state.avatar_batches import BatchFormMixin
from lumiku.state.avatar_generator.common import AvatarGeneratorState
from lumiku.state.base import Caller, call, with_user
from lumiku.state.projects import SpendMixin

DEFAULT_COUNT = "4"
DEFAULT_STRENGTH = 0.55
STRENGTH_RANGE = (0.2, 0.9)
PROMPT_LIMIT = 500


def _slider_value(value: Any) -> float | None:
    """A slider sends [n]; a number in the strength's range, else None."""
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        return None
    low, high = STRENGTH_RANGE
    return round(float(value), 2) if low <= value <= high else None


class GenerateState(SpendMixin, BatchFormMixin, AvatarGeneratorState):
    _key_prefix: ClassVar = "ag"
    _messages: ClassVar = "avatar_generator"
    count_text: str = DEFAULT_COUNT
    quality: str = "sd"
    priority: bool = False
    style: str = "natural"
    strength: float = DEFAULT_STRENGTH
    prompt: str = ""
    price_rule: str = ""  # "Price per variation: SD 5 credits, HD +2, priority +3." (credits)
    _parts: dict[str, Any] = {}  # the chosen model's price parts (variations.PriceParts)

    # ---------------------------------------------------------------- the request

    def _count(self) -> Any:
        text = self.count_text.strip()
        return int(text) if text.isdecimal() else text  # the service names what it refuses

    def _raw(self) -> dict[str, Any]:
        return {
            "avatar_id": self.project_id,
            "model_key": self.model_key,
            "count": self._count(),
            "quality": self.quality,
            "priority": self.priority,
            "strength": self.strength,
            "style": self.style,
            "prompt": self.prompt,
            "seed": self._seed(),
        }

    async def _start(self, user_id: int) -> None:
        """A fresh form for the avatar just opened: the models this user may pick from."""
        self.confirming = self.busy = False
        self.started_generation = self._generate_key = ""
        self.count_text, self.seed_text, self.prompt = DEFAULT_COUNT, "", ""
        await self._load_models(user_id, variations.APP_ID, variations.CAPABILITY)
        await self._choose_model(user_id)

    async def _choose_model(self, user_id: int) -> None:
        parts = await call(variations.price_parts, self.model_key)
        self._parts = (
            {"base": parts.base, "hd": parts.hd, "priority": parts.priority, "quota": parts.quota}
            if parts
            else {}
        )
        await self._estimate(user_id)

    # ---------------------------------------------------------------- the estimate

    def _per_item(self, unit: str, lang: str) -> str:
        parts = self._parts
        if not parts:
            return ""
        if unit != "credits":
            return tr("avatar_generator_per_item_quota", lang, quota=parts["quota"])
        shown = [tr("avatar_generator_part_sd", lang, credits=parts["base"])]
        total = parts["base"]
        if self.quality == "hd":
            shown.append(tr("avatar_generator_part_hd", lang, credits=parts["hd"]))
            total += parts["hd"]
        if self.priority:
            shown.append(tr("avatar_generator_part_priority", lang, credits=parts["priority"]))
            total += parts["priority"]
        return tr("avatar_generator_per_item", lang, parts=" + ".join(shown), credits=total)

    async def _estimate(self, user_id: int) -> None:
        lang = await self._lang()
        self.est_ready = False
        if not self.project_id:
            return
        try:
            quote = await call(variations.estimate, user_id, self._raw())
        except ServiceError as exc:
            self._show_refusal(exc, lang)
            rule = tr("avatar_generator_price_rule", lang, **self._parts) if self._parts else ""
            self.price_rule = rule  # the chosen model's, though this request has no price
            return
        self._show_quote(quote, lang, self._per_item(quote.unit, lang))
        paying_credits = self._parts and quote.unit == "credits"
        self.price_rule = (
            tr("avatar_generator_price_rule", lang, **self._parts) if paying_credits else ""
        )
        self.est_ready = True

    async def _submit(self, user_id: int, key: str) -> str:
        generation_id = await call(variations.generate, user_id, self._raw(), key)
        from lumiku.state.avatar_generator.avatar import AvatarState  # which imports this

        # the batch is one more use of the avatar: its history says so at once (unless the
        # avatar went meanwhile; the batch is queued all the same)
        with contextlib.suppress(ServiceError):
            await (await self.get_state(AvatarState))._load_source(user_id, await self._lang())
        return generation_id

    async def _user_id(self) -> int | None:
        _, user = await signed_in_user(self)
        return user.id if user is not None else None

    # ---------------------------------------------------------------- the form's handlers

    @rx.event
    @with_user
    async def set_model(self, me: Caller, key: str):
        if isinstance(key, str) and any(m.value == key for m in self.models):
            self.model_key = key
            await self._choose_model(me.user.id)

    @rx.event
    async def set_count(self, value: str):
        """Typing a count redraws the estimate; a signed-out tab is not sent away mid-typing."""
        self.count_text = (str(value) if isinstance(value, str | int) else "")[:4]
        self.error = self.notice = ""
        user_id = await self._user_id()
        if user_id is not None:
            await self._estimate(user_id)

    @rx.event
    @with_user
    async def set_quality(self, me: Caller, value: str):
        if isinstance(value, str) and value in rules.QUALITIES:
            self.quality = value
            await self._estimate(me.user.id)

    @rx.event
    @with_user
    async def set_priority(self, me: Caller, on: bool):
        if isinstance(on, bool):
            self.priority = on
            await self._estimate(me.user.id)

    @rx.event
    @with_user
    async def set_style(self, me: Caller, value: str):
        if isinstance(value, str) and value in rules.STYLES:
            self.style = value
            await self._estimate(me.user.id)

    @rx.event
    @with_user
    async def set_strength(self, me: Caller, value: Any):
        strength = _slider_value(value)
        if strength is not None:
            self.strength = strength
            await self._estimate(me.user.id)

    @rx.event
    @with_user
    async def set_prompt(self, me: Caller, text: str):
        """Extra words for the picture (checked for length by the service)."""
        if isinstance(text, str):
            self.prompt = text[: PROMPT_LIMIT + 100]
            await self._estimate(me.user.id)
