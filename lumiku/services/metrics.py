"""The numbers an operator watches: how long item jobs take and how they end, how late live
events reach a tab, and what is waiting right now (queues, workers, open holds, generations).

Counters and histograms live in our Redis, so every web and worker process adds to the same
ones and any process's /api/metrics (or the admin queue page) shows the whole deployment.
Recording is one pipelined round trip and never raises: a Redis blip loses a sample, never a
job. Gauges are computed when read. `snapshot()` is what both readers render;
`prometheus_text()` renders it in Prometheus's text exposition format.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import redis
from rq import Worker
from rq.registry import FailedJobRegistry, ScheduledJobRegistry, StartedJobRegistry
from rq.serializers import JSONSerializer
from sqlalchemy import func
from sqlmodel import select

from lumiku.db import session_scope, utcnow
from lumiku.models import Generation, Hold
from lumiku.services import queues
from lumiku.services.health import WORKER_SILENCE_LIMIT
from lumiku.services.redis_client import get_redis

JOBS_KEY = "lumiku:metrics:jobs"  # "<app>|<queue>|<bucket index>", "…|sum", "…|count"
OUTCOMES_KEY = "lumiku:metrics:outcomes"  # "<app>|<outcome>"
EVENTS_KEY = "lumiku:metrics:events"  # "<bucket index>", "sum", "count"

# Upper bounds in seconds (a last, open bucket is +Inf). Fixed: every process must agree, and
# changing them mixes old counts into new buckets (flush the keys above after a change).
JOB_BUCKETS = (0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1800.0, 3600.0)
EVENT_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
# How an item's job ended: done, failed for good, failed and retried by RQ, cancelled, or
# handed to a remote service to check back later (CheckBack).
OUTCOMES = ("succeeded", "failed", "retried", "cancelled", "waiting")
GENERATION_STATUSES = ("queued", "running")
log = logging.getLogger(__name__)


def _bucket(bounds: tuple[float, ...], seconds: float) -> int:
    return next((i for i, bound in enumerate(bounds) if seconds <= bound), len(bounds))


def _label(value: str) -> str:
    return value.replace("|", "/") or "unknown"


# ------------------------------------------------------------------ recording


def record_job(
    app_id: str,
    queue: str,
    seconds: float,
    outcome: str,
    *,
    client: redis.Redis | None = None,
) -> bool:
    """One item job's run on a worker: its duration and how it ended. False (logged) when the
    sample could not be kept; never raises."""
    try:
        seconds = max(0.0, float(seconds))
        series = f"{_label(app_id)}|{_label(queue)}"
        pipe = (client or get_redis()).pipeline(transaction=False)
        pipe.hincrby(JOBS_KEY, f"{series}|{_bucket(JOB_BUCKETS, seconds)}", 1)
        pipe.hincrbyfloat(JOBS_KEY, f"{series}|sum", seconds)
        pipe.hincrby(JOBS_KEY, f"{series}|count", 1)
        pipe.hincrby(OUTCOMES_KEY, f"{_label(app_id)}|{_label(outcome)}", 1)
        pipe.execute()
        return True
    except Exception:  # noqa: BLE001 - a metric never fails the work it measures
        log.warning("could not record a job metric", exc_info=True)
        return False


def observe_event_latency(seconds: float, *, client: redis.Redis | None = None) -> bool:
    """One live event's time from publish to applied to the tabs it was for. Never raises."""
    try:
        seconds = max(0.0, float(seconds))
        pipe = (client or get_redis()).pipeline(transaction=False)
        pipe.hincrby(EVENTS_KEY, str(_bucket(EVENT_BUCKETS, seconds)), 1)
        pipe.hincrbyfloat(EVENTS_KEY, "sum", seconds)
        pipe.hincrby(EVENTS_KEY, "count", 1)
        pipe.execute()
        return True
    except Exception:  # noqa: BLE001
        log.warning("could not record an event metric", exc_info=True)
        return False


def event_age(sent_at: str | None, now: float | None = None) -> float | None:
    """Seconds since an event's `sent_at` (events.publish's wall-clock stamp); None when the
    event has none or it is not a number (an event published before the stamp existed)."""
    try:
        sent = float(sent_at or "")
    except ValueError:
        return None
    if not math.isfinite(sent):
        return None
    return max(0.0, (time.time() if now is None else now) - sent)


# ------------------------------------------------------------------ reading


