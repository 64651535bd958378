"""Poster Editor's actions and their prices, pure, and the registry rows we propose for it.

The original charged nothing ("trial / Enterprise unlimited") but wrote down its production
prices: removeText 10, enhance2x 5, enhance3x 10, enhance4x 20, resizeUpscale 5 per format, and
upload, text detection, editing, resizing and export free; local quick edits were to be cheaper.
Those are the defaults here, and every number is read from the serving model's registry row
(`model.capabilities`), so an admin can change them:

    action             serves with                      credits (default)      per
    remove             advanced inpainting (provider)   "remove" 8             object / area
    replace            advanced inpainting + a prompt   "replace" 8            object / area
    quick_remove       local inpainting (OpenCV)        "quick_remove" 2       object / area
    remove_text        advanced inpainting              "remove_text" 10       poster
    quick_remove_text  local inpainting                 "quick_remove_text" 3  poster
    upscale            upscaler, 2x / 3x / 4x (at most  "upscale" {"2": 5, "3": 10, "4": 20}
                       the row's "maxUpscale")                                 poster
    export_format      format / pack export             "export_upscaled" 5    upscaled format
    export             a plain export (no enlargement)  free

`quantity` counts what the "per" column says. An object removal or replacement with a provider
is one model call per area (the original's inpaint-batch took one per annotation); removing the
text is one call for the whole mask of a poster's text, so it is priced per poster.

Local prices. The local provider (lumiku.services.ai.local: OpenCV's Telea inpainting) runs on
this server's CPU in seconds and costs no provider bill, so its edits are about a quarter
of the provider's: 2 for an object against 8, 3 for a poster's text against 10 (text removal also
runs Tesseract twice over the poster). They are not free, because they still take a worker's
CPU time and a free action could be repeated without end; they are not cheaper still, so that a
quick edit stays a small but visible choice next to the better one.

Exports. A format export is free unless the format is larger than the poster, which enlarges it
(formats.upscale_ratio over 1, the original's "resizeUpscale"): then it costs "export_upscaled"
per such format. `params["formats_upscaled"]` says how many of the `quantity` formats are
enlarged (`upscaled_formats` counts them with the export's own rule). Free actions cost no
quota either; a priced one costs the row's quota_cost per unit.

Segmentation (picking an object by a click, SAM) is part of the remove/replace it serves; the
proposed segmentation row is free.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from lumiku.models import AIModel
from lumiku.services.errors import ServiceError
from lumiku.services.poster_editor.formats import FORMATS, upscale_ratio
from lumiku.services.pricing import Price

SCALES = (2, 3, 4)


@dataclass(frozen=True)
class Action:
    kind: str  # "advanced" (a provider's model) | "local" (this server's CPU)
    capability: str  # what the serving model does (lumiku.services.ai.CAPABILITIES); "" none
    credits: int = 0  # the default price per unit
    key: str = ""  # the capabilities entry that overrides the default; "" for a free action
    scales: dict[str, int] | None = None  # upscale: the default price per scale ("2": 5)
    prompt: bool = False  # the user describes what goes in the area (prompt_text)


ACTIONS: dict[str, Action] = {
    "remove": Action("advanced", "inpainting", 8, "remove"),
    "replace": Action("advanced", "inpainting", 8, "replace", prompt=True),
    "quick_remove": Action("local", "inpainting", 2, "quick_remove"),
    "remove_text": Action("advanced", "inpainting", 10, "remove_text"),
    "quick_remove_text": Action("local", "inpainting", 3, "quick_remove_text"),
    "upscale": Action("advanced", "upscaling", key="upscale", scales={"2": 5, "3": 10, "4": 20}),
    "export_format": Action("local", "", 5, "export_upscaled"),
    "export": Action("local", ""),
}
PROMPT_MAX = 300


def _whole(value: object) -> int | None:
    """A price from a registry row: a whole, non-negative number, else None (use the default)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        return None
    return int(value)


def _credits(model: AIModel, action: Action, scale: int | None = None) -> int:
    found = (model.capabilities or {}).get(action.key) if action.key else None
    if action.scales is not None and scale is not None:
        own = _whole(found.get(str(scale))) if isinstance(found, dict) else None
        return action.scales[str(scale)] if own is None else own
    own = _whole(found)
    return action.credits if own is None else own


def _action(params: dict[str, Any]) -> tuple[str, Action]:
    name = params.get("action")
    if not isinstance(name, str) or name not in ACTIONS:
        raise ServiceError("parameter_invalid", name="action")
    return name, ACTIONS[name]


def _scale(model: AIModel, params: dict[str, Any]) -> int:
    scale = params.get("scale")
    if isinstance(scale, bool) or not isinstance(scale, int) or scale not in SCALES:
        raise ServiceError("parameter_invalid", name="scale")
    most = _whole((model.capabilities or {}).get("maxUpscale"))
    if most is not None and scale > most:
        raise ServiceError("parameter_out_of_range", name="scale", low=SCALES[0], high=most)
    return scale


