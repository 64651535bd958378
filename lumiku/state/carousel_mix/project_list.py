"""The project list: one page of projects, creating and deleting them."""

from __future__ import annotations

import reflex as rx

from lumiku.i18n import format_datetime, tr
from lumiku.services.carousel_mix import projects
from lumiku.state.base import Caller, call, form_text, with_user
from lumiku.state.carousel_mix.common import APP, CarouselMixState, ProjectCard


class ProjectListState(CarouselMixState):
    list_page: int = 1
    list_pages: int = 1
    list_total: int = 0
    list_loaded: bool = False
    confirm_delete_project: str = ""  # also asked from a project's own page
    new_name_error: str = ""
    _rows: list[projects.ProjectSummary] = []
    _lang_shown: str = ""

    @rx.var
    def project_cards(self) -> list[ProjectCard]:
        lang = self._lang_shown
        return [
            ProjectCard(
                p.id,
                p.name,
                p.description,
                tr(
                    "carousel_mix_project_counts",
                    lang,
                    slides=p.slides,
                    canvas=p.canvas,
                    pictures=p.pictures,
                    texts=p.texts,
                ),
                format_datetime(p.updated_at, lang),
            )
            for p in self._rows
        ]

    async def _load_list(self, user_id: int) -> None:
        self._lang_shown = await self._lang()
        page = await call(projects.list_projects, user_id, self.list_page)
        self._rows = list(page.rows)
        self.list_page, self.list_pages, self.list_total = page.page, page.pages, page.total
        self.list_loaded = True

    @rx.event
    @with_user
    async def load_list(self, me: Caller):
        self.confirm_delete_project = self.new_name_error = ""
        await self._load_list(me.user.id)

    @rx.event
    @with_user
    async def go_to_list_page(self, me: Caller, page: int):
        if isinstance(page, int) and not isinstance(page, bool):
            self.list_page = max(1, page)
        self.confirm_delete_project = ""
        await self._load_list(me.user.id)

    @rx.event
    @with_user
    async def create_project(self, me: Caller, form: dict):
        name = " ".join(form_text(form, "name", 200).split())
        if not name:
            self.new_name_error = tr("carousel_mix_name_required", me.lang)
            return None
        self.new_name_error = ""
        project_id = await call(
            projects.create_project, me.user.id, name, form_text(form, "description", 1000)
        )
        return rx.redirect(APP.path(project_id))

    @rx.event
    def ask_delete_project(self, project_id: str):
        self.confirm_delete_project = str(project_id)[:32]

    @rx.event
    def keep_project(self):
        self.confirm_delete_project = ""

    @rx.event
    @with_user
    async def delete_project(self, me: Caller):
        target, self.confirm_delete_project = self.confirm_delete_project, ""
        await call(projects.delete_project, me.user.id, target)
        if target == self.project_id:
            self.project_id = ""
            return rx.redirect(APP.route)
        self.notice = tr("carousel_mix_project_deleted", me.lang)
        await self._load_list(me.user.id)
        return None
