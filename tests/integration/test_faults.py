"""Faults an operator or a hostile client would cause: forked processes and their connections,
locks whose holder died, FFmpeg outliving its job, holds outliving their work, double submits,
one user's queue against another's, and test processes outliving the test run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text, update
from sqlmodel import select

from jobs import ffmpeg
from lumiku.db import get_engine, session_scope, utcnow
from lumiku.models import Generation, Hold, StoredFile
from lumiku.services import billing, files, generations
from lumiku.services.errors import ServiceError
from lumiku.settings import PROJECT_ROOT
from tests import engine_app
from tests.factories import (
    generation_items,
    make_clip,
    new_user,
    run_burst_worker,
    spawn,
    start_worker,
    stop_worker,
    wait_for,
)


def submit(user_id: int, items: list[dict] | int = 1, key: str = "submit-1") -> str:
    return engine_app.submit(user_id, items, key)


def status_of(generation_id: str) -> str:
    with session_scope() as db:
        return db.get(Generation, generation_id).status


# ------------------------------------------------------------------ processes and connections


def test_forked_children_never_share_the_parents_connections(db, services):
    """RQ forks a work horse per job. psycopg prepares a statement after its fifth run; a child
    that used the parent's pooled connection left `_pg3_0` prepared on the shared server
    session, and the next child failed with DuplicatePreparedStatement."""
    if not services.is_postgres:
        pytest.skip("prepared statements are PostgreSQL's")

    def queries(times: int = 8) -> None:
        for _ in range(times):
            with session_scope() as session:
                session.exec(select(StoredFile).where(StoredFile.user_id == 1)).all()

    queries(1)  # the parent's connection goes back to its pool, as a worker's does
    for _ in range(3):
        pid = os.fork()
        if pid == 0:  # the child: exit 0 only if every query worked
            try:
                queries()
            except BaseException:
                os._exit(1)
            os._exit(0)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
    queries()  # and the parent's own connection is unharmed
    with get_engine().connect() as conn:
        assert conn.execute(text("select 1")).scalar() == 1


def test_a_lock_dies_with_its_holder(tmp_path):
    """The normalised-clip lock is a file lock: a worker killed while holding it stalls nobody
    (a Redis lock stayed held for its whole 15-minute timeout)."""
    lock = tmp_path / "clip.lock"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from jobs.video_mixer import _locked\n"
            "from pathlib import Path\n"
            f"with _locked(Path({str(lock)!r}), None):\n"
            "    print('held', flush=True)\n"
            "    time.sleep(600)\n",
        ],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    from jobs.video_mixer import _locked

    waited = []
    with pytest.raises(TimeoutError), _locked(lock, lambda: _give_up_after(waited, 1.0)):
        pass  # held by the live holder: we wait (and give up here)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    started = time.monotonic()
    with _locked(lock, lambda: _give_up_after([], 5.0)):
        pass
    assert time.monotonic() - started < 5


def _give_up_after(calls: list, seconds: float) -> None:
    calls.append(time.monotonic())
    if calls[-1] - calls[0] > seconds:
        raise TimeoutError


@pytest.fixture
def started(monkeypatch) -> list[subprocess.Popen]:
    """The FFmpeg processes `ffmpeg.run` starts."""
    seen: list[subprocess.Popen] = []
    real = subprocess.Popen

    def recording(*args, **kwargs):
        seen.append(real(*args, **kwargs))
        return seen[-1]

    monkeypatch.setattr(ffmpeg.subprocess, "Popen", recording)
    return seen


def slow_render(out: Path) -> list[str]:
    """A render that takes many seconds: a minute of 720p noise into x264 `slow`."""
    return [
        *("ffmpeg", "-hide_banner", "-v", "error", "-y", "-f", "lavfi"),
        *("-i", "nullsrc=size=1280x720:rate=30:duration=60,geq=random(1)*255:128:128"),
        *("-c:v", "libx264", "-preset", "slow", str(out)),
    ]


class Cancelled(Exception):
    pass


def test_ffmpeg_never_outlives_a_cancel(started, tmp_path):
    def cancel(_: float) -> None:
        raise Cancelled

    with pytest.raises(Cancelled):
        ffmpeg.run(slow_render(tmp_path / "a.mp4"), 60, cancel)
    [process] = started
    assert process.poll() is not None  # killed and reaped, not left rendering


def test_ffmpeg_is_stopped_at_its_time_limit(started, tmp_path):
    began = time.monotonic()
    with pytest.raises(RuntimeError, match="longer than"):
        ffmpeg.run(slow_render(tmp_path / "b.mp4"), 60, None, limit=1.0)
    assert time.monotonic() - began < 30
    assert started[0].poll() is not None


def test_ffmpeg_is_stopped_by_a_timeout_raised_in_the_job(started, tmp_path):
    """RQ's job timeout arrives as an exception raised in the work horse (SIGALRM)."""

    def alarm(*_):
        raise TimeoutError("job timeout")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, 1.0)
    try:
        with pytest.raises(TimeoutError):
            ffmpeg.run(slow_render(tmp_path / "c.mp4"), 60, None)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert started[0].poll() is not None


