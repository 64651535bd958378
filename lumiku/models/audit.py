"""The admin audit log: every change an admin makes (a role, a plan, a credit adjustment, a
registry model), who made it, and the values before and after."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, Index, Integer
from sqlmodel import Field, SQLModel

from lumiku.db import utcnow
from lumiku.models.fields import when


class AdminAuditEntry(SQLModel, table=True):
    __tablename__ = "admin_audit_entries"
    __table_args__ = (Index("ix_admin_audit_entries_created", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    # the admin (kept as a number when the account is gone: the log outlives it)
    admin_id: int | None = Field(
        default=None,
        sa_column=Column(
            Integer, ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True
        ),
    )
    admin_email: str = Field(default="", max_length=255)
    action: str = Field(max_length=50)  # a message key's tail: "set_role", "adjust_credits"…
    target_type: str = Field(max_length=30)  # "user", "ai_model", "plan"…
    target_id: str = Field(default="", max_length=100, index=True)
    before: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    after: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = when(default_factory=utcnow)
