"""Pose Generator's choices, prompt and price, pure.

Options. A client sends JSON (`parse_options`):

    {"quality": "sd" | "hd",
     "hijab": {"style": "modern" | "pashmina" | "turban" | "square", "color": "navy" | "#1f2a44"},
     "accessories": ["glasses", "watch", ...],          # a subset of ACCESSORIES
     "outfit": "white blouse and beige trousers",       # free text, at most OUTFIT_MAX
     "background": {"type": "auto" | "scene" | "custom", "scene": "cafe",
                    "custom_prompt": "a rooftop at sunset"},  # at most CUSTOM_PROMPT_MAX
     "profession": "doctor"}

Every key may be left out (or null, or "" for a text); keys other than these are not ours and
are ignored (the service keeps the avatar and pose ids in the same params). Anything else is
refused with `parameter_invalid` (a wrong type or an unknown choice: a bool is not a number, a
list is not a text) or `parameter_out_of_range` (a text too long, too many poses), each with the
offending field's `name`.

Prompt. The original's words (`prompt_for`): "professional photo, high quality, detailed",
", wearing <style> hijab in <color>", ", <outfit>", ", as <theme>", and for HD ", 4k, sharp,
ultra detailed"; negative "ugly, blurry, low quality, distorted, deformed". Ours adds the
accessories and the background scene (the original rendered the scene in a second SDXL pass) and
puts the avatar's own description first, so the person's identity leads the prompt. Prompts
are English whatever the user's language: the image models read English best.

Price (`price_rule`), per pose, with the original's numbers (config: generatePose 5,
generatePoseHD 8, fashionEnhancement 2, backgroundReplacement 3, professionTheme 2) read from the
model's registry row so an admin can change them:

    the row's credit_cost (5)
    + capabilities["hdExtra"] (3) for HD                     -> 8, the original's generatePoseHD
    + capabilities["fashionExtra"] (2) when a hijab, an accessory or an outfit is set
    + capabilities["backgroundExtra"] (3) when the background is not "auto"
    + capabilities["professionExtra"] (2) when a profession is set

times the number of poses; the quota is the row's quota_cost per pose. The original also listed
batchGeneration 3 without any rule using it (nothing was charged at all). We charge no batch fee
by default: every pose is already paid for, one provider call each, and a fee for choosing
several poses at once would only push users to send them one by one. An admin who wants one sets
capabilities["batchExtra"]: a flat amount added once to a request of more than one pose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lumiku.models import AIModel
from lumiku.services.errors import ServiceError
from lumiku.services.pricing import Price

QUALITIES = {"sd": 512, "hd": 1024}  # the output's long side in pixels (the original's sizes)
MAX_POSES = 20
OUTFIT_MAX = 200
CUSTOM_PROMPT_MAX = 300

# What each hijab style is called in the prompt: "wearing <phrase> hijab in <colour>".
HIJAB_STYLES: dict[str, str] = {
    "modern": "modern instant",
    "pashmina": "draped pashmina",
    "turban": "turban-style",
    "square": "neatly pinned square",
}

# Named hijab colours and their RGB, used to speak a #rrggbb colour as the nearest name (image
# models read "dusty pink", not "#d8a7b1").
COLORS: dict[str, tuple[int, int, int]] = {
    "black": (20, 20, 20),
    "white": (245, 245, 245),
    "grey": (128, 128, 128),
    "silver": (192, 192, 192),
    "cream": (255, 248, 220),
    "beige": (222, 205, 170),
    "khaki": (189, 170, 120),
    "brown": (110, 70, 40),
    "mocha": (150, 110, 85),
    "maroon": (110, 20, 35),
    "red": (200, 30, 40),
    "pink": (240, 150, 180),
    "dusty-pink": (215, 165, 175),
    "peach": (250, 190, 160),
    "orange": (240, 130, 40),
    "mustard": (210, 170, 40),
    "yellow": (245, 220, 60),
    "gold": (212, 175, 55),
    "olive": (110, 115, 50),
    "sage": (160, 180, 150),
    "green": (40, 140, 70),
    "emerald": (20, 120, 90),
    "teal": (0, 120, 125),
    "turquoise": (60, 200, 200),
    "light-blue": (160, 200, 235),
    "blue": (40, 80, 190),
    "navy": (25, 35, 75),
    "lavender": (190, 170, 220),
    "lilac": (200, 160, 200),
    "purple": (110, 50, 140),
}

ACCESSORIES: dict[str, str] = {
    "glasses": "eyeglasses",
    "sunglasses": "sunglasses",
    "watch": "a wristwatch",
    "bracelet": "a bracelet",
    "necklace": "a necklace",
    "earrings": "earrings",
    "brooch": "a brooch",
    "handbag": "a handbag",
    "tote-bag": "a tote bag",
    "scarf": "a scarf",
    "hat": "a hat",
}

# The original's 10 scenes, as the background the person stands in.
SCENES: dict[str, str] = {
    "studio": "in a professional photo studio, seamless backdrop, softbox lighting",
    "outdoor": "outdoors, natural daylight, soft bokeh background",
    "office": "in a modern office, glass walls, desks and plants in the background",
    "cafe": "in a cozy cafe, warm lighting, coffee bar in the background",
    "beach": "on a tropical beach, sea and sky in the background, golden hour",
    "forest": "in a lush green forest, dappled sunlight through the trees",
    "urban": "on a city street, modern buildings in the background",
    "garden": "in a flower garden, greenery and blossoms in the background",
    "home": "in a bright cozy living room, sofa and plants in the background",
    "luxury": "in a luxurious hotel lobby, marble floor, chandelier, elegant interior",
}

# Profession themes: who the person is shown as, with the clothing and props that say so.
PROFESSIONS: dict[str, str] = {
    "doctor": "a doctor in a white lab coat with a stethoscope around the neck",
    "nurse": "a nurse in a clean medical uniform holding a clipboard",
    "pilot": "an airline pilot in a pilot uniform with epaulettes and wings badge",
    "chef": "a chef in a white chef jacket and apron holding a kitchen knife",
    "teacher": "a teacher in smart casual clothes holding books in front of a whiteboard",
    "engineer": "an engineer in a safety vest and hard hat holding blueprints",
    "barista": "a barista in an apron making coffee at an espresso machine",
    "farmer": "a farmer in work clothes and a straw hat holding fresh produce",
    "entrepreneur": "an entrepreneur in a smart blazer holding a laptop",
    "police-officer": "a police officer in a police uniform with a badge",
    "firefighter": "a firefighter in protective turnout gear holding a helmet",
    "lawyer": "a lawyer in a formal suit holding legal documents",
    "scientist": "a scientist in a lab coat and safety goggles holding a test tube",
    "photographer": "a photographer holding a professional camera",
    "designer": "a designer holding a sketchbook and color swatches",
    "student": "a university student carrying a backpack and books",
}

BACKGROUND_TYPES = ("auto", "scene", "custom")

BASE_PROMPT = "professional photo, high quality, detailed"
HD_SUFFIX = "4k, sharp, ultra detailed"
NEGATIVE_PROMPT = "ugly, blurry, low quality, distorted, deformed"

# The original's ControlNet request (controlNetImageToImage): steps per quality, guidance 7.5,
# conditioning 1.0.
STEPS = {"sd": 30, "hd": 50}
GUIDANCE = 7.5
CONDITIONING = 1.0
ASPECT = 3 / 4  # the pose library's canvas (poses.ASPECT): width over height

# The registry row's extras when it names none: the original's numbers.
DEFAULT_EXTRAS = {
    "hdExtra": 3,
    "fashionExtra": 2,
    "backgroundExtra": 3,
    "professionExtra": 2,
    "batchExtra": 0,
}

_HEX = re.compile(r"#[0-9a-f]{6}")


@dataclass(frozen=True)
class GenerateOptions:
    quality: str = "sd"
    hijab_style: str = ""  # "" for no hijab
    hijab_color: str = ""  # a COLORS key or "#rrggbb"; "" for none named
    accessories: tuple[str, ...] = ()
    outfit: str = ""
    background: str = "auto"  # BACKGROUND_TYPES
    scene: str = ""  # a SCENES key when background is "scene"
    custom_prompt: str = ""  # the user's words when background is "custom"
    profession: str = ""  # a PROFESSIONS key, or ""

    @property
    def has_fashion(self) -> bool:
        return bool(self.hijab_style or self.accessories or self.outfit)

    @property
    def has_background(self) -> bool:
        return self.background != "auto"

    @property
    def has_profession(self) -> bool:
        return bool(self.profession)


# ------------------------------------------------------------------ options


def _slug(value: object, name: str) -> str:
    """A choice as its key ("Police officer" -> "police-officer"); "" when unset."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ServiceError("parameter_invalid", name=name)
    return "-".join(value.strip().lower().replace("_", " ").split())


