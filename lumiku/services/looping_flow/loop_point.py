"""The automatic loop point: the pair of frames inside a clip that look most alike, at least
`min_loop` apart, so that the loop [start, end) wraps from the frame before `end` back to
`start` with the least visible change.

The clip is decoded once by FFmpeg into tiny grey frames (32×18, a few per second); every pair
is compared in Pillow's C code, one lag at a time (all the frames against the frames `lag`
later, as two strips of one image), so a minute of clip takes a fraction of a second beyond its
decoding. No numpy.
"""

from __future__ import annotations

import array
import math
import subprocess
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops

from lumiku.services.errors import ServiceError

WIDTH, HEIGHT = 32, 18
MAX_RATE = 10.0  # frames sampled per second, at most
MAX_FRAMES = 600  # frames sampled in all, at most (the rate drops for long clips)
TIMEOUT = 60.0  # seconds for decoding (deblocking skipped: nobody sees these frames)
SCORE_SCALE = 40.0  # mean grey difference at which the score reaches 0
TIE = 0.5  # grey levels: pairs this close to the best count as equal; the longest loop wins


@dataclass(frozen=True)
class LoopPoint:
    start: float  # seconds into the clip
    end: float
    score: float  # 0–100, 100 = identical frames


def sample_rate(duration: float) -> float:
    return min(MAX_RATE, MAX_FRAMES / max(duration, 0.1))


def frames(path: Path, rate: float) -> list[bytes]:
    """The clip as tiny grey frames, `rate` per second."""
    try:
        result = subprocess.run(
            [
                *("ffmpeg", "-v", "error", "-nostdin", "-skip_loop_filter", "all"),
                *("-i", str(path), "-an", "-sn"),
                *("-vf", f"fps={rate:.6f},scale={WIDTH}:{HEIGHT}:flags=area,format=gray"),
                *("-f", "rawvideo", "-pix_fmt", "gray", "-"),
            ],
            capture_output=True,
            timeout=TIMEOUT,
        )
    except (subprocess.TimeoutExpired, OSError):
        raise ServiceError("file_unreadable") from None
    size = WIDTH * HEIGHT
    data = result.stdout
    if result.returncode != 0 or len(data) < 2 * size:
        raise ServiceError("file_unreadable")
    return [data[i : i + size] for i in range(0, len(data) - size + 1, size)]


def differences(strip: Image.Image, count: int, lag: int) -> list[float]:
    """Mean absolute grey difference between frame i and frame i + lag, for every i."""
    rows = count - lag
    diff = ImageChops.difference(
        strip.crop((0, 0, strip.width, rows)), strip.crop((0, lag, strip.width, lag + rows))
    )
    means = diff.convert("F").resize((1, rows), Image.Resampling.BOX)
    return array.array("f", means.tobytes()).tolist()


def find_loop(path: Path, duration: float, min_loop: float = 1.0) -> LoopPoint:
    """The best loop of the clip at least `min_loop` long (the whole clip when it is shorter
    than two loops' worth of frames)."""
    rate = sample_rate(duration)
    sampled = frames(path, rate)
    count = len(sampled)
    min_lag = max(1, math.ceil(min_loop * rate - 1e-9))
    if count <= min_lag:
        return LoopPoint(0.0, round(duration, 3), 0.0)
    # one row per frame: every pair at one lag is one C call over two strips of the image
    strip = Image.frombytes("L", (WIDTH * HEIGHT, count), b"".join(sampled))
    per_lag: list[tuple[float, int, int]] = []  # (difference, first, lag): the best per lag
    for lag in range(min_lag, count):
        values = differences(strip, count, lag)
        first = min(range(len(values)), key=values.__getitem__)
        per_lag.append((values[first], first, lag))
    least = min(value for value, _, _ in per_lag)
    value, first, lag = max((c for c in per_lag if c[0] <= least + TIE), key=lambda c: c[2])
    start, end = first / rate, min(duration, (first + lag) / rate)
    score = max(0.0, 100.0 * (1 - value / SCORE_SCALE))
    return LoopPoint(round(start, 3), round(end, 3), round(score, 1))
