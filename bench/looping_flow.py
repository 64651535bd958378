"""Looping Flow rendering: a 10 s 720p clip made into a 60-minute crossfade loop with two sound
layers, by Lumiku's path (jobs.looping_flow.make_loop: one seamless unit encoded once, repeated by
stream copy, the soundtrack encoded once) against, in the same run on the same media:

(i)  the original's approach: an `xfade` chain of the clip given 25 times as inputs, rendered
     (x264 medium, CRF 23, as the original did), then repeated by concat copy to the target
     (a visible cut at every 25 loops);
(ii) a full re-encode with `-stream_loop` (hard cuts every loop), with Lumiku's own encoder
     settings, so the ratio is the method's and not the encoder's.

Ratios are baseline ÷ Lumiku (above 1: Lumiku is faster); the target is ≥ 10× against (ii).
Also printed: the seam quality, the PSNR between the unit's last and first frame against the
median PSNR of its neighbouring frames (equal: no visible cut), and the largest sample jump at the
sound's seams against the median jump (the same order: no click); and the same at the baselines'
cuts, for contrast.

    .venv/bin/python -m bench.looping_flow [--minutes 60]
"""

from __future__ import annotations

import argparse
import array
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT, FPS, CLIP_SECONDS = 1280, 720, 30, 10
CROSSFADE = 1.0
SMALL = (320, 180)  # frames are compared at this size
RATE = 48000


def ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-hide_banner", "-v", "error", "-y", "-nostdin", *args], check=True)


def make_media(folder: Path) -> tuple[Path, Path, Path]:
    """The clip (test pattern brightening over its length and a tone, encoded like a phone's:
    a plain repeat shows a cut and clicks) and two layers: 7 s of pink noise (rain) and 13 s
    of a chord (music)."""
    clip, rain, music = folder / "clip.mp4", folder / "rain.wav", folder / "music.m4a"
    ffmpeg(
        *("-f", "lavfi", "-i", f"testsrc2=size={WIDTH}x{HEIGHT}:rate={FPS}:d={CLIP_SECONDS}"),
        *("-f", "lavfi", "-i", f"sine=frequency=220.05:sample_rate={RATE}:d={CLIP_SECONDS}"),
        *("-vf", "eq=brightness=0.04*t-0.2:eval=frame"),
        *("-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac"),
        str(clip),
    )
    ffmpeg("-f", "lavfi", "-i", f"anoisesrc=color=pink:amplitude=0.2:r={RATE}:d=7", str(rain))
    ffmpeg(
        *("-f", "lavfi", "-i", f"sine=frequency=330:r={RATE}:d=13"),
        *("-f", "lavfi", "-i", f"sine=frequency=415:r={RATE}:d=13"),
        *("-filter_complex", "amix=inputs=2", "-c:a", "aac", str(music)),
    )
    return clip, rain, music