def _choice(value: object, choices: dict[str, Any] | tuple[str, ...], name: str) -> str:
    slug = _slug(value, name)
    if slug and slug not in choices:
        raise ServiceError("parameter_invalid", name=name)
    return slug


def _text(value: object, name: str, most: int) -> str:
    """Free text, whitespace collapsed (no line breaks reach the prompt); "" when unset."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ServiceError("parameter_invalid", name=name)
    text = " ".join(value.split())
    if len(text) > most:
        raise ServiceError("parameter_out_of_range", name=name, low=0, high=most)
    return text


def _section(value: object, name: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ServiceError("parameter_invalid", name=name)
    return value


def _color(value: object) -> str:
    if isinstance(value, str) and _HEX.fullmatch(value.strip().lower()):
        return value.strip().lower()
    return _choice(value, COLORS, "hijab_color")


def _accessories(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list | tuple):
        raise ServiceError("parameter_invalid", name="accessories")
    found: list[str] = []
    for item in value:
        slug = _choice(item, ACCESSORIES, "accessories")
        if slug and slug not in found:
            found.append(slug)
    return tuple(found)


def parse_options(raw: dict) -> GenerateOptions:
    """A client's options, validated and normalised (see the module's docstring)."""
    if not isinstance(raw, dict):
        raise ServiceError("parameter_invalid", name="options")
    quality = raw.get("quality", "sd")
    if not isinstance(quality, str) or quality not in QUALITIES:
        raise ServiceError("parameter_invalid", name="quality")

    hijab = _section(raw.get("hijab"), "hijab")
    style = _choice(hijab.get("style"), HIJAB_STYLES, "hijab_style")
    color = _color(hijab.get("color"))
    if color and not style:  # a colour for no hijab: the form lost its style
        raise ServiceError("parameter_invalid", name="hijab_style")

    background = _section(raw.get("background"), "background")
    kind = _choice(background.get("type"), BACKGROUND_TYPES, "background_type") or "auto"
    scene = _choice(background.get("scene"), SCENES, "scene")
    custom = _text(background.get("custom_prompt"), "custom_prompt", CUSTOM_PROMPT_MAX)
    if kind == "scene" and not scene:
        raise ServiceError("parameter_invalid", name="scene")
    if kind == "custom" and not custom:
        raise ServiceError("parameter_invalid", name="custom_prompt")

    return GenerateOptions(
        quality=quality,
        hijab_style=style,
        hijab_color=color,
        accessories=_accessories(raw.get("accessories")),
        outfit=_text(raw.get("outfit"), "outfit", OUTFIT_MAX),
        background=kind,
        scene=scene if kind == "scene" else "",
        custom_prompt=custom if kind == "custom" else "",
        profession=_choice(raw.get("profession"), PROFESSIONS, "profession"),
    )


# ------------------------------------------------------------------ prompt


def color_words(color: str) -> str:
    """A colour as the prompt says it: a name, or a #rrggbb as its nearest named colour."""
    if not _HEX.fullmatch(color):
        return color.replace("-", " ")
    rgb = tuple(int(color[i : i + 2], 16) for i in (1, 3, 5))
    nearest = min(
        COLORS, key=lambda name: sum((a - b) ** 2 for a, b in zip(COLORS[name], rgb, strict=True))
    )
    return nearest.replace("-", " ")


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def prompt_for(options: GenerateOptions, avatar_prompt: str = "") -> tuple[str, str]:
    """The prompt and the negative prompt for one pose: the avatar's own description first (so
    the person's identity leads), then the original's words and ours. Unset pieces leave no
    stray commas."""
    parts = [" ".join((avatar_prompt or "").split()), BASE_PROMPT]
    if options.hijab_style:
        hijab = f"wearing {HIJAB_STYLES[options.hijab_style]} hijab"
        if options.hijab_color:
            hijab += f" in {color_words(options.hijab_color)}"
        parts.append(hijab)
    parts.append(options.outfit)
    if options.accessories:
        parts.append("with " + _listed([ACCESSORIES[a] for a in options.accessories]))
    if options.profession:
        parts.append(f"as {PROFESSIONS[options.profession]}")
    if options.background == "scene":
        parts.append(SCENES[options.scene])
    elif options.background == "custom":
        parts.append(f"background: {options.custom_prompt}")
    if options.quality == "hd":
        parts.append(HD_SUFFIX)
    return ", ".join(part for part in parts if part), NEGATIVE_PROMPT


