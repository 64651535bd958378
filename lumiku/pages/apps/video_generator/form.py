"""The form: the model (those that cannot be used now shown off with their reason), the
prompt with its counter, "improve my prompt", what to avoid, and only the options the chosen
model offers (resolution, duration, aspect, sound); the pictures are pictures.py's."""

from __future__ import annotations

import reflex as rx

from lumiku.components.avatar_batches import field, model_select
from lumiku.components.forms import card
from lumiku.components.text import t
from lumiku.pages.apps.video_generator.improve import improve_panel
from lumiku.pages.apps.video_generator.pictures import pictures_panel
from lumiku.state.video_generator import FormState as S
from lumiku.state.video_generator.common import NEGATIVE_MAX, PROMPT_MAX


def _counter(count: rx.Var, most: int, counter_id: str, short: rx.Var | bool = False):
    return rx.text(
        count,
        " / ",
        most,
        size="1",
        color=rx.cond(short, "var(--gray-10)", rx.cond(count > most, "red", "var(--gray-10)")),
        id=counter_id,
        aria_live="polite",
    )


def _model() -> rx.Component:
    return rx.vstack(
        model_select(S, label_key="video_generator_label_model", css="vg"),
        rx.cond(S.model_note != "", rx.text(S.model_note, size="1", color_scheme="gray")),
        rx.foreach(
            S.models,
            lambda m: rx.cond(
                m.disabled,
                rx.text(
                    m.label,
                    size="1",
                    color_scheme="gray",
                    class_name="vg-model-off",
                    data_model=m.value,
                ),
            ),
        ),
        rx.cond(
            S.loaded & (S.models.length() == 0),
            rx.callout(
                t("video_generator_no_models"),
                icon="triangle-alert",
                color_scheme="orange",
                id="vg-no-models",
                width="100%",
            ),
        ),
        spacing="1",
        width="100%",
    )


def _prompt() -> rx.Component:
    return rx.vstack(
        field(
            "video_generator_label_prompt",
            "vg-prompt",
            rx.text_area(
                value=S.prompt,
                on_change=S.set_prompt.debounce(300),
                placeholder=t("video_generator_prompt_placeholder"),
                max_length=PROMPT_MAX,
                rows="4",
                width="100%",
                id="vg-prompt",
            ),
            rx.flex(
                rx.cond(
                    S.prompt_short,
                    rx.text(t("video_generator_prompt_hint"), size="1", color_scheme="gray"),
                ),
                rx.spacer(),
                _counter(S.prompt_count, PROMPT_MAX, "vg-prompt-count", S.prompt_short),
                width="100%",
                spacing="2",
            ),
            width="100%",
        ),
        improve_panel(),
        field(
            "video_generator_label_negative",
            "vg-negative-prompt",
            rx.text_area(
                value=S.negative_prompt,
                on_change=S.set_negative_prompt.debounce(300),
                placeholder=t("video_generator_negative_placeholder"),
                max_length=NEGATIVE_MAX,
                rows="2",
                width="100%",
                id="vg-negative-prompt",
            ),
            rx.flex(
                rx.spacer(),
                _counter(S.negative_count, NEGATIVE_MAX, "vg-negative-count"),
                width="100%",
            ),
            width="100%",
        ),
        spacing="3",
        width="100%",
    )


def _select(key: str, control_id: str, value, on_change, choices: rx.Var) -> rx.Component:
    """A select over the values the chosen model offers (and nothing else)."""
    return field(
        key,
        control_id,
        rx.select.root(
            rx.select.trigger(id=control_id, width="100%"),
            rx.select.content(rx.foreach(choices, lambda c: rx.select.item(c, value=c))),
            value=value,
            on_change=on_change,
        ),
        width="100%",
    )


def _options() -> rx.Component:
    return rx.vstack(
        rx.grid(
            _select(
                "video_generator_label_resolution",
                "vg-resolution",
                S.resolution,
                S.set_resolution,
                S.resolutions,
            ),
            _select(
                "video_generator_label_duration",
                "vg-duration",
                S.duration_text,
                S.set_duration,
                S.durations,
            ),
            _select("video_generator_label_aspect", "vg-aspect", S.aspect, S.set_aspect, S.aspects),
            columns=rx.breakpoints(initial="1", sm="3"),
            spacing="3",
            width="100%",
        ),
        rx.cond(
            S.audio_ok,
            rx.el.label(
                rx.hstack(
                    rx.switch(checked=S.audio, on_change=S.set_audio, id="vg-audio"),
                    rx.text(t("video_generator_label_audio"), size="2"),
                    spacing="2",
                    align="center",
                ),
                html_for="vg-audio",
            ),
        ),
        spacing="3",
        width="100%",
    )


def form_panel() -> rx.Component:
    return card(
        rx.heading(t("video_generator_form_title"), size="4", as_="h2"),
        _model(),
        _prompt(),
        _options(),
        pictures_panel(),
        id="vg-form",
    )
