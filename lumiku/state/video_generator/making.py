"""The videos being made: each one's progress and what the provider is doing (its place in the
provider's queue, making it, fetching it), moved by the user's generation events."""

from __future__ import annotations

import reflex as rx

from lumiku.services import generations
from lumiku.services.errors import ServiceError
from lumiku.services.video_generator import videos
from lumiku.state import live
from lumiku.state.base import Caller, call, with_user
from lumiku.state.video_generator.common import APP, MakingRow, VideoGeneratorState, stage_text


@live.follows("generation", APP.route)
class MakingState(VideoGeneratorState):
    rows: list[MakingRow] = []
    loaded: bool = False

    async def _load(self, user_id: int) -> None:
        """The user's videos still being made, as the database has them (a stage already
        known is kept: the database does not hold it)."""
        known = {row.id: row.stage for row in self.rows}
        rows = []
        for generation_id in await call(videos.active_generations, user_id):
            try:
                view = await call(generations.get, user_id, generation_id)
            except ServiceError:
                continue  # deleted meanwhile
            if view.status in generations.ACTIVE:
                rows.append(MakingRow(view.id, view.title, view.progress, known.get(view.id, "")))
        self.rows, self.loaded = rows, True

    async def _refresh(self, user_id: int, fields: dict[str, str] | None = None) -> None:
        """A progress tick moves its row; anything else (an item started or ended) is read
        again from the database."""
        if not self.loaded:
            return
        fields = fields or {}
        progress = fields.get("progress", "")
        if progress:
            generation_id = fields.get("generation", "")
            if not any(row.id == generation_id for row in self.rows):
                return  # another app's work, or a video this tab has not seen start
            lang = await self._lang()
            self.rows = [
                MakingRow(
                    row.id,
                    row.title,
                    int(progress) if progress.isdecimal() else row.progress,
                    stage_text(fields.get("stage", ""), lang) or row.stage,
                )
                if row.id == generation_id
                else row
                for row in self.rows
            ]
            return
        await self._load(user_id)

    @rx.event
    @with_user
    async def reload(self, me: Caller):
        await self._load(me.user.id)
