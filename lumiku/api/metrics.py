"""GET /api/metrics: the deployment's numbers (lumiku.services.metrics) in Prometheus's text
format. With METRICS_TOKEN set, only `Authorization: Bearer <token>` reads them; without one,
they are open outside production (a developer's machine) and absent in production."""

from __future__ import annotations

import asyncio
import hmac
import logging

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from lumiku.services import metrics
from lumiku.settings import get_settings

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
log = logging.getLogger(__name__)


def allowed(request: Request) -> int:
    """200 when the caller may read the metrics, else the status to answer with."""
    settings = get_settings()
    if not settings.metrics_token:
        return 404 if settings.is_production else 200
    given = request.headers.get("authorization", "").encode()
    expected = f"Bearer {settings.metrics_token}".encode()
    return 200 if hmac.compare_digest(given, expected) else 401


async def metrics_endpoint(request: Request) -> Response:
    status = allowed(request)
    if status == 401:
        return PlainTextResponse(
            "unauthorized", status_code=401, headers={"WWW-Authenticate": "Bearer"}
        )
    if status != 200:
        return PlainTextResponse("not found", status_code=status)
    try:
        body = await asyncio.to_thread(metrics.prometheus_text)
    except Exception:  # Redis or the database away: the scrape fails, visibly
        log.warning("could not read the metrics", exc_info=True)
        return PlainTextResponse("metrics unavailable", status_code=503)
    return Response(body, headers={"Content-Type": CONTENT_TYPE})
