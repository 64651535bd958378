"""One project's page: clips and sound layers, the loop, the preview, generating, the loops."""

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
from lumiku.pages.apps.looping_flow.loop import (
    generate_panel,
    loop_panel,
    preview_panel,
    sound_panel,
)
from lumiku.pages.apps.looping_flow.sources import clips_panel, layers_panel
from lumiku.state.looping_flow import (
    APP,
    PROJECT_ROUTE,
    LoopingFlowState,
    LoopState,
    ProjectListState,
)
from lumiku.state.looping_flow import ProjectState as S


@signed_in_page(PROJECT_ROUTE, APP.name, on_load=S.load_project)
def looping_flow_project() -> rx.Component:
    return rx.vstack(
        back_link(APP.route, "looping_flow_all_projects"),
        project_header(
            S,
            on_delete=ProjectListState.ask_delete_project(LoopingFlowState.project_id),
            prefix="looping_flow",
            css="lf",
        ),
        error_callout(LoopingFlowState.error, "lf-error"),
        notice_callout(LoopingFlowState.notice, "lf-notice"),
        being_made_banner(LoopState.started_generation, prefix="looping_flow", css="lf"),
        rx.grid(
            rx.vstack(clips_panel(), layers_panel(), spacing="4", width="100%", min_width="0"),
            rx.vstack(
                loop_panel(),
                sound_panel(),
                preview_panel(),
                generate_panel(),
                spacing="4",
                width="100%",
                min_width="0",
            ),
            columns=rx.breakpoints(initial="1", lg="2"),
            spacing="4",
            width="100%",
        ),
        rx.heading(t("looping_flow_results"), size="5", as_="h2"),
        work_list(),
        confirm_spend_dialog(
            LoopState, count=LoopState.duration_label, prefix="looping_flow", css="lf"
        ),
        delete_project_dialog(ProjectListState, prefix="looping_flow", css="lf"),
        spacing="4",
        width="100%",
    )
