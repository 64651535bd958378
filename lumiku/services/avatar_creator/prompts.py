"""Avatar Creator's words: the visual attributes a user may pick, the persona they may write (or
ask Claude to write), and the prompts the image model gets.

The prompt builder keeps the original's wording (FLUX was tuned against it); values are stored as
slugs ("dark-brown") and spoken as words ("dark brown"). Prompts are English whatever the user's
language, because the image models read English best.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from lumiku.services.ai.base import AIBadReply
from lumiku.services.errors import ServiceError

ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "gender": ("female", "male", "unisex"),
    "age_range": ("young", "adult", "mature"),
    "ethnicity": (
        "southeast-asian",
        "east-asian",
        "south-asian",
        "middle-eastern",
        "african",
        "caucasian",
        "hispanic",
        "pacific-islander",
        "mixed",
    ),
    "body_type": ("slim", "average", "athletic", "curvy", "plus-size"),
    "hair_style": (
        "short",
        "medium",
        "long",
        "curly",
        "wavy",
        "straight",
        "braided",
        "bun",
        "ponytail",
        "afro",
        "bald",
        "hijab",
    ),
    "hair_color": ("black", "dark-brown", "brown", "blonde", "red", "grey", "white", "dyed"),
    "eye_color": ("brown", "dark-brown", "black", "hazel", "green", "blue", "grey"),
    "skin_tone": ("fair", "light", "medium", "olive", "tan", "brown", "dark"),
    "style": (
        "professional",
        "casual",
        "smart-casual",
        "formal",
        "traditional",
        "sporty",
        "creative",
        "modest",
        "streetwear",
        "elegant",
        "vintage",
        "bohemian",
    ),
}

AGE_RANGE_TEXT = {
    "young": "young adult (20-30 years old)",
    "adult": "middle-aged adult (30-50 years old)",
    "mature": "mature adult (50+ years old)",
}

ENHANCEMENT = (
    "professional photo studio portrait, ultra realistic, high detail, professional photography, "
    "DSLR camera, 85mm portrait lens, f/1.8 aperture, studio lighting, bokeh background, "
    "photorealistic, high resolution, 8k quality"
)

NEGATIVE_PROMPT = (
    "ugly, blurry, low quality, distorted, deformed, bad anatomy, disfigured, poorly drawn face, "
    "mutation, mutated, extra limbs, bad proportions, cartoon, anime, 3d render, painting, "
    "illustration, drawing, sketch, unrealistic, artificial, plastic, wax figure, mannequin"
)

NAME_MAX = 80
AGE_MIN, AGE_MAX = 13, 100
TRAITS_MAX = 8
TRAIT_MAX = 30
BACKGROUND_MAX = 1000
WORDS_MIN, WORDS_MAX = 2, 300

_CAMEL = re.compile(r"(?<=[a-z])([A-Z])")


# ------------------------------------------------------------------ attributes


def _attribute_key(key: object) -> str:
    """The attribute a key names: "ageRange" (the original's and a model's habit) is age_range."""
    return _CAMEL.sub(r"_\1", key).lower() if isinstance(key, str) else ""


def _attribute_value(value: object) -> str | None:
    """A value as its slug ("Dark brown" → "dark-brown"); None when it is not text at all."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return None
    return "-".join(value.strip().lower().replace("_", " ").split())


def validate_attributes(values: dict) -> dict[str, str]:
    """The set attributes of `values` as slugs; unknown keys and unset ones ("", None) are left
    out. An unknown value is refused by its attribute's name, so the form can point at it."""
    found: dict[str, str] = {}
    for raw_key, raw_value in (values or {}).items():
        key = _attribute_key(raw_key)
        if key not in ATTRIBUTES:
            continue
        value = _attribute_value(raw_value)
        if value is None or (value and value not in ATTRIBUTES[key]):
            raise ServiceError("avatar_creator_attribute_invalid", name=f"attr_{key}")
        if value:
            found[key] = value
    return found


def _known_attributes(values: object) -> dict[str, str]:
    """Like validate_attributes, but an unknown value is dropped: a model's slip loses one field."""
    if not isinstance(values, dict):
        return {}
    found: dict[str, str] = {}
    for raw_key, raw_value in values.items():
        key = _attribute_key(raw_key)
        value = _attribute_value(raw_value)
        if key in ATTRIBUTES and value and value in ATTRIBUTES[key]:
            found[key] = value
    return found


