"""Paid edits of the poster: removing or replacing the marked areas (the batch and the area on
the poster now, one request), removing the chosen text (with new words in its place), and
upscaling 2×, 3× or 4×. Each shows the server's price and asks before spending
(lumiku.state.projects.SpendMixin); the work list then shows each item's progress, and the new
version appears when it is done (PosterState follows the user's generation events)."""

from __future__ import annotations

from typing import Any, ClassVar

import reflex as rx

from lumiku.i18n import tr
from lumiku.services.errors import ServiceError
from lumiku.services.poster_editor import areas, edits, rules
from lumiku.state.base import Caller, call, error_text, with_user
from lumiku.state.poster_editor.common import PosterEditorState, Price, as_int
from lumiku.state.poster_editor.marks import MarkState
from lumiku.state.poster_editor.text import TextState
from lumiku.state.projects import SpendMixin

REQUESTS = ("edit", "text", "upscale")
EDITS = ("remove", "replace")  # what the user asks for; the mode picks the quick or advanced one


class EditState(SpendMixin, PosterEditorState):
    _key_prefix: ClassVar = "pe-edit"
    request: str = ""  # what the confirmation is about: edit | text | upscale
    edit: str = "remove"  # remove | replace
    scale: int = 2
    est_ready: bool = False
    est_price: str = ""
    est_available: str = ""
    est_affordable: bool = True
    est_what: str = ""  # what is being bought, in words
    _pending: dict[str, Any] = {}  # the request as priced; submitted as it is

    def _reset(self, fresh: bool) -> None:
        self.confirming = self.busy = False
        self.request, self._pending = "", {}
        if fresh:
            self.started_generation = self._generate_key = ""

    async def _mode_changed(self) -> None:
        self.confirming = False
        mode = (await self.get_state(MarkState)).mode
        if mode == "quick" and self.edit == "replace":
            self.edit = "remove"

    async def _raw(self, user_id: int, lang: str) -> tuple[dict[str, Any], str]:
        """The request to price and submit, and what it buys in words."""
        marks = await self.get_state(MarkState)
        quick = marks.mode == "quick"
        mode_text = tr(f"poster_editor_mode_{marks.mode}", lang)
        raw: dict[str, Any] = {"poster_id": self.poster_id}
        if self.request == "upscale":
            what = tr("poster_editor_what_upscale", lang, scale=self.scale)
            return {**raw, "action": "upscale", "scale": self.scale}, what
        if self.request == "text":
            indexes, texts = (await self.get_state(TextState))._chosen()
            if not indexes:
                raise ServiceError("poster_editor_no_text_chosen")
            area = await call(areas.text_area, user_id, self.poster_id, indexes)
            action = "quick_remove_text" if quick else "remove_text"
            what = tr("poster_editor_what_text", lang, count=len(indexes), mode=mode_text)
            chosen = [{"mask": area.mask_png, "prompt": ""}]
            return {**raw, "action": action, "areas": chosen, "texts": texts}, what
        chosen = marks._requested()
        if not chosen:
            raise ServiceError("poster_editor_no_area")
        if self.edit == "replace":
            if quick:
                raise ServiceError("poster_editor_replace_advanced")
            action = "replace"
        else:
            action = "quick_remove" if quick else "remove"
        key = "poster_editor_what_replace" if action == "replace" else "poster_editor_what_remove"
        return {**raw, "action": action, "areas": chosen}, tr(
            key, lang, count=len(chosen), mode=mode_text
        )

    async def _estimate(self, user_id: int) -> None:
        lang = await self._lang()
        self.est_ready, self._pending = False, {}
        if self.request not in REQUESTS or not self.poster_id:
            return
        try:
            raw, what = await self._raw(user_id, lang)
            quote = await call(edits.estimate, user_id, raw)
        except ServiceError as exc:
            self.error = error_text(exc, lang)
            return
        price = Price(quote, lang)
        self.est_price, self.est_available = price.price, price.available
        self.est_affordable, self.est_what = price.affordable, what
        self._pending, self.est_ready = raw, True

    async def _submit(self, user_id: int, key: str) -> str:
        if not self._pending:
            raise ServiceError("poster_editor_no_area")
        raw, request = self._pending, self.request
        generation_id = await call(edits.submit, user_id, raw, key)
        self._pending = {}
        if request == "edit":  # the areas are being edited: marking starts afresh
            (await self.get_state(MarkState))._reset(keep_batch=False)
        self.notice = tr("poster_editor_started", await self._lang())
        return generation_id

    # ---------------------------------------------------------------- asking

    @rx.event
    @with_user
    async def set_edit(self, me: Caller, edit: str):
        if isinstance(edit, str) and edit in EDITS:
            self.edit = edit

    @rx.event
    @with_user
    async def ask_edit(self, me: Caller, edit: str):
        """Remove or Replace the batch and the area on the poster: the price, then asking."""
        if not isinstance(edit, str) or edit not in EDITS:
            return None
        self.edit, self.request = edit, "edit"
        return EditState.ask_generate

    @rx.event
    @with_user
    async def ask_text(self, me: Caller):
        self.request = "text"
        return EditState.ask_generate

    @rx.event
    @with_user
    async def set_scale(self, me: Caller, scale: Any):
        value = as_int(int(scale) if isinstance(scale, str) and scale.isdecimal() else scale)
        if value in rules.SCALES:
            self.scale = value

    @rx.event
    @with_user
    async def ask_upscale(self, me: Caller):
        self.request = "upscale"
        return EditState.ask_generate
