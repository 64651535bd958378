"""One project: its name, clips and groups, and uploading clips into it."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from pathlib import Path

import reflex as rx

from lumiku.i18n import tr
from lumiku.services import files
from lumiku.services.errors import ServiceError
from lumiku.services.video_mixer import projects
from lumiku.state.base import Caller, call, error_text, form_text, with_user
from lumiku.state.video_mixer.common import (
    APP,
    LINK_SECONDS,
    MAX_FILES_PER_UPLOAD,
    NONE,
    Choice,
    ClipRow,
    GroupBox,
    UploadRow,
    VideoMixerState,
    seconds_text,
    size_text,
)
from lumiku.state.video_mixer.estimate import EstimateState
from lumiku.state.video_mixer.settings import SettingsState


class ProjectState(VideoMixerState):
    project_name: str = ""
    project_description: str = ""
    editing_name: bool = False
    group_boxes: list[GroupBox] = []
    uploads: list[UploadRow] = []
    uploading: bool = False  # the files arrived and are being checked one by one
    sending: bool = False  # the browser is still sending them
    upload_percent: int = 0
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

    async def _act(self, me: Caller, action, *args, done: str = ""):
        """Runs one service call for the signed-in user, then redraws the project."""
        try:
            await call(action, me.user.id, *args)
            self.notice = tr(done, me.lang) if done else ""
        except Exception as exc:  # noqa: BLE001 - shown, and the project is redrawn all the same
            self.error = error_text(exc, me.lang)
        if self.project_id:
            return await self._redraw(me.user.id)
        return None

    # ---------------------------------------------------------------- the page

    @rx.event
    @with_user
    async def load_project(self, me: Caller):
        project_id = str(self.router.url.path).rstrip("/").rsplit("/", 1)[-1][:32]
        settings = await self.get_state(SettingsState)
        estimate = await self.get_state(EstimateState)
        estimate.confirming = self.editing_name = self.uploading = self.sending = False
        self.uploads, settings.preset_name = [], ""
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

    @rx.event
    def edit_name(self, on: bool):
        self.editing_name = bool(on)

    @rx.event
    @with_user
    async def rename_project(self, me: Caller, form: dict):
        self.editing_name = False
        return await self._act(
            me,
            projects.rename_project,
            self.project_id,
            form_text(form, "name", 200),
            form_text(form, "description", 1000),
        )

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
    @with_user
    async def delete_group(self, me: Caller, group_id: str):
        return await self._act(
            me, projects.delete_group, str(group_id), done="video_mixer_group_deleted"
        )

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
    @with_user
    async def delete_clip(self, me: Caller, clip_id: str):
        return await self._act(
            me, projects.delete_clip, str(clip_id), done="video_mixer_clip_deleted"
        )

    # ---------------------------------------------------------------- uploads

    @rx.event
    def upload_progress(self, progress: dict):
        if isinstance(progress, dict) and isinstance(progress.get("progress"), int | float):
            self.upload_percent = max(0, min(100, round(progress["progress"] * 100)))
            self.sending = self.upload_percent < 100

    @rx.event
    async def drop_rejected(self, rejected: list):
        """Files the browser refused before sending (type, size, count), each with its reason."""
        lang = await self._lang()
        if not isinstance(rejected, list) or self.uploading:
            return
        self.uploads = [_refused_row(entry, lang) for entry in rejected[:50]]

    @rx.event
    @with_user
    async def upload(self, me: Caller, uploads: list[rx.UploadFile]):
        """Checks and adds each file in turn, showing every file's outcome as it happens."""
        if not isinstance(uploads, list) or not all(isinstance(f, rx.UploadFile) for f in uploads):
            return
        if not uploads:  # every dropped file was refused by the browser: drop_rejected says why
            return
        lang = me.lang
        extra = [
            UploadRow(
                f.name or "video",
                "refused",
                tr("video_mixer_upload_too_many", lang, max=MAX_FILES_PER_UPLOAD),
            )
            for f in uploads[MAX_FILES_PER_UPLOAD:]
        ]
        uploads = uploads[:MAX_FILES_PER_UPLOAD]
        self.uploads = [UploadRow(f.name or "video", "waiting", "") for f in uploads] + extra
        self.uploading, self.sending = True, False
        yield
        for n, upload in enumerate(uploads):
            rows = list(self.uploads)
            rows[n].status, rows[n].message = "checking", tr("video_mixer_upload_checking", lang)
            self.uploads = rows
            yield
            with tempfile.TemporaryDirectory(prefix="lumiku-upload-") as folder:
                path = Path(folder) / "upload"
                try:
                    await asyncio.to_thread(_spool, upload, path)
                    await call(
                        projects.add_clip, me.user.id, self.project_id, path, upload.name or ""
                    )
                    rows[n].status, rows[n].message = "added", tr("video_mixer_upload_added", lang)
                except Exception as exc:  # noqa: BLE001 - each file's own outcome
                    rows[n].status, rows[n].message = "refused", error_text(exc, lang)
            self.uploads = list(rows)
            yield
        self.uploading = False
        await self._load_project(me.user.id)
        await (await self.get_state(EstimateState))._estimate(me.user.id)


def _refused_row(entry: object, lang: str) -> UploadRow:
    """One rejection, `{name, codes}` with react-dropzone's error codes, as a row."""
    entry = entry if isinstance(entry, dict) else {}
    name, codes = entry.get("name"), entry.get("codes")
    name = Path(name).name[:200] if isinstance(name, str) and name.strip("./") else "video"
    codes = codes if isinstance(codes, list) else []
    if "file-too-large" in codes:
        message = tr("file_too_large", lang, limit_mb=files.limit_bytes("video") // 2**20)
    elif "too-many-files" in codes:
        message = tr("video_mixer_upload_too_many", lang, max=MAX_FILES_PER_UPLOAD)
    else:
        message = tr("file_type_not_allowed", lang, kinds="MP4, MOV, WebM")
    return UploadRow(name, "refused", message)


def _spool(upload: rx.UploadFile, path: Path) -> None:
    """Copies the upload to disk in chunks; never the whole file in memory."""
    upload.file.seek(0)
    with path.open("wb") as out:
        shutil.copyfileobj(upload.file, out, 1024 * 1024)
