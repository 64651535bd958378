"""Every table, imported here so `SQLModel.metadata` (and so Alembic) sees them all."""

from lumiku.models.core import AppUsage, Device, User, UserSession

__all__ = ["AppUsage", "Device", "User", "UserSession"]