def test_ffmpeg_output_is_cut_at_the_planned_length(tmp_path):
    out = tmp_path / "d.mp4"
    args = [
        *("ffmpeg", "-hide_banner", "-v", "error", "-y", "-f", "lavfi"),
        *("-i", "testsrc=size=160x120:rate=10:duration=30", "-c:v", "libx264", str(out)),
    ]
    ffmpeg.run(args, 2.0, None)  # the plan said 2 s; the filter graph would make 30
    from tests.factories import probe

    assert float(probe(out)["format"]["duration"]) <= 3.1


def test_ffmpeg_dies_with_the_process_that_started_it(tmp_path):
    """A work horse killed with SIGKILL takes its FFmpeg with it (no orphan render)."""
    horse = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys\nfrom jobs import ffmpeg\nffmpeg.run(sys.argv[1:], 60, None)\n",
            *slow_render(tmp_path / "e.mp4"),
        ],
        cwd=PROJECT_ROOT,
        start_new_session=True,
    )
    render = wait_for(lambda: _children(horse.pid), 30)[0]
    horse.send_signal(signal.SIGKILL)
    horse.wait()
    wait_for(lambda: not Path(f"/proc/{render}").exists() or _is_zombie(render), 10)


def _children(pid: int) -> list[int]:
    from lumiku.supervisor import descendants

    return list(descendants(pid))


def _is_zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"
    except OSError:
        return True


# ------------------------------------------------------------------ money and the engine


def test_a_hold_is_not_released_while_its_work_runs(engine):
    user_id = new_user()
    generation_id = submit(user_id, 2)
    with session_scope() as db:
        hold_id = db.get(Generation, generation_id).hold_id
        db.exec(update(Hold).where(Hold.id == hold_id).values(expires_at=utcnow()))
    assert generations.sweep_holds() == 0  # past its time, but its items still wait
    run_burst_worker()
    assert status_of(generation_id) == "succeeded"
    assert billing.balance(user_id) == 96  # both outputs paid, nothing refunded twice


def test_a_generation_whose_finish_failed_once_is_finished_by_the_reconciler(engine, monkeypatch):
    user_id = new_user()
    generation_id = submit(user_id, 1)
    real = generations.finish_if_done
    calls = []

    def failing_once(gid: str):
        calls.append(gid)
        if len(calls) == 1:
            raise ConnectionError("the database went away for a moment")
        return real(gid)

    monkeypatch.setattr(generations, "finish_if_done", failing_once)
    from jobs.generation import run_item

    [item] = generation_items(generation_id)
    with pytest.raises(ConnectionError):
        run_item(item.id)
    assert status_of(generation_id) == "running"  # its item is done, the generation is not
    generations.reconcile()
    assert status_of(generation_id) == "succeeded"
    assert billing.balance(user_id) == 98


def test_two_submits_with_one_key_make_one_generation(engine):
    user_id = new_user()
    barrier = threading.Barrier(4)

    def twice(_):
        barrier.wait()
        return submit(user_id, 2, key="double-click")

    with ThreadPoolExecutor(4) as pool:
        ids = set(pool.map(twice, range(4)))
    assert len(ids) == 1
    with session_scope() as db:
        assert len(db.exec(select(Generation)).all()) == 1
        assert len(db.exec(select(Hold)).all()) == 1
    assert billing.balance(user_id) == 96


