"""Video Generator's choices, sizes and price, pure.

Choices (`check`): a resolution, a duration in seconds, an aspect ratio, whether a start and an
end image are sent, sound, and whether the description was improved by the prompt writer. A
model offers what its registry row's `capabilities` say (`capabilities`); anything else is
refused with the offending choice's name, so an admin who narrows a model narrows the form.

Size (`size`): the frame follows the resolution and the aspect, in multiples of 16 (what video
models work in; 1080 itself excepted) and never above the named resolution: 720p is 1280x720
(16:9), 720x1280 (9:16), 720x720 (1:1), 576x720 (4:5). The original forced every video down
to 480 px; not here.

Price (`price_rule`), the original's formula with its bug fixed: the base is the registry row's
`credit_cost` (0 is a free model, never "falsy, so 500"), and

    base
    + round(base * 30 %) for 1080p, round(base * 100 %) for 4K
    + round(base * 50 % * started 5 s above the model's default duration)
    + round(base * 20 %) start image, 30 % end image, 40 % both
    + 5 when the description was improved by the prompt writer
    + 10 for sound

each number read from capabilities["modifiers"] when the row gives it (`Modifiers`), so an
admin can re-price a model without a release. Subscribers pay the row's quota_cost per video.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from lumiku.models import AIModel
from lumiku.services.errors import ServiceError
from lumiku.services.pricing import Price

RESOLUTIONS = {"720p": 720, "1080p": 1080, "4k": 2160}  # the named side, in pixels
ASPECTS = ("16:9", "9:16", "1:1", "4:5")
PROMPT_MIN, PROMPT_MAX = 3, 2000
NEGATIVE_MAX = 1000
MAX_DURATION = 60  # seconds: the original's limit, whatever a row says
DEFAULT_TYPICAL_SECONDS = 120  # how long a model usually takes, when its row does not say
WAIT_FACTOR = 4  # a video not done after this many typical times is given up on
MIN_WAIT_SECONDS = 300


@dataclass(frozen=True)
class Modifiers:
    """The original's modifiers: percentages of the base, except the two flat extras."""

    resolution1080p: int = 30
    resolution4k: int = 100
    durationPer5Seconds: int = 50  # noqa: N815 - the registry's (and the original's) names
    startImage: int = 20  # noqa: N815
    endImage: int = 30  # noqa: N815
    bothImages: int = 40  # noqa: N815
    enhancedPrompt: int = 5  # noqa: N815 - credits
    audioGeneration: int = 10  # noqa: N815 - credits


def modifiers(model: AIModel) -> Modifiers:
    """The row's modifiers over the original's defaults; a value that is not a whole number of
    at least 0 keeps the default."""
    given = (model.capabilities or {}).get("modifiers")
    if not isinstance(given, dict):
        return Modifiers()
    values = {
        name: value
        for name, value in given.items()
        if name in Modifiers.__dataclass_fields__
        and isinstance(value, int)
        and not isinstance(value, bool)
        and value >= 0
    }
    return Modifiers(**values)


@dataclass(frozen=True)
class Capabilities:
    """What a model offers the form (its registry row's `capabilities`, with defaults)."""

    resolutions: list[str] = field(default_factory=lambda: ["720p"])
    durations: list[int] = field(default_factory=lambda: [5])
    default_duration: int = 5
    aspects: list[str] = field(default_factory=lambda: ["16:9", "9:16"])
    start_image: bool = False
    end_image: bool = False
    audio: bool = False
    typical_seconds: int = DEFAULT_TYPICAL_SECONDS
    max_wait_seconds: int = MIN_WAIT_SECONDS
    # the provider's model that takes a start image, when it is not the row's own (fal serves
    # text-to-video and image-to-video at two addresses)
    image_model: str = ""


def _whole(value: Any, low: int, high: int) -> int | None:
    ok = isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
    return value if ok else None


