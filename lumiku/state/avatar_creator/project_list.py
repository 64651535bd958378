"""The project list: one page of projects, creating and deleting them (lumiku.state.projects)."""

from __future__ import annotations

from typing import ClassVar

from lumiku.i18n import tr
from lumiku.services.avatar_creator import projects
from lumiku.state.avatar_creator.common import APP, AvatarCreatorState
from lumiku.state.projects import ProjectListMixin


class ProjectListState(ProjectListMixin, AvatarCreatorState):
    _app: ClassVar = APP
    _service: ClassVar = projects

    def _counts_text(self, row: projects.ProjectSummary, lang: str) -> str:
        return tr("avatar_creator_project_counts", lang, avatars=row.avatars)
