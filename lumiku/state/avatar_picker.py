"""Picking one of the user's avatars (made in Avatar Creator) as the first page of an app that
works on an avatar (Avatar Generator, Pose Generator): one mixin, so the apps' pickers cannot
drift apart."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import reflex as rx

from lumiku.plugins import AppPlugin
from lumiku.services import files
from lumiku.services.avatar_creator import projects
from lumiku.services.avatar_creator.projects import persona_line
from lumiku.state.base import Caller, call, with_user

LINK_SECONDS = 3600


@dataclass
class AvatarTile:
    """One of the user's avatars on the picker."""

    id: str
    name: str
    persona: str  # "Sarah Chen, 32", "" when it has no persona
    thumb_url: str


class AvatarPickerMixin(rx.State, mixin=True):
    """The user's avatars, over an app's base state (which has `project_id`); `_app` is the
    app's registry row, whose `path(avatar_id)` is the avatar's page. `?avatar=<id>` opens that
    page at once when the avatar is the user's."""

    avatars: list[AvatarTile] = []
    loaded: bool = False
    _app: ClassVar[AppPlugin]

    @rx.event
    @with_user
    async def load_picker(self, me: Caller):
        self.project_id, self.loaded = "", False
        found = await call(projects.list_avatars, me.user.id)
        wanted = self.router.url.query_parameters.get("avatar", "")
        if isinstance(wanted, str) and any(a.id == wanted for a in found):
            return rx.redirect(self._app.path(wanted))
        self.avatars = [
            AvatarTile(
                a.id,
                a.name,
                persona_line(a.persona_name, a.persona_age),
                files.signed_file_link(me.user.id, a.thumbnail_id, True, LINK_SECONDS)
                if a.thumbnail_id
                else "",
            )
            for a in found
        ]
        self.loaded = True
        return None
