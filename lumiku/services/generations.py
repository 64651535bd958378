"""The generation engine every app shares.

Submit: one transaction holds the credits or quota and creates the generation with one item per
output; then one RQ job per item is enqueued with the item's id only. A job runs the app's item
runner, stores the output at a deterministic key, captures that item's price (keyed by the item,
so a rerun never charges twice) and publishes progress. When every item has ended, the hold is
settled exactly once: users pay only for outputs produced, and the rest goes back with a visible
line. Cancel, retry-failed, delete and a reconciler for work whose worker died complete it.

An item whose work happens elsewhere (a video model behind a provider's queue) does not hold a
worker while it waits: its runner raises CheckBack, the engine keeps the item running, stores
what the runner needs to find the remote work again and runs the item's job again later.
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import re
import secrets
import shutil
import tempfile
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import redis
from rq import Callback, Retry
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, func, select

from lumiku import plugins
from lumiku.db import paginate, session_scope, utcnow
from lumiku.models import Generation, GenerationItem, Hold, StoredFile
from lumiku.services import billing, events, files, queues
from lumiku.services.accounts import lock_account
from lumiku.services.errors import NotFound, ServiceError
from lumiku.services.redis_client import get_redis
from lumiku.settings import get_settings

log = logging.getLogger(__name__)

MAX_ITEMS = 100
MAX_WAITING_ITEMS = 300  # one user's unfinished items at once; more is refused at submit
MAX_ATTEMPTS = 3
JOB_TIMEOUT = 60 * 60  # RQ ends an item's job after this; runners bound their own work within
TERMINAL = ("succeeded", "failed", "cancelled")
ACTIVE = ("queued", "running")
PROGRESS_EVERY = 0.5  # seconds between live progress events for one item
PROGRESS_DB_EVERY = 2.0  # seconds between progress writes to the database (for reloads)
# A running job whose worker has not beaten its heart for this long is lost (workers beat every
# HEARTBEAT seconds while a job runs; jobs.worker).
STALE_AFTER = timedelta(seconds=30)
RETRY = Retry(max=MAX_ATTEMPTS - 1, interval=[10, 60])  # transient errors: backoff, then retry
MAX_CHECK_BACK = 3600.0  # seconds: the longest wait a runner may ask for before its next look
# A scheduled job this late was left behind by a dead worker's scheduler (its lock outlives it by
# a minute, and the next worker only takes it over much later): the reconciler queues it itself.
OVERDUE_AFTER = timedelta(seconds=5)
# Engine-owned keys in an item's params (never copied into a retry or a regenerated item).
REMOTE = "remote"  # what the runner stored with CheckBack: how to find its remote work again
WAITING = "waiting"  # True while the item waits between check-backs (holds no worker)


class Cancelled(Exception):
    """Raised inside a runner when the user cancelled; the item ends as cancelled."""


class TransientError(Exception):
    """A passing failure (a remote API busy, say): the job is retried with backoff. `code` is
    the message shown if it is still failing at the last attempt."""

    def __init__(self, code: str = "item_failed") -> None:
        super().__init__(code)
        self.code = code


class ItemFailed(Exception):
    """The app's own verdict on one output, with a message key safe to show."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class CheckBack(Exception):
    """Raised by a runner whose work now runs elsewhere (submitted to a provider's queue, or
    checked on and not done yet): the engine stores `state` as the item's params["remote"],
    sets `progress` (0-100) if given, keeps the item running, frees the worker and runs the
    item's job again in `seconds`; that run finds `state` in ctx.params["remote"]. A check-back
    is not an attempt: MAX_ATTEMPTS counts failures only. `state` must be JSON (it is checked
    here, where the runner's traceback points at the culprit); `stage` is the short text the
    live progress event carries ("in_queue", say)."""

    def __init__(
        self,
        seconds: float,
        state: dict[str, Any],
        progress: float | None = None,
        stage: str = "",
    ) -> None:
        if not isinstance(state, dict):
            raise TypeError("CheckBack's state is a dict")
        self.state: dict[str, Any] = json.loads(json.dumps(state))  # JSON only, a copy
        seconds = float(seconds)
        self.seconds = min(max(seconds, 0.0), MAX_CHECK_BACK) if math.isfinite(seconds) else 5.0
        self.progress = progress
        self.stage = stage
        super().__init__(f"check back in {self.seconds:g} s")


