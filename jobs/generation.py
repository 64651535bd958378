"""The job behind every generation item: `run_item(item_id)`, enqueued by services.generations."""

from __future__ import annotations

from jobs.worker import import_job_modules
from lumiku.services import generations


def run_item(item_id: str) -> str:
    import_job_modules()  # idempotent: modules import once per process
    return generations.run_item(item_id)
