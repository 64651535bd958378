"""What the bench loads, and pointing this process at its services (the bench makes its users
through the services, so it must write into the target's own database and storage).

- default: a `lumiku.topology.Topology` of its own in a temporary folder (two web processes
  behind nginx, two media and two AI workers, PostgreSQL, Redis, SeaweedFS); its first start
  exports the frontend, under the lock file `/tmp/e2e.lock` (LUMIKU_BUILD_LOCK) that every
  build of the shared checkout's `.web/` takes;
- `--url URL`: something already running; this process's environment (DATABASE_URL,
  REDIS_URL, SECRET_KEY, STORAGE_BACKEND and S3_*…) must be the target's;
- `--plain`: one `reflex run --env prod --backend-only` web process and one `lumiku worker`
  on the local test services (database `lumiku_bench_load`, recreated; Redis db 13, flushed;
  or BENCH_DATABASE_URL and BENCH_REDIS_URL), for comparing with the topology."""

from __future__ import annotations

import contextlib
import fcntl
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH_ENV = {"BCRYPT_ROUNDS": "4"}  # the bench signs nobody in by password
# Builds of the frontend take this lock (as `flock /tmp/e2e.lock …` does): they share `.web/`.
BUILD_LOCK = os.environ.get("LUMIKU_BUILD_LOCK", "/tmp/e2e.lock")


def point_at(env: dict[str, str]) -> None:
    """This process's settings, Redis client and storage now use the target's services."""
    from lumiku.services.redis_client import get_redis
    from lumiku.services.storage import get_storage
    from lumiku.settings import get_settings

    os.environ.update({k: v for k, v in env.items() if k != "LOG_FORMAT"})
    for cached in (get_settings, get_redis, get_storage):
        cached.cache_clear()


@contextlib.contextmanager
def topology() -> Iterator[tuple[str, str, int]]:
    """A topology of the bench's own; yields (url, description, media workers)."""
    from lumiku.topology import Topology, free_port_block
    from tests.factories import spawn

    with tempfile.TemporaryDirectory(prefix="lumiku-load-") as folder:
        running = Topology(Path(folder), free_port_block(), spawn=spawn, extra_env=BENCH_ENV)
        with open(BUILD_LOCK, "a") as lock:  # the export writes the checkout's shared .web/
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                running.start()
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
        try:
            point_at(running.env)
            webs = sum(name.startswith("web-") for name in running.names)
            workers = sum(name.startswith("worker-") for name in running.names)
            yield running.url, f"topology: nginx, {webs} web, {workers} media workers", workers
        finally:
            running.stop()


@contextlib.contextmanager
def plain() -> Iterator[tuple[str, str, int]]:
    """One backend-only web process and one worker on the local test services."""
    import httpx
    import redis

    from tests import services

    database_url = os.environ.get(
        "BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/lumiku_bench_load"
    )
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
    if not services.pg_answers(database_url) or not services.redis_answers(redis_url):
        raise SystemExit("--plain needs PostgreSQL and Redis (BENCH_DATABASE_URL, BENCH_REDIS_URL)")
    services.recreate_pg_database(database_url)
    redis.Redis.from_url(redis_url).flushdb()
    with tempfile.TemporaryDirectory(prefix="lumiku-load-") as folder:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        env = {
            "LUMIKU_ENV": "development",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "DATA_DIR": folder,
            "SECRET_KEY": "bench-load-" + "k" * 40,
            "WORKERS": "1",
            "PYTHONUNBUFFERED": "1",
            **BENCH_ENV,
        }
        point_at(env)
        from lumiku.settings import get_settings
        from lumiku.supervisor import reflex_environment
        from tests.factories import spawn, stop_worker

        for step in ("migrate", "seed"):
            subprocess.run(
                [sys.executable, "-m", "lumiku.cli", step],
                check=True,
                cwd=ROOT,
                capture_output=True,
            )
        web_env = {**reflex_environment(get_settings()), "GRANIAN_WORKERS": "1"}
        logs = Path(folder)
        web = spawn(
            [str(Path(sys.executable).parent / "reflex"), "run", "--env", "prod"]
            + ["--backend-only", "--backend-port", str(port), "--backend-host", "127.0.0.1"]
            + ["--loglevel", "warning"],
            env=web_env,
            stdout=(logs / "web.log").open("w"),
            stderr=subprocess.STDOUT,
        )
        worker = spawn(
            [sys.executable, "-m", "lumiku.cli", "worker"],
            env=dict(os.environ),
            stdout=(logs / "worker.log").open("w"),
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 180
            while True:
                with contextlib.suppress(httpx.HTTPError, ValueError):
                    if httpx.get(f"{url}/api/health", timeout=2).json().get("workers"):
                        break
                if web.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(
                        "the web process did not start:\n" + (logs / "web.log").read_text()[-3000:]
                    )
                time.sleep(0.5)
            yield url, "plain: 1 backend-only web process, 1 worker", 1
        finally:
            stop_worker(web)
            stop_worker(worker)


@contextlib.contextmanager
def given(url: str) -> Iterator[tuple[str, str, int]]:
    """Something already running; the environment already points at its services."""
    from lumiku.services import queues

    yield url.rstrip("/"), f"given: {url}", max(1, queues.workers_for("media"))
