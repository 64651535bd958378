"""What every part of Carousel Mix's pages shares: the rows they show and the base state, which
holds the open project's id, the position being edited and the page's messages."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from lumiku import plugins
from lumiku.services.carousel_mix import sets
from lumiku.state.auth import AuthState
from lumiku.state.work import WorkState

APP = plugins.BY_ID[sets.APP_ID]
PROJECT_ROUTE = APP.path("[cm_project]")
LINK_SECONDS = 3600
UPLOAD_ID = "cm-upload"


@dataclass
class PositionTab:
    position: int
    label: str  # "1", "2"…
    pictures: int
    texts: int
    ready: bool  # has at least one picture


@dataclass
class PictureTile:
    id: str
    name: str
    kind: str  # image | video
    thumb_url: str
    focal_x: float
    focal_y: float
    first: bool
    last: bool


@dataclass
class TextRow:
    id: str
    content: str
    variants_text: str  # "4 variasi" when its spintax stands for more than one


@dataclass
class Choice:
    value: str
    label: str


class CarouselMixState(rx.State):
    """The base of Carousel Mix's substates (list, project, style, generate); they reach each
    other with `await self.get_state(...)`."""

    project_id: str = ""  # the project open in this tab, "" on the list
    position: int = 1  # the slide being edited
    error: str = ""
    notice: str = ""

    async def _lang(self) -> str:
        return (await self.get_state(AuthState)).lang

    async def _refresh_work(self, user_id: int) -> None:
        work = await self.get_state(WorkState)
        await work._show_project(user_id, sets.APP_ID, self.project_id)
