"""The pictures a video may start and end on: dropped as a file (checked by its content, the
reason shown when refused) or picked among the user's avatars from Avatar Creator. Each slot
has its own drop zone (its own rows); the choice itself is the form's."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import reflex as rx

from lumiku.services import files
from lumiku.services.avatar_creator import projects
from lumiku.services.video_generator import videos
from lumiku.state.base import Caller, call, with_user
from lumiku.state.uploads import Dropzone, UploadsMixin, receive
from lumiku.state.video_generator.common import (
    LINK_SECONDS,
    SLOTS,
    AvatarChoice,
    ChosenImage,
    VideoGeneratorState,
    clean_id,
)
from lumiku.state.video_generator.form import FormState

PICTURE = Dropzone(
    media=("image",),
    kinds="JPG, PNG, WebP",
    full_key="video_generator_one_picture",
    full_max=lambda: 1,
    default_name="picture",
)


class _SlotUpload(UploadsMixin, mixin=True):
    """One slot's drop zone: the first picture dropped is checked and, once taken, chosen."""

    _dropzone: ClassVar = PICTURE
    _slot: ClassVar[str]

    async def _upload(self, chunks: rx.UploadChunkIterator):
        made: list[ChosenImage] = []

        def add(user_id: int, _project_id: str, path: Path, name: str) -> str:
            file_id = videos.upload_image(user_id, path, name)
            link = files.signed_file_link(user_id, file_id, True, LINK_SECONDS)
            made.append(ChosenImage("file", file_id, name, link))
            return file_id

        async def chosen(user_id: int) -> None:
            if made:
                form = await self.get_state(FormState)
                await form._set_image(user_id, self._slot, made[-1])

        return await receive(self, chunks, PICTURE, room=lambda *_: 1, add=add, redraw=chosen)

    def _clear_rows(self) -> None:
        self.uploads, self.upload_summary = [], ""
        self.uploading = self.sending = False
        self.error = self.notice = ""


class StartUploadState(_SlotUpload, VideoGeneratorState):
    _slot: ClassVar = "start"

    @rx.event(background=True)
    async def upload(self, chunks: rx.UploadChunkIterator):
        return await self._upload(chunks)


class EndUploadState(_SlotUpload, VideoGeneratorState):
    _slot: ClassVar = "end"

    @rx.event(background=True)
    async def upload(self, chunks: rx.UploadChunkIterator):
        return await self._upload(chunks)


class AvatarsState(VideoGeneratorState):
    """The dialog of the user's avatars, opened for one slot."""

    picking: str = ""  # the slot the dialog chooses for, "" when closed
    avatars: list[AvatarChoice] = []
    loaded: bool = False

    @rx.event
    @with_user
    async def open_avatars(self, me: Caller, slot: str):
        form = await self.get_state(FormState)
        allowed = {"start": form.start_ok, "end": form.end_ok}
        if not isinstance(slot, str) or slot not in SLOTS or not allowed[slot]:
            return
        self.picking, self.loaded = slot, False
        found = await call(projects.list_avatars, me.user.id)
        self.avatars = [
            AvatarChoice(
                a.id,
                a.name,
                files.signed_file_link(me.user.id, a.thumbnail_id, True, LINK_SECONDS)
                if a.thumbnail_id
                else "",
            )
            for a in found
        ]
        self.loaded = True

    @rx.event
    def close_avatars(self):
        self.picking = ""

    @rx.event
    @with_user
    async def pick_avatar(self, me: Caller, avatar_id: str):
        """One of the avatars listed (the user's) as the slot's picture."""
        avatar_id = clean_id(avatar_id)
        chosen = next((a for a in self.avatars if a.id == avatar_id), None)
        slot, self.picking = self.picking, ""
        if chosen is None or slot not in SLOTS:
            return
        form = await self.get_state(FormState)
        image = ChosenImage("avatar", chosen.id, chosen.name, chosen.thumb_url)
        await form._set_image(me.user.id, slot, image)
