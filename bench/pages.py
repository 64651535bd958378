"""How heavy and how quick the first pages are: the landing page, sign-in and the dashboard, each
opened cold (a new browser context, no cache) in Debian's Chromium against `lumiku web`, on
localhost and on an emulated slow phone connection (CDP: 1.5 Mbit/s down, 750 kbit/s up, 150 ms
latency).

For each page it measures
- the bytes transferred, by type (JS, CSS, other), as Chromium's network events count them;
- time to first usable: from navigation until `#page-ready` is attached (the page's state has
  arrived: the first round trip over the websocket is done);
- the first event round trip: switching the language in the header (a backend event) until the
  page's text has changed.

Chromium's network emulation throttles HTTP, not the frames of an open websocket: the slow rows'
event round trip is the server's and the browser's time, without the connection's.

Baseline, measured in the same run on the same connection: one plain HTTP document (`/api/health`)
opened the same way. Ratios are page ÷ baseline, so they compare across machines; the slow rows
also say slow ÷ localhost.

    .venv/bin/python -m bench.pages [--runs 3]

It starts the app itself, as the browser tests do, on the test services (TEST_DATABASE_URL and
TEST_REDIS_URL, or the local PostgreSQL/Redis, else a temporary SQLite and an embedded Redis; the
database is `lumiku_bench`, recreated). The first start builds the frontend (minutes).
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("LUMIKU_TEST_CHROMIUM", "/usr/bin/chromium")
SLOW = {"latency": 150, "downloadThroughput": 1_500_000 / 8, "uploadThroughput": 750_000 / 8}
TYPES = {"Script": "js", "Stylesheet": "css"}
# page, path, signed in, the element whose text changes with the language, its text in English
PAGES = [
    ("landing", "/", False, "#cta-sign-in", "Sign in"),
    ("sign-in", "/sign-in", False, "#submit-sign-in", "Sign in"),
    ("dashboard", "/dashboard", True, "#greeting", "Hello"),
]


def start_services() -> None:
    """The test services, as tests/conftest.py chooses them (before lumiku is imported)."""
    sys.path.insert(0, str(ROOT))
    from tests import services

    chosen = services.choose("lumiku_bench")
    services.configure_environment(chosen)
    os.environ["BCRYPT_ROUNDS"] = "4"


def prepare() -> str:
    """Migrated and seeded, with one verified user; returns that user's session token."""
    from alembic import command
    from alembic.config import Config

    from lumiku.services import seed
    from tests.factories import register

    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.attributes["configure_logger"] = False
    command.upgrade(cfg, "head")
    seed.run_all()
    return register(1, prefix="bench", name="Sari").token


