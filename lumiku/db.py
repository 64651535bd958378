"""Database engine and sessions, shared by the web process and the workers.

Services are plain synchronous functions; the web process calls them through `asyncio.to_thread`
(see `lumiku.state.base.call`), so there is one code path for both, and the event loop never waits
on the database.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Select, event, func
from sqlalchemy.engine import Engine
from sqlalchemy.types import TypeDecorator
from sqlmodel import Session, create_engine, select

from lumiku.settings import get_settings


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC on every backend (SQLite drops the zone; we put it back)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


_ENGINES: dict[str, Engine] = {}
_ENGINES_LOCK = threading.Lock()


def get_engine(url: str | None = None) -> Engine:
    """One engine (and connection pool) per database URL and process."""
    url = url or get_settings().effective_database_url
    with _ENGINES_LOCK:
        if url not in _ENGINES:
            _ENGINES[url] = _create_engine(url)
        return _ENGINES[url]


def _forget_inherited_connections() -> None:
    """In a forked child (RQ's work horse, say): the parent's pooled connections share their
    sockets with the parent, so using one would interleave two processes on one database
    session (seen as `prepared statement "_pg3_0" already exists`). The child leaves them to
    the parent, unclosed, and opens its own."""
    global _ENGINES_LOCK
    _ENGINES_LOCK = threading.Lock()  # another thread may have held it at the fork
    for engine in _ENGINES.values():
        engine.dispose(close=False)


os.register_at_fork(after_in_child=_forget_inherited_connections)


def _create_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.removeprefix("sqlite:///")
        if path and path != ":memory:":
            from pathlib import Path

            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


@contextmanager
def session_scope() -> Iterator[Session]:
    """One unit of work: commits on success, rolls back on any error."""
    with Session(get_engine(), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


@dataclass(frozen=True)
class Slice:
    """One page of an ordered query and where it stands among all of them."""

    rows: list[Any]
    page: int
    pages: int
    total: int


def paginate(db: Session, query: Select, page: object, size: int) -> Slice:
    """The page asked for, clamped to the pages that exist (a client may send anything)."""
    total = db.exec(select(func.count()).select_from(query.order_by(None).subquery())).one()
    pages = max(1, -(-total // size))
    asked = page if isinstance(page, int) and not isinstance(page, bool) else 1
    page = min(max(1, asked), pages)
    return Slice(
        list(db.exec(query.offset((page - 1) * size).limit(size)).all()), page, pages, total
    )