@dataclass(frozen=True)
class Histogram:
    bounds: tuple[float, ...]
    counts: tuple[int, ...]  # per bucket, not cumulative; one more than bounds (+Inf)
    sum: float = 0.0

    @property
    def count(self) -> int:
        return sum(self.counts)

    def cumulative(self) -> list[int]:
        running, out = 0, []
        for n in self.counts:
            running += n
            out.append(running)
        return out

    def quantile(self, q: float) -> float | None:
        """Estimated as Prometheus's histogram_quantile does: linear within the bucket the rank
        falls in; the largest finite bound when it falls in +Inf. None without samples."""
        total = self.count
        if total == 0:
            return None
        rank, below = q * total, 0
        for i, n in enumerate(self.counts):
            if below + n >= rank and n:
                if i == len(self.bounds):
                    return self.bounds[-1]
                lower = self.bounds[i - 1] if i else 0.0
                return lower + (self.bounds[i] - lower) * (rank - below) / n
            below += n
        return self.bounds[-1]

    def __add__(self, other: Histogram) -> Histogram:
        return Histogram(
            self.bounds,
            tuple(a + b for a, b in zip(self.counts, other.counts, strict=True)),
            self.sum + other.sum,
        )


def _empty(bounds: tuple[float, ...]) -> Histogram:
    return Histogram(bounds, (0,) * (len(bounds) + 1))


@dataclass(frozen=True)
class QueueDepth:
    name: str
    queued: int
    started: int
    scheduled: int
    failed: int
    workers: int  # alive (a recent heartbeat) and listening on this queue


@dataclass(frozen=True)
class JobTimes:
    app: str
    queue: str
    histogram: Histogram


@dataclass(frozen=True)
class AppJobs:
    """One app's jobs over every queue: for the admin page."""

    app: str
    histogram: Histogram
    outcomes: dict[str, int]


@dataclass(frozen=True)
class Snapshot:
    queues: list[QueueDepth]
    jobs: list[JobTimes]  # by app and queue, sorted
    outcomes: dict[tuple[str, str], int]  # (app, outcome) → jobs
    event_latency: Histogram
    holds_open: int
    oldest_hold_seconds: float  # 0 when none is open
    generations: dict[str, int]  # queued / running → how many
    taken_at: datetime = field(default_factory=utcnow)

    def apps(self) -> list[AppJobs]:
        names = sorted({j.app for j in self.jobs} | {app for app, _ in self.outcomes})
        out = []
        for name in names:
            histogram = _empty(JOB_BUCKETS)
            for j in self.jobs:
                if j.app == name:
                    histogram = histogram + j.histogram
            counts = {o: self.outcomes.get((name, o), 0) for o in OUTCOMES}
            out.append(AppJobs(name, histogram, counts))
        return out


def _histogram(raw: dict[str, str], prefix: str, bounds: tuple[float, ...]) -> Histogram:
    counts = tuple(int(raw.get(f"{prefix}{i}", 0)) for i in range(len(bounds) + 1))
    return Histogram(bounds, counts, float(raw.get(f"{prefix}sum", 0.0)))


def _decoded(raw: dict) -> dict[str, str]:
    return {
        (k.decode() if isinstance(k, bytes) else k): (v.decode() if isinstance(v, bytes) else v)
        for k, v in raw.items()
    }


def _queue_depths() -> list[QueueDepth]:
    now = datetime.now(UTC)
    alive: dict[str, int] = {}
    for worker in Worker.all(connection=get_redis(), serializer=JSONSerializer):
        beat = worker.last_heartbeat
        if beat is None:
            continue
        beat = beat if beat.tzinfo else beat.replace(tzinfo=UTC)
        if now - beat < WORKER_SILENCE_LIMIT:
            for name in worker.queue_names():
                alive[name] = alive.get(name, 0) + 1
    depths = []
    for name in queues.QUEUE_NAMES:
        q = queues.queue(name)
        depths.append(
            QueueDepth(
                name,
                q.count,
                StartedJobRegistry(queue=q).count,
                ScheduledJobRegistry(queue=q).count,
                FailedJobRegistry(queue=q).count,
                alive.get(name, 0),
            )
        )
    return depths


def _database_gauges() -> tuple[int, float, dict[str, int]]:
    with session_scope() as db:
        open_holds, oldest = db.exec(
            select(func.count(), func.min(Hold.created_at)).where(Hold.status == "open")
        ).one()
        by_status = dict(
            db.exec(
                select(Generation.status, func.count())
                .where(Generation.status.in_(GENERATION_STATUSES))
                .group_by(Generation.status)
            ).all()
        )
    age = 0.0
    if oldest is not None:
        oldest = oldest if oldest.tzinfo else oldest.replace(tzinfo=UTC)
        age = max(0.0, (utcnow() - oldest).total_seconds())
    return int(open_holds), age, {s: int(by_status.get(s, 0)) for s in GENERATION_STATUSES}


