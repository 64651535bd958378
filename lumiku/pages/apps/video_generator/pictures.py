"""The pictures a video starts and ends on, where the chosen model takes them: each dropped as
a file (the reason shown when refused) or picked among the user's avatars, shown once chosen
with the way to remove it."""

from __future__ import annotations

from typing import Any

import reflex as rx

from lumiku.components.avatar_batches import field_label
from lumiku.components.text import t
from lumiku.components.tiles import square_thumb, tile_button
from lumiku.components.uploads import IMAGES, dropzone
from lumiku.state.video_generator import (
    CREATOR,
    PICTURE,
    UPLOAD_IDS,
    AvatarChoice,
    AvatarsState,
    EndUploadState,
    FormState,
    StartUploadState,
)


def _chosen(slot: str, image: Any) -> rx.Component:
    return rx.hstack(
        rx.cond(
            image.preview_url != "",
            rx.image(
                src=image.preview_url,
                alt=t(f"video_generator_{slot}_image"),
                width="5rem",
                height="5rem",
                object_fit="cover",
                border_radius="6px",
                flex_shrink="0",
                id=f"vg-{slot}-preview",
            ),
            rx.icon("image", size=32),
        ),
        rx.vstack(
            rx.text(
                rx.cond(
                    image.kind == "avatar",
                    t("video_generator_from_avatar"),
                    t("video_generator_from_upload"),
                ),
                size="1",
                color_scheme="gray",
            ),
            rx.text(image.name, size="2", weight="medium", style={"overflow_wrap": "anywhere"}),
            rx.button(
                rx.icon("x", size=12),
                t("video_generator_remove_image"),
                size="1",
                variant="ghost",
                color_scheme="red",
                on_click=FormState.clear_image(slot),
                id=f"vg-{slot}-clear",
            ),
            spacing="1",
            min_width="0",
        ),
        spacing="3",
        align="center",
        width="100%",
        id=f"vg-{slot}-chosen",
    )


def _choose(slot: str, uploads: Any) -> rx.Component:
    return rx.vstack(
        dropzone(
            uploads,
            upload_id=UPLOAD_IDS[slot],
            prefix=f"vg-{slot}",
            accept=IMAGES,
            max_size=PICTURE.limit_bytes,
            title=t("video_generator_drop_picture"),
            hint=t("video_generator_drop_picture_hint"),
        ),
        rx.button(
            rx.icon("circle-user", size=14),
            t("video_generator_pick_avatar"),
            size="1",
            variant="soft",
            on_click=AvatarsState.open_avatars(slot),
            id=f"vg-{slot}-avatar",
        ),
        spacing="2",
        width="100%",
    )


def _slot(slot: str, image: Any, uploads: Any, hint_key: str) -> rx.Component:
    return rx.vstack(
        field_label(f"video_generator_{slot}_image", f"vg-{slot}"),
        rx.text(t(hint_key), size="1", color_scheme="gray"),
        rx.cond(image.kind != "", _chosen(slot, image), _choose(slot, uploads)),
        spacing="1",
        width="100%",
        id=f"vg-{slot}",
    )


def _avatar(avatar: AvatarChoice) -> rx.Component:
    return tile_button(
        rx.vstack(
            square_thumb(avatar.thumb_url, avatar.name, icon="circle-user", icon_size=28),
            rx.text(avatar.name, size="1", weight="medium", style={"overflow_wrap": "anywhere"}),
            spacing="1",
            width="100%",
        ),
        on_click=AvatarsState.pick_avatar(avatar.id),
        class_name="vg-avatar-choice",
        data_avatar=avatar.id,
    )


def _avatars_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(t("video_generator_pick_avatar_title")),
            rx.cond(
                ~AvatarsState.loaded,
                rx.center(rx.spinner(size="3"), width="100%", padding="1rem"),
                rx.cond(
                    AvatarsState.avatars.length() == 0,
                    rx.vstack(
                        rx.text(t("video_generator_no_avatars"), size="2"),
                        rx.link(t("video_generator_open_creator"), href=CREATOR.route),
                        spacing="2",
                        id="vg-no-avatars",
                    ),
                    rx.grid(
                        rx.foreach(AvatarsState.avatars, _avatar),
                        columns=rx.breakpoints(initial="3", sm="4"),
                        spacing="2",
                        width="100%",
                        max_height="60vh",
                        overflow_y="auto",
                        id="vg-avatars",
                    ),
                ),
            ),
            rx.flex(
                rx.dialog.close(
                    rx.button(
                        t("cancel"),
                        variant="soft",
                        color_scheme="gray",
                        on_click=AvatarsState.close_avatars,
                    )
                ),
                justify="end",
                margin_top="1rem",
            ),
            max_width="36rem",
            id="vg-avatar-dialog",
        ),
        open=AvatarsState.picking != "",
        on_open_change=lambda _: AvatarsState.close_avatars(),
    )


def pictures_panel() -> rx.Component:
    return rx.vstack(
        rx.cond(
            FormState.start_ok,
            _slot("start", FormState.start_image, StartUploadState, "video_generator_start_hint"),
        ),
        rx.cond(
            FormState.end_ok,
            _slot("end", FormState.end_image, EndUploadState, "video_generator_end_hint"),
        ),
        rx.cond(
            ~FormState.start_ok & ~FormState.end_ok & (FormState.model_key != ""),
            rx.text(
                t("video_generator_no_pictures"), size="1", color_scheme="gray", id="vg-no-pictures"
            ),
        ),
        _avatars_dialog(),
        spacing="3",
        width="100%",
    )
