"""Helpers shared by every state: run services off the event loop, turn errors into text, and
`with_user`, the signed-in handlers' prologue and error handling."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import inspect
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from lumiku import plugins
from lumiku.i18n import DEFAULT_LANGUAGE, tr
from lumiku.i18n import MESSAGES as CATALOGUE
from lumiku.services.errors import ServiceError

if TYPE_CHECKING:
    from lumiku.services.auth import CurrentUser
    from lumiku.state.auth import AuthState

T = TypeVar("T")
log = logging.getLogger("lumiku.state")


async def call(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Services are synchronous (database, bcrypt); keep them off the event loop."""
    return await asyncio.to_thread(fn, *args, **kwargs)


LABELLED_PARAMS = ("name",)  # a ServiceError value that names a parameter or a field


def label_keys(name: str) -> list[str]:
    """Where a parameter's label may be: `field_<name>`, then each app's `<app>_opt_<name>`
    (the label its settings form shows)."""
    name = name.lower()
    apps = [app.id.replace("-", "_") for app in plugins.APPS]
    return [f"field_{name}", *(f"{app}_opt_{name}" for app in apps)]


def param_label(name: object, lang: str) -> object:
    """A parameter shown by its label in the user's language ("Kecepatan terlambat", not
    "speed_min"); anything without a label is shown as it is."""
    if not isinstance(name, str):
        return name
    table = CATALOGUE.get(lang, CATALOGUE[DEFAULT_LANGUAGE])
    return next((table[key] for key in label_keys(name) if key in table), name)


def error_text(exc: Exception, lang: str) -> str:
    if isinstance(exc, ServiceError):
        params = {
            k: param_label(v, lang) if k in LABELLED_PARAMS else v for k, v in exc.params.items()
        }
        return tr(exc.code, lang, **params)
    log.exception("unexpected error in a state handler", exc_info=exc)
    return tr("unexpected_error", lang)


def form_text(form: Any, name: str, limit: int = 1000) -> str:
    """A text field from a submitted form; clients may send anything, so check the shape."""
    if not isinstance(form, dict):
        return ""
    value = form.get(name, "")
    return value[:limit] if isinstance(value, str) else ""


# ---------------------------------------------------------------- signed-in event handlers


@dataclass(frozen=True)
class Caller:
    """Who called a handler: the tab's AuthState and the user re-derived from its token now."""

    session: AuthState
    user: CurrentUser

    @property
    def lang(self) -> str:
        return self.session.lang


MESSAGES = ("error", "notice")  # the state's own texts, cleared when a handler starts


def _show_error(state: Any, exc: Exception, lang: str) -> bool:
    """The error as the tab's text, on states that show one; False where there is none."""
    if "error" not in type(state).vars:
        return False
    state.error = error_text(exc, lang)  # logs the unexpected ones
    return True


async def _begin(state: Any, signature: inspect.Signature, args: tuple, kwargs: dict):
    signature.bind(state, *args, **kwargs)  # wrong arguments fail before anything happens
    from lumiku.state.auth import signed_in_user  # auth.py imports this module

    for name in MESSAGES:
        if name in type(state).vars:
            setattr(state, name, "")
    return await signed_in_user(state)


def with_user(fn: Callable[..., Any]) -> Callable[..., Any]:
    """For an event handler `async def h(self, me: Caller, *client_args)`, plain or a generator:
    re-derives the signed-in user on every call and sends strangers to the sign-in page, clears
    the state's `error`/`notice`, and shows what the body raises as the state's `error` (where
    the state has none, it is raised as before).

    Reflex 0.10 reads a handler's parameters with `inspect.signature` (EventHandler.
    get_parameters, which names a page's event arguments) and its types with
    `typing.get_type_hints` (EventHandler._get_type_hints, which the event processor uses to
    coerce a client's payload before calling `fn(state, **payload)`). The wrapper shows both
    without `me` (`__signature__`, `__annotations__`; `__wrapped__` lends the hints the
    handler's module globals), so clients can neither see nor send it, and their arguments
    are checked and coerced as before.

    Put it under `@rx.event`."""
    signature = inspect.signature(fn)
    params = list(signature.parameters.values())
    if len(params) < 2 or not (inspect.iscoroutinefunction(fn) or inspect.isasyncgenfunction(fn)):
        msg = f"{fn.__qualname__}: with_user needs an async `(self, me, ...)` handler"
        raise TypeError(msg)
    injected = params[1].name
    client = signature.replace(parameters=[params[0], *params[2:]])

    if inspect.isasyncgenfunction(fn):

        @functools.wraps(fn)
        async def handler(self, *args: Any, **kwargs: Any):
            session, user = await _begin(self, client, args, kwargs)
            if user is None:
                yield session._to_sign_in()
                return
            me = Caller(session, user)
            try:
                async with contextlib.aclosing(fn(self, me, *args, **kwargs)) as updates:
                    async for update in updates:
                        yield update
            except Exception as exc:
                if not _show_error(self, exc, me.lang):
                    raise

    else:

        @functools.wraps(fn)
        async def handler(self, *args: Any, **kwargs: Any):
            session, user = await _begin(self, client, args, kwargs)
            if user is None:
                return session._to_sign_in()
            me = Caller(session, user)
            try:
                return await fn(self, me, *args, **kwargs)
            except Exception as exc:
                if not _show_error(self, exc, me.lang):
                    raise
                return None

    handler.__signature__ = client  # what inspect.signature (and so Reflex) sees
    handler.__annotations__ = {k: v for k, v in fn.__annotations__.items() if k != injected}
    return handler
