"""Looping Flow's media: loops made by the item runner from clips and sounds made by FFmpeg,
checked with ffprobe and by decoding (frames counted, seams compared, tones measured)."""

from __future__ import annotations

import array
import math
import statistics
import subprocess
import time
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

import jobs.looping_flow as runner
from jobs import ffmpeg
from lumiku.services import files
from lumiku.services.errors import ServiceError
from lumiku.services.generations import Cancelled, ItemContext, ItemFailed
from lumiku.services.looping_flow import loop_point, render, rules
from tests.factories import make_clip, new_user, probe

FPS, SIZE, W, H = 24, "160x120", 160, 120
RATE = 48000


def tone(path: Path, frequency: int, seconds: float) -> Path:
    """A sine at `frequency` Hz (amplitude 1/8), mono WAV."""
    subprocess.run(
        [
            *("ffmpeg", "-v", "error", "-y", "-f", "lavfi"),
            *("-i", f"sine=frequency={frequency}:sample_rate={RATE}:duration={seconds}"),
            str(path),
        ],
        check=True,
    )
    return path


def pcm(path: Path) -> array.array:
    """The sound of a file as mono 16-bit samples at 48 kHz."""
    out = subprocess.run(
        [*("ffmpeg", "-v", "error", "-i", str(path), "-map", "0:a", "-ac", "1"), "-ar", str(RATE)]
        + ["-f", "s16le", "-"],
        capture_output=True,
        check=True,
    ).stdout
    return array.array("h", out)


def amplitude(samples: array.array, frequency: float, start: float, seconds: float = 1.0) -> float:
    """The amplitude (0–1) of one frequency in a window, by Goertzel."""
    first, count = round(start * RATE), round(seconds * RATE)
    coeff = 2 * math.cos(2 * math.pi * frequency / RATE)
    s1 = s2 = 0.0
    for x in samples[first : first + count]:
        s1, s2 = x / 32768 + coeff * s1 - s2, s1
    power = s1 * s1 + s2 * s2 - coeff * s1 * s2
    return 2 * math.sqrt(max(power, 0.0)) / count


def rms(samples: array.array, start: float, seconds: float) -> float:
    part = samples[round(start * RATE) : round((start + seconds) * RATE)]
    return math.sqrt(sum(x * x for x in part) / max(1, len(part)))


def grey_frames(path: Path) -> list[Image.Image]:
    """Every frame of a video, grey, at the test size."""
    out = subprocess.run(
        [*("ffmpeg", "-v", "error", "-i", str(path), "-map", "0:v", "-s", SIZE)]
        + ["-pix_fmt", "gray", "-f", "rawvideo", "-"],
        capture_output=True,
        check=True,
    ).stdout
    size = W * H
    return [Image.frombytes("L", (W, H), out[i : i + size]) for i in range(0, len(out), size)]


def psnr(a: Image.Image, b: Image.Image) -> float:
    mse = ImageStat.Stat(ImageChops.difference(a, b)).rms[0] ** 2
    return 99.0 if mse == 0 else 10 * math.log10(255**2 / mse)


def neighbour_psnr(frames: list[Image.Image]) -> float:
    """The median PSNR between a clip's neighbouring frames: how much it changes anyway."""
    return statistics.median(psnr(a, b) for a, b in zip(frames, frames[1:], strict=False))


