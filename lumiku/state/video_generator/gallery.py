"""The user's videos, newest first, a page at a time: each with its player (the poster frame
until it plays), prompt, model, settings and price, downloaded, deleted, or its settings put back
in the form ("use these settings again"). It follows the user's generation events, so a video
appears when its item ends."""

from __future__ import annotations

from typing import Any

import reflex as rx

from lumiku.i18n import format_datetime, format_number, tr
from lumiku.services import files
from lumiku.services.video_generator import videos
from lumiku.state import live
from lumiku.state.base import Caller, call, with_user
from lumiku.state.video_generator.common import (
    APP,
    GALLERY_SIZE,
    LINK_SECONDS,
    VideoCard,
    VideoGeneratorState,
    clean_id,
    settings_words,
)
from lumiku.state.video_generator.form import FormState


def _length(view: Any, lang: str) -> str:
    parts = []
    if view.duration:
        parts.append(tr("video_generator_length", lang, seconds=f"{float(view.duration):.1f}"))
    if view.width and view.height:
        parts.append(f"{view.width}×{view.height}")
    return " · ".join(parts)


def video_card(view: Any, user_id: int, lang: str) -> VideoCard:
    def link(file_id: str | None, inline: bool) -> str:
        return files.signed_file_link(user_id, file_id, inline, LINK_SECONDS) if file_id else ""

    unit = tr("unit_credits", lang).lower()
    return VideoCard(
        id=view.id,
        video_url=link(view.file_id, True),
        poster_url=link(view.poster_id, True),
        download_url=link(view.file_id, False),
        prompt=view.prompt,
        model_name=view.model_name or view.model_key,
        settings=settings_words(view.settings, lang),
        run_time=_length(view, lang),
        price=f"{format_number(view.credits, lang)} {unit}" if view.credits else "",
        created=format_datetime(view.created_at, lang),
    )


@live.follows("generation", APP.route)
class GalleryState(VideoGeneratorState):
    cards: list[VideoCard] = []
    page: int = 1
    pages: int = 1
    total: int = 0
    loaded: bool = False
    confirm_delete: str = ""  # the video asked to be deleted

    async def _load(self, user_id: int) -> None:
        lang = await self._lang()
        found = await call(videos.gallery, user_id, self.page, GALLERY_SIZE)
        self.cards = [video_card(v, user_id, lang) for v in found.rows if v.file_id]
        self.page, self.pages, self.total = found.page, found.pages, found.total
        self.loaded = True

    async def _start(self, user_id: int) -> None:
        self.page, self.confirm_delete, self.loaded = 1, "", False
        await self._load(user_id)

    async def _refresh(self, user_id: int, fields: dict[str, str] | None = None) -> None:
        """An item that ended may be a new video (progress ticks change nothing here)."""
        if self.loaded and not (fields or {}).get("progress"):
            await self._load(user_id)

    @rx.event
    @with_user
    async def go_to_page(self, me: Caller, page: int):
        if isinstance(page, int) and not isinstance(page, bool) and 1 <= page <= self.pages:
            self.page = page
            await self._load(me.user.id)

    @rx.event
    @with_user
    async def reuse_settings(self, me: Caller, video_id: str):
        """The video's settings back in the form, to make another like it."""
        video_id = clean_id(video_id)
        if not any(card.id == video_id for card in self.cards):
            return None
        raw = await call(videos.settings_of, me.user.id, video_id)
        await (await self.get_state(FormState))._refill(me.user.id, raw)
        self.notice = tr("video_generator_settings_used", me.lang)
        return rx.scroll_to("vg-form")

    @rx.event
    @with_user
    async def ask_delete_video(self, me: Caller, video_id: str):
        video_id = clean_id(video_id)
        if any(card.id == video_id for card in self.cards):
            self.confirm_delete = video_id

    @rx.event
    def keep_video(self):
        self.confirm_delete = ""

    @rx.event
    @with_user
    async def delete_video(self, me: Caller):
        target, self.confirm_delete = self.confirm_delete, ""
        if not target:
            return
        try:
            await call(videos.delete_video, me.user.id, target)
            self.notice = tr("video_generator_video_deleted", me.lang)
        finally:
            if self.page > 1 and len(self.cards) == 1:
                self.page -= 1
            await self._load(me.user.id)
