"""The live estimate and the confirmation before spending."""

from __future__ import annotations

import reflex as rx

from lumiku.components.forms import card
from lumiku.components.projects import figure, spend_row
from lumiku.components.text import t
from lumiku.services.video_mixer import rules
from lumiku.state.video_mixer import EstimateState as S
from lumiku.state.video_mixer import SettingsState

# ------------------------------------------------------------------ one project: estimate


def estimate_panel() -> rx.Component:
    return card(
        rx.heading(t("video_mixer_estimate"), size="4", as_="h2"),
        rx.flex(
            figure("video_mixer_combinations", S.est_combinations, "vm-combinations"),
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
            figure("video_mixer_duration_per_video", S.est_duration, "vm-duration"),
            spacing="4",
            wrap="wrap",
            width="100%",
        ),
        spend_row(
            S,
            per_item=S.est_cost_per_video,
            most=rules.MAX_VARIANTS,
            prefix="video_mixer",
            css="vm",
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
