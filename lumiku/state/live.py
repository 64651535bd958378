"""Pushing changes to every open tab of a user: the header's wallet, for a start.

Each web process runs `forward_events` (a Reflex lifespan task). It reads the Redis stream that
services publish to after committing, in a consumer group shared by every web process, so each
event is handled once. It then refreshes the affected state of each tab the user has open. Tabs
that live in another process are reached through Reflex's Redis state manager.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
import uuid

import redis.asyncio as aioredis
import reflex as rx
from redis.exceptions import RedisError, ResponseError

from lumiku.i18n import format_number
from lumiku.services import auth, billing, events, metrics
from lumiku.settings import get_settings
from lumiku.state.auth import AuthState, signed_in_user
from lumiku.state.base import call

log = logging.getLogger(__name__)
RETRY_SECONDS = 2.0  # how often a web process asks a Redis that went away again
# Events read by a web process that died before acknowledging them stay pending in the group;
# after this long another process takes them over (XAUTOCLAIM).
ORPHANED_AFTER_MS = 30_000


class WalletState(rx.State):
    """What the header shows: the balance, or the plan and the quota left today."""

    account_type: str = ""
    credits: int = 0
    credits_text: str = ""
    quota_text: str = ""
    loaded: bool = False

    async def _refresh(self, user_id: int, fields: dict[str, str] | None = None) -> None:
        wallet = await call(billing.wallet, user_id)
        lang = (await self.get_state(AuthState)).lang
        self.account_type, self.credits = wallet.account_type, wallet.credits
        self.credits_text = format_number(wallet.credits, lang)
        self.quota_text = (
            f"{format_number(wallet.quota_left, lang)}/"
            f"{format_number(wallet.quota_daily_limit, lang)}"
        )
        self.loaded = True

    @rx.event
    async def load(self):
        _, user = await signed_in_user(self)
        if user is not None:
            await self._refresh(user.id)


# States of apps' pages that follow a topic too (an avatar grid filling in as items finish).
FOLLOWERS: dict[str, list[type[rx.State]]] = {}


def follows(topic: str, route: str):  # noqa: ANN201 - a class decorator
    """Registers a state whose `_refresh(user_id, fields)` runs on every event of `topic` for
    the tab's user while the tab is on a page under `route` (an app's pages): a tab that has
    gone elsewhere reads nothing for it."""

    def register(state_cls: type[rx.State]) -> type[rx.State]:
        state_cls._live_route = route
        FOLLOWERS.setdefault(topic, []).append(state_cls)
        return state_cls

    return register


def _shown(root: rx.State, state_cls: type[rx.State]) -> bool:
    """Is the tab on a page the state follows for (every page, for the platform's own)?"""
    route = getattr(state_cls, "_live_route", "")
    return not route or str(root.router.url.path).startswith(route)


def _refreshers() -> dict[str, tuple[type[rx.State], ...]]:
    """Event topic → the states that update themselves for that user (from the event's fields
    when they carry everything, else from the database)."""
    from lumiku.state.billing import DashboardState
    from lumiku.state.payments import PaymentState
    from lumiku.state.work import WorkState

    own = {
        "billing": (WalletState,),
        "payment": (PaymentState,),
        "generation": (WorkState, DashboardState),
    }
    return {topic: (*own.get(topic, ()), *FOLLOWERS.get(topic, ())) for topic in {*own, *FOLLOWERS}}


async def _deliver(app: rx.App, user_id: int, topic: str, fields: dict[str, str]) -> None:
    sent_at = fields.pop("sent_at", None)  # events.publish's stamp, not a field states read
    states = _refreshers().get(topic, ())
    tabs = await asyncio.to_thread(events.open_tabs, user_id)
    if not states or not tabs:
        return
    # Each tab showed one sign-in session; a revoked, signed-out or expired one gets nothing
    # more, and its tab is cleared of the user's data at once.
    live = await asyncio.to_thread(auth.live_sessions, user_id, {sid for _, sid in tabs})
    for token, session_id in tabs:
        try:
            if session_id not in live:
                await asyncio.to_thread(events.forget_tab, user_id, token, session_id)
                await _end_tab(app, token, session_id)
                continue
            for state_cls in states:
                async with app.modify_state(rx.BaseStateToken(ident=token, cls=state_cls)) as root:
                    session = await root.get_state(AuthState)
                    if (session._user_id, session._session_id) != (user_id, session_id):
                        # Signed out, or now another session or someone else's: never show
                        # them this user's data.
                        await asyncio.to_thread(events.forget_tab, user_id, token, session_id)
                        break
                    if _shown(root, state_cls):
                        state = await root.get_state(state_cls)
                        await state._refresh(user_id, fields)
        except Exception:  # one closed or broken tab must not stop the others
            log.warning("could not refresh tab %s", token, exc_info=True)
    if (age := metrics.event_age(sent_at)) is not None:
        await asyncio.to_thread(metrics.observe_event_latency, age)


async def _end_tab(app: rx.App, token: str, session_id: str) -> None:
    """The tab's session ended elsewhere: forget who it showed and every state's data now."""
    async with app.modify_state(rx.BaseStateToken(ident=token, cls=AuthState)) as root:
        session = await root.get_state(AuthState)
        if session._session_id == session_id:
            await session._end_session(ended=True)


async def _join(client: aioredis.Redis, start: str) -> None:
    """Makes the shared consumer group (and the stream) unless another process made it first."""
    with contextlib.suppress(ResponseError):  # BUSYGROUP: another process made it first
        await client.xgroup_create(events.STREAM, events.GROUP, id=start, mkstream=True)


async def _handle(app: rx.App, client: aioredis.Redis, messages, *, late: bool = False) -> None:
    for message_id, raw in messages:
        fields = {k.decode(): v.decode() for k, v in raw.items()}
        try:
            user_id, topic = int(fields.pop("user_id")), fields.pop("topic")
            # A late event's progress may be older than what the tab has: the tab reloads.
            await _deliver(app, user_id, topic, {} if late else fields)
        except Exception:  # one bad event or a Redis blip must not stop the rest
            log.warning("could not deliver event %s", message_id, exc_info=True)
        with contextlib.suppress(RedisError):  # left pending: it was delivered
            await client.xack(events.STREAM, events.GROUP, message_id)


async def _claim_orphans(app: rx.App, client: aioredis.Redis, consumer: str) -> None:
    """Takes over the events a web process read but never acknowledged (it was killed)."""
    try:
        _next, messages, *_ = await client.xautoclaim(
            events.STREAM, events.GROUP, consumer, ORPHANED_AFTER_MS, "0-0", count=100
        )
    except RedisError:
        return  # the read loop reports an unavailable Redis
    if messages:
        log.info("delivering %d events left by a web process that stopped", len(messages))
        await _handle(app, client, [m for m in messages if m[1]], late=True)


async def forward_events(app: rx.App) -> None:
    client = aioredis.Redis.from_url(get_settings().effective_redis_url)
    consumer = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
    with contextlib.suppress(RedisError):  # Redis away at start: the loop makes it later
        await _join(client, "$")
    next_claim = time.monotonic() + ORPHANED_AFTER_MS / 1000
    try:
        while True:
            try:
                batches = await client.xreadgroup(
                    events.GROUP, consumer, {events.STREAM: ">"}, count=50, block=5000
                )
            except RedisError as exc:
                if "NOGROUP" in str(exc):
                    # Redis came back without our group (restarted empty, say): make it again,
                    # from the start of what the stream holds now (events since the loss).
                    log.warning("event group gone; making it again")
                    with contextlib.suppress(RedisError):
                        await _join(client, "0")
                    continue
                log.warning("event stream unavailable; retrying", exc_info=True)
                await asyncio.sleep(RETRY_SECONDS)
                continue
            for _stream, messages in batches or []:
                await _handle(app, client, messages)
            if time.monotonic() >= next_claim:
                next_claim = time.monotonic() + ORPHANED_AFTER_MS / 1000
                await _claim_orphans(app, client, consumer)
    finally:
        with contextlib.suppress(Exception):
            await client.xgroup_delconsumer(events.STREAM, events.GROUP, consumer)
        await client.aclose()
