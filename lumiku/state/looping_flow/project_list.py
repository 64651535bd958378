"""The project list: one page of projects, creating and deleting them (lumiku.state.projects)."""

from __future__ import annotations

from typing import ClassVar

from lumiku.i18n import tr
from lumiku.services.looping_flow import projects
from lumiku.state.looping_flow.common import APP, LoopingFlowState
from lumiku.state.projects import ProjectListMixin


class ProjectListState(ProjectListMixin, LoopingFlowState):
    _app: ClassVar = APP
    _service: ClassVar = projects

    def _counts_text(self, row: projects.ProjectSummary, lang: str) -> str:
        return tr("looping_flow_project_counts", lang, clips=row.clips, layers=row.layers)
