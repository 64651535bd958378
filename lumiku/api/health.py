"""GET /api/health: is the database reachable, is Redis, is at least one worker alive."""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import JSONResponse

from lumiku.services import health as checks


async def health(_: Request) -> JSONResponse:
    report = await asyncio.to_thread(checks.report)
    return JSONResponse(report, status_code=200 if report["status"] == "ok" else 503)
