"""Poster Editor's tables: projects of posters, and each poster's versions. An edit never
overwrites: it adds a version, and undo points the poster at any earlier one, so every step
stays in the history until the poster is deleted."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from lumiku.db import utcnow
from lumiku.models.fields import parent_fk, user_fk, when


class PosterEditorProject(SQLModel, table=True):
    __tablename__ = "poster_editor_projects"

    id: str = Field(primary_key=True, max_length=32)
    user_id: int = user_fk(index=True)
    name: str = Field(max_length=100)
    description: str = Field(default="", max_length=500)
    created_at: datetime = when(default_factory=utcnow)
    updated_at: datetime = when(default_factory=utcnow)


class PosterEditorPoster(SQLModel, table=True):
    """`current_version_id` is the version shown and edited next (plain text, not a key: the
    version row points at the poster already)."""

    __tablename__ = "poster_editor_posters"

    id: str = Field(primary_key=True, max_length=32)
    user_id: int = user_fk(index=True)
    project_id: str = parent_fk("poster_editor_projects")
    name: str = Field(max_length=100)
    current_version_id: str = Field(default="", max_length=32)
    created_at: datetime = when(default_factory=utcnow)
    updated_at: datetime = when(default_factory=utcnow)


class PosterEditorVersion(SQLModel, table=True):
    """One state of a poster: the upload (number 1) or an edit's result. `item_id` is the
    generation item that made it, unique, so a rerun job adds nothing twice; `mode` says where
    it was made: "upload", "local" (quick edit, this server's CPU) or "advanced" (a provider)."""

    __tablename__ = "poster_editor_versions"
    __table_args__ = (
        Index("uq_poster_editor_versions_number", "poster_id", "number", unique=True),
        Index("uq_poster_editor_versions_item", "item_id", unique=True),
    )

    id: str = Field(primary_key=True, max_length=32)
    user_id: int = user_fk()
    poster_id: str = parent_fk("poster_editor_posters")
    number: int
    parent_id: str = Field(default="", max_length=32)  # the version it was made from
    file_id: str | None = parent_fk("stored_files", nullable=True, ondelete="SET NULL")
    mask_id: str | None = parent_fk("stored_files", nullable=True, ondelete="SET NULL")
    width: int
    height: int
    action: str = Field(max_length=30)  # "upload" or a rules.ACTIONS key
    mode: str = Field(max_length=10)
    served_by: str = Field(default="", max_length=100)  # the registry model that made it
    prompt: str = Field(default="", max_length=300)
    generation_id: str | None = parent_fk("generations", nullable=True, ondelete="SET NULL")
    item_id: str | None = Field(default=None, max_length=32)
    created_at: datetime = when(default_factory=utcnow)