@dataclass
class ItemContext:
    """What a runner gets: its parameters, a private work folder, and a way to report progress."""

    item_id: str
    generation_id: str
    user_id: int
    app_id: str
    index: int
    params: dict[str, Any]
    settings: dict[str, Any]
    workdir: Path
    file_stem: str = "output"  # what the output is called: see file_stem()
    # A runner whose output is not itself a picture (a ZIP of slides, say) may leave a small
    # JPEG here: it is stored beside the output and shown in the work lists.
    thumbnail: Path | None = None
    # What the runner learned that its app's `deliver` step records (a seed, a likeness score).
    notes: dict[str, Any] = field(default_factory=dict)
    _sent: float = 0.0
    _saved: float = 0.0
    _last: int = -1

    def progress(self, percent: float, stage: str = "") -> None:
        percent = max(0, min(99, int(percent)))
        now = time.monotonic()
        if percent != self._last and now - self._sent >= PROGRESS_EVERY:
            self._sent, self._last = now, percent
            events.publish(
                self.user_id,
                "generation",
                generation=self.generation_id,
                item=str(self.index),
                progress=str(percent),
                stage=stage[:100],
            )
            self.check_cancelled()
        if now - self._saved >= PROGRESS_DB_EVERY:
            self._saved = now
            try:  # a copy for reloads: the database away for a moment must not end the render
                with session_scope() as db:
                    item = db.get(GenerationItem, self.item_id)
                    if item is not None and item.status == "running":
                        item.progress = percent
            except OperationalError:
                log.warning("could not save item %s's progress", self.item_id, exc_info=True)

    def check_cancelled(self) -> None:
        try:
            cancelled = get_redis().exists(_cancel_key(self.generation_id))
        except redis.RedisError:  # Redis away: the render goes on, asked again next time
            log.warning("could not check item %s for a cancel", self.item_id, exc_info=True)
            return
        if cancelled:
            raise Cancelled()


# An app's item runner (named by `runner` in its registry row): returns the path of the finished
# output inside ctx.workdir. The worker (jobs/) resolves it and hands it to run_item.
ItemRunner = Callable[[ItemContext], Path]


def _cancel_key(generation_id: str) -> str:
    return f"lumiku:cancel:{generation_id}"


def file_stem(generation: Generation) -> str:
    """Downloads are named after what was made, and when: `promo-lebaran-2026-12-01` (the name
    the app gave, else the app's), so a folder of downloads sorts and reads by project and day."""
    plugin = plugins.get(generation.app_id)
    named = generation.settings.get("output_name") or (plugin.name if plugin else "lumiku")
    ascii_name = unicodedata.normalize("NFKD", str(named)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].rstrip("-")
    return f"{slug or generation.app_id}-{_local(generation.created_at):%Y-%m-%d}"


def zip_name(generation: Generation) -> str:
    """The batch's ZIP: its outputs' stem and the time it was asked for, so two batches of one
    project and day do not overwrite each other."""
    return f"{file_stem(generation)}-{_local(generation.created_at):%H%M}.zip"


def _local(moment: datetime) -> datetime:
    return moment.astimezone(ZoneInfo(get_settings().timezone))


def item_prices(total: int, count: int) -> list[int]:
    """Splits a hold across items so that they add up exactly (the first ones take the cents)."""
    base, rest = divmod(total, count)
    return [base + (1 if i < rest else 0) for i in range(count)]


# ------------------------------------------------------------------ submit


def submit(
    user_id: int,
    app_id: str,
    model_key: str,
    *,
    title: str,
    items: list[dict[str, Any]],
    settings: dict[str, Any],
    price_params: dict[str, Any],
    key: str,
    project_id: str = "",
    name: str = "",
) -> str:
    """Holds the price and creates the generation in one transaction, then enqueues its items.
    Replaying `key` (a double click) returns the same generation. Outputs are named after
    `name` (a project's, say), the day and their number."""
    if not isinstance(items, list) or not 1 <= len(items) <= MAX_ITEMS:
        raise ServiceError("quantity_invalid", max=MAX_ITEMS)
    with session_scope() as db:
        # The owner's lock first: a second submit with the same key waits here, then finds the
        # first one's generation instead of making another on the same hold.
        lock_account(db, user_id)
        existing = db.exec(
            select(Generation)
            .join(Hold, Hold.id == Generation.hold_id)
            .where(Hold.idempotency_key == key, Generation.user_id == user_id)
        ).first()
        if existing is not None:
            return existing.id
        waiting = db.exec(
            select(func.count(GenerationItem.id))
            .join(Generation, Generation.id == GenerationItem.generation_id)
            .where(Generation.user_id == user_id, GenerationItem.status.in_(ACTIVE))
        ).one()
        if waiting + len(items) > MAX_WAITING_ITEMS:
            raise ServiceError("generation_too_much_waiting", max=MAX_WAITING_ITEMS)
        generation_id = secrets.token_hex(16)
        reservation = billing.charge_in(
            db,
            user_id,
            app_id,
            model_key,
            price_params,
            quantity=len(items),
            key=key,
            description=title,
            reference=("generation", generation_id),
        )
        prices = item_prices(reservation.amount, len(items))
        db.add(
            Generation(
                id=generation_id,
                user_id=user_id,
                app_id=app_id,
                project_id=project_id[:64],
                title=title[:200],
                model_key=model_key,
                settings={**settings, "price_params": price_params, "output_name": name[:80]},
                hold_id=reservation.hold_id,
                unit=reservation.unit,
                price_per_item=prices[0],
            )
        )
        db.flush()
        for index, params in enumerate(items):
            db.add(
                GenerationItem(
                    id=secrets.token_hex(16),
                    generation_id=generation_id,
                    index=index,
                    params={**params, "price": prices[index]},
                )
            )
    events.publish(user_id, "billing")
    events.publish(user_id, "generation", generation=generation_id, status="queued")
    admit(user_id)
    return generation_id


