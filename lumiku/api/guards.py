"""ASGI wrappers that keep private things private."""

from __future__ import annotations

from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send


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
        await app(scope, receive, send)

    return guarded
