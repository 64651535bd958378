"""The signed-in home: greeting, balance, recent work and the app grid from the registry."""

from __future__ import annotations

import reflex as rx

from lumiku import plugins, routes
from lumiku.components.apps import app_badge, app_icon
from lumiku.components.forms import card
from lumiku.components.layout import signed_in_page
from lumiku.components.text import t
from lumiku.components.work import work_status
from lumiku.state.auth import AuthState
from lumiku.state.billing import DashboardState
from lumiku.state.live import WalletState


def app_card(app: plugins.AppPlugin) -> rx.Component:
    return rx.link(
        rx.card(
            rx.vstack(
                rx.hstack(
                    rx.center(
                        rx.icon(app.icon, size=22),
                        width="2.5rem",
                        height="2.5rem",
                        border_radius="0.5rem",
                        background=rx.color(app.color, 3),
                        color=rx.color(app.color, 11),
                    ),
                    app_badge(app),
                    justify="between",
                    align="start",
                    width="100%",
                ),
                rx.text(app.name, weight="bold", size="3"),
                rx.text(t(app.description_key), size="2", color_scheme="gray"),
                spacing="2",
            ),
            height="100%",
            class_name="app-card",
        ),
        href=app.route,
        underline="none",
        color_scheme="gray",
        high_contrast=True,
        id=f"app-{app.id}",
        aria_label=app.name,
    )


def _wallet_card() -> rx.Component:
    subscribed = WalletState.account_type == "subscription"
    return rx.link(
        card(
            rx.hstack(
                rx.icon("wallet", size=18),
                rx.text(t("card_balance"), weight="bold"),
                align="center",
            ),
            rx.cond(
                WalletState.loaded,
                rx.hstack(
                    rx.heading(
                        rx.cond(subscribed, WalletState.quota_text, WalletState.credits_text),
                        size="6",
                    ),
                    rx.text(
                        rx.cond(subscribed, t("unit_quota_today"), t("unit_credits")),
                        color_scheme="gray",
                    ),
                    align="baseline",
                ),
                rx.spinner(),
            ),
            id="balance-card",
            on_mount=WalletState.load,
        ),
        href=rx.cond(subscribed, routes.PLANS, routes.CREDITS),
        underline="none",
        color_scheme="gray",
        high_contrast=True,
    )


def _recent_work_card() -> rx.Component:
    return card(
        rx.hstack(
            rx.hstack(
                rx.icon("history", size=18),
                rx.text(t("card_recent_work"), weight="bold"),
                align="center",
            ),
            rx.link(t("work_recent_all"), href=routes.MY_WORK, size="2"),
            justify="between",
            width="100%",
        ),
        rx.cond(
            DashboardState.recent.length() > 0,
            rx.vstack(rx.foreach(DashboardState.recent, _recent), spacing="2", width="100%"),
            rx.text(t("card_recent_work_empty"), color_scheme="gray", size="2"),
        ),
        id="recent-work-card",
    )


def _recent(work) -> rx.Component:
    return rx.hstack(
        app_icon(work.app_icon, 16),
        rx.text(
            work.title,
            size="2",
            flex="1",
            overflow="hidden",
            white_space="nowrap",
            text_overflow="ellipsis",
        ),
        rx.cond(
            work.active, rx.progress(value=work.progress, width="4rem"), work_status(work.status)
        ),
        align="center",
        width="100%",
        class_name="recent-work",
    )


def _visible(app: plugins.AppPlugin) -> rx.Component:
    """Every app until the list arrives, then only those the user can use."""
    shown = ~DashboardState.loaded | DashboardState.visible_apps.contains(app.id)
    return rx.cond(shown, app_card(app))


def _get_started() -> rx.Component:
    """A new user's first screen: three steps through the first built app, and a button to it."""
    app = next((a for a in plugins.dashboard_apps() if not a.coming_soon), None)
    if app is None:
        return rx.fragment()
    steps = [
        t("get_started_step_open", app=app.name),
        t("get_started_step_clips"),
        t("get_started_step_results"),
    ]
    return rx.cond(
        DashboardState.loaded & ~DashboardState.has_work,
        card(
            rx.hstack(
                rx.icon("rocket", size=18),
                rx.text(t("get_started_title"), weight="bold"),
                align="center",
            ),
            rx.el.ol(
                *[rx.el.li(rx.text(step, size="2")) for step in steps],
                style={"padding_left": "1.25rem", "display": "grid", "gap": "0.35rem"},
            ),
            rx.link(
                rx.button(rx.icon(app.icon, size=16), t("get_started_go", app=app.name)),
                href=app.route,
                id="get-started-go",
            ),
            id="get-started",
        ),
    )


@signed_in_page(routes.DASHBOARD, "Dashboard", on_load=DashboardState.load)
def dashboard() -> rx.Component:
    return rx.vstack(
        rx.vstack(
            rx.heading(t("hello"), ", ", AuthState.user_name, size="7", as_="h1", id="greeting"),
            rx.text(t("dashboard_subtitle"), color_scheme="gray"),
            spacing="1",
        ),
        _get_started(),
        rx.grid(
            _wallet_card(),
            _recent_work_card(),
            columns=rx.breakpoints(initial="1", sm="2"),
            spacing="4",
            width="100%",
        ),
        rx.heading(t("apps_title"), size="5", as_="h2"),
        rx.grid(
            *[_visible(app) for app in plugins.dashboard_apps()],
            columns=rx.breakpoints(initial="1", xs="2", md="4"),
            spacing="4",
            width="100%",
            id="app-grid",
        ),
        spacing="5",
        width="100%",
    )
