"""Admin CSV exports (users, payments, the ledger), streamed as they are read. Only a genuine,
unexpired link made for someone who is still an admin opens; anything else is a plain 404."""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from lumiku.services import analytics
from lumiku.services.errors import NotFound

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private, no-store",
    "Referrer-Policy": "no-referrer",
}


async def admin_export(request: Request) -> Response:
    try:
        table = await asyncio.to_thread(analytics.open_export, request.path_params["token"])
    except NotFound:
        return Response("Not Found", status_code=404, media_type="text/plain")
    name = analytics.export_name(table)
    headers = {**HEADERS, "Content-Disposition": f'attachment; filename="{name}"'}
    return StreamingResponse(
        analytics.csv_stream(table), media_type="text/csv; charset=utf-8", headers=headers
    )
