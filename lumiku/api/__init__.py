"""Our own HTTP routes, served by the same server as the Reflex app (ours are matched first)."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.routing import Route

from lumiku.api.guards import block_public_uploads
from lumiku.api.health import health

api = Starlette(routes=[Route("/api/health", health, methods=["GET"])])

__all__ = ["api", "block_public_uploads"]
