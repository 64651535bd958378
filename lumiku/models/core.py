"""Accounts: users, their devices and sign-in sessions, and per-app usage."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlmodel import Field, SQLModel

from lumiku.db import utcnow
from lumiku.models.fields import when

GIB = 1024**3


class User(SQLModel, table=True):
    __tablename__ = "users"

    id: int | None = Field(default=None, primary_key=True)
    # Always stored lower-cased (services normalise), so uniqueness ignores case.
    email: str = Field(max_length=254, unique=True, index=True)
    name: str = Field(max_length=100)
    password_hash: str = Field(max_length=100)
    role: str = Field(default="user", max_length=16)  # user | admin
    account_type: str = Field(default="payg", max_length=16)  # payg | subscription
    subscription_tier: str = Field(default="free", max_length=16)  # free | basic | pro | enterprise
    # Always equal to the sum of the user's credit entries (kept in the same transactions).
    credit_balance: int = Field(default=0)
    storage_quota_bytes: int = Field(default=GIB, sa_type=BigInteger)
    storage_used_bytes: int = Field(default=0, sa_type=BigInteger)
    language: str = Field(default="id", max_length=8)  # id | en
    user_tags: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    failed_sign_ins: int = Field(default=0)
    failed_sign_ins_since: datetime | None = when(nullable=True, default=None)
    locked_until: datetime | None = when(nullable=True, default=None)
    # When the current address was proven (a verification link, or a password reset mailed to
    # it); None until then. Changing the email clears it.
    email_verified_at: datetime | None = when(nullable=True, default=None)
    created_at: datetime = when(default_factory=utcnow)
    updated_at: datetime = when(default_factory=utcnow)


class Device(SQLModel, table=True):
    """A browser on a machine, recognised by its user agent; sessions point at it."""

    __tablename__ = "devices"
    __table_args__ = (UniqueConstraint("user_id", "fingerprint"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    fingerprint: str = Field(max_length=64)
    name: str = Field(max_length=100)
    device_type: str = Field(max_length=16)  # desktop | mobile | tablet
    browser: str = Field(max_length=50)
    os: str = Field(max_length=50)
    first_seen_at: datetime = when(default_factory=utcnow)
    last_seen_at: datetime = when(default_factory=utcnow)


class UserSession(SQLModel, table=True):
    """A signed-in browser. The browser's token names this row; revoking the row ends it."""

    __tablename__ = "sessions"
    __table_args__ = (Index("ix_sessions_user_active", "user_id", "revoked_at"),)

    id: str = Field(primary_key=True, max_length=32)
    user_id: int = Field(
        sa_column=Column(Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    )
    device_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("devices.id", ondelete="SET NULL"), nullable=True),
    )
    ip: str = Field(default="", max_length=45)
    user_agent: str = Field(default="", sa_column=Column(String(500), nullable=False))
    created_at: datetime = when(default_factory=utcnow)
    last_seen_at: datetime = when(default_factory=utcnow)
    expires_at: datetime = when()
    revoked_at: datetime | None = when(nullable=True, default=None)


class AppUsage(SQLModel, table=True):
    """One row per paid or free action in an app, for usage charts and stats."""

    __tablename__ = "app_usages"
    __table_args__ = (Index("ix_app_usages_user_created", "user_id", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(
        sa_column=Column(Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    )
    app_id: str = Field(max_length=50, index=True)
    action: str = Field(max_length=50)
    credits_used: int = Field(default=0)
    quota_used: int = Field(default=0)
    details: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = when(default_factory=utcnow)


class AccountToken(SQLModel, table=True):
    """A single-use link mailed to a user: email verification or password reset. Only the
    SHA-256 of the random token is stored; `email` is the address the link was sent to."""

    __tablename__ = "account_tokens"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    purpose: str = Field(max_length=16)  # verify | reset
    token_hash: str = Field(max_length=64, unique=True)
    email: str = Field(max_length=254)
    created_at: datetime = when(default_factory=utcnow)
    expires_at: datetime = when()
    used_at: datetime | None = when(nullable=True, default=None)


class DevOutboxMail(SQLModel, table=True):
    """Mail "sent" in development without an SMTP server, shown at /dev/outbox."""

    __tablename__ = "dev_outbox"

    id: int | None = Field(default=None, primary_key=True)
    to_address: str = Field(max_length=254, index=True)
    subject: str = Field(max_length=300)
    text: str = Field(default="", sa_column=Column(Text, nullable=False))
    html: str = Field(default="", sa_column=Column(Text, nullable=False))
    created_at: datetime = when(default_factory=utcnow)
