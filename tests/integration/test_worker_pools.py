"""The two worker pools of `lumiku run`: media workers on default and media, AI workers on default
and ai (`lumiku worker --queues`), so AI work never waits behind a render and a render never
waits behind AI work."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from rq.job import Job, JobStatus
from rq.serializers import JSONSerializer
from sqlmodel import select

from lumiku.cli import build_parser, parse_queues, worker_plan
from lumiku.db import session_scope
from lumiku.models import GenerationItem
from lumiku.services import generations, queues
from lumiku.services.redis_client import get_redis
from lumiku.settings import PROJECT_ROOT, Settings
from tests import engine_app
from tests.factories import new_user, spawn, stop_worker, wait_for

# What an idle worker must not have imported: the AI SDKs and array libraries belong in the work
# horse of the job that needs them (eight AI workers would hold eight copies).
HEAVY = ("anthropic", "cv2", "numpy", "torch", "reflex")


def worker(*args: str, burst: bool = False) -> subprocess.Popen:
    return spawn(
        [sys.executable, "-m", "lumiku.cli", "worker", *(["--burst"] if burst else []), *args],
        env=dict(os.environ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def run_burst(*args: str) -> None:
    process = worker(*args, burst=True)
    try:
        _, stderr = process.communicate(timeout=120)
    finally:
        stop_worker(process)
    assert process.returncode == 0, stderr[-3000:]


def status(job: Job) -> JobStatus:
    return Job.fetch(job.id, connection=get_redis(), serializer=JSONSerializer).get_status()


def item_statuses(generation_id: str) -> list[str]:
    with session_scope() as db:
        return list(
            db.exec(
                select(GenerationItem.status).where(GenerationItem.generation_id == generation_id)
            ).all()
        )


# ------------------------------------------------------------------ the plan and the option


def test_lumiku_run_starts_a_media_pool_sized_to_cores_and_a_larger_ai_pool():
    plan = worker_plan(Settings(workers=3, ai_workers=5))
    assert [name for name, _ in plan] == [
        *(f"worker {n}" for n in (1, 2, 3)),
        *(f"ai worker {n}" for n in (1, 2, 3, 4, 5)),
    ]
    listened = []
    for _, argv in plan:
        assert argv[:3] == [sys.executable, "-m", "lumiku.cli"]
        args = build_parser().parse_args(argv[3:])
        assert args.command == "worker" and not args.burst
        listened.append(parse_queues(args.queues))
    assert listened == [["default", "media"]] * 3 + [["default", "ai"]] * 5

    by_cores = worker_plan(Settings(workers=0, ai_workers=8))
    media = [name for name, _ in by_cores if not name.startswith("ai ")]
    assert len(media) == max(1, os.cpu_count() or 1) and len(by_cores) == len(media) + 8


def test_queues_are_taken_in_priority_order_and_checked():
    assert parse_queues("media,default") == ["default", "media"]
    assert parse_queues(" ai , default,ai") == ["default", "ai"]
    with pytest.raises(ValueError, match="unknown queue 'gpu'"):
        parse_queues("ai,gpu")
    assert build_parser().parse_args(["worker"]).queues is None  # all queues, as before


@pytest.mark.parametrize("command", [["lumiku.cli", "worker"], ["jobs"]])
def test_an_unknown_queue_is_refused_with_one_line(command):
    result = subprocess.run(
        [sys.executable, "-m", *command, "--burst", "--queues", "default,gpu"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "lumiku worker: unknown queue 'gpu' (the queues are default, ai, media)"
    ]


# ------------------------------------------------------------------ real workers


def test_an_ai_worker_takes_ai_work_only(engine):
    user_id = new_user()
    render = engine_app.submit(user_id, 1)  # the engine puts it on the media queue
    housekeeping = queues.queue("default").enqueue("os.getpid")
    remote = queues.queue("ai").enqueue("os.getpid")

    run_burst("--queues", "ai")
    assert status(remote) == JobStatus.FINISHED
    assert status(housekeeping) == JobStatus.QUEUED
    assert item_statuses(render) == ["queued"] and queues.queue("media").count == 1

    run_burst("--queues", "default,media")
    assert status(housekeeping) == JobStatus.FINISHED
    assert item_statuses(render) == ["succeeded"]


def test_the_pools_neither_wait_for_nor_block_each_other(engine):
    """One media and two AI workers, as `lumiku run` starts them: the engine admits as many
    items per queue as that queue has workers, an AI job finishes while a render runs, and a
    render runs to the end while the AI workers are busy."""
    argv = dict(worker_plan(Settings(workers=1, ai_workers=2)))
    pool = [worker(*argv[name][4:]) for name in ("worker 1", "ai worker 1", "ai worker 2")]
    try:
        wait_for(lambda: queues.workers_for("ai") == 2 and queues.workers_for("media") == 1)
        assert generations.in_flight_limit("ai") == 2
        assert generations.in_flight_limit("media") == 1

        user_id = new_user()
        long_render = engine_app.submit(user_id, [{"steps": 80, "delay": 0.25}], "long")
        wait_for(lambda: item_statuses(long_render) == ["running"])
        remote = queues.queue("ai").enqueue("os.getpid")
        wait_for(lambda: status(remote) == JobStatus.FINISHED)
        assert item_statuses(long_render) == ["running"]  # it did not wait for the render
        generations.cancel(user_id, long_render)
        wait_for(lambda: item_statuses(long_render) == ["cancelled"])

        busy = [queues.queue("ai").enqueue("time.sleep", 60) for _ in range(2)]
        wait_for(lambda: all(status(job) == JobStatus.STARTED for job in busy))
        render = engine_app.submit(user_id, 1, "short")
        wait_for(lambda: item_statuses(render) == ["succeeded"])
        assert all(status(job) == JobStatus.STARTED for job in busy)  # still waiting
    finally:
        for process in pool:
            stop_worker(process)


def test_an_idle_worker_imports_no_ai_sdk(services):
    """What `python -m jobs` imports before its first job, every app's runner resolved: no AI
    SDK and no array library (an AI app imports its provider inside its runner)."""
    probe = (
        "import sys; import jobs.worker; from lumiku import plugins; plugins.check_at_start(); "
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=PROJECT_ROOT,
        env={**os.environ, "EXTRA_APPS": "tests.engine_app:APP"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "", f"an idle worker imported {result.stdout.strip()}"
