"""Every table, imported here so `SQLModel.metadata` (and so Alembic) sees them all."""

from lumiku.models.billing import (
    AIModel,
    CreditEntry,
    Hold,
    HoldCapture,
    QuotaUsage,
    Subscription,
    SubscriptionPlan,
)
from lumiku.models.core import AppUsage, Device, User, UserSession

__all__ = [
    "AIModel",
    "AppUsage",
    "CreditEntry",
    "Device",
    "Hold",
    "HoldCapture",
    "QuotaUsage",
    "Subscription",
    "SubscriptionPlan",
    "User",
    "UserSession",
]
