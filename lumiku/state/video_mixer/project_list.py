"""The project list (lumiku.state.projects), and a first project made of sample clips."""

from __future__ import annotations

from typing import ClassVar

import reflex as rx

from lumiku.i18n import tr
from lumiku.services.video_mixer import projects, samples
from lumiku.state.base import Caller, call, with_user
from lumiku.state.projects import ProjectListMixin
from lumiku.state.video_mixer.common import APP, VideoMixerState


class ProjectListState(ProjectListMixin, VideoMixerState):
    making_samples: bool = False
    _app: ClassVar = APP
    _service: ClassVar = projects

    def _counts_text(self, row: projects.ProjectSummary, lang: str) -> str:
        return tr("video_mixer_project_counts", lang, clips=row.clips, groups=row.groups)

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
