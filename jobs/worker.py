"""RQ worker entry point (`lumiku worker`, which runs `python -m jobs`). Jobs import services,
never the Reflex app."""

from __future__ import annotations

import contextlib
import logging
import signal
import threading
import time
from collections.abc import Sequence

from redis.exceptions import RedisError
from rq import Worker, worker_registration
from rq.exceptions import StopRequested
from rq.serializers import JSONSerializer

from jobs.ffmpeg import die_with_parent
from lumiku import plugins
from lumiku.services import generations
from lumiku.services.queues import QUEUE_NAMES, queue
from lumiku.services.redis_client import get_redis

HEARTBEAT_SECONDS = 30  # an idle worker silent for longer is reported down by /api/health
REDIS_RETRY_SECONDS = 2  # how often a worker that lost Redis asks again
JOB_HEARTBEAT_SECONDS = 5  # while a job runs; generations.STALE_AFTER declares it lost after 30 s
log = logging.getLogger(__name__)
STOPPING = threading.Event()  # a stop was asked (SIGTERM, Ctrl-C): no new RQ worker after this

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
    render running on (the reconciler queues the item again). Redis going away for a while
    does not end a render: the heartbeats wait for it, the horse's result goes to the
    database, and a Redis that came back empty learns of the worker again."""

    def main_work_horse(self, job, queue) -> None:  # noqa: ANN001 - RQ's signature
        die_with_parent()
        super().main_work_horse(job, queue)

    def request_stop(self, signum, frame) -> None:  # noqa: ANN001 - RQ's signal handler
        STOPPING.set()  # RQ records a stop asked while idle nowhere; run_worker reads this
        try:
            super().request_stop(signum, frame)
        except RedisError:  # it asks Redis whether a job runs; away, none is watched
            raise StopRequested() from None

    def maintain_heartbeats(self, job, execution) -> None:  # noqa: ANN001 - RQ's signature
        # RQ gives up on the job and quits on the first failed heartbeat.
        try:
            super().maintain_heartbeats(job, execution)
            self.rejoin()
        except RedisError as exc:
            log.warning("Redis unavailable while job %s runs: %s", job.id, exc)

    def heartbeat(self, timeout=None, pipeline=None) -> None:  # noqa: ANN001 - RQ's signature
        super().heartbeat(timeout, pipeline)
        if pipeline is None:
            self.rejoin()

    def rejoin(self) -> None:
        """Registers the worker again when Redis lost it (restarted without its data): the
        fair admission counts workers from that registration, and /api/health reads it."""
        if self.connection.sismember(worker_registration.REDIS_WORKER_KEYS, self.key):
            return
        log.warning("worker %s: Redis forgot this worker; registering it again", self.name)
        with self.connection.pipeline() as pipe:
            pipe.hset(self.key, mapping=self.serialize())
            worker_registration.register(self, pipe)
            pipe.expire(self.key, self.worker_ttl + 60)
            pipe.execute()


def _new_worker(queues: Sequence[str] | None) -> LumikuWorker:
    return LumikuWorker(
        [queue(name) for name in (QUEUE_NAMES if queues is None else queues)],
        connection=get_redis(),
        serializer=JSONSerializer,
        worker_ttl=HEARTBEAT_SECONDS,
        job_monitoring_interval=JOB_HEARTBEAT_SECONDS,
    )


def _exit_now(signum: int, frame: object) -> None:  # noqa: ARG001 - a signal handler
    STOPPING.set()
    raise SystemExit(0)


def _exit_on_stop() -> None:
    """Outside RQ's loop (starting, or between two RQ workers) SIGTERM or Ctrl-C simply ends
    the process, with exit 0: a stop that came before RQ's handlers is still a clean stop."""
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, _exit_now)


def _wait_for_redis() -> None:
    """Until Redis answers again; a worker waits rather than exits (a supervisor would only
    start it again into the same outage)."""
    while True:
        try:
            get_redis().ping()
            return
        except RedisError:
            time.sleep(REDIS_RETRY_SECONDS)


def run_worker(burst: bool = False, queues: Sequence[str] | None = None) -> int:
    """One worker on `queues` (all of QUEUE_NAMES by default, in that order: the first one with
    work wins). `lumiku run` starts two pools: media workers on default and media, AI workers on
    default and ai. Every worker runs the maintenance thread, whatever its queues.

    RQ's loop quits on an error it does not expect (Redis gone in the middle of its
    bookkeeping): unless asked to stop, the worker then waits for Redis and goes on as a fresh
    RQ worker, and the reconciler puts back whatever the outage lost."""
    plugins.check_at_start()  # a half-wired app stops the worker here
    _exit_on_stop()  # until RQ installs its own handlers, and between two RQ workers
    _wait_for_redis()
    generations.reconcile()  # work a dead worker left behind goes on now
    maintenance = Maintenance()
    if not burst:
        maintenance.start()
    try:
        while True:
            worker = _new_worker(queues)
            try:
                worker.work(burst=burst, with_scheduler=True, logging_level="INFO")
            except RedisError:  # its teardown could not reach Redis either
                log.warning("worker %s: Redis unavailable at its end", worker.name, exc_info=True)
            with contextlib.suppress(RedisError):  # not counted among the live ones any more
                worker.register_death()
            if burst or STOPPING.is_set():
                break
            log.warning(
                "worker %s stopped on an error; starting again once Redis answers", worker.name
            )
            _exit_on_stop()
            time.sleep(REDIS_RETRY_SECONDS)
            _wait_for_redis()
    finally:
        maintenance.stopped.set()
    return 0
