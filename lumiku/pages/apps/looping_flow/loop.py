"""The loop panel (style, length, loop points), its sound, the free preview and the estimate."""

from __future__ import annotations

import reflex as rx

from lumiku.components.forms import card
from lumiku.components.projects import figure
from lumiku.components.text import t
from lumiku.services.looping_flow import rules
from lumiku.state.looping_flow import LoopState as S

QUICK_MINUTES = (1, 10, 60, 180)


def _label(name: str) -> rx.Component:
    return rx.text(t(f"looping_flow_opt_{name}"), size="1", weight="medium")


def _slider(name: str, low: float, high: float, step: float, suffix: str = "") -> rx.Component:
    value = S.values[name].to(float)
    return rx.vstack(
        rx.hstack(_label(name), rx.spacer(), rx.text(value, suffix, size="1"), width="100%"),
        rx.slider(
            value=[value],
            min=low,
            max=high,
            step=step,
            on_change=lambda v: S.set_field(name, v).throttle(400),
            id=f"lf-{name}",
        ),
        spacing="1",
        width="100%",
    )


def _style() -> rx.Component:
    return rx.vstack(
        _label("style"),
        rx.select.root(
            rx.select.trigger(id="lf-style"),
            rx.select.content(
                *[rx.select.item(t(f"looping_flow_style_{s}"), value=s) for s in rules.STYLES]
            ),
            value=S.values["style"].to(str),
            on_change=lambda v: S.set_field("style", v),
        ),
        rx.text(t("looping_flow_style_hint"), size="1", color_scheme="gray"),
        spacing="1",
        width="100%",
    )


def _length() -> rx.Component:
    return rx.vstack(
        _label("target"),
        rx.hstack(
            rx.input(
                value=S.minutes_text,
                on_change=S.set_minutes.debounce(400),
                width="6rem",
                id="lf-minutes",
                aria_label=t("looping_flow_opt_target"),
            ),
            rx.text(t("looping_flow_minutes"), size="2"),
            rx.text("= ", S.duration_label, size="2", color_scheme="gray", id="lf-duration"),
            align="center",
        ),
        rx.flex(
            *[
                rx.button(
                    t(f"looping_flow_quick_{m}"),
                    size="1",
                    variant="soft",
                    on_click=S.use_minutes(m),
                )
                for m in QUICK_MINUTES
            ],
            spacing="2",
            wrap="wrap",
        ),
        spacing="2",
        width="100%",
    )


def _loop_points() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.button(
                rx.icon("scan-search", size=14),
                t("looping_flow_find_loop"),
                size="2",
                variant="soft",
                loading=S.finding,
                on_click=S.find_loop,
                id="lf-find-loop",
            ),
            rx.text(S.score_text, size="2", id="lf-score"),
            align="center",
            wrap="wrap",
        ),
        rx.grid(
            _slider("loop_in", 0, S.clip_seconds, 0.05, " s"),
            _slider("loop_out", 0, S.clip_seconds, 0.05, " s"),
            columns="2",
            spacing="3",
            width="100%",
        ),
        rx.text(t("looping_flow_loop_points_hint"), size="1", color_scheme="gray"),
        spacing="2",
        width="100%",
    )


def loop_panel() -> rx.Component:
    return card(
        rx.heading(t("looping_flow_loop"), size="4", as_="h2"),
        rx.cond(
            S.has_clip,
            rx.vstack(
                _style(),
                rx.cond(
                    S.values["style"].to(str) == "crossfade",
                    _slider("crossfade", 0.5, 2.0, 0.1, " s"),
                ),
                _length(),
                _loop_points(),
                spacing="4",
                width="100%",
            ),
            rx.text(t("looping_flow_no_clip_yet"), size="2", color_scheme="gray"),
        ),
    )


def sound_panel() -> rx.Component:
    return card(
        rx.heading(t("looping_flow_sound"), size="4", as_="h2"),
        rx.hstack(
            rx.text(t("looping_flow_opt_original"), size="2"),
            rx.select.root(
                rx.select.trigger(id="lf-original"),
                rx.select.content(
                    rx.select.item(t("looping_flow_original_keep"), value="keep"),
                    rx.select.item(t("looping_flow_original_mute"), value="mute"),
                ),
                value=S.values["original"].to(str),
                on_change=lambda v: S.set_field("original", v),
            ),
            align="center",
            wrap="wrap",
        ),
        _slider("original_volume", 0, 200, 5, "%"),
        _slider("master_volume", 0, 100, 5, "%"),
        rx.grid(
            _slider("fade_in", 0, 10, 0.5, " s"),
            _slider("fade_out", 0, 10, 0.5, " s"),
            columns="2",
            spacing="3",
            width="100%",
        ),
    )


def preview_panel() -> rx.Component:
    return card(
        rx.heading(t("looping_flow_preview"), size="4", as_="h2"),
        rx.text(t("looping_flow_preview_hint"), size="1", color_scheme="gray"),
        rx.button(
            rx.icon("play", size=14),
            t("looping_flow_make_preview"),
            on_click=S.make_preview,
            loading=S.previewing,
            disabled=~S.has_clip,
            id="lf-make-preview",
        ),
        rx.cond(
            S.preview_url != "",
            rx.el.video(src=S.preview_url, controls=True, loop=True, width="100%", id="lf-preview"),
        ),
    )


def generate_panel() -> rx.Component:
    return card(
        rx.heading(t("looping_flow_generate_title"), size="4", as_="h2"),
        rx.flex(
            figure("looping_flow_price", S.est_price, "lf-price"),
            figure("looping_flow_output_size", S.est_size, "lf-size"),
            spacing="4",
            wrap="wrap",
            width="100%",
        ),
        rx.cond(
            ~S.est_fits,
            rx.text(t("looping_flow_does_not_fit"), color="red", size="2", id="lf-too-big"),
        ),
        rx.cond(
            S.settings_error != "",
            rx.text(S.settings_error, color="red", size="2", id="lf-settings-error"),
        ),
        rx.button(
            rx.icon("sparkles", size=16),
            t("looping_flow_generate"),
            size="3",
            disabled=~S.est_ready | S.busy,
            on_click=S.ask_generate,
            id="lf-generate",
        ),
    )
