"""Poster Editor's prices: the original's production numbers (remove text 10, upscale 5/10/20,
5 per upscaled export format, the rest free), cheaper local quick edits, every number read from
the registry row; and the registry rows we propose."""

from __future__ import annotations

import pytest

from lumiku.models import AIModel
from lumiku.services import seed
from lumiku.services.ai import CAPABILITIES
from lumiku.services.errors import ServiceError
from lumiku.services.poster_editor import rules


def model(**overrides) -> AIModel:
    values = dict(
        key="poster-editor:x",
        app_id="poster-editor",
        name="x",
        provider="huggingface",
        tier="free",
        credit_cost=5,
        quota_cost=1,
        capabilities={},
    )
    return AIModel(**{**values, **overrides})


def price(params: dict, quantity: int = 1, row: AIModel | None = None) -> tuple[int, int]:
    found = rules.price_rule(row or model(), params, quantity)
    return found.credits, found.quota


@pytest.mark.parametrize(
    ("params", "credits"),
    [
        ({"action": "remove_text"}, 10),
        ({"action": "quick_remove_text"}, 3),
        ({"action": "remove"}, 8),
        ({"action": "replace"}, 8),
        ({"action": "quick_remove"}, 2),
        ({"action": "upscale", "scale": 2}, 5),
        ({"action": "upscale", "scale": 3}, 10),
        ({"action": "upscale", "scale": 4}, 20),
    ],
)
def test_the_originals_prices(params, credits):
    assert price(params) == (credits, 1)
    assert price(params, 3) == (3 * credits, 3)


def test_local_quick_edits_are_cheaper():
    assert price({"action": "quick_remove"})[0] < price({"action": "remove"})[0]
    assert price({"action": "quick_remove_text"})[0] < price({"action": "remove_text"})[0]
    assert rules.ACTIONS["quick_remove"].kind == rules.ACTIONS["quick_remove_text"].kind == "local"


def test_exports_cost_5_per_upscaled_format_and_nothing_else():
    assert price({"action": "export_format"}, 6) == (0, 0)
    assert price({"action": "export_format", "formats_upscaled": 0}, 6) == (0, 0)
    assert price({"action": "export_format", "formats_upscaled": 2}, 6) == (10, 2)
    assert price({"action": "export_format", "formats_upscaled": 6}, 6) == (30, 6)
    assert price({"action": "export"}, 4) == (0, 0)


def test_the_numbers_come_from_the_registry_row():
    row = model(
        quota_cost=2,
        capabilities={
            "remove": 6,
            "replace": 9,
            "quick_remove": 1,
            "remove_text": 12,
            "quick_remove_text": 0,
            "upscale": {"2": 4, "4": 15},
            "export_upscaled": 3,
        },
    )
    assert price({"action": "remove"}, 2, row) == (12, 4)
    assert price({"action": "replace"}, 1, row) == (9, 2)
    assert price({"action": "quick_remove"}, 1, row) == (1, 2)
    assert price({"action": "remove_text"}, 1, row) == (12, 2)
    assert price({"action": "quick_remove_text"}, 1, row) == (0, 0)  # free: no quota either
    assert price({"action": "upscale", "scale": 2}, 1, row) == (4, 2)
    assert price({"action": "upscale", "scale": 3}, 1, row) == (10, 2)  # not in the row: default
    assert price({"action": "upscale", "scale": 4}, 1, row) == (15, 2)
    assert price({"action": "export_format", "formats_upscaled": 3}, 3, row) == (9, 6)
    broken = model(capabilities={"remove_text": "ten", "upscale": [5], "remove": -1})
    assert price({"action": "remove_text"}, 1, broken) == (10, 1)
    assert price({"action": "upscale", "scale": 2}, 1, broken) == (5, 1)
    assert price({"action": "remove"}, 1, broken) == (8, 1)


def test_the_rows_max_upscale_bounds_the_scale():
    row = model(capabilities={"maxUpscale": 2})
    assert price({"action": "upscale", "scale": 2}, 1, row) == (5, 1)
    with pytest.raises(ServiceError) as caught:
        price({"action": "upscale", "scale": 4}, 1, row)
    assert caught.value.code == "parameter_out_of_range"
    assert caught.value.params == {"name": "scale", "low": 2, "high": 2}


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({}, "action"),
        ({"action": "sharpen"}, "action"),
        ({"action": ["remove"]}, "action"),
        ({"action": "upscale"}, "scale"),
        ({"action": "upscale", "scale": 8}, "scale"),
        ({"action": "upscale", "scale": "2"}, "scale"),
        ({"action": "upscale", "scale": 2.0}, "scale"),
        ({"action": "upscale", "scale": True}, "scale"),
        ({"action": "export_format", "formats_upscaled": True}, "formats_upscaled"),
        ({"action": "export_format", "formats_upscaled": "1"}, "formats_upscaled"),
    ],
)
def test_malformed_requests_are_refused(params, name):
    with pytest.raises(ServiceError) as caught:
        price(params)
    assert (caught.value.code, caught.value.params["name"]) == ("parameter_invalid", name)


