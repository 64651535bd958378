"""Alembic owns the schema: after `upgrade head` autogenerate finds nothing left to do."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine
from sqlmodel import SQLModel

import lumiku.models  # noqa: F401
from lumiku.settings import PROJECT_ROOT
from tests import services as test_services


def alembic_config(url: str) -> Config:
    cfg = Config(str(PROJECT_ROOT / "alembic.ini"))
    cfg.attributes["url"] = url
    cfg.attributes["configure_logger"] = False
    return cfg


def differences(url: str) -> list:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            return compare_metadata(context, SQLModel.metadata)
    finally:
        engine.dispose()


def round_trip(url: str) -> None:
    cfg = alembic_config(url)
    command.upgrade(cfg, "head")
    assert differences(url) == []
    command.downgrade(cfg, "base")
    command.upgrade(cfg, "head")
    assert differences(url) == []


def test_sqlite_schema_matches_the_models(tmp_path):
    round_trip(f"sqlite:///{tmp_path / 'migrations.db'}")


def test_postgres_schema_matches_the_models(services):
    url = test_services.DEFAULT_PG.rsplit("/", 1)[0] + "/lumiku_migrations"
    if services.is_postgres:
        url = services.database_url.rsplit("/", 1)[0] + "/lumiku_migrations"
    elif not test_services.pg_answers(url):
        pytest.skip("no PostgreSQL here (CI requires one)")
    test_services.recreate_pg_database(url)
    round_trip(url)
