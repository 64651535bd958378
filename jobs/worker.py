"""RQ worker entry point (`lumiku worker`, which runs `python -m jobs`). Jobs import services,
never the Reflex app."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence

from rq import Worker
from rq.serializers import JSONSerializer

from jobs.ffmpeg import die_with_parent
from lumiku import plugins
from lumiku.services import generations
from lumiku.services.queues import QUEUE_NAMES, queue
from lumiku.services.redis_client import get_redis

HEARTBEAT_SECONDS = 30  # an idle worker silent for longer is reported down by /api/health
JOB_HEARTBEAT_SECONDS = 5  # while a job runs; generations.STALE_AFTER declares it lost after 30 s
log = logging.getLogger(__name__)

# The platform's own periodic jobs; each app adds its own from its registry row.
PLATFORM_PERIODIC = (
    plugins.Periodic(job="lumiku.services.generations:reconcile", every=10),
    plugins.Periodic(job="lumiku.services.generations:sweep_holds", every=60),
    plugins.Periodic(job="lumiku.services.payments:reconcile", every=120),
    plugins.Periodic(job="lumiku.services.subscriptions:expire_due", every=300),
    plugins.Periodic(job="lumiku.services.files:remove_expired_outputs", every=3600),
)


def periodic_jobs() -> list[plugins.Periodic]:
    return [*PLATFORM_PERIODIC, *(p for app in plugins.built() for p in app.periodic)]


class Maintenance(threading.Thread):
    """Runs the periodic jobs inside every worker process, beside its renders: recovering killed
    work, releasing holds and reconciling payments never wait for a free worker. Each job runs
    once per interval across every worker on every host: whoever sets its Redis key first (it
    expires after the interval) runs it."""

    def __init__(self) -> None:
        super().__init__(name="maintenance", daemon=True)
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(2):
            try:
                self.tick()
            except Exception:  # Redis away for a moment: try again at the next tick
                log.warning("maintenance tick failed", exc_info=True)

    @staticmethod
    def tick() -> list[str]:
        """Runs what is due; returns the names of the jobs it ran."""
        ran = []
        for periodic in periodic_jobs():
            due_key = f"lumiku:periodic:{periodic.job}"
            if not get_redis().set(due_key, 1, nx=True, ex=periodic.every):
                continue
            started = time.monotonic()
            try:
                plugins.resolve(periodic.job)()
            except Exception:
                log.exception("periodic job %s failed", periodic.job)
            else:
                ran.append(periodic.job)
                log.debug("%s took %.1f s", periodic.job, time.monotonic() - started)
        return ran


class LumikuWorker(Worker):
    """RQ's forking worker, whose work horse dies with it: a worker killed mid-job leaves no
    render running on (the reconciler queues the item again)."""

    def main_work_horse(self, job, queue) -> None:  # noqa: ANN001 - RQ's signature
        die_with_parent()
        super().main_work_horse(job, queue)


def run_worker(burst: bool = False, queues: Sequence[str] | None = None) -> int:
    """One worker on `queues` (all of QUEUE_NAMES by default, in that order: the first one with
    work wins). `lumiku run` starts two pools: media workers on default and media, AI workers on
    default and ai. Every worker runs the maintenance thread, whatever its queues."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s worker %(message)s")
    plugins.check_at_start()  # a half-wired app stops the worker here
    worker = LumikuWorker(
        [queue(name) for name in (QUEUE_NAMES if queues is None else queues)],
        connection=get_redis(),
        serializer=JSONSerializer,
        worker_ttl=HEARTBEAT_SECONDS,
        job_monitoring_interval=JOB_HEARTBEAT_SECONDS,
    )
    generations.reconcile()  # work a dead worker left behind goes on now
    maintenance = Maintenance()
    if not burst:
        maintenance.start()
    try:
        worker.work(burst=burst, with_scheduler=True, logging_level="INFO")
    finally:
        maintenance.stopped.set()
    return 0
