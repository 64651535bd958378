"""Reflex configuration; every value comes from lumiku.settings (see the README's table)."""

import re
from pathlib import Path

import reflex as rx

from lumiku.settings import get_settings

settings = get_settings()

# Lucide's icons, each used by several pages, would each be a chunk of its own: a dozen
# requests of half a kilobyte on every first page, which a phone on a slow connection pays in
# round trips. The icons our code names go into one chunk instead: every string in lumiku/ that
# is the name of a Lucide icon (rx.icon takes "layout_dashboard" for "layout-dashboard"), and
# Reflex's own connection banner. Only those: icons named by a var come through
# lucide-react/dynamic, which can import every icon, and a pattern matching all icons would put
# the whole set (580 kB) into the chunk. (Before the packages are installed, no names: each icon
# then stays a chunk of its own, as Reflex builds it.)
LUCIDE_ICONS = Path(__file__).parent / ".web/node_modules/lucide-react/dist/esm/icons"
ICON_NAMES = sorted(
    {
        name
        for source in Path(__file__).parent.joinpath("lumiku").rglob("*.py")
        for literal in re.findall(r'"([a-z][a-z0-9_-]*)"', source.read_text())
        if (LUCIDE_ICONS / f"{(name := literal.replace('_', '-'))}.mjs").exists()
    }
    | {"wifi-off"}
)
ICON_TEST = (
    r"/lucide-react[\\/]dist[\\/]esm[\\/]"
    rf"(icons[\\/]({'|'.join(ICON_NAMES)})[.]mjs|createLucideIcon|Icon[.]mjs|defaultAttributes|shared[\\/])/"
)
ICON_GROUP = f'{{ name: "icons", test: {ICON_TEST} }},'
REFLEX_ENV_GROUP = 'name: "reflex-env",\n            },'


def _group_icons(vite_config: str) -> str:
    if REFLEX_ENV_GROUP not in vite_config:  # Reflex changed its template: build as it is
        return vite_config
    grouped = f"{REFLEX_ENV_GROUP}\n            {ICON_GROUP}"
    return vite_config.replace(REFLEX_ENV_GROUP, grouped, 1)


class IconChunk(rx.plugins.Plugin):
    """Adds the icon group to the Vite config Reflex writes (its own plugins' hook for that)."""

    def pre_compile(self, **context) -> None:
        context["add_modify_task"]("vite.config.js", _group_icons)


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
        IconChunk(),
    ],
    disable_plugins=[rx.plugins.SitemapPlugin],
)
