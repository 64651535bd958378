"""What every part of Video Mixer's pages shares: the rows they show and the base state, which
holds the open project's id and the page's messages. Each concern is a substate of it."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

import reflex as rx

from lumiku import plugins
from lumiku.services.video_mixer import projects, rules
from lumiku.state.auth import AuthState
from lumiku.state.work import WorkState

APP = plugins.BY_ID[projects.APP_ID]
PROJECT_ROUTE = APP.path("[vm_project]")
LINK_SECONDS = 3600
NONE = "none"  # Radix selects cannot hold an empty value
OPTIONS = {f.name: f.default for f in fields(rules.MixSettings)}
NUMBER_OPTIONS = ("speed_min", "speed_max", "fixed_duration")
UPLOAD_ID = "vm-upload"


@dataclass
class ClipRow:
    id: str
    name: str
    details: str
    thumb_url: str
    group: str  # group id, or NONE
    first: bool
    last: bool


@dataclass
class GroupBox:
    id: str  # NONE for the clips outside any group
    name: str
    first: bool
    last: bool
    clips: list[ClipRow]


@dataclass
class Choice:
    value: str
    label: str


def seconds_text(value: float) -> str:
    return f"{value:.1f} s"


def size_text(size: int) -> str:
    return f"{size / 2**20:.1f} MB"


def parse_number(text: Any) -> float | None:
    try:
        return float(str(text).replace(",", "."))
    except ValueError:
        return None


class VideoMixerState(rx.State):
    """The base of Video Mixer's substates (list, project, settings, estimate); they reach each
    other with `await self.get_state(...)`."""

    project_id: str = ""  # the project open in this tab, "" on the list
    error: str = ""
    notice: str = ""

    async def _lang(self) -> str:
        return (await self.get_state(AuthState)).lang

    async def _refresh_work(self, user_id: int) -> None:
        work = await self.get_state(WorkState)
        await work._show_project(user_id, projects.APP_ID, self.project_id)
