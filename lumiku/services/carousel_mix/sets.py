"""Carousel Mix's estimate and generation: the combinations and price shown before the user
confirms, then one engine item per set, each with its own plan (picture, text and style of
every slide), so a set can be made again exactly."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from lumiku.services import billing, generations
from lumiku.services.carousel_mix import rules
from lumiku.services.carousel_mix.projects import ProjectDetail, get_project, save_output
from lumiku.services.errors import ServiceError

APP_ID = "carousel-mix"
MODEL_KEY = "carousel-mix:canvas-standard"


@dataclass(frozen=True)
class Estimate:
    factors: list[int]  # each position's pictures × max(texts, 1)
    combinations: int  # their product: an exact integer, however large
    possible: int  # distinct sets one request can make (at most MAX_SETS)
    empty_positions: list[int]  # positions with no picture yet (nothing can be made)
    credits_per_set: int
    quote: billing.Quote


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= rules.MAX_SETS:
        raise ServiceError("quantity_invalid", max=rules.MAX_SETS)
    return value


def _pools(project: ProjectDetail) -> list[rules.Pool]:
    return [position.pool for position in project.positions]


def estimate(user_id: int, project_id: str, count: int) -> Estimate:
    count = _count(count)
    project = get_project(user_id, project_id)
    pools = _pools(project)
    total = rules.combinations(pools)
    return Estimate(
        factors=rules.factors(pools),
        combinations=total,
        possible=min(total, rules.MAX_SETS),
        empty_positions=[p.position for p in project.positions if not p.pictures],
        credits_per_set=rules.credits_per_set(project.slides),
        quote=billing.quote(user_id, APP_ID, MODEL_KEY, {"slides": project.slides}, count),
    )


def generate(user_id: int, project_id: str, raw: dict[str, Any], count: int, key: str) -> str:
    """Plans `count` distinct sets, holds their price and queues one item per set."""
    count = _count(count)
    output = save_output(user_id, project_id, raw)
    project = get_project(user_id, project_id)
    for position in project.positions:
        if not position.pictures:
            raise ServiceError("carousel_mix_position_empty", position=position.position)
    plans = rules.plan_sets(_pools(project), count, output.order, seed=secrets.randbelow(2**31))
    pictures = {p.id: p for position in project.positions for p in position.pictures}
    styles = {p.position: p.style for p in project.positions}
    items = [
        {
            "set": number,
            "slides": [
                {
                    "position": slide.position,
                    "picture": slide.picture,
                    "text": slide.text,
                    "style": styles[slide.position],
                    "focal": [pictures[slide.picture].focal_x, pictures[slide.picture].focal_y],
                }
                for slide in plan
            ],
        }
        for number, plan in enumerate(plans, start=1)
    ]
    used = {slide["picture"] for item in items for slide in item["slides"]}
    return generations.submit(
        user_id,
        APP_ID,
        MODEL_KEY,
        title=f"{project.name} · {count}",
        items=items,
        settings={
            "canvas": project.canvas,
            "sets": count,
            "output": output.to_dict(),
            "sources": {
                pid: {
                    "kind": pictures[pid].kind,
                    "file": pictures[pid].file_id,
                    "still": pictures[pid].still_id,
                }
                for pid in sorted(used)
            },
        },
        price_params={"slides": project.slides},
        key=key,
        project_id=project.id,
        name=project.name,
    )
