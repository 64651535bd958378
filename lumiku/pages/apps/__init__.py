"""One page per app of the registry. Apps not built yet show their description and a
coming-soon state; a built app's pages are recorded by the package its registry row names as
`pages` (`lumiku/pages/apps/<name>/`), imported here."""

from __future__ import annotations

import importlib

import reflex as rx

from lumiku import plugins, routes
from lumiku.components.apps import app_badge
from lumiku.components.forms import card
from lumiku.components.layout import signed_in_page
from lumiku.components.navigation import back_link
from lumiku.components.text import t


def _coming_soon(app: plugins.AppPlugin):
    def content() -> rx.Component:
        return rx.vstack(
            back_link(routes.DASHBOARD, "back_to_dashboard"),
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


for _app in plugins.APPS:
    if _app.coming_soon:
        signed_in_page(_app.route, _app.name)(_coming_soon(_app))
    else:
        importlib.import_module(_app.pages)  # records the app's own pages
