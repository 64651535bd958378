"""Click-to-mask: the user picks a tool (a positive click: "this"; a negative one: "not this";
or a box, dragged or set by two corners) and marks the poster; each mark recomputes the area
(`areas.mark`, quick on this server or advanced through a provider) in a background event
while the page shows it is working, and the poster is then shown with the area tinted. An area
can be kept for the batch, which edits several areas as one request.

Positions arrive as `{x, y, w, h}`: the point on the picture as shown and the size it is shown
at (lumiku.components.spot_image); they are checked and scaled here to the current version's
pixels. The masks stay on the server (backend vars); only the tinted overlay goes to the tab.
The keyboard marks too: the arrow keys move a cursor over the focused poster, Enter or Space
marks where it is, Backspace takes back the last click and Escape starts again."""

from __future__ import annotations

import base64
from typing import Any

import reflex as rx

from lumiku.i18n import format_percent, tr
from lumiku.services.errors import ServiceError
from lumiku.services.poster_editor import areas, masks, rules
from lumiku.state.auth import signed_in_user
from lumiku.state.base import Caller, call, error_text, with_user
from lumiku.state.poster_editor.common import (
    MODES,
    AreaRow,
    PosterEditorState,
    Spot,
    as_number,
)

TOOLS = ("positive", "negative", "box")
MAX_AREAS = 8  # a batch edits at most this many areas (the service's limit too)
DRAG = 0.02  # a drag shorter than this share of the picture is a click
CURSOR_STEP = 2.0  # percent of the picture an arrow key moves the cursor
BIG_STEP = 10.0  # ... with Shift
MOVES = {"ArrowLeft": (-1, 0), "ArrowRight": (1, 0), "ArrowUp": (0, -1), "ArrowDown": (0, 1)}


def overlay_url(jpeg: bytes) -> str:
    kind = "png" if jpeg.startswith(b"\x89PNG") else "jpeg"
    return f"data:image/{kind};base64,{base64.b64encode(jpeg).decode()}"


def spot_share(spot: Any) -> tuple[float, float] | None:
    """Where a client says the picture was pressed, as shares of its width and height (0..1),
    or None when the report is not one: `{x, y, w, h}` finite numbers, the shown size positive
    and the point on the picture (a pointer captured past its edge is brought back to it)."""
    if not isinstance(spot, dict) or set(spot) != {"x", "y", "w", "h"}:
        return None
    x, y, w, h = (as_number(spot[k]) for k in ("x", "y", "w", "h"))
    if x is None or y is None or w is None or h is None or not (0 < w < 1e5 and 0 < h < 1e5):
        return None
    if not (-w <= x <= 2 * w and -h <= y <= 2 * h):
        return None
    return min(1.0, max(0.0, x / w)), min(1.0, max(0.0, y / h))


def pixel(share: float, size: int) -> int:
    return min(size - 1, max(0, int(share * size)))


