"""What every part of Poster Editor's pages shares: the base state (the open project and poster
and the page's messages), the rows the pages show, and the price of a request as words."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import reflex as rx

from lumiku import plugins
from lumiku.i18n import format_number, tr
from lumiku.services.billing import Quote
from lumiku.services.poster_editor import posters
from lumiku.state.auth import AuthState
from lumiku.state.work import WorkState

APP = plugins.BY_ID[posters.APP_ID]
PROJECT_ROUTE = APP.path("[pe_project]")
POSTER_ROUTE = APP.path("[pe_project]", "[pe_poster]")
UPLOAD_ID = "pe-upload"
LINK_SECONDS = 3600
MODES = ("quick", "advanced")  # click-to-mask and edits: this server's CPU, or a provider


@dataclass
class PosterTile:
    id: str
    name: str
    details: str  # "1080×1350 · 3 versions"
    thumb_url: str
    href: str


@dataclass
class VersionRow:
    id: str
    number: int
    what: str  # the action, in words
    how: str  # "Quick (this server)" / "Advanced (FLUX.1 Fill)"; "" for the upload
    prompt: str
    when: str
    thumb_url: str
    current: bool


@dataclass
class Spot:
    """A click shown on the poster, in percent of its width and height."""

    x: float
    y: float
    positive: bool


@dataclass
class AreaRow:
    """An area kept for the batch."""

    index: int
    label: str  # "Area 1 · 12% of the poster"
    prompt: str  # what replaces it, "" for a removal
    thumb_url: str  # its overlay (a data URL)


@dataclass
class BlockRow:
    """A block of text found on the poster; its box in percent of the poster."""

    index: int
    text: str
    left: float
    top: float
    width: float
    height: float
    chosen: bool
    new_text: str


@dataclass
class FormatChoice:
    key: str
    label: str  # "Instagram Post · 1080×1080"
    group: str
    chosen: bool


@dataclass
class ExportRow:
    id: str  # its generation
    label: str  # the pack's name, or the formats
    details: str  # how it was fitted
    when: str
    status: str  # the generation's
    download_url: str  # "" until made


def as_int(value: Any) -> int | None:
    """A whole number a client sent (ints, and floats that are whole), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return value if isinstance(value, int) else None


def as_number(value: Any) -> float | None:
    """A finite number a client sent, else None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


class Price:
    """A quote as the page shows it: the price, the balance and whether it is enough."""

    def __init__(self, quote: Quote, lang: str):
        unit = tr("unit_credits" if quote.unit == "credits" else "usage_quota", lang).lower()
        self.price = f"{format_number(quote.amount, lang)} {unit}"
        self.available = f"{format_number(quote.available, lang)} {unit}"
        self.affordable = quote.affordable


class PosterEditorState(rx.State):
    """The base of Poster Editor's substates; they reach each other with `get_state`. The
    engine files an edit under its poster, so the work list shows the open poster's."""

    project_id: str = ""  # the open project, "" on the list
    poster_id: str = ""  # the open poster, "" off the editor
    error: str = ""
    notice: str = ""

    async def _lang(self) -> str:
        return (await self.get_state(AuthState)).lang

    async def _refresh_work(self, user_id: int) -> None:
        work = await self.get_state(WorkState)
        await work._show_project(user_id, posters.APP_ID, self.poster_id)
