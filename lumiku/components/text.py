"""The one translation helper for components: `t("key")` follows the tab's language live."""

from __future__ import annotations

import reflex as rx

from lumiku.i18n import MESSAGES
from lumiku.state.auth import AuthState


def t(key: str) -> rx.Var:
    english, indonesian = MESSAGES["en"][key], MESSAGES["id"][key]
    return rx.cond(AuthState.lang == "en", english, indonesian)
