"""Money and access: credit ledger, holds, plans, subscriptions, quota use, the model registry."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, String, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from lumiku.db import utcnow
from lumiku.models.fields import user_fk, when


class CreditEntry(SQLModel, table=True):
    """One line of the append-only ledger. Never updated or deleted; corrections are new lines."""

    __tablename__ = "credit_entries"
    __table_args__ = (Index("ix_credit_entries_user_id_id", "user_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = user_fk()
    amount: int  # signed: + adds credits, - takes them
    balance_after: int
    # welcome_bonus | purchase | grant | hold | capture | release | refund | adjustment
    kind: str = Field(max_length=20)
    reference_type: str = Field(default="", max_length=30)
    reference_id: str = Field(default="", max_length=64)
    idempotency_key: str = Field(max_length=120, unique=True)
    payload_hash: str = Field(max_length=64)  # same key + different payload = an error
    description: str = Field(default="", sa_column=Column(String(300), nullable=False))
    created_at: datetime = when(default_factory=utcnow)


class Hold(SQLModel, table=True):
    """Credits or quota set aside for submitted work, captured as outputs succeed and settled
    exactly once (the rest returned)."""

    __tablename__ = "holds"
    __table_args__ = (Index("ix_holds_status_expires", "status", "expires_at"),)

    id: str = Field(primary_key=True, max_length=32)
    user_id: int = user_fk()
    unit: str = Field(max_length=10)  # credits | quota
    app_id: str = Field(max_length=50)
    model_key: str = Field(max_length=100)
    amount: int  # held, in the unit
    captured: int = Field(default=0)
    status: str = Field(default="open", max_length=10, index=True)  # open | settled
    outcome: str = Field(default="", max_length=12)  # succeeded | failed | cancelled | …
    reference_type: str = Field(default="", max_length=30)
    reference_id: str = Field(default="", max_length=64)
    idempotency_key: str = Field(max_length=120, unique=True)
    payload_hash: str = Field(max_length=64)
    description: str = Field(default="", sa_column=Column(String(300), nullable=False))
    daily_period: str = Field(default="", max_length=10)  # quota holds: the periods charged
    monthly_period: str = Field(default="", max_length=7)
    created_at: datetime = when(default_factory=utcnow)
    expires_at: datetime = when()
    settled_at: datetime | None = when(nullable=True, default=None)


class HoldCapture(SQLModel, table=True):
    """One capture against a hold, keyed so that a job run twice never charges twice."""

    __tablename__ = "hold_captures"

    id: int | None = Field(default=None, primary_key=True)
    hold_id: str = Field(foreign_key="holds.id", max_length=32, index=True)
    idempotency_key: str = Field(max_length=120, unique=True)
    amount: int
    created_at: datetime = when(default_factory=utcnow, index=True)  # usage charts


class SubscriptionPlan(SQLModel, table=True):
    __tablename__ = "subscription_plans"

    id: str = Field(primary_key=True, max_length=40)  # e.g. "pro-monthly"
    tier: str = Field(max_length=16)  # free | basic | pro | enterprise
    name: str = Field(max_length=60)
    description: str = Field(default="", max_length=300)
    price_rupiah: int
    billing_cycle: str = Field(max_length=10)  # monthly | yearly
    daily_quota: int
    monthly_quota: int
    features: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    is_active: bool = Field(default=True)
    display_order: int = Field(default=0)


class Subscription(SQLModel, table=True):
    """One row per subscription; at most one per user is current (active or cancelled)."""

    __tablename__ = "subscriptions"
    __table_args__ = (
        Index(
            "uq_subscriptions_current_user",
            "user_id",
            unique=True,
            postgresql_where=text("status IN ('active', 'cancelled')"),
            sqlite_where=text("status IN ('active', 'cancelled')"),
        ),
        Index("ix_subscriptions_status_ends", "status", "ends_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = user_fk()
    plan_id: str = Field(foreign_key="subscription_plans.id", max_length=40)
    status: str = Field(max_length=10)  # active | cancelled | expired
    started_at: datetime = when(default_factory=utcnow)
    ends_at: datetime = when()
    cancelled_at: datetime | None = when(nullable=True, default=None)
    ended_at: datetime | None = when(nullable=True, default=None)
    source: str = Field(default="", max_length=80)  # e.g. "admin:3", "payment:LMK-…"


class QuotaUsage(SQLModel, table=True):
    """Quota used in one day or month (in TIMEZONE) by a subscriber."""

    __tablename__ = "quota_usages"
    __table_args__ = (UniqueConstraint("user_id", "period_type", "period"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = user_fk()
    period_type: str = Field(max_length=8)  # daily | monthly
    period: str = Field(max_length=10)  # "2026-11-25" | "2026-11"
    used: int = Field(default=0)
    by_model: dict[str, int] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    updated_at: datetime = when(default_factory=utcnow)


class AIModel(SQLModel, table=True):
    """What serves an app, at which tier and price. Data, not code: admins edit it."""

    __tablename__ = "ai_models"

    key: str = Field(primary_key=True, max_length=100)  # "<app id>:<model id>"
    app_id: str = Field(max_length=50, index=True)
    name: str = Field(max_length=100)
    description: str = Field(default="", max_length=300)
    provider: str = Field(max_length=30)  # local | huggingface | anthropic | …
    tier: str = Field(max_length=16)
    credit_cost: int
    credit_per_second: float | None = Field(default=None)
    credit_per_megapixel: float | None = Field(default=None)
    quota_cost: int = Field(default=1)
    capabilities: dict[str, Any] = Field(
        default_factory=dict, sa_column=Column(JSON, nullable=False)
    )
    # Who serves it (lumiku.services.ai): the provider's own model id or endpoint URL, what it
    # does, the parameters sent with every call, and a model of the same capability to try
    # when this one fails.
    provider_model: str = Field(default="", max_length=300)
    capability: str = Field(default="", max_length=30)
    parameters: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    fallback_key: str = Field(default="", max_length=100)
    enabled: bool = Field(default=True)
    beta: bool = Field(default=False)
    display_order: int = Field(default=0)
