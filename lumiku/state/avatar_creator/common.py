"""What every part of Avatar Creator's pages shares: the base state (the open project's id and
the page's messages), the persona form's values, and the rows the pages show."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from lumiku import plugins
from lumiku.services.avatar_creator import projects, prompts
from lumiku.state.auth import AuthState
from lumiku.state.work import WorkState

APP = plugins.BY_ID[projects.APP_ID]
PROJECT_ROUTE = APP.path("[ac_project]")
LINK_SECONDS = 3600
UPLOAD_ID = "ac-photo-upload"
UNSET = "-"  # a select's "not set" (Radix selects cannot hold an empty value)
PERSONA_FIELDS = ("name", "persona_name", "persona_age", "personality", "background")
FIELD_LIMITS = {"name": 100, "persona_name": 80, "persona_age": 3, "personality": 400}


def blank_attributes() -> dict[str, str]:
    return {key: UNSET for key in prompts.ATTRIBUTES}


def blank_persona() -> dict[str, str]:
    return {key: "" for key in PERSONA_FIELDS}


def form_request(persona: dict[str, str], attributes: dict[str, str]) -> dict[str, Any]:
    """The persona form's text as the services read it (they check every value)."""
    age = persona.get("persona_age", "").strip()
    return {
        "name": persona.get("name", ""),
        "persona_name": persona.get("persona_name", ""),
        "persona_age": int(age) if age.isdecimal() else (age or None),
        "personality": persona.get("personality", ""),
        "background": persona.get("background", ""),
        "attributes": {k: v for k, v in attributes.items() if v != UNSET},
    }


def clean_field(name: Any, value: Any, allowed: tuple[str, ...]) -> tuple[str, str] | None:
    """A persona field a client sent, or None when it is not one of ours."""
    if not isinstance(name, str) or name not in allowed:
        return None
    return name, (value if isinstance(value, str) else "")[: FIELD_LIMITS.get(name, 1000)]


def clean_attribute(key: Any, value: Any) -> tuple[str, str] | None:
    if not isinstance(key, str) or key not in prompts.ATTRIBUTES:
        return None
    if not isinstance(value, str) or (value != UNSET and value not in prompts.ATTRIBUTES[key]):
        return None
    return key, value


@dataclass
class AvatarTile:
    id: str
    name: str
    persona: str  # "Sarah Chen, 32"
    thumb_url: str
    source: str  # a message key's tail: uploaded, text_to_image…
    likeness: str  # "87%" or ""


@dataclass
class UseRow:
    app_name: str
    action: str
    when: str


class AvatarCreatorState(rx.State):
    """The base of Avatar Creator's substates; they reach each other with `get_state`."""

    project_id: str = ""
    error: str = ""
    notice: str = ""

    async def _lang(self) -> str:
        return (await self.get_state(AuthState)).lang

    async def _refresh_work(self, user_id: int) -> None:
        work = await self.get_state(WorkState)
        await work._show_project(user_id, projects.APP_ID, self.project_id)
