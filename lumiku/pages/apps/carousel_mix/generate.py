"""The generate panel: how many sets, how they are delivered, the combinations per position and
the price, shown before the user confirms."""

from __future__ import annotations

import reflex as rx

from lumiku.components.forms import card
from lumiku.components.projects import figure, spend_row
from lumiku.components.text import t
from lumiku.services.carousel_mix import rules
from lumiku.state.carousel_mix import GenerateState as S


def _options() -> rx.Component:
    return rx.flex(
        rx.vstack(
            rx.text(t("carousel_mix_opt_format"), size="1", weight="medium"),
            rx.select.root(
                rx.select.trigger(id="cm-format"),
                rx.select.content(*[rx.select.item(f.upper(), value=f) for f in rules.FORMATS]),
                value=S.output["format"].to(str),
                on_change=lambda v: S.set_output("format", v),
            ),
            spacing="1",
        ),
        rx.cond(
            S.output["format"].to(str) == "jpg",
            rx.vstack(
                rx.text(
                    t("carousel_mix_opt_quality"),
                    " ",
                    S.output["quality"].to(int),
                    size="1",
                    weight="medium",
                ),
                rx.slider(
                    value=[S.output["quality"].to(int)],
                    min=60,
                    max=100,
                    step=1,
                    on_change=lambda v: S.set_output("quality", v),
                    width="10rem",
                ),
                spacing="1",
            ),
        ),
        rx.vstack(
            rx.text(t("carousel_mix_opt_order"), size="1", weight="medium"),
            rx.select.root(
                rx.select.trigger(id="cm-order"),
                rx.select.content(
                    *[rx.select.item(t(f"carousel_mix_order_{o}"), value=o) for o in rules.ORDERS]
                ),
                value=S.output["order"].to(str),
                on_change=lambda v: S.set_output("order", v),
            ),
            spacing="1",
        ),
        rx.hstack(
            rx.checkbox(
                checked=S.output["pdf"].to(bool),
                on_change=lambda v: S.set_output("pdf", v),
                id="cm-pdf",
            ),
            rx.text(t("carousel_mix_opt_pdf"), size="2"),
            align="center",
            spacing="2",
        ),
        spacing="4",
        align="end",
        wrap="wrap",
        width="100%",
    )


def generate_panel() -> rx.Component:
    return card(
        rx.heading(t("carousel_mix_generate_title"), size="4", as_="h2"),
        _options(),
        figure("carousel_mix_combinations", S.est_factors, "cm-combinations"),
        spend_row(S, per_item=S.est_per_set, most=rules.MAX_SETS, prefix="carousel_mix", css="cm"),
        rx.cond(
            S.output_error != "",
            rx.text(S.output_error, color="red", size="2", id="cm-output-error"),
        ),
        rx.cond(
            S.est_notice != "",
            rx.text(S.est_notice, color_scheme="amber", size="2", id="cm-estimate-notice"),
        ),
    )
