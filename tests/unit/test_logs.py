"""Log lines (lumiku.logs): the JSON and text formats, the ids a line carries from its context,
and the request id taken from the proxy only when it is a sane short token."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import sys
from types import SimpleNamespace

import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from lumiku import logs
from lumiku.settings import Settings

STRONG = "q7RkV2mXz9LpT4wYb8NcJ3hFs6GdA1eU5oKi0"


@pytest.fixture
def captured():
    """Our handler on the root logger, writing to a buffer; the root logger as it was after."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    buffer = io.StringIO()

    def lines() -> list[str]:
        return [line for line in buffer.getvalue().splitlines() if line]

    yield buffer, lines
    root.handlers[:] = handlers
    root.setLevel(level)


def record(message: str = "hello %s", *args: object, **extra: object) -> logging.LogRecord:
    rec = logging.LogRecord("lumiku.test", logging.WARNING, __file__, 1, message, args, None)
    rec.__dict__.update(extra)
    return rec


def test_a_json_line_has_the_fields_and_the_context_ids():
    with logs.bound(generation_id="gen-1", item_id="item-1", job_id=None):
        line = logs.JsonFormatter().format(record("made %d of %d", 2, 3))
    entry = json.loads(line)
    assert entry["message"] == "made 2 of 3"
    assert entry["level"] == "WARNING" and entry["logger"] == "lumiku.test"
    assert entry["generation_id"] == "gen-1" and entry["item_id"] == "item-1"
    assert "job_id" not in entry  # an empty id is left out
    assert isinstance(entry["process"], int) and entry["ts"].endswith("+00:00")
    assert set(entry) == {
        "ts",
        "level",
        "logger",
        "message",
        "process",
        "role",
        *("generation_id", "item_id"),
    }


def test_ids_end_with_their_block_and_extra_wins():
    with logs.bound(request_id="outer-123"):
        with logs.bound(item_id="inner"):
            assert logs.current_ids() == {"request_id": "outer-123", "item_id": "inner"}
        assert logs.current_ids() == {"request_id": "outer-123"}
        entry = json.loads(logs.JsonFormatter().format(record(request_id="given-456")))
        assert entry["request_id"] == "given-456"
    assert logs.current_ids() == {}


def test_a_traceback_is_one_field_of_one_line():
    try:
        raise ValueError("broken\nin two lines")
    except ValueError:
        rec = record("it failed")
        rec.exc_info = sys.exc_info()
    line = logs.JsonFormatter().format(rec)
    assert "\n" not in line  # one line, whatever the exception says
    entry = json.loads(line)
    assert entry["exception"].startswith("Traceback (most recent call last)")
    assert "ValueError: broken\nin two lines" in entry["exception"]


def test_configure_replaces_its_handler_and_writes_the_role(captured):
    buffer, lines = captured
    logs.configure("worker", "text", stream=io.StringIO())
    logs.configure("worker", "json", stream=buffer)  # again: replaces, never doubles
    ours = [h for h in logging.getLogger().handlers if getattr(h, "lumiku", False)]
    assert len(ours) == 1
    with logs.bound(item_id="i-9"):
        logging.getLogger("lumiku.somewhere").info("rendering")
    logging.getLogger("rq.worker").debug("not at INFO")
    [entry] = [json.loads(line) for line in lines()]
    assert entry["role"] == "worker" and entry["item_id"] == "i-9"
    assert entry["message"] == "rendering" and entry["logger"] == "lumiku.somewhere"


def test_the_text_format_shows_the_ids_after_the_message(captured):
    buffer, lines = captured
    logs.configure("web", "text", stream=buffer)
    with logs.bound(request_id="abcdef12"):
        logging.getLogger("lumiku.api").warning("slow")
    [line] = lines()
    assert line.endswith(" web WARNING lumiku.api: slow [request_id=abcdef12]")