# ------------------------------------------------------------------ fair admission


def in_flight_limit(queue_name: str) -> int:
    """How many of one user's items may be on a queue or running at once: as many as there
    are workers for it. One user alone keeps every worker busy, and a second user's first item
    waits behind at most one render, however many items the first has waiting."""
    return max(1, queues.workers_for(queue_name))


def admit(user_id: int) -> int:
    """Puts the user's waiting items (queued, no job yet) on their queues, oldest first, up to
    the in-flight limit of each queue. Called whenever the user's work starts or ends, and by
    the reconciler; the choice is made under the owner's lock, so concurrent callers never
    enqueue an item twice. Returns how many were enqueued."""
    limits: dict[str, int] = {}
    with session_scope() as db:
        lock_account(db, user_id)
        rows = db.exec(
            select(GenerationItem, Generation.app_id)
            .join(Generation, Generation.id == GenerationItem.generation_id)
            .where(Generation.user_id == user_id, GenerationItem.status.in_(ACTIVE))
            .order_by(Generation.created_at, Generation.id, GenerationItem.index)
        ).all()
        busy: dict[str, int] = {}
        for item, app_id in rows:
            # An item waiting between check-backs holds no worker, so it holds no place.
            if item.job_id and not item.params.get(WAITING):
                queue_name = _queue_of(app_id, item.params)
                busy[queue_name] = busy.get(queue_name, 0) + 1
        assigned = []
        for item, app_id in rows:
            queue_name = _queue_of(app_id, item.params)
            if item.job_id or item.status != "queued":
                continue
            if queue_name not in limits:
                limits[queue_name] = in_flight_limit(queue_name)
            if busy.get(queue_name, 0) >= limits[queue_name]:
                continue
            busy[queue_name] = busy.get(queue_name, 0) + 1
            item.job_id = _job_id(item)
            # A lost item, or one paid for priority, goes on before anything new.
            first = item.attempts > 0 or item.params.get("priority") is True
            assigned.append((item.id, item.index, item.job_id, first, app_id, queue_name))
    for item_id, index, job_id, first, app_id, queue_name in assigned:
        _enqueue_item(item_id, index, job_id, app_id, queue_name, at_front=first)
    return len(assigned)


def _job_id(item: GenerationItem) -> str:
    return f"item-{item.id}-{item.attempts + 1}-{secrets.token_hex(3)}"


def _enqueue_item(
    item_id: str,
    index: int,
    job_id: str,
    app_id: str,
    queue_name: str,
    *,
    at_front: bool = False,
    delay: float | None = None,
) -> None:
    """The item's job on its queue now, or, after a CheckBack, in `delay` seconds (RQ's
    scheduler, which every worker runs, moves it onto the queue then)."""
    plugin = plugins.get(app_id)
    options: dict[str, Any] = dict(
        job_id=job_id,
        retry=RETRY,
        on_failure=Callback("jobs.generation.item_job_failed"),
        job_timeout=JOB_TIMEOUT,
        result_ttl=3600,
        failure_ttl=7 * 24 * 3600,
        description=f"{plugin.name if plugin else app_id} item {index + 1}",
        at_front=at_front,
    )
    if delay is None:
        queues.queue(queue_name).enqueue("jobs.generation.run_item", item_id, **options)
    else:
        queues.enqueue_in(queue_name, delay, "jobs.generation.run_item", item_id, **options)


def _queue_of(app_id: str, params: dict[str, Any]) -> str:
    """The app's queue, unless the item names another: an app whose actions are both local
    work and remote model calls (Poster Editor's quick and advanced edits) sends each where
    it belongs."""
    if params.get("queue") in plugins.QUEUES:
        return params["queue"]
    plugin = plugins.get(app_id)
    return plugin.queue if plugin else "media"


