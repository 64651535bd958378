"""What every part of Video Generator's page shares: the base state (the page's messages), the
rows the page shows, checks of what a client sends, and the form's values as words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import reflex as rx

from lumiku import plugins
from lumiku.i18n import tr
from lumiku.state.auth import AuthState
from lumiku.state.work import WorkState

APP_ID = "video-generator"
APP = plugins.BY_ID[APP_ID]
CREATOR = plugins.BY_ID["avatar-creator"]  # where the avatars a video may start from are made
LINK_SECONDS = 3600
SLOTS = ("start", "end")  # the pictures a video may start and end on
UPLOAD_IDS = {"start": "vg-start-upload", "end": "vg-end-upload"}
PROMPT_MIN, PROMPT_MAX, NEGATIVE_MAX = 3, 2000, 1000
GALLERY_SIZE = 12
_ID = re.compile(r"[A-Za-z0-9_\-]{1,64}")
_QUEUED = re.compile(r"(?:queue|queued|in_queue)[:= ](\d{1,6})")


def clean_id(value: Any) -> str:
    """An id as a client sends it, or "" when it cannot be one of ours (the services check
    whose it is)."""
    return value if isinstance(value, str) and _ID.fullmatch(value) else ""


def text_of(value: Any, most: int) -> str | None:
    """A text field as a client sends it, cut a little past its limit (the service names what
    is too long), or None when it is not text."""
    return value[: most + 50] if isinstance(value, str) else None


def stage_text(stage: str, lang: str) -> str:
    """What the provider is doing, in words, from an item's progress stage: "queue:3" (or
    "queued:3") is its place in the provider's queue, "queued", "running", "downloading" and
    "checking" are steps; anything else is left unsaid."""
    stage = (stage or "").strip().lower()
    found = _QUEUED.fullmatch(stage)
    if found:
        return tr("video_generator_stage_queue", lang, position=int(found.group(1)))
    if stage in ("queued", "in_queue", "submitted", "submitting"):
        return tr("video_generator_stage_queued", lang)
    if stage in ("running", "in_progress", "generating"):
        return tr("video_generator_stage_running", lang)
    if stage in ("downloading", "checking", "finishing"):
        return tr("video_generator_stage_finishing", lang)
    return ""


def settings_words(settings: dict[str, Any], lang: str) -> str:
    """A video's settings in a line: "1080p · 8 s · 16:9 · start picture · sound"."""
    settings = settings if isinstance(settings, dict) else {}
    parts = []
    if settings.get("resolution"):
        parts.append(str(settings["resolution"]))
    if isinstance(settings.get("duration"), int | float) and settings["duration"]:
        parts.append(tr("video_generator_seconds", lang, seconds=int(settings["duration"])))
    if settings.get("aspect"):
        parts.append(str(settings["aspect"]))
    if settings.get("start_image"):
        parts.append(tr("video_generator_with_start", lang))
    if settings.get("end_image"):
        parts.append(tr("video_generator_with_end", lang))
    if settings.get("audio"):
        parts.append(tr("video_generator_with_audio", lang))
    return " · ".join(parts)


@dataclass
class ModelCard:
    """A model of the picker with what the form may offer for it."""

    value: str  # the registry key
    label: str  # its name, its price, and why it cannot be used now when it cannot
    disabled: bool
    reason: str  # why it cannot be used now, in words ("" when it can)
    tier: str
    resolutions: list[str]
    durations: list[int]
    default_duration: int
    aspects: list[str]
    start_image: bool
    end_image: bool
    audio: bool
    typical: str  # "about 2 minutes"


@dataclass
class PriceLine:
    label: str
    credits: str  # "+30", "500"


@dataclass
class ChosenImage:
    """A picture the video starts or ends on: an upload or an avatar."""

    kind: str  # "file" | "avatar" | "" (none)
    id: str
    name: str
    preview_url: str


@dataclass
class AvatarChoice:
    id: str
    name: str
    thumb_url: str


@dataclass
class MakingRow:
    """A video being made: its progress and what the provider is doing."""

    id: str  # the generation's id
    title: str
    progress: int
    stage: str  # in words, "" when nothing is known


@dataclass
class VideoCard:
    id: str
    video_url: str
    poster_url: str
    download_url: str
    prompt: str
    model_name: str
    settings: str  # "1080p · 8 s · 16:9"
    run_time: str  # "8.0 s · 1920×1080", "" when unknown (not `length`: a Var method)
    price: str  # "42 credits"
    created: str


NO_IMAGE = ChosenImage("", "", "", "")


class VideoGeneratorState(rx.State):
    """The base of Video Generator's substates; they reach each other with `get_state`. The
    app has no projects: its work is the user's videos (`project_id` stays "", which the
    shared upload and spending helpers read)."""

    project_id: str = ""
    error: str = ""
    notice: str = ""

    async def _lang(self) -> str:
        return (await self.get_state(AuthState)).lang

    async def _refresh_work(self, user_id: int) -> None:
        work = await self.get_state(WorkState)
        await work._show_project(user_id, APP_ID, "")
