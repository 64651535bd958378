"""Admin pages. Each handler re-checks the admin role in the service, never only in the UI."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from lumiku.i18n import format_datetime, tr
from lumiku.services import users
from lumiku.services.errors import Forbidden
from lumiku.state.auth import signed_in_user
from lumiku.state.base import call, error_text


@dataclass
class UserListRow:
    id: int
    email: str
    name: str
    role: str
    account_type: str
    joined: str


class AdminUsersState(rx.State):
    rows: list[UserListRow] = []
    query: str = ""
    page: int = 1
    pages: int = 1
    total: int = 0
    error: str = ""
    notice: str = ""

    async def _load(self):
        session, actor = await signed_in_user(self)
        if actor is None:
            return session._to_sign_in()
        try:
            result = await call(users.list_users, actor, self.page, self.query)
        except Forbidden:
            return rx.redirect("/dashboard", replace=True)
        self.page, self.pages, self.total = result.page, result.pages, result.total
        self.rows = [
            UserListRow(
                id=r.id,
                email=r.email,
                name=r.name,
                role=r.role,
                account_type=r.account_type,
                joined=format_datetime(r.created_at, session.lang),
            )
            for r in result.rows
        ]
        return None

    @rx.event
    async def load(self):
        self.error = self.notice = ""
        self.page = 1
        return await self._load()

    @rx.event
    async def search(self, query: str):
        self.query = query[:100] if isinstance(query, str) else ""
        self.page = 1
        return await self._load()

    @rx.event
    async def go_to_page(self, page: int):
        try:
            self.page = max(1, int(page))
        except (TypeError, ValueError):
            return None
        return await self._load()

    @rx.event
    async def set_role(self, user_id: int, role: str):
        self.error = self.notice = ""
        session, actor = await signed_in_user(self)
        if actor is None:
            return session._to_sign_in()
        try:
            await call(users.set_role, actor, int(user_id), str(role))
            self.notice = tr("admin_role_saved", session.lang)
        except (TypeError, ValueError):
            return None
        except Exception as exc:  # noqa: BLE001
            self.error = error_text(exc, session.lang)
        return await self._load()