# ------------------------------------------------------------------ running one item


def run_item(
    item_id: str, runner_for: Callable[[str], ItemRunner], job_id: str | None = None
) -> str:
    """The body of an item's job; `runner_for(app_id)` gives the app's runner. Safe to run
    twice: a finished item is left alone, the output key is fixed and the capture is keyed by
    the item. `job_id`, the RQ job running it: a job the item no longer runs under (a
    check-back's job queued twice) is skipped."""
    with session_scope() as db:
        item = db.get(GenerationItem, item_id)
        generation = db.get(Generation, item.generation_id) if item else None
        if item is None or generation is None or item.status in TERMINAL:
            return "skipped"
        lock_account(db, generation.user_id)
        db.refresh(item)
        db.refresh(generation)
        if item.status in TERMINAL or (job_id and item.job_id and item.job_id != job_id):
            return "skipped"  # cancelled meanwhile, or a stale job
        waited = item.status == "running" and bool(item.params.get(WAITING))
        if generation.cancel_requested:
            item.status, item.finished_at = "cancelled", utcnow()
            outcome = "cancelled"
        else:
            # Every run counts as an attempt (a worker killed mid-look is one); a run that ends
            # in CheckBack gives its attempt back (_wait_remotely).
            if not waited:
                item.started_at = utcnow()
            item.status, item.attempts = "running", item.attempts + 1
            if item.params.get(WAITING):
                item.params = {k: v for k, v in item.params.items() if k != WAITING}
            if generation.status == "queued":
                generation.status, generation.started_at = "running", utcnow()
            outcome = "running"
        context = _context(item, generation)
    if outcome == "cancelled" and waited:
        _cancel_remote(context)
    _announce(context)
    if outcome != "cancelled":
        workdir = Path(tempfile.mkdtemp(prefix=f"lumiku-{item_id[:8]}-"))
        context.workdir = workdir
        try:
            outcome = _produce(context, runner_for)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
    finish_if_done(context.generation_id)
    admit(context.user_id)  # this item's place goes to the user's next one
    return outcome


def _context(item: GenerationItem, generation: Generation) -> ItemContext:
    return ItemContext(
        item_id=item.id,
        generation_id=generation.id,
        user_id=generation.user_id,
        app_id=generation.app_id,
        index=item.index,
        params=dict(item.params),
        settings=dict(generation.settings),
        workdir=Path(),
        file_stem=file_stem(generation),
    )


def _produce(ctx: ItemContext, runner_for: Callable[[str], ItemRunner]) -> str:
    try:
        output = runner_for(ctx.app_id)(ctx)
        key = f"outputs/{ctx.user_id}/{ctx.generation_id}/{ctx.index + 1:03d}{output.suffix}"
        name = f"{ctx.file_stem}-{ctx.index + 1:02d}{output.suffix}"
        stored = [files.store_output(ctx.user_id, output, key, name).id]
        try:  # the item is paid for and marked done in one transaction, or neither
            if ctx.thumbnail is not None:
                thumb_key = f"{key.rsplit('.', 1)[0]}-thumbnail.jpg"
                thumb_name = f"{ctx.file_stem}-{ctx.index + 1:02d}-thumbnail.jpg"
                stored.append(
                    files.store_output(ctx.user_id, ctx.thumbnail, thumb_key, thumb_name).id
                )
            with session_scope() as db:
                hold_id = db.get(Generation, ctx.generation_id).hold_id
                price = int(ctx.params.get("price", 0))
                billing.capture_in(db, hold_id, price, f"item:{ctx.item_id}")
                _finish_item(db, ctx, "succeeded", file_ids=stored)
                plugin = plugins.get(ctx.app_id)
                if plugin is not None and plugin.deliver:
                    plugin.load("deliver")(db, ctx, stored)
        except BaseException:
            files.delete_files(ctx.user_id, stored)  # not delivered: not kept either
            raise
        _announce(ctx)
        return "succeeded"
    except Cancelled:
        _end_item(ctx, "cancelled")
        return "cancelled"
    except CheckBack as wait:
        return _wait_remotely(ctx, wait)
    except OperationalError as exc:
        # The database went away mid-item (restarted, say): nothing of this run was recorded,
        # so RQ runs the item again after its backoff, as for any passing failure.
        log.warning("item %s: database unavailable; to be retried", ctx.item_id)
        raise TransientError("service_interrupted") from exc
    except TransientError as exc:
        if _attempts(ctx.item_id) < MAX_ATTEMPTS:
            _back_to_queue(ctx)
            raise  # RQ retries the job after its backoff (RETRY)
        _end_item(ctx, "failed", error=exc.code)
        return "failed"
    except (ItemFailed, ServiceError) as exc:
        # Item errors are shown without values, so a full quota gets its short message.
        code = "storage_full" if exc.code == "storage_quota_exceeded" else exc.code
        _end_item(ctx, "failed", error=code)
        return "failed"
    except Exception:
        log.exception("item %s of generation %s failed", ctx.index, ctx.generation_id)
        _end_item(ctx, "failed", error="item_failed")
        return "failed"


