"""The real product for browser tests: `lumiku web` and `lumiku worker` on the test services,
driven by Debian's Chromium through Playwright."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import expect

from tests.factories import spawn, stop_worker, verify_email
from tests.fake_duitku import FakeDuitku
from tests.fake_hf import FakeHF

CHROMIUM = os.environ.get("LUMIKU_TEST_CHROMIUM", "/usr/bin/chromium")
START_TIMEOUT = 420  # the first start installs the frontend's packages and builds it

# A page load is a new websocket and a hydration; on a busy two-core CI machine that has taken
# longer than Playwright's 5 s default while the product itself was fine.
expect.set_options(timeout=15_000)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
        ],
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _spawn(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    """`lumiku web` or `lumiku worker`, dying with the test run however it ends."""
    return spawn(
        [sys.executable, "-m", "lumiku.cli", *args],
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )


def _stop(process: subprocess.Popen) -> None:
    """A polite stop first (the web server closes its sockets), then nothing left behind."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(10)
    stop_worker(process)


@pytest.fixture(scope="session")
def duitku() -> Iterator[FakeDuitku]:
    fake = FakeDuitku().start()
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def hf() -> Iterator[FakeHF]:
    """The Hugging Face inference server the AI apps talk to. No Anthropic key is set: the
    persona writer shows why it is off."""
    fake = FakeHF().start()
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def base_url(migrated, duitku, hf, tmp_path_factory) -> Iterator[str]:
    from lumiku.services import seed

    seed.run_all()  # as `lumiku run` does before starting
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "PORT": str(port),
        "HOST": "127.0.0.1",
        "WEB_WORKERS": "1",
        "PYTHONUNBUFFERED": "1",
        "PUBLIC_URL": url,  # Duitku calls back and returns the browser here
        "DUITKU_MERCHANT_CODE": duitku.merchant_code,
        "DUITKU_API_KEY": duitku.api_key,
        "DUITKU_BASE_URL": duitku.url,
        "EXTRA_APPS": "tests.engine_app:APP",  # the engine tests' own little app
        "HF_TOKEN": hf.token,
        "HF_INFERENCE_URL": hf.url,
        "ANTHROPIC_API_KEY": "",
    }
    logs = tmp_path_factory.mktemp("logs")
    worker = _spawn(["worker"], env, logs / "worker.log")
    web = _spawn(["web"], env, logs / "web.log")
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if web.poll() is not None or worker.poll() is not None:
                pytest.fail(
                    "the app stopped while starting:\n"
                    + (logs / "web.log").read_text()[-4000:]
                    + (logs / "worker.log").read_text()[-2000:]
                )
            try:
                if (
                    httpx.get(f"{url}/api/health", timeout=2).status_code == 200
                    and httpx.get(url, timeout=5).status_code == 200
                ):
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(
                    "the app did not start in time:\n" + (logs / "web.log").read_text()[-4000:]
                )
            time.sleep(1)
        yield url
    finally:
        _stop(web)
        _stop(worker)


@pytest.fixture(autouse=True)
def fresh_rate_limits(services):
    """Every test signs in from 127.0.0.1; each starts with that address's limits unused."""
    from lumiku.services.redis_client import get_redis

    client = get_redis()
    for key in client.scan_iter("rl:*"):
        client.delete(key)


@pytest.fixture
def email() -> str:
    return f"e2e-{uuid.uuid4().hex[:10]}@example.com"


@pytest.fixture
def user(migrated, email):
    """An existing account with a verified address, and so its welcome bonus (made through the
    service; tests/e2e/test_accounts.py signs up and verifies through the mailed link)."""
    from lumiku.services import auth

    setup = auth.register(
        email, "rahasia-123", "Sari Wulandari", ip="192.0.2.1", user_agent="setup"
    )
    verify_email(setup.user.id)
    auth.sign_out(setup.token)  # the account exists; no browser is signed in yet
    return {"email": email, "password": "rahasia-123", "name": "Sari Wulandari"}
