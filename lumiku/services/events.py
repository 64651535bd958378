"""Live updates for a user's open tabs, without polling the database.

Services publish "something of yours changed" to a Redis stream after their transaction commits;
every web process runs one consumer (lumiku.state.live) in a shared consumer group, so each event
is handled once, and it refreshes the state of each tab the user has open. Tabs register
themselves here whenever their user is re-derived.
"""

from __future__ import annotations

import logging
import time

import redis

from lumiku.services.redis_client import get_redis

STREAM = "lumiku:events"
GROUP = "web"
STREAM_MAX = 10_000
TAB_TTL_SECONDS = 3600  # Reflex forgets a tab's state after an hour without events
log = logging.getLogger(__name__)


def publish(user_id: int, topic: str, **fields: str) -> None:
    """Best effort: a lost event only delays a refresh until the next page load. `sent_at`
    (wall-clock seconds) lets the web measure how late it reaches the tabs (services.metrics)."""
    try:
        get_redis().xadd(
            STREAM,
            {"user_id": str(user_id), "topic": topic, **fields, "sent_at": f"{time.time():.6f}"},
            maxlen=STREAM_MAX,
            approximate=True,
        )
    except redis.RedisError:
        log.warning("could not publish %s event for user %s", topic, user_id, exc_info=True)


def _tabs_key(user_id: int) -> str:
    return f"lumiku:tabs:{user_id}"


# A tab is remembered with the sign-in session it showed, as "<client token> <session id>":
# delivery checks that session is still live before pushing anything to the tab
# (lumiku.state.live), so a revoked, signed-out or expired session gets nothing more.
def remember_tab(user_id: int, client_token: str, session_id: str) -> None:
    if not client_token or " " in client_token:
        return
    key, now = _tabs_key(user_id), time.time()
    pipe = get_redis().pipeline()
    pipe.zadd(key, {f"{client_token} {session_id}": now})
    pipe.zremrangebyscore(key, 0, now - TAB_TTL_SECONDS)
    pipe.expire(key, TAB_TTL_SECONDS)
    pipe.execute()


def forget_tab(user_id: int, client_token: str, session_id: str) -> None:
    get_redis().zrem(_tabs_key(user_id), f"{client_token} {session_id}")


def open_tabs(user_id: int) -> list[tuple[str, str]]:
    """(client token, session id) of each tab that showed this user in the last hour."""
    found = get_redis().zrangebyscore(_tabs_key(user_id), time.time() - TAB_TTL_SECONDS, "+inf")
    tabs = []
    for member in found:
        token, _, session_id = member.decode().partition(" ")
        tabs.append((token, session_id))
    return tabs
