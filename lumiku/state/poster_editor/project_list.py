"""The project list: one page of projects, creating and deleting them (lumiku.state.projects)."""

from __future__ import annotations

from typing import ClassVar

from lumiku.i18n import tr
from lumiku.services.poster_editor import posters
from lumiku.state.poster_editor.common import APP, PosterEditorState
from lumiku.state.projects import ProjectListMixin


class ProjectListState(ProjectListMixin, PosterEditorState):
    _app: ClassVar = APP
    _service: ClassVar = posters

    def _counts_text(self, row: posters.ProjectView, lang: str) -> str:
        return tr("poster_editor_project_counts", lang, posters=row.posters)