def provider_parameters(quality: str) -> dict[str, Any]:
    """The ControlNet call's parameters: the original's steps, guidance and conditioning, and
    the size: QUALITIES is the long side, the width follows the pose canvas's 3:4 (a multiple
    of 8, as diffusion models want), so the skeleton is not stretched."""
    if not isinstance(quality, str) or quality not in QUALITIES:
        raise ServiceError("parameter_invalid", name="quality")
    height = QUALITIES[quality]
    return {
        "num_inference_steps": STEPS[quality],
        "guidance_scale": GUIDANCE,
        "controlnet_conditioning_scale": CONDITIONING,
        "width": round(height * ASPECT / 8) * 8,
        "height": height,
    }


# ------------------------------------------------------------------ price


def extra(model: AIModel, name: str) -> int:
    """One of the row's extras (DEFAULT_EXTRAS' names); the default when the row names none or
    something that is not a whole number of credits."""
    value = (model.capabilities or {}).get(name)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        return DEFAULT_EXTRAS[name]
    return int(value)


def credits_per_pose(model: AIModel, options: GenerateOptions) -> int:
    return (
        model.credit_cost
        + (extra(model, "hdExtra") if options.quality == "hd" else 0)
        + (extra(model, "fashionExtra") if options.has_fashion else 0)
        + (extra(model, "backgroundExtra") if options.has_background else 0)
        + (extra(model, "professionExtra") if options.has_profession else 0)
    )


def check_poses(quantity: object) -> int:
    if isinstance(quantity, bool) or not isinstance(quantity, int):
        raise ServiceError("parameter_invalid", name="poses")
    if not 1 <= quantity <= MAX_POSES:
        raise ServiceError("parameter_out_of_range", name="poses", low=1, high=MAX_POSES)
    return quantity


def price_rule(model: AIModel, params: dict[str, Any], quantity: int) -> Price:
    """`quantity` is the number of poses; see the module's docstring for the formula."""
    poses = check_poses(quantity)
    options = parse_options(params)
    batch = extra(model, "batchExtra") if poses > 1 else 0
    return Price(
        credits=credits_per_pose(model, options) * poses + batch,
        quota=model.quota_cost * poses,
    )
