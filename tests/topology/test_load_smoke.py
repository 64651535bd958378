"""The load bench's own code (bench/load) for a few seconds against the topology: five signed-in
websocket tabs open the dashboard and a Video Mixer project, change settings, one generates a
video and watches it being made. Every event must be answered, and without an error; timings
are the bench's business, never asserted here."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from bench.load import scenario, users


def run_apart(coroutine):
    """In a thread of its own: Playwright's tests in this process keep an event loop running."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_every_event_of_five_sessions_is_answered(topology):
    people = users.make_people(5, "load-smoke-")
    result = run_apart(
        scenario.run_stage(people, topology.url, duration=8.0, think=0.5, submit_share=0.2)
    )
    assert result.errors == []
    kinds = {record.kind for record in result.records}
    assert {"hydrate", "wallet", "navigate", "estimate", "ask_generate", "generate"} <= kinds
    unanswered = [record.kind for record in result.records if record.seconds is None]
    assert unanswered == []
    estimates = [record for record in result.records if record.kind == "estimate"]
    assert len(estimates) >= 5 * 2  # each tab changed its settings and read the estimate
    # the one generation's videos reached the tab as finished, each matched with its item
    assert result.outputs in (1, 2)
    assert len(result.lags) == result.outputs