def duration(path: Path) -> dict[str, float]:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "stream=codec_type,duration", "-of", "json"]
        + [str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {s["codec_type"]: float(s["duration"]) for s in json.loads(out)["streams"]}


def lumiku(clip: Path, rain: Path, music: Path, target: int, work: Path):
    from jobs.looping_flow import make_loop
    from lumiku.services.looping_flow import rules

    s = rules.parse_settings(
        {"style": "crossfade", "crossfade": CROSSFADE, "target": target}, CLIP_SECONDS
    )
    layers = [(rules.Layer("rain", volume=80), rain), (rules.Layer("music", volume=40), music)]
    return make_loop(clip, layers, s, CLIP_SECONDS, work, lambda *_: None)


def original(clip: Path, rain: Path, music: Path, target: int, work: Path) -> tuple[Path, float]:
    """The original's worker: an xfade/acrossfade chain over min(25, loops) inputs of the clip
    (layers mixed in as the original meant to), then, past 25 loops, concat copy of that base.
    Returns the output and the base's length (where the cuts are)."""
    loops = min(25, math.ceil(target / CLIP_SECONDS))
    x = min(CROSSFADE, CLIP_SECONDS / 4)
    inputs, graph = [], []
    for _ in range(loops):
        inputs += ["-i", str(clip)]
    inputs += ["-stream_loop", "-1", "-i", str(rain), "-stream_loop", "-1", "-i", str(music)]
    video, sound = "[0:v]", "[0:a]"
    for k in range(1, loops):
        offset = k * CLIP_SECONDS - k * x
        graph.append(f"{video}[{k}:v]xfade=transition=fade:duration={x}:offset={offset}[vx{k}]")
        graph.append(f"{sound}[{k}:a]acrossfade=d={x}[ax{k}]")
        video, sound = f"[vx{k}]", f"[ax{k}]"
    base_seconds = loops * CLIP_SECONDS - (loops - 1) * x
    graph.append(f"{sound}volume=1[a0]")
    graph.append(f"[{loops}:a]volume=0.8[a1]")
    graph.append(f"[{loops + 1}:a]volume=0.4[a2]")
    graph.append("[a0][a1][a2]amix=inputs=3:duration=first:normalize=0[aout]")
    encode = ["-c:v", "libx264", "-preset", "medium", "-crf", "23", "-pix_fmt", "yuv420p"]
    encode += ["-profile:v", "high", "-c:a", "aac", "-b:a", "192k", "-movflags", "+faststart"]
    base = work / "base.mp4"
    ffmpeg(
        *inputs,
        *("-filter_complex", ";".join(graph), "-map", video, "-map", "[aout]"),
        *("-t", f"{min(target, base_seconds):.3f}", *encode, str(base)),
    )
    if target <= base_seconds:
        return base, base_seconds
    listing = work / "base.txt"
    listing.write_text(f"file '{base}'\n" * math.ceil(target / duration(base)["video"]))
    out = work / "original.mp4"
    ffmpeg(
        "-f", "concat", "-safe", "0", "-i", str(listing), "-t", str(target), "-c", "copy", str(out)
    )
    return out, base_seconds


def stream_loop(clip: Path, rain: Path, music: Path, target: int, work: Path, p) -> Path:
    """The whole length encoded from -stream_loop inputs, with Lumiku's encoder settings."""
    from lumiku.services.looping_flow import render

    out = work / "stream-loop.mp4"
    ffmpeg(
        *("-stream_loop", "-1", "-i", str(clip), "-stream_loop", "-1", "-i", str(rain)),
        *("-stream_loop", "-1", "-i", str(music)),
        "-filter_complex",
        "[0:a]aresample=48000[a0];[1:a]volume=0.8[a1];[2:a]volume=0.4[a2];"
        "[a0][a1][a2]amix=inputs=3:duration=first:normalize=0[aout]",
        *("-map", "0:v", "-map", "[aout]", "-t", str(target), *render.video_encode(p)),
        *(*render.aac(), "-movflags", "+faststart", str(out)),
    )
    return out


# ------------------------------------------------------------------ seam quality


def grey(path: Path, start: float = 0.0, frames: int | None = None) -> list[bytes]:
    args = ["ffmpeg", "-v", "error", "-ss", f"{start:.3f}", "-i", str(path), "-map", "0:v"]
    args += ["-frames:v", str(frames)] if frames else []
    args += ["-s", f"{SMALL[0]}x{SMALL[1]}", "-pix_fmt", "gray", "-f", "rawvideo", "-"]
    out = subprocess.run(args, capture_output=True, check=True).stdout
    size = SMALL[0] * SMALL[1]
    return [out[i : i + size] for i in range(0, len(out) - size + 1, size)]


def psnr(a: bytes, b: bytes) -> float:
    from PIL import Image, ImageChops, ImageStat

    one, two = (Image.frombytes("L", SMALL, x) for x in (a, b))
    mse = ImageStat.Stat(ImageChops.difference(one, two)).rms[0] ** 2
    return 99.0 if mse == 0 else 10 * math.log10(255**2 / mse)


def neighbours(frames: list[bytes]) -> float:
    return statistics.median(psnr(a, b) for a, b in zip(frames, frames[1:], strict=False))


def cut_psnr(path: Path, at: float) -> float:
    """The lowest PSNR between neighbouring frames within two frames of `at` seconds (a
    repeated frame at a join reads as 99 dB, so the cut is the lowest)."""
    frames = grey(path, at - 2.5 / FPS, 5)
    return min(psnr(a, b) for a, b in zip(frames, frames[1:], strict=False))


def sound(path: Path, seconds: float) -> array.array:
    out = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(path), "-map", "0:a", "-t", f"{seconds:.3f}"]
        + ["-ac", "1", "-ar", str(RATE), "-f", "s16le", "-"],
        capture_output=True,
        check=True,
    ).stdout
    return array.array("h", out)


