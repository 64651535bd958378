"""Video Mixer's rules: settings, price, combination count, strength, duration and the plan of each
variant. Pure Python (no FFmpeg, no database), so every rule is unit-tested on its own; the job
turns a plan into one FFmpeg filter graph.

Fixed from the original: an exact big-integer combination count (never "Infinity"), resolution
applied to the output, speeds kept inside atempo's 0.5–2.0, a fixed first clip that really stays
first, and variants that differ from one another while the combinations allow.
"""

from __future__ import annotations

import math
import random
from dataclasses import asdict, dataclass, field
from typing import Any

from lumiku.models import AIModel
from lumiku.services import pricing
from lumiku.services.errors import ServiceError

MIN_SPEED, MAX_SPEED = 0.5, 2.0
RESOLUTIONS = {"480p": 480, "720p": 720, "1080p": 1080, "4k": 2160}  # the short side
RESOLUTION_COST = {"480p": 0, "720p": 2, "1080p": 5, "4k": 10}
BITRATES = {"low": "1000k", "medium": "2500k", "high": "5000k"}
FRAME_RATES = (24, 30, 60)
ASPECTS = {"9:16": (9, 16), "16:9": (16, 9), "1:1": (1, 1), "4:5": (4, 5)}


@dataclass(frozen=True)
class Look:
    """What a "metadata look" writes: the original's two tags, plus the container details the
    app's own exports carry (the MP4 brand and the streams' handler names)."""

    tags: dict[str, str]
    brand: str
    video_handler: str
    audio_handler: str


METADATA = {
    "capcut": Look(
        {"encoder": "CapCut", "comment": "Made with CapCut"}, "isom", "VideoHandler", "SoundHandler"
    ),
    "tiktok": Look(
        {"encoder": "TikTok", "comment": "TikTok Video"}, "isom", "VideoHandler", "SoundHandler"
    ),
    "instagram": Look(
        {"encoder": "Instagram", "comment": "Instagram Reels"},
        "mp42",
        "Core Media Video",
        "Core Media Audio",
    ),
    "youtube": Look(
        {"encoder": "YouTube", "comment": "YouTube Video"},
        "mp42",
        "ISO Media file produced by Google Inc.",
        "ISO Media file produced by Google Inc.",
    ),
    "clean": Look({}, "isom", "", ""),  # strips every tag
}
STRENGTH_LABELS = ("none", "weak", "fair", "good", "strong", "excellent")
MAX_VARIANTS = 100
# The longest video a variant may be: a render's cost grows with its length, and the price per
# video does not. Fixed-length videos are capped at the same figure.
MAX_VIDEO_SECONDS = 600


@dataclass(frozen=True)
class MixSettings:
    order_mixing: bool = True
    different_start: bool = False
    fixed_first_clip: str = ""  # a clip id that opens every variant
    group_mixing: bool = False
    group_mode: str = "sequential"  # sequential | random
    speed_variations: bool = False
    speed_min: float = MIN_SPEED
    speed_max: float = MAX_SPEED
    # "clean" by default: a look that writes another app's name ("Made with CapCut") into every
    # file is a choice the user makes, not something they find out about later.
    metadata: str = "clean"
    resolution: str = "720p"
    bitrate: str = "medium"
    fps: int = 30
    # Vertical by default (TikTok, Reels, Shorts and Shopee Video are 9:16); while
    # `aspect_auto` holds, a project's aspect follows its clips (see `aspect_for`) until the
    # user picks one.
    aspect: str = "9:16"
    aspect_auto: bool = True
    fit: str = "bars"  # bars (pad) | crop (fill)
    duration_type: str = "original"  # original | fixed
    fixed_duration: float = 30.0
    distribution: str = "speed"  # speed | equal | proportional | weighted
    audio: str = "keep"  # keep | mute
    visual_variation: bool = False  # slight zoom, mirror, colour jitter per variant

    @property
    def smart_distribution(self) -> bool:
        return self.duration_type == "fixed" and self.distribution != "speed"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


CHOICES: dict[str, tuple] = {
    "group_mode": ("sequential", "random"),
    "metadata": tuple(METADATA),
    "resolution": tuple(RESOLUTIONS),
    "bitrate": tuple(BITRATES),
    "fps": FRAME_RATES,
    "aspect": tuple(ASPECTS),
    "fit": ("bars", "crop"),
    "duration_type": ("original", "fixed"),
    "distribution": ("speed", "equal", "proportional", "weighted"),
    "audio": ("keep", "mute"),
}


def aspect_for(sizes: list[tuple[int | None, int | None]]) -> str | None:
    """The aspect the clips were shot in, by majority: portrait → 9:16, landscape → 16:9,
    square (within 5 %) → 1:1; None when no clip's size is known. Ties go to 9:16."""
    votes = {"9:16": 0, "16:9": 0, "1:1": 0}
    for width, height in sizes:
        if not width or not height:
            continue
        ratio = width / height
        votes["1:1" if abs(ratio - 1) <= 0.05 else "16:9" if ratio > 1 else "9:16"] += 1
    if not any(votes.values()):
        return None
    return max(votes, key=lambda name: votes[name])  # dicts keep order: ties go to 9:16


