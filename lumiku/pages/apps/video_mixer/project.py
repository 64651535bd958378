"""One project's page: clips, settings, estimate and the project's work."""

from __future__ import annotations

import reflex as rx

from lumiku.components.dialogs import delete_dialog
from lumiku.components.forms import error_callout, notice_callout
from lumiku.components.layout import signed_in_page
from lumiku.components.navigation import back_link
from lumiku.components.text import t
from lumiku.components.work import work_list
from lumiku.pages.apps.video_mixer.clips import clips_panel
from lumiku.pages.apps.video_mixer.estimate import (
    being_made_banner,
    confirm_generate,
    estimate_panel,
)
from lumiku.pages.apps.video_mixer.settings import settings_panel
from lumiku.state.video_mixer import APP, PROJECT_ROUTE, ProjectListState, VideoMixerState
from lumiku.state.video_mixer import ProjectState as S

# ------------------------------------------------------------------ one project: the page


def _header() -> rx.Component:
    return rx.cond(
        S.editing_name,
        rx.form(
            rx.flex(
                rx.input(
                    name="name",
                    default_value=S.project_name,
                    max_length=100,
                    required=True,
                    id="vm-rename",
                ),
                rx.input(
                    name="description",
                    default_value=S.project_description,
                    max_length=500,
                    flex="1",
                ),
                rx.button(t("save"), type="submit"),
                rx.button(
                    t("cancel"),
                    variant="soft",
                    color_scheme="gray",
                    type="button",
                    on_click=S.edit_name(False),
                ),
                spacing="2",
                wrap="wrap",
                width="100%",
            ),
            on_submit=S.rename_project,
            width="100%",
        ),
        rx.flex(
            rx.vstack(
                rx.heading(S.project_name, size="7", as_="h1", id="vm-project-name"),
                rx.cond(
                    S.project_description != "", rx.text(S.project_description, color_scheme="gray")
                ),
                spacing="1",
            ),
            rx.hstack(
                rx.button(
                    rx.icon("pencil", size=14),
                    t("video_mixer_rename"),
                    variant="soft",
                    size="2",
                    on_click=S.edit_name(True),
                ),
                rx.button(
                    rx.icon("trash-2", size=14),
                    t("video_mixer_delete_project"),
                    variant="soft",
                    color_scheme="red",
                    size="2",
                    on_click=ProjectListState.ask_delete_project(VideoMixerState.project_id),
                ),
                spacing="2",
            ),
            justify="between",
            spacing="3",
            wrap="wrap",
            width="100%",
        ),
    )


@signed_in_page(PROJECT_ROUTE, APP.name, on_load=S.load_project)
def video_mixer_project() -> rx.Component:
    return rx.vstack(
        back_link(APP.route, "video_mixer_all_projects"),
        _header(),
        error_callout(VideoMixerState.error, "vm-error"),
        notice_callout(VideoMixerState.notice, "vm-notice"),
        being_made_banner(),
        rx.grid(
            clips_panel(),
            rx.vstack(settings_panel(), estimate_panel(), spacing="4", width="100%"),
            columns=rx.breakpoints(initial="1", lg="2"),
            spacing="4",
            width="100%",
        ),
        rx.heading(t("video_mixer_results"), size="5", as_="h2"),
        work_list(),
        confirm_generate(),
        delete_dialog(
            open=ProjectListState.confirm_delete_project != "",
            on_confirm=ProjectListState.delete_project,
            on_cancel=ProjectListState.keep_project,
            title_key="video_mixer_delete_project_title",
            body_key="video_mixer_delete_project_body",
            confirm_id="vm-confirm-delete-project",
        ),
        spacing="4",
        width="100%",
    )
