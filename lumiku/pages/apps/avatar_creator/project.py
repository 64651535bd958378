"""One project's page: making avatars, dropping face photos in, the avatars, and one avatar
opened (its picture, persona, uses across apps, variations, deleting it)."""

from __future__ import annotations

import reflex as rx

from lumiku.components.dialogs import delete_dialog
from lumiku.components.forms import card, error_callout, notice_callout
from lumiku.components.layout import signed_in_page
from lumiku.components.navigation import back_link
from lumiku.components.persona import persona_form, text_field
from lumiku.components.projects import (
    being_made_banner,
    confirm_spend_dialog,
    delete_project_dialog,
    project_header,
)
from lumiku.components.text import t
from lumiku.components.tiles import square_thumb, tile_button
from lumiku.components.uploads import IMAGES, dropzone
from lumiku.components.work import work_list
from lumiku.pages.apps.avatar_creator.create import create_panel
from lumiku.state.avatar_creator import (
    APP,
    PHOTOS,
    PROJECT_ROUTE,
    UPLOAD_ID,
    AvatarCreatorState,
    AvatarTile,
    CreateState,
    ProjectListState,
    UseRow,
)
from lumiku.state.avatar_creator import ProjectState as S

VARIATIONS_ROUTE = "/apps/avatar-generator"
POSES_ROUTE = "/apps/pose-generator"


def _tile(avatar: AvatarTile) -> rx.Component:
    """A card that is a button: a click, Enter or Space opens the avatar."""
    return rx.card(
        tile_button(
            rx.vstack(
                square_thumb(avatar.thumb_url, avatar.name, icon="user-round", icon_size=40),
                rx.text(avatar.name, weight="bold", size="2", style={"overflow_wrap": "anywhere"}),
                rx.text(avatar.persona, size="1", color_scheme="gray"),
                rx.hstack(
                    rx.badge(
                        rx.match(
                            avatar.source,
                            ("uploaded", t("avatar_creator_source_uploaded")),
                            ("from_preset", t("avatar_creator_source_from_preset")),
                            ("variation", t("avatar_creator_source_variation")),
                            t("avatar_creator_source_text_to_image"),
                        ),
                        variant="soft",
                    ),
                    rx.cond(avatar.likeness != "", rx.badge(avatar.likeness, color_scheme="green")),
                    spacing="1",
                    wrap="wrap",
                ),
                spacing="2",
                align="start",
            ),
            on_click=S.open_avatar(avatar.id),
        ),
        class_name="ac-avatar",
        data_avatar=avatar.id,
    )


def avatars_panel() -> rx.Component:
    return card(
        rx.heading(t("avatar_creator_avatars"), size="4", as_="h2"),
        dropzone(
            S,
            upload_id=UPLOAD_ID,
            prefix="ac",
            accept=IMAGES,
            max_size=PHOTOS.limit_bytes,
            title=t("avatar_creator_drop_photos"),
            hint=t("avatar_creator_drop_photos_hint"),
        ),
        rx.cond(
            S.avatars.length() > 0,
            rx.grid(
                rx.foreach(S.avatars, _tile),
                columns=rx.breakpoints(initial="2", sm="3"),
                spacing="3",
                width="100%",
                id="ac-avatars",
            ),
            rx.cond(
                S.loaded,
                rx.callout(t("avatar_creator_no_avatars"), icon="info", id="ac-no-avatars"),
            ),
        ),
    )


def _use(row: UseRow) -> rx.Component:
    return rx.hstack(
        rx.badge(row.app_name, variant="soft"),
        rx.text(row.action, size="1", flex="1"),
        rx.text(row.when, size="1", color_scheme="gray"),
        width="100%",
        align="center",
        class_name="ac-use",
    )


def _history() -> rx.Component:
    return rx.vstack(
        rx.heading(t("avatar_creator_history"), size="3", as_="h3"),
        rx.cond(
            S.uses.length() > 0,
            rx.vstack(
                rx.foreach(S.use_summary, _use),
                rx.divider(),
                rx.foreach(S.uses, _use),
                spacing="1",
                width="100%",
                id="ac-history",
            ),
            rx.text(
                t("avatar_creator_never_used"), size="1", color_scheme="gray", id="ac-no-history"
            ),
        ),
        spacing="2",
        width="100%",
    )


