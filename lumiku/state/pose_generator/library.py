"""The pose library: one page of skeleton previews (the seeded library and the user's own
poses), filtered by category, gender and words, sorted by popularity, the library's order or
the newest; choosing poses for the form; adding poses from photos and deleting one's own."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import reflex as rx

from lumiku.i18n import format_number, tr
from lumiku.services.pose_generator import library, poses
from lumiku.state.base import Caller, call, with_user
from lumiku.state.pose_generator.common import (
    ChosenPose,
    PoseCard,
    PoseGeneratorState,
    choice,
    clean_id,
)
from lumiku.state.pose_generator.generate import GenerateState
from lumiku.state.uploads import Dropzone, UploadsMixin, receive

ALL = "all"  # a filter's "any" (Radix selects cannot hold an empty value)
SORTS = ("popular", "library", "newest")
CUSTOM = "custom"  # the category of the user's own poses
PAGE_SIZE = 24
SEARCH_LIMIT = 100
PHOTOS_PER_DROP = 5  # each photo is read by the pose estimator, one after the other

PHOTOS = Dropzone(
    media=("image",),
    kinds="JPG, PNG, WebP",
    full_key="pose_generator_upload_full",
    full_max=lambda: PHOTOS_PER_DROP,
    default_name="photo",
)


def category_name(category: str, lang: str) -> str:
    return tr(f"pose_generator_category_{category.replace('-', '_')}", lang)


def _card(view: Any, lang: str) -> PoseCard:
    return PoseCard(
        id=view.id,
        name=(view.name_id or view.name) if lang == "id" else view.name,
        category=category_name(view.category, lang),
        gender=tr(f"pose_generator_gender_{view.gender}", lang)
        if view.gender in ("female", "male")
        else "",
        difficulty=tr(f"pose_generator_difficulty_{view.difficulty}", lang)
        if view.difficulty in poses.DIFFICULTIES
        else "",
        uses=tr("pose_generator_uses", lang, count=format_number(view.uses, lang))
        if view.uses
        else "",
        own=view.own,
        preview_url=view.preview_url,
    )


def _pose_name(path_name: str) -> str:
    """A new pose is named after its photo ("beach-walk.jpg" -> "beach-walk")."""
    return " ".join(Path(path_name).stem.replace("_", " ").split())[:100] or "photo"


class LibraryState(UploadsMixin, PoseGeneratorState):
    _dropzone: ClassVar = PHOTOS
    category: str = ALL
    gender: str = ALL
    search: str = ""
    sort: str = "popular"
    page: int = 1
    pages: int = 1
    total: int = 0
    cards: list[PoseCard] = []
    loaded: bool = False
    confirm_delete: str = ""  # the own pose asked to be deleted

    async def _load(self, user_id: int) -> None:
        lang = await self._lang()
        found = await call(
            library.browse,
            user_id,
            category="" if self.category == ALL else self.category,
            gender="" if self.gender == ALL else self.gender,
            text=self.search,
            sort=self.sort,
            page=self.page,
            size=PAGE_SIZE,
        )
        self.cards = [_card(view, lang) for view in found.rows]
        self.page, self.pages, self.total = found.page, found.pages, found.total
        self.loaded = True

    async def _start(self, user_id: int) -> None:
        """The library as the page opens: the filters as the user left them, the first page."""
        self.page, self.confirm_delete, self.loaded = 1, "", False
        self.uploads, self.upload_summary = [], ""
        self.uploading = self.sending = False
        await self._load(user_id)

    async def _reload(self, me: Caller, first_page: bool = True) -> None:
        if first_page:
            self.page = 1
        await self._load(me.user.id)

    # ---------------------------------------------------------------- browsing

    @rx.event
    @with_user
    async def set_category(self, me: Caller, value: str):
        if value == ALL or choice(value, (*poses.CATEGORIES, CUSTOM)):
            self.category = value
            await self._reload(me)

    @rx.event
    @with_user
    async def set_gender(self, me: Caller, value: str):
        if value == ALL or choice(value, poses.GENDERS):
            self.gender = value
            await self._reload(me)

    @rx.event
    @with_user
    async def set_search(self, me: Caller, text: str):
        if isinstance(text, str):
            self.search = " ".join(text.split())[:SEARCH_LIMIT]
            await self._reload(me)

    @rx.event
    @with_user
    async def set_sort(self, me: Caller, value: str):
        if choice(value, SORTS):
            self.sort = value
            await self._reload(me)

    @rx.event
    @with_user
    async def go_to_page(self, me: Caller, page: int):
        if isinstance(page, int) and not isinstance(page, bool) and 1 <= page <= self.pages:
            self.page = page
            await self._reload(me, first_page=False)

    # ---------------------------------------------------------------- choosing

    @rx.event
    @with_user
    async def toggle_pose(self, me: Caller, pose_id: str):
        """A pose of the page shown is chosen, or no longer chosen."""
        pose_id = clean_id(pose_id)
        card = next((c for c in self.cards if c.id == pose_id), None)
        if card is None or not self.project_id:
            return
        form = await self.get_state(GenerateState)
        await form._toggle(me.user.id, card.id, card.name)

    # ---------------------------------------------------------------- one's own poses

    @rx.event(background=True)
    async def upload(self, chunks: rx.UploadChunkIterator):
        """Each dropped photo becomes one of the user's poses, chosen at once."""
        made: list[ChosenPose] = []

        def add(user_id: int, _avatar_id: str, path: Path, name: str) -> str:
            pose_id = library.from_photo(user_id, path, name, _pose_name(name))
            made.append(ChosenPose(pose_id, _pose_name(name)))
            return pose_id

        return await receive(
            self,
            chunks,
            PHOTOS,
            room=lambda *_: PHOTOS_PER_DROP,
            add=add,
            redraw=lambda user_id: self._show_new(user_id, made),
        )

    async def _show_new(self, user_id: int, made: list[ChosenPose]) -> None:
        """After an upload: the new poses shown where they are (the user's own, newest first)
        and chosen for the form."""
        if made:
            self.category, self.sort, self.page = CUSTOM, "newest", 1
        await self._load(user_id)
        if made:
            await (await self.get_state(GenerateState))._add(user_id, made)

    @rx.event
    @with_user
    async def ask_delete_template(self, me: Caller, pose_id: str):
        pose_id = clean_id(pose_id)
        if any(c.id == pose_id and c.own for c in self.cards):
            self.confirm_delete = pose_id

    @rx.event
    def keep_template(self):
        self.confirm_delete = ""

    @rx.event
    @with_user
    async def delete_template(self, me: Caller):
        target, self.confirm_delete = self.confirm_delete, ""
        if not target:
            return
        try:
            await call(library.delete_template, me.user.id, target)
            self.notice = tr("pose_generator_pose_deleted", me.lang)
        finally:
            await (await self.get_state(GenerateState))._forget(me.user.id, target)
            await self._reload(me, first_page=False)
