"""What can be bought, and every order sent to Duitku."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, Index, Integer, String
from sqlmodel import Field, SQLModel

from lumiku.db import utcnow
from lumiku.models.fields import when


class CreditPackage(SQLModel, table=True):
    __tablename__ = "credit_packages"

    id: str = Field(primary_key=True, max_length=40)  # e.g. "topup-1500"
    name: str = Field(max_length=60)
    credits: int
    price_rupiah: int
    is_active: bool = Field(default=True)
    display_order: int = Field(default=0)


class Payment(SQLModel, table=True):
    """One order. Only a verified Duitku callback or status check moves it to paid, and a paid
    order never moves again."""

    __tablename__ = "payments"
    __table_args__ = (
        Index("ix_payments_user_created", "user_id", "created_at"),
        Index("ix_payments_status_created", "status", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    merchant_order_id: str = Field(max_length=50, unique=True)
    user_id: int = Field(
        sa_column=Column(Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    )
    item_type: str = Field(max_length=10)  # credits | plan
    item_id: str = Field(max_length=40)
    item_name: str = Field(max_length=100)
    credits: int = Field(default=0)  # for credit packages
    amount_rupiah: int
    status: str = Field(default="pending", max_length=10)  # pending | paid | failed | expired
    checkout_key: str = Field(max_length=64, unique=True)
    reference: str = Field(default="", max_length=100)
    payment_url: str = Field(default="", sa_column=Column(String(500), nullable=False))
    payment_method: str = Field(default="", max_length=10)
    result_code: str = Field(default="", max_length=4)
    failure_reason: str = Field(default="", max_length=300)
    gateway_data: dict[str, Any] = Field(
        default_factory=dict, sa_column=Column(JSON, nullable=False)
    )
    created_at: datetime = when(default_factory=utcnow)
    expires_at: datetime = when()
    paid_at: datetime | None = when(nullable=True, default=None)
    updated_at: datetime = when(default_factory=utcnow)
    checked_at: datetime | None = when(nullable=True, default=None)
