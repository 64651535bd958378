"""Carousel Mix's own tables: a user's projects, each position's pool of pictures (images or short
videos) and text variations, one text style per position, and saved styles.

A picture points at its normalised upload (a StoredFile), plus a still at working size (the
image itself, or a video's first frame) and a small thumbnail, so deleting the project frees
exactly the files it holds.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from lumiku.db import utcnow
from lumiku.models.fields import parent_fk, user_fk, when


class CarouselMixProject(SQLModel, table=True):
    __tablename__ = "carousel_mix_projects"

    id: str = Field(primary_key=True, max_length=32)
    user_id: int = user_fk(index=True)
    name: str = Field(max_length=100)
    description: str = Field(default="", max_length=500)
    slides: int = Field(default=4)  # positions per carousel, 2–8
    canvas: str = Field(default="4:5", max_length=8)
    # The generate panel as the user left it (format, quality, PDF, pick order, sets).
    settings: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = when(default_factory=utcnow)
    updated_at: datetime = when(default_factory=utcnow)


class CarouselMixPicture(SQLModel, table=True):
    """One picture in a position's pool: an image, or a short video that becomes an MP4 slide."""

    __tablename__ = "carousel_mix_pictures"

    id: str = Field(primary_key=True, max_length=32)
    project_id: str = parent_fk("carousel_mix_projects")
    position: int  # 1..8
    kind: str = Field(default="image", max_length=8)  # image | video
    file_id: str = parent_fk("stored_files")
    still_id: str | None = parent_fk("stored_files", nullable=True, ondelete="SET NULL")
    thumbnail_id: str | None = parent_fk("stored_files", nullable=True, ondelete="SET NULL")
    focal_x: float = Field(default=50.0)  # the point the cover crop keeps, % of the picture
    focal_y: float = Field(default=50.0)
    order: int = Field(default=0)
    created_at: datetime = when(default_factory=utcnow)


class CarouselMixText(SQLModel, table=True):
    __tablename__ = "carousel_mix_texts"

    id: str = Field(primary_key=True, max_length=32)
    project_id: str = parent_fk("carousel_mix_projects")
    position: int
    content: str = Field(max_length=500)
    order: int = Field(default=0)
    created_at: datetime = when(default_factory=utcnow)


class CarouselMixStyle(SQLModel, table=True):
    """The text style of one position, shared by all its texts."""

    __tablename__ = "carousel_mix_styles"
    __table_args__ = (UniqueConstraint("project_id", "position"),)

    id: str = Field(primary_key=True, max_length=32)
    project_id: str = parent_fk("carousel_mix_projects")
    position: int
    style: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class CarouselMixPreset(SQLModel, table=True):
    """A text style the user saved under a name, offered beside the built-in presets."""

    __tablename__ = "carousel_mix_presets"
    __table_args__ = (UniqueConstraint("user_id", "name"),)

    id: str = Field(primary_key=True, max_length=32)
    user_id: int = user_fk(index=True)
    name: str = Field(max_length=60)
    style: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = when(default_factory=utcnow)
