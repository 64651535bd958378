"""Items that wait on remote work (generations.CheckBack) without holding a worker: real Redis,
RQ's scheduler in real worker processes, and FakeHF's fal queue behind the provider calls."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus
from rq.registry import ScheduledJobRegistry
from rq.serializers import JSONSerializer
from sqlmodel import select

from jobs.generation import run_item, runner_for
from lumiku.db import session_scope
from lumiku.models import Generation, GenerationItem
from lumiku.services import billing, generations, queues
from lumiku.services.ai import retry
from lumiku.services.redis_client import get_redis
from lumiku.settings import get_settings
from tests import check_back_app, engine_app
from tests.factories import ENGINE_APP, new_user, start_worker, stop_worker, wait_for

APPS = f"{ENGINE_APP},tests.check_back_app:APP"


@pytest.fixture
def remote(engine, hf, monkeypatch):
    """The engine's test apps (this one too, in every worker the test starts) and FakeHF as
    the provider, its waits not slept."""
    hf.reset()
    check_back_app.install(monkeypatch)
    monkeypatch.setenv("EXTRA_APPS", APPS)
    monkeypatch.setenv("HF_TOKEN", hf.token)
    monkeypatch.setenv("HF_INFERENCE_URL", hf.url)
    monkeypatch.setattr(retry, "pause", lambda seconds: None)
    get_settings.cache_clear()
    yield hf
    get_settings.cache_clear()


def item_of(generation_id: str, index: int = 0) -> GenerationItem:
    with session_scope() as db:
        return db.exec(
            select(GenerationItem).where(
                GenerationItem.generation_id == generation_id, GenerationItem.index == index
            )
        ).one()


def status_of(generation_id: str) -> str:
    with session_scope() as db:
        return db.get(Generation, generation_id).status


def job_status(job_id: str) -> JobStatus | None:
    try:
        return Job.fetch(job_id, connection=get_redis(), serializer=JSONSerializer).get_status()
    except NoSuchJobError:
        return None


def waiting(generation_id: str) -> bool:
    item = item_of(generation_id)
    return bool(item.params.get("waiting")) and job_status(item.job_id) == JobStatus.SCHEDULED


def run_in_process(item_id: str) -> str:
    return generations.run_item(item_id, runner_for)


# ------------------------------------------------------------------ in this process


def test_check_backs_keep_the_item_running_and_do_not_count_as_attempts(remote):
    user_id = new_user()
    looks = generations.MAX_ATTEMPTS + 2
    generation_id = check_back_app.submit(user_id, [{"mode": "count", "looks": looks}])
    item_id = item_of(generation_id).id
    for look in range(1, looks + 1):
        assert run_in_process(item_id) == "waiting"
        item = item_of(generation_id)
        assert item.status == "running" and status_of(generation_id) == "running"
        assert item.params["remote"] == {"looks": look} and item.params["waiting"] is True
        assert item.progress == 10 * look and item.attempts == 0
        # its next look is scheduled in Redis, under the item's job id, and alive for the
        # reconciler, which leaves it alone
        registry = ScheduledJobRegistry(queue=queues.queue("media"))
        assert item.job_id in registry.get_job_ids()  # (earlier looks' jobs: no RQ here)
        assert queues.job_alive(item.job_id, timedelta(0))
        generations.reconcile(stale_after=timedelta(0))
        assert item_of(generation_id).job_id == item.job_id
    assert run_in_process(item_id) == "succeeded"
    item = item_of(generation_id)
    assert item.attempts == 1 and item.status == "succeeded" and "waiting" not in item.params
    assert status_of(generation_id) == "succeeded"
    assert billing.balance(user_id) == 96 and billing.history(user_id, kind="release").total == 0
    assert len(check_back_app.runs(item_id)) == looks + 1


def test_a_check_back_job_the_item_no_longer_runs_under_is_skipped(remote):
    user_id = new_user()
    generation_id = check_back_app.submit(user_id, [{"mode": "count", "looks": 2}])
    item_id = item_of(generation_id).id
    run_in_process(item_id)
    scheduled = item_of(generation_id).job_id
    assert generations.run_item(item_id, runner_for, "item-some-earlier-job") == "skipped"
    assert generations.run_item(item_id, runner_for, scheduled) == "waiting"
    assert generations.run_item(item_id, runner_for, scheduled) == "skipped"  # ran twice
    assert len(check_back_app.runs(item_id)) == 2


def test_a_waiting_item_holds_no_place_on_its_queue(remote, monkeypatch):
    """One worker's worth of a user's items may be on a queue at once; an item waiting on a
    provider holds no worker, so the user's next item goes on meanwhile."""
    monkeypatch.setattr(generations, "in_flight_limit", lambda queue_name: 1)
    user_id = new_user()
    waiting_id = check_back_app.submit(user_id, [{"mode": "count", "looks": 3}])
    render_id = engine_app.submit(user_id, 1)
    assert item_of(render_id).job_id == ""  # behind the first: one place per queue
    run_in_process(item_of(waiting_id).id)
    assert item_of(render_id).job_id != ""  # the waiting item gave its place back


