"""The form: the model (those that cannot be used now are shown off with their reason), the
prompt and what to avoid, and only the choices the chosen model can make (resolutions,
durations, aspects, a start or end picture, sound); the price in its parts, redrawn as the
options change; generating after the user confirms the total (lumiku.state.projects.SpendMixin).
"Improve my prompt" and the pictures live in their own substates and write here."""

from __future__ import annotations

from typing import Any, ClassVar

import reflex as rx

from lumiku.i18n import format_number, tr
from lumiku.services import files
from lumiku.services.avatar_creator import avatars
from lumiku.services.errors import ServiceError
from lumiku.services.video_generator import videos
from lumiku.state.base import Caller, call, error_text, with_user
from lumiku.state.projects import SpendMixin
from lumiku.state.video_generator.common import (
    LINK_SECONDS,
    NEGATIVE_MAX,
    NO_IMAGE,
    PROMPT_MAX,
    PROMPT_MIN,
    SLOTS,
    ChosenImage,
    ModelCard,
    PriceLine,
    VideoGeneratorState,
    clean_id,
    text_of,
)

STAND_IN = "a video"  # what the price is asked for before the user has written anything


def _reason(option: Any, lang: str) -> str:
    """Why a model cannot be used now, in words: its provider's reason or the plan's tier."""
    if option.available:
        return ""
    return tr(option.reason or "model_tier_locked", lang, tier=str(option.tier).capitalize())


def _typical(seconds: int, lang: str) -> str:
    if not seconds:
        return ""
    if seconds < 120:
        return tr("video_generator_typical_seconds", lang, seconds=seconds)
    return tr("video_generator_typical_minutes", lang, minutes=round(seconds / 60))


def model_card(option: Any, lang: str) -> ModelCard:
    reason = _reason(option, lang)
    price = tr("video_generator_model_from", lang, credits=format_number(option.credit_cost, lang))
    label = f"{option.name} · {reason}" if reason else f"{option.name} · {price}"
    return ModelCard(
        value=option.key,
        label=label,
        disabled=not option.available,
        reason=reason,
        tier=str(option.tier).capitalize(),
        resolutions=[str(r) for r in option.resolutions],
        durations=[int(d) for d in option.durations],
        default_duration=int(option.default_duration),
        aspects=[str(a) for a in option.aspects],
        start_image=bool(option.start_image),
        end_image=bool(option.end_image),
        audio=bool(option.audio),
        typical=_typical(int(option.typical_seconds or 0), lang),
    )


def _image_request(image: ChosenImage) -> dict[str, str] | None:
    if image.kind == "file":
        return {"file_id": image.id}
    if image.kind == "avatar":
        return {"avatar_id": image.id}
    return None


