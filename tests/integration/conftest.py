"""Fixtures the integration tests share (builders are in tests/factories.py)."""

from __future__ import annotations

import pytest

from lumiku.services import seed
from lumiku.settings import get_settings
from tests import engine_app
from tests.factories import ENGINE_APP


@pytest.fixture
def engine(db, rds, monkeypatch):
    """Seeded reference data and the engine tests' own app, registered here and (through
    EXTRA_APPS) in every worker the test starts."""
    seed.run_all()
    engine_app.install(monkeypatch)
    monkeypatch.setenv("EXTRA_APPS", ENGINE_APP)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()