class MarkState(PosterEditorState):
    tool: str = "positive"
    mode: str = "quick"
    spots: list[Spot] = []
    box: list[float] = []  # the box in percent: [left, top, right, bottom]; [] for none
    corner: list[float] = []  # a box's first corner (percent) while the second is awaited
    overlay_src: str = ""  # the poster with the current area tinted
    marking: bool = False  # an area is being computed
    area_text: str = ""  # "12% of the poster · Quick (this server)"
    area_error: str = ""
    cursor_on: bool = False  # the keyboard cursor is shown
    cursor_x: float = 50.0
    cursor_y: float = 50.0
    prompt: str = ""  # what replaces the area (Replace)
    batch: list[AreaRow] = []
    _marks: dict[str, Any] = {"positive": [], "negative": [], "box": None}  # pixels
    _press: tuple[float, float] | None = None  # where the pointer went down (shares)
    _corner: tuple[float, float] | None = None  # the box's first corner (shares)
    _area: areas.Area | None = None
    _areas: list[dict[str, Any]] = []  # the batch: {"mask": bytes, "prompt": str}
    _ticket: int = 0

    # ---------------------------------------------------------------- helpers

    async def _size(self) -> tuple[int, int]:
        from lumiku.state.poster_editor.poster import PosterState

        poster = await self.get_state(PosterState)
        return poster.width, poster.height

    def _clear_marks(self) -> None:
        self._marks = {"positive": [], "negative": [], "box": None}
        self.spots, self.box, self.corner = [], [], []
        self._press = self._corner = self._area = None
        self.overlay_src = self.area_text = self.area_error = ""
        self._ticket += 1  # an area still being computed is no longer wanted
        self.marking = False

    def _reset(self, keep_batch: bool = True) -> None:
        """A fresh start on the poster (another version: the areas were of the old one)."""
        self._clear_marks()
        self.cursor_on, self.cursor_x, self.cursor_y = False, 50.0, 50.0
        if not keep_batch:
            self._areas, self.batch, self.prompt = [], [], ""

    def _show_batch(self, lang: str) -> None:
        self.batch = [
            AreaRow(
                index=n,
                label=tr(
                    "poster_editor_area_label",
                    lang,
                    n=n + 1,
                    share=format_percent(area["coverage"]),
                ),
                prompt=area["prompt"],
                thumb_url="",
            )
            for n, area in enumerate(self._areas)
        ]

    def _mark_at(self, share: tuple[float, float], width: int, height: int) -> bool:
        """Adds a click (or a box corner) at `share`; True when the area is to be computed."""
        x, y = pixel(share[0], width), pixel(share[1], height)
        if self.tool == "box":
            if self._corner is None:
                self._corner = share
                self.corner = [share[0] * 100, share[1] * 100]
                return False
            first, self._corner, self.corner = self._corner, None, []
            return self._set_box(first, share, width, height)
        kind = self.tool
        points = list(self._marks[kind])
        if len(points) >= masks.MAX_CLICKS:
            raise ServiceError("poster_editor_too_many_marks", max=masks.MAX_CLICKS)
        self._marks = {**self._marks, kind: [*points, [x, y]]}
        self.spots = [*self.spots, Spot(share[0] * 100, share[1] * 100, kind == "positive")]
        return True

    def _set_box(
        self, a: tuple[float, float], b: tuple[float, float], width: int, height: int
    ) -> bool:
        left, right = sorted((pixel(a[0], width), pixel(b[0], width)))
        top, bottom = sorted((pixel(a[1], height), pixel(b[1], height)))
        right, bottom = min(width, right + 1), min(height, bottom + 1)
        if right - left < 2 or bottom - top < 2:
            return False
        self._marks = {**self._marks, "box": [left, top, right, bottom]}
        self.box = [
            left / width * 100,
            top / height * 100,
            right / width * 100,
            bottom / height * 100,
        ]
        return True

    def _wants_area(self) -> bool:
        return bool(self._marks["positive"]) or self._marks["box"] is not None

    def _begin(self):
        """Shows the area being computed, and starts computing it."""
        if not self._wants_area():
            self._area, self.overlay_src, self.area_text = None, "", ""
            return None
        self._ticket += 1
        self.marking = True
        return MarkState.compute

    async def _ready(self) -> tuple[int, int] | None:
        """The poster's size, when marks can be made on it now."""
        width, height = await self._size()
        if not self.poster_id or width < 1 or height < 1:
            return None
        return width, height

    # ---------------------------------------------------------------- the tools

    @rx.event
    @with_user
    async def set_tool(self, me: Caller, tool: str):
        if isinstance(tool, str) and tool in TOOLS:
            self.tool = tool
            self._press = self._corner = None
            self.corner = []

    @rx.event
    @with_user
    async def set_mode(self, me: Caller, mode: str):
        """Quick (this server, free of keys) or advanced (the provider's model); the marks
        made so far are computed again the new way."""
        if not isinstance(mode, str) or mode not in MODES or mode == self.mode:
            return None
        self.mode = mode
        from lumiku.state.poster_editor.edit import EditState

        await (await self.get_state(EditState))._mode_changed()
        return self._begin()

    @rx.event
    @with_user
    async def press(self, me: Caller, spot: dict):
        """The pointer went down on the poster (a box's drag may start here)."""
        share = spot_share(spot)
        self._press = share if self.tool == "box" else None

    @rx.event
    @with_user
    async def release(self, me: Caller, spot: dict):
        """The pointer came up on the poster: a click, or the end of a box's drag."""
        share, pressed, self._press = spot_share(spot), self._press, None
        size = await self._ready()
        if share is None or size is None:
            return None
        self.area_error = ""
        if self.tool == "box" and pressed is not None:
            dragged = max(abs(share[0] - pressed[0]), abs(share[1] - pressed[1])) >= DRAG
            if dragged:
                self._corner, self.corner = None, []
                return self._begin() if self._set_box(pressed, share, *size) else None
        return self._begin() if self._mark_at(share, *size) else None

    @rx.event
    @with_user
    async def key(self, me: Caller, key: str):
        """The keyboard's way to mark: arrows move the cursor (Shift: further), Enter or Space
        marks there, Backspace takes back the last click, Escape clears the marks."""
        if not isinstance(key, str) or len(key) > 20:
            return None
        if key in MOVES:
            dx, dy = MOVES[key]
            self.cursor_on = True
            self.cursor_x = min(100.0, max(0.0, self.cursor_x + dx * CURSOR_STEP))
            self.cursor_y = min(100.0, max(0.0, self.cursor_y + dy * CURSOR_STEP))
            return None
        if key in ("Enter", " "):
            size = await self._ready()
            if size is None:
                return None
            self.cursor_on = True
            share = (min(self.cursor_x / 100, 0.9999), min(self.cursor_y / 100, 0.9999))
            return self._begin() if self._mark_at(share, *size) else None
        if key == "Backspace":
            return await self._take_back()
        if key == "Escape":
            self._clear_marks()
        return None

    async def _take_back(self):
        if not self.spots:
            return None
        last = self.spots[-1]
        kind = "positive" if last.positive else "negative"
        self._marks = {**self._marks, kind: list(self._marks[kind])[:-1]}
        self.spots = self.spots[:-1]
        return self._begin()

    @rx.event
    @with_user
    async def undo_mark(self, me: Caller):
        """Takes back the last click."""
        return await self._take_back()

    @rx.event
    @with_user
    async def clear_marks(self, me: Caller):
        self._clear_marks()

    @rx.event(background=True)
    async def compute(self):
        """The area the marks select, computed outside the tab's lock; only the latest marks'
        area is shown (each mark takes a ticket)."""
        async with self:
            session, user = await signed_in_user(self)
            if user is None or not self.marking or not self.poster_id:
                return None
            ticket, poster_id, mode = self._ticket, self.poster_id, self.mode
            marks = {k: v for k, v in self._marks.items() if v}
            lang, user_id = session.lang, user.id
        try:
            area, failure = await call(areas.mark, user_id, poster_id, marks, mode), ""
        except Exception as exc:  # noqa: BLE001 - shown beside the poster
            area, failure = None, error_text(exc, lang)
        async with self:
            if ticket != self._ticket or poster_id != self.poster_id:
                return None
            self.marking = False
            self._area, self.area_error = area, failure
            if area is None:
                self.overlay_src = self.area_text = ""
                return None
            self.overlay_src = overlay_url(area.overlay_png)
            self.area_text = tr(
                "poster_editor_area_made",
                lang,
                share=format_percent(area.coverage),
                mode=tr(f"poster_editor_mode_{area.mode}", lang),
            )
        return None

    # ---------------------------------------------------------------- the batch

    @rx.event
    @with_user
    async def set_prompt(self, me: Caller, text: str):
        if isinstance(text, str):
            self.prompt = text[: rules.PROMPT_MAX + 50]

    @rx.event
    @with_user
    async def keep_area(self, me: Caller):
        """The area joins the batch (with the prompt, for a replacement), and marking starts
        again for the next one."""
        if self._area is None or self.marking:
            return
        if len(self._areas) >= MAX_AREAS:
            self.error = tr("poster_editor_batch_full", me.lang, max=MAX_AREAS)
            return
        prompt = " ".join(self.prompt.split())[: rules.PROMPT_MAX]
        self._areas = [
            *self._areas,
            {"mask": self._area.mask_png, "prompt": prompt, "coverage": self._area.coverage},
        ]
        self._clear_marks()
        self.prompt = ""
        self._show_batch(me.lang)
        self.notice = tr("poster_editor_area_kept", me.lang, n=len(self._areas))

    @rx.event
    @with_user
    async def drop_area(self, me: Caller, index: int):
        if isinstance(index, int) and not isinstance(index, bool) and 0 <= index < len(self._areas):
            self._areas = [a for n, a in enumerate(self._areas) if n != index]
            self._show_batch(me.lang)

    @rx.event
    @with_user
    async def clear_batch(self, me: Caller):
        self._areas, self.batch = [], []

    def _requested(self) -> list[dict[str, Any]]:
        """The areas an edit goes to: the batch, and the area on the poster now."""
        found = [{"mask": a["mask"], "prompt": a["prompt"]} for a in self._areas]
        if self._area is not None and not self.marking:
            prompt = " ".join(self.prompt.split())[: rules.PROMPT_MAX]
            found.append({"mask": self._area.mask_png, "prompt": prompt})
        return found
