"""One project: its name, clips and groups, and uploading clips into it."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import reflex as rx

from lumiku.i18n import tr
from lumiku.services import files
from lumiku.services.errors import ServiceError
from lumiku.services.video_mixer import projects
from lumiku.state.auth import signed_in_user
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
    upload_summary: str = ""  # how many dropped files were left out, when some were
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

    @rx.event(background=True)
    async def upload(self, chunks: rx.UploadChunkIterator):
        """Receives the dropped files into a private folder as they arrive, then checks and adds
        each in turn, showing every file's outcome as it happens.

        A background event (Reflex streams the files in as `chunks`): the tab's state is
        locked only in the short `async with self` blocks that change the rows, never while
        bytes travel or a file is checked (ffprobe, the thumbnail, the copy into storage). A
        long upload so never outlives Reflex's state lock, and the tab's other events (the
        transfer bar) run meanwhile. `with_user` cannot wrap a background event (it reads the
        state outside `async with self`): the first block re-derives the user the same way."""
        if not isinstance(chunks, rx.UploadChunkIterator):
            return None  # called as a plain event, without files
        async with self:
            session, user = await signed_in_user(self)
            if user is None:
                return session._to_sign_in()  # unconsumed, the upload is answered 400
            self.error = self.notice = self.upload_summary = ""
            lang, user_id, project_id = session.lang, user.id, self.project_id
        try:  # what fits in the project is taken; add_clip checks the limit again itself
            room = await call(projects.clip_room, user_id, project_id)
        except Exception:  # noqa: BLE001 - not theirs or gone: add_clip refuses each file
            room = MAX_FILES_PER_UPLOAD
        upload = _Upload(self, lang, project_id, room)
        folder = Path(tempfile.mkdtemp(prefix="lumiku-upload-"))
        try:
            arrived = await upload.receive(chunks, folder)
            if not arrived:  # every dropped file was refused by the browser: drop_rejected says why
                return None
            for n, item in enumerate(arrived):
                if upload.rows[n].status == "refused":
                    continue
                upload.rows[n] = UploadRow(
                    item.name, "checking", tr("video_mixer_upload_checking", lang)
                )
                await upload.show()
                try:
                    await call(projects.add_clip, user_id, project_id, item.path, item.name)
                    upload.rows[n] = UploadRow(
                        item.name, "added", tr("video_mixer_upload_added", lang)
                    )
                except Exception as exc:  # noqa: BLE001 - each file's own outcome
                    upload.rows[n] = UploadRow(item.name, "refused", error_text(exc, lang))
                await upload.show()
        except Exception as exc:  # noqa: BLE001 - shown; the files are removed below
            async with self:
                self.error = error_text(exc, lang)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        async with self:
            self.uploading = False
            if self.project_id == project_id:
                left = sum(1 for row in upload.rows if row.status == "refused")
                if left:
                    self.upload_summary = tr(
                        "video_mixer_upload_left_out", lang, left=left, total=len(upload.rows)
                    )
                project = await self._load_project(user_id)
                settings = await self.get_state(SettingsState)
                settings._follow_aspect(project.settings)
                await (await self.get_state(EstimateState))._estimate(user_id)
        return None


@dataclass
class _Arrived:
    name: str  # as shown: the file's own name, never a path
    path: Path
    size: int = 0
    taken: bool = False  # kept to be checked (within the count and size limits)


class _Upload:
    """One upload's rows, kept here and copied to the tab in short locked blocks."""

    def __init__(self, state: ProjectState, lang: str, project_id: str, room: int):
        self.state, self.lang, self.project_id = state, lang, project_id
        self.room = room  # how many more clips the project takes
        self.rows: list[UploadRow] = []

    async def show(self, **flags: bool) -> None:
        async with self.state as state:
            if state.project_id != self.project_id:
                return  # the tab went on to another project; its files are still added
            state.uploads = [UploadRow(r.name, r.status, r.message) for r in self.rows]
            for name, value in flags.items():
                setattr(state, name, value)

    async def receive(self, chunks: rx.UploadChunkIterator, folder: Path) -> list[_Arrived]:
        """Writes each file to `folder` as its chunks arrive, a row per file as it starts;
        files past the count or size limit are refused and their bytes dropped, but every
        chunk is read (Reflex answers an upload whose handler stops reading with an error)."""
        limit = files.limit_bytes("video")
        arrived: list[_Arrived] = []
        current, out, part = None, None, ""
        try:
            async for chunk in chunks:
                starts = chunk.offset == 0 and (
                    current is None or current.size > 0 or chunk.filename != part
                )
                if starts:
                    if out is not None:
                        out.close()
                        out = None
                    part = chunk.filename
                    current = _Arrived(_shown_name(chunk.filename), folder / str(len(arrived)))
                    taken = sum(1 for a in arrived if a.taken)
                    if taken < min(MAX_FILES_PER_UPLOAD, self.room):
                        current.taken = True
                        out = current.path.open("wb")
                        self.rows.append(UploadRow(current.name, "waiting", ""))
                    else:  # the first ones that fit are taken; the rest say why not
                        self.rows.append(UploadRow(current.name, "refused", self._why_not()))
                    arrived.append(current)
                    await self.show(uploading=True)
                current.size += len(chunk.data)
                if out is None:
                    continue  # refused: its bytes are read and dropped
                if current.size > limit:
                    current.taken = False  # its place goes to the next file
                    out.close()
                    out = None
                    current.path.unlink(missing_ok=True)
                    message = tr("file_too_large", self.lang, limit_mb=limit // 2**20)
                    self.rows[-1] = UploadRow(current.name, "refused", message)
                    await self.show()
                    continue
                out.write(chunk.data)
        finally:
            if out is not None:
                out.close()
        if arrived:
            await self.show(sending=False)
        return arrived

    def _why_not(self) -> str:
        if self.room <= MAX_FILES_PER_UPLOAD:
            return tr("video_mixer_upload_project_full", self.lang, max=projects.MAX_CLIPS)
        return tr("video_mixer_upload_too_many", self.lang, max=MAX_FILES_PER_UPLOAD)


def _shown_name(filename: str) -> str:
    name = Path(filename or "").name[:200]
    return name if name.strip("./ ") else "video"


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
