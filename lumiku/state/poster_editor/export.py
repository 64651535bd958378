"""Exporting the poster: the formats (or a pack of them: Social, Print, Restaurant, Complete)
and how it is fitted (smart crop, fit, fill, stretch); the price (free unless a format enlarges
the poster) shown before asking; the exports of this poster to download (one picture, or a ZIP
for several formats)."""

from __future__ import annotations

from typing import Any, ClassVar

import reflex as rx

from lumiku.i18n import format_datetime, tr
from lumiku.services import files
from lumiku.services.errors import ServiceError
from lumiku.services.poster_editor import edits
from lumiku.services.poster_editor.formats import DEFAULT_METHOD, FORMATS, METHODS, PACKS
from lumiku.state.base import Caller, call, error_text, with_user
from lumiku.state.poster_editor.common import (
    LINK_SECONDS,
    ExportRow,
    FormatChoice,
    PosterEditorState,
    Price,
)
from lumiku.state.projects import SpendMixin

DEFAULT_PACK = "SOCIAL_PACK"
MAX_EXPORTS_SHOWN = 10


def _label(pack: str, formats: list[str], lang: str) -> str:
    return tr(f"poster_editor_pack_{pack.lower()}", lang) if pack in PACKS else ", ".join(formats)


class ExportState(SpendMixin, PosterEditorState):
    _key_prefix: ClassVar = "pe-export"
    pack: str = DEFAULT_PACK  # a PACKS key, or "" for the formats chosen one by one
    chosen: list[str] = list(PACKS[DEFAULT_PACK])
    method: str = DEFAULT_METHOD
    exports: list[ExportRow] = []
    est_ready: bool = False
    est_price: str = ""
    est_available: str = ""
    est_affordable: bool = True
    est_what: str = ""
    _pending: dict[str, Any] = {}

    @rx.var
    def format_choices(self) -> list[FormatChoice]:
        chosen = set(PACKS.get(self.pack, ())) if self.pack else set(self.chosen)
        return [
            FormatChoice(f.key, f"{f.name} · {f.width}×{f.height}", f.group, f.key in chosen)
            for f in FORMATS.values()
        ]

    @rx.var
    def pack_formats(self) -> str:
        """The chosen pack's formats and sizes, in one line."""
        return " · ".join(
            f"{FORMATS[k].name} {FORMATS[k].width}×{FORMATS[k].height}"
            for k in PACKS.get(self.pack, ())
        )

    def _raw(self) -> dict[str, Any]:
        raw: dict[str, Any] = {"poster_id": self.poster_id, "method": self.method}
        if self.pack:
            return {**raw, "pack": self.pack}
        return {**raw, "formats": list(self.chosen)}

    def _count(self) -> int:
        return len(PACKS[self.pack]) if self.pack in PACKS else len(self.chosen)

    async def _show(self, user_id: int, fresh: bool) -> None:
        """The poster's recent exports (`fresh`: a poster just opened, the form as new)."""
        if fresh:
            self.confirming = self.busy = False
            self.started_generation = self._generate_key = ""
        lang = await self._lang()
        found = await call(edits.recent_exports, user_id, self.poster_id)
        self.exports = [
            ExportRow(
                id=e.generation_id,
                label=tr(f"poster_editor_pack_{e.pack.lower()}", lang)
                if e.pack in PACKS
                else ", ".join(e.formats),
                details=tr(f"poster_editor_method_{e.method}", lang) if e.method in METHODS else "",
                when=format_datetime(e.created_at, lang),
                status=e.status,
                download_url=files.signed_file_link(user_id, e.file_id, False, LINK_SECONDS)
                if e.file_id
                else "",
            )
            for e in found[:MAX_EXPORTS_SHOWN]
        ]

    async def _estimate(self, user_id: int) -> None:
        lang = await self._lang()
        self.est_ready, self._pending = False, {}
        if not self.poster_id:
            return
        raw = self._raw()
        try:
            quote = await call(edits.export_estimate, user_id, raw)
        except ServiceError as exc:
            self.error = error_text(exc, lang)
            return
        price = Price(quote, lang)
        self.est_price, self.est_available = price.price, price.available
        self.est_affordable = price.affordable
        self.est_what = tr(
            "poster_editor_what_export",
            lang,
            count=self._count(),
            method=tr(f"poster_editor_method_{self.method}", lang),
        )
        self._pending, self.est_ready = raw, True

    async def _submit(self, user_id: int, key: str) -> str:
        if not self._pending:
            raise ServiceError("poster_editor_no_format")
        generation_id = await call(edits.export, user_id, self._pending, key)
        self._pending = {}
        self.notice = tr("poster_editor_export_started", await self._lang())
        return generation_id

    @rx.event
    @with_user
    async def choose_pack(self, me: Caller, pack: str):
        """A pack, or "" to choose the formats one by one (starting from the pack's)."""
        if not isinstance(pack, str) or pack not in ("", *PACKS):
            return
        if not pack and self.pack:
            self.chosen = list(PACKS[self.pack])
        self.pack = pack

    @rx.event
    @with_user
    async def toggle_format(self, me: Caller, key: str):
        if not isinstance(key, str) or key not in FORMATS:
            return
        current = list(PACKS[self.pack]) if self.pack else list(self.chosen)
        self.pack = ""
        self.chosen = [k for k in current if k != key] if key in current else [*current, key]

    @rx.event
    @with_user
    async def set_method(self, me: Caller, method: str):
        if isinstance(method, str) and method in METHODS:
            self.method = method
