"""The poster's versions, newest first: what made each (and whether quick or advanced), and
going back (or forward) to any of them."""

from __future__ import annotations

import reflex as rx

from lumiku.components.forms import card
from lumiku.components.text import t
from lumiku.state.poster_editor import PosterState, VersionRow


def _version(version: VersionRow) -> rx.Component:
    return rx.hstack(
        rx.image(
            src=version.thumb_url,
            alt="",
            width="3.5rem",
            height="3.5rem",
            object_fit="contain",
            background=rx.color("gray", 3),
            border_radius="4px",
            flex_shrink="0",
        ),
        rx.vstack(
            rx.text(rx.text.strong("v", version.number), " · ", version.what, size="2"),
            rx.cond(version.how != "", rx.text(version.how, size="1", class_name="pe-made-by")),
            rx.cond(version.prompt != "", rx.text(version.prompt, size="1", color_scheme="gray")),
            rx.text(version.when, size="1", color_scheme="gray"),
            spacing="0",
            flex="1",
            min_width="0",
        ),
        rx.cond(
            version.current,
            rx.badge(t("poster_editor_current"), color_scheme="green", class_name="pe-current"),
            rx.button(
                rx.icon("history", size=12),
                t("poster_editor_use_version"),
                size="1",
                variant="soft",
                on_click=PosterState.undo_to(version.id),
                class_name="pe-undo",
            ),
        ),
        align="center",
        width="100%",
        class_name="pe-version",
        data_number=version.number,
    )


def history_panel() -> rx.Component:
    return card(
        rx.heading(t("poster_editor_history"), size="4", as_="h2"),
        rx.vstack(
            rx.foreach(PosterState.versions, _version), spacing="2", width="100%", id="pe-history"
        ),
    )
