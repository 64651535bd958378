"""The page shell: navigation bar, user menu and language switch around each page's content."""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx

from lumiku import routes
from lumiku.components.text import t
from lumiku.state.auth import AuthState
from lumiku.state.live import WalletState

# The header's numbers are written in the language too, so they are redrawn with it.
CHANGE_LANGUAGE = [AuthState.set_language, WalletState.load]


def language_switch() -> rx.Component:
    return rx.select.root(
        rx.select.trigger(aria_label=t("language_switch"), variant="ghost", id="language-switch"),
        rx.select.content(rx.select.item("ID", value="id"), rx.select.item("EN", value="en")),
        value=AuthState.lang,
        on_change=CHANGE_LANGUAGE,
        size="2",
    )


def brand(href: str) -> rx.Component:
    return rx.link(
        rx.hstack(
            rx.icon("sparkles", color=rx.color("accent", 9)),
            rx.text("Lumiku", size="5", weight="bold", as_="span"),
            align="center",
            spacing="2",
        ),
        href=href,
        underline="none",
        color_scheme="gray",
        high_contrast=True,
    )


def _menu_link(icon: str, label_key: str, href: str, item_id: str) -> rx.Component:
    return rx.menu.item(
        rx.hstack(rx.icon(icon, size=16), t(label_key), align="center"),
        on_click=rx.redirect(href),
        id=item_id,
    )


def user_menu() -> rx.Component:
    return rx.menu.root(
        rx.menu.trigger(
            rx.button(
                rx.icon("circle-user", size=18),
                rx.text(
                    AuthState.user_name,
                    display=["none", "inline"],
                    max_width="12em",
                    overflow="hidden",
                    text_overflow="ellipsis",
                    white_space="nowrap",
                ),
                rx.icon("chevron-down", size=14),
                variant="soft",
                id="user-menu",
                aria_label=t("nav_menu"),
            ),
        ),
        rx.menu.content(
            rx.text(
                AuthState.user_email,
                size="1",
                color_scheme="gray",
                padding_x="0.75rem",
                padding_y="0.25rem",
            ),
            _menu_link("layout-dashboard", "nav_dashboard", routes.DASHBOARD, "menu-dashboard"),
            _menu_link("folder-open", "nav_my_work", routes.MY_WORK, "menu-my-work"),
            _menu_link("coins", "nav_credits", routes.CREDITS, "menu-credits"),
            _menu_link("gem", "nav_plans", routes.PLANS, "menu-plans"),
            _menu_link("receipt", "nav_payments", routes.PAYMENTS, "menu-payments"),
            _menu_link("user", "nav_profile", routes.PROFILE, "menu-profile"),
            _menu_link("monitor-smartphone", "nav_devices", routes.DEVICES, "menu-devices"),
            rx.cond(
                AuthState.is_admin,
                _menu_link("shield", "nav_admin", routes.ADMIN_USERS, "menu-admin"),
            ),
            rx.menu.separator(),
            rx.menu.item(
                rx.hstack(rx.icon("log-out", size=16), t("nav_sign_out"), align="center"),
                on_click=AuthState.sign_out,
                color="red",
                id="menu-sign-out",
            ),
        ),
    )


def wallet_badge() -> rx.Component:
    """The balance, or the quota left today; pushed live when it changes in another tab."""
    subscribed = WalletState.account_type == "subscription"
    return rx.box(
        rx.cond(
            WalletState.loaded,
            rx.link(
                rx.badge(
                    # two fixed icons, not one named by a var: that would ship Lucide's
                    # whole icon map (240 kB) to every page
                    rx.cond(subscribed, rx.icon("gauge", size=14), rx.icon("coins", size=14)),
                    rx.cond(subscribed, WalletState.quota_text, WalletState.credits_text),
                    rx.text(
                        rx.cond(subscribed, t("unit_quota_today"), t("unit_credits")),
                        display=["none", "inline"],
                        margin_left="0.25rem",
                    ),
                    size="2",
                    variant="soft",
                    color_scheme="amber",
                    id="wallet",
                ),
                href=rx.cond(subscribed, routes.PLANS, routes.CREDITS),
                underline="none",
            ),
        ),
        on_mount=WalletState.load,
    )


