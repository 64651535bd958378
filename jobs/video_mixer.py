"""Video Mixer's rendering: one variant plan becomes one FFmpeg process with a single filter graph
(no intermediate files). The rules that make the plan live in lumiku.services.video_mixer."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lumiku.services.video_mixer import ASPECTS, BITRATES, METADATA, RESOLUTIONS, MixSettings
from lumiku.services.video_mixer import VariantPlan as Plan


@dataclass(frozen=True)
class Source:
    path: Path
    has_audio: bool


def output_size(s: MixSettings) -> tuple[int, int]:
    """The chosen resolution is the short side of the chosen aspect (even numbers for x264)."""
    short = RESOLUTIONS[s.resolution]
    a, b = ASPECTS[s.aspect]
    long = round(short * max(a, b) / min(a, b) / 2) * 2
    return (short, long) if a < b else (long, short) if a > b else (short, short)


def _picture(s: MixSettings, plan: Plan, width: int, height: int) -> str:
    """Fit into the canvas (bars or crop), then the variant's visual variation."""
    if s.fit == "crop":
        steps = [
            f"scale={width}:{height}:force_original_aspect_ratio=increase",
            f"crop={width}:{height}",
        ]
    else:
        steps = [
            f"scale={width}:{height}:force_original_aspect_ratio=decrease",
            f"pad={width}:{height}:(ow-iw)/2:(oh-ih)/2:black",
        ]
    if plan.zoom != 1.0:
        steps += [f"scale=iw*{plan.zoom}:-2", f"crop={width}:{height}"]
    if plan.mirror:
        steps.append("hflip")
    if (plan.brightness, plan.contrast, plan.saturation) != (0.0, 1.0, 1.0):
        steps.append(
            f"eq=brightness={plan.brightness}:contrast={plan.contrast}:saturation={plan.saturation}"
        )
    return ",".join(steps + [f"fps={s.fps}", "setsar=1", "format=yuv420p"])


def command(sources: dict[str, Source], plan: Plan, s: MixSettings, out: Path) -> list[str]:
    width, height = output_size(s)
    keep_audio = s.audio == "keep"
    args, graph, labels = ["ffmpeg", "-hide_banner", "-y", "-nostdin"], [], []
    for i, seg in enumerate(plan.segments):
        source = sources[seg.clip_id]
        args += ["-ss", f"{seg.start:.3f}", "-t", f"{seg.length:.3f}", "-i", str(source.path)]
        graph.append(
            f"[{i}:v]setpts=(PTS-STARTPTS)/{seg.speed},{_picture(s, plan, width, height)}[v{i}]"
        )
        labels.append(f"[v{i}]")
        if keep_audio:
            seconds = seg.length / seg.speed
            if source.has_audio:  # atempo keeps the pitch; speeds stay inside its 0.5–2.0
                graph.append(
                    f"[{i}:a]asetpts=PTS-STARTPTS,atempo={seg.speed},"
                    f"aresample=48000,aformat=channel_layouts=stereo,"
                    f"apad,atrim=0:{seconds:.3f}[a{i}]"
                )
            else:  # silence of the same length keeps every clip in step
                graph.append(f"anullsrc=r=48000:cl=stereo,atrim=0:{seconds:.3f}[a{i}]")
            labels.append(f"[a{i}]")
    n = len(plan.segments)
    graph.append(
        "".join(labels)
        + f"concat=n={n}:v=1:a={int(keep_audio)}"
        + ("[v][a]" if keep_audio else "[v]")
    )
    args += ["-filter_complex", ";".join(graph), "-map", "[v]"]
    args += ["-map", "[a]", "-c:a", "aac", "-b:a", "128k"] if keep_audio else ["-an"]
    bitrate = BITRATES[s.bitrate]
    args += [
        "-c:v",
        "libx264",
        "-preset",
        "veryfast",
        "-b:v",
        bitrate,
        "-maxrate",
        bitrate,
        "-bufsize",
        str(int(bitrate[:-1]) * 2) + "k",
        "-g",
        str(s.fps * 2),
        "-r",
        str(s.fps),
    ]
    # Nothing of the sources leaks, nor FFmpeg's own "Lavf" encoder tag. (FFmpeg's mp4 muxer
    # writes no custom encoder tag either way; the look's comment tag is kept.)
    args += ["-map_metadata", "-1", "-fflags", "+bitexact"]
    for name, value in METADATA[s.metadata].items():
        args += ["-metadata", f"{name}={value}"]
    args += ["-movflags", "+faststart", "-progress", "pipe:1", "-nostats", str(out)]
    return args


def render(
    sources: dict[str, Source],
    plan: Plan,
    s: MixSettings,
    out: Path,
    progress: Callable[[float], None] | None = None,
) -> Path:
    """Runs FFmpeg and reports progress (0–100) from its `-progress` output."""
    total = max(plan.duration, 0.001)
    process = subprocess.Popen(
        command(sources, plan, s, out), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    for line in process.stdout:
        if progress and (match := re.match(r"out_time_us=(\d+)", line)):
            progress(min(99.0, int(match.group(1)) / 1e6 / total * 100))
    errors = process.stderr.read() if process.stderr else ""
    if process.wait() != 0:
        raise RuntimeError(f"ffmpeg failed: {errors[-500:]}")
    return out
