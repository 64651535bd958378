"""The audit log page: every admin change, newest first, filtered by action or by who and
what. The service checks the role on every call; a non-admin is sent to the dashboard."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import reflex as rx

from lumiku import routes
from lumiku.i18n import format_datetime, tr
from lumiku.services import audit
from lumiku.services.errors import Forbidden
from lumiku.state.base import Caller, call, with_user

ALL = "all"  # the action select's value for "every action"
VALUE_LIMIT = 120  # a long value (a model's parameters) is cut on the page; the log keeps it


@dataclass
class AuditRow:
    id: int
    when: str
    admin: str
    action: str  # the action in words
    target: str
    changes: list[str] = field(default_factory=list)  # "role: user → admin"


def _shown(value: object, lang: str) -> str:
    if value is None or value == "":
        return tr("admin_audit_none", lang)
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= VALUE_LIMIT else text[: VALUE_LIMIT - 1] + "…"


def _row(entry: audit.EntryView, lang: str) -> AuditRow:
    admin = entry.admin_email
    if admin == audit.CLI:
        admin = tr("admin_audit_cli", lang)
    return AuditRow(
        id=entry.id,
        when=format_datetime(entry.created_at, lang),
        admin=admin,
        action=tr(f"admin_action_{entry.action}", lang),
        target=entry.target_label,
        changes=[
            f"{c.field}: {_shown(c.before, lang)} → {_shown(c.after, lang)}" for c in entry.changes
        ],
    )


class AdminAuditState(rx.State):
    rows: list[AuditRow] = []
    query: str = ""
    action: str = ALL
    page: int = 1
    pages: int = 1
    total: int = 0
    error: str = ""

    async def _load(self, me: Caller):
        try:
            found = await call(
                audit.entries,
                me.user,
                self.page,
                action="" if self.action == ALL else self.action,
                query=self.query,
            )
        except Forbidden:
            self.rows = []
            return rx.redirect(routes.DASHBOARD, replace=True)
        self.page, self.pages, self.total = found.page, found.pages, found.total
        self.rows = [_row(entry, me.lang) for entry in found.rows]
        return None

    @rx.event
    @with_user
    async def load(self, me: Caller):
        self.page = 1
        return await self._load(me)

    @rx.event
    @with_user
    async def search(self, me: Caller, query: str):
        self.query = query[:100] if isinstance(query, str) else ""
        self.page = 1
        return await self._load(me)

    @rx.event
    @with_user
    async def set_action(self, me: Caller, action: str):
        if action != ALL and action not in audit.ACTIONS:
            return None
        self.action, self.page = action, 1
        return await self._load(me)

    @rx.event
    @with_user
    async def go_to_page(self, me: Caller, page: int):
        if isinstance(page, int) and not isinstance(page, bool):
            self.page = max(1, min(page, 1_000_000))
        return await self._load(me)
