"""Looping Flow's rules: settings, layers, the price, the output's size and the length of one
seamless unit. Pure Python (no FFmpeg, no database), so every rule is unit-tested on its own;
`render` turns them into FFmpeg commands.

A loop is made as one seamless *unit* encoded once and repeated by stream copy up to the target:

- simple: the loop [loop_in, loop_out) as it is (a hard cut where it wraps, as the user chose);
- crossfade: the loop's last `crossfade` seconds blended into its head, so the unit's end flows
  into its own start (the unit is the loop less the crossfade);
- boomerang: the loop forward, then backward without repeating the turning frames.

Fixed from the original: layers really applied, boomerang sound reversed with the picture, no cut
every 25 loops, and the picture never shorter than the sound.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

from lumiku.models import AIModel
from lumiku.services import pricing
from lumiku.services.errors import ServiceError

STYLES = ("simple", "crossfade", "boomerang")
MIN_TARGET = 10  # seconds
MAX_TARGET = 12 * 3600
MAX_LAYERS = 3
MIN_LOOP = 1.0  # seconds: the shortest loop a clip may give
# The longest boomerang loop: its backward half is made by reversing the picture in memory,
# two seconds at a time, each from its own reader (a reader per two seconds of loop).
MAX_BOOMERANG_LOOP = 30.0
MIN_CROSSFADE, MAX_CROSSFADE = 0.5, 2.0
MAX_FADE = 10.0
DEFAULT_FPS = 30
MAX_FPS = 60
MAX_SIDE = 1920  # the output's long side: a 4K phone clip becomes 1080p
AUDIO_RATE = 48000
AUDIO_BITRATE = 192_000  # bits per second, AAC stereo (the original's 192k)
# The picture's average bitrate by the output's pixel count (ABR with a capped peak, so the
# estimate shown before paying is the size the file really has, give or take a few per cent).
VIDEO_BITRATES = ((640 * 360, 900_000), (854 * 480, 1_400_000), (1280 * 720, 2_500_000))
VIDEO_BITRATE_MAX = 4_500_000
CONTAINER_OVERHEAD = 1.01


@dataclass(frozen=True)
class LoopSettings:
    style: str = "crossfade"  # simple | crossfade | boomerang
    # Seconds of blend at the seam (0.5–2.0). At render time it is also held to a quarter of
    # the loop's length, so a short loop keeps most of its picture unblended.
    crossfade: float = 1.0
    target: int = 600  # whole seconds of output, MIN_TARGET..MAX_TARGET
    loop_in: float = 0.0  # seconds into the clip where the loop starts
    loop_out: float = 0.0  # seconds into the clip where it ends; 0 = the clip's end
    original: str = "keep"  # keep | mute: the clip's own sound
    original_volume: int = 100  # % (0–200)
    master_volume: int = 100  # % (0–100)
    fade_in: float = 2.0  # seconds, the whole sound's fade in at the start (0–10)
    fade_out: float = 2.0  # seconds, its fade out at the end (0–10)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Layer:
    """One uploaded sound laid over the whole loop, looped with a crossfade at its own seam."""

    file_id: str
    volume: int = 100  # % (0–200)
    muted: bool = False
    fade_in: float = 0.0  # seconds (0–10), at the start of the output
    fade_out: float = 0.0  # seconds (0–10), at its end

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


CHOICES = {"style": STYLES, "original": ("keep", "mute")}
RANGES: dict[str, tuple[float, float]] = {
    "crossfade": (MIN_CROSSFADE, MAX_CROSSFADE),
    "target": (MIN_TARGET, MAX_TARGET),
    "loop_in": (0.0, 24 * 3600.0),
    "loop_out": (0.0, 24 * 3600.0),
    "original_volume": (0, 200),
    "master_volume": (0, 100),
    "fade_in": (0.0, MAX_FADE),
    "fade_out": (0.0, MAX_FADE),
    "volume": (0, 200),
}


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _field(name: str, value: Any, default: Any) -> Any:
    """One value of the shape its default has, inside its range; the field is named if not."""
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ServiceError("parameter_invalid", name=name)
        return value
    if isinstance(default, str):
        if not isinstance(value, str) or len(value) > 64:
            raise ServiceError("parameter_invalid", name=name)
        if name in CHOICES and value not in CHOICES[name]:
            raise ServiceError("parameter_invalid", name=name)
        return value
    if not _is_number(value):
        raise ServiceError("parameter_invalid", name=name)
    if name == "target" and value != int(value):
        raise ServiceError("parameter_invalid", name=name)  # whole seconds
    low, high = RANGES[name]
    if not low <= value <= high:
        raise ServiceError("parameter_out_of_range", name=name, low=low, high=high)
    if isinstance(default, int):
        return int(round(value))
    return float(value)


def _fields(raw: Any, defaults: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise ServiceError("looping_flow_settings_invalid")
    return {
        name: default if name in skip else _field(name, raw.get(name, default), default)
        for name, default in defaults.to_dict().items()
    }


def parse_settings(raw: dict[str, Any], clip_seconds: float | None = None) -> LoopSettings:
    """Every option checked, missing ones at their defaults, the field named in a refusal.
    With `clip_seconds`, the loop points must lie inside the clip, MIN_LOOP apart at least."""
    settings = LoopSettings(**_fields(raw, LoopSettings()))
    if clip_seconds is not None:
        loop_bounds(settings, clip_seconds)
    return settings


def loop_bounds(settings: LoopSettings, clip_seconds: float) -> tuple[float, float]:
    """The loop's (start, end) in the clip, `loop_out == 0` read as the clip's end."""
    if not _is_number(clip_seconds) or clip_seconds < MIN_LOOP:
        raise ServiceError("looping_flow_clip_too_short", seconds=MIN_LOOP)
    start, end = settings.loop_in, settings.loop_out or clip_seconds
    if start > clip_seconds - MIN_LOOP:
        high = round(clip_seconds - MIN_LOOP, 2)
        raise ServiceError("parameter_out_of_range", name="loop_in", low=0, high=high)
    if not start + MIN_LOOP <= end <= clip_seconds + 0.01:
        low, high = round(start + MIN_LOOP, 2), round(clip_seconds, 2)
        raise ServiceError("parameter_out_of_range", name="loop_out", low=low, high=high)
    if settings.style == "boomerang" and end - start > MAX_BOOMERANG_LOOP + 0.01:
        raise ServiceError("looping_flow_boomerang_too_long", seconds=int(MAX_BOOMERANG_LOOP))
    return start, min(end, clip_seconds)


def parse_layer(raw: dict[str, Any]) -> Layer:
    """A layer's options checked like the settings; its file's ownership is the service's."""
    values = _fields(raw, Layer(file_id=""), skip=("file_id",))
    file_id = raw.get("file_id", "") if isinstance(raw, dict) else ""
    if not isinstance(file_id, str) or not 0 < len(file_id) <= 64:
        raise ServiceError("parameter_invalid", name="file_id")
    return Layer(**{**values, "file_id": file_id})


