"""The live estimate of the settings panel, and generating after the user confirms its price."""

from __future__ import annotations

from typing import ClassVar

import reflex as rx

from lumiku.i18n import format_number, tr
from lumiku.services.errors import ServiceError
from lumiku.services.video_mixer import projects
from lumiku.state.auth import signed_in_user
from lumiku.state.base import call, error_text
from lumiku.state.projects import SpendMixin
from lumiku.state.video_mixer.common import VideoMixerState, seconds_text
from lumiku.state.video_mixer.settings import SettingsState


class EstimateState(SpendMixin, VideoMixerState):
    _key_prefix: ClassVar = "vm"
    count_text: str = "5"
    est_ready: bool = False  # the panel and the count can be generated as they are
    _est: projects.Estimate | None = None  # the last estimate the rules accepted
    _est_count: int = 0  # the count it was made for
    _lang_shown: str = ""  # the language it was made in

    # ---------------------------------------------------------------- the estimate, as text

    def _unit(self) -> str:
        unit = "unit_credits" if self._est and self._est.quote.unit == "credits" else "usage_quota"
        return tr(unit, self._lang_shown).lower()

    @rx.var
    def est_combinations(self) -> str:
        return format_number(self._est.combinations, self._lang_shown) if self._est else ""

    @rx.var
    def est_strength(self) -> int:
        return self._est.strength if self._est else 0

    @rx.var
    def est_strength_label(self) -> str:
        if not self._est:
            return ""
        return tr(f"video_mixer_strength_{self._est.strength_label}", self._lang_shown)

    @rx.var
    def est_duration(self) -> str:
        return seconds_text(self._est.seconds_per_video) if self._est else ""

    @rx.var
    def est_cost_per_video(self) -> str:
        if not self._est:
            return ""
        return tr("video_mixer_cost_per_video", self._lang_shown, cost=self._est.cost_per_video)

    @rx.var
    def est_price(self) -> str:
        if not self._est:
            return ""
        return f"{format_number(self._est.quote.amount, self._lang_shown)} {self._unit()}"

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
        est, count, lang = self._est, self._est_count, self._lang_shown
        if not est:
            return ""
        if count > est.max_count:
            return tr("video_mixer_too_few_combinations", lang, possible=est.max_count)
        if count > est.combinations:
            return tr("video_mixer_sequences_repeat", lang, possible=est.combinations)
        return ""

    # ---------------------------------------------------------------- helpers

    def _count(self) -> int:
        """The typed count, or 0 (which the services refuse with the allowed range)."""
        return int(self.count_text) if self.count_text.strip().isdecimal() else 0

    def _forget_estimate(self) -> None:
        self._est, self._est_count, self.est_ready = None, 0, False

    async def _estimate(self, user_id: int, save: bool = False) -> None:
        """Recomputes the estimate from the panel; a value the rules refuse is named instead.
        `save`: the panel is saved first, in the same service call (settings the rules refuse
        are not saved, and get no price either)."""
        settings = await self.get_state(SettingsState)
        lang = await self._lang()
        count = self._count()
        self.est_ready = False
        service = projects.save_and_estimate if save else projects.estimate
        try:
            est = await call(service, user_id, self.project_id, settings._raw_settings(), count)
        except ServiceError as exc:
            settings.settings_error = error_text(exc, lang)
            self._forget_estimate()  # never a price for a count or settings refused
            return
        settings.settings_error = ""
        self._est, self._est_count, self._lang_shown = est, count, lang
        self.est_ready = count <= est.max_count

    # ---------------------------------------------------------------- handlers

    @rx.event
    async def set_count(self, value: str):
        """Typing a count redraws the estimate; a signed-out tab is not sent away mid-typing."""
        self.count_text = str(value)[:4]
        self.error = self.notice = ""
        _, user = await signed_in_user(self)
        if user is not None:
            await self._estimate(user.id)

    async def _submit(self, user_id: int, key: str) -> str:
        settings = await self.get_state(SettingsState)
        raw, count = settings._raw_settings(), self._count()
        return await call(projects.generate, user_id, self.project_id, raw, count, key)
