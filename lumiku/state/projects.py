"""What every project-based app's states share, as mixins over the app's own base state (which
has `project_id`, `error`, `notice`, `_lang` and `_refresh_work`): the project list (one page of
projects, creating and deleting them), a project page's name, and asking before spending."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any, ClassVar

import reflex as rx

from lumiku.i18n import format_datetime, tr
from lumiku.plugins import AppPlugin
from lumiku.state.base import Caller, call, error_text, form_text, with_user


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


class ProjectPageMixin(rx.State, mixin=True):
    """A project's name and description on its page, renaming them, and running one service
    call then redrawing the page. The app's state names `_service` and has `_redraw(user_id)`."""

    project_name: str = ""
    project_description: str = ""
    editing_name: bool = False
    _service: ClassVar[Any]

    async def _act(self, me: Caller, action, *args, done: str = "", **redraw: Any):
        """Runs one service call for the signed-in user, shows what came of it (`done`, a
        message key, or the error), then redraws the project (`redraw` goes to `_redraw`)."""
        try:
            await call(action, me.user.id, *args)
            self.notice = tr(done, me.lang) if done else ""
        except Exception as exc:  # noqa: BLE001 - shown, and the project is redrawn all the same
            self.error = error_text(exc, me.lang)
        return await self._redraw(me.user.id, **redraw) if self.project_id else None

    @rx.event
    def edit_name(self, on: bool):
        self.editing_name = bool(on)

    @rx.event
    @with_user
    async def rename_project(self, me: Caller, form: dict):
        self.editing_name = False
        return await self._act(
            me,
            self._service.rename_project,
            self.project_id,
            form_text(form, "name", 200),
            form_text(form, "description", 1000),
        )


class SpendMixin(rx.State, mixin=True):
    """Asking before spending, then submitting once. The app's state has `_estimate(user_id)`
    (which sets `est_ready`) and `_submit(user_id, key) -> generation id`; `_key_prefix`
    starts the idempotency key, which makes a double click submit once."""

    confirming: bool = False
    busy: bool = False
    # the generation this tab started last: the page shows "being made" while its card in the
    # work list is active, so the banner goes when it ends (done, failed or cancelled)
    started_generation: str = ""
    _generate_key: str = ""
    _key_prefix: ClassVar[str]

    @rx.event
    @with_user
    async def ask_generate(self, me: Caller):
        """Shows the price for confirmation, once the estimate says it can be made."""
        await self._estimate(me.user.id)
        if self.est_ready:
            self._generate_key = f"{self._key_prefix}-{self.project_id}-{secrets.token_hex(8)}"
            self.confirming = True

    @rx.event
    def cancel_generate(self):
        self.confirming = False

    @rx.event
    @with_user
    async def generate(self, me: Caller):
        if not self.confirming or not self._generate_key:
            return
        self.busy = True
        try:
            self.started_generation = await self._submit(me.user.id, self._generate_key)
        except Exception as exc:  # noqa: BLE001 - shown, and the estimate is redrawn all the same
            self.error = error_text(exc, me.lang)
        finally:
            self.confirming = self.busy = False
        await self._estimate(me.user.id)
        await self._refresh_work(me.user.id)
