"""Video Mixer's rendering: one variant plan becomes one FFmpeg process with a single filter graph
(no intermediate files). The rules that make the plan live in lumiku.services.video_mixer."""

from __future__ import annotations

import fcntl
import hashlib
import os
import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from jobs import cache, ffmpeg
from lumiku.services import files, media
from lumiku.services.errors import NotFound
from lumiku.services.generations import ItemContext, ItemFailed
from lumiku.services.storage import get_storage
from lumiku.services.video_mixer.rules import (
    ASPECTS,
    BITRATES,
    METADATA,
    RESOLUTIONS,
    MixSettings,
    Segment,
    parse_settings,
)
from lumiku.services.video_mixer.rules import VariantPlan as Plan

CACHE_DAYS = 3  # normalised clips unused this long are removed


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


def _encode_args(s: MixSettings, joinable: bool) -> list[str]:
    """x264 `veryfast` with the chosen rate control and a keyframe every two seconds. Clips
    made to be joined also get a fixed GOP (no extra keyframes at scene cuts) and one time base."""
    bitrate = BITRATES[s.bitrate]
    gop = str(s.fps * 2)
    args = [
        *("-c:v", "libx264", "-preset", "veryfast", "-b:v", bitrate, "-maxrate", bitrate),
        *("-bufsize", f"{int(bitrate[:-1]) * 2}k", "-g", gop, "-r", str(s.fps)),
    ]
    if joinable:
        args += ["-keyint_min", gop, "-sc_threshold", "0"]
        args += ["-video_track_timescale", str(s.fps * 1000)]
    return args


AAC = ["-c:a", "aac", "-b:a", "128k"]
# Normalised clips keep their sound as PCM: AAC's priming and padding would add a gap at every
# join, so the sound is encoded once, when the clips are joined.
PCM = ["-c:a", "pcm_s16le"]


def _container_args(s: MixSettings) -> list[str]:
    """Nothing of the sources leaks, nor FFmpeg's own "Lavf" tag; the chosen look's tags, brand
    and handler names are written. (FFmpeg's command line always replaces a custom `encoder`
    tag, so only the look's comment tag reaches the file.)"""
    look = METADATA[s.metadata]
    args = ["-map_metadata", "-1", "-fflags", "+bitexact", "-brand", look.brand]
    for name, value in look.tags.items():
        args += ["-metadata", f"{name}={value}"]
    args += ["-metadata:s:v", f"handler_name={look.video_handler}"]
    if s.audio == "keep":
        args += ["-metadata:s:a", f"handler_name={look.audio_handler}"]
    return [*args, "-movflags", "+faststart"]


def command(
    sources: dict[str, Source], plan: Plan, s: MixSettings, out: Path, joinable: bool = False
) -> list[str]:
    """One FFmpeg process, one filter graph: a finished variant, or (`joinable`) a normalised
    clip in a .mov with PCM sound, made to be joined by stream copy."""
    width, height = output_size(s)
    keep_audio = s.audio == "keep"
    args, graph, labels = ["ffmpeg", "-hide_banner", "-v", "error", "-y", "-nostdin"], [], []
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
    args += ["-map", "[a]", *(PCM if joinable else AAC)] if keep_audio else ["-an"]
    finish = [] if joinable else _container_args(s)
    return [*args, *_encode_args(s, joinable), *finish, str(out)]


def render(
    sources: dict[str, Source],
    plan: Plan,
    s: MixSettings,
    out: Path,
    progress: Callable[[float], None] | None = None,
) -> Path:
    """One variant, one FFmpeg process, one filter graph, no intermediate files."""
    ffmpeg.run(command(sources, plan, s, out), plan.duration, progress)
    return out


def target_key(s: MixSettings) -> str:
    """What a normalised clip depends on: everything that shapes its pixels, sound and codec."""
    parts = (s.resolution, s.aspect, s.fit, s.fps, s.bitrate, s.audio)
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def normalize(
    source: Source,
    duration: float,
    s: MixSettings,
    out: Path,
    progress: Callable[[float], None] | None = None,
) -> Path:
    """A whole clip at the project's target size, fps and GOP, encoded once. Its length is a
    whole number of frames (and so of audio samples), so joined clips stay in step."""
    length = max(1, round(duration * s.fps)) / s.fps
    plan = Plan(seed=0, segments=[Segment("clip", 0.0, length, 1.0)])
    ffmpeg.run(command({"clip": source}, plan, s, out, joinable=True), length, progress)
    return out


