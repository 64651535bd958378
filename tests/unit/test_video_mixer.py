"""Video Mixer's planning rules, without FFmpeg or a database."""

from __future__ import annotations

import math

import pytest

from lumiku.services import pricing
from lumiku.services.errors import ServiceError
from lumiku.services.video_mixer import rules as vm


def clips(*durations: float, group: str = "") -> list[vm.Clip]:
    return [vm.Clip(f"{group or 'c'}{n}", d, group) for n, d in enumerate(durations)]


def settings(**options) -> vm.MixSettings:
    return vm.parse_settings(options)


def test_defaults_suit_phone_video_and_write_nothing_into_the_file():
    """Changed from the original's 16:9 and "capcut": the audience posts vertical video
    (TikTok, Reels, Shorts, Shopee Video), and a default that writes "Made with CapCut" into
    every file is a surprise, not a choice. A new project's aspect follows its clips."""
    s = settings()
    assert (s.order_mixing, s.resolution, s.fps, s.aspect, s.metadata, s.audio) == (
        True,
        "720p",
        30,
        "9:16",
        "clean",
        "keep",
    )
    assert s.aspect_auto is True
    assert vm.METADATA[s.metadata].tags == {}


def test_the_aspect_follows_the_shape_most_clips_were_shot_in():
    assert vm.aspect_for([(720, 1280), (1080, 1920)]) == "9:16"
    assert vm.aspect_for([(1920, 1080), (1280, 720), (720, 1280)]) == "16:9"
    assert vm.aspect_for([(1080, 1080), (1080, 1100)]) == "1:1"
    assert vm.aspect_for([(1920, 1080), (720, 1280)]) == "9:16"  # a tie: the phone's shape
    assert vm.aspect_for([(None, None), (0, 10)]) is None  # nothing known: keep what it is


def test_every_metadata_look_is_explained_without_jargon():
    """The panel says what each look writes, and that none changes the picture or hides a
    video; no "anti-fingerprint" promises anywhere in Video Mixer's words."""
    from lumiku.i18n.video_mixer import MESSAGES

    for look in vm.METADATA:
        assert f"video_mixer_metadata_help_{look}" in MESSAGES
    for key, text in MESSAGES.items():
        for lang in ("id", "en"):
            assert "sidik jari" not in text[lang].lower(), key
            assert "fingerprint" not in text[lang].lower(), key
    assert MESSAGES["video_mixer_opt_speed_min"]["id"] == "Kecepatan paling lambat"
    assert "undetectable" in MESSAGES["video_mixer_metadata_note"]["en"]


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"resolution": "8k"}, "resolution"),
        ({"fps": 25}, "fps"),
        ({"fps": True}, "fps"),
        ({"speed_min": 0.4}, "speed_min"),
        ({"speed_max": 2.5}, "speed_max"),
        ({"speed_min": 1.5, "speed_max": 1.2}, "speed_min"),
        ({"fixed_duration": 0}, "fixed_duration"),
        ({"order_mixing": "yes"}, "order_mixing"),
        ({"price": 0}, "price"),
        ({"fixed_duration": float("nan")}, "fixed_duration"),
    ],
)
def test_bad_settings_name_their_field(options, field):
    with pytest.raises(ServiceError) as err:
        vm.parse_settings(options)
    assert err.value.params["name"] == field


def test_price_per_video_follows_the_original_formula():
    assert vm.cost_per_video(settings(order_mixing=False, resolution="480p")) == 1
    assert vm.cost_per_video(settings()) == 1 + 1 + 2  # order mixing, 720p
    everything = settings(
        group_mixing=True,
        group_mode="random",
        speed_variations=True,
        resolution="4k",
        bitrate="high",
        fps=60,
        duration_type="fixed",
        distribution="weighted",
        visual_variation=True,
    )
    assert vm.cost_per_video(everything) == 1 + 1 + 2 + 1 + 1 + 10 + 2 + 3 + 1


def test_the_pricing_rule_is_registered_for_the_app():
    model = vm.AIModel(
        key="video-mixer:ffmpeg-standard",
        app_id="video-mixer",
        name="x",
        provider="local",
        tier="free",
        credit_cost=2,
        quota_cost=1,
    )
    price = pricing.price("video-mixer", model, {"settings": {"resolution": "1080p"}}, 5)
    assert (price.credits, price.quota) == ((1 + 1 + 5) * 5, 5)


def test_combinations_are_exact_big_integers():
    assert vm.combinations([], settings()) == 0
    assert vm.combinations(clips(*[1] * 5), settings()) == 120
    assert vm.combinations(clips(*[1] * 25), settings()) == math.factorial(25)  # not Infinity
    assert vm.combinations(clips(1, 2, 3), settings(order_mixing=False)) == 1
    assert vm.combinations(clips(1, 2, 3), settings(order_mixing=False, different_start=True)) == 3
    grouped = clips(1, 1, group="a") + clips(1, 1, 1, group="b") + clips(1, group="")
    assert vm.combinations(grouped, settings(group_mixing=True)) == 2 * 3 * math.factorial(2)
    fixed = settings(fixed_first_clip="c0")
    assert vm.combinations(clips(1, 1, 1, 1), fixed) == math.factorial(3)


