"""One project's page: clips, settings, estimate and the project's work."""

from __future__ import annotations

import reflex as rx

from lumiku.components.forms import error_callout, notice_callout
from lumiku.components.layout import signed_in_page
from lumiku.components.navigation import back_link
from lumiku.components.projects import (
    being_made_banner,
    confirm_spend_dialog,
    delete_project_dialog,
    project_header,
)
from lumiku.components.text import t
from lumiku.components.work import work_list
from lumiku.pages.apps.video_mixer.clips import clips_panel
from lumiku.pages.apps.video_mixer.estimate import estimate_panel
from lumiku.pages.apps.video_mixer.settings import settings_panel
from lumiku.state.video_mixer import (
    APP,
    PROJECT_ROUTE,
    EstimateState,
    ProjectListState,
    VideoMixerState,
)
from lumiku.state.video_mixer import ProjectState as S

# ------------------------------------------------------------------ one project: the page


@signed_in_page(PROJECT_ROUTE, APP.name, on_load=S.load_project)
def video_mixer_project() -> rx.Component:
    return rx.vstack(
        back_link(APP.route, "video_mixer_all_projects"),
        project_header(
            S,
            on_delete=ProjectListState.ask_delete_project(VideoMixerState.project_id),
            prefix="video_mixer",
            css="vm",
        ),
        error_callout(VideoMixerState.error, "vm-error"),
        notice_callout(VideoMixerState.notice, "vm-notice"),
        being_made_banner(EstimateState.started_generation, prefix="video_mixer", css="vm"),
        rx.grid(
            clips_panel(),
            rx.vstack(settings_panel(), estimate_panel(), spacing="4", width="100%"),
            columns=rx.breakpoints(initial="1", lg="2"),
            spacing="4",
            width="100%",
        ),
        rx.heading(t("video_mixer_results"), size="5", as_="h2"),
        work_list(),
        confirm_spend_dialog(
            EstimateState, count=EstimateState.count_text, prefix="video_mixer", css="vm"
        ),
        delete_project_dialog(ProjectListState, prefix="video_mixer", css="vm"),
        spacing="4",
        width="100%",
    )
