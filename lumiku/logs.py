"""Log lines for every process: plain text while developing, one JSON object per line in
production (LOG_FORMAT), so a log shipper can index them. Each line carries the ids of what the
process was doing when it logged (the HTTP request, the Reflex event, the generation item a
worker runs) from a context variable: code that logs never passes them along, and a thread or
task started inside a request inherits them.

Plain Python: used by the web (lumiku.lumiku), the workers (jobs/__main__.py) and anything they
call, so it imports neither Reflex nor Starlette (both hooks below are duck-typed).
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import logging
import re
import secrets
import sys
from collections.abc import Awaitable, Callable, Iterator, MutableMapping
from datetime import UTC, datetime
from typing import Any, TextIO

# The ids a line may carry, in the order a text line shows them.
ID_FIELDS = (
    "request_id",
    "event_id",
    "event",
    "client_token",
    "generation_id",
    "item_id",
    "job_id",
)
REQUEST_ID_HEADER = "x-request-id"
# What we accept from the proxy as a request id: one short token that cannot break a log line
# or a header (nginx's $request_id, a UUID, a trace id). Anything else gets an id of our own.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{5,63}")

_ids: contextvars.ContextVar[dict[str, str]] = contextvars.ContextVar("lumiku_log_ids")
_role = "app"  # web | worker, set by configure()


def current_ids() -> dict[str, str]:
    return dict(_ids.get({}))


def bind(**ids: object) -> contextvars.Token:
    """Adds ids to this context until `_ids.reset(token)` (or for good, where nothing resets:
    a Reflex event's task). Empty values are left out."""
    shown = {name: str(value) for name, value in ids.items() if value not in (None, "")}
    return _ids.set({**_ids.get({}), **shown})


@contextlib.contextmanager
def bound(**ids: object) -> Iterator[None]:
    """The ids on every line logged inside the block (and in threads and tasks it starts)."""
    token = bind(**ids)
    try:
        yield
    finally:
        _ids.reset(token)


def _ids_of(record: logging.LogRecord) -> dict[str, str]:
    """The context's ids, and any given by `extra=` (which win)."""
    ids = _ids.get({})
    extra = {f: str(getattr(record, f)) for f in ID_FIELDS if getattr(record, f, None)}
    return {**ids, **extra} if extra else ids


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ts, level, logger, message, process, role, the ids, and the
    traceback (whole, in one field) when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
            "role": _role,
            **_ids_of(record),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """`<time> <role> <LEVEL> <logger>: <message> [id=… …]`, then the traceback."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(role)s %(levelname)s %(name)s: %(message)s%(ids)s")

    def format(self, record: logging.LogRecord) -> str:
        ids = _ids_of(record)
        record.role = _role
        record.ids = (" [" + " ".join(f"{k}={v}" for k, v in ids.items()) + "]") if ids else ""
        return super().format(record)


def formatter(kind: str) -> logging.Formatter:
    return JsonFormatter() if kind == "json" else TextFormatter()


def configure(role: str, kind: str | None = None, *, stream: TextIO | None = None) -> None:
    """Our one handler on the root logger (stderr), replacing the one an earlier call put there;
    `kind` json or text (default: LOG_FORMAT's choice). Libraries that log through the root
    logger (RQ, SQLAlchemy) come out in the same format; Reflex keeps its own sinks."""
    global _role
    if kind is None:
        from lumiku.settings import get_settings

        kind = get_settings().effective_log_format
    _role = role
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "lumiku", False)]:
        root.removeHandler(handler)
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.lumiku = True  # type: ignore[attr-defined]
    handler.setFormatter(formatter(kind))
    root.addHandler(handler)
    root.setLevel(logging.INFO)


# ------------------------------------------------------------------ request and event ids


def request_id(given: str | None) -> str:
    """The proxy's id when it is a sane short token, else a new one."""
    if given and SANE_REQUEST_ID.fullmatch(given):
        return given
    return secrets.token_hex(8)


Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


class RequestIds:
    """ASGI middleware: every HTTP request runs with its `request_id` (X-Request-ID from the
    proxy, sanitised, or our own), which the response echoes back. Websockets pass through;
    their events get ids from EventIds."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = next(
            (
                value.decode("latin-1")
                for name, value in scope.get("headers", [])
                if name.lower() == REQUEST_ID_HEADER.encode()
            ),
            None,
        )
        rid = request_id(given)

        async def send_with_id(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (name, value)
                    for name, value in message.get("headers", [])
                    if name.lower() != REQUEST_ID_HEADER.encode()
                ]
                message = {**message, "headers": [*headers, (b"x-request-id", rid.encode())]}
            await send(message)

        with bound(request_id=rid):
            await self.app(scope, receive, send_with_id)


class EventIds:
    """Reflex middleware (`app.add_middleware(EventIds())`): before each event's handler runs,
    in the task that runs it, sets a new `event_id`, the event's name and the tab's client
    token, cut to 8 characters: the whole token opens the tab's state, so a log shows only
    enough to follow one tab. The next event in that task replaces them."""

    async def preprocess(self, app: Any, state: Any, event: Any) -> None:  # noqa: ARG002
        try:
            token = state.router.session.client_token or ""
        except AttributeError:
            token = ""
        name = ".".join(str(getattr(event, "name", "")).split(".")[-2:])  # state.handler
        ids = {"event_id": secrets.token_hex(6), "event": name, "client_token": token[:8]}
        _ids.set({k: v for k, v in ids.items() if v})
        return None

    async def postprocess(self, app: Any, state: Any, event: Any, update: Any) -> Any:  # noqa: ARG002
        return update
