"""Carousel Mix's video slides on real clips made by FFmpeg: the command the runner builds keeps
the canvas, lays the text over the picture, follows the focal point and keeps the sound; checked
with ffprobe and on decoded frames."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PIL import Image

from jobs import ffmpeg
from jobs.carousel_mix import video_command
from lumiku.services.carousel_mix import canvas, typeset
from lumiku.services.carousel_mix.style import TextStyle
from tests.factories import make_clip, probe

BLUE, WHITE = (0, 0, 255), (255, 255, 255)
BOXED = TextStyle(size=10.0, color="#FFFFFF", box_color="#0000FF", box_opacity=100)


@pytest.fixture(scope="module")
def clips(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("carousel-clips")
    halves = Image.new("RGB", (320, 120), "red")
    halves.paste((0, 255, 0), (160, 0, 320, 120))  # the left half red, the right half green
    halves.save(folder / "halves.png")
    subprocess.run(
        [
            *("ffmpeg", "-v", "error", "-y", "-loop", "1", "-i", str(folder / "halves.png")),
            *("-t", "1", "-r", "25", "-pix_fmt", "yuv420p", "-c:v", "libx264"),
            str(folder / "halves.mp4"),
        ],
        check=True,
    )
    return {
        "sound": make_clip(folder / "sound.mp4", 1.0, size="160x120", pattern="testsrc"),
        "silent": make_clip(folder / "silent.mp4", 1.0, size="160x120", audio=False),
        "halves": folder / "halves.mp4",
    }


def render(
    video: Path,
    text: str,
    style: TextStyle,
    size: tuple[int, int],
    out: Path,
    focal: tuple[float, float] = (50.0, 50.0),
) -> tuple[Path, typeset.Overlay, list[float]]:
    """The video slide as the runner makes it: the text drawn once, then one FFmpeg run."""
    overlay = typeset.text_overlay(text, style, size)
    picture = out.with_suffix(".overlay.png")
    overlay.image.save(picture)
    args = video_command(video, picture, (overlay.left, overlay.top), size, focal, out)
    seen: list[float] = []
    ffmpeg.run(args, 1.0, seen.append)
    return out, overlay, seen


def frame(video: Path, at: float = 0.5) -> Image.Image:
    out = video.with_suffix(f".{at}.png")
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-y",
            "-ss",
            str(at),
            "-i",
            str(video),
            "-frames:v",
            "1",
            str(out),
        ],
        check=True,
    )
    return Image.open(out).convert("RGB")


def solid_spot(image: Image.Image, colour: tuple[int, int, int]) -> tuple[int, int]:
    """A point of the overlay whose 9×9 neighbourhood is opaque `colour` (clear of edges, so
    chroma subsampling cannot blur it)."""
    rgba = image.convert("RGBA")
    width, height = rgba.size
    for y in range(4, height - 4, 2):
        for x in range(4, width - 4, 2):
            if all(
                rgba.getpixel((x + dx, y + dy)) == (*colour, 255)
                for dx in range(-4, 5, 2)
                for dy in range(-4, 5, 2)
            ):
                return x, y
    raise AssertionError(f"no solid {colour} in the overlay")


def near(pixel: tuple[int, ...], colour: tuple[int, int, int], tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True))


@pytest.mark.parametrize("name", ["4:5", "1:1", "9:16"])
def test_a_video_slide_keeps_the_canvas_and_shows_the_text(clips, tmp_path, name):
    size = canvas.CANVASES[name]
    out, overlay, seen = render(clips["sound"], "HALO", BOXED, size, tmp_path / "slide.mp4")
    info = probe(out)
    video = next(s for s in info["streams"] if s["codec_type"] == "video")
    assert (video["codec_name"], video["width"], video["height"]) == ("h264", *size)
    assert (video["pix_fmt"], video["r_frame_rate"]) == ("yuv420p", "30/1")
    assert video.get("sample_aspect_ratio", "1:1") == "1:1"
    assert "title" not in info["format"].get("tags", {})  # nothing of the source's metadata
    assert seen and max(seen) > 50  # progress came from FFmpeg's -progress output

    picture = frame(out)
    assert picture.size == size
    for colour in (BLUE, WHITE):  # the box, and the text on it
        x, y = solid_spot(overlay.image, colour)
        shown = picture.getpixel((overlay.left + x, overlay.top + y))
        assert near(shown, colour), (colour, shown)
    # outside the overlay the clip shows through (testsrc's colours, never the box's blue)
    corner = picture.getpixel((5, 5))
    assert not near(corner, BLUE)
    assert not (
        overlay.left <= 5 < overlay.left + overlay.image.width
        and overlay.top <= 5 < overlay.top + overlay.image.height
    )


def test_the_sound_is_kept_and_silence_stays_silent(clips, tmp_path):
    size = canvas.CANVASES["4:5"]
    loud, _, _ = render(clips["sound"], "Suara", BOXED, size, tmp_path / "loud.mp4")
    audio = [s for s in probe(loud)["streams"] if s["codec_type"] == "audio"]
    assert [(s["codec_name"], s["channels"] >= 1) for s in audio] == [("aac", True)]
    assert abs(float(audio[0]["duration"]) - 1.0) < 0.1
    # the tone is really there: decoded, it is far from silence
    pcm = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(loud), "-map", "0:a", "-ac", "1", "-f", "s16le", "-"],
        capture_output=True,
        check=True,
    ).stdout
    samples = memoryview(pcm).cast("h")
    assert max(abs(v) for v in samples[1000:5000]) > 1000

    quiet, _, _ = render(clips["silent"], "Sunyi", BOXED, size, tmp_path / "quiet.mp4")
    assert [s["codec_type"] for s in probe(quiet)["streams"]] == ["video"]


@pytest.mark.parametrize(("focal_x", "colour"), [(0.0, (255, 0, 0)), (100.0, (0, 255, 0))])
def test_the_crop_follows_the_focal_point(clips, tmp_path, focal_x, colour):
    """A wide clip, left half red and right half green, on a square canvas: the crop keeps the
    side the focal point names."""
    size = canvas.CANVASES["1:1"]
    out, overlay, _ = render(
        clips["halves"], "", BOXED, size, tmp_path / "crop.mp4", focal=(focal_x, 50.0)
    )
    assert overlay.image.size == (1, 1)  # no text: nothing drawn over the picture
    picture = frame(out)
    for x in (100, 540, 980):
        assert near(picture.getpixel((x, 540)), colour), (x, picture.getpixel((x, 540)))


@pytest.mark.parametrize("source", ["sound", "silent"])
def test_a_video_slide_is_as_long_as_its_source(clips, tmp_path, source):
    out, _, _ = render(clips[source], "HALO", BOXED, canvas.CANVASES["4:5"], tmp_path / "s.mp4")
    info = probe(out)
    video = next(s for s in info["streams"] if s["codec_type"] == "video")
    assert abs(float(video["duration"]) - 1.0) < 0.1
    assert abs(float(info["format"]["duration"]) - 1.0) < 0.1
