"""The live estimate and the confirmation before spending."""

from __future__ import annotations

import reflex as rx

from lumiku import routes
from lumiku.components.forms import card
from lumiku.components.text import t
from lumiku.services.video_mixer import rules
from lumiku.state.video_mixer import EstimateState as S
from lumiku.state.video_mixer import SettingsState
from lumiku.state.work import WorkCard, WorkState

# ------------------------------------------------------------------ one project: estimate


def _figure(label_key: str, value: rx.Var, figure_id: str) -> rx.Component:
    return rx.vstack(
        rx.text(t(label_key), size="1", color_scheme="gray"),
        rx.text(value, size="4", weight="bold", id=figure_id, style={"overflow_wrap": "anywhere"}),
        spacing="0",
        min_width="7rem",
        flex="1",
    )


def _being_made(work: WorkCard) -> rx.Component:
    """Shown while the batch this tab started is still active in the work list: it goes when
    the batch ends, however it ends (done, failed or cancelled)."""
    return rx.cond(
        work.active & (work.id == S.started_generation),
        rx.callout(
            t("video_mixer_being_made"), icon="loader", color_scheme="blue", id="vm-being-made"
        ),
    )


def being_made_banner() -> rx.Component:
    return rx.fragment(rx.foreach(WorkState.cards, _being_made))


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


def confirm_generate() -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title(t("video_mixer_confirm_title")),
            rx.alert_dialog.description(
                rx.vstack(
                    rx.text(t("video_mixer_confirm_count"), " ", S.count_text),
                    rx.text(
                        t("video_mixer_confirm_price"),
                        " ",
                        rx.text.strong(S.est_price, id="vm-confirm-price"),
                    ),
                    rx.text(t("video_mixer_confirm_available"), " ", S.est_available),
                    rx.cond(
                        ~S.est_affordable,
                        rx.callout(
                            rx.hstack(
                                rx.text(t("video_mixer_not_enough")),
                                rx.link(t("nav_credits"), href=routes.CREDITS),
                            ),
                            color_scheme="red",
                            icon="triangle-alert",
                        ),
                    ),
                    spacing="1",
                ),
            ),
            rx.hstack(
                rx.alert_dialog.cancel(
                    rx.button(
                        t("cancel"), variant="soft", color_scheme="gray", on_click=S.cancel_generate
                    )
                ),
                rx.button(
                    t("video_mixer_confirm_go"),
                    on_click=S.generate,
                    loading=S.busy,
                    disabled=~S.est_affordable,
                    id="vm-confirm-generate",
                ),
                justify="end",
                spacing="3",
                margin_top="1rem",
            ),
        ),
        open=S.confirming,
    )
