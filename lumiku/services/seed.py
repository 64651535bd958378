"""Reference data, inserted idempotently by `lumiku seed` (and so by every `make run`).

Each seeder inserts what is missing and leaves existing rows alone, so an admin's edits survive.
Later areas (plans, AI models, credit packages) add their seeders to SEEDERS.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import Session

from lumiku.db import session_scope

Seeder = Callable[[Session], str]
SEEDERS: list[Seeder] = []


def run_all() -> list[str]:
    if not SEEDERS:
        return ["no reference data to seed yet"]
    with session_scope() as db:
        return [seeder(db) for seeder in SEEDERS]
