"""The signed-in user's own account: profile changes and the devices (sessions) list."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from lumiku.i18n import format_datetime, tr
from lumiku.services import auth
from lumiku.state.auth import AuthState, signed_in_user
from lumiku.state.base import call, error_text, form_text


class ProfileState(rx.State):
    name: str = ""
    email: str = ""
    error: str = ""
    notice: str = ""
    busy: bool = False

    @rx.event
    async def load(self):
        self.error = self.notice = ""
        session, user = await signed_in_user(self)
        if user is None:
            return session._to_sign_in()
        self.name, self.email = user.name, user.email

    @rx.event
    async def save_name(self, form: dict):
        self.error = self.notice = ""
        session, user = await signed_in_user(self)
        if user is None:
            return session._to_sign_in()
        try:
            await call(auth.change_name, user, form_text(form, "name", 200))
        except Exception as exc:  # noqa: BLE001
            self.error = error_text(exc, session.lang)
            return
        await session._user()
        self.name, self.notice = session.user_name, tr("saved_name", session.lang)

    @rx.event
    async def save_email(self, form: dict):
        self.error = self.notice = ""
        session, user = await signed_in_user(self)
        if user is None:
            yield session._to_sign_in()
            return
        self.busy = True
        yield
        try:
            self.email = await call(
                auth.change_email,
                user,
                form_text(form, "email", 254),
                form_text(form, "current_password", 200),
            )
            await session._user()
            self.notice = tr("saved_email", session.lang)
        except Exception as exc:  # noqa: BLE001
            self.error = error_text(exc, session.lang)
        finally:
            self.busy = False

    @rx.event
    async def save_password(self, form: dict):
        self.error = self.notice = ""
        session, user = await signed_in_user(self)
        if user is None:
            yield session._to_sign_in()
            return
        new = form_text(form, "new_password", 200)
        if new != form_text(form, "confirm_password", 200):
            self.error = tr("passwords_differ", session.lang)
            return
        self.busy = True
        yield
        try:
            ended = await call(
                auth.change_password, user, form_text(form, "current_password", 200), new
            )
            self.notice = tr("saved_password", session.lang, count=ended)
        except Exception as exc:  # noqa: BLE001
            self.error = error_text(exc, session.lang)
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
    async def load(self):
        self.error = self.notice = ""
        session, user = await signed_in_user(self)
        if user is None:
            return session._to_sign_in()
        await self._refresh(session, user)

    @rx.event
    async def revoke(self, session_id: str):
        self.error = self.notice = ""
        session, user = await signed_in_user(self)
        if user is None:
            return session._to_sign_in()
        if not isinstance(session_id, str) or session_id == user.session_id:
            return
        try:
            await call(auth.revoke_session, user, session_id)
            self.notice = tr("devices_revoked", session.lang)
        except Exception as exc:  # noqa: BLE001
            self.error = error_text(exc, session.lang)
        await self._refresh(session, user)

    @rx.event
    async def revoke_others(self):
        self.error = self.notice = ""
        session, user = await signed_in_user(self)
        if user is None:
            return session._to_sign_in()
        count = await call(auth.revoke_other_sessions, user)
        self.notice = tr("devices_revoked_many", session.lang, count=count)
        await self._refresh(session, user)

    @rx.var
    def has_others(self) -> bool:
        return any(not row.current for row in self.rows)
