"""The Reflex app: adds the pages and mounts our HTTP routes. Nothing else lives here."""

import reflex as rx

import lumiku.pages  # noqa: F401 - records every page in PAGES
from lumiku import logs, plugins, reconnect
from lumiku.api import api, block_public_uploads
from lumiku.components.layout import PAGES
from lumiku.state.live import forward_events

logs.configure("web")
plugins.load_extra_apps()
reconnect.install()  # a tab whose web process died keeps its state on another

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
app.add_middleware(logs.EventIds())  # each event's handler logs with its event id