def _wait_remotely(ctx: ItemContext, wait: CheckBack) -> str:
    """The runner's work goes on elsewhere: the item keeps running, its state is stored, its
    attempt is given back and its job is scheduled again (the worker is free meanwhile). A
    generation cancelled during this run ends here instead, its remote work stopped."""
    with session_scope() as db:
        generation = db.get(Generation, ctx.generation_id)
        lock_account(db, generation.user_id)
        db.refresh(generation)
        item = db.get(GenerationItem, ctx.item_id)
        db.refresh(item)
        if item.status in TERMINAL:
            return item.status
        ctx.params = {**ctx.params, REMOTE: wait.state}
        if generation.cancel_requested:
            item.params = {**item.params, REMOTE: wait.state}
            item.status, item.finished_at = "cancelled", utcnow()
            cancelled = True
        else:
            cancelled = False
            item.params = {**item.params, REMOTE: wait.state, WAITING: True}
            item.attempts = max(0, item.attempts - 1)
            if wait.progress is not None and math.isfinite(float(wait.progress)):
                item.progress = max(0, min(99, int(wait.progress)))
            item.job_id = _job_id(item)
            job_id, progress = item.job_id, item.progress
        queue_name = _queue_of(ctx.app_id, item.params)
    if cancelled:
        _cancel_remote(ctx)
        _announce(ctx)
        return "cancelled"
    _enqueue_item(ctx.item_id, ctx.index, job_id, ctx.app_id, queue_name, delay=wait.seconds)
    events.publish(
        ctx.user_id,
        "generation",
        generation=ctx.generation_id,
        item=str(ctx.index),
        progress=str(progress),
        stage=wait.stage[:100],
    )
    return "waiting"


def _cancel_remote(ctx: ItemContext) -> None:
    """The app's `cancel_remote` part on an item that waited remotely; best effort: a failure
    is logged, the item is cancelled (and refunded) all the same."""
    plugin = plugins.get(ctx.app_id)
    if plugin is None or not plugin.cancel_remote or not ctx.params.get(REMOTE):
        return
    try:
        plugin.load("cancel_remote")(ctx)
    except Exception:
        log.warning("could not stop item %s's remote work", ctx.item_id, exc_info=True)


def fail_lost_item(item_id: str, job_id: str, transient: bool, error: str = "item_failed") -> bool:
    """RQ's failure callback: the job died outside our own handling (killed on timeout, or out
    of retries). Ends the item as failed with `error` (a message key: the last attempt's own,
    such as `service_interrupted`) and finishes the generation; True if it did. A job the item
    no longer runs under (the reconciler gave it a new one) changes nothing."""
    with session_scope() as db:
        item = db.get(GenerationItem, item_id)
        if item is None or item.status in TERMINAL or item.job_id != job_id:
            return False
        if transient and item.attempts < MAX_ATTEMPTS:
            return False  # RQ retries it
        generation = db.get(Generation, item.generation_id)
        lock_account(db, generation.user_id)
        db.refresh(item)
        if item.status in TERMINAL or item.job_id != job_id:
            return False
        item.status, item.error, item.finished_at = "failed", error, utcnow()
        generation_id, user_id, index = item.generation_id, generation.user_id, item.index
    events.publish(user_id, "generation", generation=generation_id, item=str(index))
    finish_if_done(generation_id)
    admit(user_id)
    return True


def _attempts(item_id: str) -> int:
    with session_scope() as db:
        return db.get(GenerationItem, item_id).attempts


def _back_to_queue(ctx: ItemContext) -> None:
    """A transient failure: the item waits, queued, for RQ's retry."""
    with session_scope() as db:
        item = db.get(GenerationItem, ctx.item_id)
        item.status, item.progress = "queued", 0


def _finish_item(
    db: Session,
    ctx: ItemContext,
    status: str,
    *,
    file_ids: list[str] | None = None,
    error: str = "",
) -> None:
    """`file_ids`: the output's, then its thumbnail's if it has one."""
    item = db.get(GenerationItem, ctx.item_id)
    if item.status in TERMINAL:
        return
    item.status, item.finished_at, item.error = status, utcnow(), error
    item.progress = 100 if status == "succeeded" else item.progress
    item.file_id, item.thumbnail_id = ([*(file_ids or [])] + [None, None])[:2]


