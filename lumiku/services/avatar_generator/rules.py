"""Avatar Generator's choices and price, pure: the original's formula (5 credits, +2 for HD,
+3 for priority) with the numbers read from the model's registry row."""

from __future__ import annotations

from typing import Any

from lumiku.models import AIModel
from lumiku.services.errors import ServiceError
from lumiku.services.pricing import Price

QUALITIES = {"sd": 768, "hd": 1024}  # the output's side in pixels
MAX_COUNT = 8
# Style presets: what each adds to the prompt. The face stays the reference's.
STYLES: dict[str, str] = {
    "natural": "natural light, candid photo",
    "studio": "professional studio portrait, soft box lighting, plain backdrop",
    "business": "business attire, modern office background",
    "casual": "casual outfit, relaxed pose, cafe background",
    "outdoor": "outdoors, golden hour, shallow depth of field",
    "cinematic": "cinematic lighting, film still, dramatic shadows",
    "traditional": "traditional Indonesian attire, batik pattern, elegant",
    "vintage": "vintage film photo, warm tones, 1970s style",
}
KEEP_FACE = "same person, same face, same identity, photorealistic portrait"


def check(params: dict[str, Any]) -> tuple[str, bool]:
    """The quality and priority a request asks for, refused when malformed."""
    quality = params.get("quality", "sd")
    if not isinstance(quality, str) or quality not in QUALITIES:  # a list is unhashable
        raise ServiceError("parameter_invalid", name="quality")
    priority = params.get("priority", False)
    if not isinstance(priority, bool):
        raise ServiceError("parameter_invalid", name="priority")
    return quality, priority


def extras(model: AIModel) -> tuple[int, int]:
    """What HD and priority add to a variation's credits (the model's registry row)."""
    capabilities = model.capabilities or {}
    return int(capabilities.get("hdExtra", 0)), int(capabilities.get("priorityExtra", 0))


def credits_per_variation(model: AIModel, quality: str, priority: bool) -> int:
    hd, fast = extras(model)
    return model.credit_cost + (hd if quality == "hd" else 0) + (fast if priority else 0)


def price_rule(model: AIModel, params: dict[str, Any], quantity: int) -> Price:
    quality, priority = check(params)
    return Price(
        credits=credits_per_variation(model, quality, priority) * quantity,
        quota=model.quota_cost * quantity,
    )


def prompt_for(style: str, extra: str) -> str:
    if not isinstance(style, str) or style not in STYLES:
        raise ServiceError("parameter_invalid", name="style")
    return ", ".join(part for part in (KEEP_FACE, STYLES[style], extra) if part)


def likeness(a: list[float], b: list[float]) -> float | None:
    """Cosine similarity of two face embeddings, clamped to 0–1; None when they can't be
    compared (different lengths, a zero vector)."""
    if not a or len(a) != len(b):
        return None
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    norm = (sum(x * x for x in a) * sum(y * y for y in b)) ** 0.5
    return None if norm == 0 else max(0.0, min(1.0, dot / norm))
