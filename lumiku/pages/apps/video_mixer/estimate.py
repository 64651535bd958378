"""The live estimate and the confirmation before spending."""

from __future__ import annotations

import reflex as rx

from lumiku.components.forms import card
from lumiku.components.text import t
from lumiku.services.video_mixer import rules
from lumiku.state.video_mixer import EstimateState as S
from lumiku.state.video_mixer import SettingsState

# ------------------------------------------------------------------ one project: estimate


def _figure(label_key: str, value: rx.Var, figure_id: str) -> rx.Component:
    return rx.vstack(
        rx.text(t(label_key), size="1", color_scheme="gray"),
        rx.text(value, size="4", weight="bold", id=figure_id, style={"overflow_wrap": "anywhere"}),
        spacing="0",
        min_width="7rem",
        flex="1",
    )


def estimate_panel() -> rx.Component:
    return card(
        rx.heading(t("video_mixer_estimate"), size="4", as_="h2"),
        rx.flex(
            _figure("video_mixer_combinations", S.est_combinations, "vm-combinations"),
            rx.vstack(
                rx.text(t("video_mixer_strength"), size="1", color_scheme="gray"),
                rx.hstack(
                    rx.progress(value=S.est_strength * 20, width="5rem"),
                    rx.text(S.est_strength_label, size="3", weight="bold", id="vm-strength"),
                    align="center",
                ),
                spacing="0",
                min_width="7rem",
                flex="1",
            ),
            _figure("video_mixer_duration_per_video", S.est_duration, "vm-duration"),
            spacing="4",
            wrap="wrap",
            width="100%",
        ),
        rx.flex(
            rx.vstack(
                rx.text(t("video_mixer_count"), size="1", weight="medium"),
                rx.input(
                    value=S.count_text,
                    on_change=S.set_count,
                    type="number",
                    min=1,
                    max=rules.MAX_VARIANTS,
                    id="vm-count",
                    width="6rem",
                ),
                spacing="1",
            ),
            rx.vstack(
                rx.text(S.est_cost_per_video, size="1", color_scheme="gray"),
                rx.text(S.est_price, size="5", weight="bold", id="vm-price"),
                spacing="0",
            ),
            rx.spacer(),
            rx.button(
                rx.icon("sparkles", size=16),
                t("video_mixer_generate"),
                size="3",
                disabled=~S.est_ready | S.busy,
                on_click=S.ask_generate,
                id="vm-generate",
            ),
            spacing="4",
            align="end",
            wrap="wrap",
            width="100%",
        ),
        rx.cond(
            SettingsState.settings_error != "",
            rx.text(SettingsState.settings_error, color="red", size="2", id="vm-settings-error"),
        ),
        rx.cond(
            S.est_notice != "",
            rx.text(S.est_notice, color_scheme="amber", size="2", id="vm-notice-combinations"),
        ),
    )
