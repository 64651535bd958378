"""Importing this package records every page in `lumiku.components.layout.PAGES`."""

from lumiku.pages import account, admin, apps, auth, billing, dashboard, landing, payments, work  # noqa: F401
