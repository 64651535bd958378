"""Carousel Mix's rules: the generate settings, spintax, the combination count, the plan of every
set and the price. Pure Python (no Pillow, no database), so each rule is unit-tested on its own.

Fixed from the original: one combination formula everywhere (the product over positions of
`pictures × max(texts, 1)`, an exact big integer), picks that never repeat a set while the space
allows (the original's round-robin repeated after the longest pool), and one price formula —
the one the original really charged, `ceil(slides / 2)` per set.
"""

from __future__ import annotations

import functools
import itertools
import math
import random
from dataclasses import asdict, dataclass
from typing import Any

from lumiku.models import AIModel
from lumiku.services import pricing
from lumiku.services.errors import ServiceError

MIN_SLIDES, MAX_SLIDES = 2, 8
MAX_SETS = 100
ORDERS = ("random", "sequential")
FORMATS = ("jpg", "png")


def _choice(raw: dict[str, Any], name: str, options: tuple, default: Any) -> Any:
    value = raw.get(name, default)
    if value not in options or isinstance(value, bool) != isinstance(default, bool):
        raise ServiceError("parameter_invalid", name=name)
    return value


def _whole(raw: dict[str, Any], name: str, low: int, high: int, default: int) -> int:
    value = raw.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ServiceError("parameter_invalid", name=name)
    if not low <= value <= high:
        raise ServiceError("parameter_out_of_range", name=name, low=low, high=high)
    return value


@dataclass(frozen=True)
class OutputSettings:
    """How the sets are delivered: the generate panel, saved on the project."""

    format: str = "jpg"  # jpg | png, one file per image slide (video slides are MP4)
    quality: int = 90  # JPEG quality
    pdf: bool = False  # also one PDF per set (LinkedIn carousels)
    order: str = "random"  # random | sequential picks

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def parse_output(raw: Any) -> OutputSettings:
    if not isinstance(raw, dict):
        raise ServiceError("parameter_invalid", name="settings")
    return OutputSettings(
        format=_choice(raw, "format", FORMATS, "jpg"),
        quality=_whole(raw, "quality", 60, 100, 90),
        pdf=_choice(raw, "pdf", (True, False), False),
        order=_choice(raw, "order", ORDERS, "random"),
    )


def check_slides(value: Any) -> int:
    """How many positions a carousel has."""
    return _whole({"slides": value}, "slides", MIN_SLIDES, MAX_SLIDES, 4)


# ------------------------------------------------------------------ spintax


def _pairs(text: str) -> dict[int, int]:
    """Each `{` that has its `}`, by position; braces without a partner are plain text."""
    opened: list[int] = []
    pairs = {}
    for i, ch in enumerate(text):
        if ch == "{":
            opened.append(i)
        elif ch == "}" and opened:
            pairs[opened.pop()] = i
    return pairs


def _parse(text: str, pairs: dict[int, int], start: int, end: int) -> list:
    """Spintax as a tree: a sequence of literal strings and choices, each choice a list of
    sequences. A pair of braces with no `|` of its own (`{nama}`) stays literal text. One pass
    per nesting level: a long text of braces costs no more than its length."""
    parts: list = []
    i = start
    while i < end:
        close = pairs.get(i) if text[i] == "{" else None
        if close is None:
            parts.append(text[i])
            i += 1
            continue
        cuts, k = [i], i + 1
        while k < close:
            if text[k] == "{" and k in pairs:
                k = pairs[k] + 1
                continue
            if text[k] == "|":
                cuts.append(k)
            k += 1
        cuts.append(close)
        if len(cuts) > 2:
            parts.append([_parse(text, pairs, a + 1, b) for a, b in itertools.pairwise(cuts)])
        else:
            parts += ["{", *_parse(text, pairs, i + 1, close), "}"]
        i = close + 1
    merged: list = []
    for part in parts:  # adjacent literal characters as one string
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] += part
        else:
            merged.append(part)
    return merged


@functools.lru_cache(maxsize=4096)
def _tree(text: str) -> list:
    """The parsed text, kept: planning a hundred sets asks for the same texts many times (the
    tree is only read, never changed)."""
    return _parse(text, _pairs(text), 0, len(text))