def assemble(parts: list[Path], s: MixSettings, out: Path, seconds: float) -> Path:
    """Joins normalised clips (`seconds` long together): the video by stream copy (no
    decoding, no encoding), the sound encoded once from PCM."""
    listing = out.with_suffix(".txt")
    listing.write_text("".join(f"file '{p.resolve()}'\n" for p in parts))
    args = ["ffmpeg", "-hide_banner", "-v", "error", "-y", "-nostdin"]
    args += ["-f", "concat", "-safe", "0", "-i", str(listing), "-map", "0", "-c:v", "copy"]
    args += AAC if s.audio == "keep" else []
    ffmpeg.run([*args, *_container_args(s), str(out)], seconds, None)
    listing.unlink()
    return out


# ------------------------------------------------------------------ the app's item runner


def cache_dir() -> Path:
    return cache.folder("video_mixer")


@contextmanager
def _source(user_id: int, file_id: str) -> Iterator[Source]:
    """An upload as a local file FFmpeg can read (downloaded first from S3)."""
    try:
        row = files.owned(user_id, file_id)
    except NotFound:
        raise ItemFailed("video_mixer_clip_missing") from None
    with get_storage().local_copy(row.key) as path:
        yield Source(path, media.probe(path).has_audio)


@contextmanager
def _locked(lock_path: Path, waiting: Callable[[], None] | None) -> Iterator[None]:
    """An exclusive lock on `lock_path`, polled so that `waiting` (a cancel check) runs while
    another process holds it."""
    with lock_path.open("a") as handle:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if waiting:
                    waiting()
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def normalized_clip(
    user_id: int,
    file_id: str,
    duration: float,
    s: MixSettings,
    progress: Callable[[float], None] | None = None,
    waiting: Callable[[], None] | None = None,
) -> Path:
    """The clip at this target, made once and reused by every variant and generation after.
    Workers making the same clip at once wait for each other on a lock on a file beside it,
    which the kernel releases when its holder dies (a worker killed mid-clip stalls nobody);
    the source is fetched only when the clip has to be made. A deleted clip's copy is never
    used again: the upload must still be the user's."""
    try:
        files.owned(user_id, file_id)
    except NotFound:
        raise ItemFailed("video_mixer_clip_missing") from None
    path = cache_dir() / f"{file_id}-{target_key(s)}.mov"
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        with _locked(path.with_suffix(".lock"), waiting):
            if not path.is_file():
                partial = path.with_name(f"{path.stem}.{secrets.token_hex(4)}.part.mov")
                try:
                    with _source(user_id, file_id) as source:
                        normalize(source, duration, s, partial, progress)
                    os.replace(partial, path)
                finally:
                    partial.unlink(missing_ok=True)
    os.utime(path)  # recently used: the pruner keeps it
    return path


def prune_cache(now: float | None = None) -> int:
    """Normalised clips nobody used for CACHE_DAYS, and at once those whose clip was deleted."""
    return cache.prune(cache_dir(), "*.mov", CACHE_DAYS, now)


def run(ctx: ItemContext) -> Path:
    """One variant. Whole clips at normal speed are joined by stream copy from normalised
    clips; anything else is one FFmpeg filter graph over the uploads."""
    s = parse_settings(ctx.settings.get("mix", {}))
    plan = Plan.from_dict(ctx.params["plan"])
    file_ids: dict[str, str] = ctx.settings.get("sources", {})
    out = ctx.workdir / "video.mp4"
    if plan.stream_copy:
        parts, n = [], len(plan.segments)
        for i, seg in enumerate(plan.segments):
            share = lambda p, i=i: ctx.progress((i + p / 100) * 95 / n, "preparing")  # noqa: E731
            file_id = file_ids.get(seg.clip_id, "")
            parts.append(
                normalized_clip(ctx.user_id, file_id, seg.length, s, share, ctx.check_cancelled)
            )
        ctx.progress(96, "joining")
        return assemble(parts, s, out, plan.duration)
    with ExitStack() as stack:
        sources = {
            clip_id: stack.enter_context(_source(ctx.user_id, file_ids.get(clip_id, "")))
            for clip_id in dict.fromkeys(seg.clip_id for seg in plan.segments)
        }
        return render(sources, plan, s, out, lambda p: ctx.progress(p, "rendering"))
