"""Video Mixer rendering on real clips made by FFmpeg, checked with ffprobe."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from jobs.video_mixer import Source, assemble, normalize, output_size, render
from lumiku.services.video_mixer import rules as vm
from tests.factories import make_clip, probe


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> dict[str, Source]:
    folder = tmp_path_factory.mktemp("clips")
    specs = [("a", 2.0, "320x240", True), ("b", 3.0, "240x320", True), ("c", 2.5, "200x200", False)]
    return {
        cid: Source(
            make_clip(
                folder / f"{cid}.mp4", d, size=size, audio=audio, hue=n * 60, title="source secret"
            ),
            audio,
        )
        for n, (cid, d, size, audio) in enumerate(specs)
    }


CLIPS = [vm.Clip("a", 2.0), vm.Clip("b", 3.0), vm.Clip("c", 2.5)]


@pytest.mark.parametrize(
    ("options", "expected_size", "fps"),
    [
        ({}, (1280, 720), 30),
        ({"aspect": "9:16", "resolution": "480p", "fps": 24, "fit": "crop"}, (480, 854), 24),
        (
            {"aspect": "1:1", "resolution": "480p", "fps": 60, "speed_variations": True},
            (480, 480),
            60,
        ),
        (
            {
                "aspect": "4:5",
                "resolution": "480p",
                "duration_type": "fixed",
                "fixed_duration": 4,
                "distribution": "speed",
                "visual_variation": True,
            },
            (480, 600),
            30,
        ),
        (
            {
                "resolution": "480p",
                "duration_type": "fixed",
                "fixed_duration": 5,
                "distribution": "weighted",
                "different_start": True,
            },
            (854, 480),
            30,
        ),
    ],
)
def test_renders_match_their_plan(sources, tmp_path, options, expected_size, fps):
    # the defaults are now "clean" and 9:16: these cases were written for "capcut" and 16:9
    settings = vm.parse_settings({"metadata": "capcut", "aspect": "16:9", **options})
    [plan] = vm.plan_variants(CLIPS, settings, 1, seed=11)
    seen = []
    out = render(sources, plan, settings, tmp_path / "out.mp4", seen.append)
    info = probe(out)
    video = next(s for s in info["streams"] if s["codec_type"] == "video")
    assert (video["width"], video["height"]) == expected_size == output_size(settings)
    assert video["r_frame_rate"] == f"{fps}/1"
    assert abs(float(info["format"]["duration"]) - plan.duration) <= 0.1
    assert any(s["codec_type"] == "audio" for s in info["streams"])
    assert seen and max(seen) > 50  # progress came from FFmpeg's -progress output
    assert info["format"]["tags"].get("comment") == "Made with CapCut"
    assert "Lavf" not in info["format"]["tags"].get("encoder", "")
    assert "title" not in info["format"]["tags"]  # nothing of the sources leaks


def test_mute_and_clean_metadata(sources, tmp_path):
    settings = vm.parse_settings({"resolution": "480p", "audio": "mute", "metadata": "clean"})
    [plan] = vm.plan_variants(CLIPS, settings, 1, seed=3)
    info = probe(render(sources, plan, settings, tmp_path / "mute.mp4"))
    assert [s["codec_type"] for s in info["streams"]] == ["video"]
    assert set(info["format"].get("tags", {})) <= {
        "major_brand",
        "minor_version",
        "compatible_brands",
    }


def test_variants_differ(sources, tmp_path):
    settings = vm.parse_settings({"resolution": "480p"})
    plans = vm.plan_variants(CLIPS, settings, 3, seed=5)
    digests = set()
    for n, plan in enumerate(plans):
        out = render(sources, plan, settings, tmp_path / f"v{n}.mp4")
        digests.add(
            subprocess.run(
                ["md5sum", str(out)], capture_output=True, text=True, check=True
            ).stdout.split()[0]
        )
    assert len(digests) == 3


@pytest.mark.parametrize("look", ["instagram", "youtube", "tiktok"])
def test_each_look_writes_its_tags_brand_and_handlers(sources, tmp_path, look):
    settings = vm.parse_settings({"resolution": "480p", "metadata": look})
    [plan] = vm.plan_variants(CLIPS, settings, 1, seed=2)
    info = probe(render(sources, plan, settings, tmp_path / "look.mp4"))
    expected = vm.METADATA[look]
    assert info["format"]["tags"]["comment"] == expected.tags["comment"]
    assert info["format"]["tags"]["major_brand"] == expected.brand
    handlers = {s["codec_type"]: s["tags"]["handler_name"] for s in info["streams"]}
    assert handlers == {"video": expected.video_handler, "audio": expected.audio_handler}


def test_stream_copy_joins_normalised_clips_without_encoding(sources, tmp_path):
    settings = vm.parse_settings(
        {"resolution": "480p", "aspect": "9:16", "fps": 24, "metadata": "capcut"}
    )
    [plan] = vm.plan_variants(CLIPS, settings, 1, seed=4)
    assert plan.stream_copy
    parts = [
        normalize(sources[seg.clip_id], seg.length, settings, tmp_path / f"{seg.clip_id}.mov")
        for seg in plan.segments
    ]
    out = assemble(parts, settings, tmp_path / "joined.mp4", plan.duration)
    info = probe(out)
    video = next(s for s in info["streams"] if s["codec_type"] == "video")
    assert (video["width"], video["height"], video["r_frame_rate"]) == (480, 854, "24/1")
    assert abs(float(info["format"]["duration"]) - plan.duration) <= 0.1
    assert info["format"]["tags"]["comment"] == "Made with CapCut"
    # the sound, decoded, is as long as the picture: no gaps were added at the joins
    pcm = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(out), "-map", "0:a", "-ac", "1", "-ar", "48000"]
        + ["-f", "s16le", "-"],
        capture_output=True,
        check=True,
    ).stdout
    assert abs(len(pcm) / 2 / 48000 - float(video["duration"])) < 0.05

    # the joined video's frames are the normalised clips' own (keyframes may carry the
    # parameter sets in-band as well): nothing was encoded again
    def packets(path: Path) -> list[tuple[str, str]]:
        out = subprocess.run(
            [
                *("ffprobe", "-v", "error", "-select_streams", "v"),
                *("-show_entries", "packet=size,flags", "-of", "csv=p=0", str(path)),
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        return [tuple(line.split(",")[:2]) for line in out]

    joined = packets(out)
    copied = [packet for part in parts for packet in packets(part)]
    assert len(joined) == len(copied)
    assert [p for p in joined if "K" not in p[1]] == [p for p in copied if "K" not in p[1]]