def _count(sequence: list) -> int:
    total = 1
    for part in sequence:
        if isinstance(part, list):
            total *= sum(_count(option) for option in part)
    return total


def _pick(sequence: list, index: int) -> str:
    """The `index`-th expansion of a sequence (mixed radix over its choices, first one fastest)."""
    out = []
    for part in sequence:
        if isinstance(part, str):
            out.append(part)
            continue
        size = sum(_count(option) for option in part)
        index, within = divmod(index, size)
        for option in part:
            if within < (n := _count(option)):
                out.append(_pick(option, within))
                break
            within -= n
    return "".join(out)


@functools.lru_cache(maxsize=4096)
def spin_count(text: str) -> int:
    """How many texts `{Diskon|Promo} {50%|besar}` stands for (4), exactly."""
    return _count(_tree(text))


def spin_pick(text: str, index: int) -> str:
    return _pick(_tree(text), index % spin_count(text))


def spin_samples(text: str, limit: int = 3) -> list[str]:
    return [spin_pick(text, i) for i in range(min(limit, spin_count(text)))]


# ------------------------------------------------------------------ combinations


@dataclass(frozen=True)
class Pool:
    """One position's choices: its pictures (ids) and its text variations (spintax allowed)."""

    pictures: tuple[str, ...]
    texts: tuple[str, ...] = ()

    @property
    def text_count(self) -> int:
        return sum(spin_count(t) for t in self.texts)

    @property
    def size(self) -> int:
        return len(self.pictures) * max(self.text_count, 1)

    def text(self, index: int) -> str:
        for text in self.texts:
            if index < (n := spin_count(text)):
                return spin_pick(text, index)
            index -= n
        return ""


def factors(pools: list[Pool]) -> list[int]:
    """Each position's share of the combinations, shown as `3 × 4 × 2 = 24`."""
    return [pool.size for pool in pools]


def combinations(pools: list[Pool]) -> int:
    """Distinct carousels: the product of the positions' factors (0 if one has no pictures)."""
    return math.prod(factors(pools)) if pools else 0


@dataclass(frozen=True)
class Slide:
    position: int  # 1-based
    picture: str
    text: str


def _slides(pools: list[Pool], k: int) -> list[Slide]:
    """The k-th carousel of the space. A bijection that walks the pools in step: the first sets
    take picture 1, 2, 3… of every position together (round robin, as the original did), and
    later ones shift each position against the first, so no set repeats."""
    digits = []
    for pool in pools:
        k, digit = divmod(k, pool.size)
        digits.append(digit)
    slides = []
    for position, (pool, digit) in enumerate(zip(pools, digits, strict=True), start=1):
        shifted = (digit + digits[0]) % pool.size if position > 1 else digit
        picture, step = shifted % len(pool.pictures), shifted // len(pool.pictures)
        texts = max(pool.text_count, 1)
        text = (step + picture) % texts
        slides.append(Slide(position, pool.pictures[picture], pool.text(text)))
    return slides


def plan_sets(pools: list[Pool], count: int, order: str, seed: int) -> list[list[Slide]]:
    """`count` distinct sets: the first ones in order, or distinct random draws (seeded)."""
    total = combinations(pools)
    if count > total:
        raise ServiceError("carousel_mix_too_few_combinations", possible=total)
    if order == "sequential":
        picks = list(range(count))
    else:
        rng, chosen = random.Random(seed), dict.fromkeys(())
        while len(chosen) < count:
            chosen[rng.randrange(total)] = None
        picks = list(chosen)
    return [_slides(pools, k) for k in picks]


# ------------------------------------------------------------------ price


def credits_per_set(slides: int) -> int:
    """The original's charged formula: 2 slides → 1, 4 → 2, 6 → 3, 8 → 4."""
    return math.ceil(slides / 2)


def price_rule(model: AIModel, params: dict[str, Any], quantity: int) -> pricing.Price:
    slides = check_slides(params.get("slides"))
    return pricing.Price(
        credits=credits_per_set(slides) * quantity, quota=model.quota_cost * quantity
    )
