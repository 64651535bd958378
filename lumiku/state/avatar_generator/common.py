"""What every part of Avatar Generator's pages shares: the base state (the chosen avatar's id and
the page's messages) and the rows the pages show."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from lumiku import plugins
from lumiku.services.avatar_generator import variations
from lumiku.state.auth import AuthState
from lumiku.state.work import WorkState

APP = plugins.BY_ID[variations.APP_ID]
CREATOR = plugins.BY_ID["avatar-creator"]  # where avatars are made, and saved variations go
AVATAR_ROUTE = APP.path("[ag_avatar]")
LINK_SECONDS = 3600


@dataclass
class VariationTile:
    id: str
    image_url: str
    download_url: str
    seed: str  # "" when unknown
    style: str  # the style preset's name, in the tab's language
    likeness: str  # "87%", "" when not measured
    low_likeness: bool
    saved: bool
    saved_url: str  # the Avatar Creator project it was saved to, "" until saved


@dataclass
class UseRow:
    app_name: str
    when: str


class AvatarGeneratorState(rx.State):
    """The base of Avatar Generator's substates; they reach each other with `get_state`. Its
    "project" is the avatar the variations are made of: the engine's work is filed under it."""

    project_id: str = ""  # the chosen avatar's id, "" on the picker
    error: str = ""
    notice: str = ""

    async def _lang(self) -> str:
        return (await self.get_state(AuthState)).lang

    async def _refresh_work(self, user_id: int) -> None:
        work = await self.get_state(WorkState)
        await work._show_project(user_id, variations.APP_ID, self.project_id)
