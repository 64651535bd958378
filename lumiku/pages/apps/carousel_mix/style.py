"""The style of the position being edited, beside its live preview: presets one click away,
then the text, its box, and its outline and shadow, each in its own tab (short on a phone)."""

from __future__ import annotations

import reflex as rx

from lumiku.components.forms import card
from lumiku.components.text import t
from lumiku.services.carousel_mix import style
from lumiku.state.carousel_mix import Choice
from lumiku.state.carousel_mix import StyleState as S

WEIGHTS = (300, 400, 500, 600, 700, 800, 900)


def _label(name: str) -> rx.Component:
    return rx.text(t(f"carousel_mix_opt_{name}"), size="1", weight="medium")


def _slider(name: str, step: float = 1) -> rx.Component:
    low, high, _whole = style.RANGES[name]
    value = S.values[name].to(float)
    return rx.vstack(
        rx.hstack(_label(name), rx.spacer(), rx.text(value, size="1"), width="100%"),
        rx.slider(
            value=[value],
            min=low,
            max=high,
            step=step,
            on_change=lambda v: S.set_field(name, v),
            id=f"cm-style-{name}",
            aria_label=t(f"carousel_mix_opt_{name}"),
        ),
        spacing="1",
        width="100%",
    )


def _colour(name: str) -> rx.Component:
    return rx.vstack(
        _label(name),
        rx.input(
            type="color",
            value=S.values[name].to(str),
            on_change=lambda v: S.set_field(name, v),
            id=f"cm-style-{name}",
            aria_label=t(f"carousel_mix_opt_{name}"),
            width="4rem",
            padding="2px",
        ),
        spacing="1",
    )


def _choice(name: str, options: list[tuple[str, rx.Var]], value: rx.Var) -> rx.Component:
    return rx.vstack(
        _label(name),
        rx.select.root(
            rx.select.trigger(id=f"cm-style-{name}", aria_label=t(f"carousel_mix_opt_{name}")),
            rx.select.content(*[rx.select.item(label, value=value) for value, label in options]),
            value=value,
            on_change=lambda v: S.set_field(name, v),
        ),
        spacing="1",
    )


def _presets() -> rx.Component:
    def saved(choice: Choice) -> rx.Component:
        return rx.hstack(
            rx.button(
                choice.label,
                size="1",
                variant="soft",
                color_scheme="gray",
                on_click=S.apply_preset(choice.value),
            ),
            rx.icon_button(
                rx.icon("x", size=12),
                size="1",
                variant="ghost",
                color_scheme="red",
                aria_label=t("carousel_mix_delete_style"),
                on_click=S.delete_preset(choice.value),
            ),
            spacing="0",
        )

    return rx.vstack(
        rx.text(t("carousel_mix_presets"), size="1", weight="medium"),
        rx.flex(
            *[
                rx.button(
                    t(f"carousel_mix_preset_{key}"),
                    size="1",
                    variant="soft",
                    on_click=S.apply_preset(f"builtin:{key}"),
                    class_name="cm-preset",
                    data_preset=key,
                )
                for key in style.PRESETS
            ],
            rx.foreach(S.presets, saved),
            spacing="2",
            wrap="wrap",
        ),
        rx.form(
            rx.hstack(
                rx.input(
                    name="name",
                    placeholder=t("carousel_mix_style_name"),
                    aria_label=t("carousel_mix_style_name"),
                    max_length=60,
                    size="1",
                    required=True,
                ),
                rx.button(t("carousel_mix_save_style"), type="submit", size="1", variant="outline"),
                spacing="2",
            ),
            on_submit=S.save_preset,
            reset_on_submit=True,
        ),
        spacing="2",
        width="100%",
    )


def _text_tab() -> rx.Component:
    fonts = [(key, t(f"carousel_mix_font_{key}")) for key in style.FONTS]
    weights = [(str(w), t(f"carousel_mix_weight_{w}")) for w in WEIGHTS]
    aligns = [(a, t(f"carousel_mix_align_{a}")) for a in style.ALIGNS]
    return rx.vstack(
        rx.flex(
            _choice("font", fonts, S.values["font"].to(str)),
            _choice("weight", weights, S.values["weight"].to(int).to_string()),
            _choice("align", aligns, S.values["align"].to(str)),
            _colour("color"),
            spacing="3",
            wrap="wrap",
        ),
        _slider("size", 0.1),
        rx.grid(_slider("x"), _slider("y"), columns="2", spacing="3", width="100%"),
        _slider("max_width"),
        _slider("line_spacing", 0.05),
        spacing="3",
        width="100%",
    )


