"""Importing this package registers every page (Reflex compiles only imported pages)."""

from lumiku.pages import account, admin, apps, auth, dashboard, landing  # noqa: F401
