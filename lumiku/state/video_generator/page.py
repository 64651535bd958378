"""The page's loader: the form, "improve my prompt", the videos being made, the gallery and the
app's work list, read when the page opens."""

from __future__ import annotations

import reflex as rx

from lumiku.state.base import Caller, with_user
from lumiku.state.video_generator.common import VideoGeneratorState
from lumiku.state.video_generator.form import FormState
from lumiku.state.video_generator.gallery import GalleryState
from lumiku.state.video_generator.images import AvatarsState, EndUploadState, StartUploadState
from lumiku.state.video_generator.improve import ImproveState
from lumiku.state.video_generator.making import MakingState


class PageState(VideoGeneratorState):
    @rx.event
    @with_user
    async def load_page(self, me: Caller):
        user_id = me.user.id
        await (await self.get_state(FormState))._start(user_id)
        await (await self.get_state(ImproveState))._start(user_id)
        for slot in (StartUploadState, EndUploadState):
            (await self.get_state(slot))._clear_rows()
        (await self.get_state(AvatarsState)).picking = ""
        await (await self.get_state(MakingState))._load(user_id)
        await (await self.get_state(GalleryState))._start(user_id)
        await self._refresh_work(user_id)
