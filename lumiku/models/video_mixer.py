"""Video Mixer's own tables: a user's projects, their groups and clips, and saved presets.

A clip points at its upload (a StoredFile), so its name, size and duration live in one place and
deleting the project can free exactly the files it holds.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from lumiku.db import utcnow
from lumiku.models.fields import parent_fk, user_fk, when


class VideoMixerProject(SQLModel, table=True):
    __tablename__ = "video_mixer_projects"

    id: str = Field(primary_key=True, max_length=32)
    user_id: int = user_fk(index=True)
    name: str = Field(max_length=100)
    description: str = Field(default="", max_length=500)
    # The settings panel as the user left it, so a reload shows the same estimate.
    settings: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = when(default_factory=utcnow)
    updated_at: datetime = when(default_factory=utcnow)


class VideoMixerGroup(SQLModel, table=True):
    __tablename__ = "video_mixer_groups"

    id: str = Field(primary_key=True, max_length=32)
    project_id: str = parent_fk("video_mixer_projects")
    name: str = Field(max_length=60)
    position: int = Field(default=0)


class VideoMixerClip(SQLModel, table=True):
    __tablename__ = "video_mixer_clips"

    id: str = Field(primary_key=True, max_length=32)
    project_id: str = parent_fk("video_mixer_projects")
    group_id: str | None = parent_fk("video_mixer_groups", nullable=True, ondelete="SET NULL")
    file_id: str = parent_fk("stored_files")
    thumbnail_id: str | None = parent_fk("stored_files", nullable=True, ondelete="SET NULL")
    position: int = Field(default=0)
    created_at: datetime = when(default_factory=utcnow)


class VideoMixerPreset(SQLModel, table=True):
    __tablename__ = "video_mixer_presets"
    __table_args__ = (UniqueConstraint("user_id", "name"),)

    id: str = Field(primary_key=True, max_length=32)
    user_id: int = user_fk(index=True)
    name: str = Field(max_length=60)
    settings: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = when(default_factory=utcnow)
