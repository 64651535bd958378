"""Pieces describing an app of the registry: its icon and its badge."""

from __future__ import annotations

import reflex as rx

from lumiku import plugins
from lumiku.components.text import t


def app_badge(app: plugins.AppPlugin) -> rx.Component:
    """Coming soon or beta; nothing for an app that is ready."""
    if app.coming_soon:
        return rx.badge(t("badge_coming_soon"), color_scheme="gray")
    if app.beta:
        return rx.badge(t("badge_beta"), color_scheme="amber")
    return rx.fragment()


def app_icon(icon: rx.Var, size: int = 20) -> rx.Component:
    """Icons need literal names; the registry's few are matched one by one."""
    names = sorted({app.icon for app in plugins.APPS})
    return rx.match(
        icon, *[(name, rx.icon(name, size=size)) for name in names], rx.icon("box", size=size)
    )
