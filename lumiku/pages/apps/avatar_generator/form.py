"""The form: model, quality, priority, style, strength, extra words and seed; the price rule, the
live estimate and the button that asks before spending."""

from __future__ import annotations

import reflex as rx

from lumiku.components.avatar_batches import field, field_label, model_select, seed_field
from lumiku.components.forms import card
from lumiku.components.projects import spend_row
from lumiku.components.text import t
from lumiku.services.avatar_generator import rules
from lumiku.state.avatar_generator import GenerateState as S


def _quality_and_priority() -> rx.Component:
    return rx.flex(
        field(
            "avatar_generator_quality_label",
            "ag-quality",
            rx.select.root(
                rx.select.trigger(id="ag-quality"),
                rx.select.content(
                    *[
                        rx.select.item(t(f"avatar_generator_quality_{q}", px=str(px)), value=q)
                        for q, px in rules.QUALITIES.items()
                    ]
                ),
                value=S.quality,
                on_change=S.set_quality,
            ),
        ),
        field(
            "avatar_generator_opt_priority",
            "ag-priority",
            rx.hstack(
                rx.switch(checked=S.priority, on_change=S.set_priority, id="ag-priority"),
                rx.text(t("avatar_generator_priority_hint"), size="1", color_scheme="gray"),
                align="center",
                spacing="2",
            ),
            flex="1",
        ),
        spacing="4",
        wrap="wrap",
        width="100%",
    )


def _style() -> rx.Component:
    return field(
        "avatar_generator_style_label",
        "ag-style",
        rx.select.root(
            rx.select.trigger(id="ag-style"),
            rx.select.content(
                *[rx.select.item(t(f"avatar_generator_style_{s}"), value=s) for s in rules.STYLES]
            ),
            value=S.style,
            on_change=S.set_style,
        ),
    )


def _strength() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            field_label("avatar_generator_opt_strength", "ag-strength"),
            rx.spacer(),
            rx.text(S.strength, size="1", id="ag-strength-value"),
            width="100%",
        ),
        rx.slider(
            value=[S.strength],
            min=0.2,
            max=0.9,
            step=0.05,
            on_change=S.set_strength.throttle(400),
            id="ag-strength",
        ),
        rx.text(t("avatar_generator_strength_hint"), size="1", color_scheme="gray"),
        spacing="1",
        width="100%",
    )


def _prompt_and_seed() -> rx.Component:
    return rx.vstack(
        field(
            "avatar_generator_opt_prompt",
            "ag-prompt",
            rx.text_area(
                value=S.prompt,
                on_change=S.set_prompt.debounce(500),
                placeholder=t("avatar_generator_prompt_placeholder"),
                max_length=500,
                rows="2",
                width="100%",
                id="ag-prompt",
            ),
            width="100%",
        ),
        seed_field(S, prefix="avatar_generator", css="ag"),
        spacing="3",
        width="100%",
    )


def form_panel() -> rx.Component:
    return card(
        rx.heading(t("avatar_generator_form_title"), size="4", as_="h2"),
        model_select(S, label_key="avatar_generator_opt_model", css="ag"),
        _quality_and_priority(),
        _style(),
        _strength(),
        _prompt_and_seed(),
        rx.text(S.price_rule, size="2", color_scheme="gray", id="ag-price-rule"),
        spend_row(
            S,
            per_item=rx.el.span(S.est_per_item, id="ag-per-item"),
            most=rules.MAX_COUNT,
            prefix="avatar_generator",
            css="ag",
        ),
        rx.cond(
            S.form_error != "",
            rx.text(S.form_error, color="red", size="2", id="ag-form-error"),
        ),
    )
