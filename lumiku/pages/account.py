"""The user's own account: profile (name, email, password, language) and devices."""

from __future__ import annotations

import reflex as rx

from lumiku import routes
from lumiku.components.dialogs import confirm_dialog
from lumiku.components.forms import card, error_callout, field, new_password_field, notice_callout
from lumiku.components.layout import CHANGE_LANGUAGE, signed_in_page
from lumiku.components.text import t
from lumiku.i18n import LANGUAGE_NAMES
from lumiku.state.account import DeviceRow, DevicesState, ProfileState
from lumiku.state.auth import AuthState


def _form(
    section_key: str, on_submit, form_id: str, *fields: rx.Component, note_key: str = ""
) -> rx.Component:
    return card(
        rx.heading(t(section_key), size="4", as_="h2"),
        rx.text(t(note_key), size="2", color_scheme="gray") if note_key else rx.fragment(),
        rx.form(
            rx.vstack(
                *fields,
                rx.button(
                    t("save"), type="submit", loading=ProfileState.busy, id=f"{form_id}-save"
                ),
                spacing="3",
                align="start",
                width="100%",
            ),
            on_submit=on_submit,
            reset_on_submit=True,
            id=form_id,
        ),
    )


@signed_in_page(routes.PROFILE, "Profile", on_load=ProfileState.load)
def profile() -> rx.Component:
    return rx.vstack(
        rx.heading(t("profile_title"), size="7", as_="h1"),
        error_callout(ProfileState.error, "profile-error"),
        notice_callout(ProfileState.notice, "profile-notice"),
        rx.grid(
            _form(
                "profile_name_section",
                ProfileState.save_name,
                "name-form",
                field(
                    "field_name",
                    "name",
                    default_value=ProfileState.name,
                    autocomplete="name",
                    required=True,
                    max_length=100,
                    key=ProfileState.name,
                ),
            ),
            _form(
                "profile_email_section",
                ProfileState.save_email,
                "email-form",
                rx.text(ProfileState.email, weight="medium", id="current-email"),
                field(
                    "field_new_email",
                    "email",
                    type_="email",
                    autocomplete="email",
                    required=True,
                    id="field-new-email",
                ),
                field(
                    "field_current_password",
                    "current_password",
                    type_="password",
                    autocomplete="current-password",
                    required=True,
                    id="field-email-current-password",
                ),
            ),
            _form(
                "profile_password_section",
                ProfileState.save_password,
                "password-form",
                field(
                    "field_current_password",
                    "current_password",
                    type_="password",
                    autocomplete="current-password",
                    required=True,
                ),
                new_password_field("field_new_password", "new_password"),
                new_password_field("field_confirm_password", "confirm_password", hint=False),
                note_key="profile_password_note",
            ),
            card(
                rx.heading(t("profile_language_section"), size="4", as_="h2"),
                rx.radio_group.root(
                    rx.vstack(
                        *[
                            rx.radio_group.item(label, value=code)
                            for code, label in LANGUAGE_NAMES.items()
                        ]
                    ),
                    value=AuthState.lang,
                    on_change=CHANGE_LANGUAGE,
                    id="profile-language",
                ),
            ),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="4",
            width="100%",
        ),
        spacing="5",
        width="100%",
    )


def _device_icon(row: DeviceRow) -> rx.Component:
    return rx.match(
        row.device_type,
        ("mobile", rx.icon("smartphone")),
        ("tablet", rx.icon("tablet")),
        rx.icon("monitor"),
    )


def _device(row: DeviceRow) -> rx.Component:
    return rx.card(
        rx.flex(
            rx.hstack(
                _device_icon(row),
                rx.vstack(
                    rx.hstack(
                        rx.text(row.name, weight="bold"),
                        rx.cond(row.current, rx.badge(t("devices_this"), color_scheme="green")),
                        align="center",
                        wrap="wrap",
                    ),
                    rx.text(
                        t("devices_last_active"), ": ", row.last_seen, size="2", color_scheme="gray"
                    ),
                    rx.text(
                        t("devices_signed_in"),
                        ": ",
                        row.created,
                        " · ",
                        t("devices_ip"),
                        ": ",
                        row.ip,
                        size="2",
                        color_scheme="gray",
                    ),
                    spacing="1",
                ),
                align="start",
                spacing="3",
            ),
            rx.cond(
                ~row.current,
                rx.button(
                    t("devices_revoke"),
                    variant="soft",
                    color_scheme="red",
                    on_click=DevicesState.revoke(row.id),
                    class_name="revoke-device",
                ),
            ),
            direction=rx.breakpoints(initial="column", sm="row"),
            justify="between",
            spacing="3",
        ),
        width="100%",
        class_name="device-row",
    )


def _revoke_others_dialog() -> rx.Component:
    return confirm_dialog(
        title_key="devices_confirm_title",
        body_key="devices_confirm_body",
        confirm_key="confirm",
        on_confirm=DevicesState.revoke_others,
        confirm_id="confirm-revoke-others",
        trigger=rx.button(
            t("devices_revoke_others"),
            color_scheme="red",
            variant="outline",
            id="revoke-others",
            disabled=~DevicesState.has_others,
        ),
    )


@signed_in_page(routes.DEVICES, "Devices", on_load=DevicesState.load)
def devices() -> rx.Component:
    return rx.vstack(
        rx.flex(
            rx.vstack(
                rx.heading(t("devices_title"), size="7", as_="h1"),
                rx.text(t("devices_subtitle"), color_scheme="gray"),
                spacing="1",
            ),
            _revoke_others_dialog(),
            direction=rx.breakpoints(initial="column", sm="row"),
            justify="between",
            spacing="3",
            width="100%",
        ),
        error_callout(DevicesState.error, "devices-error"),
        notice_callout(DevicesState.notice, "devices-notice"),
        rx.cond(
            DevicesState.loaded,
            rx.vstack(
                rx.foreach(DevicesState.rows, _device), spacing="3", width="100%", id="device-list"
            ),
            rx.spinner(),
        ),
        rx.cond(
            DevicesState.loaded & ~DevicesState.has_others,
            rx.text(t("devices_none_other"), color_scheme="gray", id="no-other-devices"),
        ),
        spacing="4",
        width="100%",
    )
