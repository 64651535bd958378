"""Fixed-window rate limits in Redis, shared by every web process."""

from __future__ import annotations

import math
from dataclasses import dataclass

import redis

from lumiku.services.errors import ServiceError


@dataclass(frozen=True)
class Limit:
    name: str
    max_hits: int
    window_seconds: int


SIGN_IN_PER_IP = Limit("sign-in", 5, 15 * 60)
REGISTER_PER_IP = Limit("register", 3, 60 * 60)
CURRENT_PASSWORD_PER_USER = Limit("current-password", 5, 15 * 60)


def hit(client: redis.Redis, limit: Limit, subject: str) -> None:
    """Count one attempt; raise `rate_limited` with the wait in minutes once over the limit."""
    key = f"rl:{limit.name}:{subject}"
    pipe = client.pipeline()
    pipe.set(key, 0, ex=limit.window_seconds, nx=True)
    pipe.incr(key)
    pipe.ttl(key)
    _, count, ttl = pipe.execute()
    if count > limit.max_hits:
        raise ServiceError(f"rate_limited_{limit.name}", minutes=max(1, math.ceil(ttl / 60)))
