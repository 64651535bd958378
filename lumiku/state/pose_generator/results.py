"""The avatar's poses: a grid that fills in as the batch's items finish (it follows the user's
generation events), each with its pose, seed and likeness, downloaded or deleted."""

from __future__ import annotations

import reflex as rx

from lumiku.i18n import format_percent, tr
from lumiku.services import files
from lumiku.services.pose_generator import poses, results
from lumiku.state import live
from lumiku.state.avatar_batches import BatchGridMixin
from lumiku.state.base import Caller, call, with_user
from lumiku.state.pose_generator.common import (
    APP,
    LINK_SECONDS,
    PoseGeneratorState,
    ResultTile,
    clean_id,
)


def pose_name(template_id: str, name: str, lang: str) -> str:
    """A library pose by its Indonesian name in Indonesian; one's own as it was named."""
    found = poses.pose(template_id)
    return found["name_id"] if found and lang == "id" and found.get("name_id") else name


@live.follows("generation", APP.route)
class ResultsState(BatchGridMixin, PoseGeneratorState):
    tiles: list[ResultTile] = []
    confirm_delete: str = ""  # the result asked to be deleted

    async def _load(self, user_id: int) -> None:
        lang = await self._lang()
        rows = await call(results.list_results, user_id, self.project_id)
        self.tiles = [
            ResultTile(
                id=r.id,
                image_url=files.signed_file_link(user_id, r.file_id, True, LINK_SECONDS),
                download_url=files.signed_file_link(user_id, r.file_id, False, LINK_SECONDS),
                pose=pose_name(r.template_id, r.template_name, lang),
                seed=str(r.seed) if r.seed is not None else "",
                quality=str(r.quality).upper(),
                likeness=format_percent(r.likeness),
                low_likeness=bool(r.low_likeness),
            )
            for r in rows
            if r.file_id
        ]
        self.loaded = True

    @rx.event
    @with_user
    async def ask_delete_result(self, me: Caller, result_id: str):
        result_id = clean_id(result_id)
        if any(tile.id == result_id for tile in self.tiles):
            self.confirm_delete = result_id

    @rx.event
    def keep_result(self):
        self.confirm_delete = ""

    @rx.event
    @with_user
    async def delete_result(self, me: Caller):
        target, self.confirm_delete = self.confirm_delete, ""
        if not target or not self.project_id:
            return
        try:
            await call(results.delete_result, me.user.id, target)
            self.notice = tr("pose_generator_result_deleted", me.lang)
        finally:
            await self._refresh(me.user.id)
