"""Form building blocks with labels, ids for tests and accessible error and notice callouts."""

from __future__ import annotations

import reflex as rx

from lumiku.components.text import t


def field(
    label_key: str,
    name: str,
    *,
    type_: str = "text",
    autocomplete: str = "",
    hint_key: str = "",
    **props,
) -> rx.Component:
    input_id = props.pop("id", f"field-{name}")
    return rx.box(
        rx.el.label(
            t(label_key), html_for=input_id, style={"font_weight": "500", "font_size": "0.9rem"}
        ),
        rx.input(
            name=name,
            id=input_id,
            type=type_,
            auto_complete=autocomplete or None,
            size="3",
            width="100%",
            margin_top="0.25rem",
            **props,
        ),
        rx.text(t(hint_key), size="1", color_scheme="gray", margin_top="0.25rem")
        if hint_key
        else rx.fragment(),
        width="100%",
    )


def new_password_field(
    label_key: str, name: str, type_: rx.Var | str = "password", hint: bool = True
) -> rx.Component:
    """A field for choosing a password: the same length rule and hint on every form."""
    return field(
        label_key,
        name,
        type_=type_,
        autocomplete="new-password",
        hint_key="password_hint" if hint else "",
        required=True,
        min_length=8,
    )


def error_callout(message: rx.Var, callout_id: str = "form-error") -> rx.Component:
    return rx.cond(
        message != "",
        rx.callout(
            message,
            icon="triangle-alert",
            color_scheme="red",
            role="alert",
            id=callout_id,
            width="100%",
        ),
    )


def notice_callout(message: rx.Var, callout_id: str = "form-notice") -> rx.Component:
    return rx.cond(
        message != "",
        rx.callout(
            message,
            icon="circle-check",
            color_scheme="green",
            role="status",
            id=callout_id,
            width="100%",
        ),
    )


def submit(label_key: str, busy: rx.Var, button_id: str) -> rx.Component:
    return rx.button(
        t(label_key), type="submit", size="3", loading=busy, id=button_id, width="100%"
    )


def card(*children: rx.Component, **props) -> rx.Component:
    return rx.card(rx.vstack(*children, spacing="3", width="100%"), size="3", width="100%", **props)


def choice_select(choices: rx.Var, value: rx.Var, on_change, **props) -> rx.Component:
    """A select over a state list of choices, each with `.value` and `.label`; `props` go to the
    trigger (an id, a size)."""
    return rx.select.root(
        rx.select.trigger(**props),
        rx.select.content(rx.foreach(choices, lambda c: rx.select.item(c.label, value=c.value))),
        value=value,
        on_change=on_change,
    )
