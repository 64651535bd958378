"""Caches of media made from uploads (normalised clips, cropped pictures), kept on disk beside
the data: each item runs in its own forked work horse, so a cache in memory would die with
every item. A cached file is named `<upload id>-<what it is>.<ext>`, written under a temporary
name and renamed, and touched when used; `prune` removes what nobody used for days and, at once,
what was made from an upload since deleted."""

from __future__ import annotations

import time
from pathlib import Path

from lumiku.services import files
from lumiku.settings import get_settings


def folder(app_module: str) -> Path:
    return get_settings().data_dir / "cache" / app_module


def prune(where: Path, pattern: str, days: float, now: float | None = None) -> int:
    """Removes the cached files (and their lock files) unused for `days` or whose upload is gone."""
    cutoff = (now or time.time()) - days * 86400
    paths = sorted(where.glob(pattern)) if where.is_dir() else []
    existing = files.existing_ids({p.name.split("-", 1)[0] for p in paths})
    removed = 0
    for path in paths:
        if path.stat().st_mtime < cutoff or path.name.split("-", 1)[0] not in existing:
            path.unlink(missing_ok=True)
            path.with_suffix(".lock").unlink(missing_ok=True)
            removed += 1
    return removed
