"""One project: its name, its clips (uploads, the one being looped) and its sound layers."""

from __future__ import annotations

from typing import Any, ClassVar

import reflex as rx

from lumiku.services import files
from lumiku.services.errors import ServiceError
from lumiku.services.looping_flow import projects
from lumiku.state.base import Caller, call, with_user
from lumiku.state.looping_flow.common import (
    APP,
    LINK_SECONDS,
    ClipTile,
    LayerRow,
    LoopingFlowState,
    control_value,
)
from lumiku.state.looping_flow.loop import LoopState
from lumiku.state.projects import ProjectPageMixin
from lumiku.state.uploads import Dropzone, UploadsMixin, receive

CLIPS = Dropzone(
    media=("video",),
    kinds="MP4, MOV, WebM",
    full_key="looping_flow_upload_clips_full",
    full_max=lambda: projects.MAX_CLIPS,
    default_name="video",
)
LAYERS = Dropzone(
    media=("audio",),
    kinds="MP3, WAV, M4A, OGG, FLAC",
    full_key="looping_flow_upload_layers_full",
    full_max=lambda: projects.rules.MAX_LAYERS,
    default_name="audio",
)


class ProjectState(ProjectPageMixin, UploadsMixin, LoopingFlowState):
    _dropzone: ClassVar = CLIPS
    _service: ClassVar = projects
    clips: list[ClipTile] = []
    layers: list[LayerRow] = []
    confirm_clip: str = ""

    async def _load_project(self, user_id: int) -> projects.ProjectDetail:
        project = await call(projects.get_project, user_id, self.project_id)
        self.project_name, self.project_description = project.name, project.description
        self.clips = [
            ClipTile(
                c.id,
                c.name,
                f"{c.duration:.1f} s · {c.width}×{c.height}",
                files.signed_file_link(user_id, c.thumbnail_id, True, LINK_SECONDS)
                if c.thumbnail_id
                else "",
                c.id == project.clip_id,
            )
            for c in project.clips
        ]
        self.layers = [
            LayerRow(la.id, la.name, la.volume, la.muted, f"{la.fade_in:g}", f"{la.fade_out:g}")
            for la in project.layers
        ]
        return project

    async def _redraw(self, user_id: int):
        try:
            project = await self._load_project(user_id)
        except ServiceError:
            return rx.redirect(APP.route)
        await (await self.get_state(LoopState))._show(user_id, project)
        return None

    @rx.event
    @with_user
    async def load_project(self, me: Caller):
        project_id = str(self.router.url.path).rstrip("/").rsplit("/", 1)[-1][:32]
        self.project_id = project_id
        self.editing_name = self.uploading = self.sending = False
        self.uploads, self.upload_summary, self.confirm_clip = [], "", ""
        layers = await self.get_state(LayerUploadState)
        layers.uploads, layers.upload_summary = [], ""
        try:
            project = await self._load_project(me.user.id)
        except ServiceError:
            self.project_id = ""
            return rx.redirect(APP.route)
        await (await self.get_state(LoopState))._show(me.user.id, project, fresh=True)
        await self._refresh_work(me.user.id)
        return None

    # ---------------------------------------------------------------- clips

    @rx.event
    @with_user
    async def choose_clip(self, me: Caller, clip_id: str):
        return await self._act(me, projects.choose_clip, str(clip_id))

    @rx.event
    def ask_delete_clip(self, clip_id: str):
        if any(c.id == clip_id for c in self.clips):
            self.confirm_clip = clip_id

    @rx.event
    def keep_clip(self):
        self.confirm_clip = ""

    @rx.event
    @with_user
    async def delete_clip(self, me: Caller):
        target, self.confirm_clip = self.confirm_clip, ""
        if not target:
            return None
        return await self._act(me, projects.delete_clip, target, done="looping_flow_clip_deleted")

    @rx.event(background=True)
    async def upload(self, chunks: rx.UploadChunkIterator):
        """Receives the dropped videos and adds each as a clip."""
        return await receive(
            self, chunks, CLIPS, room=projects.clip_room, add=projects.add_clip, redraw=self._redraw
        )

    # ---------------------------------------------------------------- sound layers

    @rx.event
    @with_user
    async def set_layer(self, me: Caller, layer_id: str, name: str, value: Any):
        """One setting of a layer: volume (slider), mute (switch) or a fade (seconds)."""
        if not isinstance(name, str) or name not in ("volume", "muted", "fade_in", "fade_out"):
            return None
        if name != "muted":
            value = control_value(value, whole=name == "volume")
        return await self._act(me, projects.update_layer, str(layer_id), {name: value})

    @rx.event
    @with_user
    async def delete_layer(self, me: Caller, layer_id: str):
        return await self._act(me, projects.delete_layer, str(layer_id))


class LayerUploadState(UploadsMixin, LoopingFlowState):
    """The sound layers' own drop zone (a second one on the page needs its own rows)."""

    _dropzone: ClassVar = LAYERS

    async def _redraw(self, user_id: int):
        return await (await self.get_state(ProjectState))._redraw(user_id)

    @rx.event(background=True)
    async def upload(self, chunks: rx.UploadChunkIterator):
        """Receives the dropped sounds and adds each as a layer."""
        return await receive(
            self,
            chunks,
            LAYERS,
            room=projects.layer_room,
            add=projects.add_layer,
            redraw=self._redraw,
        )
