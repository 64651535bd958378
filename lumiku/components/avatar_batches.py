"""Pieces of the cards that show what a batch made of an avatar (Avatar Generator's variations,
Pose Generator's results): the likeness badges, the seed, downloading and reusing the seed.
Each takes the app's message prefix (`avatar_generator`) and CSS prefix (`ag`): the app's
messages module defines the keys named below with that prefix."""

from __future__ import annotations

from typing import Any

import reflex as rx

from lumiku.components.text import t
from lumiku.components.work import download_link


def likeness_badges(tile: Any, *, prefix: str, css: str) -> rx.Component:
    """`tile` has `likeness` ("87%", "" when not measured) and `low_likeness`: the score, and a
    warning where the face may differ from the avatar's."""
    return rx.fragment(
        rx.cond(
            tile.likeness != "",
            rx.badge(
                t(f"{prefix}_likeness"),
                " ",
                tile.likeness,
                color_scheme=rx.cond(tile.low_likeness, "amber", "green"),
                class_name=f"{css}-likeness",
            ),
        ),
        rx.cond(
            tile.low_likeness,
            rx.badge(
                rx.icon("triangle-alert", size=12),
                t(f"{prefix}_low_likeness"),
                color_scheme="amber",
                variant="solid",
                class_name=f"{css}-low-likeness",
                style={"white_space": "normal"},
            ),
        ),
    )


def seed_text(seed: rx.Var, *, css: str) -> rx.Component:
    """The picture's seed, when it is known."""
    return rx.cond(
        seed != "",
        rx.text(t("field_seed"), " ", seed, size="1", class_name=f"{css}-seed"),
    )


def download_button(href: rx.Var, *, prefix: str, css: str) -> rx.Component:
    return download_link(
        rx.button(
            rx.icon("download", size=14),
            t(f"{prefix}_download"),
            size="1",
            variant="soft",
        ),
        href=href,
        class_name=f"{css}-download",
    )


def use_seed_button(seed: rx.Var, on_click: Any, *, prefix: str, css: str) -> rx.Component:
    """Puts a picture's seed into the form (`on_click`), to make more like it."""
    return rx.cond(
        seed != "",
        rx.button(
            t(f"{prefix}_use_seed"),
            size="1",
            variant="ghost",
            on_click=on_click,
            class_name=f"{css}-use-seed",
        ),
    )


def field_label(key: str, control_id: str) -> rx.Component:
    return rx.el.label(
        t(key), html_for=control_id, style={"font_weight": "500", "font_size": "0.8rem"}
    )


def field(key: str, control_id: str, *children: rx.Component, **props: Any) -> rx.Component:
    """A form's control under its label (`key`), the label naming the control's id."""
    return rx.vstack(field_label(key, control_id), *children, spacing="1", min_width="0", **props)


def _model_item(model: Any) -> rx.Component:
    return rx.select.item(model.label, value=model.value, disabled=model.disabled)


def model_select(state: Any, *, label_key: str, css: str) -> rx.Component:
    """The registry model to make the batch with; `state` is a BatchFormMixin state
    (lumiku.state.avatar_batches): `models`, `model_key` and `set_model`."""
    return field(
        label_key,
        f"{css}-model",
        rx.select.root(
            rx.select.trigger(id=f"{css}-model", width="100%"),
            rx.select.content(rx.foreach(state.models, _model_item)),
            value=state.model_key,
            on_change=state.set_model,
        ),
        width="100%",
    )


def seed_field(state: Any, *, prefix: str, css: str) -> rx.Component:
    """The seed to repeat a result with, empty for a new one each time (a BatchFormMixin
    state's `seed_text` and `set_seed`)."""
    return field(
        "field_seed",
        f"{css}-seed",
        rx.input(
            value=state.seed_text,
            on_change=state.set_seed.debounce(400),
            placeholder=t(f"{prefix}_seed_placeholder"),
            input_mode="numeric",
            max_length=12,
            width="10rem",
            id=f"{css}-seed",
        ),
        rx.text(t(f"{prefix}_seed_hint"), size="1", color_scheme="gray"),
    )