# ------------------------------------------------------------------ price


def credits_for(target_seconds: int) -> int:
    """The original's formula: 2 credits per started 10 minutes (2 at least), plus 2 per
    started hour beyond 5 hours. 10 min → 2, 60 → 12, 5 h → 60, 6 h → 74, 8 h → 102."""
    base = max(2, -(-target_seconds // 600) * 2)
    beyond = target_seconds - 5 * 3600
    return base + (-(-beyond // 3600) * 2 if beyond > 0 else 0)


def price_rule(model: AIModel, params: dict[str, Any], quantity: int) -> pricing.Price:
    target = _field("target", params.get("target", LoopSettings.target), LoopSettings.target)
    return pricing.Price(credits=credits_for(target) * quantity, quota=model.quota_cost * quantity)


# ------------------------------------------------------------------ sizes and lengths


def output_size(width: int | None, height: int | None) -> tuple[int, int]:
    """The clip's own size, held to MAX_SIDE on its long side, in even numbers (x264)."""
    width, height = width or 1280, height or 720
    scale = min(1.0, MAX_SIDE / max(width, height))
    return max(2, round(width * scale / 2) * 2), max(2, round(height * scale / 2) * 2)


def video_bitrate(width: int, height: int) -> int:
    """Bits per second for an output of this size."""
    pixels = width * height
    return next((rate for limit, rate in VIDEO_BITRATES if pixels <= limit), VIDEO_BITRATE_MAX)


def estimated_bytes(settings: LoopSettings, width: int | None, height: int | None) -> int:
    """The output's size for a clip of `width`×`height`: the picture's average bitrate and the
    sound's over the target, plus the container."""
    out_w, out_h = output_size(width, height)
    bits = (video_bitrate(out_w, out_h) + AUDIO_BITRATE) * settings.target
    return math.ceil(bits / 8 * CONTAINER_OVERHEAD)


def output_fps(source_fps: float | None) -> int:
    """A whole frame rate near the clip's (29.97 → 30), at most MAX_FPS: every frame then holds
    a whole number of audio samples at 48 kHz, so picture and sound repeat in step."""
    if not source_fps or not math.isfinite(source_fps) or source_fps <= 0:
        return DEFAULT_FPS
    return max(1, min(MAX_FPS, round(source_fps)))


def crossfade_frames(settings: LoopSettings, loop_frames: int, fps: int) -> int:
    """Frames blended at the seam: the chosen crossfade, at most a quarter of the loop."""
    return max(1, min(round(settings.crossfade * fps), loop_frames // 4))


def loop_frames(settings: LoopSettings, clip_seconds: float, fps: int) -> int:
    """Whole frames of the loop [loop_in, loop_out) at `fps`."""
    start, end = loop_bounds(settings, clip_seconds)
    return max(4, math.floor((end - start) * fps + 1e-6))


def unit_frames(settings: LoopSettings, clip_seconds: float, fps: int) -> int:
    """Frames in one seamless unit: the loop (simple), the loop less its crossfade, or the loop
    forward and back without its two turning frames (boomerang)."""
    n = loop_frames(settings, clip_seconds, fps)
    if settings.style == "crossfade":
        return n - crossfade_frames(settings, n, fps)
    if settings.style == "boomerang":
        return 2 * n - 2
    return n


def unit_seconds(settings: LoopSettings, clip_seconds: float, fps: int = DEFAULT_FPS) -> float:
    """How long one seamless unit lasts (see unit_frames)."""
    return unit_frames(settings, clip_seconds, fps) / fps


def total_frames(settings: LoopSettings, fps: int) -> int:
    """The output's frames: the target, met to one frame."""
    return max(1, round(settings.target * fps))