# ------------------------------------------------------------------ persona


@dataclass(frozen=True)
class Persona:
    """Who the avatar is: it flavours the prompt and travels with the avatar to other apps."""

    name: str = ""
    age: int | None = None
    personality: tuple[str, ...] = ()
    background: str = ""


def _age(age: object) -> int | None:
    if age is None or (isinstance(age, str) and not age.strip()):
        return None
    if isinstance(age, bool):
        raise ServiceError("avatar_creator_persona_age_invalid", low=AGE_MIN, high=AGE_MAX)
    try:
        number = float(age if isinstance(age, int | float) else str(age).strip())
    except (TypeError, ValueError):
        raise ServiceError(
            "avatar_creator_persona_age_invalid", low=AGE_MIN, high=AGE_MAX
        ) from None
    if not number.is_integer() or not AGE_MIN <= number <= AGE_MAX:
        raise ServiceError("avatar_creator_persona_age_invalid", low=AGE_MIN, high=AGE_MAX)
    return int(number)


def _traits(personality: object) -> tuple[str, ...]:
    if personality is None:
        return ()
    if isinstance(personality, str):
        personality = personality.split(",")
    if not isinstance(personality, list | tuple):
        raise ServiceError(
            "avatar_creator_persona_traits_invalid", most=TRAITS_MAX, length=TRAIT_MAX
        )
    traits: list[str] = []
    for trait in personality:
        if not isinstance(trait, str) or len(trait.strip()) > TRAIT_MAX:
            raise ServiceError(
                "avatar_creator_persona_traits_invalid", most=TRAITS_MAX, length=TRAIT_MAX
            )
        text = " ".join(trait.split())
        if text and text.casefold() not in {t.casefold() for t in traits}:
            traits.append(text)
    if len(traits) > TRAITS_MAX:
        raise ServiceError(
            "avatar_creator_persona_traits_invalid", most=TRAITS_MAX, length=TRAIT_MAX
        )
    return tuple(traits)


def validate_persona(
    name: object = "", age: object = None, personality: object = None, background: object = ""
) -> Persona:
    """A persona from a form (or a model's reply): trimmed, bounded, traits deduplicated.
    `personality` may be a list or "calm, kind, curious"."""
    name_text = name.strip() if isinstance(name, str) else ""
    if len(name_text) > NAME_MAX:
        raise ServiceError("avatar_creator_persona_name_too_long", max=NAME_MAX)
    background_text = background.strip() if isinstance(background, str) else ""
    if len(background_text) > BACKGROUND_MAX:
        raise ServiceError("avatar_creator_persona_background_too_long", max=BACKGROUND_MAX)
    return Persona(name_text, _age(age), _traits(personality), background_text)


# ------------------------------------------------------------------ prompts


def _words(value: str) -> str:
    return value.replace("-", " ")


def _attribute_parts(attributes: dict[str, str]) -> list[str]:
    """The original's attribute phrases in its order, each only when set. Two phrasings are ours:
    a hijab covers the hair ("wearing a hijab", not "hijab black hair"), and bald has no colour."""
    get = {key: (attributes.get(key) or "") for key in ATTRIBUTES}
    parts: list[str] = []
    if get["gender"]:
        parts.append(get["gender"])
    if get["age_range"]:
        parts.append(AGE_RANGE_TEXT.get(get["age_range"], _words(get["age_range"])))
    if get["ethnicity"]:
        parts.append(f"{_words(get['ethnicity'])} ethnicity")
    if get["body_type"]:
        parts.append(f"{_words(get['body_type'])} body type")
    if get["hair_style"] == "hijab":
        parts.append("wearing a hijab")
    elif get["hair_style"] == "bald":
        parts.append("bald head")
    elif get["hair_style"] or get["hair_color"]:
        hair = " ".join(_words(v) for v in (get["hair_style"], get["hair_color"]) if v)
        parts.append(f"{hair} hair")
    if get["eye_color"]:
        parts.append(f"{_words(get['eye_color'])} eyes")
    if get["skin_tone"]:
        parts.append(f"{_words(get['skin_tone'])} skin tone")
    if get["style"]:
        parts.append(f"wearing {_words(get['style'])} attire")
    return parts


def _persona_parts(persona: Persona | None) -> list[str]:
    if persona is None:
        return []
    parts = [persona.name] if persona.name else []
    if persona.age:
        parts.append(f"{persona.age} years old")
    if persona.personality:
        parts.append(f"{', '.join(persona.personality)} personality")
    return parts


