"""The project's clips (the one being looped is marked) and its sound layers."""

from __future__ import annotations

import reflex as rx

from lumiku.components.dialogs import delete_dialog
from lumiku.components.forms import card
from lumiku.components.text import t
from lumiku.components.uploads import dropzone
from lumiku.services.looping_flow import projects, rules
from lumiku.state.looping_flow import (
    CLIP_UPLOAD_ID,
    CLIPS,
    LAYER_UPLOAD_ID,
    LAYERS,
    ClipTile,
    LayerRow,
    LayerUploadState,
)
from lumiku.state.looping_flow import ProjectState as S

VIDEO = {"video/mp4": [".mp4", ".m4v"], "video/quicktime": [".mov"], "video/webm": [".webm"]}
AUDIO = {"audio/*": [".mp3", ".wav", ".m4a", ".ogg", ".flac", ".aac"]}


def _clip(clip: ClipTile) -> rx.Component:
    return rx.hstack(
        rx.image(
            src=clip.thumb_url,
            alt=clip.name,
            width="5rem",
            height="3rem",
            object_fit="cover",
            border_radius="4px",
        ),
        rx.vstack(
            rx.text(clip.name, size="2", weight="medium", style={"overflow_wrap": "anywhere"}),
            rx.text(clip.details, size="1", color_scheme="gray"),
            spacing="0",
            flex="1",
            min_width="0",
        ),
        rx.cond(
            clip.chosen,
            rx.badge(t("looping_flow_looped"), color_scheme="green"),
            rx.button(
                t("looping_flow_loop_this"),
                size="1",
                variant="soft",
                on_click=S.choose_clip(clip.id),
            ),
        ),
        rx.icon_button(
            rx.icon("trash-2", size=14),
            size="1",
            variant="ghost",
            color_scheme="red",
            aria_label=t("looping_flow_delete_clip"),
            on_click=S.ask_delete_clip(clip.id),
        ),
        align="center",
        width="100%",
        class_name="lf-clip",
    )


def clips_panel() -> rx.Component:
    return card(
        rx.heading(t("looping_flow_clips"), size="4", as_="h2"),
        dropzone(
            S,
            upload_id=CLIP_UPLOAD_ID,
            prefix="lf",
            accept=VIDEO,
            max_size=CLIPS.limit_bytes,
            title=t("looping_flow_drop_clips"),
            hint=t("looping_flow_drop_clips_hint", minutes=str(projects.MAX_CLIP_SECONDS // 60)),
        ),
        rx.cond(
            S.clips.length() == 0,
            rx.text(t("looping_flow_clips_empty"), size="2", id="lf-no-clips"),
            rx.vstack(rx.foreach(S.clips, _clip), spacing="2", width="100%", id="lf-clips"),
        ),
        delete_dialog(
            open=S.confirm_clip != "",
            on_confirm=S.delete_clip,
            on_cancel=S.keep_clip,
            title_key="looping_flow_delete_clip_title",
            body_key="looping_flow_delete_clip_body",
            confirm_id="lf-confirm-delete-clip",
        ),
    )


def _layer(layer: LayerRow) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.icon("audio-lines", size=16),
            rx.text(
                layer.name, size="2", weight="medium", flex="1", style={"overflow_wrap": "anywhere"}
            ),
            rx.hstack(
                rx.text(t("looping_flow_opt_muted"), size="1"),
                rx.switch(
                    checked=layer.muted, on_change=lambda v: S.set_layer(layer.id, "muted", v)
                ),
                align="center",
                spacing="1",
            ),
            rx.icon_button(
                rx.icon("trash-2", size=14),
                size="1",
                variant="ghost",
                color_scheme="red",
                aria_label=t("looping_flow_delete_layer"),
                on_click=S.delete_layer(layer.id),
            ),
            width="100%",
            align="center",
        ),
        rx.hstack(
            rx.text(
                t("looping_flow_opt_volume"), " ", layer.volume, "%", size="1", min_width="7rem"
            ),
            rx.slider(
                default_value=[layer.volume],
                min=0,
                max=200,
                step=5,
                on_value_commit=lambda v: S.set_layer(layer.id, "volume", v),
                flex="1",
            ),
            width="100%",
            align="center",
        ),
        rx.hstack(
            rx.text(t("looping_flow_opt_fade_in"), size="1"),
            rx.input(
                default_value=layer.fade_in,
                on_blur=lambda v: S.set_layer(layer.id, "fade_in", v),
                width="4rem",
                size="1",
            ),
            rx.text(t("looping_flow_opt_fade_out"), size="1"),
            rx.input(
                default_value=layer.fade_out,
                on_blur=lambda v: S.set_layer(layer.id, "fade_out", v),
                width="4rem",
                size="1",
            ),
            align="center",
            wrap="wrap",
        ),
        padding="0.5rem",
        border_width="1px",
        border_style="solid",
        border_color=rx.color("gray", 5),
        border_radius="8px",
        width="100%",
        class_name="lf-layer",
    )


def layers_panel() -> rx.Component:
    return card(
        rx.heading(t("looping_flow_layers"), size="4", as_="h2"),
        rx.text(
            t("looping_flow_layers_hint", max=str(rules.MAX_LAYERS)), size="1", color_scheme="gray"
        ),
        rx.vstack(rx.foreach(S.layers, _layer), spacing="2", width="100%", id="lf-layers"),
        rx.cond(
            S.layers.length() < rules.MAX_LAYERS,
            dropzone(
                LayerUploadState,
                upload_id=LAYER_UPLOAD_ID,
                prefix="lf-layer",
                accept=AUDIO,
                max_size=LAYERS.limit_bytes,
                title=t("looping_flow_drop_layers"),
                hint=t("looping_flow_drop_layers_hint"),
            ),
        ),
    )
