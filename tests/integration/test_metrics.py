"""GET /api/metrics and the admin queue page, with real Redis, PostgreSQL and worker processes:
samples from several processes add up, a real generation shows in the numbers, and the guard
lets in whom it should."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import redis
from starlette.testclient import TestClient

from lumiku.api import api
from lumiku.services import metrics
from lumiku.settings import get_settings
from lumiku.state.admin import AdminQueuesState
from tests import engine_app
from tests.factories import call, new_user, register, run_burst_worker, spawn, states, stop_worker

client = TestClient(api)
TOKEN = "scrape-" + "s3cr3t" * 4
STRONG = "q7RkV2mXz9LpT4wYb8NcJ3hFs6GdA1eU5oKi0"


def scrape(**headers: str) -> dict[str, float]:
    """/api/metrics as {sample: value}, its format checked on the way."""
    response = client.get("/api/metrics", headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8"
    samples = {}
    for line in response.text.splitlines():
        if line.startswith("#"):
            assert re.fullmatch(r"# (HELP|TYPE) lumiku_[a-z_]+ .+", line), line
            continue
        name, _, value = line.rpartition(" ")
        samples[name] = float(value)
    return samples


@pytest.fixture
def settings_env(monkeypatch):
    """Set variables for this test; the settings are read again, and again after it."""

    def use(**env: str) -> None:
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        get_settings.cache_clear()

    yield use
    monkeypatch.undo()
    get_settings.cache_clear()


# ------------------------------------------------------------------ recording


def test_samples_from_two_processes_add_up(db, rds):
    url = get_settings().effective_redis_url
    here = redis.Redis.from_url(url)
    assert metrics.record_job("video-mixer", "media", 3.0, "succeeded", client=here)
    assert metrics.observe_event_latency(0.02, client=here)
    other = spawn(  # another process, its own connection
        [
            sys.executable,
            "-c",
            "from lumiku.services import metrics\n"
            "assert metrics.record_job('video-mixer', 'media', 45.0, 'failed')\n"
            "assert metrics.record_job('video-mixer', 'media', 0.2, 'retried')\n"
            "assert metrics.observe_event_latency(0.3)\n",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        _, stderr = other.communicate(timeout=120)
    finally:
        stop_worker(other)
    assert other.returncode == 0, stderr.decode()[-2000:]

    snap = metrics.snapshot()
    [times] = snap.jobs
    assert (times.app, times.queue, times.histogram.count) == ("video-mixer", "media", 3)
    assert times.histogram.sum == pytest.approx(48.2)
    assert snap.outcomes == {
        ("video-mixer", "succeeded"): 1,
        ("video-mixer", "failed"): 1,
        ("video-mixer", "retried"): 1,
    }
    assert snap.event_latency.count == 2 and snap.event_latency.sum == pytest.approx(0.32)

    samples = scrape()
    job = 'app="video-mixer",queue="media"'
    assert samples[f'lumiku_job_duration_seconds_bucket{{{job},le="0.5"}}'] == 1
    assert samples[f'lumiku_job_duration_seconds_bucket{{{job},le="5.0"}}'] == 2
    assert samples[f'lumiku_job_duration_seconds_bucket{{{job},le="60.0"}}'] == 3
    assert samples[f"lumiku_job_duration_seconds_count{{{job}}}"] == 3
    assert samples['lumiku_jobs_total{app="video-mixer",outcome="failed"}'] == 1
    assert samples['lumiku_event_latency_seconds_bucket{le="0.025"}'] == 1
    assert samples["lumiku_event_latency_seconds_count"] == 2


def test_a_redis_that_does_not_answer_loses_the_sample_not_the_job():
    away = redis.Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.5)
    assert metrics.record_job("video-mixer", "media", 1.0, "succeeded", client=away) is False
    assert metrics.observe_event_latency(0.1, client=away) is False


# ------------------------------------------------------------------ a real generation


def test_a_generation_on_a_real_worker_shows_in_the_metrics(engine):
    user_id = new_user()
    engine_app.submit(user_id, [{}, {"behaviour": "fail"}, {}])
    before = scrape()
    assert before["lumiku_holds_open"] == 1
    assert before["lumiku_holds_open_oldest_seconds"] >= 0
    assert before['lumiku_generations{status="queued"}'] == 1
    assert before['lumiku_queue_jobs{queue="media",state="queued"}'] == 1  # one in flight
    assert not any(name.startswith("lumiku_jobs_total") for name in before)

    run_burst_worker()

    after = scrape()
    app = 'app="engine-test"'
    assert after[f'lumiku_jobs_total{{{app},outcome="succeeded"}}'] == 2
    assert after[f'lumiku_jobs_total{{{app},outcome="failed"}}'] == 1
    assert after[f'lumiku_jobs_total{{{app},outcome="retried"}}'] == 0
    assert after[f'lumiku_job_duration_seconds_count{{{app},queue="media"}}'] == 3
    assert after[f'lumiku_job_duration_seconds_bucket{{{app},queue="media",le="+Inf"}}'] == 3
    assert after[f'lumiku_job_duration_seconds_sum{{{app},queue="media"}}'] > 0
    assert after["lumiku_holds_open"] == 0 and after["lumiku_holds_open_oldest_seconds"] == 0
    assert after['lumiku_generations{status="queued"}'] == 0
    assert after['lumiku_generations{status="running"}'] == 0
    assert after['lumiku_queue_jobs{queue="media",state="queued"}'] == 0


def test_the_admin_queue_page_shows_the_same_numbers(engine):
    user_id = new_user()
    engine_app.submit(user_id, 2)
    run_burst_worker()
    engine_app.submit(user_id, 1, key="submit-2")  # held, not run: one hold open
    metrics.observe_event_latency(0.04)

    signed = register(2, prefix="boss", role="admin")
    session, get = states()
    session.token = signed.token
    page = get(AdminQueuesState)
    call(page, "load")
    assert page.error == ""
    [jobs] = page.app_jobs
    assert (jobs.app, jobs.runs, jobs.succeeded, jobs.failed) == ("Engine Test", "2", "2", "0")
    assert jobs.p50 != "–" and jobs.p95 != "–"
    assert page.holds_open == "1" and page.oldest_hold.startswith("Tertua: ")
    assert page.event_p95 == "49 ms"  # 25 ms + 95% of the 25-50 ms bucket
    assert page.events_measured == "1 diukur"
    assert page.generations_now == "0 berjalan, 1 menunggu"
    media = next(q for q in page.queues if q.name == "media")
    assert (media.queued, media.started, media.failed) == (1, 0, 0)

    snap = metrics.snapshot()  # what /api/metrics renders
    assert snap.holds_open == 1 and snap.apps()[0].histogram.count == 2


# ------------------------------------------------------------------ the guard


def test_with_a_token_only_its_bearer_reads(db, rds, settings_env):
    settings_env(METRICS_TOKEN=TOKEN)
    assert client.get("/api/metrics").status_code == 401
    wrong = client.get("/api/metrics", headers={"Authorization": f"Bearer {TOKEN}x"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
    assert client.get("/api/metrics", headers={"Authorization": TOKEN}).status_code == 401
    samples = scrape(Authorization=f"Bearer {TOKEN}")
    assert samples["lumiku_holds_open"] == 0


def test_without_a_token_it_is_open_in_development_and_absent_in_production(db, rds, settings_env):
    settings_env(METRICS_TOKEN="")
    assert client.get("/api/metrics").status_code == 200
    settings_env(
        LUMIKU_ENV="production",
        SECRET_KEY=STRONG,
        PUBLIC_URL="https://lumiku.example",
        SMTP_HOST="127.0.0.1",
        MAIL_FROM="Lumiku <no-reply@lumiku.example>",
    )
    assert get_settings().is_production
    response = client.get("/api/metrics")
    assert response.status_code == 404 and "lumiku_" not in response.text
    settings_env(METRICS_TOKEN=TOKEN)
    assert client.get("/api/metrics").status_code == 401
    assert scrape(Authorization=f"Bearer {TOKEN}")["lumiku_holds_open"] == 0


def test_every_response_carries_its_request_id(db, rds):
    response = client.get("/api/metrics", headers={"X-Request-ID": "edge-7f3a9c21"})
    assert response.headers["x-request-id"] == "edge-7f3a9c21"
    made = client.get("/api/health").headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{16}", made)
