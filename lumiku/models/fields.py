"""Column helpers every model module uses."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, ForeignKey, Integer, String
from sqlmodel import Field

from lumiku.db import UTCDateTime


def when(nullable: bool = False, **kw: Any) -> Any:
    """A timezone-aware UTC timestamp column."""
    return Field(sa_type=UTCDateTime, nullable=nullable, **kw)


def user_fk(index: bool = False) -> Any:
    """The owning user; their rows go when the account goes."""
    return Field(
        sa_column=Column(
            Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=index
        )
    )


def parent_fk(table: str, nullable: bool = False, ondelete: str = "CASCADE") -> Any:
    """A row of `table` this one belongs to (cascading) or points at (SET NULL, nullable)."""
    return Field(
        **({"default": None} if nullable else {}),
        sa_column=Column(
            String(32),
            ForeignKey(f"{table}.id", ondelete=ondelete),
            nullable=nullable,
            index=not nullable,
        ),
    )
