"""Video Mixer's pages: the project list and one project's editor. Handlers are thin: every
argument a client sends is checked here for shape, and by the services for ownership."""

from __future__ import annotations

import asyncio
import secrets
import shutil
import tempfile
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import reflex as rx

from lumiku import routes
from lumiku.i18n import format_datetime, format_number, tr
from lumiku.services import files
from lumiku.services.errors import ServiceError
from lumiku.services.video_mixer import projects, rules
from lumiku.state.auth import AuthState, signed_in_user
from lumiku.state.base import call, error_text, form_text
from lumiku.state.work import WorkState

LINK_SECONDS = 3600
NONE = "none"  # Radix selects cannot hold an empty value
OPTIONS = {f.name: f.default for f in fields(rules.MixSettings)}
NUMBER_OPTIONS = ("speed_min", "speed_max", "fixed_duration")
UPLOAD_ID = "vm-upload"
MAX_FILES_PER_UPLOAD = files.FILES_PER_UPLOAD


@dataclass
class ProjectCard:
    id: str
    name: str
    description: str
    clips_text: str
    updated: str


@dataclass
class ClipRow:
    id: str
    name: str
    details: str
    thumb_url: str
    group: str  # group id, or NONE
    first: bool
    last: bool


@dataclass
class GroupBox:
    id: str  # NONE for the clips outside any group
    name: str
    first: bool
    last: bool
    clips: list[ClipRow]


@dataclass
class Choice:
    value: str
    label: str


@dataclass
class UploadRow:
    name: str
    status: str  # waiting | checking | added | refused
    message: str


def _seconds(value: float) -> str:
    return f"{value:.1f} s"


def _size(size: int) -> str:
    return f"{size / 2**20:.1f} MB"


def _number(text: Any) -> float | None:
    try:
        return float(str(text).replace(",", "."))
    except ValueError:
        return None