def guest_links() -> rx.Component:
    return rx.hstack(
        rx.link(rx.button(t("nav_sign_in"), variant="ghost"), href=routes.SIGN_IN),
        rx.link(rx.button(t("nav_sign_up")), href=routes.SIGN_UP, display=["none", "block"]),
        spacing="2",
    )


def navbar() -> rx.Component:
    return rx.box(
        rx.hstack(
            brand(rx.cond(AuthState.signed_in, routes.DASHBOARD, routes.LANDING)),
            rx.hstack(
                rx.cond(
                    AuthState.signed_in,
                    rx.link(
                        t("nav_dashboard"),
                        href=routes.DASHBOARD,
                        display=["none", "none", "block"],
                        color_scheme="gray",
                    ),
                ),
                rx.cond(AuthState.signed_in, wallet_badge()),
                language_switch(),
                rx.cond(AuthState.signed_in, user_menu(), guest_links()),
                align="center",
                spacing="4",
            ),
            justify="between",
            align="center",
            max_width="72rem",
            margin_x="auto",
            padding_x=["1rem", "1.5rem"],
            padding_y="0.75rem",
        ),
        as_="nav",
        border_bottom=f"1px solid {rx.color('gray', 5)}",
        background=rx.color("gray", 1),
        position="sticky",
        top="0",
        z_index="10",
        width="100%",
    )


def loading() -> rx.Component:
    return rx.center(
        rx.hstack(rx.spinner(), rx.text(t("loading"), color_scheme="gray")),
        padding_y="4rem",
        id="page-loading",
    )


def unverified_banner() -> rx.Component:
    """Signed in with an address not yet confirmed: say so, and offer to send the link again."""
    return rx.cond(
        AuthState.signed_in & ~AuthState.email_verified,
        rx.callout.root(
            rx.callout.icon(rx.icon("mail-warning")),
            rx.callout.text(
                t("unverified_banner"),
                " ",
                rx.link(
                    t("unverified_send_again"),
                    on_click=AuthState.resend_verification,
                    id="resend-verification",
                    as_="button",
                ),
                rx.cond(
                    AuthState.verify_notice != "",
                    rx.text(
                        AuthState.verify_notice,
                        as_="span",
                        id="verify-notice",
                        margin_left="0.5rem",
                    ),
                ),
            ),
            color_scheme="amber",
            id="unverified-banner",
            margin_bottom="1rem",
            width="100%",
        ),
    )


def shell(content: rx.Component) -> rx.Component:
    return rx.box(
        # present once the page's state has arrived: browser tests wait for it before typing
        rx.cond(rx.State.is_hydrated, rx.el.span(id="page-ready", hidden=True)),
        navbar(),
        rx.box(
            unverified_banner(),
            content,
            as_="main",
            max_width="72rem",
            margin_x="auto",
            padding_x=["1rem", "1.5rem"],
            padding_y=["1.25rem", "2rem"],
            width="100%",
        ),
        min_height="100vh",
        background=rx.color("gray", 2),
    )


PAGES: list[dict] = []  # added to the app by lumiku.lumiku, once per process


def page(route: str, title: str, on_load: rx.event.EventType | None = None):
    """Records a page for `lumiku.lumiku` to add: one explicit, greppable list of every route.

    (Reflex's own `@rx.page` re-applies its pages at each compile, so every web worker logged a
    "page redefined" warning per page.)
    """

    def decorator(render: Callable[[], rx.Component]) -> Callable[[], rx.Component]:
        PAGES.append({"component": render, "route": route, "title": title, "on_load": on_load})
        return render

    return decorator


def signed_in_page(route: str, title: str, on_load: rx.event.EventType | None = None):
    """Records a page for signed-in users, inside the shell.

    `on_load` must itself check the user (the default, `AuthState.guard`, does only that): Reflex
    runs every on_load handler even after one redirects, so a separate guard would not stop
    a loader.
    """

    def decorator(content: Callable[[], rx.Component]) -> Callable[[], rx.Component]:
        def render() -> rx.Component:
            return shell(rx.cond(rx.State.is_hydrated & AuthState.signed_in, content(), loading()))

        render.__name__ = content.__name__
        # Reflex writes a page's compiled pieces to a file named after this function's module;
        # one file per page keeps each page's own components (the credits chart, the upload
        # area) out of the other pages' downloads.
        render.__module__ = f"{content.__module__}.{content.__name__}"
        return page(route, f"{title} · Lumiku", on_load or AuthState.guard)(render)

    return decorator