def jumps_at(samples: array.array, seams: list[int]) -> tuple[int, float]:
    """The largest sample jump within 1 ms of the seams, and the median jump overall."""
    jumps = [abs(b - a) for a, b in zip(samples, samples[1:], strict=False)]
    near = max(max(jumps[max(0, s - 48) : s + 48]) for s in seams)
    return near, statistics.median(jumps)


def main() -> None:
    parser = argparse.ArgumentParser(description="Looping Flow render benchmark")
    parser.add_argument("--minutes", type=float, default=60, help="the loop's length (60)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    target = max(10, round(args.minutes * 60))
    print(
        f"a {CLIP_SECONDS} s {WIDTH}x{HEIGHT} clip at {FPS} fps to a {target / 60:g}-minute "
        f"crossfade loop with two sound layers; {os.cpu_count()} CPUs"
    )
    with tempfile.TemporaryDirectory(prefix="bench-looping-flow-") as tmp:
        folder = Path(tmp)
        clip, rain, music = make_media(folder)
        runs = {}
        for name in ("lumiku", "original", "stream_loop"):
            work = folder / name
            work.mkdir()
            began = time.perf_counter()
            if name == "lumiku":
                out, p, unit = lumiku(clip, rain, music, target, work)
            elif name == "original":
                out, base_seconds = original(clip, rain, music, target, work)
            else:
                out = stream_loop(clip, rain, music, target, work, p)
            runs[name] = (time.perf_counter() - began, out)
        ours = runs["lumiku"][0]
        print(f"{'path':<34} {'seconds':>9} {'× slower than lumiku':>21}")
        labels = {
            "lumiku": "lumiku (unit + copy + sound once)",
            "original": "(i) original: 25-input xfade+copy",
            "stream_loop": "(ii) full re-encode, -stream_loop",
        }
        for name, (seconds, out) in runs.items():
            got = duration(out)
            assert abs(got["video"] - target) <= 1.5 / FPS or name != "lumiku", got
            print(f"{labels[name]:<34} {seconds:>9.2f} {seconds / ours:>20.2f}×")
        print(f"lumiku's output: video {duration(runs['lumiku'][1])}")

        frames = grey(unit)
        seam, typical = psnr(frames[-1], frames[0]), neighbours(frames)
        print(
            f"video seam: PSNR unit last→first {seam:.2f} dB; median of neighbouring frames "
            f"{typical:.2f} dB (lumiku)"
        )
        if target > base_seconds:
            cut = cut_psnr(runs["original"][1], base_seconds)
            print(f"            PSNR at the original's cut after 25 loops {cut:.2f} dB")
        cut = cut_psnr(runs["stream_loop"][1], CLIP_SECONDS)
        print(f"            PSNR at -stream_loop's cut after one clip {cut:.2f} dB")

        unit_samples = p.samples(p.unit)
        heard = sound(runs["lumiku"][1], min(target, 4 * p.seconds(p.unit) + 1))
        seams = list(range(unit_samples, len(heard) - 48, unit_samples))
        near, median = jumps_at(heard, seams)
        away, _ = jumps_at(heard, [seam - unit_samples // 2 for seam in seams])
        print(
            f"sound seams: largest jump {near} at lumiku's seams ({len(seams)} seams), "
            f"{away} in the same windows half a unit earlier; median jump {median:.0f}"
        )
        plain = sound(runs["stream_loop"][1], 3 * CLIP_SECONDS + 1)
        cuts = [CLIP_SECONDS * RATE * k for k in (1, 2, 3)]
        near, median = jumps_at(plain, cuts)
        away, _ = jumps_at(plain, [cut - CLIP_SECONDS * RATE // 2 for cut in cuts])
        print(
            f"             largest jump {near} at -stream_loop's cuts, {away} half a clip "
            f"earlier; median jump {median:.0f}"
        )


if __name__ == "__main__":
    main()