def _box_tab() -> rx.Component:
    return rx.vstack(
        _colour("box_color"),
        _slider("box_opacity"),
        _slider("box_padding", 0.05),
        _slider("box_radius", 0.05),
        spacing="3",
        width="100%",
    )


def _effects_tab() -> rx.Component:
    return rx.vstack(
        rx.flex(_colour("outline_color"), _colour("shadow_color"), spacing="4"),
        _slider("outline_width", 0.5),
        _slider("shadow_opacity"),
        rx.grid(_slider("shadow_x"), _slider("shadow_y"), columns="2", spacing="3", width="100%"),
        _slider("shadow_blur", 0.5),
        spacing="3",
        width="100%",
    )


def _preview() -> rx.Component:
    return rx.vstack(
        rx.box(
            rx.cond(
                S.preview_src != "",
                rx.image(
                    src=S.preview_src,
                    alt=t("carousel_mix_preview"),
                    width="100%",
                    border_radius="6px",
                    id="cm-preview",
                ),
                rx.center(
                    rx.text(t("carousel_mix_preview_empty"), size="2", color_scheme="gray"),
                    height="12rem",
                ),
            ),
            rx.cond(S.preview_busy, rx.spinner(position="absolute", top="8px", right="8px")),
            position="relative",
            width="100%",
            max_width="24rem",
        ),
        rx.cond(
            ~S.preview_fits,
            rx.text(
                t("carousel_mix_preview_does_not_fit"), size="1", color="amber", id="cm-preview-fit"
            ),
        ),
        rx.cond(
            S.text_samples.length() > 0,
            rx.vstack(
                rx.text(t("carousel_mix_preview_text"), size="1", weight="medium"),
                rx.select.root(
                    rx.select.trigger(id="cm-preview-text", max_width="100%"),
                    rx.select.content(
                        rx.foreach(S.text_samples, lambda c: rx.select.item(c.label, value=c.value))
                    ),
                    on_change=S.choose_text,
                ),
                spacing="1",
                width="100%",
            ),
        ),
        rx.cond(
            S.preview_picture != "",
            rx.vstack(
                rx.text(t("carousel_mix_focal_hint"), size="1", color_scheme="gray"),
                rx.grid(
                    rx.vstack(
                        _label("focal_x"),
                        rx.slider(
                            value=[S.focal_x],
                            min=0,
                            max=100,
                            step=1,
                            on_change=lambda v: S.move_focal("x", v),
                            on_value_commit=S.save_focal,
                            id="cm-focal-x",
                        ),
                        width="100%",
                    ),
                    rx.vstack(
                        _label("focal_y"),
                        rx.slider(
                            value=[S.focal_y],
                            min=0,
                            max=100,
                            step=1,
                            on_change=lambda v: S.move_focal("y", v),
                            on_value_commit=S.save_focal,
                            id="cm-focal-y",
                        ),
                        width="100%",
                    ),
                    columns="2",
                    spacing="3",
                    width="100%",
                ),
                width="100%",
                spacing="1",
            ),
        ),
        spacing="2",
        width="100%",
        align="center",
    )


def style_panel() -> rx.Component:
    return card(
        rx.heading(t("carousel_mix_style"), size="4", as_="h2"),
        _preview(),
        _presets(),
        rx.tabs.root(
            rx.tabs.list(
                rx.tabs.trigger(t("carousel_mix_style_text"), value="text"),
                rx.tabs.trigger(t("carousel_mix_style_box"), value="box"),
                rx.tabs.trigger(t("carousel_mix_style_effects"), value="effects"),
            ),
            rx.tabs.content(_text_tab(), value="text", padding_top="0.75rem"),
            rx.tabs.content(_box_tab(), value="box", padding_top="0.75rem"),
            rx.tabs.content(_effects_tab(), value="effects", padding_top="0.75rem"),
            default_value="text",
            width="100%",
        ),
        id="cm-style",
    )
