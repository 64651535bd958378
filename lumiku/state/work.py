"""My Work: every generation across apps, with live progress pushed from the workers."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

import reflex as rx

from lumiku import plugins
from lumiku.i18n import format_datetime, tr
from lumiku.services import files, generations
from lumiku.services.generations import GenerationView
from lumiku.state.auth import AuthState
from lumiku.state.base import Caller, call, error_text, with_user

LINK_SECONDS = 3600  # links on a page stay valid while someone reads it
STATUSES = ("queued", "running", "succeeded", "partly_succeeded", "failed", "cancelled")


@dataclass
class WorkItem:
    generation_id: str
    index: int
    status: str
    progress: int
    error: str
    media: str  # what the preview shows: the output, or its thumbnail when it has one
    download_url: str
    preview_url: str
    thumbnail_url: str  # a picture of an output that is not one (a carousel set's ZIP)


@dataclass
class WorkCard:
    id: str
    title: str
    app_name: str
    app_icon: str
    status: str
    progress: int
    items_text: str
    cost_text: str
    created: str
    expires: str
    error: str
    active: bool
    can_retry: bool
    can_delete: bool
    zip_url: str
    outputs: list[WorkItem]  # not `items`: that name is taken on Reflex's object vars


def card(view: GenerationView, user_id: int, lang: str) -> WorkCard:
    plugin = plugins.get(view.app_id)
    done = sum(1 for item in view.items if item.status == "succeeded")
    items = []
    for item in view.items:
        ready = item.status == "succeeded" and item.file is not None
        thumbnail = (
            files.signed_file_link(user_id, item.thumbnail_id, True, LINK_SECONDS)
            if ready and item.thumbnail_id
            else ""
        )
        # the preview plays the output itself; an output that is not a picture or a video
        # (a carousel set's ZIP) shows its thumbnail instead
        playable = ready and item.file.media in ("video", "image")
        items.append(
            WorkItem(
                generation_id=view.id,
                index=item.index + 1,
                status=item.status,
                progress=item.progress,
                error=tr(item.error, lang) if item.error else "",
                media=item.file.media if playable else "image" if thumbnail else "",
                download_url=files.signed_file_link(user_id, item.file.id, seconds=LINK_SECONDS)
                if ready
                else "",
                preview_url=files.signed_file_link(user_id, item.file.id, True, LINK_SECONDS)
                if playable
                else thumbnail,
                thumbnail_url=thumbnail,
            )
        )
    unit = "unit_credits" if view.unit == "credits" else "usage_quota"
    return WorkCard(
        id=view.id,
        title=view.title,
        app_name=plugin.name if plugin else view.app_id,
        app_icon=plugin.icon if plugin else "box",
        status=view.status,
        progress=view.progress,
        items_text=tr("work_items", lang, done=done, total=len(view.items)),
        cost_text=f"{view.cost} {tr(unit, lang).lower()}",
        created=format_datetime(view.created_at, lang),
        expires=tr("work_expires", lang, date=view.expires_at) if view.expires_at else "",
        error=tr(view.error, lang) if view.error else "",
        active=view.status in generations.ACTIVE,
        can_retry=view.status in ("failed", "partly_succeeded"),
        can_delete=view.status not in generations.ACTIVE,
        zip_url=files.zip_link(user_id, view.id, LINK_SECONDS) if done else "",
        outputs=items,
    )


def apply_progress(cards: list[WorkCard], fields: dict[str, str]) -> bool:
    """Moves a running item's bar from the event alone; False when the view needs a reload."""
    if "progress" not in fields:
        return False
    for work in cards:
        if work.id != fields.get("generation"):
            continue
        if work.status in (*generations.TERMINAL, "partly_succeeded"):
            return True  # a late event from a batch that has ended (cancelled, say) changes nothing
        index = int(fields.get("item", "-1"))
        for item in work.outputs:
            if item.index == index + 1:
                item.status, item.progress = "running", int(fields["progress"])
        shares = [100 if i.status in generations.TERMINAL else i.progress for i in work.outputs]
        work.progress = round(sum(shares) / max(1, len(shares)))
        work.status = "running"
        return True
    return True  # a generation on another page: nothing to show


