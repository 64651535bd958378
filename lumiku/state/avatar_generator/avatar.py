"""One avatar's page: the source avatar (its picture, its persona and its uses across apps),
loaded with the form and the variations when the page opens."""

from __future__ import annotations

import reflex as rx

from lumiku.i18n import format_datetime, tr
from lumiku.services import files
from lumiku.services.avatar_creator import avatars
from lumiku.services.avatar_creator.projects import persona_line
from lumiku.services.errors import ServiceError
from lumiku.state.avatar_generator.common import (
    APP,
    CREATOR,
    LINK_SECONDS,
    AvatarGeneratorState,
    UseRow,
)
from lumiku.state.avatar_generator.generate import GenerateState
from lumiku.state.avatar_generator.variations import VariationsState
from lumiku.state.base import Caller, call, with_user

RECENT_USES = 5


class AvatarState(AvatarGeneratorState):
    name: str = ""
    persona: str = ""
    image_url: str = ""
    creator_url: str = ""  # the avatar's project in Avatar Creator
    used_text: str = ""  # "Used 4 times: Avatar Generator 3×, Pose Generator 1×"
    uses: list[UseRow] = []  # the last few, newest first

    async def _load_source(self, user_id: int, lang: str) -> None:
        source = await call(avatars.get, user_id, self.project_id)
        self.name, self.persona = source.name, persona_line(source.persona_name, source.persona_age)
        self.image_url = (
            files.signed_file_link(user_id, source.image_id, True, LINK_SECONDS)
            if source.image_id
            else ""
        )
        self.creator_url = CREATOR.path(source.project_id)
        recent, per_app = await call(avatars.history, user_id, self.project_id)
        self.uses = [UseRow(u.app_name, format_datetime(u.at, lang)) for u in recent[:RECENT_USES]]
        total = sum(s.count for s in per_app)
        self.used_text = (
            tr(
                "avatar_generator_used_times",
                lang,
                count=total,
                apps=", ".join(f"{s.app_name} {s.count}×" for s in per_app),
            )
            if total
            else ""
        )

    @rx.event
    @with_user
    async def load_avatar(self, me: Caller):
        """The page's loader: the avatar named by the route, or back to the picker when it is
        not the user's (or no longer exists)."""
        self.project_id = str(self.router.url.path).rstrip("/").rsplit("/", 1)[-1][:32]
        try:
            await self._load_source(me.user.id, me.lang)
        except ServiceError:
            self.project_id = ""
            return rx.redirect(APP.route)
        await (await self.get_state(GenerateState))._start(me.user.id)
        await (await self.get_state(VariationsState))._load(me.user.id)
        await self._refresh_work(me.user.id)
        return None
