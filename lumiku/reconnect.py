"""Tabs whose web process died keep their state when they reconnect to another one.

Reflex's Redis token manager records, for an hour, which web process holds each tab's socket, and
takes a tab whose token is recorded elsewhere for a duplicate browser tab: it gets a new token,
and so an empty state. A process that stops politely deletes its records; one that is killed
(`kill -9`, a crashed host) cannot. So every web process keeps one Redis connection named after
its Reflex instance, which Redis drops the moment the process dies, and a reconnecting tab whose
record names an instance with no such connection takes the record over, keeping its token and the
state that lives in Redis under it. A duplicate of a tab whose process is alive is still told
apart as before.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import pickle
from typing import Any

from redis.asyncio import ConnectionPool, Redis
from reflex.utils.token_manager import RedisTokenManager

log = logging.getLogger(__name__)

ALIVE_PREFIX = "lumiku-web-"  # a Redis client name
PING_SECONDS = 5  # keeps the named connection open, and opens it again after a Redis restart

# Deletes the key only while it still holds the record that was read: a tab that linked there in
# the meantime (on a live process) is never undone.
_DELETE_IF_SAME = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""

_original_link = RedisTokenManager.link_token_to_sid


async def _announce(manager: RedisTokenManager) -> None:
    """The named connection for the manager's current instance id (Reflex gives each forked
    worker a new one), opened if needed."""
    name = ALIVE_PREFIX + manager.instance_id
    current: tuple[str, Redis] | None = getattr(manager, "_lumiku_alive", None)
    if current is None or current[0] != name:
        if current is not None:
            await current[1].aclose()
        pool = manager.redis.connection_pool
        named = ConnectionPool(
            connection_class=pool.connection_class,
            max_connections=1,
            **{**pool.connection_kwargs, "client_name": name},
        )
        manager._lumiku_alive = current = (name, Redis(connection_pool=named))
    await current[1].ping()


async def _keep_announcing(manager: RedisTokenManager) -> None:
    while True:
        await asyncio.sleep(PING_SECONDS)
        with contextlib.suppress(Exception):  # Redis away: the next ping connects again
            await _announce(manager)


async def _ensure_announced(manager: RedisTokenManager) -> None:
    await _announce(manager)
    task: asyncio.Task | None = getattr(manager, "_lumiku_pinger", None)
    if task is None or task.done():
        manager._lumiku_pinger = asyncio.get_running_loop().create_task(_keep_announcing(manager))


async def release_if_owner_died(manager: RedisTokenManager, token: str) -> bool:
    """Removes the token's socket record when the process it names is no longer alive.
    True if it did."""
    key = manager._get_redis_key(token)
    raw = await manager.redis.get(key)
    if raw is None:
        return False
    record: Any = pickle.loads(raw)  # written by Reflex itself, in our own Redis
    owner = getattr(record, "instance_id", "")
    if owner == manager.instance_id:
        return False
    names = {client.get("name") for client in await manager.redis.client_list()}
    if ALIVE_PREFIX + owner in names:
        return False
    released = bool(await manager.redis.eval(_DELETE_IF_SAME, 1, key, raw))
    if released:
        log.info("tab %s… reconnected from web process %s, which is gone", token[:8], owner)
    return released


async def _link_token_to_sid(self: RedisTokenManager, token: str, sid: str) -> str | None:
    try:
        await _ensure_announced(self)
        await release_if_owner_died(self, token)
    except Exception:  # noqa: BLE001 - Reflex's own handling of a Redis error follows
        log.warning("could not check the tab's previous web process", exc_info=True)
    return await _original_link(self, token, sid)


def install() -> None:
    """Called once by the app module, in every web process."""
    RedisTokenManager.link_token_to_sid = _link_token_to_sid
