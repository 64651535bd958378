"""Pages reached from mailed links, and the development outbox that stands in for mail."""

from __future__ import annotations

import reflex as rx

from lumiku import routes
from lumiku.components.layout import page, shell
from lumiku.components.text import t
from lumiku.state.auth import AuthState, DevOutboxState, VerifyEmailState


@page(routes.VERIFY_EMAIL, "Email confirmation · Lumiku", on_load=VerifyEmailState.load)
def verify_email() -> rx.Component:
    return shell(
        rx.center(
            rx.card(
                rx.vstack(
                    rx.heading(t("verify_title"), size="6", as_="h1"),
                    rx.cond(
                        VerifyEmailState.done,
                        rx.callout(
                            VerifyEmailState.message,
                            icon=rx.cond(VerifyEmailState.ok, "circle-check", "triangle-alert"),
                            color_scheme=rx.cond(VerifyEmailState.ok, "green", "red"),
                            id="verify-result",
                            data_ok=rx.cond(VerifyEmailState.ok, "yes", "no"),
                            width="100%",
                        ),
                        rx.hstack(rx.spinner(), rx.text(t("verify_checking"))),
                    ),
                    rx.cond(
                        AuthState.signed_in,
                        rx.link(t("verify_continue"), href=routes.DASHBOARD, id="verify-continue"),
                        rx.link(t("back_to_sign_in"), href=routes.SIGN_IN, id="verify-continue"),
                    ),
                    spacing="4",
                    width="100%",
                ),
                size="4",
                width="100%",
                max_width="30rem",
            ),
            padding_y=["0.5rem", "3rem"],
        )
    )


def _mail(row) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.text(row.subject, weight="bold", class_name="outbox-subject"),
                rx.text(row.when, size="1", color_scheme="gray"),
                justify="between",
                width="100%",
            ),
            rx.text(row.recipient, size="2", color_scheme="gray", class_name="outbox-to"),
            rx.cond(
                row.link != "",
                rx.link(row.link, href=row.link, class_name="outbox-link", size="2"),
            ),
            rx.el.pre(row.text, style={"white_space": "pre-wrap", "font_size": "0.85rem"}),
            spacing="2",
            width="100%",
        ),
        class_name="outbox-mail",
        width="100%",
    )


@page(routes.DEV_OUTBOX, "Outbox · Lumiku", on_load=DevOutboxState.load)
def dev_outbox() -> rx.Component:
    return shell(
        rx.vstack(
            rx.heading(t("outbox_title"), size="6", as_="h1"),
            rx.cond(
                DevOutboxState.available,
                rx.vstack(
                    rx.text(t("outbox_intro"), color_scheme="gray", size="2"),
                    rx.cond(
                        DevOutboxState.rows.length() > 0,
                        rx.vstack(rx.foreach(DevOutboxState.rows, _mail), width="100%"),
                        rx.text(t("outbox_empty"), color_scheme="gray"),
                    ),
                    width="100%",
                    spacing="3",
                ),
                rx.callout(t("outbox_unavailable"), icon="info", id="outbox-unavailable"),
            ),
            id="outbox",
            spacing="4",
            width="100%",
        )
    )
