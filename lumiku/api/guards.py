"""ASGI wrappers that keep private things private."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from lumiku.settings import get_settings


def block_public_uploads(app: ASGIApp) -> ASGIApp:
    """Reflex serves everything under its upload folder publicly at GET /_upload/…; we never do.

    POST /_upload stays open: it is how browsers send files to an upload handler, which checks
    the user and moves the file into private storage.
    """

    async def guarded(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path = scope["path"]
            if path.startswith("/_upload/") or (path == "/_upload" and scope["method"] != "POST"):
                await PlainTextResponse("Not Found", status_code=404)(scope, receive, send)
                return
            if path == "/_upload" and _declared_length(scope) > upload_limit_bytes():
                await PlainTextResponse("Too Large", status_code=413)(scope, receive, send)
                return
        await app(scope, receive, send)

    return guarded


def upload_limit_bytes() -> int:
    """The most one upload request may carry: FILES_PER_UPLOAD of the largest file any type
    allows (each file's own limit is checked afterwards), plus room for the envelope."""
    from lumiku.services.files import FILES_PER_UPLOAD

    settings = get_settings()
    largest = max(settings.max_video_mb, settings.max_image_mb, settings.max_audio_mb)
    return (largest * FILES_PER_UPLOAD + 1) * 2**20


def _declared_length(scope: Scope) -> int:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            return int(value) if value.isdigit() else 0
    return 0


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
