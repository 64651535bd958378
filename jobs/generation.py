"""The job behind every generation item: `run_item(item_id)`, enqueued by services.generations.
It hands the engine the app's runner, resolved from the app's registry row."""

from __future__ import annotations

from rq import get_current_job

from lumiku import plugins
from lumiku.services import generations


def runner_for(app_id: str) -> generations.ItemRunner:
    plugin = plugins.get(app_id)
    if plugin is None:
        raise plugins.WiringError(f"app {app_id}: not in the registry")
    return plugin.load("runner")


def run_item(item_id: str) -> str:
    job = get_current_job()  # None when a test calls this directly
    return generations.run_item(item_id, runner_for, job.id if job else None)


def item_job_failed(job, connection, exc_type, exc_value, traceback) -> None:  # noqa: ARG001
    """RQ calls this when the job failed for good, e.g. killed at its timeout."""
    transient = isinstance(exc_value, generations.TransientError)
    generations.fail_lost_item(job.args[0], job.id, transient)