class VideoMixerState(rx.State):
    # ---------------------------------------------------------------- the project list
    project_cards: list[ProjectCard] = []
    list_page: int = 1
    list_pages: int = 1
    list_total: int = 0
    list_loaded: bool = False
    confirm_delete_project: str = ""

    # ---------------------------------------------------------------- one project
    project_id: str = ""
    project_name: str = ""
    project_description: str = ""
    editing_name: bool = False
    group_boxes: list[GroupBox] = []
    group_choices: list[Choice] = []
    clip_choices: list[Choice] = []
    clip_count: int = 0
    uploads: list[UploadRow] = []
    uploading: bool = False  # the files arrived and are being checked one by one
    sending: bool = False  # the browser is still sending them
    upload_percent: int = 0

    # every option of the settings panel (selects hold strings)
    order_mixing: bool = True
    different_start: bool = False
    fixed_first_clip: str = NONE
    group_mixing: bool = False
    group_mode: str = "sequential"
    speed_variations: bool = False
    speed_min: str = "0.5"
    speed_max: str = "2.0"
    metadata: str = "capcut"
    resolution: str = "720p"
    bitrate: str = "medium"
    fps: str = "30"
    aspect: str = "16:9"
    fit: str = "bars"
    duration_type: str = "original"
    fixed_duration: str = "30"
    distribution: str = "speed"
    audio: str = "keep"
    visual_variation: bool = False
    count_text: str = "5"
    settings_error: str = ""

    presets: list[Choice] = []
    preset_name: str = ""

    # the live estimate
    est_combinations: str = ""
    est_strength: int = 0
    est_strength_label: str = ""
    est_duration: str = ""
    est_cost_per_video: str = ""
    est_price: str = ""
    est_available: str = ""
    est_affordable: bool = True
    est_notice: str = ""
    est_ready: bool = False

    confirming: bool = False
    _generate_key: str = ""
    busy: bool = False
    error: str = ""
    notice: str = ""

    # ---------------------------------------------------------------- helpers

    async def _user(self):
        self.error = self.notice = ""
        return await signed_in_user(self)

    async def _lang(self) -> str:
        return (await self.get_state(AuthState)).lang

    def _raw_settings(self) -> dict[str, Any]:
        """The panel as the services expect it; numbers that do not parse are sent as text,
        so the services refuse them by name."""
        raw: dict[str, Any] = {}
        for name, default in OPTIONS.items():
            value = getattr(self, name)
            if name == "fixed_first_clip":
                value = "" if value == NONE else value
            elif name == "fps":
                value = int(value) if str(value).isdecimal() else value
            elif name in NUMBER_OPTIONS:
                number = _number(value)
                value = number if number is not None else value
            raw[name] = value if not isinstance(default, bool) else bool(value)
        return raw

    def _show_settings(self, settings: dict[str, Any]) -> None:
        for name, default in OPTIONS.items():
            value = settings.get(name, default)
            if name == "fixed_first_clip":
                value = value or NONE
            elif not isinstance(default, bool):
                value = str(value)
            setattr(self, name, value)

    def _count(self) -> int:
        """The typed count, or 0 (which the services refuse with the allowed range)."""
        return int(self.count_text) if self.count_text.strip().isdecimal() else 0

    async def _load_project(self, user_id: int) -> projects.ProjectDetail:
        """Redraws the clips panel from the project, and returns the project."""
        project = await call(projects.get_project, user_id, self.project_id)
        self.project_name, self.project_description = project.name, project.description
        boxes, total = [], len(project.clips)
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
                    details=f"{_seconds(c.duration)} · {_size(c.size_bytes)}"
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
        self.group_boxes, self.clip_count = boxes, total
        self.group_choices = [Choice(NONE, tr("video_mixer_no_group", lang))] + [
            Choice(g.id, g.name) for g in project.groups
        ]
        self.clip_choices = [Choice(NONE, tr("video_mixer_no_fixed_clip", lang))] + [
            Choice(c.id, c.name) for c in project.clips
        ]
        self._forget_missing_first_clip()
        return project

    def _forget_missing_first_clip(self) -> None:
        if self.fixed_first_clip not in {c.value for c in self.clip_choices}:
            self.fixed_first_clip = NONE

    async def _load_presets(self, user_id: int) -> None:
        self.presets = [Choice(p.id, p.name) for p in await call(projects.list_presets, user_id)]

    async def _estimate(self, user_id: int) -> None:
        """Recomputes the estimate from the panel; a value the rules refuse is named instead."""
        lang = await self._lang()
        count = self._count()
        self.est_ready = False
        try:
            est = await call(
                projects.estimate, user_id, self.project_id, self._raw_settings(), count
            )
        except ServiceError as exc:
            self.settings_error = error_text(exc, lang)
            return
        self.settings_error = ""
        unit = "unit_credits" if est.quote.unit == "credits" else "usage_quota"
        unit_text = tr(unit, lang).lower()
        self.est_combinations = format_number(est.combinations, lang)
        self.est_strength, self.est_strength_label = (
            est.strength,
            tr(f"video_mixer_strength_{est.strength_label}", lang),
        )
        self.est_duration = _seconds(est.seconds_per_video)
        self.est_cost_per_video = tr("video_mixer_cost_per_video", lang, cost=est.cost_per_video)
        self.est_price = f"{format_number(est.quote.amount, lang)} {unit_text}"
        self.est_available = f"{format_number(est.quote.available, lang)} {unit_text}"
        self.est_affordable = est.quote.affordable
        self.est_notice = (
            tr("video_mixer_too_few_combinations", lang, possible=est.max_count)
            if count > est.max_count
            else tr("video_mixer_sequences_repeat", lang, possible=est.combinations)
            if count > est.combinations
            else ""
        )
        self.est_ready = count <= est.max_count

    async def _refresh_work(self, user_id: int) -> None:
        work = await self.get_state(WorkState)
        await work._show_project(user_id, projects.APP_ID, self.project_id)

    async def _act(self, action, *args, done: str = ""):
        """Runs one service call for the signed-in user, then redraws the project."""
        session, user = await self._user()
        if user is None:
            return session._to_sign_in()
        try:
            await call(action, user.id, *args)
            self.notice = tr(done, session.lang) if done else ""
        except Exception as exc:  # noqa: BLE001
            self.error = error_text(exc, session.lang)
        if self.project_id:
            try:
                await self._load_project(user.id)
                await self._estimate(user.id)
            except ServiceError:
                return rx.redirect(routes.VIDEO_MIXER)
        return None

    # ---------------------------------------------------------------- the project list

    async def _load_list(self, user_id: int) -> None:
        lang = await self._lang()
        page = await call(projects.list_projects, user_id, self.list_page)
        self.project_cards = [
            ProjectCard(
                p.id,
                p.name,
                p.description,
                tr("video_mixer_project_counts", lang, clips=p.clips, groups=p.groups),
                format_datetime(p.updated_at, lang),
            )
            for p in page.rows
        ]
        self.list_page, self.list_pages, self.list_total = page.page, page.pages, page.total
        self.list_loaded = True

    @rx.event
    async def load_list(self):
        session, user = await self._user()
        if user is None:
            return session._to_sign_in()
        self.confirm_delete_project = ""
        await self._load_list(user.id)
        return None

    @rx.event
    async def go_to_list_page(self, page: int):
        if isinstance(page, int) and not isinstance(page, bool):
            self.list_page = max(1, page)
        return await self.load_list()

    @rx.event
    async def create_project(self, form: dict):
        session, user = await self._user()
        if user is None:
            return session._to_sign_in()
        try:
            project_id = await call(
                projects.create_project,
                user.id,
                form_text(form, "name", 200),
                form_text(form, "description", 1000),
            )
        except Exception as exc:  # noqa: BLE001
            self.error = error_text(exc, session.lang)
            return None
        return rx.redirect(routes.video_mixer_project(project_id))

    @rx.event
    def ask_delete_project(self, project_id: str):
        self.confirm_delete_project = str(project_id)[:32]

    @rx.event
    def keep_project(self):
        self.confirm_delete_project = ""

    @rx.event
    async def delete_project(self):
        session, user = await self._user()
        if user is None:
            return session._to_sign_in()
        target, self.confirm_delete_project = self.confirm_delete_project, ""
        try:
            await call(projects.delete_project, user.id, target)
        except Exception as exc:  # noqa: BLE001
            self.error = error_text(exc, session.lang)
            return None
        if target == self.project_id:
            self.project_id = ""
            return rx.redirect(routes.VIDEO_MIXER)
        self.notice = tr("video_mixer_project_deleted", session.lang)
        await self._load_list(user.id)
        return None

    # ---------------------------------------------------------------- one project

    @rx.event
    async def load_project(self):
        session, user = await self._user()
        if user is None:
            return session._to_sign_in()
        project_id = str(self.router.url.path).rstrip("/").rsplit("/", 1)[-1][:32]
        self.confirming = self.editing_name = self.uploading = self.sending = False
        self.uploads, self.preset_name = [], ""
        self.project_id = project_id
        try:
            project = await self._load_project(user.id)
        except ServiceError:
            self.project_id = ""
            return rx.redirect(routes.VIDEO_MIXER)
        self._show_settings(project.settings)
        self._forget_missing_first_clip()
        await self._load_presets(user.id)
        await self._estimate(user.id)
        await self._refresh_work(user.id)
        return None

    @rx.event
    def edit_name(self, on: bool):
        self.editing_name = bool(on)

    @rx.event
    async def rename_project(self, form: dict):
        self.editing_name = False
        return await self._act(
            projects.rename_project,
            self.project_id,
            form_text(form, "name", 200),
            form_text(form, "description", 1000),
        )

    # groups
    @rx.event
    async def add_group(self, form: dict):
        return await self._act(projects.add_group, self.project_id, form_text(form, "name", 200))

    @rx.event
    async def rename_group(self, group_id: str, name: str):
        return await self._act(projects.rename_group, str(group_id), name)  # checked there

    @rx.event
    async def move_group(self, group_id: str, step: int):
        return await self._act(projects.move_group, str(group_id), step)

    @rx.event
    async def delete_group(self, group_id: str):
        return await self._act(projects.delete_group, str(group_id), done="video_mixer_group_deleted")

    # clips
    @rx.event
    async def move_clip(self, clip_id: str, group_id: str):
        target = "" if group_id == NONE else str(group_id)
        return await self._act(projects.move_clip, str(clip_id), target)

    @rx.event
    async def reorder_clip(self, clip_id: str, step: int):
        return await self._act(projects.reorder_clip, str(clip_id), step)

    @rx.event
    async def delete_clip(self, clip_id: str):
        return await self._act(projects.delete_clip, str(clip_id), done="video_mixer_clip_deleted")

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
    async def upload(self, uploads: list[rx.UploadFile]):
        """Checks and adds each file in turn, showing every file's outcome as it happens."""
        session, user = await self._user()
        if user is None:
            yield session._to_sign_in()
            return
        if not isinstance(uploads, list) or not all(isinstance(f, rx.UploadFile) for f in uploads):
            return
        if not uploads:  # every dropped file was refused by the browser: drop_rejected says why
            return
        lang = session.lang
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
                    await call(projects.add_clip, user.id, self.project_id, path, upload.name or "")
                    rows[n].status, rows[n].message = "added", tr("video_mixer_upload_added", lang)
                except Exception as exc:  # noqa: BLE001
                    rows[n].status, rows[n].message = "refused", error_text(exc, lang)
            self.uploads = list(rows)
            yield
        self.uploading = False
        await self._load_project(user.id)
        await self._estimate(user.id)

    # settings
    @rx.event
    async def set_option(self, name: str, value: Any):
        """One option changed: kept as typed (numbers as text), saved when the rules accept
        the whole panel, and the estimate redrawn."""
        if not isinstance(name, str) or name not in OPTIONS:
            return None
        default = OPTIONS[name]
        if isinstance(default, bool):
            if not isinstance(value, bool):
                return None
        elif not isinstance(value, str | int | float) or isinstance(value, bool):
            return None
        setattr(self, name, value if isinstance(default, bool) else str(value)[:64])
        session, user = await self._user()
        if user is None:
            return session._to_sign_in()
        try:
            await call(projects.save_settings, user.id, self.project_id, self._raw_settings())
        except ServiceError as exc:
            self.settings_error = error_text(exc, session.lang)
            self.est_ready = False
            return None
        await self._estimate(user.id)
        return None

    @rx.event
    async def set_count(self, value: str):
        self.count_text = str(value)[:4]
        _, user = await self._user()
        if user is not None:
            await self._estimate(user.id)

    @rx.event
    def set_preset_name(self, value: str):
        self.preset_name = str(value)[:60]

    @rx.event
    async def save_preset(self):
        session, user = await self._user()
        if user is None:
            return session._to_sign_in()
        try:
            await call(projects.save_preset, user.id, self.preset_name, self._raw_settings())
            self.notice, self.preset_name = tr("video_mixer_preset_saved", session.lang), ""
        except Exception as exc:  # noqa: BLE001
            self.error = error_text(exc, session.lang)
        await self._load_presets(user.id)
        return None

    @rx.event
    async def load_preset(self, preset_id: str):
        session, user = await self._user()
        if user is None:
            return session._to_sign_in()
        try:
            preset = await call(projects.get_preset, user.id, str(preset_id))
        except Exception as exc:  # noqa: BLE001
            self.error = error_text(exc, session.lang)
            return None
        keep_first = self.fixed_first_clip
        self._show_settings(preset.settings)
        self.fixed_first_clip = keep_first
        return await self.set_option("fixed_first_clip", keep_first)

    @rx.event
    async def delete_preset(self, preset_id: str):
        session, user = await self._user()
        if user is None:
            return session._to_sign_in()
        try:
            await call(projects.delete_preset, user.id, str(preset_id))
            self.notice = tr("video_mixer_preset_deleted", session.lang)
        except Exception as exc:  # noqa: BLE001
            self.error = error_text(exc, session.lang)
        await self._load_presets(user.id)
        return None

    # generating
    @rx.event
    async def ask_generate(self):
        """Shows the price for confirmation; the key makes a double click submit once."""
        session, user = await self._user()
        if user is None:
            return session._to_sign_in()
        await self._estimate(user.id)
        if self.est_ready:
            self._generate_key = f"vm-{self.project_id}-{secrets.token_hex(8)}"
            self.confirming = True
        return None

    @rx.event
    def cancel_generate(self):
        self.confirming = False

    @rx.event
    async def generate(self):
        session, user = await self._user()
        if user is None:
            return session._to_sign_in()
        count = self._count()
        if not self.confirming or not self._generate_key:
            return None
        self.busy = True
        try:
            await call(
                projects.generate,
                user.id,
                self.project_id,
                self._raw_settings(),
                count,
                self._generate_key,
            )
            self.notice = tr("video_mixer_generation_started", session.lang, count=count)
            self.confirming = False
        except Exception as exc:  # noqa: BLE001
            self.error = error_text(exc, session.lang)
            self.confirming = False
        finally:
            self.busy = False
        await self._estimate(user.id)
        await self._refresh_work(user.id)
        return None


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
