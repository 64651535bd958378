"""Where file bytes live: local disk (default) or an S3-compatible bucket. Keys are made by us;
nothing here knows about users. Private files are never under Reflex's public upload folder."""

from __future__ import annotations

import errno
import logging
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO, Protocol

from lumiku.services.errors import StorageUnavailable
from lumiku.settings import get_settings

CHUNK = 1024 * 1024
log = logging.getLogger(__name__)


class Storage(Protocol):
    def save(self, key: str, source: BinaryIO) -> int: ...
    def save_file(self, key: str, path: Path) -> int: ...
    def open(self, key: str) -> BinaryIO: ...
    def delete(self, key: str) -> None: ...
    def exists(self, key: str) -> bool: ...
    @contextmanager
    def local_copy(self, key: str) -> Iterator[Path]: ...  # for FFmpeg, which wants a path
    def presigned_url(self, key: str, filename: str, inline: bool) -> str | None: ...


def _safe(key: str) -> str:
    if not key or key.startswith("/") or ".." in key.split("/"):
        raise ValueError(f"bad storage key {key!r}")
    return key


class LocalStorage:
    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def path(self, key: str) -> Path:
        return self.root / _safe(key)

    def save(self, key: str, source: BinaryIO) -> int:
        target = self.path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f"{target.name}.{secrets.token_hex(4)}.part")  # no clashes
        try:
            with partial.open("wb") as out:
                shutil.copyfileobj(source, out, CHUNK)  # streamed, never whole in memory
        except OSError as exc:
            partial.unlink(missing_ok=True)
            if exc.errno in (errno.ENOSPC, errno.EDQUOT):  # the disk is full
                raise StorageUnavailable() from exc
            raise
        partial.replace(target)  # readers never see half a file
        return target.stat().st_size

    def save_file(self, key: str, path: Path) -> int:
        with path.open("rb") as source:
            return self.save(key, source)

    def open(self, key: str) -> BinaryIO:
        return self.path(key).open("rb")

    def delete(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)

    def exists(self, key: str) -> bool:
        return self.path(key).is_file()

    @contextmanager
    def local_copy(self, key: str) -> Iterator[Path]:
        yield self.path(key)

    def presigned_url(self, key: str, filename: str, inline: bool) -> str | None:
        return None  # served by our own signed-link route


@contextmanager
def _writing(key: str) -> Iterator[None]:
    """A write the server refused, after boto3's own few retries (a full or read-only bucket:
    SeaweedFS answers a bucket over its quota with a 500; a server that is down does not
    answer) becomes StorageUnavailable, which the user reads, instead of a client traceback."""
    from boto3.exceptions import Boto3Error
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        yield
    except (Boto3Error, BotoCoreError, ClientError) as exc:
        log.warning("storage refused to write %s: %s", key, exc)
        raise StorageUnavailable() from exc


class S3Storage:
    def __init__(self) -> None:
        import boto3
        from botocore.config import Config

        settings = get_settings()
        self.bucket = settings.s3_bucket
        self.client = boto3.client(
            "s3",
            endpoint_url=settings.s3_endpoint_url or None,
            region_name=settings.s3_region,
            aws_access_key_id=settings.s3_access_key_id or None,
            aws_secret_access_key=settings.s3_secret_access_key or None,
            # A few quick retries, then an answer: a worker or a tab never waits minutes on a
            # storage server that is full or gone.
            config=Config(
                retries={"max_attempts": 3, "mode": "standard"},
                # Presigned links in SigV4: S3-compatible servers (SeaweedFS) refuse a SigV2
                # link that names its download's filename.
                signature_version="s3v4",
                connect_timeout=5,
                read_timeout=60,
            ),
        )

    def save(self, key: str, source: BinaryIO) -> int:
        with _writing(key):
            self.client.upload_fileobj(source, self.bucket, _safe(key))  # multipart, streamed
            return self.client.head_object(Bucket=self.bucket, Key=key)["ContentLength"]

    def save_file(self, key: str, path: Path) -> int:
        with _writing(key):
            self.client.upload_file(str(path), self.bucket, _safe(key))
        return path.stat().st_size

    def open(self, key: str) -> BinaryIO:
        return self.client.get_object(Bucket=self.bucket, Key=_safe(key))["Body"]

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=_safe(key))

    def exists(self, key: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            self.client.head_object(Bucket=self.bucket, Key=_safe(key))
            return True
        except ClientError:
            return False

    @contextmanager
    def local_copy(self, key: str) -> Iterator[Path]:
        import tempfile

        with tempfile.TemporaryDirectory(prefix="lumiku-") as tmp:
            path = Path(tmp) / Path(key).name
            self.client.download_file(self.bucket, _safe(key), str(path))
            yield path

    def presigned_url(self, key: str, filename: str, inline: bool) -> str | None:
        disposition = "inline" if inline else f'attachment; filename="{filename}"'
        return self.client.generate_presigned_url(
            "get_object",
            ExpiresIn=300,
            Params={
                "Bucket": self.bucket,
                "Key": _safe(key),
                "ResponseContentDisposition": disposition,
            },
        )


@lru_cache(maxsize=1)
def get_storage() -> Storage:
    settings = get_settings()
    if settings.storage_backend == "s3":
        return S3Storage()
    return LocalStorage(settings.data_dir / "storage")
