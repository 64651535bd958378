"""The project list every project-based app has: one page of projects, creating and deleting
them. An app's list state mixes `ProjectListMixin` into its own base state (which has
`project_id`, `error`, `notice` and `_lang`) and names its project service and messages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import reflex as rx

from lumiku.i18n import format_datetime, tr
from lumiku.plugins import AppPlugin
from lumiku.state.base import Caller, call, form_text, with_user


@dataclass
class ProjectCard:
    id: str
    name: str
    description: str
    counts_text: str
    updated: str


class ProjectListMixin(rx.State, mixin=True):
    list_page: int = 1
    list_pages: int = 1
    list_total: int = 0
    list_loaded: bool = False
    confirm_delete_project: str = ""  # also asked from a project's own page
    new_name_error: str = ""  # why the new-project form was not accepted, shown on the form
    _rows: list[Any] = []  # the service's project summaries
    _lang_shown: str = ""  # the language the rows were loaded in

    # what the app names: its registry row, its project service module and its message prefix
    _app: ClassVar[AppPlugin]
    _service: ClassVar[Any]

    def _counts_text(self, row: Any, lang: str) -> str:
        """What a project holds, in a few words (the app's own)."""
        raise NotImplementedError

    @rx.var
    def project_cards(self) -> list[ProjectCard]:
        lang = self._lang_shown
        return [
            ProjectCard(
                p.id,
                p.name,
                p.description,
                self._counts_text(p, lang),
                format_datetime(p.updated_at, lang),
            )
            for p in self._rows
        ]

    async def _load_list(self, user_id: int) -> None:
        self._lang_shown = await self._lang()
        page = await call(self._service.list_projects, user_id, self.list_page)
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
        """A blank name is answered on the form itself, in the user's language."""
        name = " ".join(form_text(form, "name", 200).split())
        if not name:
            self.new_name_error = tr(f"{self._app.module}_name_required", me.lang)
            return None
        self.new_name_error = ""
        project_id = await call(
            self._service.create_project, me.user.id, name, form_text(form, "description", 1000)
        )
        return rx.redirect(self._app.path(project_id))

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
        await call(self._service.delete_project, me.user.id, target)
        if target == self.project_id:
            self.project_id = ""
            return rx.redirect(self._app.route)
        self.notice = tr(f"{self._app.module}_project_deleted", me.lang)
        await self._load_list(me.user.id)
        return None
