"""The one translation helper for components: `t("key")` follows the tab's language live."""

from __future__ import annotations

import reflex as rx

from lumiku.i18n import MESSAGES
from lumiku.state.auth import AuthState


def t(key: str, **values: str) -> rx.Var:
    """The message in the tab's language; `values` (known when the page is built, such as an
    app's name) fill its placeholders."""
    english, indonesian = MESSAGES["en"][key], MESSAGES["id"][key]
    if values:
        english, indonesian = english.format(**values), indonesian.format(**values)
    return rx.cond(AuthState.lang == "en", english, indonesian)