def counted_frames(path: Path) -> int:
    out = subprocess.run(
        [*("ffprobe", "-v", "error", "-select_streams", "v", "-count_frames")]
        + ["-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return int(out.strip())


@pytest.fixture
def user(db, rds) -> int:
    return new_user(41, prefix="loop")


@pytest.fixture(scope="module")
def media(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("loop-media")
    return {
        "clip": make_clip(folder / "clip.mp4", 4.0, size=SIZE, rate=FPS),
        "a1000": tone(folder / "a1000.wav", 1000, 3.0),
        "a2500": tone(folder / "a2500.wav", 2500, 3.0),
        "a3500": tone(folder / "a3500.wav", 3500, 3.0),
    }


def stored(user_id: int, path: Path, kind: str) -> str:
    return files.store_upload(user_id, path, path.name, {kind}).id


def context(user_id: int, workdir: Path, settings: dict, cls: type = ItemContext) -> ItemContext:
    workdir.mkdir(parents=True, exist_ok=True)
    return cls(
        item_id="no-such-item",
        generation_id="no-such-generation",
        user_id=user_id,
        app_id="looping-flow",
        index=0,
        params={},
        settings=settings,
        workdir=workdir,
    )


def loop(user_id, media, tmp_path, layers=(), **options) -> tuple[Path, rules.LoopSettings]:
    s = rules.parse_settings(options, 4.0)
    source = stored(user_id, media["clip"], "video")
    settings = {
        "loop": s.to_dict(),
        "source": source,
        "clip_seconds": 4.0,
        "layers": [
            rules.Layer(stored(user_id, media[name], "audio"), **extra).to_dict()
            for name, extra in layers
        ],
    }
    return runner.run(context(user_id, tmp_path / "work", settings)), s


def lengths(path: Path) -> dict[str, float]:
    streams = probe(path)["streams"]
    return {s["codec_type"]: float(s["duration"]) for s in streams}


@pytest.mark.parametrize(
    ("style", "target"),
    [("crossfade", 10), ("crossfade", 17), ("simple", 13), ("boomerang", 11)],
)
def test_the_loop_meets_its_target_to_one_frame_with_sound_as_long(
    user, media, tmp_path, style, target
):
    out, s = loop(user, media, tmp_path, style=style, target=target)
    assert out.parent == tmp_path / "work" and out.suffix == ".mp4"
    info = probe(out)
    video = next(st for st in info["streams"] if st["codec_type"] == "video")
    audio = next(st for st in info["streams"] if st["codec_type"] == "audio")
    assert (video["codec_name"], video["pix_fmt"], audio["codec_name"]) == (
        "h264",
        "yuv420p",
        "aac",
    )
    assert (video["width"], video["height"]) == (W, H)
    assert counted_frames(out) == target * FPS
    seconds = lengths(out)
    assert abs(seconds["video"] - target) <= 1 / FPS
    assert abs(seconds["audio"] - seconds["video"]) <= 1 / FPS
    data = out.read_bytes()
    assert data.index(b"moov") < data.index(b"mdat")  # +faststart: plays while downloading


@pytest.mark.parametrize("style", ["crossfade", "boomerang"])
def test_no_visible_cut_at_the_seams(user, media, tmp_path, style):
    out, s = loop(user, media, tmp_path, style=style, target=20, crossfade=1.0)
    p = render.plan(s, 4.0, FPS, W, H)
    frames = grey_frames(out)
    clip = neighbour_psnr(grey_frames(media["clip"]))
    seams = [psnr(frames[i - 1], frames[i]) for i in range(p.unit, len(frames), p.unit)]
    assert len(seams) >= 2
    assert min(seams) >= clip - 3.0, (seams, clip)
    # the same measure sees the hard cut of a plain repeat of this clip (the test can fail)
    source = grey_frames(media["clip"])
    assert psnr(source[-1], source[0]) < clip - 3.0


def test_sound_seams_do_not_click(user, media, tmp_path):
    out, s = loop(user, media, tmp_path, style="crossfade", target=16)
    p = render.plan(s, 4.0, FPS, W, H)
    sound = pcm(out)
    jumps = [abs(b - a) for a, b in zip(sound, sound[1:], strict=False)]
    typical = sorted(jumps)[int(len(jumps) * 0.99)]
    unit = p.samples(p.unit)
    for seam in range(unit, len(sound) - 100, unit):
        assert max(jumps[seam - 100 : seam + 100]) <= 1.5 * typical, seam


def test_layers_are_heard_at_their_volume_and_not_when_muted(user, media, tmp_path):
    out, _ = loop(
        user,
        media,
        tmp_path,
        style="simple",
        target=12,
        fade_in=0,
        fade_out=0,
        layers=[("a1000", {}), ("a2500", {"volume": 50}), ("a3500", {"muted": True})],
    )
    sound = pcm(out)
    # away from every seam: the clip's (4 s) and the layers' (3 s less 0.75 s of crossfade)
    at = 7.6
    original = amplitude(sound, 440, at)
    # the clip's tone (1/8, mono) as it was, at -3 dB on each of two channels (FFmpeg's pan law)
    assert original == pytest.approx(0.125 / math.sqrt(2), rel=0.1)
    assert amplitude(sound, 1000, at) == pytest.approx(original, rel=0.1)
    assert amplitude(sound, 2500, at) == pytest.approx(original / 2, rel=0.1)
    assert amplitude(sound, 3500, at) < 0.005  # muted
    assert amplitude(sound, 1000, 10.0) == pytest.approx(original, rel=0.1)  # looped on


def test_the_original_sound_can_be_muted_and_the_master_fades(user, media, tmp_path):
    out, _ = loop(
        user,
        media,
        tmp_path,
        style="crossfade",
        target=10,
        original="mute",
        fade_in=1.0,
        fade_out=1.0,
        layers=[("a1000", {})],
    )
    sound = pcm(out)
    assert amplitude(sound, 440, 4.0) < 0.005
    middle = rms(sound, 4.0, 1.0)
    assert middle > 1000
    assert rms(sound, 0.0, 0.1) < 0.2 * middle  # fading in
    assert rms(sound, 9.9, 0.1) < 0.2 * middle  # fading out
    assert rms(sound, 1.5, 0.5) == pytest.approx(middle, rel=0.15)


def test_long_loops_are_joined_through_blocks(user, media, tmp_path, monkeypatch):
    monkeypatch.setattr(render, "BLOCK_SECONDS", 8.0)  # 2 units a block
    out, s = loop(user, media, tmp_path, style="simple", target=30)
    p = render.plan(s, 4.0, FPS, W, H)
    assert render.extend_plan(p)[1] >= 2
    assert counted_frames(out) == 30 * FPS
    assert abs(lengths(out)["audio"] - 30) <= 1 / FPS


def test_a_missing_or_foreign_source_fails_the_item(user, media, tmp_path):
    other = new_user(42, prefix="loop")
    foreign = stored(other, media["clip"], "video")
    for source in ("no-such-file", foreign):
        settings = {"loop": rules.LoopSettings(target=10).to_dict(), "source": source}
        settings |= {"clip_seconds": 4.0, "layers": []}
        with pytest.raises(ItemFailed) as failed:
            runner.run(context(user, tmp_path / "w", settings))
        assert failed.value.code == "looping_flow_source_missing"
    settings["source"] = stored(user, media["clip"], "video")
    settings["layers"] = [rules.Layer(stored(other, media["a1000"], "audio")).to_dict()]
    with pytest.raises(ItemFailed, match="looping_flow_layer_missing"):
        runner.run(context(user, tmp_path / "w2", settings))


@pytest.fixture
def started(monkeypatch) -> list[subprocess.Popen]:
    """The FFmpeg processes `ffmpeg.run` starts."""
    seen: list[subprocess.Popen] = []
    real = subprocess.Popen

    def recording(*args, **kwargs):
        seen.append(real(*args, **kwargs))
        return seen[-1]

    monkeypatch.setattr(ffmpeg.subprocess, "Popen", recording)
    return seen


def test_a_cancel_mid_render_kills_ffmpeg(user, media, tmp_path, started):
    class Cancelling(ItemContext):
        """Cancelled by the user while the sound of a long loop is being encoded."""

        def progress(self, percent: float, stage: str = "") -> None:
            self.seen = getattr(self, "seen", 0) + (stage == "sound")
            if stage == "sound" and self.seen > 1:
                self.running = started[-1].poll() is None
                raise Cancelled()

    s = rules.LoopSettings(style="simple", target=1800)
    settings = {"loop": s.to_dict(), "source": stored(user, media["clip"], "video")}
    ctx = context(user, tmp_path / "w", settings | {"clip_seconds": 4.0}, Cancelling)
    began = time.monotonic()
    with pytest.raises(Cancelled):
        runner.run(ctx)
    assert ctx.running  # FFmpeg was mid-render when the cancel came
    assert all(process.poll() is not None for process in started)  # and none is left
    assert time.monotonic() - began < 30


def test_find_loop_finds_a_planted_loop(tmp_path):
    """A clip whose seconds 1–3 come again at 4–6: the frame at t equals the one at t + 3."""
    clip = tmp_path / "planted.mp4"
    subprocess.run(
        [
            *("ffmpeg", "-v", "error", "-y", "-f", "lavfi"),
            *("-i", f"testsrc2=size={SIZE}:rate={FPS}:duration=4"),
            "-filter_complex",
            "[0:v]split[a][b];[b]trim=1:3,setpts=PTS-STARTPTS[c];[a][c]concat=n=2:v=1:a=0",
            *("-c:v", "libx264", "-crf", "10", "-pix_fmt", "yuv420p", str(clip)),
        ],
        check=True,
    )
    found = loop_point.find_loop(clip, 6.0, min_loop=1.0)
    assert found.end - found.start == pytest.approx(3.0, abs=0.11)
    assert 0.9 <= found.start <= 3.1
    assert found.score > 95
    plain = make_clip(tmp_path / "plain.mp4", 4.0, size=SIZE, rate=FPS)
    assert loop_point.find_loop(plain, 4.0).score < found.score


def test_find_loop_refuses_what_ffmpeg_cannot_decode(tmp_path):
    junk = tmp_path / "junk.mp4"
    junk.write_bytes(b"not a video" * 100)
    with pytest.raises(ServiceError, match="file_unreadable"):
        loop_point.find_loop(junk, 4.0)


def test_preview_is_two_small_loops_with_the_clips_sound(tmp_path):
    clip = make_clip(tmp_path / "hd.mp4", 3.0, size="1280x720", rate=30)
    s = rules.parse_settings({"style": "crossfade", "crossfade": 0.5}, 3.0)
    began = time.monotonic()
    out = render.preview(clip, s, 3.0, tmp_path / "preview.mp4")
    assert time.monotonic() - began < 10
    info = probe(out)
    video = next(st for st in info["streams"] if st["codec_type"] == "video")
    assert (video["width"], video["height"]) == (640, 360)
    unit = rules.unit_seconds(s, 3.0, 30)
    seconds = lengths(out)
    assert abs(seconds["video"] - 2 * unit) <= 1 / 30
    assert abs(seconds["audio"] - seconds["video"]) <= 1 / 30
    assert amplitude(pcm(out), 440, 1.0, 0.5) > 0.08
    assert out.stat().st_size < 2_000_000
    muted = render.preview(
        clip, rules.parse_settings({"original": "mute"}, 3.0), 3.0, tmp_path / "muted.mp4"
    )
    assert amplitude(pcm(muted), 440, 1.0, 0.5) < 0.005


def test_preview_failure_is_a_service_error(tmp_path):
    junk = tmp_path / "junk.mp4"
    junk.write_bytes(b"\x00" * 1000)
    with pytest.raises(ServiceError, match="looping_flow_preview_failed"):
        render.preview(junk, rules.LoopSettings(), 3.0, tmp_path / "p.mp4")