def capabilities(model: AIModel) -> Capabilities:
    """The row's capabilities, checked: unknown resolutions and aspects are dropped, durations
    come from `durations` or 1..`maxDuration`, and the default is one of them."""
    caps = model.capabilities or {}
    resolutions = [r for r in caps.get("resolutions") or ["720p"] if r in RESOLUTIONS] or ["720p"]
    aspects = [a for a in caps.get("aspectRatios") or ["16:9", "9:16"] if a in ASPECTS] or ["16:9"]
    longest = _whole(caps.get("maxDuration"), 1, MAX_DURATION) or 5
    listed = caps.get("durations")
    if isinstance(listed, list):
        durations = sorted({d for d in listed if _whole(d, 1, MAX_DURATION)})
    else:
        durations = list(range(1, longest + 1))
    durations = durations or [longest]
    default = _whole(caps.get("defaultDuration"), 1, MAX_DURATION) or min(5, durations[-1])
    if default not in durations:
        default = min(durations, key=lambda d: abs(d - default))
    typical = _whole(caps.get("typicalSeconds"), 1, 24 * 3600) or DEFAULT_TYPICAL_SECONDS
    wait = _whole(caps.get("maxWaitSeconds"), 1, 24 * 3600)
    return Capabilities(
        resolutions=resolutions,
        durations=durations,
        default_duration=default,
        aspects=aspects,
        start_image=caps.get("supportsStartImage") is True,
        end_image=caps.get("supportsEndImage") is True,
        audio=caps.get("supportsAudio") is True,
        typical_seconds=typical,
        max_wait_seconds=wait or max(MIN_WAIT_SECONDS, WAIT_FACTOR * typical),
        image_model=str(caps.get("imageModel") or ""),
    )


@dataclass(frozen=True)
class Choice:
    """A checked set of choices: what is priced and what the provider is asked for."""

    resolution: str = "720p"
    duration: int = 5
    aspect: str = "16:9"
    start_image: bool = False
    end_image: bool = False
    audio: bool = False
    enhanced: bool = False

    def to_params(self) -> dict[str, Any]:
        """The price parameters, in `check`'s input shape."""
        return {
            "resolution": self.resolution,
            "duration": self.duration,
            "aspect": self.aspect,
            "start_image": self.start_image,
            "end_image": self.end_image,
            "audio": self.audio,
            "enhanced": self.enhanced,
        }


def _flag(params: dict[str, Any], name: str) -> bool:
    value = params.get(name, False)
    if not isinstance(value, bool):
        raise ServiceError("parameter_invalid", name=name)
    return value


def parse(params: dict[str, Any]) -> Choice:
    """The choices' shapes, whatever the model: known values, a whole number of seconds."""
    if not isinstance(params, dict):
        raise ServiceError("parameter_invalid", name="request")
    resolution = params.get("resolution", "720p")
    if not isinstance(resolution, str) or resolution not in RESOLUTIONS:
        raise ServiceError("parameter_invalid", name="resolution")
    aspect = params.get("aspect", "16:9")
    if not isinstance(aspect, str) or aspect not in ASPECTS:
        raise ServiceError("parameter_invalid", name="aspect")
    duration = params.get("duration", 5)
    if _whole(duration, 1, MAX_DURATION) is None:
        raise ServiceError("parameter_out_of_range", name="duration", low=1, high=MAX_DURATION)
    return Choice(
        resolution,
        duration,
        aspect,
        _flag(params, "start_image"),
        _flag(params, "end_image"),
        _flag(params, "audio"),
        _flag(params, "enhanced"),
    )


def check(params: dict[str, Any], model: AIModel) -> Choice:
    """The choices, refused by name when the model cannot make them: a resolution, duration or
    aspect it does not offer, an image or sound it does not take, an end image alone."""
    choice = parse(params)
    caps = capabilities(model)
    if choice.resolution not in caps.resolutions:
        raise ServiceError("video_generator_not_supported", name="resolution")
    if choice.duration not in caps.durations:
        raise ServiceError(
            "parameter_out_of_range",
            name="duration",
            low=caps.durations[0],
            high=caps.durations[-1],
        )
    if choice.aspect not in caps.aspects:
        raise ServiceError("video_generator_not_supported", name="aspect")
    if choice.start_image and not caps.start_image:
        raise ServiceError("video_generator_not_supported", name="start_image")
    if choice.end_image and not caps.end_image:
        raise ServiceError("video_generator_not_supported", name="end_image")
    if choice.end_image and not choice.start_image:
        raise ServiceError("video_generator_end_needs_start")
    if choice.audio and not caps.audio:
        raise ServiceError("video_generator_not_supported", name="audio")
    return choice


