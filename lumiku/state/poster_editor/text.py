"""Finding the poster's text: the blocks Tesseract reads (a background event: it takes seconds),
shown as boxes over the poster and as a list to choose from, each with an optional new text
written in its place once the old one is removed."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import reflex as rx

from lumiku.services.poster_editor import areas
from lumiku.state.auth import signed_in_user
from lumiku.state.base import Caller, call, error_text, with_user
from lumiku.state.poster_editor.common import BlockRow, PosterEditorState, as_int

NEW_TEXT_MAX = 200


class TextState(PosterEditorState):
    blocks: list[BlockRow] = []
    finding: bool = False
    searched: bool = False  # the poster's current version was read (found or not)
    text_error: str = ""
    _blocks: list[areas.BlockView] = []

    @rx.var
    def chosen_count(self) -> int:
        return sum(1 for b in self.blocks if b.chosen)

    def _reset(self) -> None:
        self.blocks, self._blocks = [], []
        self.finding = self.searched = False
        self.text_error = ""

    def _index(self, value: Any) -> int | None:
        index = as_int(value)
        return index if index is not None and 0 <= index < len(self.blocks) else None

    def _change(self, index: int, **values: Any) -> None:
        self.blocks = [replace(b, **values) if n == index else b for n, b in enumerate(self.blocks)]

    @rx.event(background=True)
    async def find_text(self):
        async with self:
            session, user = await signed_in_user(self)
            if user is None:
                return session._to_sign_in()
            if self.finding or not self.poster_id:
                return None
            self.finding, self.text_error = True, ""
            user_id, lang, poster_id = user.id, session.lang, self.poster_id
            from lumiku.state.poster_editor.poster import PosterState

            poster = await self.get_state(PosterState)
            width, height = max(1, poster.width), max(1, poster.height)
        try:
            found, failure = await call(areas.text_blocks, user_id, poster_id), ""
        except Exception as exc:  # noqa: BLE001 - shown in the panel
            found, failure = [], error_text(exc, lang)
        async with self:
            self.finding = False
            if poster_id != self.poster_id:
                return None
            self.text_error, self.searched, self._blocks = failure, not failure, found
            self.blocks = [
                BlockRow(
                    index=b.index,
                    text=b.text,
                    left=b.left / width * 100,
                    top=b.top / height * 100,
                    width=(b.right - b.left) / width * 100,
                    height=(b.bottom - b.top) / height * 100,
                    chosen=False,
                    new_text="",
                )
                for b in found
            ]
        return None

    @rx.event
    @with_user
    async def toggle_block(self, me: Caller, index: int):
        found = self._index(index)
        if found is not None:
            self._change(found, chosen=not self.blocks[found].chosen)

    @rx.event
    @with_user
    async def choose_all(self, me: Caller, on: bool):
        if isinstance(on, bool):
            self.blocks = [replace(b, chosen=on) for b in self.blocks]

    @rx.event
    @with_user
    async def set_new_text(self, me: Caller, index: int, text: str):
        found = self._index(index)
        if found is not None and isinstance(text, str):
            self._change(found, new_text=text[:NEW_TEXT_MAX])

    def _chosen(self) -> tuple[list[int], list[dict[str, Any]]]:
        """The chosen blocks' indexes, and the new texts to write in their boxes."""
        indexes = [b.index for b in self.blocks if b.chosen]
        boxes = {b.index: b for b in self._blocks}
        texts = [
            {
                "text": " ".join(b.new_text.split()),
                "box": [
                    boxes[b.index].left,
                    boxes[b.index].top,
                    boxes[b.index].right,
                    boxes[b.index].bottom,
                ],
            }
            for b in self.blocks
            if b.chosen and b.new_text.strip() and b.index in boxes
        ]
        return indexes, texts
