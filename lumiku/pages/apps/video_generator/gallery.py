"""The user's videos: a player with the poster frame, the prompt, model, settings and price,
downloading, deleting and "use these settings again"; empty and loading states; a page at a
time."""

from __future__ import annotations

import reflex as rx

from lumiku.components.dialogs import delete_dialog
from lumiku.components.pager import pager
from lumiku.components.text import t
from lumiku.components.work import download_link
from lumiku.state.video_generator import GalleryState as S
from lumiku.state.video_generator import VideoCard


def _player(video: VideoCard) -> rx.Component:
    return rx.el.video(
        src=video.video_url,
        poster=video.poster_url,
        controls=True,
        preload="metadata",
        plays_inline=True,
        class_name="vg-player",
        style={
            "width": "100%",
            "aspect_ratio": "16 / 9",
            "background": "#000",
            "border_radius": "6px",
            "display": "block",
        },
    )


def _actions(video: VideoCard) -> rx.Component:
    return rx.flex(
        download_link(
            rx.button(
                rx.icon("download", size=14),
                t("video_generator_download"),
                size="1",
                variant="soft",
            ),
            href=video.download_url,
            class_name="vg-download",
        ),
        rx.button(
            rx.icon("rotate-ccw", size=14),
            t("video_generator_reuse"),
            size="1",
            variant="soft",
            on_click=S.reuse_settings(video.id),
            class_name="vg-reuse",
        ),
        rx.icon_button(
            rx.icon("trash-2", size=14),
            size="1",
            variant="ghost",
            color_scheme="red",
            aria_label=t("video_generator_delete_video"),
            title=t("video_generator_delete_video"),
            on_click=S.ask_delete_video(video.id),
            class_name="vg-delete-video",
        ),
        spacing="2",
        wrap="wrap",
        align="center",
    )


def _card(video: VideoCard) -> rx.Component:
    return rx.card(
        rx.vstack(
            _player(video),
            rx.text(
                video.prompt,
                size="2",
                class_name="vg-video-prompt",
                style={"overflow_wrap": "anywhere"},
                trim="both",
            ),
            rx.flex(
                rx.badge(video.model_name, variant="soft", class_name="vg-video-model"),
                rx.cond(
                    video.price != "",
                    rx.badge(video.price, color_scheme="gray", class_name="vg-video-price"),
                ),
                spacing="2",
                wrap="wrap",
            ),
            rx.text(video.settings, size="1", class_name="vg-video-settings"),
            rx.text(
                rx.cond(video.run_time != "", video.run_time + " · ", ""),
                video.created,
                size="1",
                color_scheme="gray",
            ),
            _actions(video),
            spacing="2",
            width="100%",
        ),
        width="100%",
        min_width="0",
        class_name="vg-video",
        data_video=video.id,
    )


def gallery_panel() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.heading(t("video_generator_gallery_title"), size="5", as_="h2"),
            rx.spacer(),
            rx.cond(S.total > 0, rx.text(S.total, size="2", color_scheme="gray", id="vg-total")),
            align="center",
            width="100%",
        ),
        rx.cond(
            S.loaded,
            rx.cond(
                S.total == 0,
                rx.callout(
                    t("video_generator_gallery_empty"),
                    icon="clapperboard",
                    width="100%",
                    id="vg-gallery-empty",
                ),
            ),
            rx.center(rx.spinner(size="3"), width="100%", padding="2rem", id="vg-gallery-loading"),
        ),
        rx.grid(
            rx.foreach(S.cards, _card),
            columns=rx.breakpoints(initial="1", sm="2", lg="3"),
            spacing="3",
            width="100%",
            id="vg-gallery",
        ),
        pager(S.page, S.pages, S.go_to_page),
        delete_dialog(
            open=S.confirm_delete != "",
            on_confirm=S.delete_video,
            on_cancel=S.keep_video,
            title_key="video_generator_delete_video_title",
            body_key="video_generator_delete_video_body",
            confirm_id="vg-confirm-delete-video",
        ),
        spacing="3",
        width="100%",
    )
