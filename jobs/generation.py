"""The job behind every generation item: `run_item(item_id)`, enqueued by services.generations.
It hands the engine the app's runner, resolved from the app's registry row, and around it keeps
the operator's view: the item's ids on every log line of the run, and the run's duration and
outcome in the shared metrics (lumiku.services.metrics)."""

from __future__ import annotations

import logging
import time

from rq import get_current_job
from sqlmodel import select

from lumiku import logs, plugins
from lumiku.db import session_scope
from lumiku.models import Generation, GenerationItem
from lumiku.services import generations, metrics

log = logging.getLogger(__name__)


def runner_for(app_id: str) -> generations.ItemRunner:
    plugin = plugins.get(app_id)
    if plugin is None:
        raise plugins.WiringError(f"app {app_id}: not in the registry")
    return plugin.load("runner")


def _owner(item_id: str) -> tuple[str, str]:
    """(generation id, app id) of the item, for the logs and the metrics; blank when gone."""
    with session_scope() as db:
        row = db.exec(
            select(Generation.id, Generation.app_id)
            .join(GenerationItem, GenerationItem.generation_id == Generation.id)
            .where(GenerationItem.id == item_id)
        ).first()
    return (row[0], row[1]) if row else ("", "")


def run_item(item_id: str) -> str:
    job = get_current_job()  # None when a test calls this directly
    job_id = job.id if job else None
    generation_id, app_id = _owner(item_id)
    started, outcome = time.monotonic(), "failed"
    with logs.bound(generation_id=generation_id, item_id=item_id, job_id=job_id):
        try:
            outcome = generations.run_item(item_id, runner_for, job_id)
        except Exception:
            # RQ runs the job again while it has retries left (TransientError, or anything
            # else that escaped the engine); the failure callback ends the item after the last.
            outcome = "retried" if job is not None and job.retries_left else "failed"
            raise
        finally:
            seconds = time.monotonic() - started
            if outcome != "skipped":
                metrics.record_job(app_id, job.origin if job else "", seconds, outcome)
            log.info("item job %s in %.2f s", outcome, seconds)
    return outcome


def item_job_failed(job, connection, exc_type, exc_value, traceback) -> None:  # noqa: ARG001
    """RQ calls this when the job failed for good, e.g. killed at its timeout."""
    transient = isinstance(exc_value, generations.TransientError)
    with logs.bound(item_id=job.args[0], job_id=job.id):
        error = exc_value.code if transient else "item_failed"  # the retries' own reason
        generations.fail_lost_item(job.args[0], job.id, transient, error)
