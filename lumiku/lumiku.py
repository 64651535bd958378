"""The Reflex app: adds the pages and mounts our HTTP routes. Nothing else lives here."""

import reflex as rx

import lumiku.pages  # noqa: F401 - records every page in PAGES
from lumiku import plugins
from lumiku.api import api, block_public_uploads
from lumiku.components.layout import PAGES
from lumiku.state.live import forward_events

plugins.load_extra_apps()

app = rx.App(
    api_transformer=[api, block_public_uploads],
    head_components=[
        rx.el.meta(name="theme-color", content="#6e56cf"),
        rx.el.link(rel="icon", href="/favicon.svg", type="image/svg+xml"),
    ],
)

for _page in PAGES:
    app.add_page(**_page)

app.register_lifespan_task(forward_events)
