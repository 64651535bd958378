"""What the forms and grids of the apps that make batches of pictures of an avatar (Avatar
Generator, Pose Generator) share: the registry models offered, the seed, the estimate's lines,
and the grid of what was made, redrawn as items finish. Mixins over the app's base state
(`project_id`, `error`, `notice`, `_lang`), so the apps keep one behaviour."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import reflex as rx

from lumiku.i18n import format_number, tr
from lumiku.services import ai_models, billing
from lumiku.services.errors import ServiceError
from lumiku.state.base import Caller, call, error_text, with_user

SEED_DIGITS = 10  # the seed's range, 0 to 2³¹ - 1, is checked by the service


@dataclass
class ModelChoice:
    value: str  # the registry key
    label: str  # its name, and why it cannot be used now when it cannot
    disabled: bool


def model_reason(model: ai_models.ModelView, lang: str) -> str:
    """Why a model cannot be used now, in words ("" when it can)."""
    if model.accessible:
        return ""
    if model.reason:
        return tr(model.reason, lang)
    return tr("model_tier_locked", lang, tier=model.tier.capitalize())


class BatchFormMixin(rx.State, mixin=True):
    """The model, the seed and the estimate of a batch's form. The app's state has
    `_estimate(user_id)`; `_messages` is its message prefix ("avatar_generator")."""

    models: list[ModelChoice] = []
    model_key: str = ""
    seed_text: str = ""
    # why the form cannot be generated as it is, in words (a model that cannot be used now
    # says why here too: the estimate is refused with its reason)
    form_error: str = ""
    est_ready: bool = False
    est_price: str = ""  # the batch's price: "40 credits"
    est_available: str = ""
    est_affordable: bool = True
    est_per_item: str = ""  # "SD 5 + HD 2 + priority 3 = 10 credits per variation"
    _messages: ClassVar[str]

    def _seed(self) -> Any:
        text = self.seed_text.strip()
        if not text:
            return None
        return int(text) if text.isdecimal() else text

    async def _load_models(self, user_id: int, app_id: str, capability: str) -> None:
        """The app's models this user may pick from; the last one chosen stays while it can be
        used."""
        lang = await self._lang()
        found = await call(ai_models.models_for, user_id, app_id, capability)
        choices = []
        for model in found:
            reason = model_reason(model, lang)
            label = f"{model.name} · {reason}" if reason else model.name
            choices.append(ModelChoice(model.key, label, not model.accessible))
        self.models = choices
        usable = [m.key for m in found if m.accessible]
        if self.model_key not in usable:
            self.model_key = next(iter(usable or [m.key for m in found]), "")

    def _show_refusal(self, exc: ServiceError, lang: str) -> None:
        """The estimate refused: why, and no price."""
        self.form_error, self.est_price, self.est_per_item = error_text(exc, lang), "", ""

    def _show_quote(self, quote: billing.Quote, lang: str, per_item: str) -> None:
        """The batch's price, what the user has, and the price of one item in its parts."""
        self.form_error = ""
        unit = tr("unit_credits" if quote.unit == "credits" else "usage_quota", lang).lower()
        self.est_price = f"{format_number(quote.amount, lang)} {unit}"
        self.est_available = f"{format_number(quote.available, lang)} {unit}"
        self.est_affordable = quote.affordable
        self.est_per_item = per_item

    @rx.event
    @with_user
    async def set_seed(self, me: Caller, text: str):
        """A seed to repeat a result; empty for a new one each time."""
        if isinstance(text, str | int) and not isinstance(text, bool):
            self.seed_text = str(text).strip()[: SEED_DIGITS + 2]
            await self._estimate(me.user.id)

    @rx.event
    @with_user
    async def use_seed(self, me: Caller, seed: str):
        """A result's seed into the form, to make more like it."""
        if isinstance(seed, str) and seed.isdecimal() and len(seed) <= SEED_DIGITS:
            self.seed_text = seed
            self.notice = tr(f"{self._messages}_seed_used", me.lang, seed=seed)
            await self._estimate(me.user.id)


class BatchGridMixin(rx.State, mixin=True):
    """The grid of what an avatar's batches made, over a state with `tiles` and `_load(user_id)`;
    it follows the user's generation events (lumiku.state.live calls `_refresh`)."""

    loaded: bool = False

    async def _refresh(self, user_id: int, fields: dict[str, str] | None = None) -> None:
        """An item that ended may be a new picture: the grid is read again (progress ticks,
        which carry `progress`, change nothing here)."""
        if not self.loaded or not self.project_id or (fields or {}).get("progress"):
            return
        try:
            await self._load(user_id)
        except ServiceError:  # the avatar was deleted meanwhile
            self.tiles, self.loaded = [], False
