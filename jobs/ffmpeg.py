"""Running FFmpeg from a job: bounded in time and output length, with progress, and never
outliving the job that started it. Every app that renders with FFmpeg goes through `run`."""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable


def time_limit(seconds: float) -> float:
    """The longest one FFmpeg run may take for `seconds` of output before it is stopped: far
    above any honest render (veryfast x264 runs many times real time here), so only a stuck
    or runaway process meets it."""
    return 120 + 20 * seconds


PR_SET_PDEATHSIG = 1
_prctl = ctypes.CDLL(None, use_errno=True).prctl  # looked up here, not in the forked child


def die_with_parent() -> None:
    """In a child process (FFmpeg before it starts, RQ's work horse): the kernel kills it when
    its parent dies, whatever killed the parent (a SIGKILL included)."""
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def run(
    args: list[str],
    seconds: float,
    progress: Callable[[float], None] | None,
    limit: float | None = None,
) -> None:
    """Runs FFmpeg and reports progress (0–100) from its `-progress` output. FFmpeg never
    outlives this call: whatever ends it (an error, a cancel raised by `progress`, RQ's job
    timeout, a Redis error, the time limit) kills FFmpeg's process group, and FFmpeg dies with
    the work horse. Its output is cut at the planned length plus a second. Errors go to a file,
    so a chatty FFmpeg can never fill a pipe and stall."""
    limit = time_limit(seconds) if limit is None else limit
    deadline = time.monotonic() + limit
    with tempfile.TemporaryFile(mode="w+") as errors:
        bound = ["-t", f"{seconds + 1:.3f}"] if seconds > 0 else []
        args = [*args[:-1], *bound, "-progress", "pipe:1", "-nostats", args[-1]]
        process = subprocess.Popen(
            args,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            start_new_session=True,  # its own group: one kill reaches anything it starts
            preexec_fn=die_with_parent,
        )
        watchdog = threading.Timer(max(0.0, deadline - time.monotonic()), stop, [process])
        watchdog.start()
        try:
            assert process.stdout is not None
            for line in process.stdout:
                if progress and (match := re.match(r"out_time_us=(\d+)", line)):
                    progress(min(99.0, int(match.group(1)) / 1e6 / max(seconds, 0.001) * 100))
            code = process.wait()
        finally:
            watchdog.cancel()
            stop(process)
        if time.monotonic() >= deadline:
            raise RuntimeError(f"ffmpeg took longer than {limit:.0f} s")
        if code != 0:
            errors.seek(0)
            raise RuntimeError(f"ffmpeg failed: {errors.read()[-500:]}")


def stop(process: subprocess.Popen) -> None:
    """Kills FFmpeg's process group if it still runs, and reaps it."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
