"""Fixtures the integration tests share (builders are in tests/factories.py)."""

from __future__ import annotations

import pytest

from lumiku.services import seed
from lumiku.services.ai import retry
from lumiku.settings import get_settings
from tests import engine_app
from tests.factories import ENGINE_APP
from tests.fake_anthropic import FakeAnthropic
from tests.fake_hf import FakeHF


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


@pytest.fixture(scope="module")
def hf():
    """A local server that speaks Hugging Face's inference protocol, one per test module."""
    server = FakeHF().start()
    yield server
    server.stop()


@pytest.fixture
def app(db, rds, hf, monkeypatch):
    """Seeded reference data and the real provider client pointed at `hf` (reset), its
    transient waits not slept. A module with other needs defines its own `app` (a module that
    also needs Claude: `app_with_claude`)."""
    hf.reset()
    monkeypatch.setenv("HF_TOKEN", hf.token)
    monkeypatch.setenv("HF_INFERENCE_URL", hf.url)
    monkeypatch.setattr(retry, "pause", lambda seconds: None)
    get_settings.cache_clear()
    seed.run_all()
    yield
    get_settings.cache_clear()


@pytest.fixture(scope="module")
def claude():
    """A local server that speaks Anthropic's Messages API, one per test module."""
    server = FakeAnthropic().start()
    yield server
    server.stop()


@pytest.fixture
def app_with_claude(app, claude, monkeypatch):
    """`app`, and the real Anthropic client pointed at `claude` (reset)."""
    claude.reset()
    monkeypatch.setenv("ANTHROPIC_API_KEY", claude.api_key)
    monkeypatch.setenv("ANTHROPIC_BASE_URL", claude.url)
    get_settings.cache_clear()
