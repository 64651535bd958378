"""A project's clips: uploads with per-file outcomes, groups and clip order."""

from __future__ import annotations

import reflex as rx

from lumiku.components.dialogs import confirm_text_dialog
from lumiku.components.forms import card, choice_select
from lumiku.components.text import t
from lumiku.components.uploads import dropzone
from lumiku.i18n import MESSAGES
from lumiku.services import files
from lumiku.services.video_mixer import projects
from lumiku.state.auth import AuthState
from lumiku.state.uploads import FILES_PER_UPLOAD
from lumiku.state.video_mixer import UPLOAD_ID, ClipRow, GroupBox
from lumiku.state.video_mixer import ProjectState as S


def tf(key: str, **values: object) -> rx.Var:
    """`t` for a message whose values are fixed when the page is built (the limits)."""
    english, indonesian = MESSAGES["en"][key], MESSAGES["id"][key]
    return rx.cond(AuthState.lang == "en", english.format(**values), indonesian.format(**values))


LIMITS = {
    "mb": files.limit_bytes("video") // 2**20,
    "minutes": projects.MAX_CLIP_SECONDS // 60,
    "max": projects.MAX_CLIPS,
}

ACCEPT = {"video/mp4": [".mp4", ".m4v"], "video/quicktime": [".mov"], "video/webm": [".webm"]}

# ------------------------------------------------------------------ one project: clips


def _arrange(what: str, first: rx.Var, last: rx.Var, up, down, delete) -> rx.Component:
    """Earlier, later and delete, for a clip or a group (`what`); delete asks first."""

    def button(icon: str, label_key: str, on_click, **props) -> rx.Component:
        return rx.icon_button(
            rx.icon(icon, size=14),
            size="1",
            aria_label=t(label_key),
            title=t(label_key),
            on_click=on_click,
            **props,
        )

    return rx.hstack(
        button("arrow-up", "video_mixer_move_up", up, variant="soft", disabled=first),
        button("arrow-down", "video_mixer_move_down", down, variant="soft", disabled=last),
        button(
            "trash-2",
            f"video_mixer_delete_{what}",
            delete,
            variant="ghost",
            color_scheme="red",
            class_name=f"vm-delete-{what}",
        ),
        spacing="1",
    )


def _clip(clip: ClipRow) -> rx.Component:
    return rx.flex(
        rx.cond(
            clip.thumb_url != "",
            rx.el.img(
                src=clip.thumb_url,
                alt=clip.name,
                style={
                    "width": "64px",
                    "height": "64px",
                    "object_fit": "cover",
                    "border_radius": "6px",
                    "flex_shrink": "0",
                },
            ),
            rx.center(rx.icon("film", size=20), width="64px", height="64px"),
        ),
        rx.vstack(
            rx.text(clip.name, size="2", weight="medium", class_name="vm-clip-name"),
            rx.text(clip.details, size="1", color_scheme="gray"),
            spacing="0",
            flex="1",
            min_width="8rem",
        ),
        rx.hstack(
            choice_select(
                S.group_choices,
                clip.group,
                lambda g: S.move_clip(clip.id, g),
                size="1",
                aria_label=t("video_mixer_clip_group"),
            ),
            _arrange(
                "clip",
                clip.first,
                clip.last,
                S.reorder_clip(clip.id, -1),
                S.reorder_clip(clip.id, 1),
                S.ask_delete_clip(clip.id),
            ),
            spacing="2",
            align="center",
        ),
        spacing="3",
        align="center",
        wrap="wrap",
        width="100%",
        class_name="vm-clip",
    )


def _group(group: GroupBox) -> rx.Component:
    grouped = group.id != "none"
    return rx.box(
        rx.flex(
            rx.cond(
                grouped,
                rx.input(
                    default_value=group.name,
                    key=group.id + group.name,
                    size="2",
                    max_length=60,
                    aria_label=t("video_mixer_group_name_label"),
                    on_blur=lambda name: S.rename_group(group.id, name),
                    width="12rem",
                ),
                rx.text(group.name, weight="bold", size="2"),
            ),
            rx.cond(
                grouped,
                _arrange(
                    "group",
                    group.first,
                    group.last,
                    S.move_group(group.id, -1),
                    S.move_group(group.id, 1),
                    S.ask_delete_group(group.id),
                ),
            ),
            justify="between",
            align="center",
            width="100%",
            spacing="2",
        ),
        rx.cond(
            group.clips.length() == 0,
            rx.text(t("video_mixer_group_empty"), size="1", color_scheme="gray"),
            rx.vstack(rx.foreach(group.clips, _clip), spacing="2", width="100%"),
        ),
        padding="0.75rem",
        border=f"1px solid {rx.color('gray', 5)}",
        border_radius="8px",
        width="100%",
        class_name="vm-group",
    )


def _uploader() -> rx.Component:
    return dropzone(
        S,
        upload_id=UPLOAD_ID,
        prefix="vm",
        accept=ACCEPT,
        max_size=files.limit_bytes("video"),
        title=t("video_mixer_drop_clips"),
        hint=tf("video_mixer_drop_hint", max=FILES_PER_UPLOAD, mb=LIMITS["mb"]),
    )


def clips_panel() -> rx.Component:
    return card(
        rx.heading(t("video_mixer_clips"), size="4", as_="h2"),
        _uploader(),
        rx.form(
            rx.hstack(
                rx.input(
                    name="name",
                    placeholder=t("video_mixer_group_name"),
                    max_length=60,
                    required=True,
                    size="2",
                    id="vm-group-name",
                ),
                rx.button(
                    rx.icon("plus", size=14), t("video_mixer_add_group"), type="submit", size="2"
                ),
                spacing="2",
            ),
            on_submit=S.add_group,
            reset_on_submit=True,
        ),
        rx.cond(
            S.clip_count == 0,
            rx.text(tf("video_mixer_clips_empty", **LIMITS), size="2", id="vm-no-clips"),
        ),
        rx.vstack(rx.foreach(S.group_boxes, _group), spacing="3", width="100%", id="vm-groups"),
        confirm_text_dialog(
            open=S.confirm_clip != "",
            title=S.confirm_title,
            body=S.confirm_body,
            on_confirm=S.delete_clip,
            on_cancel=S.keep_part,
            confirm_id="vm-confirm-delete-clip",
        ),
        confirm_text_dialog(
            open=S.confirm_group != "",
            title=S.confirm_title,
            body=S.confirm_body,
            on_confirm=S.delete_group,
            on_cancel=S.keep_part,
            confirm_id="vm-confirm-delete-group",
        ),
    )
