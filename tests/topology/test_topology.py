"""The production topology itself: every part up, requests and tabs spread over both web
processes through nginx, and a video made by a worker, kept in the S3 bucket and downloaded
through the proxy."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from pathlib import Path

import httpx
import websockets

from lumiku.services import files
from lumiku.services.storage import S3Storage, get_storage
from lumiku.services.video_mixer import projects as video_mixer
from tests.factories import (
    fund,
    money_problems,
    probe,
    register,
    video_mixer_project,
    wait_for_generation,
)


def _access_log(topology) -> Path:
    return topology.logs / "proxy-access.log"


def _upstreams(topology, path: str, since: int) -> set[str]:
    """The web processes nginx sent `path` to, in the access log past byte `since`."""
    with _access_log(topology).open() as log:
        log.seek(since)
        entries = [json.loads(line) for line in log]
    return {e["upstream"] for e in entries if e["path"] == path}


def test_every_part_answers_through_the_proxy(topology):
    assert all(topology.pid(name) for name in topology.names)
    health = httpx.get(f"{topology.url}/api/health", timeout=10).json()
    assert (health["status"], health["database"], health["redis"]) == ("ok", "ok", "ok")
    assert health["workers"] >= 4  # a worker killed by a fault test counts until its key expires
    page = httpx.get(f"{topology.url}/dashboard", timeout=10)
    assert page.status_code == 200 and "<html" in page.text.lower()  # the exported frontend


def test_requests_and_tabs_spread_over_both_web_processes(topology):
    since = _access_log(topology).stat().st_size  # earlier tests may have killed a process
    everyone = {f"127.0.0.1:{port}" for port in topology.web_ports}
    for _ in range(40):  # nginx retries a process it saw fail after 5 s
        assert httpx.get(f"{topology.url}/ping", timeout=10).status_code == 200
        if _upstreams(topology, "/ping", since) == everyone:
            break
        time.sleep(0.25)

    async def open_tabs(count: int) -> None:
        url = topology.url.replace("http", "ws") + "/_event/?EIO=4&transport=websocket"
        sockets = [await websockets.connect(f"{url}&token={uuid.uuid4()}") for _ in range(count)]
        for socket in sockets:
            assert (await socket.recv()).startswith("0")  # Engine.IO's open packet
            await socket.close()

    asyncio.run(open_tabs(4))
    assert _upstreams(topology, "/ping", since) == everyone
    assert _upstreams(topology, "/_event/", since) == everyone


def test_a_video_is_made_kept_in_the_bucket_and_downloaded_through_the_proxy(topology, tmp_path):
    assert isinstance(get_storage(), S3Storage)
    user_id = fund(register(1, prefix=f"topology-{uuid.uuid4().hex[:8]}-").user.id)
    project_id = video_mixer_project(user_id, tmp_path)
    settings = {"resolution": "480p", "aspect": "9:16", "fps": 24}
    generation_id = video_mixer.generate(user_id, project_id, settings, 2, "topology-1")

    view = wait_for_generation(user_id, generation_id)
    assert view.status == "succeeded"
    for item in view.items:
        link = files.file_link(user_id, item.file.id)
        answer = httpx.get(f"{topology.url}{link}", follow_redirects=True, timeout=30)
        assert answer.status_code == 200
        path = tmp_path / f"{item.file.id}.mp4"
        path.write_bytes(answer.content)
        video = next(s for s in probe(path)["streams"] if s["codec_type"] == "video")
        assert (video["width"], video["height"]) == (480, 854)
    assert money_problems([user_id]) == []
