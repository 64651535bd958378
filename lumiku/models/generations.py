"""Background work shared by every app: a generation with one item per output, and stored files."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    ForeignKey,
    Index,
    String,
    UniqueConstraint,
)
from sqlmodel import Field, SQLModel

from lumiku.db import utcnow
from lumiku.models.fields import user_fk, when


class StoredFile(SQLModel, table=True):
    """A private file: an upload or an output. The bytes live in Storage under `key`."""

    __tablename__ = "stored_files"
    __table_args__ = (Index("ix_stored_files_expires", "expires_at"),)

    id: str = Field(primary_key=True, max_length=32)
    user_id: int = user_fk(index=True)
    kind: str = Field(
        max_length=10
    )  # upload | output | kept (an output an avatar, say, made its own)
    media: str = Field(max_length=10)  # video | image | audio | archive
    content_type: str = Field(max_length=100)
    size_bytes: int = Field(sa_type=BigInteger)
    key: str = Field(max_length=300, unique=True)  # server-made; never the user's file name
    original_name: str = Field(default="", max_length=255)
    duration_seconds: float | None = Field(default=None)
    width: int | None = Field(default=None)
    height: int | None = Field(default=None)
    created_at: datetime = when(default_factory=utcnow)
    expires_at: datetime | None = when(nullable=True, default=None)  # outputs: retention


class Generation(SQLModel, table=True):
    __tablename__ = "generations"
    __table_args__ = (
        Index("ix_generations_user_created", "user_id", "created_at"),
        Index("ix_generations_status", "status"),
    )

    id: str = Field(primary_key=True, max_length=32)
    user_id: int = user_fk(index=True)
    app_id: str = Field(max_length=50)
    project_id: str = Field(default="", max_length=64)
    title: str = Field(max_length=200)
    # queued | running | succeeded | partly_succeeded | failed | cancelled
    status: str = Field(default="queued", max_length=20)
    progress: int = Field(default=0)
    stage: str = Field(default="", max_length=100)
    model_key: str = Field(max_length=100)
    settings: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    hold_id: str = Field(default="", max_length=32)
    unit: str = Field(default="credits", max_length=10)
    price_per_item: int = Field(default=0)
    cost: int = Field(default=0)  # captured so far, in the unit
    error: str = Field(default="", sa_column=Column(String(500), nullable=False))  # safe to show
    cancel_requested: bool = Field(default=False)
    created_at: datetime = when(default_factory=utcnow, index=True)  # usage charts
    started_at: datetime | None = when(nullable=True, default=None)
    finished_at: datetime | None = when(nullable=True, default=None)


class GenerationItem(SQLModel, table=True):
    """One output; its params (with the seed) reproduce it."""

    __tablename__ = "generation_items"
    __table_args__ = (UniqueConstraint("generation_id", "index"),)

    id: str = Field(primary_key=True, max_length=32)
    generation_id: str = Field(
        sa_column=Column(
            String(32), ForeignKey("generations.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    index: int
    # queued | running | succeeded | failed | cancelled
    status: str = Field(default="queued", max_length=12)
    progress: int = Field(default=0)
    error: str = Field(default="", sa_column=Column(String(500), nullable=False))
    params: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    file_id: str | None = Field(
        default=None,
        sa_column=Column(
            String(32), ForeignKey("stored_files.id", ondelete="SET NULL"), nullable=True
        ),
    )
    thumbnail_id: str | None = Field(
        default=None,
        sa_column=Column(
            String(32), ForeignKey("stored_files.id", ondelete="SET NULL"), nullable=True
        ),
    )
    job_id: str = Field(default="", max_length=64)
    attempts: int = Field(default=0)
    started_at: datetime | None = when(nullable=True, default=None)
    finished_at: datetime | None = when(nullable=True, default=None, index=True)  # usage charts
