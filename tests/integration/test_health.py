"""GET /api/health with real Redis and a real worker process."""

from __future__ import annotations

import os
import signal
import time

import pytest
from sqlalchemy import create_engine
from starlette.testclient import TestClient

from lumiku.api import api
from lumiku.services import health
from tests.factories import start_worker, stop_worker

client = TestClient(api)


@pytest.fixture
def worker(migrated, rds):
    process = start_worker(apps=None)
    yield process
    stop_worker(process)  # RQ's work horse lives in a process group of its own


def wait_for_workers(expected: int) -> dict:
    deadline = time.monotonic() + 20
    while True:
        report = health.report()
        if report["workers"] == expected or time.monotonic() > deadline:
            return report
        time.sleep(0.2)


def test_no_worker_means_503(migrated, rds):
    response = client.get("/api/health")
    assert response.status_code == 503
    assert response.json() == {"status": "degraded", "database": "ok", "redis": "ok", "workers": 0}


def test_a_live_worker_makes_it_healthy(worker):
    assert wait_for_workers(1)["status"] == "ok"
    response = client.get("/api/health")
    assert response.status_code == 200 and response.json()["workers"] == 1


def test_a_database_that_does_not_answer_is_reported(worker, monkeypatch):
    wait_for_workers(1)
    dead = create_engine(
        "postgresql+psycopg://nobody@127.0.0.1:1/none", connect_args={"connect_timeout": 1}
    )
    monkeypatch.setattr(health, "get_engine", lambda: dead)
    response = client.get("/api/health")
    assert response.status_code == 503 and response.json()["database"] == "down"


def test_a_silent_worker_is_not_counted(worker, monkeypatch):
    wait_for_workers(1)
    os.killpg(worker.pid, signal.SIGKILL)  # its registration lingers in Redis...
    worker.wait()
    monkeypatch.setattr(health, "WORKER_SILENCE_LIMIT", health.timedelta(seconds=0))
    assert health.report()["workers"] == 0  # ...but its heartbeat is too old


def test_periodic_jobs_run_once_per_interval_across_workers(migrated, rds, db):
    from concurrent.futures import ThreadPoolExecutor

    from jobs.worker import Maintenance, periodic_jobs

    with ThreadPoolExecutor(4) as pool:  # four workers' maintenance threads ticking at once
        ran = [job for jobs in pool.map(lambda _: Maintenance.tick(), range(4)) for job in jobs]
    assert sorted(ran) == sorted(p.job for p in periodic_jobs())  # each ran, and once
    assert "jobs.video_mixer:prune_cache" in ran  # from Video Mixer's registry row
    assert Maintenance.tick() == []  # not again within its interval
