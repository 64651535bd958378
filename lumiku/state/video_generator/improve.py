"""Improving the prompt: the prompt writer (Claude, through the registry) rewrites the user's
words for a video model; the suggestion is shown to accept or reject, and only an accepted one is
sent (and priced: improving costs a little, charged with the video). Off, with its reason, where
the writer cannot be used (no key on this server)."""

from __future__ import annotations

import reflex as rx

from lumiku.i18n import tr
from lumiku.services.video_generator import videos
from lumiku.state.auth import signed_in_user
from lumiku.state.base import Caller, call, error_text, with_user
from lumiku.state.video_generator.common import PROMPT_MIN, VideoGeneratorState
from lumiku.state.video_generator.form import FormState


class ImproveState(VideoGeneratorState):
    improving: bool = False
    suggestion: str = ""  # the writer's text, waiting for the user's answer
    improve_off: str = ""  # why improving is off, in words ("" when it is on)

    async def _start(self, user_id: int) -> None:
        self.improving, self.suggestion = False, ""
        reason = await call(videos.prompt_writer_reason)
        self.improve_off = tr(reason, await self._lang()) if reason else ""

    @rx.event(background=True)
    async def improve_prompt(self):
        """Asks the writer to improve the prompt as it is now (a few seconds); the answer is a
        suggestion, nothing changes until the user accepts it. A background event, so
        `with_user` cannot wrap it: the user is re-derived here the same way."""
        async with self:
            session, user = await signed_in_user(self)
            if user is None:
                return session._to_sign_in()
            if self.improving or self.improve_off:
                return None
            self.error = self.notice = self.suggestion = ""
            lang, user_id = session.lang, user.id
            prompt = (await self.get_state(FormState)).prompt
            if len(prompt.strip()) < PROMPT_MIN:
                self.error = tr("video_generator_improve_needs_words", lang)
                return None
            self.improving = True
        try:
            text, failure = await call(videos.improve_prompt, user_id, prompt, lang), ""
        except Exception as exc:  # noqa: BLE001 - shown
            text, failure = "", error_text(exc, lang)
        async with self:
            self.improving = False
            if (await self.get_state(FormState)).prompt != prompt:
                return None  # the words changed meanwhile: this answer is of the old ones
            self.suggestion, self.error = text, failure
        return None

    @rx.event
    @with_user
    async def accept_suggestion(self, me: Caller):
        """The suggestion becomes what is sent (and the small charge for it is added)."""
        if not self.suggestion:
            return
        form = await self.get_state(FormState)
        form.improved_prompt, self.suggestion = self.suggestion, ""
        self.notice = tr("video_generator_improved_accepted", me.lang)
        await form._estimate(me.user.id)

    @rx.event
    @with_user
    async def reject_suggestion(self, me: Caller):
        self.suggestion = ""
