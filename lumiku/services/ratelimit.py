"""Fixed-window rate limits and failure counters in Redis, shared by every web process.

Two kinds: `hit` counts every attempt and refuses once over the limit (sign-ups, password
checks of a signed-in user, mail sending); `failures`/`fail` count only failed attempts, so the
sign-in limits slow down guessing without ever counting the people who know their password.
"""

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


# Sign-in failures (see auth.sign_in). Many people share one address behind carrier-grade NAT,
# offices and internet cafés, so the per-address limit is generous and counts failures only.
SIGN_IN_FAILURES_PER_PAIR = Limit("sign-in", 5, 15 * 60)  # one account from one address
SIGN_IN_FAILURES_PER_IP = Limit("sign-in-ip", 50, 15 * 60)  # every account from one address
SIGN_IN_FAILURES_PER_ACCOUNT = Limit("sign-in-account", 10, 60 * 60)  # "under attack" above this
REGISTER_PER_IP = Limit("register", 20, 60 * 60)
CURRENT_PASSWORD_PER_USER = Limit("current-password", 5, 15 * 60)
# Mail we send on request: a reset link (per address and per email) and "send the link again".
RESET_PER_IP = Limit("reset-ip", 20, 60 * 60)
RESET_PER_EMAIL = Limit("reset-email", 3, 60 * 60)
VERIFY_MAIL_PER_USER = Limit("verify-mail", 3, 60 * 60)
# Calls to a paid model on the user's behalf that the user does not pay for: writing a persona,
# and picking an object to edit in Poster Editor's advanced mode (each mark is one segmenting).
PERSONA_WRITING_PER_USER = Limit("persona-writing", 20, 60 * 60)
SEGMENTING_PER_USER = Limit("segmenting", 300, 60 * 60)
# Video Generator's "improve my description" (a text model, free until the improved text is used)
VIDEO_PROMPT_WRITING_PER_USER = Limit("video-prompt-writing", 30, 60 * 60)


def _key(limit: Limit, subject: str) -> str:
    return f"rl:{limit.name}:{subject}"


def _refusal(limit: Limit, ttl: int) -> ServiceError:
    return ServiceError(f"rate_limited_{limit.name}", minutes=max(1, math.ceil(ttl / 60)))


def hit(client: redis.Redis, limit: Limit, subject: str) -> None:
    """Count one attempt; raise `rate_limited` with the wait in minutes once over the limit."""
    key = _key(limit, subject)
    pipe = client.pipeline()
    pipe.set(key, 0, ex=limit.window_seconds, nx=True)
    pipe.incr(key)
    pipe.ttl(key)
    _, count, ttl = pipe.execute()
    if count > limit.max_hits:
        raise _refusal(limit, ttl)


def failures(client: redis.Redis, limit: Limit, subject: str) -> tuple[int, int]:
    """How many failures are counted now, and the seconds until the window ends."""
    key = _key(limit, subject)
    pipe = client.pipeline()
    pipe.get(key)
    pipe.ttl(key)
    count, ttl = pipe.execute()
    return int(count or 0), max(0, int(ttl))


def over(client: redis.Redis, limit: Limit, subject: str) -> ServiceError | None:
    """The refusal to raise when the failures have reached the limit, else None."""
    count, ttl = failures(client, limit, subject)
    return _refusal(limit, ttl) if count >= limit.max_hits else None


def fail(client: redis.Redis, limit: Limit, subject: str) -> int:
    """Count one failure; returns the count in the current window."""
    key = _key(limit, subject)
    pipe = client.pipeline()
    pipe.set(key, 0, ex=limit.window_seconds, nx=True)
    pipe.incr(key)
    return int(pipe.execute()[1])


def clear(client: redis.Redis, limit: Limit, subject: str) -> None:
    client.delete(_key(limit, subject))
