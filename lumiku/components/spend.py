"""The foot of a form that spends credits: the total with the button that asks before spending,
and the form's problem under it (grey while it is only a hint, red once it is a mistake).
`state` has `est_price`, `est_ready`, `busy`, `ask_generate` and `form_error`; ids are
`{css}-price`, `{css}-generate` and `{css}-form-error`."""

from __future__ import annotations

from typing import Any

import reflex as rx

from lumiku.components.text import t


def generate_row(
    state: Any, caption: rx.Component, *, icon: str, label_key: str, css: str
) -> rx.Component:
    """`caption` stands over the total (what the total is, or the price of one)."""
    return rx.flex(
        rx.vstack(
            caption,
            rx.text(state.est_price, size="5", weight="bold", id=f"{css}-price"),
            spacing="0",
            min_width="0",
        ),
        rx.spacer(),
        rx.button(
            rx.icon(icon, size=16),
            t(label_key),
            size="3",
            disabled=~state.est_ready | state.busy,
            on_click=state.ask_generate,
            id=f"{css}-generate",
        ),
        spacing="3",
        align="end",
        wrap="wrap",
        width="100%",
    )


def form_problem(state: Any, hint: rx.Var, *, css: str) -> rx.Component:
    """`hint` is true while nothing is filled in yet: the problem is then a hint, not an error."""
    return rx.cond(
        state.form_error != "",
        rx.text(
            state.form_error,
            color=rx.cond(hint, "gray", "red"),
            size="2",
            id=f"{css}-form-error",
            role="status",
        ),
    )
