"""Video Mixer rendering: seconds per variant for Lumiku's path against the same job done as one
hand-written FFmpeg command per variant and as a MoviePy script per variant, all measured in this
run on the same five clips, so the ratios (baseline ÷ Lumiku; above 1 means Lumiku is faster)
compare across machines.

Two modes, 20 variants of five 720x1280 clips each, output 9:16 720p at 30 fps:
- reorder: whole clips in a new order. Lumiku normalises each clip once and joins them by stream
  copy (the normalising counts, spread over the variants); the naive baseline encodes every variant.
- speed: every clip at its own speed (0.8–1.25×). Lumiku runs one filter graph per variant.

    .venv/bin/python -m bench.video_mixer [--variants 20] [--moviepy-variants 3]

`make bench` installs MoviePy 2 into its own venv, .tools/moviepy (its Pillow pin conflicts with
the project's), and runs this; the MoviePy script runs there, a child process per variant that
times itself without its imports. The three take turns variant by variant, so a busy moment on
the machine falls on all of them. Every output is checked with ffprobe (720x1280, the planned
duration, sound), so a broken render cannot make a nice number.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from itertools import zip_longest
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jobs.video_mixer import Source
    from lumiku.services.video_mixer.rules import Clip, MixSettings, VariantPlan

ROOT = Path(__file__).resolve().parent.parent
MOVIEPY_PYTHON = ROOT / ".tools" / "moviepy" / "bin" / "python"
WIDTH, HEIGHT, FPS, BITRATE = 720, 1280, 30, "2500k"  # BITRATES["medium"], checked in main
CLIPS = [(3.0, 0, 330), (3.5, 70, 440), (4.0, 140, 550), (4.5, 210, 660), (5.0, 280, 770)]
SETTINGS = {"order_mixing": True, "speed_min": 0.8, "speed_max": 1.25, "aspect": "9:16"}
SETTINGS |= {"resolution": "720p", "fps": FPS}
TOLERANCE = 0.25  # seconds between an output's duration and its plan's
Call = Callable[[], object]


def ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-hide_banner", "-v", "error", "-y", "-nostdin", *args], check=True)


def make_clips(folder: Path) -> list[Path]:
    """Five clips (seconds, hue, tone in Hz) of test pattern and sine, encoded like a phone's."""
    paths = []
    for n, (seconds, hue, tone) in enumerate(CLIPS):
        paths.append(folder / f"clip{n}.mp4")
        ffmpeg(
            *("-f", "lavfi", "-i", f"testsrc2=size={WIDTH}x{HEIGHT}:rate={FPS}:duration={seconds}"),
            *("-f", "lavfi", "-i", f"sine=frequency={tone}:sample_rate=48000:duration={seconds}"),
            *("-vf", f"hue=h={hue}", "-c:v", "libx264", "-preset", "veryfast", "-c:a", "aac"),
            str(paths[-1]),
        )
    return paths


def by_hand(paths: dict[str, Path], plan: VariantPlan, out: Path) -> list[str]:
    """The variant as one FFmpeg command written the obvious way: trim, speed, fit, concat."""
    inputs, graph, labels = [], [], ""
    for i, seg in enumerate(plan.segments):
        inputs += ["-ss", str(seg.start), "-t", str(seg.length), "-i", str(paths[seg.clip_id])]
        graph.append(
            f"[{i}:v]setpts=(PTS-STARTPTS)/{seg.speed},"
            f"scale={WIDTH}:{HEIGHT}:force_original_aspect_ratio=decrease,"
            f"pad={WIDTH}:{HEIGHT}:(ow-iw)/2:(oh-ih)/2,fps={FPS},setsar=1,format=yuv420p[v{i}];"
            f"[{i}:a]asetpts=PTS-STARTPTS,atempo={seg.speed},aresample=48000[a{i}]"
        )
        labels += f"[v{i}][a{i}]"
    graph.append(f"{labels}concat=n={len(plan.segments)}:v=1:a=1[v][a]")
    return [
        *("ffmpeg", "-v", "error", "-y", "-nostdin", *inputs, "-filter_complex", ";".join(graph)),
        *("-map", "[v]", "-map", "[a]", "-c:v", "libx264", "-preset", "veryfast"),
        *("-b:v", BITRATE, "-c:a", "aac", "-b:a", "128k", str(out)),
    ]