def test_a_lost_check_back_job_is_reconciled_and_the_remote_work_kept(remote):
    user_id = new_user()
    generation_id = check_back_app.submit(user_id, [{"mode": "count", "looks": 2}])
    item_id = item_of(generation_id).id
    run_in_process(item_id)
    get_redis().flushdb()  # Redis lost the schedule
    assert generations.reconcile(stale_after=timedelta(0)) == 1
    item = item_of(generation_id)
    assert item.status == "queued" and item.job_id and "waiting" not in item.params
    assert item.params["remote"] == {"looks": 1}  # the next run looks again, no resubmit
    assert run_in_process(item_id) == "waiting"
    assert item_of(generation_id).params["remote"] == {"looks": 2}
    assert run_in_process(item_id) == "succeeded"


def test_an_overdue_scheduled_job_is_queued_by_the_reconciler(remote):
    """A worker killed while holding RQ's scheduler lock leaves the lock for a minute: the
    reconciler moves check-backs that are late onto their queue itself."""
    user_id = new_user()
    generation_id = check_back_app.submit(user_id, [{"mode": "count", "looks": 1, "wait": 0}])
    run_in_process(item_of(generation_id).id)
    job_id = item_of(generation_id).job_id
    assert not queues.release_overdue(job_id, timedelta(hours=1))  # not late yet
    assert job_status(job_id) == JobStatus.SCHEDULED
    assert queues.release_overdue(job_id, timedelta(0))
    assert job_status(job_id) == JobStatus.QUEUED
    assert job_id in queues.queue("media").get_job_ids()  # (beside the first run's job)
    assert not queues.release_overdue(job_id, timedelta(0))  # moved once


def test_a_check_back_item_that_fails_at_last_is_refunded(remote):
    user_id = new_user()
    generation_id = check_back_app.submit(
        user_id, [{"mode": "count", "looks": 2, "fail": True}, {"mode": "count", "looks": 1}]
    )
    first, second = item_of(generation_id, 0).id, item_of(generation_id, 1).id
    for _ in range(3):
        run_in_process(first)
    for _ in range(2):
        run_in_process(second)
    assert item_of(generation_id, 0).status == "failed"
    assert item_of(generation_id, 0).error == "check_back_test_failed"
    assert item_of(generation_id, 1).status == "succeeded"
    assert status_of(generation_id) == "partly_succeeded"
    assert billing.balance(user_id) == 96  # 2 items of 4 held, the failed one's 4 came back


def test_a_failed_provider_video_fails_the_item_and_refunds_it(remote):
    remote.video_failure = "failed"
    remote.video_steps = 2
    user_id = new_user()
    generation_id = check_back_app.submit(user_id, [{"mode": "fal"}])
    item_id = item_of(generation_id).id
    outcomes = [run_in_process(item_id) for _ in range(3)]
    assert outcomes == ["waiting", "waiting", "failed"]
    assert item_of(generation_id).error == "ai_failed"
    assert status_of(generation_id) == "failed" and billing.balance(user_id) == 100


def test_cancelling_a_waiting_item_stops_its_remote_work_and_refunds_it(remote):
    user_id = new_user()
    generation_id = check_back_app.submit(user_id, [{"mode": "fal"}])
    item_id = item_of(generation_id).id
    assert run_in_process(item_id) == "waiting"
    scheduled = item_of(generation_id).job_id
    (request_id,) = remote.video_jobs
    generations.cancel(user_id, generation_id)
    assert item_of(generation_id).status == "cancelled" and status_of(generation_id) == "cancelled"
    assert billing.balance(user_id) == 100
    assert billing.history(user_id, kind="release").total == 1
    stored = json.loads(get_redis().get(check_back_app.cancelled_key(item_id)))
    assert stored["job"]["request_id"] == request_id  # cancel_remote got the remote state
    assert remote.video_jobs[request_id]["cancelled"]
    assert remote.requests[-1].headers["authorization"] == f"Bearer {remote.token}"
    assert job_status(scheduled) == JobStatus.CANCELED
    assert generations.run_item(item_id, runner_for, scheduled) == "skipped"
    assert billing.balance(user_id) == 100


def test_a_cancel_during_a_look_ends_the_item_when_it_checks_back(remote):
    """The user cancels while a look runs: the look's CheckBack ends the item, cancelled, and
    stops the remote work it just described."""
    user_id = new_user()
    generation_id = check_back_app.submit(user_id, [{"mode": "count", "looks": 3}])
    item_id = item_of(generation_id).id
    run_in_process(item_id)

    def runner(app_id):
        def look(ctx):
            generations.cancel(user_id, generation_id)  # the look is running: not cancelled
            assert item_of(generation_id).status == "running"
            return check_back_app.run(ctx)

        return look

    assert generations.run_item(item_id, runner) == "cancelled"
    assert item_of(generation_id).status == "cancelled" and status_of(generation_id) == "cancelled"
    stored = json.loads(get_redis().get(check_back_app.cancelled_key(item_id)))
    assert stored == {"looks": 2}
    assert billing.balance(user_id) == 100


