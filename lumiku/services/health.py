"""Health checks shared by the HTTP route and the CLI."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text

from lumiku.db import get_engine, utcnow
from lumiku.services.redis_client import get_redis

WORKER_SILENCE_LIMIT = timedelta(seconds=90)


def database_ok() -> bool:
    try:
        with get_engine().connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except Exception:  # noqa: BLE001 - any failure means "down"
        return False


def redis_ok() -> bool:
    try:
        return bool(get_redis().ping())
    except Exception:  # noqa: BLE001
        return False


def live_workers() -> int:
    """Workers whose heartbeat is recent (a killed worker's registration lingers a while)."""
    from rq import Worker

    try:
        workers = Worker.all(connection=get_redis())
    except Exception:  # noqa: BLE001
        return 0
    now = utcnow()
    return sum(
        1
        for w in workers
        if w.last_heartbeat and now - _aware(w.last_heartbeat) < WORKER_SILENCE_LIMIT
    )


def _aware(moment):
    from datetime import UTC

    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def report() -> dict:
    db, rds = database_ok(), redis_ok()
    workers = live_workers() if rds else 0
    status = "ok" if db and rds and workers else "degraded"
    return {
        "status": status,
        "database": "ok" if db else "down",
        "redis": "ok" if rds else "down",
        "workers": workers,
    }
