"""The signed-in user's own account: profile changes and the devices (sessions) list."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from lumiku.i18n import format_datetime, tr
from lumiku.services import auth
from lumiku.state.auth import AuthState
from lumiku.state.base import Caller, call, error_text, form_text, with_user


class ProfileState(rx.State):
    name: str = ""
    email: str = ""
    error: str = ""
    notice: str = ""
    busy: bool = False

    @rx.event
    @with_user
    async def load(self, me: Caller):
        self.name, self.email = me.user.name, me.user.email

    @rx.event
    @with_user
    async def save_name(self, me: Caller, form: dict):
        await call(auth.change_name, me.user, form_text(form, "name", 200))
        await me.session._user()
        self.name, self.notice = me.session.user_name, tr("saved_name", me.lang)

    @rx.event
    @with_user
    async def save_email(self, me: Caller, form: dict):
        self.busy = True
        yield
        try:
            before = me.user.email
            self.email = await call(
                auth.change_email,
                me.user,
                form_text(form, "email", 254),
                form_text(form, "current_password", 200),
            )
            await me.session._user()
            if self.email == before:
                self.notice = tr("saved_email", me.lang)
            else:  # the new address is unverified: mail it a link (the banner can resend it)
                await me.session._send_verification(me.user.id)
                self.notice = tr("saved_email_verify", me.lang)
        finally:
            self.busy = False

    @rx.event
    @with_user
    async def save_password(self, me: Caller, form: dict):
        new = form_text(form, "new_password", 200)
        if new != form_text(form, "confirm_password", 200):
            self.error = tr("passwords_differ", me.lang)
            return
        self.busy = True
        yield
        try:
            ended = await call(
                auth.change_password, me.user, form_text(form, "current_password", 200), new
            )
            self.notice = tr("saved_password", me.lang, count=ended)
        finally:
            self.busy = False


@dataclass
class DeviceRow:
    id: str
    name: str
    device_type: str
    ip: str
    last_seen: str
    created: str
    current: bool


class DevicesState(rx.State):
    rows: list[DeviceRow] = []
    error: str = ""
    notice: str = ""
    loaded: bool = False

    async def _refresh(self, session: AuthState, user: auth.CurrentUser) -> None:
        views = await call(auth.list_sessions, user)
        lang = session.lang
        self.rows = [
            DeviceRow(
                id=v.id,
                name=v.device_name,
                device_type=v.device_type,
                ip=v.ip,
                last_seen=format_datetime(v.last_seen_at, lang),
                created=format_datetime(v.created_at, lang),
                current=v.current,
            )
            for v in views
        ]
        self.loaded = True

    @rx.event
    @with_user
    async def load(self, me: Caller):
        await self._refresh(me.session, me.user)

    @rx.event
    @with_user
    async def revoke(self, me: Caller, session_id: str):
        if not isinstance(session_id, str) or session_id == me.user.session_id:
            return
        try:
            await call(auth.revoke_session, me.user, session_id)
            self.notice = tr("devices_revoked", me.lang)
        except Exception as exc:  # noqa: BLE001 - shown, and the list is redrawn all the same
            self.error = error_text(exc, me.lang)
        await self._refresh(me.session, me.user)

    @rx.event
    @with_user
    async def revoke_others(self, me: Caller):
        count = await call(auth.revoke_other_sessions, me.user)
        self.notice = tr("devices_revoked_many", me.lang, count=count)
        await self._refresh(me.session, me.user)

    @rx.var
    def has_others(self) -> bool:
        return any(not row.current for row in self.rows)
