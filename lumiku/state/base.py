"""Helpers shared by every state: run services off the event loop and turn errors into text."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from lumiku.i18n import tr
from lumiku.services.errors import ServiceError

T = TypeVar("T")
log = logging.getLogger("lumiku.state")


async def call(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Services are synchronous (database, bcrypt); keep them off the event loop."""
    return await asyncio.to_thread(fn, *args, **kwargs)


def error_text(exc: Exception, lang: str) -> str:
    if isinstance(exc, ServiceError):
        return tr(exc.code, lang, **exc.params)
    log.exception("unexpected error in a state handler", exc_info=exc)
    return tr("unexpected_error", lang)


def form_text(form: Any, name: str, limit: int = 1000) -> str:
    """A text field from a submitted form; clients may send anything, so check the shape."""
    if not isinstance(form, dict):
        return ""
    value = form.get(name, "")
    return value[:limit] if isinstance(value, str) else ""
