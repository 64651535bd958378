"""The first page: the user's avatars (from Avatar Creator) to pick the one to vary;
`?avatar=<id>` opens that avatar's page at once when it is the user's."""

from __future__ import annotations

import reflex as rx

from lumiku.services import files
from lumiku.services.avatar_creator import projects
from lumiku.services.avatar_creator.projects import persona_line
from lumiku.state.avatar_generator.common import (
    APP,
    LINK_SECONDS,
    AvatarGeneratorState,
    AvatarTile,
)
from lumiku.state.base import Caller, call, with_user


class PickerState(AvatarGeneratorState):
    avatars: list[AvatarTile] = []
    loaded: bool = False

    @rx.event
    @with_user
    async def load_picker(self, me: Caller):
        self.project_id, self.loaded = "", False
        found = await call(projects.list_avatars, me.user.id)
        wanted = self.router.url.query_parameters.get("avatar", "")
        if isinstance(wanted, str) and any(a.id == wanted for a in found):
            return rx.redirect(APP.path(wanted))
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
