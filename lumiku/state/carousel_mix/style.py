"""The style panel of the position being edited: every field of its text style, the presets
(the original's eight and the user's own), and the live preview, rendered on the server by the
same code as the sets, a moment after the last change (so dragging a slider renders once)."""

from __future__ import annotations

import asyncio
import base64
from typing import Any

import reflex as rx

from lumiku.i18n import tr
from lumiku.services.carousel_mix import editor, projects, rules, style
from lumiku.state.auth import signed_in_user
from lumiku.state.base import Caller, call, error_text, form_text, with_user
from lumiku.state.carousel_mix.common import CarouselMixState, Choice

PREVIEW_WAIT = 0.25  # seconds of quiet before the preview is rendered and the style saved
BUILT_IN = "builtin:"
SAVED = "saved:"


def _value(name: str, value: Any) -> Any:
    """A control's value as the style wants it: sliders send a list of numbers, inputs text."""
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    if name in style.RANGES and isinstance(value, str):
        try:
            value = float(value.replace(",", "."))
        except ValueError:
            return value  # refused by parse_style, by name
    if name in style.RANGES and isinstance(value, float) and style.RANGES[name][2]:
        value = round(value)
    return value


def _unfitting_note(count: int, lang: str) -> str:
    return tr("carousel_mix_texts_do_not_fit", lang, count=count) if count else ""


