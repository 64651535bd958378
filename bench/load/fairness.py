"""Per-user fairness on the target's media workers: user A queues generations totalling 100
heavy videos; once A's work has filled every worker (two of A's renders have ended), user B
asks for one. B's wait (B's generation created → its item started) is compared with the median
render of A's (item started → ended). The engine admits at most as many items per user as
there are workers (README, "Background work"), so B should wait for at most one render.

Heavy: 720p at 30 fps with speed variations (one FFmpeg filter graph per variant) from the
three tiny clips, six seconds a video: the heaviest render that stays a few seconds on two
cores. A's unfinished work is cancelled once B's video is done (and refunded); nothing is
asserted, the figures are printed."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

from bench.load.users import Person

HEAVY = {"resolution": "720p", "fps": 30, "speed_variations": True, "bitrate": "high"}
A_TOTAL = 100
A_BATCHES = (50, 50)  # two generations (at most 100 videos each), submitted one after the other
WAIT_SECONDS = 900.0


@dataclass
class Fairness:
    b_wait: float  # seconds
    render: float  # median of A's renders, seconds
    renders_done_before: int  # A's renders that had ended when B submitted
    a_queued: int  # A's outputs still waiting or running when B submitted

    @property
    def renders(self) -> float:
        return self.b_wait / self.render


def _items(generation_ids: list[str]):
    from sqlmodel import select

    from lumiku.db import session_scope
    from lumiku.models import GenerationItem

    with session_scope() as db:
        return db.exec(
            select(GenerationItem).where(GenerationItem.generation_id.in_(generation_ids))
        ).all()


def _wait_until(condition, what: str, seconds: float = WAIT_SECONDS) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"fairness: {what} did not happen in {seconds:.0f} s")
        time.sleep(0.2)


def measure(a: Person, b: Person) -> Fairness:
    from lumiku.db import session_scope
    from lumiku.models import Generation
    from lumiku.services import generations
    from lumiku.services.video_mixer import projects

    def submit(person: Person, count: int, key: str) -> str:
        settings = {**projects.get_project(person.user_id, person.project_id).settings, **HEAVY}
        return projects.generate(person.user_id, person.project_id, settings, count, key)

    stamp = time.time_ns()
    a_ids = [submit(a, n, f"fair-a-{stamp}-{i}") for i, n in enumerate(A_BATCHES)]
    assert sum(A_BATCHES) == A_TOTAL

    def a_done() -> int:
        return sum(item.status == "succeeded" for item in _items(a_ids))

    _wait_until(lambda: a_done() >= 2, "two of A's renders")
    items = _items(a_ids)
    done_before = sum(item.status == "succeeded" for item in items)
    waiting = sum(item.status in ("queued", "running") for item in items)
    b_id = submit(b, 1, f"fair-b-{stamp}")
    _wait_until(
        lambda: all(item.status in generations.TERMINAL for item in _items([b_id])), "B's video"
    )
    (b_item,) = _items([b_id])
    if b_item.status != "succeeded":
        raise SystemExit(f"fairness: B's video ended {b_item.status}: {b_item.error}")
    with session_scope() as db:
        b_created = db.get(Generation, b_id).created_at
    for generation_id in a_ids:
        generations.cancel(a.user_id, generation_id)
    renders = [
        (item.finished_at - item.started_at).total_seconds()
        for item in _items(a_ids)
        if item.status == "succeeded" and item.started_at and item.finished_at
    ]
    return Fairness(
        b_wait=(b_item.started_at - b_created).total_seconds(),
        render=statistics.median(renders),
        renders_done_before=done_before,
        a_queued=waiting,
    )
