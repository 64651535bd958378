"""The position's pool of pictures: drop many images or short videos, reorder, delete."""

from __future__ import annotations

import reflex as rx

from lumiku.components.dialogs import delete_dialog
from lumiku.components.forms import card
from lumiku.components.text import t
from lumiku.components.uploads import dropzone
from lumiku.services.carousel_mix import projects
from lumiku.state.carousel_mix import DROPZONE, UPLOAD_ID, PictureTile, StyleState
from lumiku.state.carousel_mix import ProjectState as S

ACCEPT = {
    "image/jpeg": [".jpg", ".jpeg"],
    "image/png": [".png"],
    "image/webp": [".webp"],
    "video/mp4": [".mp4", ".m4v"],
    "video/quicktime": [".mov"],
}


def _tile(picture: PictureTile) -> rx.Component:
    shown = picture.id == StyleState.preview_picture
    return rx.vstack(
        rx.box(
            rx.image(
                src=picture.thumb_url,
                alt=picture.name,
                width="100%",
                height="6rem",
                object_fit="cover",
                border_radius="6px",
                cursor="pointer",
                on_click=StyleState.choose_picture(picture.id),
            ),
            rx.cond(
                picture.kind == "video",
                rx.badge(rx.icon("video", size=12), position="absolute", top="4px", left="4px"),
            ),
            position="relative",
            width="100%",
            outline_style="solid",
            outline_color=rx.color("accent", 9),
            outline_width=rx.cond(shown, "3px", "0px"),
            border_radius="6px",
        ),
        rx.text(
            picture.name,
            size="1",
            trim="both",
            max_width="100%",
            class_name="cm-picture-name",
            style={"overflow": "hidden", "text_overflow": "ellipsis", "white_space": "nowrap"},
        ),
        rx.hstack(
            rx.icon_button(
                rx.icon("chevron-left", size=14),
                size="1",
                variant="ghost",
                disabled=picture.first,
                aria_label=t("carousel_mix_move_earlier"),
                on_click=S.move_picture(picture.id, -1),
            ),
            rx.icon_button(
                rx.icon("chevron-right", size=14),
                size="1",
                variant="ghost",
                disabled=picture.last,
                aria_label=t("carousel_mix_move_later"),
                on_click=S.move_picture(picture.id, 1),
            ),
            rx.spacer(),
            rx.icon_button(
                rx.icon("trash-2", size=14),
                size="1",
                variant="ghost",
                color_scheme="red",
                aria_label=t("carousel_mix_delete_picture"),
                title=t("carousel_mix_delete_picture"),
                on_click=S.ask_delete_picture(picture.id),
                class_name="cm-delete-picture",
            ),
            width="100%",
            spacing="1",
        ),
        spacing="1",
        width="100%",
        min_width="0",
        class_name="cm-picture",
    )


def pictures_panel() -> rx.Component:
    return card(
        rx.heading(t("carousel_mix_pictures"), size="4", as_="h2"),
        dropzone(
            S,
            upload_id=UPLOAD_ID,
            prefix="cm",
            accept=ACCEPT,
            max_size=DROPZONE.limit_bytes,
            title=t("carousel_mix_drop_pictures"),
            hint=t(
                "carousel_mix_drop_hint",
                max=str(projects.MAX_PICTURES),
                seconds=str(projects.MAX_VIDEO_SECONDS),
            ),
        ),
        rx.cond(
            S.pictures.length() == 0,
            rx.text(t("carousel_mix_pictures_empty"), size="2", id="cm-no-pictures"),
            rx.grid(
                rx.foreach(S.pictures, _tile),
                columns=rx.breakpoints(initial="3", sm="4"),
                spacing="2",
                width="100%",
                id="cm-pictures",
            ),
        ),
        delete_dialog(
            open=S.confirm_picture != "",
            on_confirm=S.delete_picture,
            on_cancel=S.keep_picture,
            title_key="carousel_mix_delete_picture_title",
            body_key="carousel_mix_delete_picture_body",
            confirm_id="cm-confirm-delete-picture",
        ),
    )
