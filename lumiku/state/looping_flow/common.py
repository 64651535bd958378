"""What every part of Looping Flow's pages shares: the base state (the open project's id and the
page's messages) and the rows the pages show."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from lumiku import plugins
from lumiku.services.looping_flow import projects
from lumiku.state.auth import AuthState
from lumiku.state.work import WorkState

APP = plugins.BY_ID[projects.APP_ID]
PROJECT_ROUTE = APP.path("[lf_project]")
LINK_SECONDS = 3600
CLIP_UPLOAD_ID = "lf-clip-upload"
LAYER_UPLOAD_ID = "lf-layer-upload"


@dataclass
class ClipTile:
    id: str
    name: str
    details: str
    thumb_url: str
    chosen: bool


@dataclass
class LayerRow:
    id: str
    name: str
    volume: int
    muted: bool
    fade_in: str
    fade_out: str


def control_value(value: Any, whole: bool = False) -> Any:
    """A control's value as the rules want it: sliders send [n], inputs text (a decimal comma
    is read as a point); `whole` rounds a number to an int. Anything else is passed on, for
    the rules to refuse by name."""
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    if isinstance(value, str):
        try:
            value = float(value.replace(",", ".")) if value.strip() else 0.0
        except ValueError:
            return value
    if whole and isinstance(value, float) and value == value and abs(value) < 1e12:
        return round(value)
    return value


class LoopingFlowState(rx.State):
    """The base of Looping Flow's substates; they reach each other with `get_state`."""

    project_id: str = ""
    error: str = ""
    notice: str = ""

    async def _lang(self) -> str:
        return (await self.get_state(AuthState)).lang

    async def _refresh_work(self, user_id: int) -> None:
        work = await self.get_state(WorkState)
        await work._show_project(user_id, projects.APP_ID, self.project_id)
