"""One page per app of the registry. Apps not built yet show their description and a
coming-soon state; a built app replaces its entry here with its own module (`apps/<name>.py`)."""

from __future__ import annotations

import reflex as rx

from lumiku import plugins, routes
from lumiku.components.forms import card
from lumiku.components.layout import signed_in_page
from lumiku.components.text import t
from lumiku.pages.dashboard import app_badge


def _coming_soon(app: plugins.AppPlugin):
    def content() -> rx.Component:
        return rx.vstack(
            rx.link(
                rx.hstack(rx.icon("arrow-left", size=16), t("back_to_dashboard"), align="center"),
                href=routes.DASHBOARD,
            ),
            card(
                rx.hstack(
                    rx.icon(app.icon, size=28, color=rx.color(app.color, 9)),
                    rx.heading(app.name, size="6", as_="h1"),
                    app_badge(app),
                    align="center",
                    spacing="3",
                    wrap="wrap",
                ),
                rx.text(t(app.description_key), size="3"),
                rx.callout(t("coming_soon_body"), icon="hammer", id="coming-soon"),
            ),
            spacing="4",
            width="100%",
            max_width="40rem",
        )

    content.__name__ = app.module
    return content


from lumiku.pages.apps import video_mixer  # noqa: E402, F401

for _app in plugins.APPS:
    if _app.coming_soon:
        signed_in_page(_app.route, _app.name)(_coming_soon(_app))
