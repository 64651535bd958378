"""The platform's routes in one place, so links and redirects never drift apart. An app's routes
come from its registry row (`app.route`, `app.path(...)`)."""

LANDING = "/"
SIGN_IN = "/sign-in"
SIGN_UP = "/sign-up"
FORGOT_PASSWORD = "/forgot-password"
RESET_PASSWORD = "/reset-password"  # ?token=… from the mailed link
VERIFY_EMAIL = "/verify-email"  # ?token=… from the mailed link
DEV_OUTBOX = "/dev/outbox"  # development without SMTP only
DASHBOARD = "/dashboard"
PROFILE = "/profile"
DEVICES = "/devices"
MY_WORK = "/my-work"
CREDITS = "/credits"
PLANS = "/plans"
PAYMENTS = "/payments"
PAYMENT = "/payments/[order_id]"
ADMIN_USERS = "/admin/users"
ADMIN_MODELS = "/admin/models"
ADMIN_PAYMENTS = "/admin/payments"
ADMIN_QUEUES = "/admin/queues"
ADMIN_AUDIT = "/admin/audit"
ADMIN_USAGE = "/admin/usage"


def safe_next(path: str) -> str:
    """Where to go after signing in: only a local path, never another site (open redirect)."""
    local = path.startswith("/") and not path.startswith(("//", "/\\"))
    # Browsers drop tabs and newlines from URLs, so "/\t/evil.com" would become "//evil.com".
    plain = all(ch.isprintable() and not ch.isspace() for ch in path)
    return path if local and plain else DASHBOARD
