"""Redis and PostgreSQL restarted under running work, each a private server of this test (the
shared ones are never touched): Redis comes back empty (no persistence, the worst case), and
PostgreSQL drops every connection. Real forking workers keep going or are started again; every
generation ends succeeded, or failed and refunded; the ledger sums to the balance, no hold stays
open, and every output reported done can be read back. The web side's event reader finds its
consumer group again."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import redis
from sqlmodel import func, select

from lumiku.db import get_engine, session_scope
from lumiku.models import CreditEntry, Generation, Hold, User
from lumiku.services import billing, events, generations, queues
from lumiku.services.redis_client import get_redis
from lumiku.services.storage import get_storage
from lumiku.settings import get_settings
from lumiku.state import live
from tests import engine_app
from tests.factories import (
    ENGINE_APP,
    generation_items,
    new_user,
    spawn,
    stop_worker,
    wait_for,
    worker_env,
)

FINAL = ("succeeded", "partly_succeeded", "failed", "cancelled")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PrivateRedis:
    """A redis-server of this test on a free port, without persistence: restarted, it is
    empty, as a Redis whose data was lost comes back."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = spawn(
            [
                shutil.which("redis-server") or "/usr/bin/redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_for(lambda: redis.Redis.from_url(self.url).ping(), 10, 0.05)

    def kill(self) -> None:
        stop_worker(self.process)


class PrivatePostgres:
    """A PostgreSQL cluster of this test (initdb'd into a temporary folder) on a free port."""

    BIN = Path("/usr/lib/postgresql/15/bin")

    def __init__(self, root: Path) -> None:
        self.root, self.port = root, free_port()
        self.data = root / "data"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/lumiku"

    def _as_owner(self, args: list[str]) -> list[str]:
        # PostgreSQL refuses to run as root: as root, run it as the postgres user.
        return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args

    def init(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        subprocess.run(
            self._as_owner(
                [str(self.BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres"]
            ),
            check=True,
            capture_output=True,
        )

    def start(self) -> None:
        self.process = spawn(
            self._as_owner(
                [
                    str(self.BIN / "postgres"),
                    "-D",
                    str(self.data),
                    "-p",
                    str(self.port),
                    "-k",
                    str(self.root),
                    "-c",
                    "listen_addresses=127.0.0.1",
                    "-c",
                    "fsync=off",
                ]
            ),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        import psycopg

        plain = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        wait_for(lambda: psycopg.connect(plain, connect_timeout=2).close() or True, 30, 0.1)

    def create_database(self) -> None:
        import psycopg

        plain = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute("CREATE DATABASE lumiku")

    def stop(self, kill: bool = False) -> None:
        if kill:
            stop_worker(self.process)
            return
        # A fast shutdown, as `pg_ctl restart` does: every session is ended at once, open
        # transactions rolled back.
        subprocess.run(
            self._as_owner([str(self.BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "stop"]),
            check=True,
            capture_output=True,
            timeout=60,
        )
        self.process.wait(30)
        stop_worker(self.process)


def start_logged_worker(log: Path) -> subprocess.Popen:
    """factories.start_worker, its log kept: what a worker said about the fault."""
    return spawn(
        [sys.executable, "-m", "lumiku.cli", "worker"],
        env=worker_env(),
        stdout=subprocess.DEVNULL,
        stderr=log.open("ab"),
    )


def point_at(monkeypatch, **env: str) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    get_redis.cache_clear()
    get_storage.cache_clear()


# ------------------------------------------------------------------ checks after each fault


def status_of(generation_id: str) -> str:
    with session_scope() as db:
        return db.get(Generation, generation_id).status


def check_after(user_id: int, generation_id: str, balance_before: int) -> str:
    """Every promise of the issue after a fault; returns the generation's status."""
    status = status_of(generation_id)
    assert status in FINAL
    items = generation_items(generation_id)
    assert all(i.status in ("succeeded", "failed", "cancelled") for i in items)
    with session_scope() as db:
        generation = db.get(Generation, generation_id)
        assert db.get(Hold, generation.hold_id).status == "settled"
        assert not db.exec(select(Hold).where(Hold.status == "open")).all()
        ledger = db.exec(
            select(func.coalesce(func.sum(CreditEntry.amount), 0)).where(
                CreditEntry.user_id == user_id
            )
        ).one()
        assert ledger == db.get(User, user_id).credit_balance
        price = generation.price_per_item
    done = [i for i in items if i.status == "succeeded"]
    # Paid for exactly what was made (every item of the engine's app has one price).
    assert billing.balance(user_id) == balance_before - price * len(done)
    view = generations.get(user_id, generation_id)
    for item in view.items:
        if item.status == "succeeded":  # reported done: still there
            with get_storage().open(item.file.key) as body:
                assert len(body.read()) == item.file.size_bytes > 0
        else:  # a failed item says why
            assert item.error
    return status


def wait_final(generation_id: str, logs: Path, seconds: float = 180) -> None:
    """Waits for the generation to end; on a timeout, shows where its items stand and what
    the workers said."""
    try:
        wait_for(lambda: status_of(generation_id) in FINAL, seconds, 0.5)
    except AssertionError:
        print([(i.status, i.attempts, i.job_id, i.error) for i in generation_items(generation_id)])
        for log in sorted(logs.glob("worker-*.log")):
            print(f"--- {log.name}\n{log.read_text(errors='replace')[-6000:]}")
        raise


def figures(name: str, **values: object) -> None:
    line = f"{name}: " + ", ".join(f"{k}={v}" for k, v in values.items())
    print(f"\n{line}")


# ------------------------------------------------------------------ Redis


@pytest.fixture
def own_redis(engine, monkeypatch):
    server = PrivateRedis()
    server.start()
    point_at(monkeypatch, REDIS_URL=server.url)
    yield server
    with contextlib.suppress(Exception):
        server.kill()
    get_redis.cache_clear()
    get_settings.cache_clear()


def test_redis_restarted_empty_mid_generation(own_redis, tmp_path):
    user = new_user()
    balance = billing.balance(user)
    workers = [start_logged_worker(tmp_path / f"worker-{n}.log") for n in (1, 2)]
    try:
        wait_for(lambda: generations.in_flight_limit("media") == 2, 60)
        generation_id = engine_app.submit(user, [{"steps": 30, "delay": 0.2}] * 4, "redis-1")
        wait_for(lambda: any(i.status == "running" for i in generation_items(generation_id)), 60)
        own_redis.kill()
        killed_at = time.monotonic()
        time.sleep(3)
        own_redis.start()  # empty: queues, jobs, workers' keys and the event stream are gone
        wait_final(generation_id, tmp_path, float(os.environ.get("RESTART_WAIT", 180)))
        took = time.monotonic() - killed_at
        status = check_after(user, generation_id, balance)
        figures(
            "redis restarted empty",
            recovered_s=f"{took:.1f}",
            status=status,
            items=[(i.status, i.attempts, i.error) for i in generation_items(generation_id)],
            workers_alive=[w.poll() is None for w in workers],
        )
        assert status == "succeeded"
        # The workers live on (or came back): new work after the restart runs too.
        again = engine_app.submit(user, 1, "redis-2")
        wait_for(lambda: status_of(again) in FINAL, 60, 0.5)
        assert status_of(again) == "succeeded"
    finally:
        for worker in workers:
            stop_worker(worker)


def test_a_worker_asked_to_stop_ends_even_while_redis_is_away(own_redis, tmp_path):
    """SIGTERM is a warm shutdown: the worker ends (exit 0) rather than starting its RQ loop
    again, whether Redis answers or not."""
    for outage in (False, True):
        worker = start_logged_worker(tmp_path / f"worker-{outage}.log")
        try:
            wait_for(lambda: queues.workers_for("media") == 1, 60)
            if outage:
                own_redis.kill()
                time.sleep(3)
            asked = time.monotonic()
            worker.send_signal(signal.SIGTERM)
            assert worker.wait(20) == 0
            figures("worker asked to stop", redis_away=outage, s=f"{time.monotonic() - asked:.1f}")
        finally:
            stop_worker(worker)
            if outage:
                own_redis.start()


def test_the_event_reader_recreates_its_group_after_redis_comes_back_empty(own_redis, monkeypatch):
    delivered: list[tuple[int, str]] = []

    async def record(app, user_id: int, topic: str, fields: dict[str, str]) -> None:
        delivered.append((user_id, topic))

    monkeypatch.setattr(live, "_deliver", record)
    monkeypatch.setattr(live, "RETRY_SECONDS", 0.2, raising=False)

    async def scenario() -> None:
        reader = asyncio.create_task(live.forward_events(None))
        await asyncio.sleep(0.5)
        events.publish(1, "billing")
        await _until(lambda: (1, "billing") in delivered)
        own_redis.kill()
        await asyncio.sleep(1)
        own_redis.start()  # empty: no stream, no group
        started = time.monotonic()
        while (2, "billing") not in delivered:
            events.publish(2, "billing")  # the reader makes its group afresh: events flow
            await asyncio.sleep(0.3)
            assert time.monotonic() - started < 30, "the reader never came back"
        figures("event reader after an empty Redis", back_s=f"{time.monotonic() - started:.1f}")
        reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await reader

    asyncio.run(scenario())


def test_events_a_dead_web_process_read_are_delivered_by_another(rds, monkeypatch):
    """A web process killed between reading an event and acknowledging it leaves it pending;
    another one takes it over, as a reload (its progress may be older than the tab's)."""
    delivered: list[tuple[int, str, dict]] = []

    async def record(app, user_id: int, topic: str, fields: dict[str, str]) -> None:
        delivered.append((user_id, topic, fields))

    monkeypatch.setattr(live, "_deliver", record)
    monkeypatch.setattr(live, "ORPHANED_AFTER_MS", 0)
    rds.xgroup_create(events.STREAM, events.GROUP, id="$", mkstream=True)
    events.publish(7, "generation", generation="g1", progress="40")
    rds.xreadgroup(events.GROUP, "killed-web", {events.STREAM: ">"})  # read, never acked

    async def scenario() -> None:
        reader = asyncio.create_task(live.forward_events(None))
        await _until(lambda: delivered)
        reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await reader

    asyncio.run(scenario())
    assert delivered == [(7, "generation", {})]
    assert rds.xpending(events.STREAM, events.GROUP)["pending"] == 0


async def _until(condition, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.05)


# ------------------------------------------------------------------ PostgreSQL


@pytest.fixture
def own_postgres(rds, monkeypatch):
    """A private cluster, migrated and seeded, this test's database for its whole length."""
    root = Path(tempfile.mkdtemp(prefix="lumiku-pg-"))
    server = PrivatePostgres(root)
    server.init()
    server.start()
    server.create_database()
    point_at(monkeypatch, DATABASE_URL=server.url)
    from alembic import command
    from alembic.config import Config

    from lumiku.services import seed
    from lumiku.settings import PROJECT_ROOT

    cfg = Config(str(PROJECT_ROOT / "alembic.ini"))
    cfg.attributes["configure_logger"] = False
    command.upgrade(cfg, "head")
    seed.run_all()
    engine_app.install(monkeypatch)
    monkeypatch.setenv("EXTRA_APPS", ENGINE_APP)
    get_settings.cache_clear()
    yield server
    get_engine().dispose()
    with contextlib.suppress(Exception):
        server.stop(kill=True)
    shutil.rmtree(root, ignore_errors=True)
    get_settings.cache_clear()


def test_postgres_restarted_mid_generation(own_postgres, tmp_path):
    user = new_user()
    balance = billing.balance(user)
    workers = [start_logged_worker(tmp_path / f"worker-{n}.log") for n in (1, 2)]
    try:
        wait_for(lambda: generations.in_flight_limit("media") == 2, 60)
        # Short items, so that some end (store, capture, finish) while the server is away.
        generation_id = engine_app.submit(user, [{"steps": 8, "delay": 0.25}] * 8, "pg-1")
        wait_for(lambda: any(i.status == "succeeded" for i in generation_items(generation_id)), 60)
        own_postgres.stop()  # every connection dropped, mid-transaction for some
        stopped_at = time.monotonic()
        time.sleep(3)
        own_postgres.start()
        wait_final(generation_id, tmp_path, float(os.environ.get("RESTART_WAIT", 180)))
        took = time.monotonic() - stopped_at
        status = check_after(user, generation_id, balance)
        figures(
            "postgres restarted",
            recovered_s=f"{took:.1f}",
            status=status,
            items=[(i.status, i.attempts, i.error) for i in generation_items(generation_id)],
            workers_alive=[w.poll() is None for w in workers],
        )
        assert status == "succeeded"
        again = engine_app.submit(user, 1, "pg-2")
        wait_for(lambda: status_of(again) in FINAL, 60, 0.5)
        assert status_of(again) == "succeeded"
    finally:
        for worker in workers:
            stop_worker(worker)
        get_engine().dispose()


if sys.platform != "linux":  # pragma: no cover - the servers are Debian's
    pytest.skip("Linux only", allow_module_level=True)
