"""The persona form (name, age, personality, background) and the nine visual attributes,
shared by making an avatar and editing one: `values` and `attributes` are the state's dicts,
`on_text(name, value)` and `on_attribute(key, value)` its handlers."""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx

from lumiku.components.text import t
from lumiku.services.avatar_creator import prompts
from lumiku.state.avatar_creator import UNSET


def label(key: str) -> rx.Component:
    return rx.text(t(key), size="1", weight="medium")


def text_field(
    name: str, values: rx.Var, on_text: Callable, css: str, *, area: bool = False, **props
) -> rx.Component:
    control = rx.text_area if area else rx.input
    return rx.vstack(
        label(f"avatar_creator_field_{name}"),
        control(
            value=values[name].to(str),
            on_change=lambda v: on_text(name, v).debounce(300),
            id=f"{css}-{name.replace('_', '-')}",
            width="100%",
            **props,
        ),
        spacing="1",
        width="100%",
    )


def value_key(value: str) -> str:
    return "avatar_creator_value_" + value.replace("-", "_")


def attribute_select(key: str, attributes: rx.Var, on_attribute: Callable, css: str):
    return rx.vstack(
        label(f"avatar_creator_attr_{key}"),
        rx.select.root(
            rx.select.trigger(id=f"{css}-attr-{key.replace('_', '-')}", width="100%"),
            rx.select.content(
                rx.select.item(t("avatar_creator_unset"), value=UNSET),
                *[rx.select.item(t(value_key(v)), value=v) for v in prompts.ATTRIBUTES[key]],
            ),
            value=attributes[key].to(str),
            on_change=lambda v: on_attribute(key, v),
        ),
        spacing="1",
        width="100%",
        min_width="0",
    )


def persona_form(
    values: rx.Var, attributes: rx.Var, on_text: Callable, on_attribute: Callable, css: str
) -> rx.Component:
    return rx.vstack(
        rx.grid(
            text_field("persona_name", values, on_text, css, max_length=80),
            text_field("persona_age", values, on_text, css, type="number", min=13, max=100),
            columns=rx.breakpoints(initial="1", sm="2"),
            spacing="3",
            width="100%",
        ),
        text_field("personality", values, on_text, css, max_length=400),
        text_field("background", values, on_text, css, area=True, max_length=1000),
        rx.text(t("avatar_creator_look"), size="2", weight="bold"),
        rx.grid(
            *[attribute_select(k, attributes, on_attribute, css) for k in prompts.ATTRIBUTES],
            columns=rx.breakpoints(initial="2", md="3"),
            spacing="3",
            width="100%",
        ),
        spacing="3",
        width="100%",
    )
