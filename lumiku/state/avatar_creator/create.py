"""Making avatars: describe one or start from a preset, the persona behind it (written by hand
or by the persona writer), the model, how many, the live price, and generating after the user
confirms it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import reflex as rx

from lumiku.i18n import MESSAGES, format_number, tr
from lumiku.services import ai_models, billing
from lumiku.services.avatar_creator import generate, presets, projects
from lumiku.services.avatar_creator.projects import persona_line
from lumiku.state.auth import signed_in_user
from lumiku.state.avatar_creator.common import (
    PERSONA_FIELDS,
    AvatarCreatorState,
    blank_attributes,
    blank_persona,
    clean_attribute,
    clean_field,
    form_request,
)
from lumiku.state.base import Caller, call, error_text, with_user
from lumiku.state.projects import SpendMixin

MODES = ("describe", "preset")
TEXT_FIELDS = (*PERSONA_FIELDS, "prompt", "seed", "words")


@dataclass
class ModelOption:
    key: str
    label: str  # "FLUX.1-dev Standard · 10 credits"
    usable: bool
    reason: str  # why it cannot be used, in words ("" when it can)


@dataclass
class PresetCard:
    id: str
    name: str
    category: str
    description: str
    persona: str
    traits: str


class CreateState(SpendMixin, AvatarCreatorState):
    _key_prefix: ClassVar = "ac"
    mode: str = "describe"
    persona: dict[str, str] = blank_persona()
    attributes: dict[str, str] = blank_attributes()
    prompt: str = ""
    seed: str = ""
    count_text: str = "1"
    model_key: str = ""
    models: list[ModelOption] = []
    category: str = "all"
    preset_cards: list[PresetCard] = []
    preset_id: str = ""
    words: str = ""  # a few words for the persona writer
    writer_off: str = ""  # why the persona writer is off, in words ("" when it is on)
    writing: bool = False
    form_error: str = ""
    est_ready: bool = False
    _quote: billing.Quote | None = None
    _lang_shown: str = ""

    # ---------------------------------------------------------------- the estimate, as text

    def _unit(self) -> str:
        unit = "unit_credits" if self._quote and self._quote.unit == "credits" else "usage_quota"
        return tr(unit, self._lang_shown).lower()

    @rx.var
    def est_price(self) -> str:
        if not self._quote:
            return ""
        return f"{format_number(self._quote.amount, self._lang_shown)} {self._unit()}"

    @rx.var
    def est_available(self) -> str:
        if not self._quote:
            return ""
        return f"{format_number(self._quote.available, self._lang_shown)} {self._unit()}"

    @rx.var
    def est_affordable(self) -> bool:
        return self._quote.affordable if self._quote else True

    @rx.var
    def count_label(self) -> str:
        return self.count_text

    # ---------------------------------------------------------------- loading

    async def _start(self, user_id: int, lang: str) -> None:
        """Called by the project page's load: the models as this user may use them, the
        presets, and whether the persona writer can be used."""
        self._lang_shown = lang
        views = await call(ai_models.models_for, user_id, projects.APP_ID, generate.CAPABILITY)
        self.models = [
            ModelOption(
                m.key,
                f"{m.name} · {tr('avatar_creator_model_cost', lang, credits=m.credit_cost)}",
                m.accessible,
                "" if m.accessible else _reason(m, lang),
            )
            for m in views
        ]
        if not any(m.key == self.model_key and m.usable for m in self.models):
            self.model_key = next((m.key for m in self.models if m.usable), "")
        reason = await call(generate.persona_writer_reason)
        self.writer_off = tr(reason, lang) if reason else ""
        await self._load_presets()
        self.form_error = ""
        await self._estimate(user_id)

    async def _load_presets(self) -> None:
        chosen = "" if self.category == "all" else self.category
        rows = await call(generate.list_presets, chosen)
        self.preset_cards = [
            PresetCard(
                p.id,
                p.name,
                p.category,
                _described(p, self._lang_shown),
                persona_line(p.persona_name, p.persona_age),
                ", ".join(p.personality),
            )
            for p in rows
        ]

    # ---------------------------------------------------------------- the request

    def _request(self) -> dict:
        seed = self.seed.strip()
        request = {
            **form_request(self.persona, self.attributes),
            "project_id": self.project_id,
            "model_key": self.model_key,
            "count": int(self.count_text) if self.count_text.strip().isdecimal() else 0,
            "prompt": self.prompt,
            "seed": int(seed) if seed.isdecimal() else (seed or None),
        }
        if self.mode == "preset":
            request["preset_id"] = self.preset_id
        return request

    async def _estimate(self, user_id: int) -> None:
        self._lang_shown = await self._lang()
        self.est_ready = False
        if not self.model_key or (self.mode == "preset" and not self.preset_id):
            self._quote = None
            return
        try:
            self._quote = await call(generate.estimate, user_id, self._request())
        except Exception as exc:  # noqa: BLE001 - the form says what is wrong
            self._quote, self.form_error = None, error_text(exc, self._lang_shown)
            return
        self.form_error = ""
        self.est_ready = True

    async def _user_id(self) -> int | None:
        _, user = await signed_in_user(self)
        return user.id if user is not None else None

    async def _changed(self) -> None:
        """Any change redraws the price; a signed-out tab is not sent away mid-typing."""
        self.error = self.notice = ""
        user_id = await self._user_id()
        if user_id is not None:
            await self._estimate(user_id)

    async def _submit(self, user_id: int, key: str) -> str:
        generation_id = await call(generate.generate, user_id, self._request(), key)
        self.notice = tr("avatar_creator_started", self._lang_shown)
        return generation_id

    # ---------------------------------------------------------------- handlers

    @rx.event
    async def set_mode(self, mode: str):
        if mode in MODES:
            self.mode = mode
            await self._changed()

    @rx.event
    async def set_text(self, name: str, value: str):
        """A text field of the form: persona fields, the description, the seed, the writer's
        words. The price is redrawn when the persona or description changes."""
        if name in PERSONA_FIELDS:
            field = clean_field(name, value, PERSONA_FIELDS)
            self.persona = {**self.persona, field[0]: field[1]}
        elif name in ("prompt", "seed", "words") and isinstance(value, str):
            setattr(self, name, value[: {"prompt": 1000, "seed": 10, "words": 300}[name]])
        else:
            return
        if name != "words":
            await self._changed()

    @rx.event
    async def set_attribute(self, key: str, value: str):
        attribute = clean_attribute(key, value)
        if attribute:
            self.attributes = {**self.attributes, attribute[0]: attribute[1]}
            await self._changed()

    @rx.event
    async def set_model(self, key: str):
        if isinstance(key, str) and any(m.key == key and m.usable for m in self.models):
            self.model_key = key
            await self._changed()

    @rx.event
    async def set_count(self, value: str):
        self.count_text = str(value)[:2]
        await self._changed()

    @rx.event
    async def set_category(self, category: str):
        if category == "all" or category in presets.CATEGORIES:
            self.category = category
            await self._load_presets()

    @rx.event
    async def choose_preset(self, preset_id: str):
        if isinstance(preset_id, str) and any(p.id == preset_id for p in self.preset_cards):
            self.preset_id = preset_id
            chosen = next(p for p in self.preset_cards if p.id == preset_id)
            self.persona = {**self.persona, "name": chosen.name}
            await self._changed()

    @rx.event(background=True)
    async def write_persona(self):
        """Asks the persona writer for a persona from the user's few words (a few seconds);
        the draft fills the form, for the user to edit before generating."""
        async with self:
            session, user = await signed_in_user(self)
            if user is None or self.writing:
                return
            self.writing, self.error, self.notice = True, "", ""
            words, lang, user_id = self.words, session.lang, user.id
        try:
            draft = await call(generate.write_persona, user_id, words, lang)
            failure = ""
        except Exception as exc:  # noqa: BLE001 - shown
            draft, failure = None, error_text(exc, lang)
        async with self:
            self.writing = False
            if draft is None:
                self.error = failure
                return
            self.persona = {
                **self.persona,
                "persona_name": draft.name,
                "persona_age": "" if draft.age is None else str(draft.age),
                "personality": ", ".join(draft.personality),
                "background": draft.background,
                "name": self.persona.get("name") or draft.name,
            }
            self.attributes = {**blank_attributes(), **draft.attributes}
            self.notice = tr("avatar_creator_persona_written", lang)
            await self._estimate(user_id)

    @rx.event
    @with_user
    async def clear_form(self, me: Caller):
        self.persona, self.attributes = blank_persona(), blank_attributes()
        self.prompt = self.seed = self.words = self.preset_id = ""
        await self._estimate(me.user.id)


def _described(preset: generate.PresetView, lang: str) -> str:
    """A preset's description in the tab's language (the catalogue's), else as seeded."""
    key = f"avatar_creator_preset_{preset.id.replace('-', '_')}"
    return tr(key, lang) if key in MESSAGES[lang] else preset.description


def _reason(model: ai_models.ModelView, lang: str) -> str:
    """Why a model is shown disabled: its provider's reason, else the plan's tier."""
    if model.reason:
        return tr(model.reason, lang)
    return tr("model_tier_locked", lang, tier=model.tier)
