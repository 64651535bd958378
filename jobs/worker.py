"""RQ worker entry point (`lumiku worker`). Jobs import services, never the Reflex app."""

from __future__ import annotations

import logging

from rq import Queue, Worker
from rq.serializers import JSONSerializer

from lumiku.services.redis_client import get_redis

# Listed in priority order: housekeeping and payments first, then remote AI calls, then media.
QUEUES = ("default", "ai", "media")
HEARTBEAT_SECONDS = 30  # a worker silent for longer is reported down by /api/health


def queue(name: str) -> Queue:
    if name not in QUEUES:
        raise ValueError(f"unknown queue {name!r}")
    return Queue(name, connection=get_redis(), serializer=JSONSerializer)


def run_worker(burst: bool = False) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s worker %(message)s")
    worker = Worker(
        [queue(name) for name in QUEUES],
        connection=get_redis(),
        serializer=JSONSerializer,
        worker_ttl=HEARTBEAT_SECONDS,
    )
    worker.work(burst=burst, with_scheduler=True, logging_level="INFO")
    return 0
