"""Pose Generator's tables: the pose templates (the seeded library, shared by everyone, and the
poses users take from their own photos) and each picture made of an avatar in a pose."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, Integer
from sqlmodel import Field, SQLModel

from lumiku.db import utcnow
from lumiku.models.fields import parent_fk, user_fk, when


class PoseGeneratorTemplate(SQLModel, table=True):
    """A pose: 18 OpenPose keypoints, each [x, y] on a 3:4 canvas (0–1) or null where hidden
    (lumiku.services.pose_generator.poses). Library rows have no owner and the library pose's
    id; a user's own (read from a photo) have their owner. `uses` counts generations
    across all users, for sorting by popularity."""

    __tablename__ = "pose_generator_templates"

    id: str = Field(primary_key=True, max_length=60)
    user_id: int | None = Field(
        default=None,
        sa_column=Column(
            Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=True, index=True
        ),
    )
    name: str = Field(max_length=100)
    name_id: str = Field(default="", max_length=100)  # the Indonesian name (library poses)
    category: str = Field(max_length=30, index=True)  # poses.CATEGORIES, or "custom"
    gender: str = Field(default="any", max_length=10)
    difficulty: str = Field(default="easy", max_length=10)
    tags: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    keypoints: list[Any] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # a user template's skeleton preview (a kept file); the photo itself is not kept
    preview_id: str | None = parent_fk("stored_files", nullable=True, ondelete="SET NULL")
    uses: int = Field(default=0)
    display_order: int = Field(default=0)
    created_at: datetime = when(default_factory=utcnow)


class PoseGeneratorResult(SQLModel, table=True):
    """One pose of one avatar: the generation item's output, with its seed and its likeness to
    the avatar's face."""

    __tablename__ = "pose_generator_results"

    id: str = Field(primary_key=True, max_length=32)  # the generation item's id
    user_id: int = user_fk(index=True)
    avatar_id: str = parent_fk("avatar_creator_avatars")
    template_id: str = Field(max_length=60)  # kept as text: a deleted template leaves its poses
    template_name: str = Field(default="", max_length=100)
    generation_id: str = parent_fk("generations")
    file_id: str | None = parent_fk("stored_files", nullable=True, ondelete="SET NULL")
    quality: str = Field(default="sd", max_length=4)
    seed: int | None = Field(default=None)
    likeness: float | None = Field(default=None)  # cosine similarity of face embeddings, 0–1
    created_at: datetime = when(default_factory=utcnow)
