"""Downloads through short-lived signed links (pyjwt): one file, or a generation as a ZIP that is
streamed as it is built. A bad, expired or foreign link is a plain 404."""

from __future__ import annotations

import asyncio
import zipfile
from collections.abc import Iterator
from typing import BinaryIO

from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response, StreamingResponse

from lumiku.services import files, generations
from lumiku.services.errors import NotFound
from lumiku.services.storage import CHUNK, LocalStorage, get_storage

SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store"}


def _not_found() -> Response:
    return Response("Not Found", status_code=404, media_type="text/plain")


async def download(request: Request) -> Response:
    try:
        stored, inline = await asyncio.to_thread(files.open_link, request.path_params["token"])
    except NotFound:
        return _not_found()
    storage = get_storage()
    name = stored.original_name or f"lumiku-{stored.id}"
    presigned = storage.presigned_url(stored.key, name, inline)
    if presigned:
        return RedirectResponse(presigned, status_code=302, headers=SECURITY_HEADERS)
    assert isinstance(storage, LocalStorage)
    return FileResponse(
        storage.path(stored.key),
        media_type=stored.content_type,
        filename=name,
        content_disposition_type="inline" if inline else "attachment",
        headers=SECURITY_HEADERS,
    )


class _Pipe:
    """A write-only file for zipfile whose written bytes we hand on as they come."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []
        self.offset = 0

    def write(self, data: bytes) -> int:
        self.chunks.append(bytes(data))
        self.offset += len(data)
        return len(data)

    def tell(self) -> int:
        return self.offset

    def flush(self) -> None:
        pass

    def drain(self) -> Iterator[bytes]:
        chunks, self.chunks = self.chunks, []
        yield from chunks


def _copy(source: BinaryIO, archive: zipfile.ZipFile, name: str, pipe: _Pipe) -> Iterator[bytes]:
    with archive.open(name, "w", force_zip64=True) as dest:
        while chunk := source.read(CHUNK):
            dest.write(chunk)
            yield from pipe.drain()
    yield from pipe.drain()


def _zip_stream(entries: list[tuple[str, str, str]]) -> Iterator[bytes]:
    """(name, key, content type) per output. An output that is itself a ZIP (one carousel set)
    is merged: its entries (`set_01/slide_1.jpg`…) go into the batch's ZIP as they are."""
    pipe, storage = _Pipe(), get_storage()
    with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_STORED) as archive:  # type: ignore[arg-type]
        for name, key, content_type in entries:
            if content_type != "application/zip":
                with storage.open(key) as source:
                    yield from _copy(source, archive, name, pipe)
                continue
            with storage.local_copy(key) as path, zipfile.ZipFile(path) as inner:
                for member in inner.infolist():
                    with inner.open(member) as part:
                        yield from _copy(part, archive, member.filename, pipe)
    yield from pipe.drain()


async def download_zip(request: Request) -> Response:
    try:
        user_id, generation_id = files.open_zip_link(request.path_params["token"])
        view = await asyncio.to_thread(generations.get, user_id, generation_id)
    except NotFound:
        return _not_found()
    entries = [
        (item.file.original_name, item.file.key, item.file.content_type)
        for item in view.items
        if item.file
    ]
    if not entries:
        return _not_found()
    disposition = f'attachment; filename="{view.zip_name}"'
    headers = {**SECURITY_HEADERS, "Content-Disposition": disposition}
    return StreamingResponse(_zip_stream(entries), media_type="application/zip", headers=headers)
