"""The metrics' arithmetic and their Prometheus text, from a snapshot built by hand (the
numbers' trip through Redis and the database is tests/integration/test_metrics.py)."""

from __future__ import annotations

import re

import pytest

from lumiku.services import metrics
from lumiku.services.metrics import Histogram, JobTimes, QueueDepth, Snapshot


def histogram_of(samples: list[float], bounds=metrics.JOB_BUCKETS) -> Histogram:
    counts = [0] * (len(bounds) + 1)
    for s in samples:
        counts[metrics._bucket(bounds, s)] += 1
    return Histogram(bounds, tuple(counts), sum(samples))


def test_a_sample_goes_in_the_first_bucket_it_fits():
    bounds = (1.0, 5.0)
    assert [metrics._bucket(bounds, s) for s in (0, 1.0, 1.01, 5.0, 99)] == [0, 0, 1, 1, 2]


def test_quantiles_interpolate_within_a_bucket_as_prometheus_does():
    h = Histogram((1.0, 2.0, 4.0), (0, 10, 0, 0), 15.0)  # ten samples between 1 and 2 s
    assert h.quantile(0.5) == pytest.approx(1.5)
    assert h.quantile(0.95) == pytest.approx(1.95)
    assert Histogram((1.0,), (0, 0)).quantile(0.5) is None  # nothing measured
    assert Histogram((1.0, 2.0), (0, 0, 3)).quantile(0.5) == 2.0  # beyond the last bound


def test_an_apps_jobs_add_up_over_its_queues():
    snap = Snapshot(
        queues=[],
        jobs=[
            JobTimes("video-mixer", "media", histogram_of([3, 4])),
            JobTimes("video-mixer", "default", histogram_of([70])),
        ],
        outcomes={("video-mixer", "succeeded"): 2, ("video-mixer", "retried"): 1},
        event_latency=histogram_of([], metrics.EVENT_BUCKETS),
        holds_open=0,
        oldest_hold_seconds=0.0,
        generations={"queued": 0, "running": 0},
    )
    [app] = snap.apps()
    assert app.histogram.count == 3 and app.histogram.sum == 77
    assert app.outcomes == {"succeeded": 2, "failed": 0, "retried": 1, "cancelled": 0, "waiting": 0}


def test_the_text_is_prometheus_exposition_format():
    snap = Snapshot(
        queues=[QueueDepth("media", 4, 1, 2, 3, 2)],
        jobs=[JobTimes('odd"app', "media", histogram_of([0.2, 3.0, 4000.0]))],
        outcomes={('odd"app', "succeeded"): 2, ('odd"app', "failed"): 1},
        event_latency=histogram_of([0.004, 0.03], metrics.EVENT_BUCKETS),
        holds_open=2,
        oldest_hold_seconds=12.5,
        generations={"queued": 1, "running": 3},
    )
    text = metrics.render(snap)
    assert text.endswith("\n")
    lines = text.splitlines()
    sample = re.compile(r'[a-z_]+(\{([a-z]+="([^"\\]|\\.)*",?)+\})? -?[0-9.e+]+')
    for line in lines:
        assert line.startswith(("# HELP ", "# TYPE ")) or sample.fullmatch(line), line
    # each family declared once, before its samples
    types = [line.split()[2] for line in lines if line.startswith("# TYPE")]
    assert len(types) == len(set(types))
    assert 'lumiku_queue_jobs{queue="media",state="scheduled"} 2' in lines
    assert 'lumiku_workers_alive{queue="media"} 2' in lines
    job = 'lumiku_job_duration_seconds_bucket{app="odd\\"app",queue="media",le='
    assert f'{job}"0.5"}} 1' in lines and f'{job}"5.0"}} 2' in lines
    assert f'{job}"3600.0"}} 2' in lines and f'{job}"+Inf"}} 3' in lines  # cumulative
    assert 'lumiku_job_duration_seconds_count{app="odd\\"app",queue="media"} 3' in lines
    assert 'lumiku_jobs_total{app="odd\\"app",outcome="retried"} 0' in lines
    assert 'lumiku_event_latency_seconds_bucket{le="0.005"} 1' in lines
    assert "lumiku_event_latency_seconds_count 2" in lines
    assert "lumiku_holds_open 2" in lines and "lumiku_holds_open_oldest_seconds 12.5" in lines
    assert 'lumiku_generations{status="running"} 3' in lines


@pytest.mark.parametrize("sent_at", [None, "", "soon", "nan", "inf"])
def test_an_event_without_a_usable_stamp_has_no_age(sent_at):
    assert metrics.event_age(sent_at) is None


def test_an_events_age_is_never_negative():
    assert metrics.event_age("100.5", now=101.0) == 0.5
    assert metrics.event_age("102", now=101.0) == 0.0  # another host's clock ahead of ours
