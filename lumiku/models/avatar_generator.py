"""Avatar Generator's table: each variation made of an avatar, with what it needs beyond the
engine's item (its seed, its likeness to the source face, the avatar it was saved as)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from lumiku.db import utcnow
from lumiku.models.fields import parent_fk, user_fk, when


class AvatarGeneratorVariation(SQLModel, table=True):
    __tablename__ = "avatar_generator_variations"

    id: str = Field(primary_key=True, max_length=32)  # the generation item's id
    user_id: int = user_fk(index=True)
    avatar_id: str = parent_fk("avatar_creator_avatars")  # the source
    generation_id: str = parent_fk("generations")
    file_id: str | None = parent_fk("stored_files", nullable=True, ondelete="SET NULL")
    seed: int | None = Field(default=None)
    style: str = Field(default="", max_length=30)
    likeness: float | None = Field(default=None)  # cosine similarity of face embeddings, 0–1
    saved_avatar_id: str | None = parent_fk(
        "avatar_creator_avatars", nullable=True, ondelete="SET NULL"
    )
    created_at: datetime = when(default_factory=utcnow)
