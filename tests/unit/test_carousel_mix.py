"""Carousel Mix's rules, without Pillow, FFmpeg or a database: the generate settings, spintax,
the combination count, the plan of every set and the price."""

from __future__ import annotations

import itertools
import math
import signal
from collections import Counter
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lumiku.models import AIModel
from lumiku.services import pricing
from lumiku.services.carousel_mix import rules
from lumiku.services.errors import ServiceError

Pool = rules.Pool


def pool(name: str, pictures: int, texts: tuple[str, ...] = ()) -> rules.Pool:
    return Pool(tuple(f"{name}{n}" for n in range(1, pictures + 1)), texts)


def as_sets(plans: list[list[rules.Slide]]) -> list[tuple[tuple[str, str], ...]]:
    """Each set as what a viewer sees: (picture, text) per position."""
    return [tuple((s.picture, s.text) for s in plan) for plan in plans]


@contextmanager
def within(seconds: float):
    """Raises TimeoutError in the test if the block takes longer (a hang fails, not blocks)."""

    def expired(*_):
        raise TimeoutError(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# ------------------------------------------------------------------ combinations


def test_combinations_multiply_pictures_by_texts_per_position():
    pools = [pool("a", 3, ("x", "y")), pool("b", 2), pool("c", 1, ("p", "q", "r", "s"))]
    assert rules.factors(pools) == [6, 2, 4]
    assert rules.combinations(pools) == 48
    # texts count by what their spintax stands for
    spun = [pool("a", 2, ("{Diskon|Promo} {50%|besar}", "Gratis ongkir"))]
    assert rules.factors(spun) == [2 * 5]
    assert spun[0].text_count == 5


def test_combinations_are_exact_big_integers():
    texts = tuple(f"text {n}" for n in range(50))
    pools = [pool(f"p{n}", 20, texts) for n in range(8)]
    total = rules.combinations(pools)
    assert type(total) is int
    assert total == (20 * 50) ** 8 == 10**24  # not a float, not "Infinity"
    assert rules.factors(pools) == [1000] * 8
    huge = [pool("h", 20, ("{a|b}" * 100,))]  # one text standing for 2**100 texts
    assert rules.combinations(huge) == 20 * 2**100


def test_an_empty_position_or_none_at_all_makes_nothing():
    assert rules.combinations([]) == 0
    assert rules.factors([]) == []
    no_pictures = [pool("a", 3, ("x",)), Pool((), ("only text",)), pool("c", 2)]
    assert rules.factors(no_pictures) == [3, 0, 2]
    assert rules.combinations(no_pictures) == 0
    with pytest.raises(ServiceError) as refused:
        rules.plan_sets(no_pictures, 1, "random", seed=1)
    assert refused.value.code == "carousel_mix_too_few_combinations"
    assert refused.value.params == {"possible": 0}


# ------------------------------------------------------------------ spintax


@pytest.mark.parametrize(
    ("text", "expansions"),
    [
        ("Gratis ongkir", ["Gratis ongkir"]),
        ("", [""]),
        ("{Diskon|Promo} {50%|besar}", ["Diskon 50%", "Promo 50%", "Diskon besar", "Promo besar"]),
        ("{a|{b|c}}", ["a", "b", "c"]),  # nested: three texts, not two
        ("{x {y|z}|w}!", ["x y!", "x z!", "w!"]),
        ("{|a}", ["", "a"]),
        ("{a|b|c}", ["a", "b", "c"]),
        # a brace without its partner, or one with no "|", stays literal
        ("{x}", ["{x}"]),
        ("{}", ["{}"]),
        ("{a|b", ["{a|b"]),
        ("a|b}", ["a|b}"]),
        ("}{", ["}{"]),
        ("{a|{b}", ["{a|{b}"]),  # the outer brace has no partner: all of it is literal
        ("{a|{x}}", ["a", "{x}"]),  # a literal pair inside a choice stays inside it
        ("Harga {x} {murah|hemat}", ["Harga {x} murah", "Harga {x} hemat"]),
        ("{{a|b}}", ["{a}", "{b}"]),
        ("Café {ñ|ü} 😀", ["Café ñ 😀", "Café ü 😀"]),
    ],
)
def test_spintax_counts_and_expands(text, expansions):
    assert rules.spin_count(text) == len(expansions)
    assert [rules.spin_pick(text, i) for i in range(len(expansions))] == expansions
    assert rules.spin_pick(text, len(expansions)) == expansions[0]  # the index wraps around
    assert rules.spin_samples(text, 2) == expansions[:2]


def test_unclosed_braces_are_counted_in_linear_time():
    """Every text is counted whenever a project is shown: a text of braces must not hang it."""
    with within(2):
        assert rules.spin_count("{" * 40) == 1
        assert rules.spin_count("Promo {hemat|" * 12) == 1
        assert rules.spin_count("{" * 250 + "}" * 250) == 1
        nested = "{a|" * 125 + "b" + "}" * 125  # 501 characters, 125 levels deep
        assert rules.spin_count(nested) == 126


# A spintax tree for the property below: literals without braces or bars, and choices.
LITERAL = st.text(alphabet="ab çé😀 ", max_size=3)


def _trees(depth: int):
    if depth == 0:
        return st.lists(LITERAL, min_size=1, max_size=2).map(lambda parts: ("seq", parts))
    inner = _trees(depth - 1)
    part = st.one_of(LITERAL, st.lists(inner, min_size=2, max_size=3).map(lambda o: ("or", o)))
    return st.lists(part, min_size=1, max_size=3).map(lambda parts: ("seq", parts))


def _text(node) -> str:
    if isinstance(node, str):
        return node
    kind, parts = node
    if kind == "or":
        return "{" + "|".join(_text(p) for p in parts) + "}"
    return "".join(_text(p) for p in parts)


def _expand(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    kind, parts = node
    if kind == "or":
        return [text for option in parts for text in _expand(option)]
    return ["".join(p) for p in itertools.product(*(_expand(p) for p in parts))]


@given(_trees(2))
@settings(max_examples=150, deadline=None)
def test_spintax_expands_to_exactly_the_texts_it_stands_for(tree):
    text = _text(tree)
    expected = _expand(tree)
    assert rules.spin_count(text) == len(expected)
    assert Counter(rules.spin_pick(text, i) for i in range(len(expected))) == Counter(expected)


def test_a_pool_walks_its_texts_variation_by_variation():
    p = Pool(("pic",), ("Halo", "{Diskon|Promo} hari ini", "Gratis"))
    assert p.text_count == 4
    assert [p.text(i) for i in range(4)] == [
        "Halo",
        "Diskon hari ini",
        "Promo hari ini",
        "Gratis",
    ]
    assert Pool(("pic",)).text(0) == ""  # no texts: the slide has none


# ------------------------------------------------------------------ plans


def _space(pools: list[rules.Pool]) -> set[tuple[tuple[str, str], ...]]:
    """Every carousel the pools allow, built by brute force."""
    per_position = [
        [
            (picture, text)
            for picture in p.pictures
            for text in ([p.text(i) for i in range(p.text_count)] or [""])
        ]
        for p in pools
    ]
    return set(itertools.product(*per_position))


@st.composite
def small_pools(draw) -> list[rules.Pool]:
    """2–4 positions with distinct pictures and distinct texts (some spun), at most 240 sets."""
    positions = draw(st.integers(2, 4))
    pools = []
    for n in range(1, positions + 1):
        pictures = draw(st.integers(1, 3))
        plain = draw(st.integers(0, 2))
        texts = [f"t{n}.{j}" for j in range(plain)]
        if draw(st.booleans()):
            texts.append(f"{{s{n}a|s{n}b}}")
        pools.append(pool(f"p{n}.", pictures, tuple(texts)))
    total = rules.combinations(pools)
    if total > 240:
        pools = pools[:2]
    return pools


@given(small_pools(), st.data())
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_sets_never_repeat_for_any_count_up_to_the_space(pools, data):
    total = rules.combinations(pools)
    space = _space(pools)
    assert len(space) == total
    # all of it, in either order: every possible carousel exactly once
    for order in rules.ORDERS:
        everything = as_sets(rules.plan_sets(pools, total, order, seed=data.draw(st.integers())))
        assert len(everything) == total and set(everything) == space
    # any smaller count: distinct sets, each one from the pools, positions in order
    count = data.draw(st.integers(1, total))
    order = data.draw(st.sampled_from(rules.ORDERS))
    plans = rules.plan_sets(pools, count, order, seed=data.draw(st.integers(0, 2**31)))
    assert len(plans) == count
    assert len(set(as_sets(plans))) == count
    for plan in plans:
        assert [s.position for s in plan] == list(range(1, len(pools) + 1))
    assert set(as_sets(plans)) <= space


def test_every_count_of_a_small_space_is_distinct_in_both_orders():
    pools = [pool("a", 2, ("x", "{y|z}")), pool("b", 3), pool("c", 1, ("u", "v"))]
    total = rules.combinations(pools)
    assert total == 6 * 3 * 2
    for order in rules.ORDERS:
        for count in range(1, total + 1):
            sets = as_sets(rules.plan_sets(pools, count, order, seed=count))
            assert len(set(sets)) == count, (order, count)


@pytest.mark.parametrize("order", rules.ORDERS)
def test_more_sets_than_the_space_are_refused(order):
    pools = [pool("a", 2, ("x",)), pool("b", 3)]
    assert len(rules.plan_sets(pools, 6, order, seed=1)) == 6
    with pytest.raises(ServiceError) as refused:
        rules.plan_sets(pools, 7, order, seed=1)
    assert refused.value.code == "carousel_mix_too_few_combinations"
    assert refused.value.params == {"possible": 6}


def test_sequential_sets_walk_the_pools_together():
    """The original's round robin: set 1 takes picture 1 (and text 1) of every position, set 2
    picture 2 of every position, and so on; a shorter pool starts again."""
    pools = [
        pool("a", 3, ("a-t1", "a-t2", "a-t3")),
        pool("b", 3, ("b-t1", "b-t2", "b-t3")),
        pool("c", 3, ("c-t1", "c-t2", "c-t3")),
    ]
    plans = rules.plan_sets(pools, 3, "sequential", seed=0)
    assert as_sets(plans) == [
        (("a1", "a-t1"), ("b1", "b-t1"), ("c1", "c-t1")),
        (("a2", "a-t2"), ("b2", "b-t2"), ("c2", "c-t2")),
        (("a3", "a-t3"), ("b3", "b-t3"), ("c3", "c-t3")),
    ]
    uneven = [pool("a", 4), pool("b", 2), pool("c", 3)]
    pictures = [[s.picture for s in plan] for plan in rules.plan_sets(uneven, 4, "sequential", 0)]
    assert pictures == [
        ["a1", "b1", "c1"],
        ["a2", "b2", "c2"],
        ["a3", "b1", "c3"],
        ["a4", "b2", "c1"],
    ]
    # and the order does not depend on the seed
    assert rules.plan_sets(uneven, 5, "sequential", 1) == rules.plan_sets(
        uneven, 5, "sequential", 2
    )


def test_seeded_random_plans_are_reproducible():
    texts = tuple(f"t{n}" for n in range(10))
    pools = [pool(f"p{n}", 5, texts) for n in range(4)]
    first = rules.plan_sets(pools, 20, "random", seed=42)
    assert first == rules.plan_sets(pools, 20, "random", seed=42)
    assert first != rules.plan_sets(pools, 20, "random", seed=43)
    assert first != rules.plan_sets(pools, 20, "sequential", seed=42)
    assert len(set(as_sets(first))) == 20


def test_random_plans_of_a_huge_space_are_quick_and_distinct():
    texts = tuple(f"text {n}" for n in range(50))
    pools = [pool(f"p{n}", 20, texts) for n in range(8)]
    plans = rules.plan_sets(pools, rules.MAX_SETS, "random", seed=7)
    assert len(set(as_sets(plans))) == rules.MAX_SETS


def test_planning_the_most_sets_of_the_biggest_project_is_quick():
    spun = ("{Promo|Diskon} {besar|hemat} " * 17)[:490]
    texts = tuple(f"{spun} {n}" for n in range(50))  # the most texts, each nearly the longest
    pools = [pool(f"p{n}", 20, texts) for n in range(8)]
    with within(3):
        plans = rules.plan_sets(pools, rules.MAX_SETS, "random", seed=3)
    assert len(set(as_sets(plans))) == rules.MAX_SETS


# ------------------------------------------------------------------ price


def model(quota: int = 1) -> AIModel:
    return AIModel(
        key="carousel-mix:canvas-standard",
        app_id="carousel-mix",
        name="x",
        provider="local",
        tier="free",
        credit_cost=1,
        quota_cost=quota,
    )


@pytest.mark.parametrize(
    ("slides", "per_set"), [(2, 1), (3, 2), (4, 2), (5, 3), (6, 3), (7, 4), (8, 4)]
)
def test_the_price_is_half_the_slides_rounded_up_per_set(slides, per_set):
    assert rules.credits_per_set(slides) == per_set == math.ceil(slides / 2)
    for quantity in (1, 3, 100):
        price = rules.price_rule(model(quota=2), {"slides": slides}, quantity)
        assert (price.credits, price.quota) == (per_set * quantity, 2 * quantity)


def test_the_pricing_rule_is_registered_for_the_app():
    price = pricing.price("carousel-mix", model(), {"slides": 8}, 5)
    assert (price.credits, price.quota) == (4 * 5, 5)


@pytest.mark.parametrize("slides", [1, 9, 0, -4, "4", 4.0, True, None, [4], 10**30])
def test_bad_slide_counts_are_refused(slides):
    with pytest.raises(ServiceError) as refused:
        rules.price_rule(model(), {"slides": slides}, 1)
    assert refused.value.params["name"] == "slides"
    with pytest.raises(ServiceError):
        rules.check_slides(slides)


def test_the_slide_count_must_be_given_for_a_price():
    """No default price: a request without its slide count is not priced as 4 slides."""
    with pytest.raises(ServiceError):
        rules.price_rule(model(), {}, 1)


# ------------------------------------------------------------------ output settings


def test_output_settings_default_and_round_trip():
    default = rules.parse_output({})
    assert default == rules.OutputSettings("jpg", 90, False, "random")
    chosen = rules.parse_output(
        {"format": "png", "quality": 60, "pdf": True, "order": "sequential"}
    )
    assert rules.parse_output(chosen.to_dict()) == chosen
    assert rules.parse_output({"quality": 100, "price": 0, "junk": [1]}).quality == 100


@pytest.mark.parametrize(
    ("raw", "code", "field"),
    [
        ({"format": "gif"}, "parameter_invalid", "format"),
        ({"format": "JPG"}, "parameter_invalid", "format"),
        ({"format": True}, "parameter_invalid", "format"),
        ({"format": None}, "parameter_invalid", "format"),
        ({"order": "shuffle"}, "parameter_invalid", "order"),
        ({"order": ["random"]}, "parameter_invalid", "order"),
        ({"pdf": 1}, "parameter_invalid", "pdf"),  # an int is not a bool, though 1 == True
        ({"pdf": 0}, "parameter_invalid", "pdf"),
        ({"pdf": 1.0}, "parameter_invalid", "pdf"),
        ({"pdf": "true"}, "parameter_invalid", "pdf"),
        ({"quality": True}, "parameter_invalid", "quality"),  # a bool is not an int
        ({"quality": 90.0}, "parameter_invalid", "quality"),
        ({"quality": "90"}, "parameter_invalid", "quality"),
        ({"quality": 59}, "parameter_out_of_range", "quality"),
        ({"quality": 101}, "parameter_out_of_range", "quality"),
        ({"quality": 10**30}, "parameter_out_of_range", "quality"),
    ],
)
def test_bad_output_settings_name_their_field(raw, code, field):
    with pytest.raises(ServiceError) as refused:
        rules.parse_output(raw)
    assert refused.value.code == code
    assert refused.value.params["name"] == field


@pytest.mark.parametrize("raw", [None, [], "jpg", 7, ("format", "jpg")])
def test_output_settings_must_be_a_dict(raw):
    with pytest.raises(ServiceError) as refused:
        rules.parse_output(raw)
    assert (refused.value.code, refused.value.params) == ("parameter_invalid", {"name": "settings"})
