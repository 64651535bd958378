"""Dropping many files into a project, shared by every app that takes uploads: the files are
streamed into a private folder by a background event, then checked and added one by one, each
with its own row (waiting, checking, added, or refused with the reason).

A background event (Reflex streams the files in as chunks): the tab's state is locked only in
the short `async with state` blocks that change the rows, never while bytes travel or a file is
checked. A long upload so never outlives Reflex's state lock, and the tab's other events (the
transfer bar) run meanwhile.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import reflex as rx

from lumiku.i18n import tr
from lumiku.services import files
from lumiku.state.auth import signed_in_user
from lumiku.state.base import call, error_text

FILES_PER_UPLOAD = files.FILES_PER_UPLOAD


@dataclass
class UploadRow:
    name: str
    status: str  # waiting | checking | added | refused
    message: str


@dataclass(frozen=True)
class Dropzone:
    """What one app's drop zone takes, and what it says when the project is full."""

    media: tuple[str, ...]  # the kinds of file it takes (files.limit_bytes), e.g. ("video",)
    kinds: str  # shown when the browser refuses a type, e.g. "JPG, PNG, MP4"
    full_key: str  # message key, with {max}: the project has no room for more
    full_max: Callable[[], int]  # the project's limit (read when used)
    default_name: str = "file"

    @property
    def limit_bytes(self) -> int:
        """The largest file it receives (read when used: the limits are settings)."""
        return max(files.limit_bytes(kind) for kind in self.media)


@dataclass
class _Arrived:
    name: str  # as shown: the file's own name, never a path
    path: Path
    size: int = 0
    taken: bool = False  # kept to be checked (within the count and size limits)


class Upload:
    """One upload's rows, kept here and copied to the tab in short locked blocks. The state
    has `uploads`, `uploading`, `sending` and `project_id`."""

    def __init__(self, state: Any, lang: str, zone: Dropzone, project_id: str, room: int):
        self.state, self.lang, self.zone, self.project_id = state, lang, zone, project_id
        self.room = room  # how many more files the project takes
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
        limit = self.zone.limit_bytes
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
                    name = shown_name(chunk.filename, self.zone.default_name)
                    current = _Arrived(name, folder / str(len(arrived)))
                    taken = sum(1 for a in arrived if a.taken)
                    if taken < min(FILES_PER_UPLOAD, self.room):
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
        if self.room <= FILES_PER_UPLOAD:
            return tr(self.zone.full_key, self.lang, max=self.zone.full_max())
        return tr("upload_too_many", self.lang, max=FILES_PER_UPLOAD)

    async def add_each(
        self, chunks: rx.UploadChunkIterator, add: Callable[[Path, str], Awaitable[Any]]
    ) -> int:
        """Receives every file, then `add(path, name)` for each taken one, showing each
        outcome as it happens. Returns how many were left out."""
        folder = Path(tempfile.mkdtemp(prefix="lumiku-upload-"))
        try:
            arrived = await self.receive(chunks, folder)
            for n, item in enumerate(arrived):
                if self.rows[n].status == "refused":
                    continue
                self.rows[n] = UploadRow(item.name, "checking", tr("upload_checking", self.lang))
                await self.show()
                try:
                    await add(item.path, item.name)
                    self.rows[n] = UploadRow(item.name, "added", tr("upload_added", self.lang))
                except Exception as exc:  # noqa: BLE001 - each file's own outcome
                    self.rows[n] = UploadRow(item.name, "refused", error_text(exc, self.lang))
                await self.show()
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return sum(1 for row in self.rows if row.status == "refused")

    def summary(self) -> str:
        """One line when some files were left out; the rows say why."""
        left = sum(1 for row in self.rows if row.status == "refused")
        if not left:
            return ""
        return tr("upload_left_out", self.lang, left=left, total=len(self.rows))


