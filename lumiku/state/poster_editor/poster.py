"""The poster being edited: its current version shown large, the version history with undo to
any version, and deleting it. The page follows the user's generation events: when an edit
ends, its new version is shown at once."""

from __future__ import annotations

import reflex as rx

from lumiku.i18n import format_datetime, tr
from lumiku.services import files
from lumiku.services.errors import ServiceError
from lumiku.services.poster_editor import posters, rules
from lumiku.state import live
from lumiku.state.base import Caller, call, with_user
from lumiku.state.poster_editor.common import (
    APP,
    LINK_SECONDS,
    PosterEditorState,
    VersionRow,
)

MODEL_NAMES = {row["key"]: row["name"] for row in rules.REGISTRY_MODELS}  # the proposed names


def action_text(action: str, lang: str) -> str:
    return tr(f"poster_editor_action_{action}", lang)


def made_by(mode: str, served_by: str, lang: str) -> str:
    """Where a version was made, in words: quick (this server) or advanced (the provider's)."""
    if mode == "local":
        return tr("poster_editor_made_quick", lang)
    if mode == "advanced":
        return tr("poster_editor_made_advanced", lang, model=served_by or "?")
    return ""


@live.follows("generation", APP.route)
class PosterState(PosterEditorState):
    poster_name: str = ""
    width: int = 0
    height: int = 0
    version_id: str = ""  # the current version
    version_number: int = 0
    image_url: str = ""
    download_url: str = ""
    versions: list[VersionRow] = []
    loaded: bool = False
    confirm_delete: bool = False

    @rx.var
    def size_text(self) -> str:
        return f"{self.width}×{self.height}" if self.width else ""

    async def _load(self, user_id: int) -> bool:
        """Reads the poster and its history again; True when its current version changed."""
        found = await call(posters.poster, user_id, self.poster_id)
        if found.project_id != self.project_id:
            raise ServiceError("not_found")
        rows = await call(posters.history, user_id, self.poster_id)
        lang = await self._lang()
        changed = found.version_id != self.version_id
        self.poster_name, self.width, self.height = found.name, found.width, found.height
        self.version_id, self.version_number = found.version_id, found.version_number
        self.image_url = files.signed_file_link(user_id, found.file_id, True, LINK_SECONDS)
        self.download_url = files.signed_file_link(user_id, found.file_id, False, LINK_SECONDS)
        self.versions = [
            VersionRow(
                id=v.id,
                number=v.number,
                what=action_text(v.action, lang),
                how=made_by(v.mode, MODEL_NAMES.get(v.served_by, v.served_by), lang),
                prompt=v.prompt,
                when=format_datetime(v.created_at, lang),
                thumb_url=files.signed_file_link(user_id, v.file_id, True, LINK_SECONDS)
                if v.file_id
                else "",
                current=v.current,
            )
            for v in rows
        ]
        self.loaded = True
        return changed

    async def _others_follow(self, user_id: int, fresh: bool) -> None:
        """The other panels start again on a version they have not seen."""
        from lumiku.state.poster_editor.edit import EditState
        from lumiku.state.poster_editor.export import ExportState
        from lumiku.state.poster_editor.marks import MarkState
        from lumiku.state.poster_editor.text import TextState

        (await self.get_state(MarkState))._reset(keep_batch=False)
        (await self.get_state(TextState))._reset()
        (await self.get_state(EditState))._reset(fresh)
        await (await self.get_state(ExportState))._show(user_id, fresh)

    async def _refresh(self, user_id: int, fields: dict[str, str] | None = None) -> None:
        """An item that ended may be a new version or an export (progress ticks change
        nothing here: the work list moves its own bars)."""
        if not self.loaded or not self.poster_id or (fields or {}).get("progress"):
            return
        try:
            changed = await self._load(user_id)
        except ServiceError:  # the poster was deleted meanwhile
            self.loaded = False
            return
        from lumiku.state.poster_editor.export import ExportState

        if changed:
            await self._others_follow(user_id, fresh=False)
            self.notice = tr("poster_editor_new_version", await self._lang(), n=self.version_number)
        else:
            await (await self.get_state(ExportState))._show(user_id, False)

    @rx.event
    @with_user
    async def load_poster(self, me: Caller):
        parts = ["", *str(self.router.url.path).strip("/").split("/")]
        self.project_id, self.poster_id = parts[-2][:32], parts[-1][:32]
        self.loaded, self.confirm_delete, self.version_id = False, False, ""
        try:
            await self._load(me.user.id)
        except ServiceError:
            project, self.poster_id = self.project_id, ""
            return rx.redirect(APP.path(project) if project else APP.route)
        await self._others_follow(me.user.id, fresh=True)
        await self._refresh_work(me.user.id)
        return None

    @rx.event
    @with_user
    async def undo_to(self, me: Caller, version_id: str):
        """Shows, and edits from, any version of the history (nothing is deleted)."""
        if not isinstance(version_id, str) or not any(v.id == version_id for v in self.versions):
            return
        await call(posters.undo_to, me.user.id, self.poster_id, version_id)
        if await self._load(me.user.id):
            await self._others_follow(me.user.id, fresh=False)
            self.notice = tr("poster_editor_undone", me.lang, n=self.version_number)

    @rx.event
    @with_user
    async def ask_delete(self, me: Caller):
        self.confirm_delete = bool(self.poster_id)

    @rx.event
    def keep(self):
        self.confirm_delete = False

    @rx.event
    @with_user
    async def delete_poster(self, me: Caller):
        if not self.confirm_delete or not self.poster_id:
            return None
        self.confirm_delete = False
        await call(posters.delete_poster, me.user.id, self.poster_id)
        self.poster_id, self.loaded = "", False
        return rx.redirect(APP.path(self.project_id))