def test_retrying_and_regenerating_start_remote_work_afresh(remote):
    user_id = new_user()
    generation_id = check_back_app.submit(user_id, [{"mode": "count", "looks": 1, "fail": True}])
    item_id = item_of(generation_id).id
    run_in_process(item_id)
    run_in_process(item_id)
    assert item_of(generation_id).params["remote"] == {"looks": 1}
    assert generations.retry_failed(user_id, generation_id, "retry-1") == 1
    assert "remote" not in item_of(generation_id).params
    again = generations.regenerate(user_id, generation_id, 0, "again-1")
    assert "remote" not in item_of(again).params and "waiting" not in item_of(again).params


# ------------------------------------------------------------------ real workers


def where_it_stands(generation_id: str, log: Path) -> str:
    """What a timed-out wait reports: the item, its job, and the worker's last log lines."""
    item = item_of(generation_id)
    tail = "\n".join(log.read_text(errors="replace").splitlines()[-60:])
    return (
        f"generation {status_of(generation_id)}; item {item.status} error={item.error!r} "
        f"attempts={item.attempts} params={item.params} job {item.job_id} "
        f"{job_status(item.job_id)}\nworker log:\n{tail}"
    )


def test_one_worker_serves_other_work_while_an_item_waits(remote, tmp_path):
    """ONE worker: a video waits on the provider's queue (looks a second apart, through the
    real provider calls; the provider holds it in its queue until the render is done, however
    slow this machine is) while a render of the same user on the same queue runs and
    finishes; then the video finishes too, each look a short job of its own."""
    remote.video_steps, remote.video_failure = 2, "stuck"
    user_id = new_user()
    video = check_back_app.submit(user_id, [{"mode": "fal", "wait": 1.0}])
    render = engine_app.submit(user_id, 1)
    log = tmp_path / "worker.log"
    worker = start_worker(apps=APPS, log=log)
    try:
        wait_for(lambda: status_of(render) == "succeeded", 90)
        assert item_of(video).status == "running"  # still waiting: the render did not
        remote.video_failure = ""  # the provider gets to it
        wait_for(
            lambda: status_of(video) == "succeeded", 120, why=lambda: where_it_stands(video, log)
        )
    finally:
        stop_worker(worker)
    item = item_of(video)
    assert item.attempts == 1 and item.file_id
    (looks,) = [job["looks"] for job in remote.video_jobs.values()]
    assert looks >= remote.video_steps  # any while stuck, then those until it was done
    assert len(check_back_app.runs(item.id)) == looks + 1  # the submit, then a run per look
    assert len({run["pid"] for run in check_back_app.runs(item.id)}) > 1  # a work horse each
    assert all(r.headers["authorization"] == f"Bearer {remote.token}" for r in remote.requests)
    assert billing.balance(user_id) == 100 - 4 - 2


def test_a_worker_killed_while_an_item_waits_does_not_lose_it(remote):
    """SIGKILL while the item's next look is scheduled: the schedule is in Redis, and a new
    worker runs it (through the reconciler, as the dead worker's scheduler lock outlives it)."""
    user_id = new_user()
    generation_id = check_back_app.submit(user_id, [{"mode": "count", "looks": 1, "wait": 2}])
    worker = start_worker(apps=APPS)
    try:
        wait_for(lambda: waiting(generation_id))
    finally:
        stop_worker(worker)  # kill -9, its scheduler and work horse with it
    assert waiting(generation_id) and item_of(generation_id).status == "running"
    worker = start_worker(apps=APPS)
    try:
        wait_for(lambda: status_of(generation_id) == "succeeded", 60)
    finally:
        stop_worker(worker)
    item = item_of(generation_id)
    assert item.attempts == 1 and item.params["remote"] == {"looks": 1}
    assert billing.balance(user_id) == 96 and billing.history(user_id, kind="release").total == 0


def test_the_job_entry_point_skips_a_stale_check_back(remote):
    """jobs.generation.run_item hands the engine its RQ job's id."""
    user_id = new_user()
    generation_id = check_back_app.submit(user_id, [{"mode": "count", "looks": 1, "wait": 0}])
    item_id = item_of(generation_id).id
    run_in_process(item_id)
    job_id = item_of(generation_id).job_id
    job = Job.fetch(job_id, connection=get_redis(), serializer=JSONSerializer)
    assert job.func_name == "jobs.generation.run_item" and job.args == [item_id]
    assert run_item(item_id) == "succeeded"  # outside RQ: no job id, nothing to compare
