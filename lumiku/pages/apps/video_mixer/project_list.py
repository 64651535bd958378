"""The project list: create, open and delete projects."""

from __future__ import annotations

import reflex as rx

from lumiku import routes
from lumiku.components.dialogs import delete_dialog
from lumiku.components.forms import error_callout, notice_callout
from lumiku.components.layout import signed_in_page
from lumiku.components.navigation import back_link
from lumiku.components.pager import pager
from lumiku.components.projects import new_project_form, project_card
from lumiku.components.text import t
from lumiku.state.video_mixer import APP
from lumiku.state.video_mixer import ProjectListState as S

# ------------------------------------------------------------------ the project list


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
        new_project_form(S, prefix="video_mixer", css="vm"),
        error_callout(S.error, "vm-error"),
        notice_callout(S.notice, "vm-notice"),
        rx.cond(S.list_loaded & (S.list_total == 0), _first_run()),
        _how_it_works(),
        rx.grid(
            rx.foreach(
                S.project_cards,
                lambda p: project_card(
                    p,
                    href=APP.path("") + p.id,
                    on_delete=S.ask_delete_project(p.id),
                    prefix="video_mixer",
                    css="vm",
                ),
            ),
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