def build_prompt(base: str, persona: Persona | None, attributes: dict[str, str]) -> str:
    """The image model's prompt: the attributes, then the persona, then the user's own words,
    then the original's realism suffix. Empty pieces leave no stray commas."""
    pieces = [*_attribute_parts(attributes or {}), *_persona_parts(persona), (base or "").strip()]
    return ", ".join([piece for piece in pieces if piece] + [ENHANCEMENT])


# ------------------------------------------------------------------ a persona written by Claude

_LANGUAGE_NAMES = {"id": "Indonesian (Bahasa Indonesia)", "en": "English"}


def persona_request(words: str, language: str) -> tuple[str, str]:
    """(system prompt, user message) asking a text model for a persona from a few words. The
    human fields come in the user's language; the attributes are slugs from our lists."""
    text = " ".join((words or "").split()) if isinstance(words, str) else ""
    if not WORDS_MIN <= len(text) <= WORDS_MAX:
        raise ServiceError("avatar_creator_persona_words_invalid", low=WORDS_MIN, high=WORDS_MAX)
    lang = _LANGUAGE_NAMES.get(language, _LANGUAGE_NAMES["id"])
    allowed = "\n".join(f'- "{key}": {", ".join(values)}' for key, values in ATTRIBUTES.items())
    system = (
        "You write personas for AI-generated portrait avatars used by content creators.\n"
        "From the user's few words, invent one believable, respectful person who fits them: "
        "a name that suits the person's culture and place, an age, personality traits and a short "
        "background. Avoid stereotypes and never name a real, famous person.\n\n"
        f'Write "name", "personality" and "background" in {lang}.\n\n'
        "Reply with ONLY one JSON object, no other text and no code fence, of this shape:\n"
        '{"name": string (at most 80 characters), '
        f'"age": integer from {AGE_MIN} to {AGE_MAX}, '
        f'"personality": array of 3 to 5 short traits (each at most {TRAIT_MAX} characters), '
        '"background": string of 2 or 3 sentences (at most 600 characters), '
        '"attributes": object with exactly these keys: '
        + ", ".join(f'"{key}"' for key in ATTRIBUTES)
        + "}\n\n"
        "Each attribute value must be one of these values, written exactly as listed:\n"
        f"{allowed}\n"
        'Use "hijab" for hair_style when the person wears one.'
    )
    user = f"Write a persona for: {text}"
    return system, user


_FENCE = re.compile(r"```(?:json)?\s*(.*?)```", re.DOTALL | re.IGNORECASE)


def _json_object(text: str) -> dict | None:
    """The first JSON object in a reply, inside a code fence or amid other words."""
    candidates = [match.group(1) for match in _FENCE.finditer(text)] + [text]
    decoder = json.JSONDecoder()
    for candidate in candidates:
        for start in (i for i, char in enumerate(candidate) if char == "{"):
            try:
                found, _ = decoder.raw_decode(candidate, start)
            except ValueError:
                continue
            if isinstance(found, dict):
                return found
    return None


def _lenient_persona(data: dict[str, Any]) -> Persona:
    """The model's persona, its small slips mended (a bad age dropped, extra traits cut)."""
    try:
        age: int | None = _age(data.get("age"))
    except ServiceError:
        age = None
    traits = data.get("personality")
    if isinstance(traits, str):
        traits = traits.split(",")
    if not isinstance(traits, list):
        traits = []
    kept = [t for t in traits if isinstance(t, str) and 0 < len(t.strip()) <= TRAIT_MAX]
    background = data.get("background")
    background = background.strip()[:BACKGROUND_MAX] if isinstance(background, str) else ""
    return validate_persona(data.get("name"), age, kept[:TRAITS_MAX], background)


def parse_persona_reply(text: str) -> tuple[Persona, dict[str, str]]:
    """The persona and attributes from a model's reply to persona_request; unknown attribute
    values are dropped. AIBadReply when there is no JSON object with a name in it."""
    data = _json_object(text) if isinstance(text, str) else None
    if data is None:
        raise AIBadReply("no JSON object in the persona reply")
    try:
        persona = _lenient_persona(data)
    except ServiceError as exc:
        raise AIBadReply(f"unusable persona: {exc.code}") from None
    if not persona.name:
        raise AIBadReply("the persona reply has no name")
    return persona, _known_attributes(data.get("attributes"))
