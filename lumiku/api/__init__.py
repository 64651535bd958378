"""Our own HTTP routes, served by the same server as the Reflex app (ours are matched first)."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Route

from lumiku.api.admin_exports import admin_export
from lumiku.api.files import download, download_zip
from lumiku.api.guards import block_public_uploads
from lumiku.api.health import health
from lumiku.api.metrics import metrics_endpoint
from lumiku.api.payments import duitku_callback
from lumiku.api.pose_previews import pose_preview
from lumiku.logs import RequestIds

api = Starlette(
    routes=[
        Route("/api/health", health, methods=["GET"]),
        Route("/api/metrics", metrics_endpoint, methods=["GET"]),
        Route("/api/payments/duitku/callback", duitku_callback, methods=["POST"]),
        Route("/api/files/zip/{token}", download_zip, methods=["GET"]),
        Route("/api/files/{token}", download, methods=["GET"]),
        Route("/api/pose-generator/poses/{template_id}.png", pose_preview, methods=["GET"]),
        Route("/api/admin/exports/{token}", admin_export, methods=["GET"]),
    ],
    # Every HTTP request (ours and Reflex's, which is mounted inside) logs with its request id.
    middleware=[Middleware(RequestIds)],
)

__all__ = ["api", "block_public_uploads"]