class StyleState(CarouselMixState):
    values: dict[str, Any] = style.TextStyle().to_dict()
    presets: list[Choice] = []  # the user's saved styles (value "saved:<id>")
    preview_src: str = ""  # a data URL of the rendered slide
    preview_fits: bool = True
    preview_busy: bool = False
    # how many texts of this position do not fit even at the smallest size, in words
    unfitting_note: str = ""
    preview_picture: str = ""  # which of the position's pictures the preview shows
    preview_text: str = ""  # which text (one sample of its spintax)
    text_samples: list[Choice] = []
    focal_x: float = 50.0
    focal_y: float = 50.0
    preset_name: str = ""
    _ticket: int = 0
    _pictures: dict[str, tuple[float, float]] = {}  # the position's pictures and focal points
    _samples: list[str] = []  # what text_samples offers, in full
    _texts: list[str] = []  # the position's texts and the canvas, for the fit check
    _canvas: str = "4:5"

    # ---------------------------------------------------------------- helpers

    def _show_position(self, position: projects.PositionView | None, restyle: bool = True) -> None:
        """The panel for another position, or (`restyle` False) the same one after its pictures
        or texts changed: the style being edited is kept."""
        if position is None:
            return
        if restyle:
            self.values = dict(position.style)
        self._pictures = {p.id: (p.focal_x, p.focal_y) for p in position.pictures}
        if self.preview_picture not in self._pictures:
            self.preview_picture = position.pictures[0].id if position.pictures else ""
        self.focal_x, self.focal_y = self._pictures.get(self.preview_picture, (50.0, 50.0))
        samples = [
            sample for text in position.texts for sample in rules.spin_samples(text.content, 3)
        ][:50]
        self.text_samples = [Choice(str(n), s[:60]) for n, s in enumerate(samples)]
        self._samples = samples
        if self.preview_text not in samples:
            self.preview_text = samples[0] if samples else ""

    async def _check_texts(self, position: projects.PositionView | None, canvas: str) -> None:
        if position is None:
            return
        self._texts, self._canvas = [t.content for t in position.texts], canvas
        count = await call(editor.unfitting_texts, self._texts, self.values, canvas)
        self.unfitting_note = _unfitting_note(count, await self._lang())

    async def _load_presets(self, user_id: int) -> None:
        saved = await call(editor.list_presets, user_id)
        self.presets = [Choice(SAVED + p.id, p.name) for p in saved]

    # ---------------------------------------------------------------- the fields

    @rx.event
    async def set_field(self, name: str, value: Any):
        """One field of the style; the preview follows when the user pauses."""
        if not isinstance(name, str) or name not in style.FIELDS:
            return None
        lang = await self._lang()
        try:
            self.values = style.parse_style({**self.values, name: _value(name, value)}).to_dict()
            self.error = ""
        except Exception as exc:  # noqa: BLE001 - the field's own message
            self.error = error_text(exc, lang)
            return None
        return StyleState.refresh_preview

    @rx.event
    @with_user
    async def apply_preset(self, me: Caller, value: str):
        """A preset's look; where the text sits (anchor, width, alignment) stays the user's."""
        if not isinstance(value, str):
            return None
        if value.startswith(BUILT_IN) and value[len(BUILT_IN) :] in style.PRESETS:
            look = style.PRESETS[value[len(BUILT_IN) :]].to_dict()
        elif value.startswith(SAVED):
            look = (await call(editor.get_preset, me.user.id, value[len(SAVED) :])).style
        else:
            return None
        kept = {k: self.values[k] for k in ("x", "y", "align", "max_width") if k in self.values}
        self.values = style.parse_style({**look, **kept}).to_dict()
        return StyleState.refresh_preview

    @rx.event
    def set_preset_name(self, value: str):
        self.preset_name = str(value)[:60]

    @rx.event
    @with_user
    async def save_preset(self, me: Caller, form: dict):
        name = form_text(form, "name", 120)
        await call(editor.save_preset, me.user.id, name, self.values)
        self.notice = tr("carousel_mix_preset_saved", me.lang, name=" ".join(name.split()))
        self.preset_name = ""
        await self._load_presets(me.user.id)

    @rx.event
    @with_user
    async def delete_preset(self, me: Caller, value: str):
        if isinstance(value, str) and value.startswith(SAVED):
            await call(editor.delete_preset, me.user.id, value[len(SAVED) :])
            await self._load_presets(me.user.id)

    # ---------------------------------------------------------------- what the preview shows

    @rx.event
    def choose_picture(self, picture_id: str):
        if isinstance(picture_id, str) and picture_id in self._pictures:
            self.preview_picture = picture_id
            self.focal_x, self.focal_y = self._pictures[picture_id]
            return StyleState.refresh_preview
        return None

    @rx.event
    def choose_text(self, index: str):
        if isinstance(index, str) and index.isdecimal() and int(index) < len(self._samples):
            self.preview_text = self._samples[int(index)]
            return StyleState.refresh_preview
        return None

    @rx.event
    def move_focal(self, axis: str, value: list):
        """While dragging: the numbers follow; `save_focal` keeps them when the user lets go."""
        number = _value("x", value)
        if axis in ("x", "y") and isinstance(number, float | int) and 0 <= number <= 100:
            setattr(self, f"focal_{axis}", float(number))

    @rx.event
    @with_user
    async def save_focal(self, me: Caller, value: list):  # noqa: ARG002 - the slider's, unused
        if not self.preview_picture:
            return None
        await call(projects.set_focal, me.user.id, self.preview_picture, self.focal_x, self.focal_y)
        self._pictures[self.preview_picture] = (self.focal_x, self.focal_y)
        return StyleState.refresh_preview

    @rx.event(background=True)
    async def refresh_preview(self):
        """Saves the style and renders the preview once the user has paused: every change
        takes a ticket, and only the latest one, still latest after the wait, does the work."""
        async with self:
            self._ticket += 1
            ticket = self._ticket
        await asyncio.sleep(PREVIEW_WAIT)
        async with self:
            session, user = await signed_in_user(self)
            if user is None or ticket != self._ticket or not self.project_id:
                return None
            lang, user_id = session.lang, user.id
            project_id, position = self.project_id, self.position
            values, picture, text = dict(self.values), self.preview_picture, self.preview_text
            self.preview_busy = True
            texts, canvas = list(self._texts), self._canvas
        try:
            await call(projects.save_style, user_id, project_id, position, values)
            shown = (
                await call(editor.preview, user_id, project_id, position, picture, text, values)
                if picture
                else None
            )
            unfitting = await call(editor.unfitting_texts, texts, values, canvas)
            failure = ""
        except Exception as exc:  # noqa: BLE001 - shown beside the preview
            shown, unfitting, failure = None, 0, error_text(exc, lang)
        async with self:
            self.preview_busy = False
            if ticket != self._ticket or self.project_id != project_id:
                return None
            self.error = failure or self.error
            if shown is not None:
                encoded = base64.b64encode(shown.jpeg).decode()
                self.preview_src = f"data:image/jpeg;base64,{encoded}"
                self.preview_fits = shown.fits
            elif not picture:
                self.preview_src, self.preview_fits = "", True
            self.unfitting_note = _unfitting_note(unfitting, lang)
        return None
