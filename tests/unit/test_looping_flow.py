"""Looping Flow's rules and command plans, without FFmpeg or a database."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from lumiku.services.errors import ServiceError
from lumiku.services.looping_flow import render, rules


def settings(clip: float | None = None, **options) -> rules.LoopSettings:
    return rules.parse_settings(options, clip)


@pytest.mark.parametrize(
    ("minutes", "credits"),
    [(10, 2), (30, 6), (60, 12), (120, 24), (300, 60), (360, 74), (480, 102)],
)
def test_credits_match_the_originals_table(minutes, credits):
    assert rules.credits_for(minutes * 60) == credits


def test_credits_count_started_periods():
    assert rules.credits_for(10) == 2  # the least
    assert rules.credits_for(601) == 4  # a started 10 minutes
    assert rules.credits_for(5 * 3600 + 1) == 60 + 2 + 2  # 30 ten-minutes + 1, a started hour
    assert rules.credits_for(rules.MAX_TARGET) == 144 + 14


def test_price_rule_prices_the_target_per_output():
    model = SimpleNamespace(quota_cost=1)
    price = rules.price_rule(model, {"target": 3600}, 2)
    assert (price.credits, price.quota) == (24, 2)
    with pytest.raises(ServiceError) as refused:
        rules.price_rule(model, {"target": True}, 1)
    assert refused.value.params["name"] == "target"


def test_defaults():
    s = settings()
    assert s == rules.LoopSettings()
    assert (s.style, s.crossfade, s.target, s.original, s.fade_in, s.fade_out) == (
        "crossfade",
        1.0,
        600,
        "keep",
        2.0,
        2.0,
    )
    assert rules.parse_settings(s.to_dict()) == s
    layer = rules.parse_layer({"file_id": "abc"})
    assert layer == rules.Layer("abc") and rules.parse_layer(layer.to_dict()) == layer


@pytest.mark.parametrize(
    ("options", "name", "code"),
    [
        ({"style": "zoom"}, "style", "parameter_invalid"),
        ({"style": 1}, "style", "parameter_invalid"),
        ({"crossfade": True}, "crossfade", "parameter_invalid"),  # a bool is not a number
        ({"crossfade": 0.4}, "crossfade", "parameter_out_of_range"),
        ({"crossfade": 2.5}, "crossfade", "parameter_out_of_range"),
        ({"crossfade": float("nan")}, "crossfade", "parameter_invalid"),
        ({"target": 9}, "target", "parameter_out_of_range"),
        ({"target": 12 * 3600 + 1}, "target", "parameter_out_of_range"),
        ({"target": 600.5}, "target", "parameter_invalid"),
        ({"target": "600"}, "target", "parameter_invalid"),
        ({"target": False}, "target", "parameter_invalid"),
        ({"original": "loud"}, "original", "parameter_invalid"),
        ({"original_volume": 201}, "original_volume", "parameter_out_of_range"),
        ({"master_volume": 101}, "master_volume", "parameter_out_of_range"),
        ({"master_volume": -1}, "master_volume", "parameter_out_of_range"),
        ({"fade_in": 10.5}, "fade_in", "parameter_out_of_range"),
        ({"fade_out": -0.1}, "fade_out", "parameter_out_of_range"),
        ({"loop_in": -1}, "loop_in", "parameter_out_of_range"),
    ],
)
def test_bad_settings_are_refused_naming_the_field(options, name, code):
    with pytest.raises(ServiceError) as refused:
        settings(**options)
    assert refused.value.code == code
    assert refused.value.params["name"] == name
    assert name in rules.LoopSettings.__dataclass_fields__


def test_settings_must_be_a_mapping():
    with pytest.raises(ServiceError, match="looping_flow_settings_invalid"):
        rules.parse_settings([])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("options", "name"),
    [
        ({"file_id": "a", "volume": 250}, "volume"),
        ({"file_id": "a", "volume": True}, "volume"),
        ({"file_id": "a", "muted": 1}, "muted"),
        ({"file_id": "a", "fade_in": 11}, "fade_in"),
        ({"file_id": "a", "fade_out": "2"}, "fade_out"),
        ({"file_id": 5}, "file_id"),
        ({}, "file_id"),
    ],
)
def test_bad_layers_are_refused_naming_the_field(options, name):
    with pytest.raises(ServiceError) as refused:
        rules.parse_layer(options)
    assert refused.value.params["name"] == name
    assert name in rules.Layer.__dataclass_fields__


def test_loop_points_must_lie_inside_the_clip():
    assert rules.loop_bounds(settings(10.0), 10.0) == (0.0, 10.0)
    assert rules.loop_bounds(settings(10.0, loop_in=2, loop_out=5), 10.0) == (2.0, 5.0)
    for options, name in [
        ({"loop_in": 9.5}, "loop_in"),
        ({"loop_in": 2, "loop_out": 2.5}, "loop_out"),  # shorter than MIN_LOOP
        ({"loop_out": 11}, "loop_out"),
    ]:
        with pytest.raises(ServiceError) as refused:
            settings(10.0, **options)
        assert refused.value.params["name"] == name
    with pytest.raises(ServiceError, match="looping_flow_clip_too_short"):
        settings(0.5)
    with pytest.raises(ServiceError, match="looping_flow_boomerang_too_long"):
        settings(60.0, style="boomerang")
    assert settings(60.0, style="boomerang", loop_in=10, loop_out=40).style == "boomerang"


def test_unit_length_per_style():
    clip = 10.0
    assert rules.unit_seconds(settings(clip, style="simple"), clip) == 10.0
    assert rules.unit_seconds(settings(clip, crossfade=1.5), clip) == 8.5
    # two frames are not repeated where a boomerang turns
    assert rules.unit_seconds(settings(clip, style="boomerang", loop_out=5), clip, 25) == 9.92
    # the crossfade is held to a quarter of the loop
    short = settings(clip, crossfade=2.0, loop_in=1, loop_out=3)
    assert rules.unit_seconds(short, clip, 30) == 1.5
    assert rules.crossfade_frames(short, 60, 30) == 15


def test_estimated_bytes_grow_with_length_and_size():
    small = rules.estimated_bytes(settings(target=600), 640, 360)
    assert rules.estimated_bytes(settings(target=1200), 640, 360) > small
    assert rules.estimated_bytes(settings(target=600), 1920, 1080) > small
    # 10 minutes of 720p at 2.5 Mbit/s + 192 kbit/s
    assert 190e6 < rules.estimated_bytes(settings(), 1280, 720) < 210e6
    assert rules.estimated_bytes(settings(), 3840, 2160) == rules.estimated_bytes(
        settings(), 1920, 1080
    )  # 4K is made at 1080p
    assert rules.estimated_bytes(settings(), None, None) > 0


def test_output_frame_rate_and_size():
    assert rules.output_fps(29.97) == 30
    assert rules.output_fps(None) == 30
    assert rules.output_fps(120) == 60
    assert rules.output_size(3840, 2160) == (1920, 1080)
    assert rules.output_size(721, 1281) == (720, 1280)  # even, as x264 wants


def test_plan_meets_the_target_to_one_frame():
    s = settings(10.0, target=25, crossfade=1.0)
    p = render.plan(s, 10.0, 24, 160, 120)
    assert (p.fps, p.frames, p.fade, p.unit, p.total) == (24, 240, 24, 216, 600)
    assert p.repeats * p.unit + p.tail == p.total
    assert p.samples(p.unit) == 216 * 2000


def test_long_loops_are_joined_through_blocks():
    s = settings(4.0, target=12 * 3600, style="simple")
    p = render.plan(s, 4.0, 25, 160, 120)
    per_block, blocks = render.extend_plan(p)
    assert per_block * 4 == 120 and blocks == p.repeats // per_block
    assert blocks + p.repeats % per_block < 400  # the final listing stays short
    short = render.plan(settings(4.0, target=60), 4.0, 25, 160, 120)
    assert render.extend_plan(short) == (1, 0)


def test_mix_command_loops_mixes_without_normalising_and_encodes_once():
    s = settings(master_volume=50)
    tracks = [
        render.Track(Path("a.wav"), True, 1.0),
        render.Track(Path("b.wav"), False, 0.5, 1.0, 2.0),
    ]
    args = render.mix(tracks, 480000, s, Path("out.m4a"))
    graph = args[args.index("-filter_complex") + 1]
    assert "amix=inputs=2:duration=longest:normalize=0" in graph
    assert "volume=0.5000" in graph and "afade=t=in:ns=48000" in graph
    assert args.count("-stream_loop") == 1 and args.count("aac") == 1
    silent = render.mix([], 48000, s, Path("out.m4a"))
    assert "anullsrc" in silent[silent.index("-filter_complex") + 1]
