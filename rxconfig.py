"""Reflex configuration; every value comes from lumiku.settings (see the README's table)."""

import reflex as rx

from lumiku.settings import get_settings

settings = get_settings()

config = rx.Config(
    app_name="lumiku",
    telemetry_enabled=False,
    redis_url=settings.reflex_redis_url,
    state_manager_mode="redis",
    trusted_proxy_hops=settings.trusted_proxy_hops,
    cors_allowed_origins=[settings.effective_public_url] if settings.is_production else ["*"],
    show_built_with_reflex=False,
    plugins=[
        rx.plugins.RadixThemesPlugin(theme=rx.theme(accent_color="violet", radius="large")),
    ],
    disable_plugins=[rx.plugins.SitemapPlugin],
)
