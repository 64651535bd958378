"""A private SeaweedFS (master, volume, filer and S3 gateway in one `weed server`) for tests that
need a real S3-compatible server: its bucket quota makes writes fail as a full storage server
does. Started through factories.spawn, so it dies with the test run. The production launcher is
lumiku/topology.py's; this one is only what the tests need."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import boto3
from botocore.config import Config

from tests.factories import spawn, stop_worker

WEED = Path(sys.executable).parent / "weed"
ACCESS_KEY, SECRET_KEY = "lumiku-test", "lumiku-test-secret"


def free_port() -> int:
    """A port nobody listens on, whose SeaweedFS gRPC twin (port + 10000) is free too."""
    while True:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port < 55000 and _free(port + 10000):
            return port


def _free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@dataclass
class Seaweed:
    """`start()` it, read `env` (what lumiku.settings needs), `set_quota(mb)`, `stop()`."""

    root: Path
    bucket: str = "lumiku"
    ports: dict[str, int] = field(default_factory=dict)
    process: subprocess.Popen | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.ports['s3']}"

    @property
    def env(self) -> dict[str, str]:
        return {
            "STORAGE_BACKEND": "s3",
            "S3_ENDPOINT_URL": self.endpoint,
            "S3_BUCKET": self.bucket,
            "S3_REGION": "us-east-1",
            "S3_ACCESS_KEY_ID": ACCESS_KEY,
            "S3_SECRET_ACCESS_KEY": SECRET_KEY,
        }

    def client(self):  # noqa: ANN201 - boto3's client has no importable type
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name="us-east-1",
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            config=Config(retries={"max_attempts": 1}),
        )

    def start(self, seconds: float = 60.0) -> Seaweed:
        self.root.mkdir(parents=True, exist_ok=True)
        self.ports = {name: free_port() for name in ("master", "volume", "filer", "s3")}
        config = self.root / "s3.json"
        config.write_text(
            json.dumps(
                {
                    "identities": [
                        {
                            "name": "lumiku",
                            "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
                            "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                        }
                    ]
                }
            )
        )
        data = self.root / "data"
        data.mkdir(exist_ok=True)
        p = self.ports
        self.process = spawn(
            [
                str(WEED),
                "server",
                f"-dir={data}",
                "-ip=127.0.0.1",
                "-ip.bind=127.0.0.1",
                f"-master.port={p['master']}",
                f"-master.port.grpc={p['master'] + 10000}",
                "-master.volumeSizeLimitMB=64",
                f"-volume.port={p['volume']}",
                f"-volume.port.grpc={p['volume'] + 10000}",
                "-volume.max=20",
                f"-filer.port={p['filer']}",
                f"-filer.port.grpc={p['filer'] + 10000}",
                "-s3",
                f"-s3.port={p['s3']}",
                f"-s3.config={config}",
                "-s3.port.iceberg=0",  # extras on fixed ports that another server may hold
                "-s3.port.lance=0",
                "-s3.iam=false",
            ],
            stdout=(self.root / "weed.log").open("ab"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + seconds
        while True:
            try:
                self.client().create_bucket(Bucket=self.bucket)
                break
            except Exception as exc:  # not up yet, or already made
                if "BucketAlreadyOwnedByYou" in str(exc) or "BucketAlreadyExists" in str(exc):
                    break
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    log = (self.root / "weed.log").read_text(errors="replace")[-3000:]
                    raise RuntimeError(f"SeaweedFS did not start: {exc}\n{log}") from exc
                time.sleep(0.3)
        return self

    def shell(self, commands: str, seconds: float = 60.0) -> str:
        """Runs `weed shell` commands against this server; returns what it printed."""
        done = subprocess.run(
            [
                str(WEED),
                "shell",
                f"-master=127.0.0.1:{self.ports['master']}",
                f"-filer=127.0.0.1:{self.ports['filer']}",
            ],
            input=commands + "\nexit\n",
            capture_output=True,
            text=True,
            timeout=seconds,
        )
        return done.stdout + done.stderr

    def set_quota(self, megabytes: int | None) -> str:
        """The bucket's quota (None: none), enforced now: a bucket over it turns read-only."""
        if megabytes is None:
            command = f"s3.bucket.quota -name={self.bucket} -op=remove"
        else:
            command = f"s3.bucket.quota -name={self.bucket} -op=set -sizeMB={megabytes}"
        return self.shell(f"lock\n{command}\ns3.bucket.quota.enforce -apply\nunlock")

    def stop(self) -> None:
        if self.process is not None:
            stop_worker(self.process)
            self.process = None
