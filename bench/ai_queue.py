"""AI work beside renders: 32 text-to-image items against a local Hugging Face-compatible server
that answers each call in 2 s, run by the real engine on the worker pools `lumiku run` starts (one
media worker on default,media; AI_WORKERS AI workers on default,ai), with a Video Mixer-like
render (one second of 720x1280 video) queued at the same moment.

Printed, all measured in this run:
- the AI items' wall time (the generation's creation to its last item's end) against the ideal,
  32 × 2 s ÷ AI_WORKERS, alone and with the render beside them;
- the render's queue-to-start wait (its generation's creation to its item's start) with the AI
  items in flight, against the same render alone; and, for contrast, in one pool of as many
  workers all listening on every queue (the layout before the pools), where it waits behind them.

Every item must succeed (the AI ones with a PNG, the render with a video) or the run stops: a
broken item cannot make a nice number. Timings are printed, never asserted.

    .venv/bin/python -m bench.ai_queue [--items 32] [--delay 2.0] [--ai-workers 8] [--no-one-pool]

The calls go through `lumiku.services.ai.text_to_image` and huggingface_hub's client to
tests/fake_hf.py (HF_TOKEN=bench, HF_INFERENCE_URL=its address). BENCH_DATABASE_URL (default:
database lumiku_bench_ai on 127.0.0.1:5432, recreated; SQLite when PostgreSQL does not answer) and
BENCH_REDIS_URL (default redis://127.0.0.1:6379/9, flushed; an embedded Redis when it does not
answer) choose the services. The bench starts and stops its own workers; nothing outlives it.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = "bench.ai_app:AI_APP,bench.ai_app:MEDIA_APP"
MEDIA_QUEUES, AI_QUEUES, ALL_QUEUES = "default,media", "default,ai", "default,ai,media"
RENDERS_ALONE = 3  # the render alone, this many times (the median is the baseline)


def configure(data_dir: Path, ai_workers: int) -> None:
    """The bench's own services, chosen before lumiku is imported."""
    sys.path.insert(0, str(ROOT))
    import redis

    from tests import services

    database_url = os.environ.get(
        "BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/lumiku_bench_ai"
    )
    if not database_url.startswith("postgresql"):  # SQLite: a new file
        Path(database_url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    elif services.pg_answers(database_url):
        services.recreate_pg_database(database_url)
    else:
        database_url = f"sqlite:///{data_dir / 'bench.db'}"
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
    if services.redis_answers(redis_url):
        redis.Redis.from_url(redis_url).flushdb()
    else:
        redis_url = services.start_embedded_redis(data_dir)
    os.environ.update(
        LUMIKU_ENV="development",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        DATA_DIR=str(data_dir),
        SECRET_KEY="bench-" + "x" * 40,
        BCRYPT_ROUNDS="4",
        EXTRA_APPS=APPS,
        HF_TOKEN="bench",
        AI_WORKERS=str(ai_workers),
        WORKERS="1",
        PYTHONUNBUFFERED="1",
    )


def prepare() -> int:
    """Migrated and seeded, the bench apps' models in the registry; returns a user with credits."""
    from alembic import command
    from alembic.config import Config

    from bench import ai_app
    from lumiku import plugins
    from lumiku.services import billing, seed
    from tests.factories import new_user

    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.attributes["configure_logger"] = False
    command.upgrade(cfg, "head")
    seed.run_all()
    plugins.load_extra_apps()
    ai_app.install()
    user_id = new_user(1, prefix="bench")
    billing.add_credits(user_id, 100_000, "grant", "bench-ai-queue", "bench")
    return user_id


class Pool:
    """Worker processes started as `lumiku run` starts them (`lumiku worker --queues …`), in
    sessions of their own that die with this process (tests.factories.spawn)."""

    def __init__(self, layout: list[tuple[str, str]], logs: Path) -> None:
        from tests.factories import spawn

        self.processes = []
        for n, (name, queues) in enumerate(layout):
            log = (logs / f"{name.replace(' ', '-')}-{n}.log").open("w")
            self.processes.append(
                spawn(
                    [sys.executable, "-m", "lumiku.cli", "worker", "--queues", queues],
                    env=dict(os.environ),
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
        expected = {q: sum(q in queues.split(",") for _, queues in layout) for q in ("ai", "media")}
        self.wait(lambda: all(workers_on(q) == n for q, n in expected.items()), "to start")

    def wait(self, condition, what: str, seconds: float = 120.0) -> None:
        deadline = time.monotonic() + seconds
        while not condition():
            if any(p.poll() is not None for p in self.processes):
                raise SystemExit("a worker stopped; see its log")
            if time.monotonic() > deadline:
                raise SystemExit(f"the workers took more than {seconds:.0f} s {what}")
            time.sleep(0.1)

    def stop(self) -> None:
        """A warm shutdown first (the workers leave Redis's list of workers, so the next pool's
        counts are its own), then nothing is left: workers, work horses, FFmpeg."""
        from tests.factories import stop_worker

        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(15)
            stop_worker(process)
        deadline = time.monotonic() + 40
        while any(workers_on(q) for q in ("ai", "media")) and time.monotonic() < deadline:
            time.sleep(0.2)
        alive = [p.pid for p in self.processes if Path(f"/proc/{p.pid}").exists()]
        if alive or any(workers_on(q) for q in ("ai", "media")):
            raise SystemExit(f"workers left behind: {alive or 'registered in Redis'}")


def workers_on(queue_name: str) -> int:
    from lumiku.services import queues

    return queues.workers_for(queue_name)


def submit(user_id: int, app_id: str, model_key: str, count: int, key: str) -> str:
    from lumiku.services import generations

    return generations.submit(
        user_id,
        app_id,
        model_key,
        title=f"bench {count} × {app_id}",
        items=[{} for _ in range(count)],
        settings={},
        price_params={},
        key=key,
    )


def finished(generation_id: str, seconds: float = 600.0) -> dict:
    """Waits for the generation to end; every item must have succeeded with its output. Returns
    its times: created, each item's start and end."""
    from sqlmodel import select

    from lumiku.db import session_scope
    from lumiku.models import Generation, GenerationItem, StoredFile
    from lumiku.services.storage import get_storage

    deadline = time.monotonic() + seconds
    while True:
        with session_scope() as db:
            generation = db.get(Generation, generation_id)
            if generation.status in ("succeeded", "partly_succeeded", "failed", "cancelled"):
                items = db.exec(
                    select(GenerationItem).where(GenerationItem.generation_id == generation_id)
                ).all()
                errors = {item.error for item in items if item.status != "succeeded"}
                if generation.status != "succeeded":
                    raise SystemExit(f"{generation.title}: {generation.status} {errors}")
                outputs = [db.get(StoredFile, item.file_id) for item in items]
                times = {
                    "created": generation.created_at,
                    "started": [item.started_at for item in items],
                    "ended": [item.finished_at for item in items],
                }
                break
        if time.monotonic() > deadline:
            raise SystemExit(f"generation {generation_id} did not end in {seconds:.0f} s")
        time.sleep(0.1)
    for stored in outputs:
        with get_storage().open(stored.key) as source:
            head = source.read(12)
        is_png = head.startswith(b"\x89PNG\r\n\x1a\n")
        is_mp4 = head[4:8] == b"ftyp"
        if not (is_png or is_mp4) or stored.size_bytes < 100:
            raise SystemExit(f"{generation_id}: output {stored.key} is not an image or a video")
    return times


def seconds(since: datetime, until: datetime) -> float:
    return (until - since).total_seconds()


def render_wait(times: dict) -> float:
    return seconds(times["created"], times["started"][0])


def ai_wall(times: dict) -> float:
    return seconds(times["created"], max(times["ended"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=32, help="text-to-image items (32)")
    parser.add_argument("--delay", type=float, default=2.0, help="the server's seconds per call")
    parser.add_argument(
        "--ai-workers",
        type=int,
        default=int(os.environ.get("AI_WORKERS", "8")),
        help="AI workers (AI_WORKERS, 8 by default)",
    )
    parser.add_argument("--no-one-pool", action="store_true", help="skip the one-pool contrast run")
    args = parser.parse_args()
    n_ai = args.ai_workers
    with tempfile.TemporaryDirectory(prefix="lumiku-bench-ai-") as tmp:
        data_dir = Path(tmp)
        configure(data_dir, n_ai)
        from tests.fake_hf import FakeHF

        server = FakeHF(delay=args.delay, token="bench").start()  # HF_TOKEN=bench
        os.environ["HF_INFERENCE_URL"] = server.url
        try:
            run(args, n_ai, data_dir)
        finally:
            server.stop()


def run(args: argparse.Namespace, n_ai: int, data_dir: Path) -> None:
    from bench.ai_app import AI_APP_ID, AI_MODEL_KEY, MEDIA_APP_ID, MEDIA_MODEL_KEY
    from lumiku.db import get_engine

    user_id = prepare()
    get_engine().pool.dispose()
    ideal = args.items * args.delay / n_ai
    counter = iter(range(1_000_000))

    def render() -> str:
        return submit(user_id, MEDIA_APP_ID, MEDIA_MODEL_KEY, 1, f"render-{next(counter)}")

    def images() -> str:
        return submit(user_id, AI_APP_ID, AI_MODEL_KEY, args.items, f"images-{next(counter)}")

    print(
        f"{args.items} text-to-image items, the server answering each in {args.delay:.1f} s; "
        f"{os.cpu_count()} cores, database {get_engine().url.get_backend_name()}"
    )
    pools = [("worker", MEDIA_QUEUES)] + [("ai worker", AI_QUEUES)] * n_ai
    pool = Pool(pools, data_dir)
    try:
        # warm-up: each kind of item once (first connections, FFmpeg's first start)
        finished(render())
        finished(submit(user_id, AI_APP_ID, AI_MODEL_KEY, 1, "warm-up"))
        alone_waits, render_seconds = [], []
        for _ in range(RENDERS_ALONE):
            times = finished(render())
            alone_waits.append(render_wait(times))
            render_seconds.append(seconds(times["started"][0], times["ended"][0]))
        wait_alone = statistics.median(alone_waits)
        ai_alone = ai_wall(finished(images()))
        batch, beside = images(), render()  # queued at the same moment
        render_times, ai_times = finished(beside), finished(batch)
        wait_beside, ai_beside = render_wait(render_times), ai_wall(ai_times)
        render_beside = seconds(render_times["started"][0], render_times["ended"][0])
        per_item = statistics.mean(
            seconds(s, e) for s, e in zip(ai_times["started"], ai_times["ended"], strict=True)
        )
        in_flight = sum(
            s <= render_times["started"][0] < e
            for s, e in zip(ai_times["started"], ai_times["ended"], strict=True)
        )
    finally:
        pool.stop()
    one_pool = None
    if not args.no_one_pool:
        pool = Pool([("worker", ALL_QUEUES)] * (1 + n_ai), data_dir)
        try:
            batch, beside = images(), render()
            render_times = finished(beside)
            finished(batch)
            one_pool = render_wait(render_times)
        finally:
            pool.stop()

    def row(label: str, value: float, ratio: float, note: str = "") -> None:
        print(f"{label:<46}{value:>8.2f} s{ratio:>8.2f}×  {note}".rstrip())

    print(f"pools: 1 media worker ({MEDIA_QUEUES}) and {n_ai} AI workers ({AI_QUEUES})")
    row("AI items, ideal (items × delay ÷ AI workers)", ideal, 1.0)
    row("AI items alone", ai_alone, ai_alone / ideal, "of ideal")
    row("AI items with the render beside them", ai_beside, ai_beside / ideal, "of ideal")
    row("AI item: its job's start to end (mean)", per_item, per_item / args.delay, "of delay")
    row(
        "render: queue-to-start wait alone (median)",
        wait_alone,
        1.0,
        f"(the render itself takes {statistics.median(render_seconds):.2f} s)",
    )
    row(
        "render: wait with the AI items in flight",
        wait_beside,
        wait_beside / wait_alone,
        f"of alone ({in_flight} AI items running as it started; "
        f"the render itself took {render_beside:.2f} s)",
    )
    if one_pool is not None:
        row(
            f"render: wait in one pool of {1 + n_ai} workers (before)",
            one_pool,
            one_pool / wait_alone,
            f"of alone (every worker on {ALL_QUEUES})",
        )
    print("every item succeeded with its output; no worker is left running")


if __name__ == "__main__":
    main()
