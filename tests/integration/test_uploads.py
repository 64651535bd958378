"""Uploads as a hostile or unlucky client sends them: raw HTTP to /_upload from tabs that are not
signed in, bodies without a Content-Length, and files cut short (half a download)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from lumiku.api import guards
from lumiku.services import auth, files, media
from lumiku.services.errors import ServiceError
from tests.factories import make_clip, new_user, register

pytestmark = pytest.mark.usefixtures("db", "rds")

SIGNED_IN_TAB = "0b8f8d7e-upload-tab-signed-in"
STRANGER_TAB = "5c2d4a11-upload-tab-stranger"


class UploadEndpoint:
    """Stands in for Reflex's POST /_upload: parses (and so spools) the whole multipart body.
    Counts the body messages the server handed on, and whether the endpoint was reached."""

    def __init__(self) -> None:
        self.reached = 0
        self.body_messages = 0
        self.app = Starlette(routes=[Route("/_upload", self.upload, methods=["POST"])])

    async def upload(self, request: Request):
        self.reached += 1
        form = await request.form()
        names = [f.filename for f in form.getlist("files")]
        await form.close()
        return PlainTextResponse(",".join(names))

    def server(self, app):
        """`app` as the server runs it, counting the body messages anyone read."""

        async def counted(scope, receive, send):
            async def receive_counted():
                message = await receive()
                if message["type"] == "http.request":
                    self.body_messages += 1
                return message

            await app(scope, receive_counted, send)

        return counted


async def _sign_in_tab(manager, client_token: str, session_token: str) -> None:
    from reflex.istate.manager.token import BaseStateToken

    from lumiku.state.auth import AuthState

    async with manager.modify_state(BaseStateToken(ident=client_token, cls=AuthState)) as root:
        root.get_substate(AuthState.get_full_name().split(".")[1:]).token = session_token


def _post(endpoint: UploadEndpoint, monkeypatch, requests: list[dict]) -> list[httpx.Response]:
    """Signs one tab in (in Reflex's Redis state manager, as the app does), then sends each
    request through the guard in front of the endpoint."""
    from reflex.istate.manager import StateManager

    signed = register(1)

    async def scenario():
        manager = StateManager.create()
        monkeypatch.setattr(guards, "state_manager", lambda: manager)
        await _sign_in_tab(manager, SIGNED_IN_TAB, signed.token)
        app = endpoint.server(guards.block_public_uploads(endpoint.app))
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://lumiku") as client:
            return [await client.post("/_upload", **request) for request in requests]

    return asyncio.run(scenario())


def _tab(token: str) -> dict[str, str]:
    return {"reflex-client-token": token, "reflex-event-handler": "state.project_state.upload"}


def test_bodies_from_tabs_without_a_signed_in_user_are_refused_before_a_byte_is_read(
    monkeypatch,
):
    endpoint = UploadEndpoint()
    clip = b"\0" * (2 * 2**20)  # past Starlette's in-memory spool: it would go to disk
    out = _post(
        endpoint,
        monkeypatch,
        [
            {"files": {"files": ("a.mp4", clip)}},  # names no tab at all
            {"files": {"files": ("a.mp4", clip)}, "headers": _tab(STRANGER_TAB)},
            {"files": {"files": ("a.mp4", clip)}, "headers": _tab("x" * 500)},
        ],
    )
    assert [r.status_code for r in out] == [401, 401, 401]
    assert (endpoint.reached, endpoint.body_messages) == (0, 0)


def test_a_revoked_session_no_longer_uploads(monkeypatch):
    endpoint = UploadEndpoint()
    from reflex.istate.manager import StateManager

    signed = register(2)

    async def scenario():
        manager = StateManager.create()
        monkeypatch.setattr(guards, "state_manager", lambda: manager)
        await _sign_in_tab(manager, SIGNED_IN_TAB, signed.token)
        app = endpoint.server(guards.block_public_uploads(endpoint.app))
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://lumiku"
        ) as client:
            first = await client.post(
                "/_upload", files={"files": ("a.mp4", b"x")}, headers=_tab(SIGNED_IN_TAB)
            )
            await asyncio.to_thread(auth.sign_out, signed.token)
            second = await client.post(
                "/_upload", files={"files": ("b.mp4", b"x")}, headers=_tab(SIGNED_IN_TAB)
            )
            return first, second

    first, second = asyncio.run(scenario())
    assert (first.status_code, first.text) == (200, "a.mp4")
    assert second.status_code == 401 and endpoint.reached == 1


def test_a_signed_in_tab_uploads_and_a_chunked_body_is_cut_off_at_the_limit(monkeypatch):
    monkeypatch.setattr(guards, "upload_limit_bytes", lambda: 2**20)
    endpoint = UploadEndpoint()
    boundary = "lumikuboundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="big.mp4"\r\n'
        "Content-Type: video/mp4\r\n\r\n"
    ).encode()

    async def chunked(megabytes: int):
        """A multipart body sent without a Content-Length, 64 KiB at a time."""
        yield head
        for _ in range(megabytes * 16):
            yield b"\0" * 65536
        yield f"\r\n--{boundary}--\r\n".encode()

    multipart = {**_tab(SIGNED_IN_TAB), "content-type": f"multipart/form-data; boundary={boundary}"}
    out = _post(
        endpoint,
        monkeypatch,
        [
            {"files": {"files": ("small.mp4", b"x" * 1000)}, "headers": _tab(SIGNED_IN_TAB)},
            {"content": chunked(8), "headers": multipart},
        ],
    )
    assert (out[0].status_code, out[0].text) == (200, "small.mp4")
    assert out[1].status_code == 413
    assert "content-length" not in out[1].request.headers
    # the endpoint saw the body end (as a disconnect) once a little past 1 MiB had arrived
    assert endpoint.body_messages < 8 * 16


# ------------------------------------------------------------------ files cut short


def _cut(path: Path, fraction: float) -> Path:
    data = path.read_bytes()
    cut = path.with_name(f"{path.stem}-cut{path.suffix}")
    cut.write_bytes(data[: int(len(data) * fraction)])
    return cut


FASTSTART = ("-pix_fmt", "yuv420p", "-movflags", "+faststart")  # the index (moov) first


@pytest.mark.parametrize(
    "encode", [FASTSTART, ("-pix_fmt", "yuv420p")], ids=["moov-first", "moov-last"]
)
@pytest.mark.parametrize("fraction", [0.5, 0.97])
def test_a_video_cut_short_is_refused_as_incomplete(tmp_path, encode, fraction):
    whole = make_clip(tmp_path / "whole.mp4", 4, encode=encode)
    assert media.probe(whole).duration == pytest.approx(4, abs=0.1)
    with pytest.raises(ServiceError) as refused:
        media.probe(_cut(whole, fraction))
    assert refused.value.code == "file_incomplete"


def test_other_whole_videos_and_sounds_pass_the_completeness_check(tmp_path):
    for name in ("a.webm", "b.mkv", "c.mov", "d.avi"):
        assert media.probe(make_clip(tmp_path / name, 2, size="160x120")).media == "video"
    webm = make_clip(tmp_path / "cut.webm", 4, size="160x120")
    with pytest.raises(ServiceError) as refused:
        media.probe(_cut(webm, 0.5))
    assert refused.value.code == "file_incomplete"


def test_the_incomplete_message_is_clear_in_both_languages(tmp_path):
    from lumiku.i18n import tr

    assert "incomplete or damaged" in tr("file_incomplete", "en")
    assert "tidak lengkap" in tr("file_incomplete", "id")
    user_id = new_user(3)
    whole = make_clip(tmp_path / "whole.mp4", 2, encode=FASTSTART)
    with pytest.raises(ServiceError) as refused:
        files.store_upload(user_id, _cut(whole, 0.5), "half.mp4", {"video"})
    assert refused.value.code == "file_incomplete"
    assert files.store_upload(user_id, whole, "whole.mp4", {"video"}).duration_seconds
