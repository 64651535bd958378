"""A minimal Reflex websocket client: one browser tab, speaking what Reflex 0.10's `state.js`
speaks, over the `websockets` library.

The wire: Engine.IO 4 over a websocket (`/_event/?EIO=4&transport=websocket&token=<tab>`; the
server opens with `0{…}`, pings with `2`, wants `3` back), carrying Socket.IO 5 packets in the
`/_event` namespace: `40/_event,{auth}` connects, `42/_event,["event", {…}]` sends an event,
and the server answers `42/_event,["event", {"delta": {state: {var: value}}, "events": […]}]`.
As state.js does, the hydrate event rides in the CONNECT packet (`auth.event`): it carries the
browser's client-storage values (here the sign-in token, `AuthState.token`, a LocalStorage var)
and the page's router data, and the backend answers with the state snapshot, then runs the
page's on_load handlers and flips `is_hydrated`. A client-side navigation sends
`update_vars_internal` (client storage again) and `on_load_internal` with the new route.

Reflex 0.10 no longer marks the last delta of an event (`StateUpdate.final` is deprecated and
never sent), so a reply is the first update after sending that carries the substate the
handler changes: the bench sends only events that change something there. A missing reply
(timeout), an error toast (Reflex's backend exception handler), a redirect to the sign-in page
and a non-empty `error` var in any delta are errors."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import websockets

NAMESPACE = "/_event"
MARK = "_rx_state_"  # Reflex suffixes every var's name in a delta with it
ROOT = "reflex___state____state"
HYDRATE = f"{ROOT}.hydrate_and_load"
ON_LOAD = f"{ROOT}.reflex___state____on_load_internal_state.on_load_internal"
UPDATE_VARS = f"{ROOT}.reflex___state____update_vars_internal_state.update_vars_internal"
HYDRATED = f"is_hydrated{MARK}"
ERROR_VARS = (f"error{MARK}", f"settings_error{MARK}")

Update = dict[str, Any]  # {"delta": {state: {var: value}}, "events": [...]}


class TabError(Exception):
    """The tab could not connect, or the connection broke."""


@dataclass
class Waiter:
    test: Callable[[Update], bool]
    done: asyncio.Future


@dataclass
class Tab:
    """One signed-in tab. `errors` collects what went wrong in any update (with a short reason);
    `listeners` see every update with its arrival time (time.perf_counter())."""

    url: str  # http(s)://host:port of the proxy or web process
    storage: dict[str, str]  # client-storage vars, by full name ("<state>.<var>": value)
    token: str = field(default_factory=lambda: str(uuid.uuid4()))  # the tab's id, as state.js
    errors: list[str] = field(default_factory=list)
    listeners: list[Callable[[Update, float], None]] = field(default_factory=list)
    path: str = "/"
    query: dict[str, str] = field(default_factory=dict)
    _ws: Any = None
    _reader: asyncio.Task | None = None
    _waiters: list[Waiter] = field(default_factory=list)
    _connected: asyncio.Future | None = None

    # ------------------------------------------------------------ connecting

    def _endpoint(self) -> str:
        parts = urlsplit(self.url)
        scheme = "wss" if parts.scheme == "https" else "ws"
        return f"{scheme}://{parts.netloc}{NAMESPACE}/?EIO=4&transport=websocket&token={self.token}"

    def _router_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"pathname": self.path, "asPath": self.path}
        if self.query:
            data["query"] = dict(self.query)
        return data

    def _event(self, name: str, payload: dict[str, Any] | None = None) -> dict[str, Any]:
        return {"name": name, "payload": payload or {}, "router_data": self._router_data()}

    async def open(self, path: str, query: dict[str, str] | None = None, timeout: float = 60.0):
        """Connects on `path` (a page), hydrating with the client storage; returns when the
        page's on_load handlers have run (`is_hydrated` true)."""
        self.path, self.query = path, dict(query or {})
        try:
            self._ws = await websockets.connect(
                self._endpoint(), max_size=2**24, open_timeout=timeout, ping_interval=None
            )
            opening = json.loads((await asyncio.wait_for(self._ws.recv(), timeout))[1:])
        except (OSError, TimeoutError, websockets.WebSocketException, ValueError) as exc:
            raise TabError(f"connect: {exc!r}") from exc
        self._ping_timeout = (opening["pingInterval"] + opening["pingTimeout"]) / 1000
        loop = asyncio.get_running_loop()
        self._connected = loop.create_future()
        hydrated = self._wait(lambda u: _var(u, ROOT, HYDRATED) is True)
        self._reader = asyncio.create_task(self._read())
        auth = {"event": self._event(HYDRATE, {"vars": self.storage})}
        await self._send(f"40{NAMESPACE},{json.dumps(auth)}")
        await asyncio.wait_for(self._connected, timeout)
        await self._settle(hydrated, timeout, "hydrate")

    async def navigate(self, path: str, query: dict[str, str] | None = None, timeout=60.0):
        """A client-side navigation: the new route's on_load handlers, on the same socket."""
        self.path, self.query = path, dict(query or {})
        hydrated = self._wait(lambda u: _var(u, ROOT, HYDRATED) is True)
        await self._emit(self._event(UPDATE_VARS, {"vars": self.storage}))
        await self._emit(self._event(ON_LOAD))
        await self._settle(hydrated, timeout, f"navigate {path}")

    async def close(self) -> None:
        if self._ws is not None:
            with contextlib.suppress(Exception):
                await self._ws.close()
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._reader
        for waiter in self._waiters:
            if not waiter.done.done():
                waiter.done.cancel()

    # ------------------------------------------------------------ events

    async def call(
        self, name: str, payload: dict[str, Any] | None = None, *, expect: str, timeout=30.0
    ) -> float | None:
        """Sends one event and waits for its reply: the first update whose delta carries the
        state `expect`. Returns the round trip in seconds, or None (counted as an error) when
        no reply came in `timeout`."""
        waiter = self._wait(lambda u: expect in (u.get("delta") or {}))
        start = time.perf_counter()
        await self._emit(self._event(name, payload))
        arrived = await self._settle(waiter, timeout, name.rsplit(".", 1)[-1])
        return None if arrived is None else arrived - start

    def _wait(self, test: Callable[[Update], bool]) -> Waiter:
        waiter = Waiter(test, asyncio.get_running_loop().create_future())
        self._waiters.append(waiter)
        return waiter

    async def _settle(self, waiter: Waiter, timeout: float, what: str) -> float | None:
        try:
            return await asyncio.wait_for(asyncio.shield(waiter.done), timeout)
        except TimeoutError:
            self.errors.append(f"no reply to {what} in {timeout:.0f} s")
            return None
        except (asyncio.CancelledError, TabError):
            self.errors.append(f"connection lost waiting for {what}")
            return None
        finally:
            with contextlib.suppress(ValueError):
                self._waiters.remove(waiter)

    async def _emit(self, event: dict[str, Any]) -> None:
        await self._send(f"42{NAMESPACE},{json.dumps(['event', event])}")

    async def _send(self, frame: str) -> None:
        try:
            await self._ws.send(frame)
        except websockets.WebSocketException as exc:
            raise TabError(f"send: {exc!r}") from exc

    # ------------------------------------------------------------ receiving

    async def _read(self) -> None:
        try:
            while True:
                frame = await asyncio.wait_for(self._ws.recv(), self._ping_timeout)
                if frame == "2":  # Engine.IO ping
                    await self._ws.send("3")
                elif frame.startswith(f"40{NAMESPACE}"):
                    if not self._connected.done():
                        self._connected.set_result(True)
                elif frame.startswith(f"44{NAMESPACE}"):
                    raise TabError(f"connect refused: {frame[:200]}")
                elif frame.startswith(f"41{NAMESPACE}"):
                    raise TabError("disconnected by the server")
                elif frame.startswith(f"42{NAMESPACE},"):
                    name, *args = json.loads(frame[len(NAMESPACE) + 3 :])
                    if name == "event" and args:
                        self._receive(args[0], time.perf_counter())
                    elif name == "state_mismatch":
                        self.errors.append("the backend's state schema differs")
        except (TabError, TimeoutError, websockets.WebSocketException, ValueError) as exc:
            problem = exc if isinstance(exc, TabError) else TabError(f"read: {exc!r}")
            if self._connected is not None and not self._connected.done():
                self._connected.set_exception(problem)
            for waiter in self._waiters:
                if not waiter.done.done():
                    waiter.done.set_exception(problem)

    def _receive(self, update: Update, now: float) -> None:
        self.errors.extend(problems(update))
        for listener in self.listeners:
            listener(update, now)
        for waiter in list(self._waiters):
            if not waiter.done.done() and waiter.test(update):
                waiter.done.set_result(now)


def _var(update: Update, state: str, var: str) -> Any:
    return ((update.get("delta") or {}).get(state) or {}).get(var)


def problems(update: Update) -> list[str]:
    """What a user would see as an error in this update: an error text in any state, Reflex's
    error toast, or being sent to the sign-in page."""
    found = []
    for state, changes in (update.get("delta") or {}).items():
        for var in ERROR_VARS:
            if changes.get(var):
                found.append(f"{state.rsplit('.', 1)[-1]}.{var[: -len(MARK)]}: {changes[var]}")
    for event in update.get("events") or []:
        text = json.dumps(event)
        if "backend_error" in text:
            found.append("error toast: " + text[:300])
        elif "/sign-in" in text:
            found.append("sent to the sign-in page")
    return found
