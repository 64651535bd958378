"""The project list: one page of projects, creating and deleting them."""

from __future__ import annotations

import reflex as rx

from lumiku.i18n import format_datetime, tr
from lumiku.services.video_mixer import projects, samples
from lumiku.state.base import Caller, call, form_text, with_user
from lumiku.state.video_mixer.common import APP, ProjectCard, VideoMixerState


class ProjectListState(VideoMixerState):
    list_page: int = 1
    list_pages: int = 1
    list_total: int = 0
    list_loaded: bool = False
    confirm_delete_project: str = ""  # also asked from a project's own page
    new_name_error: str = ""  # why the new-project form was not accepted, shown on the form
    making_samples: bool = False
    _rows: list[projects.ProjectSummary] = []
    _lang_shown: str = ""  # the language the rows were loaded in

    @rx.var
    def project_cards(self) -> list[ProjectCard]:
        lang = self._lang_shown
        return [
            ProjectCard(
                p.id,
                p.name,
                p.description,
                tr("video_mixer_project_counts", lang, clips=p.clips, groups=p.groups),
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
        """A blank name is answered on the form itself, in the user's language."""
        name = " ".join(form_text(form, "name", 200).split())
        if not name:
            self.new_name_error = tr("video_mixer_name_required", me.lang)
            return None
        self.new_name_error = ""
        project_id = await call(
            projects.create_project, me.user.id, name, form_text(form, "description", 1000)
        )
        return rx.redirect(APP.path(project_id))

    @rx.event
    @with_user
    async def try_samples(self, me: Caller):
        """A new project with three sample clips made here, counted in the user's storage."""
        if self.making_samples:
            return
        self.making_samples = True
        yield  # the button shows it is working while FFmpeg makes the clips
        try:
            project_id = await call(
                samples.create_sample_project,
                me.user.id,
                tr("video_mixer_sample_project", me.lang),
                tr("video_mixer_sample_project_description", me.lang),
            )
        finally:
            self.making_samples = False
        yield rx.redirect(APP.path(project_id))

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
        self.notice = tr("video_mixer_project_deleted", me.lang)
        await self._load_list(me.user.id)
        return None
