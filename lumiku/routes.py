"""Every route in one place, so links and redirects never drift apart."""

LANDING = "/"
SIGN_IN = "/sign-in"
SIGN_UP = "/sign-up"
DASHBOARD = "/dashboard"
PROFILE = "/profile"
DEVICES = "/devices"
ADMIN_USERS = "/admin/users"
