"""One project's page: its posters as a grid (each opens the editor) and the drop zone that adds
more."""

from __future__ import annotations

import reflex as rx

from lumiku.components.dialogs import delete_dialog
from lumiku.components.forms import card, error_callout, notice_callout
from lumiku.components.layout import signed_in_page
from lumiku.components.navigation import back_link
from lumiku.components.projects import delete_project_dialog, project_header
from lumiku.components.text import t
from lumiku.components.uploads import IMAGES, dropzone
from lumiku.services.poster_editor import posters
from lumiku.state.poster_editor import (
    APP,
    DROPZONE,
    PROJECT_ROUTE,
    UPLOAD_ID,
    PosterEditorState,
    PosterTile,
    ProjectListState,
)
from lumiku.state.poster_editor import ProjectState as S


def _tile(tile: PosterTile) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.link(
                rx.vstack(
                    rx.image(
                        src=tile.thumb_url,
                        alt=tile.name,
                        width="100%",
                        height="12rem",
                        object_fit="contain",
                        background=rx.color("gray", 3),
                        border_radius="6px",
                    ),
                    rx.text(
                        tile.name, size="2", weight="medium", style={"overflow_wrap": "anywhere"}
                    ),
                    spacing="2",
                    width="100%",
                ),
                href=tile.href,
                underline="none",
                class_name="pe-open-poster",
                width="100%",
            ),
            rx.hstack(
                rx.text(tile.details, size="1", color_scheme="gray"),
                rx.spacer(),
                rx.icon_button(
                    rx.icon("trash-2", size=14),
                    size="1",
                    variant="ghost",
                    color_scheme="red",
                    aria_label=t("poster_editor_delete_poster"),
                    title=t("poster_editor_delete_poster"),
                    on_click=S.ask_delete_poster(tile.id),
                    class_name="pe-delete-poster",
                ),
                width="100%",
                align="center",
            ),
            spacing="2",
            width="100%",
        ),
        class_name="pe-poster",
        width="100%",
    )


def _posters() -> rx.Component:
    return card(
        rx.heading(t("poster_editor_posters"), size="4", as_="h2"),
        dropzone(
            S,
            upload_id=UPLOAD_ID,
            prefix="pe",
            accept=IMAGES,
            max_size=DROPZONE.limit_bytes,
            title=t("poster_editor_drop_posters"),
            hint=t("poster_editor_drop_posters_hint", max=str(posters.MAX_POSTERS)),
        ),
        rx.cond(
            S.loaded & (S.tiles.length() == 0),
            rx.callout(
                t("poster_editor_no_posters"), icon="image", width="100%", id="pe-no-posters"
            ),
        ),
        rx.grid(
            rx.foreach(S.tiles, _tile),
            columns=rx.breakpoints(initial="1", sm="2", lg="3"),
            spacing="3",
            width="100%",
            id="pe-posters",
        ),
    )


@signed_in_page(PROJECT_ROUTE, APP.name, on_load=S.load_project)
def poster_editor_project() -> rx.Component:
    return rx.vstack(
        back_link(APP.route, "poster_editor_all_projects"),
        project_header(
            S,
            on_delete=ProjectListState.ask_delete_project(PosterEditorState.project_id),
            prefix="poster_editor",
            css="pe",
        ),
        error_callout(PosterEditorState.error, "pe-error"),
        notice_callout(PosterEditorState.notice, "pe-notice"),
        _posters(),
        delete_dialog(
            open=S.confirm_poster != "",
            on_confirm=S.delete_poster,
            on_cancel=S.keep_poster,
            title_key="poster_editor_delete_poster_title",
            body_key="poster_editor_delete_poster_body",
            confirm_id="pe-confirm-delete-poster",
        ),
        delete_project_dialog(ProjectListState, prefix="poster_editor", css="pe"),
        spacing="4",
        width="100%",
    )
