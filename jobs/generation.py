"""The job behind every generation item: `run_item(item_id)`, enqueued by services.generations."""

from __future__ import annotations

from jobs.worker import import_job_modules
from lumiku.services import generations


def run_item(item_id: str) -> str:
    import_job_modules()  # idempotent: modules import once per process
    return generations.run_item(item_id)


def item_job_failed(job, connection, exc_type, exc_value, traceback) -> None:  # noqa: ARG001
    """RQ calls this when the job failed for good, e.g. killed at its timeout."""
    generations.fail_lost_item(job.args[0], isinstance(exc_value, generations.TransientError))