def moviepy_variant(segments: list[list], out: str) -> None:
    """The variant as a MoviePy 2 script would make it."""
    from moviepy import VideoFileClip, concatenate_videoclips

    sources, parts = [], []
    for path, start, length, speed in segments:
        sources.append(VideoFileClip(path))
        part = sources[-1].subclipped(start, start + length)
        part = part.with_speed_scaled(speed) if speed != 1 else part
        part = part.resized(height=HEIGHT)
        part = part.resized(width=WIDTH) if part.w > WIDTH else part
        if part.size != (WIDTH, HEIGHT):
            part = part.with_background_color(size=(WIDTH, HEIGHT), pos="center")
        parts.append(part)
    concatenate_videoclips(parts).write_videofile(
        out, fps=FPS, codec="libx264", preset="veryfast", bitrate=BITRATE,
        audio_codec="aac", audio_bitrate="128k", audio_fps=48000, logger=None,
    )  # fmt: skip
    for source in sources:
        source.close()


def moviepy_worker(job: Path) -> None:
    """Runs in MoviePy's interpreter: makes one variant and prints its seconds, the import of
    MoviePy left out (a worker would import it once)."""
    os.environ.setdefault("FFMPEG_BINARY", shutil.which("ffmpeg") or "ffmpeg-imageio")
    import moviepy

    assert int(moviepy.__version__.split(".")[0]) >= 2, moviepy.__version__
    variant = json.loads(job.read_text())
    start = time.perf_counter()
    moviepy_variant(variant["segments"], variant["out"])
    print(time.perf_counter() - start)


def moviepy_python() -> str | None:
    if importlib.util.find_spec("moviepy"):
        return sys.executable
    candidate = os.environ.get("BENCH_MOVIEPY_PYTHON", str(MOVIEPY_PYTHON))
    return candidate if Path(candidate).is_file() else None


def with_moviepy(python: str, paths: dict[str, Path], plan: VariantPlan, out: Path) -> float:
    """MoviePy's seconds for one variant, timed in its own interpreter."""
    segments = [[str(paths[s.clip_id]), s.start, s.length, s.speed] for s in plan.segments]
    job = out.with_suffix(".json")
    job.write_text(json.dumps({"out": str(out), "segments": segments}))
    args = [python, "-m", "bench.video_mixer", "--moviepy-job", str(job)]
    result = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    return float(result.stdout.splitlines()[-1])