def _end_item(ctx: ItemContext, status: str, *, error: str = "") -> None:
    with session_scope() as db:
        _finish_item(db, ctx, status, error=error)
    _announce(ctx)


def _announce(ctx: ItemContext) -> None:
    events.publish(ctx.user_id, "generation", generation=ctx.generation_id, item=str(ctx.index))


def finish_if_done(generation_id: str) -> str | None:
    """When every item has ended: the generation's status, its cost, and the hold settled once."""
    with session_scope() as db:
        generation = db.get(Generation, generation_id)
        if generation is None:
            return None
        lock_account(db, generation.user_id)
        db.refresh(generation)
        items = db.exec(
            select(GenerationItem).where(GenerationItem.generation_id == generation_id)
        ).all()
        done = [i for i in items if i.status == "succeeded"]
        generation.progress = round(100 * sum(i.status in TERMINAL for i in items) / len(items))
        if any(i.status in ACTIVE for i in items):
            return generation.status
        if generation.status in (*TERMINAL, "partly_succeeded"):
            return generation.status
        if len(done) == len(items):
            generation.status = "succeeded"
        elif generation.cancel_requested:
            generation.status = "cancelled"
        elif done:
            generation.status = "partly_succeeded"
        else:
            generation.status = "failed"
            generation.error = next((i.error for i in items if i.error), "item_failed")
        generation.finished_at, generation.progress = utcnow(), 100
        generation.cost = sum(int(i.params.get("price", 0)) for i in done)
        status, user_id = generation.status, generation.user_id
        outcome = {
            "succeeded": "succeeded",
            "partly_succeeded": "succeeded",
            "cancelled": "cancelled",
        }.get(status, "failed")
        hold = db.get(Hold, generation.hold_id)
        if hold is not None:  # the status and the refund commit together
            billing.settle_in(db, hold, outcome)
    events.publish(user_id, "billing")
    with contextlib.suppress(redis.RedisError):  # it expires by itself
        get_redis().delete(_cancel_key(generation_id))
    events.publish(user_id, "generation", generation=generation_id, status=status)
    return status


# ------------------------------------------------------------------ user actions


def _owned(db: Session, user_id: int, generation_id: str) -> Generation:
    generation = db.get(Generation, generation_id) if isinstance(generation_id, str) else None
    if generation is None or generation.user_id != user_id:
        raise NotFound()
    return generation


def cancel(user_id: int, generation_id: str) -> None:
    """Stops queued and running work; what was produced is paid, the rest returned."""
    with session_scope() as db:
        generation = _owned(db, user_id, generation_id)
        lock_account(db, user_id)
        if generation.status not in ACTIVE:
            raise ServiceError("generation_not_active")
        generation.cancel_requested = True
        get_redis().set(_cancel_key(generation_id), 1, ex=24 * 3600)
        active = db.exec(
            select(GenerationItem).where(
                GenerationItem.generation_id == generation_id, GenerationItem.status.in_(ACTIVE)
            )
        ).all()
        # Queued items, and running ones that only wait on a provider (no worker runs them
        # now): cancelled here. Running ones stop at their next progress report.
        queued = [i for i in active if i.status == "queued" or i.params.get(WAITING)]
        waiting = [_context(i, generation) for i in queued if i.params.get(WAITING)]
        for item in queued:
            item.status, item.finished_at = "cancelled", utcnow()
        jobs = [item.job_id for item in queued if item.job_id]
    for job_id in jobs:
        queues.cancel_job(job_id)
    for ctx in waiting:
        _cancel_remote(ctx)
    finish_if_done(generation_id)
    admit(user_id)  # the user's other work takes the freed places
    events.publish(user_id, "generation", generation=generation_id)


def retry_failed(user_id: int, generation_id: str, key: str) -> int:
    """Runs the failed items again under a new hold, for their price only."""
    with session_scope() as db:
        generation = _owned(db, user_id, generation_id)
        lock_account(db, user_id)  # two clicks at once: the second finds nothing to retry
        db.refresh(generation)
        if generation.status not in ("failed", "partly_succeeded"):
            raise ServiceError("generation_nothing_to_retry")
        failed = db.exec(
            select(GenerationItem).where(
                GenerationItem.generation_id == generation_id, GenerationItem.status == "failed"
            )
        ).all()
        if not failed:
            raise ServiceError("generation_nothing_to_retry")
        reservation = billing.charge_in(
            db,
            user_id,
            generation.app_id,
            generation.model_key,
            generation.settings.get("price_params", {}),
            quantity=len(failed),
            key=key,
            description=f"{generation.title} ↻",  # ledger text carries no language
            reference=("generation", generation_id),
        )
        prices = item_prices(reservation.amount, len(failed))
        for item, price in zip(failed, prices, strict=True):
            item.status, item.error, item.progress, item.job_id = "queued", "", 0, ""
            item.attempts = 0  # a paid retry gets every attempt again
            item.params = {**_own_params(item.params), "price": price}  # a fresh remote job too
            item.finished_at = None
        generation.status, generation.hold_id, generation.error = "queued", reservation.hold_id, ""
        generation.finished_at, generation.unit = None, reservation.unit
        retried = len(failed)
    events.publish(user_id, "billing")
    admit(user_id)
    return retried


