"""One project: its name, its avatars (a grid), face photos dropped in, and one avatar opened:
its persona edited, its uses across apps, deleting it."""

from __future__ import annotations

from typing import ClassVar

import reflex as rx

from lumiku.i18n import format_datetime, format_percent, tr
from lumiku.services import files
from lumiku.services.avatar_creator import avatars, projects
from lumiku.services.avatar_creator.projects import persona_line
from lumiku.services.errors import ServiceError
from lumiku.state import live
from lumiku.state.avatar_creator.common import (
    APP,
    LINK_SECONDS,
    PERSONA_FIELDS,
    AvatarCreatorState,
    AvatarTile,
    UseRow,
    blank_attributes,
    blank_persona,
    clean_attribute,
    clean_field,
    form_request,
)
from lumiku.state.base import Caller, call, with_user
from lumiku.state.projects import ProjectPageMixin
from lumiku.state.uploads import Dropzone, UploadsMixin, receive

PHOTOS = Dropzone(
    media=("image",),
    kinds="JPG, PNG, WebP",
    full_key="avatar_creator_upload_full",
    full_max=lambda: projects.MAX_AVATARS,
    default_name="photo",
)


@live.follows("generation", APP.route)
class ProjectState(ProjectPageMixin, UploadsMixin, AvatarCreatorState):
    _dropzone: ClassVar = PHOTOS
    _service: ClassVar = projects
    avatars: list[AvatarTile] = []
    loaded: bool = False
    # the avatar opened in the side sheet: its picture, its persona form and its uses
    open_id: str = ""
    open_image: str = ""
    open_source: str = ""
    open_seed: str = ""
    open_prompt: str = ""
    open_likeness: str = ""
    persona: dict[str, str] = blank_persona()
    attributes: dict[str, str] = blank_attributes()
    uses: list[UseRow] = []
    use_summary: list[UseRow] = []
    confirm_avatar: str = ""

    async def _load_project(self, user_id: int) -> projects.ProjectDetail:
        project = await call(projects.get_project, user_id, self.project_id)
        self.project_name, self.project_description = project.name, project.description
        self.avatars = [
            AvatarTile(
                a.id,
                a.name,
                persona_line(a.persona_name, a.persona_age),
                files.signed_file_link(user_id, a.thumbnail_id, True, LINK_SECONDS)
                if a.thumbnail_id
                else "",
                a.source,
                format_percent(a.likeness),
            )
            for a in project.avatars
        ]
        self.loaded = True
        if self.open_id and not any(a.id == self.open_id for a in project.avatars):
            self.open_id = ""
        return project

    async def _refresh(self, user_id: int, fields: dict[str, str] | None = None) -> None:
        """An item that ended may be a new avatar: the grid is read again (progress ticks,
        which carry `progress`, change nothing here)."""
        if self.loaded and self.project_id and not (fields or {}).get("progress"):
            await self._load_project(user_id)

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
        self.editing_name = self.uploading = self.sending = self.loaded = False
        self.uploads, self.upload_summary, self.open_id, self.confirm_avatar = [], "", "", ""
        try:
            await self._load_project(me.user.id)
        except ServiceError:
            self.project_id = ""
            return rx.redirect(APP.route)
        from lumiku.state.avatar_creator.create import CreateState

        await (await self.get_state(CreateState))._start(me.user.id, me.lang)
        await self._refresh_work(me.user.id)
        return None

    @rx.event(background=True)
    async def upload(self, chunks: rx.UploadChunkIterator):
        """Receives the dropped face photos; each becomes an avatar."""
        return await receive(
            self, chunks, PHOTOS, room=avatars.room, add=avatars.upload, redraw=self._redraw
        )

    # ---------------------------------------------------------------- one avatar

    @rx.event
    @with_user
    async def open_avatar(self, me: Caller, avatar_id: str):
        if not isinstance(avatar_id, str) or not any(a.id == avatar_id for a in self.avatars):
            return
        found = await call(avatars.get, me.user.id, avatar_id)
        self.open_id = found.id
        self.open_image = (
            files.signed_file_link(me.user.id, found.image_id, True, LINK_SECONDS)
            if found.image_id
            else ""
        )
        self.open_source = tr(f"avatar_creator_source_{found.source}", me.lang)
        self.open_seed = "" if found.seed is None else str(found.seed)
        self.open_prompt = found.prompt
        self.open_likeness = format_percent(found.likeness)
        self.persona = {
            "name": found.name,
            "persona_name": found.persona_name,
            "persona_age": "" if found.persona_age is None else str(found.persona_age),
            "personality": ", ".join(found.personality),
            "background": found.background,
        }
        self.attributes = {**blank_attributes(), **found.attributes}
        uses, summary = await call(avatars.history, me.user.id, found.id)
        self.uses = [
            UseRow(
                u.app_name,
                tr(f"avatar_creator_use_{u.action}", me.lang, **u.detail),
                format_datetime(u.at, me.lang),
            )
            for u in uses
        ]
        self.use_summary = [
            UseRow(
                s.app_name,
                tr("avatar_creator_uses_count", me.lang, count=s.count),
                format_datetime(s.last_used, me.lang),
            )
            for s in summary
        ]

    @rx.event
    def close_avatar(self):
        self.open_id = self.confirm_avatar = ""

    @rx.event
    def set_persona(self, name: str, value: str):
        field = clean_field(name, value, PERSONA_FIELDS)
        if field:
            self.persona = {**self.persona, field[0]: field[1]}

    @rx.event
    def set_attribute(self, key: str, value: str):
        attribute = clean_attribute(key, value)
        if attribute:
            self.attributes = {**self.attributes, attribute[0]: attribute[1]}

    @rx.event
    @with_user
    async def save_avatar(self, me: Caller):
        if not self.open_id:
            return None
        request = form_request(self.persona, self.attributes)
        return await self._act(
            me, avatars.update, self.open_id, request, done="avatar_creator_avatar_saved"
        )

    @rx.event
    def ask_delete_avatar(self):
        self.confirm_avatar = self.open_id

    @rx.event
    def keep_avatar(self):
        self.confirm_avatar = ""

    @rx.event
    @with_user
    async def delete_avatar(self, me: Caller):
        target, self.confirm_avatar = self.confirm_avatar, ""
        if not target:
            return None
        self.open_id = ""
        return await self._act(me, avatars.delete, target, done="avatar_creator_avatar_deleted")