def test_log_format_defaults_by_environment(monkeypatch, tmp_path):
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
    assert Settings(_env_file=None, data_dir=tmp_path).effective_log_format == "text"
    production = Settings(
        _env_file=None,
        lumiku_env="production",
        secret_key=STRONG,
        public_url="https://lumiku.id",
        database_url="postgresql+psycopg://u@db/lumiku",
        redis_url="redis://redis:6379/0",
        smtp_host="smtp.example.com",
        mail_from="Lumiku <no-reply@lumiku.id>",
    )
    assert production.effective_log_format == "json"
    assert production.model_copy(update={"log_format": "text"}).effective_log_format == "text"


@pytest.mark.parametrize("token", ["short", "has spaces in the token here", "x" * 15])
def test_a_metrics_token_must_be_long(monkeypatch, tmp_path, token):
    monkeypatch.delenv("METRICS_TOKEN", raising=False)
    with pytest.raises(ValueError, match="at least 16"):
        Settings(_env_file=None, data_dir=tmp_path, metrics_token=token)


# ------------------------------------------------------------------ request ids


@pytest.mark.parametrize(
    "given",
    [
        "0f8fad5b-d9cb-469f-a165-70867728950e",  # a UUID
        "a3c9e1b2f4d6a8c0e2f4a6b8c0d2e4f6",  # nginx's $request_id
        "req_01.trace:42",
    ],
)
def test_a_sane_request_id_from_the_proxy_is_kept(given):
    assert logs.request_id(given) == given


@pytest.mark.parametrize(
    "given",
    [
        None,
        "",
        "abc",  # too short to tell requests apart
        "x" * 65,  # too long for a log line's id
        "evil\nfake-log-line",
        'quote"s',
        "space inside",
        "ünïcode-id-1",
        "-leading-dash",
    ],
)
def test_anything_else_gets_an_id_of_our_own(given):
    made = logs.request_id(given)
    assert made != given and len(made) == 16 and logs.SANE_REQUEST_ID.fullmatch(made)
    assert logs.request_id(given) != made  # a new one each time


def _app() -> Starlette:
    async def endpoint(_: Request) -> PlainTextResponse:
        in_thread = await asyncio.to_thread(logs.current_ids)  # a thread inherits them
        return PlainTextResponse(
            json.dumps([logs.current_ids(), in_thread]), headers={"X-Request-ID": "spoofed-id"}
        )

    return Starlette(routes=[Route("/api/x", endpoint)], middleware=[Middleware(logs.RequestIds)])


def test_a_request_runs_with_its_id_and_the_response_echoes_it():
    client = TestClient(_app())
    response = client.get("/api/x", headers={"X-Request-ID": "from-proxy-42"})
    assert response.headers["x-request-id"] == "from-proxy-42"
    assert response.headers.get_list("x-request-id") == ["from-proxy-42"]  # ours, once
    assert response.json() == [{"request_id": "from-proxy-42"}] * 2

    response = client.get("/api/x", headers={"X-Request-ID": "bad id\r"})
    made = response.headers["x-request-id"]
    assert made != "bad id\r" and response.json()[0] == {"request_id": made}

    response = client.get("/api/x")
    assert len(response.headers["x-request-id"]) == 16
    assert logs.current_ids() == {}  # nothing left behind in the caller


def test_a_reflex_event_gets_its_ids_in_its_own_task():
    state = SimpleNamespace(router=SimpleNamespace(session=SimpleNamespace(client_token="t" * 36)))
    event = SimpleNamespace(
        name="reflex___state____state.lumiku___state___admin____admin_queues_state.load"
    )

    async def handle() -> dict[str, str]:
        await logs.EventIds().preprocess(app=None, state=state, event=event)
        return logs.current_ids()

    async def two_events() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
        first, second = await asyncio.gather(handle(), handle())  # a task each, as Reflex does
        return first, second, logs.current_ids()

    first, second, outside = asyncio.run(two_events())
    assert first["event"] == "lumiku___state___admin____admin_queues_state.load"  # state.handler
    assert first["client_token"] == "t" * 8  # only the start of the token
    assert first["event_id"] != second["event_id"] and len(first["event_id"]) == 12
    assert outside == {}
