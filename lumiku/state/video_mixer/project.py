"""One project: its name, clips and groups, and uploading clips into it."""

from __future__ import annotations

from typing import ClassVar

import reflex as rx

from lumiku.i18n import tr
from lumiku.services import files
from lumiku.services.errors import ServiceError
from lumiku.services.video_mixer import projects
from lumiku.state.base import Caller, call, form_text, with_user
from lumiku.state.projects import ProjectPageMixin
from lumiku.state.uploads import Dropzone, UploadsMixin, receive
from lumiku.state.video_mixer.common import (
    APP,
    LINK_SECONDS,
    NONE,
    Choice,
    ClipRow,
    GroupBox,
    VideoMixerState,
    seconds_text,
    size_text,
)
from lumiku.state.video_mixer.estimate import EstimateState
from lumiku.state.video_mixer.settings import SettingsState

DROPZONE = Dropzone(
    media=("video",),
    kinds="MP4, MOV, WebM",
    full_key="video_mixer_upload_project_full",
    full_max=lambda: projects.MAX_CLIPS,
    default_name="video",
)


class ProjectState(ProjectPageMixin, UploadsMixin, VideoMixerState):
    _dropzone: ClassVar = DROPZONE
    _service: ClassVar = projects
    group_boxes: list[GroupBox] = []
    # a clip or group waiting for the user's confirmation before it is deleted, and what the
    # dialog says will be lost
    confirm_clip: str = ""
    confirm_group: str = ""
    confirm_title: str = ""
    confirm_body: str = ""
    _groups: list[Choice] = []  # the project's groups and clips, as loaded
    _clips: list[Choice] = []
    _lang_shown: str = ""  # the language they were loaded in

    # ---------------------------------------------------------------- derived from the load

    @rx.var
    def group_choices(self) -> list[Choice]:
        rows = [Choice(c.value, c.label) for c in self._groups]  # plain rows, not proxies
        return [Choice(NONE, tr("video_mixer_no_group", self._lang_shown)), *rows]

    @rx.var
    def clip_choices(self) -> list[Choice]:
        rows = [Choice(c.value, c.label) for c in self._clips]
        return [Choice(NONE, tr("video_mixer_no_fixed_clip", self._lang_shown)), *rows]

    @rx.var
    def clip_count(self) -> int:
        return len(self._clips)

    # ---------------------------------------------------------------- helpers

    async def _load_project(self, user_id: int) -> projects.ProjectDetail:
        """Redraws the clips panel from the project, and returns the project."""
        project = await call(projects.get_project, user_id, self.project_id)
        self.project_name, self.project_description = project.name, project.description
        boxes = []
        lang = await self._lang()
        last_group = len(project.groups) - 1
        for rank, group in enumerate([*project.groups, None]):
            gid = group.id if group else ""
            own = [c for c in project.clips if c.group_id == gid]
            if group is None and not own and project.groups:
                continue  # nothing outside the groups: no empty "ungrouped" box
            rows = [
                ClipRow(
                    id=c.id,
                    name=c.name,
                    details=f"{seconds_text(c.duration)} · {size_text(c.size_bytes)}"
                    + (f" · {c.width}×{c.height}" if c.width else ""),
                    thumb_url=files.signed_file_link(user_id, c.thumbnail_id, True, LINK_SECONDS)
                    if c.thumbnail_id
                    else "",
                    group=gid or NONE,
                    first=n == 0,
                    last=n == len(own) - 1,
                )
                for n, c in enumerate(own)
            ]
            boxes.append(
                GroupBox(
                    id=gid or NONE,
                    name=group.name if group else tr("video_mixer_ungrouped", lang),
                    first=rank == 0,
                    last=rank >= last_group,
                    clips=rows,
                )
            )
        self.group_boxes, self._lang_shown = boxes, lang
        self._groups = [Choice(g.id, g.name) for g in project.groups]
        self._clips = [Choice(c.id, c.name) for c in project.clips]
        settings = await self.get_state(SettingsState)
        settings._forget_missing_first_clip({c.id for c in project.clips})
        return project

    async def _redraw(self, user_id: int):
        """The project and its estimate after a change; to the list if it is gone."""
        try:
            await self._load_project(user_id)
            await (await self.get_state(EstimateState))._estimate(user_id)
        except ServiceError:
            return rx.redirect(APP.route)
        return None

    @rx.event
    @with_user
    async def load_project(self, me: Caller):
        project_id = str(self.router.url.path).rstrip("/").rsplit("/", 1)[-1][:32]
        settings = await self.get_state(SettingsState)
        estimate = await self.get_state(EstimateState)
        estimate.confirming = self.editing_name = self.uploading = self.sending = False
        self.uploads, settings.preset_name, self.upload_summary = [], "", ""
        self.confirm_clip = self.confirm_group = ""
        self.project_id = project_id
        try:
            project = await self._load_project(me.user.id)
        except ServiceError:
            self.project_id = ""
            return rx.redirect(APP.route)
        settings._show_settings(project.settings)
        settings._forget_missing_first_clip({c.id for c in project.clips})
        await settings._load_presets(me.user.id)
        await estimate._estimate(me.user.id)
        await self._refresh_work(me.user.id)
        return None

    # ---------------------------------------------------------------- groups

    @rx.event
    @with_user
    async def add_group(self, me: Caller, form: dict):
        return await self._act(
            me, projects.add_group, self.project_id, form_text(form, "name", 200)
        )

    @rx.event
    @with_user
    async def rename_group(self, me: Caller, group_id: str, name: str):
        return await self._act(me, projects.rename_group, str(group_id), name)  # checked there

    @rx.event
    @with_user
    async def move_group(self, me: Caller, group_id: str, step: int):
        return await self._act(me, projects.move_group, str(group_id), step)

    @rx.event
    async def ask_delete_group(self, group_id: str):
        """Marks one of the loaded groups for deletion; the dialog names it and its clips."""
        box = next((b for b in self.group_boxes if b.id == group_id and b.id != NONE), None)
        if box is None:
            return
        lang = await self._lang()
        self.confirm_clip, self.confirm_group = "", box.id
        self.confirm_title = tr("video_mixer_delete_group_title", lang)
        self.confirm_body = tr(
            "video_mixer_delete_group_body", lang, name=box.name, clips=len(box.clips)
        )

    @rx.event
    def keep_part(self):
        self.confirm_clip = self.confirm_group = ""

    @rx.event
    @with_user
    async def delete_group(self, me: Caller):
        """Deletes the group the user confirmed (`ask_delete_group`)."""
        target, self.confirm_group = self.confirm_group, ""
        if not target:
            return None
        return await self._act(me, projects.delete_group, target, done="video_mixer_group_deleted")

    # ---------------------------------------------------------------- clips

    @rx.event
    @with_user
    async def move_clip(self, me: Caller, clip_id: str, group_id: str):
        target = "" if group_id == NONE else str(group_id)
        return await self._act(me, projects.move_clip, str(clip_id), target)

    @rx.event
    @with_user
    async def reorder_clip(self, me: Caller, clip_id: str, step: int):
        return await self._act(me, projects.reorder_clip, str(clip_id), step)

    @rx.event
    async def ask_delete_clip(self, clip_id: str):
        """Marks one of the loaded clips for deletion; the dialog names it."""
        clip = next((c for c in self._clips if c.value == clip_id), None)
        if clip is None:
            return
        lang = await self._lang()
        self.confirm_group, self.confirm_clip = "", clip.value
        self.confirm_title = tr("video_mixer_delete_clip_title", lang)
        self.confirm_body = tr("video_mixer_delete_clip_body", lang, name=clip.label)

    @rx.event
    @with_user
    async def delete_clip(self, me: Caller):
        """Deletes the clip the user confirmed (`ask_delete_clip`)."""
        target, self.confirm_clip = self.confirm_clip, ""
        if not target:
            return None
        return await self._act(me, projects.delete_clip, target, done="video_mixer_clip_deleted")

    # ---------------------------------------------------------------- uploads

    @rx.event(background=True)
    async def upload(self, chunks: rx.UploadChunkIterator):
        """Receives the dropped files and adds each as a clip (lumiku.state.uploads)."""
        return await receive(
            self,
            chunks,
            DROPZONE,
            room=projects.clip_room,
            add=projects.add_clip,
            redraw=self._after_upload,
        )

    async def _after_upload(self, user_id: int) -> None:
        project = await self._load_project(user_id)
        settings = await self.get_state(SettingsState)
        settings._follow_aspect(project.settings)
        await (await self.get_state(EstimateState))._estimate(user_id)
