"""`make run`'s last step, `lumiku run`, on the embedded defaults (SQLite, embedded Redis): it
serves, SIGTERM stops every process it started, and a second start works."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from lumiku.settings import PROJECT_ROOT

EMBEDDED_ENV = ("DATABASE_URL", "REDIS_URL", "SECRET_KEY")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def processes_with(marker: str) -> list[int]:
    """Every process whose environment carries the marker: all that `lumiku run` started."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker.encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def start_and_stop(data_dir: Path) -> str:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in EMBEDDED_ENV}
    env.update(
        DATA_DIR=str(data_dir),
        PORT=str(port),
        WORKERS="1",
        AI_WORKERS="1",
        WEB_WORKERS="1",
        HOST="127.0.0.1",
    )
    log = (data_dir / "run.log").open("w")
    run = subprocess.Popen(
        [sys.executable, "-m", "lumiku.cli", "run"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    marker = f"DATA_DIR={data_dir}"
    try:
        deadline = time.monotonic() + 300
        while True:
            assert run.poll() is None, (data_dir / "run.log").read_text()[-3000:]
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2)
                if health.status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, (data_dir / "run.log").read_text()[-3000:]
            time.sleep(1)
        page = httpx.get(f"http://127.0.0.1:{port}/", timeout=10)
        assert page.status_code == 200 and "Lumiku" in page.text
        assert len(processes_with(marker)) >= 4  # supervisor, Redis, worker, web
        for _ in range(10):  # the announcement follows the first answer within a poll or two
            if (
                f"Lumiku is running at http://localhost:{port}"
                in (data_dir / "run.log").read_text()
            ):
                break
            time.sleep(0.5)
        else:
            raise AssertionError("lumiku run never said where it is running")
    finally:
        run.send_signal(signal.SIGTERM)
        assert run.wait(60) == 0
    for _ in range(50):
        if not processes_with(marker):
            break
        time.sleep(0.2)
    assert processes_with(marker) == []
    return health.json()["database"]


def test_run_serves_stops_cleanly_and_starts_again(tmp_path):
    assert start_and_stop(tmp_path) == "ok"
    assert (tmp_path / "lumiku.db").exists()
    assert start_and_stop(tmp_path) == "ok"