def _formats_upscaled(params: dict[str, Any], quantity: int) -> int:
    """How many formats are enlarged, at most the formats exported: `params["formats"]` when
    one output holds several (a pack's ZIP is one item), else `quantity`."""
    most = params.get("formats", quantity)
    if isinstance(most, bool) or not isinstance(most, int) or not 1 <= most <= len(FORMATS):
        raise ServiceError("parameter_out_of_range", name="formats", low=1, high=len(FORMATS))
    value = params.get("formats_upscaled", 0)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ServiceError("parameter_invalid", name="formats_upscaled")
    if not 0 <= value <= most:
        raise ServiceError("parameter_out_of_range", name="formats_upscaled", low=0, high=most)
    return value


def price_rule(model: AIModel, params: dict[str, Any], quantity: int) -> Price:
    """params: {"action": ACTIONS key, "scale": 2|3|4 for upscale, "formats_upscaled": n (and
    "formats": how many an export holds, when one output holds several) for export_format};
    quantity: the units the module's table prices."""
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
        raise ServiceError("quantity_invalid", max=100)
    if not isinstance(params, dict):
        raise ServiceError("parameter_invalid", name="params")
    name, action = _action(params)
    if name == "upscale":
        units, each = quantity, _credits(model, action, _scale(model, params))
    elif name == "export_format":
        units, each = _formats_upscaled(params, quantity), _credits(model, action)
    elif name == "export":
        units, each = 0, 0
    else:
        units, each = quantity, _credits(model, action)
    credits = each * units
    return Price(credits=credits, quota=model.quota_cost * units if credits else 0)


def prompt_text(action: str, value: object) -> str:
    """What the user asks to paint into the area: required for "replace" (at most PROMPT_MAX),
    "" for the other actions, whose models fill from the surroundings."""
    if not isinstance(action, str) or action not in ACTIONS:
        raise ServiceError("parameter_invalid", name="action")
    if not ACTIONS[action].prompt:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise ServiceError("parameter_invalid", name="prompt")
    text = " ".join(value.split())
    if len(text) > PROMPT_MAX:
        raise ServiceError("parameter_out_of_range", name="prompt", low=1, high=PROMPT_MAX)
    return text


def upscaled_formats(
    size: tuple[int, int], format_keys: Iterable[str], method: str = "smart_crop"
) -> int:
    """How many of these formats an export of a poster of `size` enlarges: the ones to charge
    `export_upscaled` for (the same rule as the export's own `upscaled` fact)."""
    count = 0
    for key in format_keys:
        if key not in FORMATS:
            raise ServiceError("parameter_invalid", name="format")
        count += upscale_ratio(size, FORMATS[key], method) > 1 + 1e-9
    return count


# The rows we propose for the registry: keyword arguments for lumiku.services.seed._model (those
# beyond its own parameters land in `capabilities`). credit_cost is the row's plainest action,
# for listings; the actions' prices are in the capabilities. No row falls back to another: a
# provider's price for the local model's result would be unfair, so a failed advanced edit
# fails (and is refunded) and the user may choose the quick one.
REGISTRY_MODELS: list[dict[str, Any]] = [
    dict(
        key="poster-editor:quick-edit",
        name="Quick Edit (local)",
        provider="local",
        tier="free",
        credit_cost=2,
        quota_cost=1,
        order=3,
        serve=("opencv-telea", "inpainting", {}),
        quick_remove=2,
        quick_remove_text=3,
        export_upscaled=5,
    ),
    dict(
        key="poster-editor:flux-fill",
        name="FLUX.1 Fill (advanced)",
        provider="huggingface",
        tier="basic",
        credit_cost=8,
        quota_cost=2,
        order=4,
        serve=(
            "black-forest-labs/FLUX.1-Fill-dev",
            "inpainting",
            {"num_inference_steps": 50, "guidance_scale": 30},
        ),
        remove=8,
        replace=8,
        remove_text=10,
        maxResolution="2048x2048",
    ),
    dict(
        key="poster-editor:sam",
        name="Segment Anything (SAM)",
        provider="huggingface",
        tier="free",
        credit_cost=0,
        quota_cost=0,
        order=5,
        serve=("facebook/sam-vit-base", "segmentation", {}),
    ),
    dict(
        key="poster-editor:real-esrgan",
        name="Real-ESRGAN Upscaler",
        provider="huggingface",
        tier="basic",
        credit_cost=5,
        quota_cost=1,
        order=6,
        serve=("ai-forever/Real-ESRGAN", "upscaling", {}),
        upscale={"2": 5, "3": 10, "4": 20},
        maxUpscale=4,
    ),
]
