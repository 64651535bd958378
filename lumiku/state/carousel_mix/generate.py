"""The generate panel: how sets are delivered, the live estimate (combinations per position and
the price), and generating after the user confirms the price."""

from __future__ import annotations

from typing import Any, ClassVar

import reflex as rx

from lumiku.i18n import format_number, tr
from lumiku.services.carousel_mix import rules, sets
from lumiku.services.errors import ServiceError
from lumiku.state.auth import signed_in_user
from lumiku.state.base import call, error_text
from lumiku.state.carousel_mix.common import CarouselMixState
from lumiku.state.projects import SpendMixin


class GenerateState(SpendMixin, CarouselMixState):
    _key_prefix: ClassVar = "cm"
    count_text: str = "5"
    output: dict[str, Any] = rules.OutputSettings().to_dict()
    est_ready: bool = False  # the project and the count can be generated as they are
    output_error: str = ""
    _est: sets.Estimate | None = None
    _est_count: int = 0
    _lang_shown: str = ""

    # ---------------------------------------------------------------- the estimate, as text

    def _unit(self) -> str:
        unit = "unit_credits" if self._est and self._est.quote.unit == "credits" else "usage_quota"
        return tr(unit, self._lang_shown).lower()

    @rx.var
    def est_factors(self) -> str:
        """`3 × 4 × 2 = 24`: each position's pictures × texts, and what they make together."""
        if not self._est:
            return ""
        lang = self._lang_shown
        parts = " × ".join(format_number(f, lang) for f in self._est.factors)
        return f"{parts} = {format_number(self._est.combinations, lang)}"

    @rx.var
    def est_price(self) -> str:
        if not self._est:
            return ""
        return f"{format_number(self._est.quote.amount, self._lang_shown)} {self._unit()}"

    @rx.var
    def est_per_set(self) -> str:
        if not self._est:
            return ""
        return tr("carousel_mix_cost_per_set", self._lang_shown, cost=self._est.credits_per_set)

    @rx.var
    def est_available(self) -> str:
        if not self._est:
            return ""
        return f"{format_number(self._est.quote.available, self._lang_shown)} {self._unit()}"

    @rx.var
    def est_affordable(self) -> bool:
        return self._est.quote.affordable if self._est else True

    @rx.var
    def est_notice(self) -> str:
        est, lang = self._est, self._lang_shown
        if not est:
            return ""
        if est.empty_positions:
            slides = ", ".join(str(p) for p in est.empty_positions)
            return tr("carousel_mix_positions_empty", lang, slides=slides)
        if self._est_count > est.combinations:
            return tr("carousel_mix_too_few_combinations", lang, possible=est.combinations)
        return ""

    # ---------------------------------------------------------------- helpers

    def _count(self) -> int:
        return int(self.count_text) if self.count_text.strip().isdecimal() else 0

    def _show_output(self, settings: dict[str, Any]) -> None:
        try:
            self.output = rules.parse_output(settings).to_dict()
        except ServiceError:
            self.output = rules.OutputSettings().to_dict()

    async def _estimate(self, user_id: int) -> None:
        lang = await self._lang()
        count = self._count()
        self.est_ready = False
        try:
            est = await call(sets.estimate, user_id, self.project_id, count)
        except ServiceError as exc:
            self.output_error = error_text(exc, lang)
            self._est, self._est_count = None, 0
            return
        self.output_error = ""
        self._est, self._est_count, self._lang_shown = est, count, lang
        self.est_ready = not est.empty_positions and count <= est.combinations

    async def _user_id(self) -> int | None:
        _, user = await signed_in_user(self)
        return user.id if user is not None else None

    # ---------------------------------------------------------------- handlers

    @rx.event
    async def set_count(self, value: str):
        """Typing a count redraws the estimate; a signed-out tab is not sent away mid-typing."""
        self.count_text = str(value)[:4]
        self.error = self.notice = ""
        user_id = await self._user_id()
        if user_id is not None:
            await self._estimate(user_id)

    @rx.event
    async def set_output(self, name: str, value: Any):
        """One delivery option (format, quality, PDF, pick order); saved when generating."""
        if not isinstance(name, str) or name not in self.output:
            return
        if isinstance(value, list) and len(value) == 1:
            value = round(value[0]) if isinstance(value[0], int | float) else value[0]
        try:
            self.output = rules.parse_output({**self.output, name: value}).to_dict()
            self.output_error = ""
        except ServiceError as exc:
            self.output_error = error_text(exc, await self._lang())

    async def _submit(self, user_id: int, key: str) -> str:
        output, count = dict(self.output), self._count()
        return await call(sets.generate, user_id, self.project_id, output, count, key)
