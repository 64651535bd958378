"""Improving the prompt: the button (off with its reason where the writer cannot be used), the
suggestion to accept or reject, and the accepted text while it is the one sent."""

from __future__ import annotations

import reflex as rx

from lumiku.components.text import t
from lumiku.state.video_generator import FormState, ImproveState
from lumiku.state.video_generator import ImproveState as S


def _suggestion() -> rx.Component:
    return rx.callout(
        rx.vstack(
            rx.text(t("video_generator_suggestion_title"), weight="bold", size="2"),
            rx.text(S.suggestion, size="2", id="vg-suggestion", white_space="pre-wrap"),
            rx.text(t("video_generator_suggestion_cost"), size="1", color_scheme="gray"),
            rx.hstack(
                rx.button(
                    rx.icon("check", size=14),
                    t("video_generator_accept_suggestion"),
                    size="1",
                    on_click=S.accept_suggestion,
                    id="vg-accept-suggestion",
                ),
                rx.button(
                    rx.icon("x", size=14),
                    t("video_generator_reject_suggestion"),
                    size="1",
                    variant="soft",
                    color_scheme="gray",
                    on_click=S.reject_suggestion,
                    id="vg-reject-suggestion",
                ),
                spacing="2",
                wrap="wrap",
            ),
            spacing="2",
            width="100%",
        ),
        icon="wand-sparkles",
        color_scheme="violet",
        width="100%",
        role="status",
    )


def _accepted() -> rx.Component:
    return rx.callout(
        rx.vstack(
            rx.text(t("video_generator_improved_title"), weight="bold", size="2"),
            rx.text(FormState.improved_prompt, size="2", id="vg-improved", white_space="pre-wrap"),
            rx.button(
                t("video_generator_stop_improved"),
                size="1",
                variant="soft",
                color_scheme="gray",
                on_click=FormState.stop_improved,
                id="vg-stop-improved",
            ),
            spacing="2",
            width="100%",
        ),
        icon="circle-check",
        color_scheme="green",
        width="100%",
    )


def improve_panel() -> rx.Component:
    return rx.vstack(
        rx.cond(
            ImproveState.improve_off != "",
            rx.callout(
                rx.text(t("video_generator_improve_off"), " ", S.improve_off),
                icon="info",
                size="1",
                id="vg-improve-off",
                width="100%",
            ),
            rx.button(
                rx.icon("wand-sparkles", size=14),
                t("video_generator_improve"),
                variant="soft",
                size="2",
                loading=S.improving,
                disabled=FormState.prompt_short,
                on_click=S.improve_prompt,
                id="vg-improve",
            ),
        ),
        rx.cond(S.suggestion != "", _suggestion()),
        rx.cond(FormState.improved_prompt != "", _accepted()),
        spacing="2",
        width="100%",
    )
