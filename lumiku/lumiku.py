"""The Reflex app: registers pages and mounts our HTTP routes. Nothing else lives here."""

import reflex as rx

import lumiku.pages  # noqa: F401 - registers every page
from lumiku.api import api, block_public_uploads

app = rx.App(
    api_transformer=[api, block_public_uploads],
    head_components=[
        rx.el.meta(name="theme-color", content="#6e56cf"),
        rx.el.link(rel="icon", href="/favicon.svg", type="image/svg+xml"),
    ],
)
