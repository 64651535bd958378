"""Improving a description: what the text model is asked, and its reply made into a prompt.

The improved description is written in the user's language, so they can judge what will be
sent before choosing to use it (and pay the enhancedPrompt extra only then); the video models
we serve read Indonesian as well as English. Names, brands and words meant to appear on screen
are kept exactly as the user wrote them.
"""

from __future__ import annotations

import re

from lumiku.services.errors import ServiceError
from lumiku.services.video_generator.rules import PROMPT_MAX, PROMPT_MIN

SYSTEM = (
    "You rewrite short video ideas into prompts for a text-to-video model. Reply with the prompt "
    "only: one paragraph of plain {language}, 40 to 120 words, no title, no quotes, no lists, no "
    "notes. Describe what is seen, in order: the subject and what it does, the setting, the "
    "light and mood, and the camera (shot size, angle, movement). Keep the user's idea, "
    "subject and every name, brand and on-screen text exactly as written; add no people, "
    "logos or text they did not ask for. Nothing sexual, violent or hateful: if the idea asks "
    "for that, describe a harmless version of the scene instead."
)
LANGUAGES = {"id": "Indonesian", "en": "English"}
_LABEL = re.compile(r"^\s*(improved\s+)?(video\s+)?prompt\s*:\s*", re.IGNORECASE)


def request(description: str, language: str) -> tuple[str, str]:
    """The system text and the user's message for the text model: the prompt comes back in the
    user's language."""
    written_in = LANGUAGES.get(language, "Indonesian")
    message = (
        f"The idea, written in {written_in}:\n<idea>\n{description}\n</idea>\n"
        f"Write the improved prompt in {written_in}."
    )
    return SYSTEM.format(language=written_in), message


def clean_reply(text: str) -> str:
    """The model's reply as a prompt: a leading "Prompt:" label, wrapping quotes and markdown
    emphasis removed, whitespace collapsed, cut to PROMPT_MAX at a word. An empty or tiny reply
    is the provider's fault (ai_bad_reply)."""
    cleaned = _LABEL.sub("", text.strip() if isinstance(text, str) else "")
    cleaned = cleaned.replace("**", "").strip().strip('"“”').strip()
    cleaned = " ".join(cleaned.split())
    if len(cleaned) > PROMPT_MAX:
        cleaned = cleaned[:PROMPT_MAX].rsplit(" ", 1)[0]
    if len(cleaned) < PROMPT_MIN:
        raise ServiceError("ai_bad_reply")
    return cleaned
