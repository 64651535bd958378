"""Generations as cards: the work list shown by My Work and by each app's project page, and
the status badge of a generation."""

from __future__ import annotations

import reflex as rx

from lumiku.components.apps import app_icon
from lumiku.components.dialogs import confirm_dialog, delete_dialog
from lumiku.components.forms import error_callout, notice_callout
from lumiku.components.pager import pager
from lumiku.components.text import t
from lumiku.state.work import STATUSES, WorkCard, WorkItem, WorkState

STATUS_COLORS = (
    ("succeeded", "green"),
    ("partly_succeeded", "amber"),
    ("failed", "red"),
    ("cancelled", "gray"),
    ("running", "blue"),
)


def download_link(child: rx.Component, href: rx.Var, class_name: str) -> rx.Component:
    """A download the browser handles itself: React Router leaves links that have another
    target alone, and `download` keeps the browser on this page."""
    return rx.el.a(
        child, href=href, download="", target="_blank", rel="noopener", class_name=class_name
    )


def work_status(status: rx.Var) -> rx.Component:
    return rx.badge(
        rx.match(status, *[(s, t(f"work_status_{s}")) for s in STATUSES], status),
        color_scheme=rx.match(status, *STATUS_COLORS, "gray"),
        class_name="work-status",
    )


def _item(item: WorkItem) -> rx.Component:
    return rx.hstack(
        rx.text("#", item.index, size="2", width="2.5rem"),
        rx.cond(
            item.download_url != "",  # done, and its file still kept
            rx.hstack(
                rx.cond(
                    item.thumbnail_url != "",
                    rx.image(
                        src=item.thumbnail_url,
                        alt="",
                        height="48px",
                        max_width="min(60vw, 24rem)",
                        object_fit="contain",
                        class_name="item-thumbnail",
                        cursor="pointer",
                        on_click=WorkState.preview(item.preview_url, item.media),
                    ),
                ),
                rx.icon_button(
                    rx.icon("play", size=14),
                    size="1",
                    variant="soft",
                    aria_label="preview",
                    class_name="item-preview",
                    on_click=WorkState.preview(item.preview_url, item.media),
                ),
                download_link(
                    rx.button(
                        rx.icon("download", size=14), t("work_download"), size="1", variant="soft"
                    ),
                    href=item.download_url,
                    class_name="item-download",
                ),
                spacing="2",
            ),
            rx.cond(
                item.error != "",
                rx.text(item.error, size="1", color="red"),
                rx.cond(  # a cancelled item stopped where it was: no bar left half full
                    item.status == "cancelled",
                    rx.text(t("work_status_cancelled"), size="1", color_scheme="gray"),
                    rx.progress(value=item.progress, width="8rem"),
                ),
            ),
        ),
        rx.cond(
            (item.status == "succeeded") | (item.status == "failed"),
            rx.icon_button(
                rx.icon("refresh-cw", size=14),
                size="1",
                variant="ghost",
                aria_label=t("work_regenerate_hint"),
                title=t("work_regenerate_hint"),
                class_name="item-regenerate",
                on_click=WorkState.ask_regenerate(item.generation_id, item.index),
            ),
        ),
        align="center",
        spacing="3",
        class_name="work-item",
    )


