"""RQ worker entry point (`lumiku worker`). Jobs import services, never the Reflex app."""

from __future__ import annotations

import logging
import threading

from rq import Worker
from rq.serializers import JSONSerializer

from lumiku import plugins
from lumiku.services import generations
from lumiku.services.queues import QUEUE_NAMES, queue
from lumiku.services.redis_client import get_redis

HEARTBEAT_SECONDS = 30  # a worker silent for longer is reported down by /api/health

# The platform's own periodic jobs; each app adds its own from its registry row.
PLATFORM_PERIODIC = (
    plugins.Periodic(job="lumiku.services.billing:sweep_holds", every=60),
    plugins.Periodic(job="lumiku.services.payments:reconcile", every=120),
    plugins.Periodic(job="lumiku.services.subscriptions:expire_due", every=300),
    plugins.Periodic(job="lumiku.services.generations:reconcile", every=60),
    plugins.Periodic(job="lumiku.services.files:remove_expired_outputs", every=6 * 3600),
)


def periodic_jobs() -> list[plugins.Periodic]:
    return [*PLATFORM_PERIODIC, *(p for app in plugins.built() for p in app.periodic)]


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
        """Enqueues what is due on the `default` queue; returns the new jobs' ids."""
        enqueued = []
        for periodic in periodic_jobs():
            name = periodic.job.replace(":", ".")  # RQ imports a job by its dotted name
            if get_redis().set(f"lumiku:periodic:{name}", 1, nx=True, ex=periodic.every):
                job = queue("default").enqueue(
                    name, job_timeout=periodic.every, result_ttl=periodic.every
                )
                enqueued.append(job.id)
        return enqueued


def run_worker(burst: bool = False) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s worker %(message)s")
    plugins.check_at_start()  # a half-wired app stops the worker here
    worker = Worker(
        [queue(name) for name in QUEUE_NAMES],
        connection=get_redis(),
        serializer=JSONSerializer,
        worker_ttl=HEARTBEAT_SECONDS,
    )
    generations.reconcile()  # work a dead worker left behind goes on now
    periodic = Periodic()
    if not burst:
        periodic.start()
    try:
        worker.work(burst=burst, with_scheduler=True, logging_level="INFO")
    finally:
        periodic.stopped.set()
    return 0
