"""What every part of Pose Generator's pages shares: the base state (the chosen avatar's id and
the page's messages), the rows the pages show, and checks of what a client sends."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import reflex as rx

from lumiku import plugins
from lumiku.state.auth import AuthState
from lumiku.state.work import WorkState

APP_ID = "pose-generator"
CAPABILITY = "pose-image"  # the registry rows the form offers
APP = plugins.BY_ID[APP_ID]
CREATOR = plugins.BY_ID["avatar-creator"]  # where avatars are made
AVATAR_ROUTE = APP.path("[pg_avatar]")
LINK_SECONDS = 3600
UPLOAD_ID = "pg-pose-upload"
NONE = "-"  # a select's "none" (Radix selects cannot hold an empty value)
ID_LIMIT = 60  # the longest template id (the model's column)
_ID = re.compile(r"[A-Za-z0-9_\-]{1,60}")


def clean_id(value: Any) -> str:
    """An id as a client sends it, or "" when it cannot be one of ours (checked further by
    the services, which know whose it is)."""
    return value if isinstance(value, str) and _ID.fullmatch(value) else ""


def choice(value: Any, allowed: Any) -> str | None:
    """`value` when it is one of `allowed` (strings), else None."""
    return value if isinstance(value, str) and value in allowed else None


@dataclass
class PoseCard:
    """One pose of the library (or the user's own) as the grid shows it."""

    id: str
    name: str  # in the tab's language
    category: str  # the category's name, in the tab's language
    gender: str  # the gender's name, "" for anyone
    difficulty: str
    uses: str  # "12×", "" when never used
    own: bool
    preview_url: str


@dataclass
class ChosenPose:
    id: str
    name: str


@dataclass
class ResultTile:
    id: str
    image_url: str
    download_url: str
    pose: str  # the pose's name
    seed: str  # "" when unknown
    quality: str  # "SD" / "HD"
    likeness: str  # "87%", "" when not measured
    low_likeness: bool


class PoseGeneratorState(rx.State):
    """The base of Pose Generator's substates; they reach each other with `get_state`. Its
    "project" is the avatar the poses are made of: the engine's work is filed under it."""

    project_id: str = ""  # the chosen avatar's id, "" on the picker
    error: str = ""
    notice: str = ""

    async def _lang(self) -> str:
        return (await self.get_state(AuthState)).lang

    async def _refresh_work(self, user_id: int) -> None:
        work = await self.get_state(WorkState)
        await work._show_project(user_id, APP_ID, self.project_id)
