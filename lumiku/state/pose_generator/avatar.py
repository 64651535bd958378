"""One avatar's page: the avatar being posed (its picture and persona), loaded with the pose
library, the form and the results when the page opens."""

from __future__ import annotations

import reflex as rx

from lumiku.services import files
from lumiku.services.avatar_creator import avatars
from lumiku.services.avatar_creator.projects import persona_line
from lumiku.services.errors import ServiceError
from lumiku.state.base import Caller, call, with_user
from lumiku.state.pose_generator.common import (
    APP,
    CREATOR,
    LINK_SECONDS,
    PoseGeneratorState,
)
from lumiku.state.pose_generator.generate import GenerateState
from lumiku.state.pose_generator.library import LibraryState
from lumiku.state.pose_generator.results import ResultsState


class AvatarState(PoseGeneratorState):
    name: str = ""
    persona: str = ""
    image_url: str = ""
    creator_url: str = ""  # the avatar's project in Avatar Creator

    async def _load_source(self, user_id: int) -> None:
        source = await call(avatars.get, user_id, self.project_id)
        self.name, self.persona = source.name, persona_line(source.persona_name, source.persona_age)
        self.image_url = (
            files.signed_file_link(user_id, source.image_id, True, LINK_SECONDS)
            if source.image_id
            else ""
        )
        self.creator_url = CREATOR.path(source.project_id)

    @rx.event
    @with_user
    async def load_avatar(self, me: Caller):
        """The page's loader: the avatar named by the route, or back to the picker when it is
        not the user's (or no longer exists)."""
        self.project_id = str(self.router.url.path).rstrip("/").rsplit("/", 1)[-1][:32]
        try:
            await self._load_source(me.user.id)
        except ServiceError:
            self.project_id = ""
            return rx.redirect(APP.route)
        await (await self.get_state(GenerateState))._start(me.user.id)
        await (await self.get_state(LibraryState))._start(me.user.id)
        await (await self.get_state(ResultsState))._load(me.user.id)
        await self._refresh_work(me.user.id)
        return None
