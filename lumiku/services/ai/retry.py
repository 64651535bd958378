"""Retries for transient provider errors (a loading model, a rate limit, a dropped connection).

Only TransientAIError is retried: a refusal, a bad key or a bad reply fails the same way twice.
The provider's own wait (Retry-After, estimated_time) beats our backoff; every wait is capped so
a worker is never parked for long. After the last attempt the error goes up and the engine
retries the whole job later.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from lumiku.services.ai.base import TransientAIError

T = TypeVar("T")
log = logging.getLogger(__name__)


def pause(seconds: float) -> None:
    """The wait the public calls use between attempts (tests replace it to record waits)."""
    time.sleep(seconds)


def with_retries(
    call: Callable[[], T],
    *,
    attempts: int = 3,
    base_delay: float = 2.0,
    max_wait: float = 60.0,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """`call()`, tried up to `attempts` times while it raises TransientAIError, waiting
    `retry_after` when the provider gave one, else base_delay * 2**n, never more than max_wait."""
    if attempts < 1:
        raise ValueError("attempts must be at least 1")
    for attempt in range(attempts):
        try:
            return call()
        except TransientAIError as error:
            if attempt + 1 >= attempts:
                raise
            wait = error.retry_after if error.retry_after is not None else base_delay * 2**attempt
            wait = min(max(wait, 0.0), max_wait)
            log.info("AI call busy (%s); attempt %d again in %.1f s", error, attempt + 2, wait)
            sleep(wait)
    raise AssertionError("unreachable")  # pragma: no cover
