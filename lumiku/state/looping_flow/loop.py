"""The loop itself: its style, length and loop points (found automatically or nudged), its
sound, the free preview, the estimate (price and size) and generating after the user confirms."""

from __future__ import annotations

from typing import Any, ClassVar

import reflex as rx

from lumiku.i18n import format_number, tr
from lumiku.services import files
from lumiku.services.errors import ServiceError
from lumiku.services.looping_flow import projects, rules
from lumiku.state.auth import signed_in_user
from lumiku.state.base import Caller, call, error_text, with_user
from lumiku.state.looping_flow.common import LINK_SECONDS, LoopingFlowState, control_value
from lumiku.state.projects import SpendMixin


def duration_text(seconds: float) -> str:
    hours, rest = divmod(int(round(seconds)), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class LoopState(SpendMixin, LoopingFlowState):
    _key_prefix: ClassVar = "lf"
    values: dict[str, Any] = rules.LoopSettings().to_dict()
    minutes_text: str = "10"
    has_clip: bool = False
    clip_seconds: float = 0.0
    score_text: str = ""
    finding: bool = False
    previewing: bool = False
    preview_url: str = ""
    settings_error: str = ""
    est_credits: str = ""
    est_price: str = ""
    est_available: str = ""
    est_size: str = ""
    est_affordable: bool = True
    est_fits: bool = True
    est_ready: bool = False

    async def _show(
        self, user_id: int, project: projects.ProjectDetail, fresh: bool = False
    ) -> None:
        clip = project.clip
        self.has_clip, self.clip_seconds = clip is not None, clip.duration if clip else 0.0
        try:
            self.values = rules.parse_settings(project.settings).to_dict()
        except ServiceError:
            self.values = rules.LoopSettings().to_dict()
        score = project.settings.get("score")
        lang = await self._lang()
        self.score_text = (
            tr("looping_flow_score", lang, score=f"{score:.0f}")
            if isinstance(score, int | float)
            else ""
        )
        if fresh:
            self.minutes_text = f"{self.values['target'] / 60:g}"
            self.confirming = self.finding = self.previewing = False
        self.preview_url = (
            files.signed_file_link(user_id, project.preview_id, True, LINK_SECONDS)
            if project.preview_id
            else ""
        )
        await self._estimate(user_id)

    async def _estimate(self, user_id: int) -> None:
        lang = await self._lang()
        self.est_ready = False
        if not self.has_clip:
            self.est_price = self.est_size = ""
            return
        try:
            est = await call(projects.estimate, user_id, self.project_id, dict(self.values))
        except ServiceError as exc:
            self.settings_error = error_text(exc, lang)
            return
        self.settings_error = ""
        unit = tr("unit_credits" if est.quote.unit == "credits" else "usage_quota", lang).lower()
        self.est_price = f"{format_number(est.quote.amount, lang)} {unit}"
        self.est_available = f"{format_number(est.quote.available, lang)} {unit}"
        self.est_affordable = est.quote.affordable
        self.est_fits = est.fits_storage
        self.est_size = tr(
            "looping_flow_size",
            lang,
            mb=format_number(est.output_bytes // 2**20 + 1, lang),
            free=format_number(est.free_bytes // 2**20, lang),
        )
        self.est_ready = est.fits_storage

    async def _save(self, user_id: int, lang: str) -> None:
        try:
            saved = await call(projects.save_settings, user_id, self.project_id, dict(self.values))
            self.values = saved.to_dict()
            self.settings_error = ""
        except ServiceError as exc:
            self.settings_error = error_text(exc, lang)
        await self._estimate(user_id)

    # ---------------------------------------------------------------- the settings

    @rx.event
    @with_user
    async def set_field(self, me: Caller, name: str, value: Any):
        if not isinstance(name, str) or name not in rules.LoopSettings().to_dict():
            return
        previous = dict(self.values)
        if name not in ("style", "original"):
            value = control_value(value, whole=isinstance(previous[name], int))
        self.values = {**self.values, name: value}
        await self._save(me.user.id, me.lang)
        if self.settings_error:
            self.values = previous

    @rx.event
    @with_user
    async def set_minutes(self, me: Caller, text: str):
        """The length, typed in minutes (decimals allowed: 0.5 is 30 seconds)."""
        self.minutes_text = str(text)[:8]
        minutes = control_value(self.minutes_text)
        if not isinstance(minutes, float) or not 0 < minutes < 10**6:  # NaN and inf too
            self.settings_error = tr("looping_flow_minutes_invalid", me.lang)
            self.est_ready = False
            return
        previous = dict(self.values)
        self.values = {**self.values, "target": round(minutes * 60)}
        await self._save(me.user.id, me.lang)
        if self.settings_error:
            self.values, self.est_ready = previous, False

    @rx.event
    @with_user
    async def use_minutes(self, me: Caller, minutes: int):
        """A quick choice (1 minute, 10 minutes, 1 hour, 3 hours)."""
        if isinstance(minutes, int) and not isinstance(minutes, bool) and 0 < minutes <= 720:
            self.minutes_text = str(minutes)
            self.values = {**self.values, "target": minutes * 60}
            await self._save(me.user.id, me.lang)

    # ---------------------------------------------------------------- loop point and preview

    async def _begin(self, flag: str) -> tuple[int, str, str] | None:
        """The first locked block of a background event: the user, or None (sent away)."""
        async with self:
            session, user = await signed_in_user(self)
            if user is None or getattr(self, flag) or not self.has_clip:
                return None
            setattr(self, flag, True)
            self.error = self.notice = ""
            return user.id, session.lang, self.project_id

    @rx.event(background=True)
    async def find_loop(self):
        """Looks through the clip for the two frames that match best (a few seconds)."""
        begun = await self._begin("finding")
        if begun is None:
            return
        user_id, lang, project_id = begun
        try:
            found = await call(projects.find_loop, user_id, project_id)
            failure = ""
        except Exception as exc:  # noqa: BLE001 - shown
            found, failure = None, error_text(exc, lang)
        async with self:
            self.finding = False
            if self.project_id != project_id:
                return
            self.error = failure
            if found is not None:
                self.values = {**self.values, "loop_in": found.start, "loop_out": found.end}
                self.score_text = tr("looping_flow_score", lang, score=f"{found.score:.0f}")
                await self._estimate(user_id)

    @rx.event(background=True)
    async def make_preview(self):
        """Two loops of the unit, small and free, to see and hear the seam before paying."""
        begun = await self._begin("previewing")
        if begun is None:
            return
        user_id, lang, project_id = begun
        async with self:
            values = dict(self.values)
        try:
            file_id = await call(projects.make_preview, user_id, project_id, values)
            url, failure = files.signed_file_link(user_id, file_id, True, LINK_SECONDS), ""
        except Exception as exc:  # noqa: BLE001 - shown
            url, failure = "", error_text(exc, lang)
        async with self:
            self.previewing = False
            if self.project_id == project_id:
                self.error = failure
                self.preview_url = url or self.preview_url

    # ---------------------------------------------------------------- generating

    async def _submit(self, user_id: int, key: str) -> str:
        return await call(projects.generate, user_id, self.project_id, dict(self.values), key)

    @rx.var
    def duration_label(self) -> str:
        return duration_text(float(self.values.get("target", 0) or 0))
