"""The project list: create, open and delete projects."""

from __future__ import annotations

import reflex as rx

from lumiku import routes
from lumiku.components.dialogs import delete_dialog
from lumiku.components.forms import error_callout, notice_callout
from lumiku.components.layout import signed_in_page
from lumiku.components.navigation import back_link
from lumiku.components.pager import pager
from lumiku.components.text import t
from lumiku.state.video_mixer import (
    APP,
    ProjectCard,
)
from lumiku.state.video_mixer import ProjectListState as S

# ------------------------------------------------------------------ the project list


def _project_card(project: ProjectCard) -> rx.Component:
    return rx.card(
        rx.flex(
            rx.link(
                rx.vstack(
                    rx.text(project.name, weight="bold", size="4"),
                    rx.cond(
                        project.description != "",
                        rx.text(project.description, size="2", color_scheme="gray"),
                    ),
                    rx.text(project.clips_text, " · ", project.updated, size="1"),
                    spacing="1",
                ),
                href=APP.path("") + project.id,
                class_name="vm-open-project",
                underline="none",
            ),
            rx.icon_button(
                rx.icon("trash-2", size=16),
                variant="ghost",
                color_scheme="red",
                aria_label=t("video_mixer_delete_project"),
                title=t("video_mixer_delete_project"),
                on_click=S.ask_delete_project(project.id),
            ),
            justify="between",
            align="start",
            width="100%",
        ),
        width="100%",
        class_name="vm-project",
    )


def _new_project_form() -> rx.Component:
    return rx.form(
        rx.flex(
            rx.vstack(
                rx.input(  # no `required`: a blank name is answered by the handler, in words
                    name="name",
                    placeholder=t("video_mixer_project_name"),
                    aria_label=t("video_mixer_project_name"),
                    max_length=100,
                    id="vm-new-name",
                    width="100%",
                ),
                rx.cond(
                    S.new_name_error != "",
                    rx.text(S.new_name_error, size="1", color="red", id="vm-new-name-error"),
                ),
                spacing="1",
                flex="1",
                min_width="12rem",
            ),
            rx.input(
                name="description",
                placeholder=t("video_mixer_project_description"),
                aria_label=t("video_mixer_project_description"),
                max_length=500,
                flex="2",
                min_width="12rem",
            ),
            rx.button(
                rx.icon("plus", size=16),
                t("video_mixer_new_project"),
                type="submit",
                id="vm-create",
            ),
            spacing="2",
            wrap="wrap",
            width="100%",
        ),
        on_submit=S.create_project,
        reset_on_submit=True,
        width="100%",
    )


def _how_it_works() -> rx.Component:
    def step(number: int) -> rx.Component:
        return rx.hstack(
            rx.badge(str(number), size="2", radius="full"),
            rx.text(t(f"video_mixer_how_{number}"), size="2"),
            align="start",
            spacing="2",
        )

    return rx.card(
        rx.vstack(
            rx.heading(t("video_mixer_how_title"), size="3", as_="h2"),
            rx.grid(
                step(1),
                step(2),
                step(3),
                columns=rx.breakpoints(initial="1", md="3"),
                spacing="3",
                width="100%",
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
        id="vm-how",
    )


def _first_run() -> rx.Component:
    """No projects yet: what to do, and a way to try everything without one's own footage."""
    return rx.callout(
        rx.vstack(
            rx.text(t("video_mixer_no_projects"), weight="medium"),
            rx.text(t("video_mixer_samples_hint"), size="1"),
            rx.button(
                rx.icon("clapperboard", size=16),
                t("video_mixer_try_samples"),
                on_click=S.try_samples,
                loading=S.making_samples,
                id="vm-try-samples",
            ),
            spacing="2",
        ),
        icon="info",
        width="100%",
        id="vm-empty",
    )


@signed_in_page(APP.route, APP.name, on_load=S.load_list)
def video_mixer() -> rx.Component:
    return rx.vstack(
        back_link(routes.DASHBOARD, "back_to_dashboard"),
        rx.vstack(
            rx.heading(APP.name, size="7", as_="h1"),
            rx.text(t("app_video_mixer_desc"), color_scheme="gray"),
            spacing="1",
        ),
        _new_project_form(),
        error_callout(S.error, "vm-error"),
        notice_callout(S.notice, "vm-notice"),
        rx.cond(S.list_loaded & (S.list_total == 0), _first_run()),
        _how_it_works(),
        rx.grid(
            rx.foreach(S.project_cards, _project_card),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="3",
            width="100%",
        ),
        pager(S.list_page, S.list_pages, S.go_to_list_page),
        delete_dialog(
            open=S.confirm_delete_project != "",
            on_confirm=S.delete_project,
            on_cancel=S.keep_project,
            title_key="video_mixer_delete_project_title",
            body_key="video_mixer_delete_project_body",
            confirm_id="vm-confirm-delete-project",
        ),
        spacing="4",
        width="100%",
    )
