"""Avatar Generator's pure rules: the original's price (5, +2 HD, +3 priority) read from the
registry row, the style presets and the likeness of two face embeddings."""

from __future__ import annotations

import pytest

from lumiku.models import AIModel
from lumiku.services.avatar_generator import rules
from lumiku.services.errors import ServiceError


def model(**overrides) -> AIModel:
    values = dict(
        key="avatar-generator:x",
        app_id="avatar-generator",
        name="x",
        provider="huggingface",
        tier="free",
        credit_cost=5,
        quota_cost=1,
        capabilities={"hdExtra": 2, "priorityExtra": 3},
    )
    return AIModel(**{**values, **overrides})


@pytest.mark.parametrize(
    ("quality", "priority", "each"),
    [("sd", False, 5), ("hd", False, 7), ("sd", True, 8), ("hd", True, 10)],
)
def test_the_originals_price_per_variation(quality, priority, each):
    price = rules.price_rule(model(), {"quality": quality, "priority": priority}, 3)
    assert (price.credits, price.quota) == (3 * each, 3)


def test_the_numbers_come_from_the_registry_row():
    cheaper = model(credit_cost=4, capabilities={"hdExtra": 1})
    assert rules.price_rule(cheaper, {"quality": "hd", "priority": True}, 1).credits == 5


@pytest.mark.parametrize("params", [{"quality": "4k"}, {"priority": "yes"}, {"priority": 1}])
def test_a_malformed_request_is_refused(params):
    with pytest.raises(ServiceError):
        rules.price_rule(model(), params, 1)


def test_styles_keep_the_face_and_refuse_unknown_ones():
    prompt = rules.prompt_for("studio", "red kebaya")
    assert prompt.startswith(rules.KEEP_FACE) and prompt.endswith("red kebaya")
    with pytest.raises(ServiceError):
        rules.prompt_for("cubist", "")


def test_likeness_is_a_cosine_clamped_to_0_1():
    assert rules.likeness([1.0, 0.0], [1.0, 0.0]) == pytest.approx(1.0)
    assert rules.likeness([1.0, 0.0], [0.0, 1.0]) == pytest.approx(0.0)
    assert rules.likeness([1.0, 0.0], [-1.0, 0.0]) == 0.0
    assert rules.likeness([1.0, 1.0], [1.0, 0.0]) == pytest.approx(0.7071, abs=1e-4)
    assert rules.likeness([], []) is None and rules.likeness([1.0], [1.0, 2.0]) is None
    assert rules.likeness([0.0, 0.0], [1.0, 0.0]) is None
