"""Sign in, sign up, and the forgotten-password pages (ask for a link, choose a new password)."""

from __future__ import annotations

import reflex as rx

from lumiku import routes
from lumiku.components.forms import error_callout, field, new_password_field, notice_callout, submit
from lumiku.components.layout import page, shell
from lumiku.components.text import t
from lumiku.state.auth import AuthState, ForgotPasswordState, ResetPasswordState

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
                rx.link(
                    t("forgot_password_link"),
                    href=routes.FORGOT_PASSWORD,
                    id="link-forgot-password",
                    size="2",
                ),
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
                new_password_field("field_password", "password", password_type),
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


def _back_to_sign_in() -> rx.Component:
    return rx.link(t("back_to_sign_in"), href=routes.SIGN_IN, id="link-back-to-sign-in")


@page(routes.FORGOT_PASSWORD, "Forgot password · Lumiku", on_load=ForgotPasswordState.load)
def forgot_password() -> rx.Component:
    return _panel(
        "forgot_title",
        rx.cond(
            ForgotPasswordState.sent,
            notice_callout(t("forgot_sent"), "forgot-sent"),
            rx.form(
                rx.vstack(
                    rx.text(t("forgot_intro"), color_scheme="gray", size="2"),
                    error_callout(ForgotPasswordState.error, "forgot-error"),
                    field(
                        "field_email",
                        "email",
                        type_="email",
                        autocomplete="email",
                        required=True,
                        auto_focus=True,
                    ),
                    submit("submit_send_link", ForgotPasswordState.busy, "submit-forgot"),
                    spacing="4",
                ),
                on_submit=ForgotPasswordState.request,
                reset_on_submit=False,
                id="forgot-form",
            ),
        ),
        _back_to_sign_in(),
    )


@page(routes.RESET_PASSWORD, "New password · Lumiku", on_load=ResetPasswordState.load)
def reset_password() -> rx.Component:
    return _panel(
        "reset_title",
        rx.cond(
            ResetPasswordState.link_error != "",
            rx.vstack(
                error_callout(ResetPasswordState.link_error, "reset-link-error"),
                rx.link(t("forgot_password_link"), href=routes.FORGOT_PASSWORD),
                spacing="3",
            ),
            rx.form(
                rx.vstack(
                    error_callout(ResetPasswordState.error, "reset-error"),
                    new_password_field("field_new_password", "new_password", password_type),
                    new_password_field(
                        "field_confirm_password", "confirm_password", password_type, hint=False
                    ),
                    _show_password(),
                    submit("submit_reset", ResetPasswordState.busy, "submit-reset"),
                    spacing="4",
                ),
                on_submit=ResetPasswordState.save,
                reset_on_submit=False,
                id="reset-form",
            ),
        ),
        _back_to_sign_in(),
    )
