"""Avatar Creator's tables: projects of personas, each avatar a face with a persona, the presets
it can start from, and where every avatar has been used (by any app).

An avatar's picture is a stored file it owns (an upload, or a paid output promoted to `kept`, so
it outlives the generation that made it and the outputs' retention)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index
from sqlmodel import Field, SQLModel

from lumiku.db import utcnow
from lumiku.models.fields import parent_fk, user_fk, when


def _json(default: Any = dict) -> Any:
    return Field(default_factory=default, sa_column=Column(JSON, nullable=False))


class AvatarCreatorProject(SQLModel, table=True):
    __tablename__ = "avatar_creator_projects"

    id: str = Field(primary_key=True, max_length=32)
    user_id: int = user_fk(index=True)
    name: str = Field(max_length=100)
    description: str = Field(default="", max_length=500)
    created_at: datetime = when(default_factory=utcnow)
    updated_at: datetime = when(default_factory=utcnow)


class AvatarCreatorAvatar(SQLModel, table=True):
    """A face and the persona behind it. `attributes` holds the nine visual attributes
    (lumiku.services.avatar_creator.prompts.ATTRIBUTES); unset ones are absent."""

    __tablename__ = "avatar_creator_avatars"

    id: str = Field(primary_key=True, max_length=32)
    user_id: int = user_fk(index=True)
    project_id: str = parent_fk("avatar_creator_projects")
    name: str = Field(max_length=100)
    image_id: str | None = parent_fk("stored_files", nullable=True, ondelete="SET NULL")
    thumbnail_id: str | None = parent_fk("stored_files", nullable=True, ondelete="SET NULL")
    persona_name: str = Field(default="", max_length=80)
    persona_age: int | None = Field(default=None)
    persona_personality: list[str] = _json(list)
    persona_background: str = Field(default="", max_length=1000)
    attributes: dict[str, str] = _json()
    source: str = Field(max_length=20)  # uploaded | text_to_image | from_preset | variation
    preset_id: str | None = Field(default=None, max_length=60)
    prompt: str = Field(default="", max_length=4000)
    seed: int | None = Field(default=None)
    model_key: str = Field(default="", max_length=100)
    likeness: float | None = Field(default=None)  # against the avatar it was varied from
    usage_count: int = Field(default=0)
    last_used_at: datetime | None = when(nullable=True, default=None)
    created_at: datetime = when(default_factory=utcnow)


class AvatarCreatorPreset(SQLModel, table=True):
    """A persona to start from (seeded from lumiku.services.avatar_creator.presets)."""

    __tablename__ = "avatar_creator_presets"

    id: str = Field(primary_key=True, max_length=60)
    name: str = Field(max_length=100)
    category: str = Field(max_length=30, index=True)
    description: str = Field(default="", max_length=300)
    persona: dict[str, Any] = _json()
    attributes: dict[str, str] = _json()
    prompt: str = Field(max_length=2000)
    usage_count: int = Field(default=0)
    display_order: int = Field(default=0)
    active: bool = Field(default=True)


class AvatarCreatorUsage(SQLModel, table=True):
    """One use of an avatar by an app (a variation batch, a pose set): shown on the avatar."""

    __tablename__ = "avatar_creator_usage"
    __table_args__ = (
        Index(
            "uq_avatar_creator_usage_reference",
            "avatar_id",
            "app_id",
            "reference_id",
            unique=True,
        ),
    )

    id: str = Field(primary_key=True, max_length=32)
    avatar_id: str = parent_fk("avatar_creator_avatars")
    user_id: int = user_fk()
    app_id: str = Field(max_length=50)
    action: str = Field(max_length=50)  # a message key's tail: "variations", "poses"…
    reference_type: str = Field(default="", max_length=30)  # "generation"
    reference_id: str = Field(default="", max_length=64)
    detail: dict[str, Any] = _json()
    created_at: datetime = when(default_factory=utcnow)