def check(path: Path, plan: VariantPlan) -> None:
    """A broken render must not make a nice number: the size, the length and the sound."""
    probe = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "stream=codec_type,width,height,duration"]
        + ["-show_entries", "format=duration", "-of", "json", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(probe.stdout)
    kinds = {s["codec_type"]: s for s in data["streams"]}
    assert (kinds["video"]["width"], kinds["video"]["height"]) == (WIDTH, HEIGHT), (path, kinds)
    assert "audio" in kinds, path
    for length in (data["format"]["duration"], *(s["duration"] for s in kinds.values())):
        assert abs(float(length) - plan.duration) < TOLERANCE, (path, length, plan.duration)


def alternate(*sides: list[Call]) -> list[list[float]]:
    """Seconds of each call, the sides run turn about so a busy moment on the machine falls on
    all of them alike. A call that returns a float has timed itself."""
    seconds: list[list[float]] = [[] for _ in sides]
    for calls in zip_longest(*sides):
        for call, times in zip(calls, seconds, strict=True):
            if call:
                start = time.perf_counter()
                result = call()
                times.append(result if isinstance(result, float) else time.perf_counter() - start)
    return seconds


def lumiku(
    mode: str,
    clips: list[Clip],
    sources: dict[str, Source],
    plans: list[VariantPlan],
    s: MixSettings,
    folder: Path,
) -> tuple[list[Call], list[Path]]:
    """Lumiku's path for the mode, as the item runner takes it (jobs.video_mixer.run); in
    reorder mode the first calls normalise the clips."""
    from jobs.video_mixer import assemble, normalize, render

    out = [folder / f"lumiku-{mode}-{i}.mp4" for i in range(len(plans))]
    if mode == "speed":
        return [partial(render, sources, p, s, o) for p, o in zip(plans, out, strict=True)], out
    whole = {c.id: folder / f"whole-{c.id}.mov" for c in clips}
    parts = [[whole[seg.clip_id] for seg in p.segments] for p in plans]
    return [partial(normalize, sources[c.id], c.duration, s, whole[c.id]) for c in clips] + [
        partial(assemble, part, s, o) for part, o in zip(parts, out, strict=True)
    ], out


def by_hand_calls(
    paths: dict[str, Path], plans: list[VariantPlan], mode: str, folder: Path
) -> tuple[list[Call], list[Path]]:
    out = [folder / f"hand-{mode}-{i}.mp4" for i in range(len(plans))]
    argvs = [by_hand(paths, p, o) for p, o in zip(plans, out, strict=True)]
    return [partial(subprocess.run, argv, check=True) for argv in argvs], out


def main() -> None:
    parser = argparse.ArgumentParser(description="Video Mixer render benchmark")
    parser.add_argument("--variants", type=int, default=20, help="per mode (default 20)")
    parser.add_argument(
        "--moviepy-variants", type=int, default=3, help="MoviePy is slow: time only the first N"
    )
    parser.add_argument("--moviepy-job", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.moviepy_job:
        return moviepy_worker(args.moviepy_job)

    sys.path.insert(0, str(ROOT))
    from jobs.video_mixer import Source
    from lumiku.services import media
    from lumiku.services.video_mixer.rules import BITRATES, Clip, MixSettings, plan_variants

    assert BITRATES[MixSettings().bitrate] == BITRATE
    python = moviepy_python() if args.moviepy_variants > 0 else None
    if args.moviepy_variants > 0 and not python:
        print("MoviePy baseline skipped: MoviePy 2 is not installed (`make bench` installs it)")
    seconds = sum(clip[0] for clip in CLIPS)
    print(f"{len(CLIPS)} clips of {WIDTH}x{HEIGHT}, {seconds} s in all; {os.cpu_count()} CPUs")
    print(
        f"{'mode':<8} {'variants':>8} {'lumiku s/var':>13} {'ffmpeg s/var':>13} "
        f"{'moviepy s/var':>14} {'× vs ffmpeg':>12} {'× vs moviepy':>13}"
    )
    with tempfile.TemporaryDirectory(prefix="bench-video-mixer-") as tmp:
        folder = Path(tmp)
        paths = {f"clip{n}": path for n, path in enumerate(make_clips(folder))}
        infos = {cid: media.probe(path) for cid, path in paths.items()}
        sources = {cid: Source(paths[cid], info.has_audio) for cid, info in infos.items()}
        clips = [Clip(cid, info.duration or 0.0) for cid, info in infos.items()]
        for mode in ("reorder", "speed"):
            s = MixSettings(**SETTINGS, speed_variations=mode == "speed")
            plans = plan_variants(clips, s, args.variants, seed=7)
            assert all(p.stream_copy == (mode == "reorder") for p in plans), mode
            ours, ours_out = lumiku(mode, clips, sources, plans, s, folder)
            hand, hand_out = by_hand_calls(paths, plans, mode, folder)
            few = min(args.moviepy_variants, len(plans)) if python else 0
            movie_out = [folder / f"moviepy-{mode}-{i}.mp4" for i in range(few)]
            movie = [
                partial(with_moviepy, python or "", paths, plans[i], movie_out[i])
                for i in range(few)
            ]
            ours_s, hand_s, movie_s = alternate(ours, hand, movie)
            for path, plan in zip(ours_out + hand_out + movie_out, plans * 3, strict=False):
                check(path, plan)
            ours_var, hand_var = sum(ours_s) / len(plans), sum(hand_s) / len(plans)
            row = f"{mode:<8} {len(plans):>8} {ours_var:>13.2f} {hand_var:>13.2f}"
            movie_var = sum(movie_s) / few if few else None
            movie_cell = f"{movie_var:>14.2f}" if movie_var else f"{'-':>14}"
            movie_ratio = f"{movie_var / ours_var:>12.2f}×" if movie_var else f"{'-':>13}"
            print(f"{row} {movie_cell} {hand_var / ours_var:>11.2f}× {movie_ratio}")
            if mode == "reorder":
                prepare = sum(ours_s[: len(clips)])
                join = (sum(ours_s) - prepare) / len(plans)
                print(
                    f"{'':<8} (normalising the clips once: {prepare:.2f} s; a join: {join:.2f} s)"
                )
    print(f"outputs checked: {WIDTH}x{HEIGHT}, with sound, within {TOLERANCE} s of the plan")


if __name__ == "__main__":
    main()