def snapshot() -> Snapshot:
    """Everything, read now. Raises when Redis or the database does not answer (a scrape that
    fails is what a monitor should see then)."""
    pipe = get_redis().pipeline(transaction=False)
    pipe.hgetall(JOBS_KEY)
    pipe.hgetall(OUTCOMES_KEY)
    pipe.hgetall(EVENTS_KEY)
    jobs_raw, outcomes_raw, events_raw = (_decoded(r) for r in pipe.execute())
    series = sorted({k.rsplit("|", 1)[0] for k in jobs_raw if k.count("|") == 2})
    jobs = [
        JobTimes(*name.split("|"), _histogram(jobs_raw, f"{name}|", JOB_BUCKETS)) for name in series
    ]
    outcomes = {
        tuple(k.split("|", 1)): int(v) for k, v in outcomes_raw.items() if k.count("|") == 1
    }
    holds, oldest, generations = _database_gauges()
    return Snapshot(
        queues=_queue_depths(),
        jobs=jobs,
        outcomes=outcomes,  # type: ignore[arg-type]
        event_latency=_histogram(events_raw, "", EVENT_BUCKETS),
        holds_open=holds,
        oldest_hold_seconds=oldest,
        generations=generations,
    )


# ------------------------------------------------------------------ Prometheus text format


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _labels(**labels: str) -> str:
    if not labels:
        return ""
    return "{" + ",".join(f'{k}="{_escape(v)}"' for k, v in labels.items()) + "}"


def _number(value: float) -> str:
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return repr(float(value))


def _family(name: str, kind: str, help_text: str) -> list[str]:
    return [f"# HELP {name} {help_text}", f"# TYPE {name} {kind}"]


def _histogram_lines(name: str, histogram: Histogram, **labels: str) -> Iterable[str]:
    bounds = [repr(b) for b in histogram.bounds] + ["+Inf"]
    for bound, total in zip(bounds, histogram.cumulative(), strict=True):
        yield f"{name}_bucket{_labels(**labels, le=bound)} {total}"
    yield f"{name}_sum{_labels(**labels)} {_number(histogram.sum)}"
    yield f"{name}_count{_labels(**labels)} {histogram.count}"


def render(snap: Snapshot) -> str:
    lines = _family(
        "lumiku_queue_jobs", "gauge", "Jobs on each RQ queue by state (queued, started, ...)."
    )
    for q in snap.queues:
        for state in ("queued", "started", "scheduled", "failed"):
            lines.append(
                f"lumiku_queue_jobs{_labels(queue=q.name, state=state)} {getattr(q, state)}"
            )
    lines += _family(
        "lumiku_workers_alive", "gauge", "Workers listening on the queue with a recent heartbeat."
    )
    lines += [f"lumiku_workers_alive{_labels(queue=q.name)} {q.workers}" for q in snap.queues]
    lines += _family(
        "lumiku_job_duration_seconds", "histogram", "How long an item's job ran on a worker."
    )
    for j in snap.jobs:
        lines += _histogram_lines(
            "lumiku_job_duration_seconds", j.histogram, app=j.app, queue=j.queue
        )
    lines += _family("lumiku_jobs_total", "counter", "Item jobs by app and how they ended.")
    for app in sorted({app for app, _ in snap.outcomes}):
        for outcome in OUTCOMES:
            count = snap.outcomes.get((app, outcome), 0)
            lines.append(f"lumiku_jobs_total{_labels(app=app, outcome=outcome)} {count}")
    lines += _family(
        "lumiku_event_latency_seconds",
        "histogram",
        "Time from a live event's publish to its refresh applied to the user's open tabs.",
    )
    lines += _histogram_lines("lumiku_event_latency_seconds", snap.event_latency)
    lines += _family("lumiku_holds_open", "gauge", "Billing holds not yet settled.")
    lines.append(f"lumiku_holds_open {snap.holds_open}")
    lines += _family(
        "lumiku_holds_open_oldest_seconds", "gauge", "Age of the oldest open hold (0: none)."
    )
    lines.append(f"lumiku_holds_open_oldest_seconds {_number(round(snap.oldest_hold_seconds, 3))}")
    lines += _family("lumiku_generations", "gauge", "Generations queued or running.")
    lines += [f"lumiku_generations{_labels(status=s)} {n}" for s, n in snap.generations.items()]
    return "\n".join(lines) + "\n"


def prometheus_text() -> str:
    return render(snapshot())
