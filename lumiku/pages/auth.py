"""Sign in and sign up."""

from __future__ import annotations

import reflex as rx

from lumiku import routes
from lumiku.components.forms import error_callout, field, submit
from lumiku.components.layout import page, shell
from lumiku.components.text import t
from lumiku.state.auth import AuthState

password_type = rx.cond(AuthState.show_password, "text", "password")


def _show_password() -> rx.Component:
    return rx.text(
        rx.checkbox(
            checked=AuthState.show_password,
            on_change=AuthState.set_show_password,
            margin_right="0.5rem",
        ),
        t("show_password"),
        as_="label",
        id="show-password",
        size="2",
        display="flex",
        align_items="center",
    )


def _panel(title_key: str, form: rx.Component, footer: rx.Component) -> rx.Component:
    return shell(
        rx.center(
            rx.card(
                rx.vstack(
                    rx.heading(t(title_key), size="6", as_="h1"),
                    rx.cond(
                        AuthState.notice != "",
                        rx.callout(
                            AuthState.notice, icon="info", id="sign-in-notice", width="100%"
                        ),
                    ),
                    error_callout(AuthState.error, "auth-error"),
                    form,
                    footer,
                    spacing="4",
                    width="100%",
                ),
                size="4",
                width="100%",
                max_width="26rem",
            ),
            padding_y=["0.5rem", "3rem"],
        )
    )


@page(routes.SIGN_IN, "Sign in · Lumiku", on_load=AuthState.guest_only)
def sign_in() -> rx.Component:
    return _panel(
        "sign_in_title",
        rx.form(
            rx.vstack(
                field(
                    "field_email",
                    "email",
                    type_="email",
                    autocomplete="email",
                    required=True,
                    auto_focus=True,
                ),
                field(
                    "field_password",
                    "password",
                    type_=password_type,
                    autocomplete="current-password",
                    required=True,
                ),
                _show_password(),
                submit("submit_sign_in", AuthState.busy, "submit-sign-in"),
                spacing="4",
            ),
            on_submit=AuthState.sign_in,
            reset_on_submit=False,
            id="sign-in-form",
        ),
        rx.hstack(
            rx.text(t("no_account"), color_scheme="gray"),
            rx.link(t("nav_sign_up"), href=routes.SIGN_UP, id="link-sign-up"),
            spacing="2",
        ),
    )


@page(routes.SIGN_UP, "Create account · Lumiku", on_load=AuthState.guest_only)
def sign_up() -> rx.Component:
    return _panel(
        "sign_up_title",
        rx.form(
            rx.vstack(
                field(
                    "field_name",
                    "name",
                    autocomplete="name",
                    required=True,
                    max_length=100,
                    auto_focus=True,
                ),
                field("field_email", "email", type_="email", autocomplete="email", required=True),
                field(
                    "field_password",
                    "password",
                    type_=password_type,
                    autocomplete="new-password",
                    hint_key="password_hint",
                    required=True,
                    min_length=8,
                ),
                _show_password(),
                submit("submit_sign_up", AuthState.busy, "submit-sign-up"),
                spacing="4",
            ),
            on_submit=AuthState.sign_up,
            reset_on_submit=False,
            id="sign-up-form",
        ),
        rx.hstack(
            rx.text(t("landing_have_account"), color_scheme="gray"),
            rx.link(t("nav_sign_in"), href=routes.SIGN_IN, id="link-sign-in"),
            spacing="2",
        ),
    )