def parse_settings(raw: dict[str, Any]) -> MixSettings:
    """Every option checked, with the field named in the error; unknown fields are refused."""
    if not isinstance(raw, dict):
        raise ServiceError("parameter_invalid", name="settings")
    defaults = MixSettings()
    values: dict[str, Any] = {}
    for name, default in defaults.to_dict().items():
        value = raw.get(name, default)
        if isinstance(default, bool):
            ok = isinstance(value, bool)
        elif isinstance(default, float):
            ok = (
                isinstance(value, int | float)
                and not isinstance(value, bool)
                and math.isfinite(value)
            )
            value = float(value) if ok else value
        elif isinstance(default, int):
            ok = isinstance(value, int) and not isinstance(value, bool)
        else:
            ok = isinstance(value, str) and len(value) <= 64
        if not ok or (name in CHOICES and value not in CHOICES[name]):
            raise ServiceError("parameter_invalid", name=name)
        values[name] = value
    unknown = set(raw) - set(values)
    if unknown:
        raise ServiceError("parameter_invalid", name=sorted(unknown)[0])
    for name in ("speed_min", "speed_max"):
        if not MIN_SPEED <= values[name] <= MAX_SPEED:
            raise ServiceError("parameter_out_of_range", name=name, low=MIN_SPEED, high=MAX_SPEED)
    if values["speed_min"] > values["speed_max"]:
        raise ServiceError(
            "parameter_out_of_range", name="speed_min", low=MIN_SPEED, high=values["speed_max"]
        )
    if not 1 <= values["fixed_duration"] <= MAX_VIDEO_SECONDS:
        raise ServiceError(
            "parameter_out_of_range", name="fixed_duration", low=1, high=MAX_VIDEO_SECONDS
        )
    return MixSettings(**values)


# ------------------------------------------------------------------ price


def cost_per_video(s: MixSettings) -> int:
    """The original's formula; visual variation is priced like speed variations."""
    return (
        1
        + s.order_mixing
        + 2 * (s.group_mixing and s.group_mode == "random")
        + s.speed_variations
        + s.visual_variation
        + RESOLUTION_COST[s.resolution]
        + 2 * (s.bitrate == "high")
        + 3 * (s.fps == 60)
        + s.smart_distribution
    )


def price_rule(model: AIModel, params: dict[str, Any], quantity: int) -> pricing.Price:
    settings = parse_settings(params.get("settings", {}))
    return pricing.Price(
        credits=cost_per_video(settings) * quantity, quota=model.quota_cost * quantity
    )


# ------------------------------------------------------------------ estimate


@dataclass(frozen=True)
class Clip:
    id: str
    duration: float
    group: str = ""  # "" when not in a group


def _groups(clips: list[Clip], s: MixSettings) -> list[list[Clip]]:
    """Group mode uses one clip from each non-empty group, in group order (ungrouped clips are
    left out, as in the original); otherwise every clip is used."""
    if not s.group_mixing:
        return [[clip] for clip in clips]
    by_group: dict[str, list[Clip]] = {}
    for clip in clips:
        if clip.group:
            by_group.setdefault(clip.group, []).append(clip)
    return list(by_group.values())


def used_clips(clips: list[Clip], s: MixSettings) -> list[Clip]:
    """The clips these settings draw from (group mode leaves ungrouped clips out)."""
    return [clip for slot in _groups(clips, s) for clip in slot]


def combinations(clips: list[Clip], s: MixSettings) -> int:
    """How many different clip sequences these settings can make: an exact integer."""
    slots = _groups(clips, s)
    if not slots:
        return 0
    picks = math.prod(len(slot) for slot in slots) if s.group_mixing else 1
    movable = len(slots) - (
        1
        if s.fixed_first_clip and any(c.id == s.fixed_first_clip for slot in slots for c in slot)
        else 0
    )
    if s.order_mixing:
        orders = math.factorial(movable)
    elif s.different_start:
        orders = max(1, movable)
    else:
        orders = 1
    return picks * orders


def strength(s: MixSettings) -> tuple[int, str]:
    score = (
        s.order_mixing
        + s.different_start
        + s.speed_variations
        + s.visual_variation
        + ((2 if s.group_mode == "random" else 1) if s.group_mixing else 0)
    )
    score = min(5, score)
    return score, STRENGTH_LABELS[score]


def estimated_duration(clips: list[Clip], s: MixSettings) -> float:
    """How long each video will be; refused past MAX_VIDEO_SECONDS."""
    if s.duration_type == "fixed":
        return s.fixed_duration
    slots = _groups(clips, s)
    total = sum(sum(c.duration for c in slot) / len(slot) for slot in slots)
    if s.speed_variations:
        total /= (s.speed_min + s.speed_max) / 2
    check_length(total)
    return round(total, 2)