def start_web(log: Path) -> tuple[subprocess.Popen, str]:
    import httpx

    from tests.factories import spawn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PORT": str(port), "HOST": "127.0.0.1", "WEB_WORKERS": "1"}
    env["PUBLIC_URL"] = url
    web = spawn(
        [sys.executable, "-m", "lumiku.cli", "web"],
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if web.poll() is not None:
            raise SystemExit("the app stopped while starting:\n" + log.read_text()[-3000:])
        try:
            # no worker runs here: the health check says "degraded", which is fine for pages
            health = httpx.get(f"{url}/api/health", timeout=2).json()
            if health.get("database") == "ok" and httpx.get(url, timeout=5).status_code == 200:
                return web, url
        except (httpx.HTTPError, ValueError):
            pass
        time.sleep(1)
    raise SystemExit("the app did not start in 10 minutes:\n" + log.read_text()[-3000:])


class Visit:
    """One cold visit in a fresh context; `network` None is localhost as it is."""

    def __init__(self, browser, network: dict | None, token: str = "") -> None:
        self.context = browser.new_context(viewport={"width": 390, "height": 844})
        script = "localStorage.setItem('lumiku_lang', 'id');"
        if token:
            script += f"localStorage.setItem('lumiku_token', {token!r});"
        self.context.add_init_script(script)
        self.page = self.context.new_page()
        self.cdp = self.context.new_cdp_session(self.page)
        self.cdp.send("Network.enable")
        self.cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        if network:
            self.cdp.send("Network.emulateNetworkConditions", {"offline": False, **network})
        self.types: dict[str, str] = {}
        self.bytes = {"js": 0, "css": 0, "other": 0}
        self.cdp.on("Network.responseReceived", self._response)
        self.cdp.on("Network.loadingFinished", self._finished)

    def _response(self, event: dict) -> None:
        self.types[event["requestId"]] = TYPES.get(event.get("type", ""), "other")

    def _finished(self, event: dict) -> None:
        kind = self.types.get(event["requestId"], "other")
        self.bytes[kind] += int(event.get("encodedDataLength", 0))

    def close(self) -> None:
        self.context.close()


def measure(browser, url: str, page: tuple, network: dict | None, token: str) -> dict:
    _, path, signed, selector, english = page
    visit = Visit(browser, network, token if signed else "")
    try:
        start = time.perf_counter()
        visit.page.goto(url + path, wait_until="commit")
        visit.page.locator("#page-ready").wait_for(state="attached", timeout=120_000)
        usable = time.perf_counter() - start
        visit.page.locator(selector).wait_for(state="visible", timeout=60_000)
        visit.page.locator("#language-switch").click()
        option = visit.page.get_by_role("option", name="EN")
        option.wait_for(state="visible")
        start = time.perf_counter()
        option.click()
        visit.page.wait_for_function(
            "([s, text]) => (document.querySelector(s)?.innerText || '').includes(text)",
            arg=[selector, english],
            polling="raf",
            timeout=60_000,
        )
        event = time.perf_counter() - start
        visit.page.wait_for_load_state("networkidle")  # count what the page still fetches
        return {"usable": usable, "event": event, **visit.bytes}
    finally:
        visit.close()


def baseline(browser, url: str, network: dict | None) -> float:
    visit = Visit(browser, network)
    try:
        start = time.perf_counter()
        visit.page.goto(url + "/api/health", wait_until="load")
        return time.perf_counter() - start
    finally:
        visit.close()


def kb(n: float) -> str:
    return f"{n / 1024:,.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="cold visits per page (median)")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # rows appear as they are measured

    start_services()
    token = prepare()
    from playwright.sync_api import sync_playwright

    from lumiku.services import auth
    from tests.factories import stop_worker

    logs = Path(tempfile.mkdtemp(prefix="lumiku-bench-"))
    web, url = start_web(logs / "web.log")
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            header = (
                f"{'page':<10} {'network':<8} {'JS KiB':>7} {'CSS KiB':>8} {'other KiB':>9} "
                f"{'usable s':>9} {'÷base':>6} {'slow÷local':>10} {'event s':>8} {'÷base':>6}"
            )
            print(header)
            print("-" * len(header))
            local_usable: dict[str, float] = {}
            for label, network in (("local", None), ("slow", SLOW)):
                base = statistics.median(baseline(browser, url, network) for _ in range(args.runs))
                for page in PAGES:
                    runs = []
                    for _ in range(args.runs):
                        auth.change_language(auth.resolve(token), "id")
                        runs.append(measure(browser, url, page, network, token))
                    mid = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
                    name = page[0]
                    if network is None:
                        local_usable[name] = mid["usable"]
                        versus = ""
                    else:
                        versus = f"{mid['usable'] / local_usable[name]:.1f}"
                    print(
                        f"{name:<10} {label:<8} {kb(mid['js']):>7} {kb(mid['css']):>8} "
                        f"{kb(mid['other']):>9} {mid['usable']:>9.2f} "
                        f"{mid['usable'] / base:>6.1f} {versus:>10} {mid['event']:>8.3f} "
                        f"{mid['event'] / base:>6.1f}"
                    )
                print(f"{'baseline':<10} {label:<8} {'':>7} {'':>8} {'':>9} {base:>9.3f}")
            browser.close()
    finally:
        stop_worker(web)
    print(f"(median of {args.runs} cold visits; baseline: /api/health as a document; logs {logs})")


if __name__ == "__main__":
    main()
