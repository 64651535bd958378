"""Pages reached from mailed links, and the development outbox that stands in for mail."""

from __future__ import annotations

import reflex as rx

from lumiku import routes
from lumiku.components.layout import page, shell
from lumiku.components.text import t
from lumiku.state.auth import AuthState, DevOutboxState, VerifyEmailState


def _result(icon: str, color: str, ok: str) -> rx.Component:
    return rx.callout(
        VerifyEmailState.message,
        icon=icon,
        color_scheme=color,
        id="verify-result",
        data_ok=ok,
        width="100%",
    )


@page(routes.VERIFY_EMAIL, "Email confirmation · Lumiku", on_load=VerifyEmailState.load)
def verify_email() -> rx.Component:
    return shell(
        rx.center(
            rx.card(
                rx.vstack(
                    rx.heading(t("verify_title"), size="6", as_="h1"),
                    rx.cond(
                        VerifyEmailState.done,
                        rx.cond(  # two fixed icons: an icon chosen by a state value
                            VerifyEmailState.ok,  # loads Lucide's whole icon map (240 kB)
                            _result("circle-check", "green", "yes"),
                            _result("triangle-alert", "red", "no"),
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
                rx.link(
                    row.link,
                    href=row.link,
                    class_name="outbox-link",
                    size="2",
                    word_break="break-all",  # a long link wraps on a phone
                ),
            ),
            rx.el.pre(
                row.text,
                style={
                    "white_space": "pre-wrap",
                    "word_break": "break-all",
                    "font_size": "0.85rem",
                },
            ),
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