def check_length(seconds: float) -> None:
    if seconds > MAX_VIDEO_SECONDS + 0.5:
        raise ServiceError("video_mixer_video_too_long", minutes=MAX_VIDEO_SECONDS // 60)


# ------------------------------------------------------------------ plans


@dataclass(frozen=True)
class Segment:
    clip_id: str
    start: float  # seconds into the clip
    length: float  # seconds taken from the clip
    speed: float  # playback speed, inside atempo's range


@dataclass(frozen=True)
class VariantPlan:
    seed: int
    segments: list[Segment] = field(default_factory=list)
    zoom: float = 1.0  # visual variation
    mirror: bool = False
    brightness: float = 0.0
    contrast: float = 1.0
    saturation: float = 1.0
    # Whole clips at normal speed and no pixel change: the normalised clips are joined by
    # stream copy instead of being encoded again.
    stream_copy: bool = False

    @property
    def duration(self) -> float:
        return round(sum(seg.length / seg.speed for seg in self.segments), 3)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> VariantPlan:
        return cls(**{**raw, "segments": [Segment(**seg) for seg in raw["segments"]]})


def _sequence(
    slots: list[list[Clip]], s: MixSettings, index: int, rng: random.Random
) -> list[Clip]:
    if s.group_mixing:
        chosen = [
            slot[index % len(slot)] if s.group_mode == "sequential" else rng.choice(slot)
            for slot in slots
        ]
    else:
        chosen = [slot[0] for slot in slots]
    first = [c for c in chosen if c.id == s.fixed_first_clip][:1]
    rest = [c for c in chosen if c not in first]
    if s.order_mixing:
        rng.shuffle(rest)
    elif s.different_start and rest:
        shift = index % len(rest)
        rest = rest[shift:] + rest[:shift]
    return first + rest


def _lengths(sequence: list[Clip], s: MixSettings) -> tuple[list[float], float]:
    """Per-clip lengths and one global speed for a fixed duration (original's maths, with the
    speed clamped to what atempo accepts); full clips at speed 1 otherwise."""
    full = [c.duration for c in sequence]
    total = sum(full)
    if s.duration_type != "fixed" or abs(total - s.fixed_duration) < 0.1:
        return full, 1.0
    target = s.fixed_duration
    if s.distribution == "equal":
        return [min(target / len(sequence), d) for d in full], 1.0
    if s.distribution == "proportional":
        return [d / total * min(target, total) for d in full], 1.0
    if s.distribution == "weighted":
        weights = [d**1.5 for d in full]
        return [min(d, w / sum(weights) * target) for d, w in zip(full, weights, strict=True)], 1.0
    speed = min(MAX_SPEED, max(MIN_SPEED, total / target))
    return full, speed


def plan_variants(clips: list[Clip], s: MixSettings, count: int, seed: int) -> list[VariantPlan]:
    """`count` plans, distinct in their clip sequence while the combinations allow, and further
    told apart by start offsets and speeds. The same seed gives the same plans."""
    if not 1 <= count <= MAX_VARIANTS:
        raise ServiceError("quantity_invalid", max=MAX_VARIANTS)
    slots = _groups(clips, s)
    if not slots:
        raise ServiceError("video_mixer_no_clips")
    possible = combinations(clips, s)
    seen: set[tuple[str, ...]] = set()
    plans = []
    for index in range(count):
        variant_seed = seed * 1_000_003 + index
        rng = random.Random(variant_seed)
        sequence, tries = _sequence(slots, s, index, rng), 0
        while tuple(c.id for c in sequence) in seen and len(seen) < possible and tries < 200:
            tries += 1  # an order already used: draw again while unused ones remain
            sequence = _sequence(slots, s, index + tries, rng)
        seen.add(tuple(c.id for c in sequence))
        lengths, speed = _lengths(sequence, s)
        segments = []
        for clip, length in zip(sequence, lengths, strict=True):
            if s.speed_variations:
                speed = round(rng.uniform(s.speed_min, s.speed_max), 3)
            spare = max(0.0, clip.duration - length)
            start = round(rng.uniform(0, spare), 3) if s.different_start and spare else 0.0
            segments.append(Segment(clip.id, start, round(length, 3), round(speed, 3)))
        visual = {}
        if s.visual_variation:
            visual = dict(
                zoom=round(rng.uniform(1.01, 1.04), 3),
                mirror=rng.random() < 0.5,
                brightness=round(rng.uniform(-0.03, 0.03), 3),
                contrast=round(rng.uniform(0.97, 1.03), 3),
                saturation=round(rng.uniform(0.95, 1.05), 3),
            )
        whole = all(
            seg.start == 0 and seg.speed == 1.0 and seg.length == round(clip.duration, 3)
            for seg, clip in zip(segments, sequence, strict=True)
        )
        plan = VariantPlan(
            seed=variant_seed, segments=segments, stream_copy=whole and not visual, **visual
        )
        check_length(plan.duration)
        plans.append(plan)
    return plans