class WorkState(rx.State):
    cards: list[WorkCard] = []
    app_filter: str = "all"
    project_filter: str = ""  # set by an app's project page to show that project's work
    _scoped: bool = False  # the filters were set by an app's page, not chosen here
    status_filter: str = "all"
    sort: str = "newest"
    page: int = 1
    pages: int = 1
    total: int = 0
    loaded: bool = False
    error: str = ""
    notice: str = ""
    confirm_delete: str = ""  # the generation waiting for the user's confirmation
    confirm_regenerate: str = ""  # "<generation id>:<item number>" waiting for confirmation
    _regenerate_key: str = ""
    preview_url: str = ""
    preview_media: str = ""

    async def _load(self, user_id: int):
        lang = (await self.get_state(AuthState)).lang
        result = await call(
            generations.list_for,
            user_id,
            app_id="" if self.app_filter == "all" else self.app_filter,
            project_id=self.project_filter,
            status="" if self.status_filter == "all" else self.status_filter,
            sort=self.sort,
            page=self.page,
        )
        self.cards = [card(view, user_id, lang) for view in result.rows]
        self.page, self.pages, self.total, self.loaded = (
            result.page,
            result.pages,
            result.total,
            True,
        )

    async def _refresh(self, user_id: int, fields: dict[str, str] | None = None) -> None:
        if not self.loaded:
            return  # this tab is not showing My Work
        cards = list(self.cards)
        if fields and apply_progress(cards, fields):
            self.cards = cards
            return
        await self._load(user_id)

    @rx.event
    @with_user
    async def load(self, me: Caller):
        self.page, self.confirm_delete = 1, ""
        if self._scoped:  # coming from an app's page: show everything again
            self.app_filter, self.project_filter, self._scoped = "all", "", False
        await self._load(me.user.id)

    async def _show_project(self, user_id: int, app_id: str, project_id: str) -> None:
        """The work of one app's project, for that project's page (not an event handler)."""
        self.app_filter, self.project_filter, self._scoped = app_id, project_id, True
        self.status_filter, self.page, self.error, self.notice = "all", 1, "", ""
        await self._load(user_id)

    @rx.event
    @with_user
    async def set_filter(self, me: Caller, name: str, value: str):
        allowed = {
            "app_filter": ("all", *plugins.BY_ID),
            "status_filter": ("all", *STATUSES),
            "sort": tuple(generations.SORTS),
        }
        if not isinstance(name, str) or name not in allowed or value not in allowed[name]:
            return None
        setattr(self, name, value)
        self.page = 1
        await self._load(me.user.id)
        return None

    @rx.event
    @with_user
    async def go_to_page(self, me: Caller, page: int):
        if isinstance(page, int) and not isinstance(page, bool):
            self.page = max(1, page)
        await self._load(me.user.id)

    @rx.event
    @with_user
    async def load_page(self, me: Caller):
        await self._load(me.user.id)

    async def _act(self, me: Caller, done_key: str, action, *args) -> None:
        try:
            await call(action, me.user.id, *args)
            self.notice = tr(done_key, me.lang)
        except Exception as exc:  # noqa: BLE001 - shown, and the list is redrawn all the same
            self.error = error_text(exc, me.lang)
        self.confirm_delete = self.confirm_regenerate = ""
        await self._load(me.user.id)

    @rx.event
    @with_user
    async def cancel(self, me: Caller, generation_id: str):
        await self._act(me, "work_cancelled", generations.cancel, generation_id)

    @rx.event
    @with_user
    async def retry(self, me: Caller, generation_id: str):
        key = f"retry-{generation_id}-{secrets.token_hex(8)}"
        await self._act(me, "work_retried", generations.retry_failed, generation_id, key)

    @rx.event
    def ask_regenerate(self, generation_id: str, index: int):
        if (
            isinstance(generation_id, str)
            and isinstance(index, int)
            and not isinstance(index, bool)
        ):
            self.confirm_regenerate = f"{generation_id[:32]}:{index}"
            self._regenerate_key = secrets.token_hex(8)

    @rx.event
    @with_user
    async def regenerate(self, me: Caller):
        """Makes one result again from its stored plan, as a new piece of work; the key
        keeps a double click to one."""
        generation_id, _, index = self.confirm_regenerate.partition(":")
        if not index.isdigit():
            return
        key = f"again-{generation_id}-{index}-{self._regenerate_key}"
        await self._act(
            me, "work_regenerated", generations.regenerate, generation_id, int(index) - 1, key
        )

    @rx.event
    def ask_delete(self, generation_id: str):
        self.confirm_delete = generation_id[:32] if isinstance(generation_id, str) else ""

    @rx.event
    def keep(self):
        self.confirm_delete = self.confirm_regenerate = ""

    @rx.event
    @with_user
    async def delete(self, me: Caller):
        await self._act(me, "work_deleted", generations.delete, self.confirm_delete)

    @rx.event
    def preview(self, url: str, kind: str):
        """Shows an item's own signed link, which only its owner was given."""
        if isinstance(url, str) and url.startswith("/api/files/") and kind in ("video", "image"):
            self.preview_url, self.preview_media = url, kind

    @rx.event
    def close_preview(self):
        self.preview_url = ""
