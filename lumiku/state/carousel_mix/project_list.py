"""The project list: one page of projects, creating and deleting them (lumiku.state.projects)."""

from __future__ import annotations

from typing import ClassVar

from lumiku.i18n import tr
from lumiku.services.carousel_mix import projects
from lumiku.state.carousel_mix.common import APP, CarouselMixState
from lumiku.state.projects import ProjectListMixin


class ProjectListState(ProjectListMixin, CarouselMixState):
    _app: ClassVar = APP
    _service: ClassVar = projects

    def _counts_text(self, row: projects.ProjectSummary, lang: str) -> str:
        return tr(
            "carousel_mix_project_counts",
            lang,
            slides=row.slides,
            canvas=row.canvas,
            pictures=row.pictures,
            texts=row.texts,
        )