def _actions(work: WorkCard) -> rx.Component:
    return rx.hstack(
        rx.cond(
            work.zip_url != "",
            download_link(
                rx.button(
                    rx.icon("archive", size=14), t("work_download_all"), size="2", variant="soft"
                ),
                href=work.zip_url,
                class_name="work-zip",
            ),
        ),
        rx.cond(
            work.active,
            confirm_dialog(  # paid work: one stray click must not stop it
                title_key="work_cancel_confirm_title",
                body_key="work_cancel_confirm_body",
                confirm_key="work_cancel_confirm_go",
                cancel_key="work_cancel_confirm_keep",
                on_confirm=WorkState.cancel(work.id),
                confirm_id="confirm-cancel",
                trigger=rx.button(
                    t("work_cancel"),
                    size="2",
                    variant="outline",
                    color_scheme="red",
                    class_name="work-cancel",
                ),
            ),
        ),
        rx.cond(
            work.can_retry,
            rx.button(
                t("work_retry"),
                size="2",
                variant="soft",
                class_name="work-retry",
                on_click=WorkState.retry(work.id),
            ),
        ),
        rx.cond(
            work.can_delete,
            rx.button(
                rx.icon("trash-2", size=14),
                t("work_delete"),
                size="2",
                variant="ghost",
                color_scheme="red",
                class_name="work-delete",
                on_click=WorkState.ask_delete(work.id),
            ),
        ),
        spacing="2",
        wrap="wrap",
    )


def work_card(work: WorkCard) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.flex(
                rx.hstack(
                    app_icon(work.app_icon),
                    rx.vstack(
                        rx.text(work.title, weight="bold"),
                        rx.text(work.app_name, " · ", work.created, size="1", color_scheme="gray"),
                        spacing="0",
                    ),
                    align="center",
                ),
                work_status(work.status),
                justify="between",
                width="100%",
                spacing="2",
            ),
            rx.cond(  # the stored progress of a cancelled or failed batch is 100: no full bar
                (work.status != "cancelled") & (work.status != "failed"),
                rx.progress(value=work.progress, width="100%", class_name="work-progress"),
            ),
            rx.hstack(
                rx.text(work.items_text, size="2"),
                rx.text(work.cost_text, size="2", color_scheme="gray"),
                rx.text(work.expires, size="1", color_scheme="gray"),
                spacing="3",
                wrap="wrap",
            ),
            rx.cond(work.error != "", rx.text(work.error, size="2", color="red")),
            rx.vstack(rx.foreach(work.outputs, _item), spacing="1"),
            _actions(work),
            spacing="3",
            width="100%",
        ),
        width="100%",
        class_name="work-card",
        data_generation=work.id,
    )


def _delete_dialog() -> rx.Component:
    return delete_dialog(
        open=WorkState.confirm_delete != "",
        on_confirm=WorkState.delete,
        on_cancel=WorkState.keep,
        title_key="work_delete_confirm_title",
        body_key="work_delete_confirm_body",
        confirm_id="confirm-delete",
    )


def _regenerate_dialog() -> rx.Component:
    return confirm_dialog(
        title_key="work_regenerate_confirm_title",
        body_key="work_regenerate_confirm_body",
        confirm_key="work_regenerate",
        on_confirm=WorkState.regenerate,
        confirm_id="confirm-regenerate",
        open=WorkState.confirm_regenerate != "",
        on_cancel=WorkState.keep,
    )


def _preview_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.cond(
                WorkState.preview_media == "video",
                rx.el.video(
                    src=WorkState.preview_url,
                    controls=True,
                    auto_play=True,
                    style={"width": "100%", "max_height": "70vh"},
                    id="preview",
                ),
                rx.image(src=WorkState.preview_url, width="100%"),
            ),
            max_width="48rem",
        ),
        open=WorkState.preview_url != "",
        on_open_change=lambda _: WorkState.close_preview(),
    )


def work_list() -> rx.Component:
    """The cards with their dialogs; My Work shows every app's, a project page its own."""
    return rx.vstack(
        error_callout(WorkState.error, "work-error"),
        notice_callout(WorkState.notice, "work-notice"),
        rx.cond(
            WorkState.loaded & (WorkState.total == 0),
            rx.text(t("work_empty"), color_scheme="gray", id="work-empty"),
        ),
        rx.vstack(
            rx.foreach(WorkState.cards, work_card), spacing="3", width="100%", id="work-list"
        ),
        pager(WorkState.page, WorkState.pages, WorkState.go_to_page),
        _delete_dialog(),
        _regenerate_dialog(),
        _preview_dialog(),
        spacing="4",
        width="100%",
    )