def test_strength_and_its_label():
    assert vm.strength(settings(order_mixing=False)) == (0, "none")
    assert vm.strength(settings()) == (1, "weak")
    assert vm.strength(
        settings(
            different_start=True,
            group_mixing=True,
            group_mode="random",
            speed_variations=True,
            visual_variation=True,
        )
    ) == (5, "excellent")


def test_estimated_duration():
    assert vm.estimated_duration(clips(2, 3, 5), settings()) == 10
    assert (
        vm.estimated_duration(
            clips(2, 3, 5), settings(speed_variations=True, speed_min=1.0, speed_max=1.5)
        )
        == 8.0
    )
    assert (
        vm.estimated_duration(clips(2, 3, 5), settings(duration_type="fixed", fixed_duration=7))
        == 7
    )


def test_variants_are_distinct_while_combinations_allow():
    plans = vm.plan_variants(clips(1, 2, 3, 4), settings(), 20, seed=7)
    orders = [tuple(seg.clip_id for seg in plan.segments) for plan in plans]
    assert len(set(orders)) == 20  # 4! = 24 possible
    few = vm.plan_variants(clips(1, 2), settings(), 5, seed=7)
    assert len({tuple(seg.clip_id for seg in p.segments) for p in few}) == 2


def test_the_same_seed_gives_the_same_plans():
    s = settings(speed_variations=True, different_start=True, visual_variation=True)
    assert vm.plan_variants(clips(3, 4, 5), s, 5, seed=42) == vm.plan_variants(
        clips(3, 4, 5), s, 5, seed=42
    )
    assert vm.plan_variants(clips(3, 4, 5), s, 5, seed=42) != vm.plan_variants(
        clips(3, 4, 5), s, 5, seed=43
    )


def test_the_fixed_first_clip_really_opens_every_variant():
    plans = vm.plan_variants(clips(1, 2, 3, 4), settings(fixed_first_clip="c2"), 6, seed=1)
    assert {plan.segments[0].clip_id for plan in plans} == {"c2"}


def test_group_mixing_takes_one_clip_per_group_in_order_and_leaves_out_loose_clips():
    grouped = clips(1, 1, group="a") + clips(2, 2, group="b") + clips(9)
    plans = vm.plan_variants(grouped, settings(group_mixing=True, order_mixing=False), 4, seed=1)
    assert [[seg.clip_id for seg in p.segments] for p in plans] == [
        ["a0", "b0"],
        ["a1", "b1"],
        ["a0", "b0"],
        ["a1", "b1"],
    ]


def test_speeds_stay_inside_atempos_range_and_durations_add_up():
    s = settings(order_mixing=False, duration_type="fixed", fixed_duration=5, distribution="speed")
    [plan] = vm.plan_variants(clips(10, 10, 10), s, 1, seed=1)
    assert {seg.speed for seg in plan.segments} == {2.0}  # 30 s into 5 s would need 6×
    [fits] = vm.plan_variants(clips(4, 6), s, 1, seed=1)
    assert abs(fits.duration - 5) < 0.1
    for mode in ("equal", "proportional", "weighted"):
        [plan] = vm.plan_variants(
            clips(4, 6, 10),
            settings(duration_type="fixed", fixed_duration=12, distribution=mode),
            1,
            seed=3,
        )
        assert plan.duration <= 12.001
        assert all(0 < seg.length <= 10 for seg in plan.segments)
        if mode != "equal":
            assert abs(plan.duration - 12) < 0.1


def test_stream_copy_only_for_whole_unchanged_clips():
    [plain] = vm.plan_variants(clips(1, 2), settings(), 1, seed=1)
    assert plain.stream_copy
    [sped] = vm.plan_variants(clips(1, 2), settings(speed_variations=True), 1, seed=1)
    [visual] = vm.plan_variants(clips(1, 2), settings(visual_variation=True), 1, seed=1)
    assert not sped.stream_copy and not visual.stream_copy
    assert 1.01 <= visual.zoom <= 1.04


def test_counts_and_empty_projects_are_refused():
    with pytest.raises(ServiceError):
        vm.plan_variants(clips(1), settings(), 0, seed=1)
    with pytest.raises(ServiceError):
        vm.plan_variants(clips(1), settings(), 101, seed=1)
    with pytest.raises(ServiceError) as err:
        vm.plan_variants([], settings(), 1, seed=1)
    assert err.value.code == "video_mixer_no_clips"


def test_videos_longer_than_the_cap_are_refused_before_anything_runs():
    """A render's cost grows with its length while the price per video does not: five clips of
    three minutes joined whole would make a 15-minute video."""
    long = clips(180, 180, 180, 180, 180)
    with pytest.raises(ServiceError) as err:
        vm.estimated_duration(long, settings())
    assert err.value.code == "video_mixer_video_too_long"
    assert err.value.params == {"minutes": vm.MAX_VIDEO_SECONDS // 60}
    with pytest.raises(ServiceError):
        vm.plan_variants(long, settings(), 1, seed=1)
    assert vm.estimated_duration(clips(120, 120), settings()) == 240
    [plan] = vm.plan_variants(clips(300, 300), settings(), 1, seed=1)  # 10 minutes: the cap
    assert plan.duration == vm.MAX_VIDEO_SECONDS
