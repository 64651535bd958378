"""The videos being made: each one's bar and what the provider is doing (its place in the
queue, making it, fetching it), moved live."""

from __future__ import annotations

import reflex as rx

from lumiku.components.forms import card
from lumiku.components.text import t
from lumiku.state.video_generator import MakingRow
from lumiku.state.video_generator import MakingState as S


def _row(row: MakingRow) -> rx.Component:
    return rx.vstack(
        rx.text(row.title, size="2", weight="medium", style={"overflow_wrap": "anywhere"}),
        rx.hstack(
            rx.progress(value=row.progress, flex="1", class_name="vg-making-progress"),
            rx.text(row.progress, "%", size="1", class_name="vg-making-percent"),
            align="center",
            width="100%",
        ),
        rx.text(
            rx.cond(row.stage != "", row.stage, t("video_generator_stage_waiting")),
            size="1",
            color_scheme="gray",
            class_name="vg-stage",
        ),
        spacing="1",
        width="100%",
        class_name="vg-making-row",
        data_generation=row.id,
    )


def making_panel() -> rx.Component:
    return rx.cond(
        S.rows.length() > 0,
        card(
            rx.hstack(
                rx.spinner(size="2"),
                rx.heading(t("video_generator_making_title"), size="4", as_="h2"),
                align="center",
                spacing="2",
            ),
            rx.text(t("video_generator_making_hint"), size="1", color_scheme="gray"),
            rx.foreach(S.rows, _row),
            id="vg-making",
        ),
    )