class UploadsMixin(rx.State, mixin=True):
    """What a drop zone shows, for a state with one drop zone (`_dropzone` names it) and a
    `project_id`; each state mixing it in has its own rows. The state's own background
    `upload` event calls `receive`."""

    uploads: list[UploadRow] = []
    uploading: bool = False  # the files arrived and are being checked one by one
    sending: bool = False  # the browser is still sending them
    upload_percent: int = 0
    upload_summary: str = ""  # how many dropped files were left out, when some were
    _dropzone: ClassVar[Dropzone]

    @rx.event
    def upload_progress(self, progress: dict):
        percent = progress_percent(progress)
        if percent is not None:
            self.upload_percent, self.sending = percent, percent < 100

    @rx.event
    async def drop_rejected(self, rejected: list):
        """Files the browser refused before sending (type, size, count), each with its reason."""
        if isinstance(rejected, list) and not self.uploading:
            self.uploads = refused_rows(rejected, await self._lang(), self._dropzone)


def shown_name(filename: str, default: str = "file") -> str:
    name = Path(filename or "").name[:200]
    return name if name.strip("./ ") else default


def progress_percent(progress: Any) -> int | None:
    """The browser's transfer report ({progress: 0..1, …}) as a percentage, if it is one."""
    if isinstance(progress, dict) and isinstance(progress.get("progress"), int | float):
        return max(0, min(100, round(progress["progress"] * 100)))
    return None


def refused_rows(rejected: Any, lang: str, zone: Dropzone) -> list[UploadRow]:
    """What the browser refused before sending ({name, codes} with react-dropzone's error
    codes per file), each as a row with its reason."""
    if not isinstance(rejected, list):
        return []
    rows = []
    for entry in rejected[:50]:
        entry = entry if isinstance(entry, dict) else {}
        name, codes = entry.get("name"), entry.get("codes")
        name = shown_name(name if isinstance(name, str) else "", zone.default_name)
        codes = codes if isinstance(codes, list) else []
        if "file-too-large" in codes:
            message = tr("file_too_large", lang, limit_mb=zone.limit_bytes // 2**20)
        elif "too-many-files" in codes:
            message = tr("upload_too_many", lang, max=FILES_PER_UPLOAD)
        else:
            message = tr("file_type_not_allowed", lang, kinds=zone.kinds)
        rows.append(UploadRow(name, "refused", message))
    return rows


async def receive(
    state: Any,
    chunks: Any,
    zone: Dropzone,
    *,
    room: Callable[..., int],
    add: Callable[..., Any],
    redraw: Callable[[int], Awaitable[Any]],
    target: Callable[[Any], tuple] = lambda state: (),
) -> Any:
    """The body of an app's upload event (a background event: `with_user` cannot wrap it, as
    it reads the state outside `async with`, so the user is re-derived here the same way).
    `room(user_id, project_id, *target)` says how many more files fit, `add(user_id,
    project_id, *target, path, name)` adds one, `redraw(user_id)` shows the project after;
    `target(state)` reads what else the files go into (a slide position, say) under the lock."""
    if not isinstance(chunks, rx.UploadChunkIterator):
        return None  # called as a plain event, without files
    async with state:
        session, user = await signed_in_user(state)
        if user is None:
            return session._to_sign_in()  # unconsumed, the upload is answered 400
        state.error = state.notice = state.upload_summary = ""
        lang, user_id, project_id, where = session.lang, user.id, state.project_id, target(state)
    try:  # what fits is taken; `add` checks the limit again itself
        free = await call(room, user_id, project_id, *where)
    except Exception:  # noqa: BLE001 - not theirs or gone: `add` refuses each file
        free = FILES_PER_UPLOAD
    upload = Upload(state, lang, zone, project_id, free)
    try:
        await upload.add_each(
            chunks, lambda path, name: call(add, user_id, project_id, *where, path, name)
        )
    except Exception as exc:  # noqa: BLE001 - shown; the files are already removed
        async with state:
            state.error = error_text(exc, lang)
    async with state:
        state.uploading = False
        if state.project_id != project_id:
            return None
        state.upload_summary = upload.summary()
        return await redraw(user_id)
