"""Importing this package records every page in `lumiku.components.layout.PAGES`."""

from lumiku.pages import (  # noqa: F401
    account,
    admin,
    admin_audit,
    admin_usage,
    apps,
    auth,
    billing,
    dashboard,
    landing,
    mail_links,
    payments,
    work,
)
