"""Every string a user reads, in Bahasa Indonesia (default) and English.

The messages live in one module per area (`shell`, `auth`, `billing`, `work`, ...) and one per app
(`video_mixer`, whose keys all start with the app's prefix `video_mixer_`), which the app's
registry row names as `messages`. Each module's
`MESSAGES` holds both languages side by side per key, Indonesian first:
`{"nav_dashboard": {"id": "Dasbor", "en": "Dashboard"}}`. This package merges them into
`MESSAGES[lang][key]`; a key defined in two modules, or missing a language, fails the import.

Components use `lumiku.components.text.t(key)`; server-side messages (errors from services,
formatted values) use `tr(key, lang, **params)`.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from datetime import datetime
from types import ModuleType
from zoneinfo import ZoneInfo

from lumiku import plugins
from lumiku.settings import get_settings

DEFAULT_LANGUAGE = "id"
LANGUAGES = ("id", "en")
LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}

AREA_MODULES = (
    "lumiku.i18n.shell",
    "lumiku.i18n.common",
    "lumiku.i18n.landing",
    "lumiku.i18n.auth",
    "lumiku.i18n.dashboard",
    "lumiku.i18n.account",
    "lumiku.i18n.apps",
    "lumiku.i18n.billing",
    "lumiku.i18n.payments",
    "lumiku.i18n.work",
    "lumiku.i18n.files",
    "lumiku.i18n.admin",
    "lumiku.i18n.ai",
    "lumiku.i18n.mail",
)
# The platform's areas, then each app's own module from its registry row.
MESSAGE_MODULES = (*AREA_MODULES, *(app.messages for app in plugins.APPS if app.messages))


def merge_messages(modules: Iterable[ModuleType]) -> dict[str, dict[str, str]]:
    """`{lang: {key: text}}` from modules of `{key: {lang: text}}`, each key defined once."""
    merged: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    defined_in: dict[str, str] = {}
    for module in modules:
        for key, texts in module.MESSAGES.items():
            if key in defined_in:
                raise ValueError(
                    f"message {key!r} is defined in both {defined_in[key]} and {module.__name__}"
                )
            if set(texts) != set(LANGUAGES):
                raise ValueError(
                    f"message {key!r} in {module.__name__} has languages {sorted(texts)}, "
                    f"not {sorted(LANGUAGES)}"
                )
            defined_in[key] = module.__name__
            for lang in LANGUAGES:
                merged[lang][key] = texts[lang]
    return merged


MESSAGES = merge_messages(importlib.import_module(name) for name in MESSAGE_MODULES)


def tr(key: str, lang: str, **params: object) -> str:
    """A message with its values filled in; times are shown in TIMEZONE, numbers grouped."""
    table = MESSAGES.get(lang) or MESSAGES[DEFAULT_LANGUAGE]
    shown = {name: _show(value, lang) for name, value in params.items()}
    return table.get(key, key).format(**shown) if params else table.get(key, key)


def _show(value: object, lang: str) -> object:
    if isinstance(value, datetime):
        return format_datetime(value, lang)
    if isinstance(value, int) and not isinstance(value, bool):
        return format_number(value, lang)
    if isinstance(value, float):
        return format_decimal(value, lang)
    return value


def format_number(value: int, lang: str) -> str:
    """1.500 in Indonesian, 1,500 in English."""
    grouped = f"{value:,}"
    return grouped.replace(",", ".") if lang == "id" else grouped


def format_percent(value: float | None) -> str:
    """A share of 1 as a whole percentage ("87%"); "" when there is none (not measured)."""
    return "" if value is None else f"{round(value * 100)}%"


def format_decimal(value: float, lang: str) -> str:
    """0,5 and 1.234,5 in Indonesian, 0.5 and 1,234.5 in English (at most two decimals)."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    if lang != "id":
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def format_rupiah(value: int) -> str:
    """Rupiah always as `Rp 99.000`."""
    return "Rp " + f"{value:,}".replace(",", ".")


def format_datetime(value: datetime, lang: str) -> str:
    """Local time in the configured zone, e.g. `24 Nov 2026 18:05` (month names per language)."""
    local = value.astimezone(ZoneInfo(get_settings().timezone))
    months = MONTHS.get(lang, MONTHS[DEFAULT_LANGUAGE])
    return f"{local.day} {months[local.month - 1]} {local.year} {local:%H:%M}"


MONTHS = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "id": ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"],
}
