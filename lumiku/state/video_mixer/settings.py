"""The settings panel (every mixing and output option) and the user's presets."""

from __future__ import annotations

from typing import Any

import reflex as rx

from lumiku.i18n import tr
from lumiku.services.video_mixer import projects
from lumiku.state.base import Caller, call, error_text, with_user
from lumiku.state.video_mixer.common import (
    NONE,
    NUMBER_OPTIONS,
    OPTIONS,
    Choice,
    VideoMixerState,
    parse_number,
)


class SettingsState(VideoMixerState):
    # every option of the settings panel (selects hold strings)
    order_mixing: bool = True
    different_start: bool = False
    fixed_first_clip: str = NONE
    group_mixing: bool = False
    group_mode: str = "sequential"
    speed_variations: bool = False
    speed_min: str = "0.5"
    speed_max: str = "2.0"
    metadata: str = "clean"
    resolution: str = "720p"
    bitrate: str = "medium"
    fps: str = "30"
    aspect: str = "9:16"
    aspect_auto: bool = True  # the aspect follows the clips until the user picks one
    fit: str = "bars"
    duration_type: str = "original"
    fixed_duration: str = "30"
    distribution: str = "speed"
    audio: str = "keep"
    visual_variation: bool = False
    settings_error: str = ""  # why the rules refuse the panel as it is

    presets: list[Choice] = []
    preset_name: str = ""

    # ---------------------------------------------------------------- helpers

    def _raw_settings(self) -> dict[str, Any]:
        """The panel as the services expect it; numbers that do not parse are sent as text,
        so the services refuse them by name."""
        raw: dict[str, Any] = {}
        for name, default in OPTIONS.items():
            value = getattr(self, name)
            if name == "fixed_first_clip":
                value = "" if value == NONE else value
            elif name == "fps":
                value = int(value) if str(value).isdecimal() else value
            elif name in NUMBER_OPTIONS:
                number = parse_number(value)
                value = number if number is not None else value
            raw[name] = value if not isinstance(default, bool) else bool(value)
        return raw

    def _show_settings(self, settings: dict[str, Any]) -> None:
        for name, default in OPTIONS.items():
            # settings saved before `aspect_auto` existed keep the aspect they had
            value = settings.get(name, False if name == "aspect_auto" else default)
            if name == "fixed_first_clip":
                value = value or NONE
            elif not isinstance(default, bool):
                value = str(value)
            setattr(self, name, value)

    def _follow_aspect(self, settings: dict[str, Any]) -> None:
        """After clips were added: the aspect the project took from them, unless picked."""
        if self.aspect_auto and settings.get("aspect_auto", False):
            self.aspect = str(settings.get("aspect", self.aspect))

    def _forget_missing_first_clip(self, clip_ids: set[str]) -> None:
        if self.fixed_first_clip != NONE and self.fixed_first_clip not in clip_ids:
            self.fixed_first_clip = NONE

    async def _load_presets(self, user_id: int) -> None:
        self.presets = [Choice(p.id, p.name) for p in await call(projects.list_presets, user_id)]

    async def _save_settings(self, me: Caller) -> None:
        """Saves the panel when the rules accept it, and redraws the estimate (one service
        call, one transaction: `projects.save_and_estimate`)."""
        from lumiku.state.video_mixer.estimate import EstimateState  # it reads this state

        await (await self.get_state(EstimateState))._estimate(me.user.id, save=True)

    # ---------------------------------------------------------------- handlers

    @rx.event
    @with_user
    async def set_option(self, me: Caller, name: str, value: Any):
        """One option changed: kept as typed (numbers as text), saved when the rules accept
        the whole panel, and the estimate redrawn."""
        if not isinstance(name, str) or name not in OPTIONS:
            return
        default = OPTIONS[name]
        if isinstance(default, bool):
            if not isinstance(value, bool):
                return
        elif not isinstance(value, str | int | float) or isinstance(value, bool):
            return
        setattr(self, name, value if isinstance(default, bool) else str(value)[:64])
        if name == "aspect":
            self.aspect_auto = False  # picked: the clips no longer decide
        await self._save_settings(me)

    @rx.event
    def set_preset_name(self, value: str):
        self.preset_name = str(value)[:60]

    @rx.event
    @with_user
    async def save_preset(self, me: Caller):
        try:
            await call(projects.save_preset, me.user.id, self.preset_name, self._raw_settings())
            self.notice, self.preset_name = tr("video_mixer_preset_saved", me.lang), ""
        except Exception as exc:  # noqa: BLE001 - shown, and the presets are redrawn all the same
            self.error = error_text(exc, me.lang)
        await self._load_presets(me.user.id)

    @rx.event
    @with_user
    async def load_preset(self, me: Caller, preset_id: str):
        preset = await call(projects.get_preset, me.user.id, str(preset_id))
        keep_first = self.fixed_first_clip  # the clips are this project's, not the preset's
        self._show_settings(preset.settings)
        self.fixed_first_clip = keep_first
        await self._save_settings(me)

    @rx.event
    @with_user
    async def delete_preset(self, me: Caller, preset_id: str):
        try:
            await call(projects.delete_preset, me.user.id, str(preset_id))
            self.notice = tr("video_mixer_preset_deleted", me.lang)
        except Exception as exc:  # noqa: BLE001 - shown, and the presets are redrawn all the same
            self.error = error_text(exc, me.lang)
        await self._load_presets(me.user.id)
