"""One production topology per test session (tests/topology/ runs as its own pytest process):
PostgreSQL, Redis and SeaweedFS of its own, two web processes, media and AI workers, nginx in
front. The test process's settings point at it, so tests make users and work through the services
and watch the topology's workers and web processes do the rest."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from lumiku.topology import Topology, free_port_block
from tests.factories import spawn


def point_at(topology: Topology) -> None:
    """This process's settings, database engine, Redis client and storage now use the topology."""
    from lumiku.services.redis_client import get_redis
    from lumiku.services.storage import get_storage
    from lumiku.settings import get_settings

    os.environ.update({k: v for k, v in topology.env.items() if k != "LOG_FORMAT"})
    for cached in (get_settings, get_redis, get_storage):
        cached.cache_clear()


@pytest.fixture(scope="session")
def topology(tmp_path_factory) -> Iterator[Topology]:
    root = tmp_path_factory.mktemp("topology")
    running = Topology(
        root,
        free_port_block(),
        spawn=spawn,  # every part dies with the test run, however it ends
        extra_env={"BCRYPT_ROUNDS": "4"},
    )
    running.start()
    point_at(running)
    try:
        yield running
    finally:
        running.stop()