@pytest.mark.parametrize("upscaled", [-1, 4])
def test_more_upscaled_formats_than_formats_are_refused(upscaled):
    with pytest.raises(ServiceError) as caught:
        price({"action": "export_format", "formats_upscaled": upscaled}, 3)
    assert caught.value.code == "parameter_out_of_range"


@pytest.mark.parametrize("quantity", [0, True, "2"])
def test_a_bad_quantity_is_refused(quantity):
    with pytest.raises(ServiceError) as caught:
        price({"action": "remove"}, quantity)
    assert caught.value.code == "quantity_invalid"


def test_upscaled_formats_counts_the_enlarged_ones():
    assert rules.upscaled_formats((1080, 1080), ["IG_POST", "FB_COVER", "A4", "A3"]) == 2
    assert rules.upscaled_formats((1080, 1080), ["FB_POST"]) == 1  # covering 1200 px wide
    assert rules.upscaled_formats((4000, 4000), ["IG_POST", "IG_STORY"]) == 0
    with pytest.raises(ServiceError):
        rules.upscaled_formats((1080, 1080), ["NOPE"])


def test_the_replace_prompt():
    assert rules.prompt_text("replace", "  a red\nvase ") == "a red vase"
    assert rules.prompt_text("remove", "ignored") == ""
    for bad in ("", "   ", None, ["vase"], "x" * (rules.PROMPT_MAX + 1)):
        with pytest.raises(ServiceError):
            rules.prompt_text("replace", bad)


def test_the_registry_rows():
    rows = [seed._model(**row) for row in rules.REGISTRY_MODELS]
    keys = [row["key"] for row in rows]
    assert len(set(keys)) == len(keys)
    assert {m["key"] for m in seed.MODELS} >= set(keys)  # seeded
    by_capability = {}
    for row in rows:
        assert row["app_id"] == "poster-editor"
        assert row["capability"] in CAPABILITIES
        by_capability.setdefault(row["capability"], []).append(row)
        AIModel(**{k: v for k, v in row.items() if k != "app_id"}, app_id=row["app_id"])
    assert {"inpainting", "segmentation", "upscaling"} <= set(by_capability)
    local = next(r for r in rows if r["provider"] == "local")
    advanced = next(r for r in by_capability["inpainting"] if r["provider"] == "huggingface")
    upscaler = by_capability["upscaling"][0]
    assert local["capability"] == "inpainting"
    assert advanced["provider_model"] == "black-forest-labs/FLUX.1-Fill-dev"

    def row_model(row):
        return model(
            credit_cost=row["credit_cost"],
            quota_cost=row["quota_cost"],
            capabilities=row["capabilities"],
        )

    assert price({"action": "quick_remove"}, 1, row_model(local))[0] == 2
    assert price({"action": "quick_remove_text"}, 1, row_model(local))[0] == 3
    assert price({"action": "remove_text"}, 1, row_model(advanced))[0] == 10
    assert price({"action": "remove"}, 1, row_model(advanced))[0] == 8
    for scale, credits in ((2, 5), (3, 10), (4, 20)):
        assert price({"action": "upscale", "scale": scale}, 1, row_model(upscaler))[0] == credits
    # exports are local work, priced on the local row, so they never need a provider's key
    assert price({"action": "export_format", "formats_upscaled": 1}, 1, row_model(local)) == (
        5,
        local["quota_cost"],
    )


def test_an_export_holding_several_formats_is_priced_by_its_formats_count():
    """One item (a ZIP) holds several formats: `formats` says how many may be enlarged."""
    assert price({"action": "export_format", "formats": 3, "formats_upscaled": 3}, 1) == (15, 3)
    assert price({"action": "export_format", "formats": 3, "formats_upscaled": 0}, 1) == (0, 0)
    for bad in (0, 26, True, "3"):
        with pytest.raises(ServiceError) as refused:
            price({"action": "export_format", "formats": bad, "formats_upscaled": 0}, 1)
        assert refused.value.params["name"] == "formats"
    with pytest.raises(ServiceError) as refused:
        price({"action": "export_format", "formats": 2, "formats_upscaled": 3}, 1)
    assert refused.value.params == {"name": "formats_upscaled", "low": 0, "high": 2}