class FormState(SpendMixin, VideoGeneratorState):
    _key_prefix: ClassVar = "vg"
    models: list[ModelCard] = []
    model_key: str = ""
    prompt: str = ""
    negative_prompt: str = ""
    resolution: str = ""
    duration: int = 0
    aspect: str = ""
    audio: bool = False
    start_image: ChosenImage = NO_IMAGE
    end_image: ChosenImage = NO_IMAGE
    improved_prompt: str = ""  # the improved prompt the user accepted ("" when none)
    form_error: str = ""  # why it cannot be made as it is, in words
    est_ready: bool = False
    est_price: str = ""  # "42 credits"
    est_available: str = ""
    est_affordable: bool = True
    est_lines: list[PriceLine] = []
    loaded: bool = False

    # ---------------------------------------------------------------- what the model can do

    def _model(self) -> ModelCard | None:
        return next((m for m in self.models if m.value == self.model_key), None)

    @rx.var
    def resolutions(self) -> list[str]:
        model = next((m for m in self.models if m.value == self.model_key), None)
        return list(model.resolutions) if model else []

    @rx.var
    def durations(self) -> list[str]:
        model = next((m for m in self.models if m.value == self.model_key), None)
        return [str(d) for d in model.durations] if model else []

    @rx.var
    def aspects(self) -> list[str]:
        model = next((m for m in self.models if m.value == self.model_key), None)
        return list(model.aspects) if model else []

    @rx.var
    def start_ok(self) -> bool:
        model = next((m for m in self.models if m.value == self.model_key), None)
        return bool(model and model.start_image)

    @rx.var
    def end_ok(self) -> bool:
        model = next((m for m in self.models if m.value == self.model_key), None)
        return bool(model and model.end_image)

    @rx.var
    def audio_ok(self) -> bool:
        model = next((m for m in self.models if m.value == self.model_key), None)
        return bool(model and model.audio)

    @rx.var
    def model_note(self) -> str:
        """The chosen model's tier and how long it usually takes."""
        model = next((m for m in self.models if m.value == self.model_key), None)
        if model is None:
            return ""
        return " · ".join(part for part in (model.tier, model.typical) if part)

    @rx.var
    def duration_text(self) -> str:
        return str(self.duration) if self.duration else ""

    @rx.var
    def prompt_count(self) -> int:
        return len(self.prompt)

    @rx.var
    def negative_count(self) -> int:
        return len(self.negative_prompt)

    @rx.var
    def prompt_short(self) -> bool:
        return len(self.prompt.strip()) < PROMPT_MIN

    # ---------------------------------------------------------------- the request

    def _raw(self) -> dict[str, Any]:
        return {
            "model_key": self.model_key,
            "prompt": self.prompt,
            "negative_prompt": self.negative_prompt,
            "resolution": self.resolution,
            "duration": self.duration,
            "aspect": self.aspect,
            "start_image": _image_request(self.start_image),
            "end_image": _image_request(self.end_image),
            "audio": self.audio,
            "improved_prompt": self.improved_prompt or None,
        }

    def _fit(self) -> None:
        """Only what the chosen model can make stays chosen: a resolution, duration or aspect
        it lacks becomes its first (its default duration), a picture or sound it cannot take
        goes."""
        model = self._model()
        if model is None:
            return
        if self.resolution not in model.resolutions:
            self.resolution = next(iter(model.resolutions), "")
        if self.duration not in model.durations:
            fallback = next(iter(model.durations), 0)
            self.duration = (
                model.default_duration if model.default_duration in model.durations else fallback
            )
        if self.aspect not in model.aspects:
            self.aspect = next(iter(model.aspects), "")
        if not model.start_image:
            self.start_image = NO_IMAGE
        if not model.end_image:
            self.end_image = NO_IMAGE
        if not model.audio:
            self.audio = False

    async def _load_models(self, user_id: int) -> None:
        """The models as this user may use them; the one chosen stays while it can be used."""
        lang = await self._lang()
        self.models = [model_card(o, lang) for o in await call(videos.models_for, user_id)]
        usable = [m.value for m in self.models if not m.disabled]
        if self.model_key not in usable:
            self.model_key = next(iter(usable or [m.value for m in self.models]), "")
        self._fit()

    async def _start(self, user_id: int) -> None:
        """The form as the page opens: the models, the choices fitted to the chosen one."""
        self.confirming = self.busy = False
        self.started_generation = self._generate_key = ""
        await self._load_models(user_id)
        self.loaded = True
        await self._estimate(user_id)

    async def _estimate(self, user_id: int) -> None:
        lang = await self._lang()
        self.est_ready = False
        if not self.model_key:
            self.form_error, self.est_price = tr("video_generator_no_models", lang), ""
            self.est_lines = []
            return
        raw = self._raw()
        short = len(self.prompt.strip()) < PROMPT_MIN
        if short:  # the price does not depend on the words: shown before they are written
            raw["prompt"] = STAND_IN
        try:
            quote = await call(videos.estimate, user_id, raw)
        except ServiceError as exc:
            self.form_error, self.est_price, self.est_lines = error_text(exc, lang), "", []
            return
        unit = tr("unit_credits" if quote.unit == "credits" else "usage_quota", lang).lower()
        self.est_lines = [
            PriceLine(tr(key, lang), format_number(credits, lang)) for key, credits in quote.lines
        ]
        self.est_price = f"{format_number(quote.amount, lang)} {unit}"
        available = getattr(quote, "available", None)
        self.est_available = (
            f"{format_number(available, lang)} {unit}" if available is not None else ""
        )
        self.est_affordable = bool(getattr(quote, "affordable", True))
        self.form_error = tr("video_generator_prompt_hint", lang) if short else ""
        self.est_ready = not short

    async def _submit(self, user_id: int, key: str) -> str:
        generation_id = await call(videos.generate, user_id, self._raw(), key)
        self.notice = tr("video_generator_started", await self._lang())
        self.improved_prompt = ""  # used once: the next video asks again
        from lumiku.state.video_generator.making import MakingState  # it imports this module

        await (await self.get_state(MakingState))._load(user_id)
        return generation_id

    # ---------------------------------------------------------------- pictures and refills

    async def _set_image(self, user_id: int, slot: str, image: ChosenImage) -> None:
        """A picture chosen for `slot` (an upload, an avatar), or none; a model that cannot
        start (or end) on a picture takes none."""
        model = self._model()
        if image.kind and not (model and getattr(model, f"{slot}_image", False)):
            return
        if slot == "start":
            self.start_image = image
        elif slot == "end":
            self.end_image = image
        await self._estimate(user_id)

    async def _image_from(self, user_id: int, raw: Any) -> ChosenImage:
        """A stored settings' picture as the form shows it; an avatar deleted since is gone."""
        if not isinstance(raw, dict):
            return NO_IMAGE
        file_id, avatar_id = clean_id(raw.get("file_id")), clean_id(raw.get("avatar_id"))
        if file_id:
            link = files.signed_file_link(user_id, file_id, True, LINK_SECONDS)
            return ChosenImage("file", file_id, "", link)
        if avatar_id:
            try:
                avatar = await call(avatars.get, user_id, avatar_id)
            except ServiceError:
                return NO_IMAGE
            link = (
                files.signed_file_link(user_id, avatar.image_id, True, LINK_SECONDS)
                if avatar.image_id
                else ""
            )
            return ChosenImage("avatar", avatar_id, avatar.name, link)
        return NO_IMAGE

    async def _refill(self, user_id: int, raw: dict[str, Any]) -> None:
        """A video's settings back in the form ("use these settings again"), fitted to what
        its model can do now."""
        if not self.models:
            await self._load_models(user_id)
        key = raw.get("model_key")
        if any(m.value == key and not m.disabled for m in self.models):
            self.model_key = key
        self.prompt = str(raw.get("prompt") or "")[:PROMPT_MAX]
        self.negative_prompt = str(raw.get("negative_prompt") or "")[:NEGATIVE_MAX]
        self.resolution = str(raw.get("resolution") or "")
        duration = raw.get("duration")
        self.duration = int(duration) if isinstance(duration, int | float) else 0
        self.aspect = str(raw.get("aspect") or "")
        self.audio = raw.get("audio") is True
        self.start_image = await self._image_from(user_id, raw.get("start_image"))
        self.end_image = await self._image_from(user_id, raw.get("end_image"))
        self.improved_prompt = ""  # improving costs: asked for again, never carried over
        self._fit()
        await self._estimate(user_id)

    # ---------------------------------------------------------------- the form's handlers

    @rx.event
    @with_user
    async def set_model(self, me: Caller, key: str):
        if isinstance(key, str) and any(m.value == key and not m.disabled for m in self.models):
            self.model_key = key
            self._fit()
            await self._estimate(me.user.id)

    @rx.event
    @with_user
    async def set_prompt(self, me: Caller, text: str):
        """The user's words; an accepted improvement was of the words before, so it goes."""
        value = text_of(text, PROMPT_MAX)
        if value is None or value == self.prompt:
            return
        self.prompt = value
        if self.improved_prompt:
            self.improved_prompt = ""
            self.notice = tr("video_generator_improved_dropped", me.lang)
        await self._estimate(me.user.id)

    @rx.event
    @with_user
    async def set_negative_prompt(self, me: Caller, text: str):
        value = text_of(text, NEGATIVE_MAX)
        if value is not None and value != self.negative_prompt:
            self.negative_prompt = value
            await self._estimate(me.user.id)

    @rx.event
    @with_user
    async def set_resolution(self, me: Caller, value: str):
        model = self._model()
        if model and isinstance(value, str) and value in model.resolutions:
            self.resolution = value
            await self._estimate(me.user.id)

    @rx.event
    @with_user
    async def set_duration(self, me: Caller, value: str):
        """Seconds, as the select sends them ("8")."""
        model = self._model()
        if model and isinstance(value, str) and value.isdecimal() and len(value) < 4:
            if int(value) not in model.durations:
                return
            self.duration = int(value)
            await self._estimate(me.user.id)

    @rx.event
    @with_user
    async def set_aspect(self, me: Caller, value: str):
        model = self._model()
        if model and isinstance(value, str) and value in model.aspects:
            self.aspect = value
            await self._estimate(me.user.id)

    @rx.event
    @with_user
    async def set_audio(self, me: Caller, on: bool):
        model = self._model()
        if isinstance(on, bool) and (not on or (model is not None and model.audio)):
            self.audio = on
            await self._estimate(me.user.id)

    @rx.event
    @with_user
    async def clear_image(self, me: Caller, slot: str):
        if isinstance(slot, str) and slot in SLOTS:
            await self._set_image(me.user.id, slot, NO_IMAGE)

    @rx.event
    @with_user
    async def stop_improved(self, me: Caller):
        """Back to the user's own words (and no charge for improving)."""
        if self.improved_prompt:
            self.improved_prompt = ""
            await self._estimate(me.user.id)
