"""The poster editor: the current version large with the marking tools; what to do with the
marked areas, the text and the size; the history with undo; exports; the work list with each
item's progress; the confirmations before spending."""

from __future__ import annotations

import reflex as rx

from lumiku.components.dialogs import delete_dialog
from lumiku.components.forms import error_callout, notice_callout
from lumiku.components.layout import signed_in_page
from lumiku.components.navigation import back_link
from lumiku.components.projects import being_made_banner, confirm_spend_dialog
from lumiku.components.text import t
from lumiku.components.work import download_link, work_list
from lumiku.pages.apps.poster_editor.actions import area_panel, text_panel, upscale_panel
from lumiku.pages.apps.poster_editor.canvas import canvas_panel
from lumiku.pages.apps.poster_editor.export import export_panel
from lumiku.pages.apps.poster_editor.history import history_panel
from lumiku.state.poster_editor import (
    APP,
    POSTER_ROUTE,
    EditState,
    ExportState,
    PosterEditorState,
)
from lumiku.state.poster_editor import PosterState as S


def _header() -> rx.Component:
    return rx.flex(
        rx.vstack(
            rx.heading(S.poster_name, size="6", as_="h1", id="pe-poster-name"),
            rx.text(
                S.size_text,
                " · ",
                t("poster_editor_version_label"),
                " ",
                rx.text.span(S.version_number, id="pe-version"),
                size="2",
                color_scheme="gray",
            ),
            spacing="1",
            min_width="0",
        ),
        rx.hstack(
            download_link(
                rx.button(
                    rx.icon("download", size=14), t("poster_editor_download"), variant="soft"
                ),
                href=S.download_url,
                class_name="pe-download",
            ),
            rx.button(
                rx.icon("trash-2", size=14),
                t("poster_editor_delete_poster"),
                variant="soft",
                color_scheme="red",
                on_click=S.ask_delete,
                id="pe-delete-poster",
            ),
            spacing="2",
            wrap="wrap",
        ),
        justify="between",
        spacing="3",
        wrap="wrap",
        width="100%",
    )


@signed_in_page(POSTER_ROUTE, APP.name, on_load=S.load_poster)
def poster_editor_poster() -> rx.Component:
    return rx.vstack(
        back_link(APP.path("") + PosterEditorState.project_id, "poster_editor_back_to_project"),
        rx.cond(
            S.loaded,
            rx.vstack(
                _header(),
                error_callout(PosterEditorState.error, "pe-error"),
                notice_callout(PosterEditorState.notice, "pe-notice"),
                being_made_banner(EditState.started_generation, prefix="poster_editor", css="pe"),
                rx.grid(
                    rx.vstack(canvas_panel(), spacing="4", width="100%", min_width="0"),
                    rx.vstack(
                        area_panel(),
                        text_panel(),
                        upscale_panel(),
                        spacing="4",
                        width="100%",
                        min_width="0",
                    ),
                    columns=rx.breakpoints(initial="1", lg="2"),
                    spacing="4",
                    width="100%",
                ),
                rx.grid(
                    history_panel(),
                    export_panel(),
                    columns=rx.breakpoints(initial="1", lg="2"),
                    spacing="4",
                    width="100%",
                ),
                rx.heading(t("poster_editor_work"), size="5", as_="h2"),
                work_list(),
                spacing="4",
                width="100%",
            ),
            rx.center(rx.spinner(size="3"), width="100%", padding="2rem"),
        ),
        confirm_spend_dialog(EditState, count=EditState.est_what, prefix="poster_editor", css="pe"),
        confirm_spend_dialog(
            ExportState, count=ExportState.est_what, prefix="poster_editor", css="pe-export"
        ),
        delete_dialog(
            open=S.confirm_delete,
            on_confirm=S.delete_poster,
            on_cancel=S.keep,
            title_key="poster_editor_delete_poster_title",
            body_key="poster_editor_delete_poster_body",
            confirm_id="pe-confirm-delete-poster",
        ),
        spacing="4",
        width="100%",
    )
