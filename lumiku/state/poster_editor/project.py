"""One project: its name, its posters (a grid, each opening the editor) and the drop zone
that adds posters."""

from __future__ import annotations

from typing import ClassVar

import reflex as rx

from lumiku.i18n import tr
from lumiku.services import files
from lumiku.services.errors import ServiceError
from lumiku.services.poster_editor import posters
from lumiku.state.base import Caller, call, with_user
from lumiku.state.poster_editor.common import APP, LINK_SECONDS, PosterEditorState, PosterTile
from lumiku.state.projects import ProjectPageMixin
from lumiku.state.uploads import Dropzone, UploadsMixin, receive

DROPZONE = Dropzone(
    media=("image",),
    kinds="JPG, PNG, WebP",
    full_key="poster_editor_upload_full",
    full_max=lambda: posters.MAX_POSTERS,
    default_name="poster",
)


def _room(user_id: int, project_id: str) -> int:
    """How many more posters the project takes (the upload checks again for each)."""
    return max(0, posters.MAX_POSTERS - posters.project(user_id, project_id).posters)


class _Service:
    """The posters service's project functions under the names ProjectPageMixin calls."""

    rename_project = staticmethod(posters.rename_project)


class ProjectState(ProjectPageMixin, UploadsMixin, PosterEditorState):
    _dropzone: ClassVar = DROPZONE
    _service: ClassVar = _Service
    tiles: list[PosterTile] = []
    loaded: bool = False
    confirm_poster: str = ""  # a poster waiting for the user's confirmation to delete it

    async def _load_project(self, user_id: int) -> None:
        project = await call(posters.project, user_id, self.project_id)
        rows = await call(posters.posters, user_id, self.project_id)
        lang = await self._lang()
        self.project_name, self.project_description = project.name, project.description
        self.tiles = [
            PosterTile(
                p.id,
                p.name,
                tr(
                    "poster_editor_poster_details",
                    lang,
                    width=p.width,
                    height=p.height,
                    versions=p.versions,
                ),
                files.signed_file_link(user_id, p.file_id, True, LINK_SECONDS) if p.file_id else "",
                APP.path(self.project_id, p.id),
            )
            for p in rows
        ]
        self.loaded = True

    async def _redraw(self, user_id: int):
        try:
            await self._load_project(user_id)
        except ServiceError:
            return rx.redirect(APP.route)
        return None

    @rx.event
    @with_user
    async def load_project(self, me: Caller):
        self.project_id = str(self.router.url.path).rstrip("/").rsplit("/", 1)[-1][:32]
        self.poster_id = ""
        self.editing_name = self.uploading = self.sending = self.loaded = False
        self.uploads, self.upload_summary, self.confirm_poster = [], "", ""
        try:
            await self._load_project(me.user.id)
        except ServiceError:
            self.project_id = ""
            return rx.redirect(APP.route)
        return None

    @rx.event(background=True)
    async def upload(self, chunks: rx.UploadChunkIterator):
        """Receives the dropped pictures and adds each as a poster."""
        return await receive(
            self, chunks, DROPZONE, room=_room, add=posters.upload, redraw=self._redraw
        )

    @rx.event
    @with_user
    async def ask_delete_poster(self, me: Caller, poster_id: str):
        if isinstance(poster_id, str) and any(p.id == poster_id for p in self.tiles):
            self.confirm_poster = poster_id

    @rx.event
    def keep_poster(self):
        self.confirm_poster = ""

    @rx.event
    @with_user
    async def delete_poster(self, me: Caller):
        target, self.confirm_poster = self.confirm_poster, ""
        if not target:
            return None
        return await self._act(
            me, posters.delete_poster, target, done="poster_editor_poster_deleted"
        )