def _facts() -> rx.Component:
    return rx.vstack(
        rx.text(S.open_source, size="1", color_scheme="gray"),
        rx.cond(
            S.open_seed != "",
            rx.text(t("avatar_creator_seed"), " ", S.open_seed, size="1", id="ac-open-seed"),
        ),
        rx.cond(
            S.open_likeness != "",
            rx.text(t("avatar_creator_likeness"), " ", S.open_likeness, size="1"),
        ),
        rx.cond(
            S.open_prompt != "",
            rx.text(
                S.open_prompt, size="1", color_scheme="gray", style={"overflow_wrap": "anywhere"}
            ),
        ),
        spacing="1",
        width="100%",
    )


def avatar_sheet() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(S.persona["name"]),
            rx.grid(
                rx.vstack(
                    rx.cond(
                        S.open_image != "",
                        rx.image(
                            src=S.open_image,
                            alt=S.persona["name"],
                            width="100%",
                            border_radius="8px",
                        ),
                    ),
                    _facts(),
                    rx.link(
                        rx.button(
                            rx.icon("sparkles", size=14),
                            t("avatar_creator_make_variations"),
                            variant="soft",
                            width="100%",
                        ),
                        href=VARIATIONS_ROUTE + "/" + S.open_id,
                        id="ac-make-variations",
                        width="100%",
                    ),
                    rx.link(
                        rx.button(
                            rx.icon("person-standing", size=14),
                            t("avatar_creator_make_poses"),
                            variant="soft",
                            width="100%",
                        ),
                        href=POSES_ROUTE + "/" + S.open_id,
                        id="ac-make-poses",
                        width="100%",
                    ),
                    _history(),
                    spacing="3",
                    width="100%",
                ),
                rx.vstack(
                    text_field("name", S.persona, S.set_persona, "ac-edit", max_length=100),
                    persona_form(
                        S.persona, S.attributes, S.set_persona, S.set_attribute, "ac-edit"
                    ),
                    rx.flex(
                        rx.button(
                            rx.icon("trash-2", size=14),
                            t("avatar_creator_delete_avatar"),
                            color_scheme="red",
                            variant="soft",
                            on_click=S.ask_delete_avatar,
                            id="ac-delete-avatar",
                        ),
                        rx.spacer(),
                        rx.button(
                            t("cancel"),
                            variant="soft",
                            color_scheme="gray",
                            on_click=S.close_avatar,
                        ),
                        rx.button(t("save"), on_click=S.save_avatar, id="ac-save-avatar"),
                        spacing="2",
                        wrap="wrap",
                        width="100%",
                    ),
                    spacing="3",
                    width="100%",
                ),
                columns=rx.breakpoints(initial="1", md="2"),
                spacing="4",
                width="100%",
            ),
            max_width="60rem",
            id="ac-avatar-sheet",
        ),
        open=S.open_id != "",
        on_open_change=lambda _: S.close_avatar(),
    )


@signed_in_page(PROJECT_ROUTE, APP.name, on_load=S.load_project)
def avatar_creator_project() -> rx.Component:
    return rx.vstack(
        back_link(APP.route, "avatar_creator_all_projects"),
        project_header(
            S,
            on_delete=ProjectListState.ask_delete_project(AvatarCreatorState.project_id),
            prefix="avatar_creator",
            css="ac",
        ),
        error_callout(AvatarCreatorState.error, "ac-error"),
        notice_callout(AvatarCreatorState.notice, "ac-notice"),
        being_made_banner(CreateState.started_generation, prefix="avatar_creator", css="ac"),
        rx.grid(
            create_panel(),
            avatars_panel(),
            columns=rx.breakpoints(initial="1", lg="2"),
            spacing="4",
            width="100%",
        ),
        rx.heading(t("avatar_creator_results"), size="5", as_="h2"),
        work_list(),
        confirm_spend_dialog(
            CreateState, count=CreateState.count_label, prefix="avatar_creator", css="ac"
        ),
        delete_project_dialog(ProjectListState, prefix="avatar_creator", css="ac"),
        avatar_sheet(),
        delete_dialog(
            open=S.confirm_avatar != "",
            on_confirm=S.delete_avatar,
            on_cancel=S.keep_avatar,
            title_key="avatar_creator_delete_avatar_title",
            body_key="avatar_creator_delete_avatar_body",
            confirm_id="ac-confirm-delete-avatar",
        ),
        spacing="4",
        width="100%",
    )
