"""A worker killed with SIGKILL mid-render (the worker, its work horse and FFmpeg), on PostgreSQL
with real forking workers, while the only other worker is busy with someone else's long work:
the item runs again (at the front of the queue) and its generation ends as if nothing happened,
charged once. Both of Video Mixer's paths: stream copy from normalised clips (whose lock the
killed worker held) and one filter graph."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from rq import Worker
from rq.job import Job
from rq.serializers import JSONSerializer
from sqlmodel import select

from lumiku.db import session_scope
from lumiku.models import Generation, GenerationItem, StoredFile
from lumiku.services import billing, generations
from lumiku.services.redis_client import get_redis
from lumiku.services.storage import get_storage
from lumiku.services.video_mixer import projects, rules
from lumiku.supervisor import descendants
from tests import engine_app
from tests.factories import make_clip, new_user, probe, start_worker, stop_worker, wait_for

SETTINGS = {
    "stream_copy": {"resolution": "720p", "aspect": "9:16", "fps": 30},
    "filter_graph": {
        "resolution": "720p",
        "aspect": "9:16",
        "fps": 30,
        "speed_variations": True,
        "speed_min": 0.8,
        "speed_max": 1.25,
    },
}


@pytest.fixture
def world(engine, services):
    if not services.is_postgres:
        pytest.skip("the fault as seen in production: PostgreSQL and forking workers")


def the_item(generation_id: str) -> GenerationItem:
    with session_scope() as db:
        return db.exec(
            select(GenerationItem).where(GenerationItem.generation_id == generation_id)
        ).one()


def worker_pid_running(job_id: str) -> int | None:
    """The pid of the worker process running this job, once it runs."""
    job = Job.fetch(job_id, connection=get_redis(), serializer=JSONSerializer)
    if not job.worker_name:
        return None
    worker = Worker.find_by_key(
        f"rq:worker:{job.worker_name}", connection=get_redis(), serializer=JSONSerializer
    )
    return worker.pid if worker else None


def ffmpeg_under(pid: int) -> list[int]:
    found = []
    for child in descendants(pid):
        try:
            if Path(f"/proc/{child}/comm").read_text().strip() == "ffmpeg":
                found.append(child)
        except OSError:
            continue
    return found


@pytest.mark.parametrize("path", ["stream_copy", "filter_graph"])
def test_a_worker_killed_mid_render_is_recovered(world, tmp_path, path):
    mixer, other = new_user(1), new_user(2)
    project_id = projects.create_project(mixer, "Kill test")
    for n in range(3):
        clip = make_clip(tmp_path / f"c{n}.mp4", 6.0, size="640x480", hue=n * 90)
        projects.add_clip(mixer, project_id, clip, f"c{n}.mp4")
    balance = billing.balance(mixer)
    workers = [start_worker(), start_worker()]
    try:
        wait_for(lambda: generations.in_flight_limit("media") == 2, 60)
        mixed = projects.generate(mixer, project_id, SETTINGS[path], 1, f"kill-{path}")
        job_id = wait_for(lambda: the_item(mixed).job_id, 30)
        victim_pid = wait_for(lambda: worker_pid_running(job_id), 60)
        [victim] = [w for w in workers if w.pid == victim_pid]
        # the other worker: someone else's long items (20 s each, four of them)
        busy = engine_app.submit(other, [{"steps": 40, "delay": 0.5}] * 4, "busy")
        wait_for(lambda: _running(busy) >= 1, 60)
        renders = wait_for(lambda: ffmpeg_under(victim_pid), 60, every=0.05)
        horse = [p for p in descendants(victim_pid) if p not in renders]
        killed_at = time.monotonic()
        stop_worker(victim)  # SIGKILL: the worker, its work horse, FFmpeg
        for pid in [*renders, *horse]:  # nothing of the killed worker renders on
            wait_for(lambda pid=pid: not Path(f"/proc/{pid}").exists() or _zombie(pid), 10)

        wait_for(lambda: (i := the_item(mixed)).status == "running" and i.attempts == 2, 240)
        recovered = time.monotonic() - killed_at
        print(f"\n{path}: the killed item was running again {recovered:.1f} s after the kill")
        wait_for(lambda: _status(mixed) in ("succeeded", "failed", "partly_succeeded"), 240)
        total = time.monotonic() - killed_at
        print(f"{path}: its generation succeeded {total:.1f} s after the kill")
        assert _status(mixed) == "succeeded"

        item = the_item(mixed)
        plan = rules.VariantPlan.from_dict(item.params["plan"])
        assert plan.stream_copy == (path == "stream_copy")
        with session_scope() as db:
            key = db.get(StoredFile, item.file_id).key
        out = tmp_path / "out.mp4"
        with get_storage().open(key) as source:
            out.write_bytes(source.read())
        info = probe(out)
        assert abs(float(info["format"]["duration"]) - plan.duration) < 0.2
        assert {s["codec_type"] for s in info["streams"]} == {"video", "audio"}
        price = rules.cost_per_video(rules.parse_settings(SETTINGS[path]))
        assert billing.balance(mixer) == balance - price  # charged once, nothing held
        generations.cancel(other, busy)
    finally:
        for worker in workers:
            stop_worker(worker)


def _running(generation_id: str) -> int:
    with session_scope() as db:
        return len(
            db.exec(
                select(GenerationItem).where(
                    GenerationItem.generation_id == generation_id,
                    GenerationItem.status == "running",
                )
            ).all()
        )


def _status(generation_id: str) -> str:
    with session_scope() as db:
        return db.get(Generation, generation_id).status


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"
    except OSError:
        return True
