"""ASGI wrappers that keep private things private."""

from __future__ import annotations

import asyncio
import logging

from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from lumiku.settings import get_settings

log = logging.getLogger(__name__)
MAX_CLIENT_TOKEN = 128  # Reflex's tab tokens are UUIDs; anything much longer is not one


def block_public_uploads(app: ASGIApp) -> ASGIApp:
    """Reflex serves everything under its upload folder publicly at GET /_upload/…; we never do.

    POST /_upload is how browsers send files to an upload handler. Before a byte of the body is
    read, the request must name a tab (Reflex's `reflex-client-token` header) whose session is
    signed in now (401 otherwise), and declare no more than the largest upload (413); then the
    bytes actually received are counted, whatever the headers said (a chunked body declares
    nothing), and the request is cut off with 413 once past the limit.
    """

    async def guarded(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path = scope["path"]
            if path.startswith("/_upload/") or (path == "/_upload" and scope["method"] != "POST"):
                await PlainTextResponse("Not Found", status_code=404)(scope, receive, send)
                return
            if path == "/_upload":
                limit = upload_limit_bytes()
                if _declared_length(scope) > limit:
                    await PlainTextResponse("Too Large", status_code=413)(scope, receive, send)
                    return
                if not await _signed_in_tab(_header(scope, b"reflex-client-token")):
                    await PlainTextResponse("Sign in first", status_code=401)(scope, receive, send)
                    return
                await _within_limit(app, scope, receive, send, limit)
                return
        await app(scope, receive, send)

    return guarded


async def _within_limit(app: ASGIApp, scope: Scope, receive: Receive, send: Send, limit: int):
    """Runs `app` with a body that ends (as a client disconnect) once more than `limit` bytes
    have arrived; the caller then gets 413 in place of whatever `app` answers."""
    received, over, started = 0, False, False

    async def counted() -> Message:
        nonlocal received, over
        if over:
            return {"type": "http.disconnect"}
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                over = True
                return {"type": "http.disconnect"}
        return message

    async def answer(message: Message) -> None:
        nonlocal started
        if over and not started:
            return  # the app's reply to the cut body; ours is the 413 below
        if message["type"] == "http.response.start":
            started = True
        await send(message)

    try:
        await app(scope, counted, answer)
    except Exception:
        if not over:
            raise
        log.debug("upload cut off past %s bytes", limit, exc_info=True)
    if over and not started:
        await PlainTextResponse("Too Large", status_code=413)(scope, receive, send)


async def _signed_in_tab(client_token: str) -> bool:
    """Whether the tab named by an upload request has a signed-in session now.

    The session token lives in the browser's localStorage and reaches the server inside the
    tab's state (AuthState.token, synced on every page load), never as a cookie or header; so
    the tab's AuthState is read from Reflex's state manager (Redis; a read, no lock taken) and
    its token resolved as every handler resolves it. Unknown tabs get a fresh, empty state:
    signed out."""
    if not client_token or len(client_token) > MAX_CLIENT_TOKEN:
        return False
    try:
        session_token = await tab_session_token(client_token)
    except Exception:  # noqa: BLE001 - no state manager, Redis down: refuse, do not fail open
        log.warning("could not read the state of an uploading tab", exc_info=True)
        return False
    if not session_token:
        return False
    from lumiku.services import auth

    return await asyncio.to_thread(auth.resolve, session_token) is not None


def state_manager():
    """The running app's Reflex state manager (set for every request by Reflex's context
    middleware, which runs before the api transformers)."""
    from reflex.istate.manager import get_state_manager

    return get_state_manager()


async def tab_session_token(client_token: str) -> str:
    """The session token a tab holds, as Reflex's state manager has it."""
    from reflex.istate.manager.token import BaseStateToken

    from lumiku.state.auth import AuthState

    root = await state_manager().get_state(BaseStateToken(ident=client_token, cls=AuthState))
    session = root.get_substate(AuthState.get_full_name().split(".")[1:])
    token = session.token
    return token if isinstance(token, str) else ""


def upload_limit_bytes() -> int:
    """The most one upload request may carry: FILES_PER_UPLOAD of the largest file any type
    allows (each file's own limit is checked afterwards), plus room for the envelope."""
    from lumiku.services.files import FILES_PER_UPLOAD

    settings = get_settings()
    largest = max(settings.max_video_mb, settings.max_image_mb, settings.max_audio_mb)
    return (largest * FILES_PER_UPLOAD + 1) * 2**20


def _header(scope: Scope, wanted: bytes) -> str:
    for name, value in scope.get("headers", []):
        if name == wanted:
            return value.decode("latin-1")
    return ""


def _declared_length(scope: Scope) -> int:
    value = _header(scope, b"content-length")
    return int(value) if value.isdigit() else 0


def client_ip(request: Request, trusted_hops: int) -> str:
    """The caller's address. Behind N trusted proxies it is the N-th X-Forwarded-For entry from the
    right (each proxy appends the address it saw); entries further left could be forged."""
    peer = request.client.host if request.client else ""
    if trusted_hops <= 0:
        return peer
    forwarded = [
        part.strip()
        for part in request.headers.get("x-forwarded-for", "").split(",")
        if part.strip()
    ]
    return forwarded[-trusted_hops] if len(forwarded) >= trusted_hops else peer
