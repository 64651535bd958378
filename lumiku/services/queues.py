"""What the workers are doing, for admins: queue sizes, live workers, failed jobs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from rq import Queue, Worker
from rq.job import Job
from rq.registry import FailedJobRegistry, StartedJobRegistry
from rq.serializers import JSONSerializer

from lumiku.services.errors import NotFound
from lumiku.services.redis_client import get_redis

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


def _queue(name: str) -> Queue:
    return Queue(name, connection=get_redis(), serializer=JSONSerializer)


def overview(failed_limit: int = 50) -> tuple[list[QueueCount], list[WorkerView], list[FailedJob]]:
    counts, failed = [], []
    for name in QUEUE_NAMES:
        queue = _queue(name)
        failed_registry = FailedJobRegistry(queue=queue)
        counts.append(
            QueueCount(
                name, queue.count, StartedJobRegistry(queue=queue).count, failed_registry.count
            )
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
        registry = FailedJobRegistry(queue=_queue(name))
        if job_id in registry.get_job_ids():
            registry.requeue(job_id)
            return
    raise NotFound()
