"""Video Generator's table: each video made, with everything it was made from, so the gallery
can show it and "use these settings again" can refill the form."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from lumiku.db import utcnow
from lumiku.models.fields import parent_fk, user_fk, when


class VideoGeneratorVideo(SQLModel, table=True):
    __tablename__ = "video_generator_videos"

    id: str = Field(primary_key=True, max_length=32)  # the generation item's id
    user_id: int = user_fk(index=True)
    generation_id: str = parent_fk("generations")
    file_id: str | None = parent_fk("stored_files", nullable=True, ondelete="SET NULL")
    poster_id: str | None = parent_fk("stored_files", nullable=True, ondelete="SET NULL")
    model_key: str = Field(max_length=100)
    served_by: str = Field(default="", max_length=100)  # the registry model that answered
    prompt: str = Field(max_length=2000)  # what the user wrote
    sent_prompt: str = Field(default="", max_length=4000)  # improved, when they asked for it
    negative_prompt: str = Field(default="", max_length=1000)
    # resolution, duration, aspect, audio, start/end image ids and avatar ids: the form's values
    settings: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    duration: float | None = Field(default=None)  # seconds, as ffprobe read the file
    width: int | None = Field(default=None)
    height: int | None = Field(default=None)
    credits: int = Field(default=0)  # what this video cost (its item's price)
    created_at: datetime = when(default_factory=utcnow)
