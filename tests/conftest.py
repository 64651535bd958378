"""Shared fixtures: a migrated database and a clean Redis for every test."""

from __future__ import annotations

import pytest

from tests import services as test_services

SERVICES = test_services.choose()
test_services.configure_environment(SERVICES)


def pytest_report_header(config: pytest.Config) -> list[str]:
    return SERVICES.describe()


@pytest.fixture(scope="session")
def services() -> test_services.TestServices:
    return SERVICES


@pytest.fixture(scope="session")
def migrated(services):
    from alembic import command
    from alembic.config import Config

    from lumiku.settings import PROJECT_ROOT, get_settings

    get_settings.cache_clear()
    cfg = Config(str(PROJECT_ROOT / "alembic.ini"))
    cfg.attributes["configure_logger"] = False
    command.upgrade(cfg, "head")
    return services


@pytest.fixture
def db(migrated):
    """A database emptied after the test, so tests never see each other's rows."""
    from sqlmodel import SQLModel

    from lumiku.db import get_engine

    yield get_engine()
    with get_engine().begin() as conn:
        for table in reversed(SQLModel.metadata.sorted_tables):
            conn.execute(table.delete())


@pytest.fixture
def rds(services):
    """Our Redis and Reflex's, flushed before each test (rate limits, queues, tab state)."""
    from lumiku.services.redis_client import get_redis
    from lumiku.settings import get_settings

    client = get_redis()
    client.flushdb()
    get_redis(get_settings().reflex_redis_url).flushdb()
    return client