def size(resolution: str, aspect: str) -> tuple[int, int]:
    """Width and height. The named side is exact: the short one (the height for 4:5, a
    portrait format whose height is the named side); the other is rounded down to a multiple
    of 16. 720p and 4K are multiples of 16 throughout; 1080 is not, and stays 1080, padded by
    the codec's blocks as in every 1080p video (and named "1080p" to the provider)."""
    side = RESOLUTIONS[resolution]
    other = {"16:9": side * 16 // 9, "9:16": side * 16 // 9, "1:1": side, "4:5": side * 4 // 5}
    long_or_short = other[aspect] if aspect == "1:1" else other[aspect] // 16 * 16
    if aspect == "9:16":
        return side, long_or_short
    return long_or_short, side


def share(base: int, percent: int) -> int:
    """`percent` % of `base`, rounded half up as the original's Math.round did (exact: whole
    numbers only, no float error at the halves)."""
    return (base * percent + 50) // 100


def parts(
    base: int, mods: Modifiers, choice: Choice, default_duration: int
) -> list[tuple[str, int]]:
    """The price in its parts, as (message key, credits): the base always, then each
    modifier that applies."""
    resolution = {"1080p": mods.resolution1080p, "4k": mods.resolution4k}.get(choice.resolution, 0)
    steps = math.ceil(max(0, choice.duration - default_duration) / 5)  # started 5 s above
    if choice.start_image and choice.end_image:
        images = mods.bothImages
    elif choice.start_image:
        images = mods.startImage
    elif choice.end_image:
        images = mods.endImage
    else:
        images = 0
    extras = [
        ("video_generator_price_resolution", share(base, resolution)),
        ("video_generator_price_duration", share(base, mods.durationPer5Seconds * steps)),
        ("video_generator_price_images", share(base, images)),
        ("video_generator_price_enhance", mods.enhancedPrompt if choice.enhanced else 0),
        ("video_generator_price_audio", mods.audioGeneration if choice.audio else 0),
    ]
    return [("video_generator_price_base", base), *(line for line in extras if line[1])]


def breakdown(model: AIModel, params: dict[str, Any]) -> list[tuple[str, int]]:
    """One video's price, itemised for the page (credits; `price_rule` is their sum)."""
    choice = check(params, model)
    return parts(model.credit_cost, modifiers(model), choice, capabilities(model).default_duration)


def credits(model: AIModel, params: dict[str, Any]) -> int:
    return sum(amount for _key, amount in breakdown(model, params))


def price_rule(model: AIModel, params: dict[str, Any], quantity: int) -> Price:
    return Price(credits=credits(model, params) * quantity, quota=model.quota_cost * quantity)


def clean_text(value: Any, name: str, low: int, high: int) -> str:
    """A description: whitespace runs inside lines collapsed, the ends trimmed, its length in
    bounds; a text that is not a string is refused."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ServiceError("parameter_invalid", name=name)
    text = "\n".join(" ".join(line.split()) for line in value.strip().splitlines()).strip()
    if not low <= len(text) <= high:
        raise ServiceError("parameter_out_of_range", name=name, low=low, high=high)
    return text


def progress(elapsed: float, typical_seconds: int, reported: float | None) -> float:
    """How far along a video is: the provider's own figure where it gives one, else the time
    waited against the model's usual time, approaching but never reaching 95."""
    if reported is not None and math.isfinite(reported):
        return max(5.0, min(95.0, reported))
    share = max(0.0, elapsed) / max(1, typical_seconds)
    return 5 + 89 * (1 - math.exp(-1.5 * share))  # ~78 % at the usual time, below 94 ever
