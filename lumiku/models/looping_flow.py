"""Looping Flow's own tables: a user's projects, their source clips and sound layers.

The loop's settings (style, target length, loop points, sound) live on the project as the user
left them; its layers belong to the project too (the original kept them on a generation that
did not exist yet, so they were never applied)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from lumiku.db import utcnow
from lumiku.models.fields import parent_fk, user_fk, when


class LoopingFlowProject(SQLModel, table=True):
    __tablename__ = "looping_flow_projects"

    id: str = Field(primary_key=True, max_length=32)
    user_id: int = user_fk(index=True)
    name: str = Field(max_length=100)
    description: str = Field(default="", max_length=500)
    clip_id: str | None = Field(default=None, max_length=32)  # the clip being looped
    settings: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    preview_id: str | None = parent_fk("stored_files", nullable=True, ondelete="SET NULL")
    created_at: datetime = when(default_factory=utcnow)
    updated_at: datetime = when(default_factory=utcnow)


class LoopingFlowClip(SQLModel, table=True):
    __tablename__ = "looping_flow_clips"

    id: str = Field(primary_key=True, max_length=32)
    project_id: str = parent_fk("looping_flow_projects")
    file_id: str = parent_fk("stored_files")
    thumbnail_id: str | None = parent_fk("stored_files", nullable=True, ondelete="SET NULL")
    created_at: datetime = when(default_factory=utcnow)


class LoopingFlowLayer(SQLModel, table=True):
    """One sound layered over the loop (rain, music, a voice), looped over its whole length."""

    __tablename__ = "looping_flow_layers"

    id: str = Field(primary_key=True, max_length=32)
    project_id: str = parent_fk("looping_flow_projects")
    file_id: str = parent_fk("stored_files")
    volume: int = Field(default=100)  # percent, 0–200
    muted: bool = Field(default=False)
    fade_in: float = Field(default=0.0)  # seconds
    fade_out: float = Field(default=0.0)
    created_at: datetime = when(default_factory=utcnow)
