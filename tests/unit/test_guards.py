import asyncio

import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from lumiku.api import guards
from lumiku.api.guards import block_public_uploads

SIGNED_IN = {"reflex-client-token": "tab-signed-in", "reflex-event-handler": "x.upload"}


async def ok(request):
    body = await request.body()
    return PlainTextResponse(f"reached {len(body)}")


inner = Starlette(routes=[Route("/{path:path}", ok, methods=["GET", "POST"])])
client = TestClient(block_public_uploads(inner))


@pytest.fixture(autouse=True)
def one_signed_in_tab(monkeypatch):
    """The tab registry as the guard sees it: only "tab-signed-in" has a signed-in user."""

    async def signed_in_tab(client_token: str) -> bool:
        return client_token == "tab-signed-in"

    monkeypatch.setattr(guards, "_signed_in_tab", signed_in_tab)


def test_public_upload_files_are_not_served():
    assert client.get("/_upload/secret/file.mp4").status_code == 404
    assert client.get("/_upload").status_code == 404
    assert client.post("/_upload/secret/file.mp4").status_code == 404


def test_upload_posts_from_signed_in_tabs_and_other_paths_pass():
    assert client.post("/_upload", headers=SIGNED_IN).text == "reached 0"
    assert client.get("/api/health").text == "reached 0"
    assert client.get("/_uploads-are-not-this").text == "reached 0"


def test_uploads_over_the_largest_limit_are_refused_before_reading():
    too_big = str(guards.upload_limit_bytes() + 1)
    headers = {**SIGNED_IN, "Content-Length": too_big}
    assert client.post("/_upload", headers=headers).status_code == 413
    assert client.post("/_upload", content=b"x" * 10, headers=SIGNED_IN).text == "reached 10"


def _run(body: list[bytes], headers: list[tuple[bytes, bytes]]) -> tuple[list[dict], int, int]:
    """Sends `body` as separate ASGI messages through the guard; returns what the client got,
    how many body bytes the app read and how many body messages anyone took."""
    seen = {"read": 0, "taken": 0}

    async def app(scope, receive, send):
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            seen["read"] += len(message.get("body", b""))
            if not message.get("more_body"):
                break
        await PlainTextResponse("reached")(scope, receive, send)

    async def scenario():
        messages = [
            {"type": "http.request", "body": part, "more_body": n < len(body) - 1}
            for n, part in enumerate(body)
        ]
        sent: list[dict] = []

        async def receive():
            if not messages:
                await asyncio.sleep(3600)  # a client still sending
            seen["taken"] += 1
            return messages.pop(0)

        async def send(message):
            sent.append(message)

        scope = {"type": "http", "method": "POST", "path": "/_upload", "headers": headers}
        await block_public_uploads(app)(scope, receive, send)
        return sent

    sent = asyncio.run(scenario())
    return sent, seen["read"], seen["taken"]


def _status(sent: list[dict]) -> int:
    return next(m["status"] for m in sent if m["type"] == "http.response.start")


def test_a_chunked_body_is_cut_off_once_past_the_limit(monkeypatch):
    monkeypatch.setattr(guards, "upload_limit_bytes", lambda: 1000)
    tab = [(b"reflex-client-token", b"tab-signed-in")]
    sent, read, taken = _run([b"x" * 400] * 10, [*tab, (b"transfer-encoding", b"chunked")])
    assert _status(sent) == 413 and read <= 1000 and taken == 3
    assert [m for m in sent if m["type"] == "http.response.start"] == sent[:1]  # one answer
    # a Content-Length that understates the body does not help either
    sent, read, _ = _run([b"x" * 400] * 10, [*tab, (b"content-length", b"10")])
    assert _status(sent) == 413 and read <= 1000
    sent, read, _ = _run([b"x" * 400] * 2, tab)  # within the limit
    assert _status(sent) == 200 and read == 800


def test_tabs_without_a_signed_in_user_are_refused_before_a_byte_is_read():
    for headers in ([], [(b"reflex-client-token", b"another-tab")]):
        sent, read, taken = _run([b"x" * 400] * 3, headers)
        assert (_status(sent), read, taken) == (401, 0, 0)


def test_the_tab_check_refuses_when_the_state_cannot_be_read(monkeypatch):
    monkeypatch.undo()  # the real check, with no Reflex app running

    assert asyncio.run(guards._signed_in_tab("some-tab")) is False
    assert asyncio.run(guards._signed_in_tab("")) is False
    assert asyncio.run(guards._signed_in_tab("x" * 500)) is False
