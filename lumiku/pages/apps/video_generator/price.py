"""The price in its parts (the model's price, then each option that adds to it), the total,
the button that asks before spending, and the confirmation with the total."""

from __future__ import annotations

import reflex as rx

from lumiku import routes
from lumiku.components.forms import card
from lumiku.components.spend import form_problem, generate_row
from lumiku.components.text import t
from lumiku.state.video_generator import FormState as S
from lumiku.state.video_generator import PriceLine


def _line(line: PriceLine, index: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.text(line.label, size="2"),
        rx.spacer(),
        rx.text(rx.cond(index > 0, "+", ""), line.credits, size="2", weight="medium"),
        width="100%",
        class_name="vg-price-line",
    )


def _lines(lines_id: str) -> rx.Component:
    return rx.vstack(rx.foreach(S.est_lines, _line), spacing="1", width="100%", id=lines_id)


def price_panel() -> rx.Component:
    return card(
        rx.heading(t("video_generator_price_title"), size="4", as_="h2"),
        rx.cond(S.est_price != "", _lines("vg-price-lines")),
        rx.divider(),
        generate_row(
            S,
            rx.text(t("video_generator_total"), size="1", color_scheme="gray"),
            icon="clapperboard",
            label_key="video_generator_generate",
            css="vg",
        ),
        form_problem(S, S.prompt_short, css="vg"),  # nothing written yet: a hint
        id="vg-price-panel",
    )


def confirm_dialog() -> rx.Component:
    """The total and the balance (and, when it is short, the way to credits) before anything
    is spent."""
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title(t("video_generator_confirm_title")),
            rx.alert_dialog.description(t("video_generator_confirm_body")),
            rx.vstack(
                _lines("vg-confirm-lines"),
                rx.divider(),
                rx.text(
                    t("video_generator_confirm_price"),
                    " ",
                    rx.text.strong(S.est_price, id="vg-confirm-price"),
                ),
                rx.cond(
                    S.est_available != "",
                    rx.text(t("video_generator_confirm_available"), " ", S.est_available),
                ),
                rx.cond(
                    ~S.est_affordable,
                    rx.callout(
                        rx.hstack(
                            rx.text(t("video_generator_not_enough")),
                            rx.link(t("nav_credits"), href=routes.CREDITS),
                        ),
                        color_scheme="red",
                        icon="triangle-alert",
                    ),
                ),
                spacing="2",
                width="100%",
                margin_top="0.5rem",
            ),
            rx.hstack(
                rx.alert_dialog.cancel(
                    rx.button(
                        t("cancel"), variant="soft", color_scheme="gray", on_click=S.cancel_generate
                    )
                ),
                rx.button(
                    t("video_generator_confirm_go"),
                    on_click=S.generate,
                    loading=S.busy,
                    disabled=~S.est_affordable,
                    id="vg-confirm-generate",
                ),
                justify="end",
                spacing="3",
                margin_top="1rem",
            ),
        ),
        open=S.confirming,
    )
