"""GET /api/pose-generator/poses/{id}.png: a library pose's skeleton preview, public and cached
(library poses are the same for everyone and never change under their id). A user's own
template is not served here: its preview is a stored file behind its owner's signed link."""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import Response

from lumiku.services.pose_generator import library, skeleton

CACHE = "public, max-age=86400"


def _png(template_id: str) -> bytes | None:
    keypoints = library.library_keypoints(template_id)
    return None if keypoints is None else skeleton.preview_png(keypoints)


async def pose_preview(request: Request) -> Response:
    template_id = request.path_params["template_id"]
    if len(template_id) > 60:
        return Response("Not Found", status_code=404, media_type="text/plain")
    png = await asyncio.to_thread(_png, template_id)
    if png is None:
        return Response("Not Found", status_code=404, media_type="text/plain")
    headers = {"Cache-Control": CACHE, "X-Content-Type-Options": "nosniff"}
    return Response(png, media_type="image/png", headers=headers)