def test_one_users_waiting_work_is_bounded(engine, monkeypatch):
    user_id = new_user()
    monkeypatch.setattr(generations, "MAX_WAITING_ITEMS", 3)
    submit(user_id, 2, key="a")
    with pytest.raises(ServiceError) as refused:
        submit(user_id, 2, key="b")
    assert refused.value.code == "generation_too_much_waiting"
    assert billing.balance(user_id) == 96  # the refused one held nothing


def test_a_second_users_first_item_waits_behind_at_most_one_render(engine):
    """One worker; the first user asks for six outputs, then the second for one. The second
    starts after the first user's first output, not after all six."""
    worker = start_worker()
    try:
        wait_for(lambda: generations.in_flight_limit("media") >= 1 and _workers() == 1, 60)
        first, second = new_user(1), new_user(2)
        many = submit(first, [{"steps": 4, "delay": 0.3} for _ in range(6)], key="many")
        wait_for(lambda: any(i.status == "running" for i in generation_items(many)), 60)
        one = submit(second, 1, key="one")
        wait_for(lambda: status_of(one) == "succeeded", 120)
        theirs = generation_items(one)[0].started_at
        before = [i for i in generation_items(many) if i.started_at and i.started_at < theirs]
        assert len(before) == 1
        wait_for(lambda: status_of(many) == "succeeded", 180)
    finally:
        stop_worker(worker)


def _workers() -> int:
    from lumiku.services import queues

    return queues.workers_for("media")


def test_every_expired_output_is_removed_however_many(engine, tmp_path):
    user_id = new_user()
    stored = [
        files.store_output(
            user_id, make_clip(tmp_path / f"{n}.mp4", 0.2, rate=5), f"outputs/x/{n}.mp4", "o.mp4"
        )
        for n in range(5)
    ]
    with session_scope() as db:
        db.exec(update(StoredFile).values(expires_at=utcnow() - timedelta(days=1)))
    assert files.remove_expired_outputs(batch=2) == 5  # before: one batch per run, then wait
    with session_scope() as db:
        assert db.exec(select(StoredFile)).all() == []
    assert len(stored) == 5


# ------------------------------------------------------------------ the test run itself


def test_processes_started_by_a_test_die_with_the_test_run(services):
    """A test process killed with SIGKILL (a CI timeout) leaves no worker behind."""
    script = (
        "import time\n"
        "from tests.factories import start_worker\n"
        "print(start_worker(apps=None).pid, flush=True)\n"
        "time.sleep(600)\n"
    )
    run = spawn([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    worker_pid = int(run.stdout.readline())
    assert Path(f"/proc/{worker_pid}").exists()
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    wait_for(lambda: not Path(f"/proc/{worker_pid}").exists() or _is_zombie(worker_pid), 30)
    stop_worker(run)


def test_a_deleted_clips_normalised_copy_is_never_used_again(engine, tmp_path):
    """The cache of normalised clips is per machine and outlives a delete on another host: its
    copy must not be usable for the days it waits for the pruner."""
    from jobs import video_mixer as job
    from lumiku.services.generations import ItemFailed
    from lumiku.services.video_mixer import rules

    user_id = new_user()
    clip = files.store_upload(user_id, make_clip(tmp_path / "c.mp4", 1.0), "c.mp4", {"video"})
    kept = files.store_upload(user_id, make_clip(tmp_path / "k.mp4", 1.0), "k.mp4", {"video"})
    target = rules.parse_settings({"resolution": "480p", "fps": 24})
    copies = [job.normalized_clip(user_id, f.id, 1.0, target) for f in (clip, kept)]
    assert all(path.is_file() for path in copies)
    files.delete_files(user_id, [clip.id])
    with pytest.raises(ItemFailed) as failed:
        job.normalized_clip(user_id, clip.id, 1.0, target)
    assert failed.value.code == "video_mixer_clip_missing"
    assert job.prune_cache() >= 1  # at once, not after CACHE_DAYS
    assert not copies[0].exists() and copies[1].is_file()
