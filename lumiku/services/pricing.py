"""What a request costs, computed on the server from the app's rules and the model registry.

An app with its own formula (Video Mixer's per-video price, say) names it as `price_rule` in its
registry row (lumiku.plugins); every other app pays the model's price per output.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lumiku import plugins
from lumiku.models import AIModel
from lumiku.services.errors import ServiceError

MAX_QUANTITY = 100


@dataclass(frozen=True)
class Price:
    credits: int
    quota: int


def number(params: dict[str, Any], name: str, low: float, high: float) -> float | None:
    """A numeric parameter within bounds, or None when absent; anything else is refused."""
    value = params.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        raise ServiceError("parameter_invalid", name=name)
    if not low <= value <= high:
        raise ServiceError("parameter_out_of_range", name=name, low=low, high=high)
    return float(value)


def model_credits(model: AIModel, params: dict[str, Any]) -> int:
    """The original's dynamic prices: per second of output, or per megapixel, else flat."""
    duration = number(params, "duration", 0, 24 * 3600)
    if model.credit_per_second and duration:
        return max(model.credit_cost, math.ceil(model.credit_per_second * duration))
    width, height = number(params, "width", 1, 16384), number(params, "height", 1, 16384)
    if model.credit_per_megapixel and width and height:
        return max(model.credit_cost, math.ceil(model.credit_per_megapixel * width * height / 1e6))
    return model.credit_cost


Rule = Callable[[AIModel, dict[str, Any], int], Price]


def per_output(model: AIModel, params: dict[str, Any], quantity: int) -> Price:
    return Price(credits=model_credits(model, params) * quantity, quota=model.quota_cost * quantity)


def price(app_id: str, model: AIModel, params: dict[str, Any], quantity: int) -> Price:
    if not isinstance(quantity, int) or isinstance(quantity, bool) or not 1 <= quantity <= 100:
        raise ServiceError("quantity_invalid", max=MAX_QUANTITY)
    if not isinstance(params, dict):
        raise ServiceError("parameter_invalid", name="params")
    plugin = plugins.get(app_id)
    rule: Rule = plugin.load("price_rule") if plugin and plugin.price_rule else per_output
    return rule(model, params, quantity)
