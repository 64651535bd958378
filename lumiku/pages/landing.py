"""The public front page: what Lumiku does, and the way in."""

from __future__ import annotations

import reflex as rx

from lumiku import plugins, routes
from lumiku.components.layout import page, shell
from lumiku.components.text import t


def _app_tile(app: plugins.AppPlugin) -> rx.Component:
    return rx.hstack(
        rx.icon(app.icon, size=22, color=rx.color(app.color, 9), flex_shrink="0"),
        rx.vstack(
            rx.text(app.name, weight="bold"),
            rx.text(t(app.description_key), size="2", color_scheme="gray"),
            spacing="1",
        ),
        align="start",
        spacing="3",
    )


@page(routes.LANDING, "Lumiku — content for every feed")
def landing() -> rx.Component:
    return shell(
        rx.vstack(
            rx.vstack(
                rx.heading(t("landing_title"), size="8", as_="h1", id="landing-title"),
                rx.text(t("landing_subtitle"), size="4", color_scheme="gray", max_width="40rem"),
                rx.flex(
                    rx.link(
                        rx.button(t("landing_cta"), size="4", id="cta-sign-up"), href=routes.SIGN_UP
                    ),
                    rx.hstack(
                        rx.text(t("landing_have_account"), color_scheme="gray"),
                        rx.link(t("nav_sign_in"), href=routes.SIGN_IN, id="cta-sign-in"),
                        align="center",
                    ),
                    direction=rx.breakpoints(initial="column", sm="row"),
                    spacing="4",
                    align=rx.breakpoints(initial="start", sm="center"),
                ),
                spacing="5",
                padding_y=["1rem", "3rem"],
            ),
            rx.heading(t("landing_apps_title"), size="5", as_="h2"),
            rx.grid(
                *[_app_tile(app) for app in plugins.dashboard_apps()],
                columns=rx.breakpoints(initial="1", sm="2", md="4"),
                spacing="5",
                width="100%",
            ),
            spacing="6",
            width="100%",
        )
    )