def regenerate(user_id: int, generation_id: str, index: int, key: str) -> str:
    """Makes one output again from its stored parameters (its plan and seed), as a new
    generation priced by the same rules."""
    with session_scope() as db:
        generation = _owned(db, user_id, generation_id)
        item = db.exec(
            select(GenerationItem).where(
                GenerationItem.generation_id == generation_id, GenerationItem.index == index
            )
        ).first()
        if item is None:
            raise NotFound()
        params = {k: v for k, v in _own_params(item.params).items() if k != "price"}
        settings = {
            k: v for k, v in generation.settings.items() if k not in ("price_params", "output_name")
        }
        name = generation.settings.get("output_name", "")
        price_params = generation.settings.get("price_params", {})
        app_id, model_key = generation.app_id, generation.model_key
        title, project_id = f"{generation.title} · #{index + 1}", generation.project_id
    return submit(
        user_id,
        app_id,
        model_key,
        title=title,
        items=[params],
        settings=settings,
        price_params=price_params,
        key=key,
        project_id=project_id,
        name=name,
    )


def _own_params(params: dict[str, Any]) -> dict[str, Any]:
    """The item's parameters without what the engine kept about its last run."""
    return {k: v for k, v in params.items() if k not in (REMOTE, WAITING)}


def delete(user_id: int, generation_id: str) -> None:
    """Removes the generation and its outputs, freeing their space. Running work is cancelled
    first by the user."""
    with session_scope() as db:
        generation = _owned(db, user_id, generation_id)
        if generation.status in ACTIVE:
            raise ServiceError("generation_still_running")
        file_ids = [
            file_id
            for i in db.exec(
                select(GenerationItem).where(GenerationItem.generation_id == generation_id)
            ).all()
            for file_id in (i.file_id, i.thumbnail_id)
            if file_id
        ]
    files.delete_files(user_id, file_ids, kinds=("output",))  # kept ones (avatars) stay
    with session_scope() as db:
        db.delete(_owned(db, user_id, generation_id))
    events.publish(user_id, "generation", generation=generation_id, status="deleted")


# ------------------------------------------------------------------ the reconciler


def reconcile(stale_after: timedelta = STALE_AFTER, now: datetime | None = None) -> int:
    """At worker start and every few seconds (in every worker's maintenance thread, so it never
    waits behind renders): items whose job is gone (a worker killed mid-job, Redis flushed) are
    queued again at the front, or failed after MAX_ATTEMPTS; generations whose items have all
    ended are finished (a finish that failed once is done now); every user with waiting work
    gets their free places. Returns how many generations it touched."""
    now = now or utcnow()
    with session_scope() as db:
        candidates = db.exec(
            select(GenerationItem)
            .join(Generation, Generation.id == GenerationItem.generation_id)
            .where(
                GenerationItem.status.in_(ACTIVE),
                GenerationItem.job_id != "",
                Generation.created_at <= now,
            )
        ).all()
    touched: set[str] = set()
    for item in candidates:
        if queues.job_alive(item.job_id, stale_after):
            queues.release_overdue(item.job_id, OVERDUE_AFTER)  # a dead scheduler's, say
            continue
        with session_scope() as db:
            generation = db.get(Generation, item.generation_id)
            lock_account(db, generation.user_id)
            row = db.get(GenerationItem, item.id)
            db.refresh(row)
            if row.status not in ACTIVE or row.job_id != item.job_id:
                continue  # another reconciler or the job itself moved it on meanwhile
            if row.attempts >= MAX_ATTEMPTS:
                row.status, row.error, row.finished_at = "failed", "worker_lost", now
            else:
                row.status, row.progress, row.job_id = "queued", 0, ""
                row.attempts = max(row.attempts, 1)  # so it goes on at the front
                if row.params.get(WAITING):  # its remote state stays: the next run looks
                    row.params = {k: v for k, v in row.params.items() if k != WAITING}
            touched.add(row.generation_id)
    with session_scope() as db:
        unfinished = db.exec(
            select(Generation.id).where(
                Generation.status.in_(ACTIVE),
                ~select(GenerationItem.id)
                .where(
                    GenerationItem.generation_id == Generation.id,
                    GenerationItem.status.in_(ACTIVE),
                )
                .exists(),
            )
        ).all()
        waiting_users = db.exec(
            select(Generation.user_id)
            .join(GenerationItem, GenerationItem.generation_id == Generation.id)
            .where(GenerationItem.status == "queued", GenerationItem.job_id == "")
            .distinct()
        ).all()
    for generation_id in {*touched, *unfinished}:
        finish_if_done(generation_id)
    for user_id in waiting_users:
        admit(user_id)
    return len(touched | set(unfinished))


