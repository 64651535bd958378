"""One Redis client per URL and process (the client holds a connection pool)."""

from __future__ import annotations

from functools import lru_cache

import redis

from lumiku.settings import get_settings


@lru_cache(maxsize=4)
def get_redis(url: str | None = None) -> redis.Redis:
    return redis.Redis.from_url(
        url or get_settings().effective_redis_url,
        socket_connect_timeout=3,
        socket_timeout=10,
        health_check_interval=30,
    )
