"""RQ worker entry point (`lumiku worker`). Jobs import services, never the Reflex app."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from rq import Queue, Worker
from rq.exceptions import InvalidJobOperation, NoSuchJobError
from rq.job import Job, JobStatus
from rq.serializers import JSONSerializer

from jobs import video_mixer
from lumiku.services import billing, files, generations, payments, subscriptions
from lumiku.services.redis_client import get_redis

# Listed in priority order: housekeeping and payments first, then remote AI calls, then media.
QUEUES = ("default", "ai", "media")
HEARTBEAT_SECONDS = 30  # a worker silent for longer is reported down by /api/health

# (job, queue, every N seconds). RQ's own cron enqueues with pickle; our queues speak JSON.
PERIODIC: list[tuple[Callable[[], object], str, int]] = [
    (billing.sweep_holds, "default", 60),
    (payments.reconcile, "default", 120),
    (subscriptions.expire_due, "default", 300),
    (generations.reconcile, "default", 60),
    (files.remove_expired_outputs, "default", 6 * 3600),
    (video_mixer.prune_cache, "default", 6 * 3600),
]


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


def queue(name: str) -> Queue:
    if name not in QUEUES:
        raise ValueError(f"unknown queue {name!r}")
    return Queue(name, connection=get_redis(), serializer=JSONSerializer)


class Periodic(threading.Thread):
    """Enqueues each periodic job once per interval across every worker on every host: whoever
    sets the job's Redis key first (it expires after the interval) enqueues it."""

    def __init__(self) -> None:
        super().__init__(name="periodic", daemon=True)
        self.stopped = threading.Event()

    def run(self) -> None:
        while True:
            try:
                self.tick()
            except Exception:  # Redis away for a moment: try again at the next tick
                logging.getLogger(__name__).warning("periodic tick failed", exc_info=True)
            if self.stopped.wait(5):
                return

    @staticmethod
    def tick() -> list[str]:
        """Enqueues what is due; returns the new jobs' ids."""
        enqueued = []
        for job, queue_name, every in PERIODIC:
            name = f"{job.__module__}.{job.__qualname__}"
            if get_redis().set(f"lumiku:periodic:{name}", 1, nx=True, ex=every):
                enqueued.append(
                    queue(queue_name).enqueue(job, job_timeout=every, result_ttl=every).id
                )
        return enqueued


def import_job_modules() -> None:
    """Each app's item runner registers itself when its module is imported."""
    import importlib

    import jobs.apps  # noqa: F401 - the apps' runners
    from lumiku.settings import get_settings

    for name in filter(None, (m.strip() for m in get_settings().extra_job_modules.split(","))):
        importlib.import_module(name)


def run_worker(burst: bool = False) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s worker %(message)s")
    worker = Worker(
        [queue(name) for name in QUEUES],
        connection=get_redis(),
        serializer=JSONSerializer,
        worker_ttl=HEARTBEAT_SECONDS,
    )
    import_job_modules()
    generations.reconcile()  # work a dead worker left behind goes on now
    periodic = Periodic()
    if not burst:
        periodic.start()
    try:
        worker.work(burst=burst, with_scheduler=True, logging_level="INFO")
    finally:
        periodic.stopped.set()
    return 0
