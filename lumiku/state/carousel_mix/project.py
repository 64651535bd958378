"""One project: its name and layout, the positions, and each position's pictures and texts."""

from __future__ import annotations

from typing import ClassVar

import reflex as rx

from lumiku.i18n import tr
from lumiku.services import files
from lumiku.services.carousel_mix import projects
from lumiku.services.carousel_mix.canvas import CANVASES
from lumiku.services.errors import ServiceError
from lumiku.state.base import Caller, call, form_text, with_user
from lumiku.state.carousel_mix.common import (
    APP,
    LINK_SECONDS,
    CarouselMixState,
    PictureTile,
    PositionTab,
    TextRow,
)
from lumiku.state.carousel_mix.generate import GenerateState
from lumiku.state.carousel_mix.style import StyleState
from lumiku.state.projects import ProjectPageMixin
from lumiku.state.uploads import Dropzone, UploadsMixin, receive

DROPZONE = Dropzone(
    media=("image", "video"),
    kinds="JPG, PNG, WebP, MP4",
    full_key="carousel_mix_upload_position_full",
    full_max=lambda: projects.MAX_PICTURES,
    default_name="image",
)


class ProjectState(ProjectPageMixin, UploadsMixin, CarouselMixState):
    _dropzone: ClassVar = DROPZONE
    _service: ClassVar = projects
    slides: int = 4
    canvas: str = "4:5"
    tabs: list[PositionTab] = []
    pictures: list[PictureTile] = []  # of the position being edited
    texts: list[TextRow] = []
    editing_text: str = ""  # the id of the text open for editing
    pasting: bool = False  # the "paste many lines" box is open
    confirm_picture: str = ""  # a picture waiting for the user's confirmation to delete it
    _project: projects.ProjectDetail | None = None

    # ---------------------------------------------------------------- helpers

    def _current(self) -> projects.PositionView | None:
        if self._project is None or not 1 <= self.position <= len(self._project.positions):
            return None
        return self._project.positions[self.position - 1]

    async def _load_project(self, user_id: int) -> projects.ProjectDetail:
        """Redraws the page from the project, and returns it."""
        project = await call(projects.get_project, user_id, self.project_id)
        lang = await self._lang()
        self._project = project
        self.project_name, self.project_description = project.name, project.description
        self.slides, self.canvas = project.slides, project.canvas
        self.position = min(max(1, self.position), project.slides)
        self.tabs = [
            PositionTab(
                p.position, str(p.position), len(p.pictures), len(p.texts), bool(p.pictures)
            )
            for p in project.positions
        ]
        current = project.positions[self.position - 1]
        last = len(current.pictures) - 1
        self.pictures = [
            PictureTile(
                p.id,
                p.name,
                p.kind,
                files.signed_file_link(user_id, p.thumbnail_id, True, LINK_SECONDS)
                if p.thumbnail_id
                else "",
                p.focal_x,
                p.focal_y,
                n == 0,
                n == last,
            )
            for n, p in enumerate(current.pictures)
        ]
        self.texts = [
            TextRow(
                t.id,
                t.content,
                tr("carousel_mix_text_variants", lang, count=t.variants) if t.variants > 1 else "",
            )
            for t in current.texts
        ]
        return project

    async def _redraw(self, user_id: int, restyle: bool = False):
        """The project, its style panel and its estimate after a change; to the list if it
        is gone. `restyle`: the style panel shows the position afresh (another position)."""
        try:
            await self._load_project(user_id)
        except ServiceError:
            return rx.redirect(APP.route)
        style = await self.get_state(StyleState)
        style._show_position(self._current(), restyle)
        await style._check_texts(self._current(), self.canvas)
        await (await self.get_state(GenerateState))._estimate(user_id)
        return StyleState.refresh_preview

    @rx.event
    @with_user
    async def load_project(self, me: Caller):
        project_id = str(self.router.url.path).rstrip("/").rsplit("/", 1)[-1][:32]
        if project_id != self.project_id:
            self.position = 1
        self.project_id = project_id
        self.editing_name = self.uploading = self.sending = self.pasting = False
        self.uploads, self.upload_summary, self.editing_text, self.confirm_picture = [], "", "", ""
        try:
            project = await self._load_project(me.user.id)
        except ServiceError:
            self.project_id = ""
            return rx.redirect(APP.route)
        generate = await self.get_state(GenerateState)
        generate._show_output(project.settings)
        style = await self.get_state(StyleState)
        style._show_position(self._current())
        await style._load_presets(me.user.id)
        await style._check_texts(self._current(), self.canvas)
        await generate._estimate(me.user.id)
        await self._refresh_work(me.user.id)
        return StyleState.refresh_preview

    @rx.event
    @with_user
    async def set_slides(self, me: Caller, value: str):
        slides = int(value) if isinstance(value, str) and value.isdecimal() else 0
        return await self._act(me, projects.set_layout, self.project_id, slides, self.canvas)

    @rx.event
    @with_user
    async def set_canvas(self, me: Caller, value: str):
        canvas = value if isinstance(value, str) and value in CANVASES else ""
        return await self._act(me, projects.set_layout, self.project_id, self.slides, canvas)

    @rx.event
    @with_user
    async def select_position(self, me: Caller, position: int):
        valid = isinstance(position, int) and not isinstance(position, bool)
        if valid and 1 <= position <= self.slides:
            self.position = position
        self.editing_text, self.pasting, self.confirm_picture, self.uploads = "", False, "", []
        return await self._redraw(me.user.id, restyle=True)

    # ---------------------------------------------------------------- pictures

    @rx.event
    @with_user
    async def move_picture(self, me: Caller, picture_id: str, step: int):
        return await self._act(me, projects.move_picture, str(picture_id), step)

    @rx.event
    def ask_delete_picture(self, picture_id: str):
        if any(p.id == picture_id for p in self.pictures):
            self.confirm_picture = picture_id

    @rx.event
    def keep_picture(self):
        self.confirm_picture = ""

    @rx.event
    @with_user
    async def delete_picture(self, me: Caller):
        target, self.confirm_picture = self.confirm_picture, ""
        if not target:
            return None
        return await self._act(
            me, projects.delete_picture, target, done="carousel_mix_picture_deleted"
        )

    # ---------------------------------------------------------------- texts

    @rx.event
    @with_user
    async def add_text(self, me: Caller, form: dict):
        """One text variation; line breaks in it are kept."""
        text = form_text(form, "text", projects.MAX_TEXT_CHARS * 2)
        return await self._act(me, projects.add_texts, self.project_id, self.position, [text])

    @rx.event
    def open_paste(self, on: bool):
        self.pasting = bool(on)

    @rx.event
    @with_user
    async def paste_texts(self, me: Caller, form: dict):
        """Many variations at once: one per line."""
        lines = form_text(form, "lines", 60_000).splitlines()
        self.pasting = False
        return await self._act(
            me, projects.add_texts, self.project_id, self.position, [x for x in lines if x.strip()]
        )

    @rx.event
    def edit_text(self, text_id: str):
        self.editing_text = text_id if any(t.id == text_id for t in self.texts) else ""

    @rx.event
    @with_user
    async def save_text(self, me: Caller, form: dict):
        target, self.editing_text = self.editing_text, ""
        if not target:
            return None
        text = form_text(form, "text", projects.MAX_TEXT_CHARS * 2)
        return await self._act(me, projects.update_text, target, text)

    @rx.event
    @with_user
    async def delete_text(self, me: Caller, text_id: str):
        return await self._act(me, projects.delete_text, str(text_id))

    # ---------------------------------------------------------------- uploads

    @rx.event(background=True)
    async def upload(self, chunks: rx.UploadChunkIterator):
        """Receives the dropped files and adds each to the position being edited."""
        return await receive(
            self,
            chunks,
            DROPZONE,
            room=projects.picture_room,
            add=projects.add_picture,
            redraw=self._redraw,
            target=lambda state: (state.position,),
        )