def work_state(reference_type: str, reference_id: str) -> str:
    """For billing's sweeper: is the generation behind a hold still running, or gone?"""
    if reference_type != "generation":
        return billing.IDLE
    with session_scope() as db:
        generation = db.get(Generation, reference_id)
        if generation is None:
            return billing.GONE
        return billing.WORKING if generation.status in ACTIVE else billing.IDLE


def sweep_holds() -> int:
    """Periodic: billing's sweeper, knowing which generations still run."""
    return billing.sweep_holds(work_state)


# ------------------------------------------------------------------ reading


@dataclass(frozen=True)
class ItemView:
    id: str
    index: int
    status: str
    progress: int
    error: str
    file: StoredFile | None
    thumbnail_id: str = ""  # a picture of the output, when the output is not one (a ZIP)


@dataclass(frozen=True)
class GenerationView:
    id: str
    app_id: str
    title: str
    status: str
    progress: int
    error: str
    unit: str
    cost: int
    created_at: datetime
    finished_at: datetime | None
    expires_at: datetime | None
    items: list[ItemView]
    zip_name: str = ""  # what its ZIP download is called


def _views(db: Session, generations: list[Generation]) -> list[GenerationView]:
    ids = [g.id for g in generations]
    items = db.exec(
        select(GenerationItem, StoredFile)
        .join(StoredFile, StoredFile.id == GenerationItem.file_id, isouter=True)
        .where(GenerationItem.generation_id.in_(ids))
        .order_by(GenerationItem.index)
    ).all()
    by_generation: dict[str, list[ItemView]] = {}
    for item, stored in items:
        by_generation.setdefault(item.generation_id, []).append(
            ItemView(
                item.id,
                item.index,
                item.status,
                item.progress,
                item.error,
                stored,
                item.thumbnail_id or "",
            )
        )
    views = []
    for g in generations:
        own = by_generation.get(g.id, [])
        expiries = [i.file.expires_at for i in own if i.file and i.file.expires_at]
        views.append(
            GenerationView(
                g.id,
                g.app_id,
                g.title,
                g.status,
                g.progress,
                g.error,
                g.unit,
                g.cost,
                g.created_at,
                g.finished_at,
                min(expiries) if expiries else None,
                own,
                zip_name(g),
            )
        )
    return views


def active_ids(user_id: int, app_id: str, project_id: str | None = None) -> list[str]:
    """The user's generations in an app (of one project, when given) still being made, oldest
    first: what an app's page shows progress for."""
    query = select(Generation.id).where(
        Generation.user_id == user_id,
        Generation.app_id == app_id,
        Generation.status.in_(ACTIVE),
    )
    if project_id is not None:
        query = query.where(Generation.project_id == project_id)
    with session_scope() as db:
        return list(db.exec(query.order_by(Generation.created_at, Generation.id)).all())


def get(user_id: int, generation_id: str) -> GenerationView:
    with session_scope() as db:
        return _views(db, [_owned(db, user_id, generation_id)])[0]


SORTS = {"newest": Generation.created_at.desc(), "oldest": Generation.created_at.asc()}
PAGE_SIZE = 10


@dataclass(frozen=True)
class GenerationPage:
    rows: list[GenerationView]
    page: int
    pages: int
    total: int


def list_for(
    user_id: int,
    *,
    app_id: str = "",
    project_id: str = "",
    status: str = "",
    sort: str = "newest",
    page: int = 1,
    page_size: int = PAGE_SIZE,
) -> GenerationPage:

    conditions = [Generation.user_id == user_id]
    if app_id:
        conditions.append(Generation.app_id == app_id)
    if status:
        conditions.append(Generation.status == status)
    if project_id:
        conditions.append(Generation.project_id == project_id)
    with session_scope() as db:
        order = SORTS.get(sort, SORTS["newest"]) if isinstance(sort, str) else SORTS["newest"]
        query = select(Generation).where(*conditions).order_by(order, Generation.id)
        found = paginate(db, query, page, page_size)
        return GenerationPage(_views(db, found.rows), found.page, found.pages, found.total)
