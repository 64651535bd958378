"""The RQ queues as the services see them: putting work on a queue, cancelling it, asking whether
a job still lives, and what the workers are doing (for admins). The worker itself is in jobs/."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from rq import Queue, Worker
from rq.exceptions import InvalidJobOperation, NoSuchJobError
from rq.job import Job, JobStatus
from rq.registry import FailedJobRegistry, ScheduledJobRegistry, StartedJobRegistry
from rq.serializers import JSONSerializer

from lumiku.services.errors import NotFound
from lumiku.services.redis_client import get_redis

# In priority order: housekeeping and payments first, then remote AI calls, then media.
QUEUE_NAMES = ("default", "ai", "media")


@dataclass(frozen=True)
class QueueCount:
    name: str
    queued: int
    started: int
    failed: int


@dataclass(frozen=True)
class WorkerView:
    name: str
    state: str
    queues: str
    last_heartbeat: datetime | None


@dataclass(frozen=True)
class FailedJob:
    id: str
    queue: str
    description: str
    error: str  # the exception's last line
    ended_at: datetime | None


def queue(name: str) -> Queue:
    if name not in QUEUE_NAMES:
        raise ValueError(f"unknown queue {name!r}")
    return Queue(name, connection=get_redis(), serializer=JSONSerializer)


def enqueue_in(name: str, seconds: float, func: str, *args: object, **options: object) -> Job:
    """`func(*args)` on queue `name` in `seconds`: RQ's scheduler (every worker runs one, and
    the schedule lives in Redis, so it survives the worker that asked) moves it onto the
    queue when it is due. `options` are RQ's job options, as for Queue.enqueue."""
    return queue(name).enqueue_in(timedelta(seconds=max(0.0, seconds)), func, *args, **options)


def release_overdue(job_id: str, overdue: timedelta) -> bool:
    """Puts a scheduled job that is more than `overdue` late onto its queue, as RQ's scheduler
    would have: a worker killed with the scheduler's lock leaves it held for a minute, and the
    next worker takes the lock over only minutes later. True if it moved the job."""
    try:
        job = Job.fetch(job_id, connection=get_redis(), serializer=JSONSerializer)
    except NoSuchJobError:
        return False
    if job.get_status(refresh=False) != JobStatus.SCHEDULED or job.origin not in QUEUE_NAMES:
        return False
    registry = ScheduledJobRegistry(queue=queue(job.origin))
    try:
        due = registry.get_scheduled_time(job)
    except NoSuchJobError:
        return False
    if datetime.now(UTC) - due < overdue:
        return False
    if not get_redis().zrem(registry.key, job.id):
        return False  # the scheduler (or another reconciler) took it first
    queue(job.origin).enqueue_job(job, at_front=job.should_enqueue_at_front())
    return True


def workers_for(name: str) -> int:
    """How many workers listen on this queue now (registered, not yet timed out)."""
    return Worker.count(connection=get_redis(), queue=queue(name))


def job_alive(job_id: str, stale_after: timedelta) -> bool:
    """Is this job waiting or running on a worker that still gives signs of life?"""
    if not job_id:
        return False
    try:
        job = Job.fetch(job_id, connection=get_redis(), serializer=JSONSerializer)
    except NoSuchJobError:
        return False
    status = job.get_status(refresh=False)
    if status in (JobStatus.QUEUED, JobStatus.SCHEDULED, JobStatus.DEFERRED):
        return True
    if status != JobStatus.STARTED:
        return False
    now = datetime.now(UTC)
    for worker in Worker.all(connection=get_redis(), serializer=JSONSerializer):
        if worker.name == job.worker_name and worker.last_heartbeat:
            beat = worker.last_heartbeat
            beat = beat if beat.tzinfo else beat.replace(tzinfo=UTC)
            return now - beat < stale_after
    return False


def cancel_job(job_id: str) -> None:
    """A queued job is taken off its queue; a running one stops at its next progress report."""
    with contextlib.suppress(NoSuchJobError, InvalidJobOperation):
        Job.fetch(job_id, connection=get_redis(), serializer=JSONSerializer).cancel()


def overview(failed_limit: int = 50) -> tuple[list[QueueCount], list[WorkerView], list[FailedJob]]:
    counts, failed = [], []
    for name in QUEUE_NAMES:
        q = queue(name)
        failed_registry = FailedJobRegistry(queue=q)
        counts.append(
            QueueCount(name, q.count, StartedJobRegistry(queue=q).count, failed_registry.count)
        )
        for job_id in failed_registry.get_job_ids(0, failed_limit - 1):
            job = (
                Job.fetch(job_id, connection=get_redis(), serializer=JSONSerializer)
                if Job.exists(job_id, connection=get_redis())
                else None
            )
            if job is None:
                continue
            trace = (job.latest_result().exc_string if job.latest_result() else "") or ""
            failed.append(
                FailedJob(
                    job.id,
                    name,
                    job.description or job.func_name,
                    (trace.strip().splitlines() or [""])[-1][:300],
                    job.ended_at,
                )
            )
    workers = [
        WorkerView(w.name, w.get_state(), ", ".join(w.queue_names()), w.last_heartbeat)
        for w in Worker.all(connection=get_redis(), serializer=JSONSerializer)
    ]
    return counts, workers, failed


def requeue(job_id: str) -> None:
    for name in QUEUE_NAMES:
        registry = FailedJobRegistry(queue=queue(name))
        if job_id in registry.get_job_ids():
            registry.requeue(job_id)
            return
    raise NotFound()
