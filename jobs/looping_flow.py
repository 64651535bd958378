"""Looping Flow's item runner: one seamless unit encoded once, repeated by stream copy up to the
target's frame, and the whole soundtrack (the clip's own sound and up to three layers, each looped
with a crossfade at its own seam) mixed and encoded once, then both put together by copy. The
commands are lumiku.services.looping_flow.render's; every one runs through jobs.ffmpeg.run."""

from __future__ import annotations

import wave
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from jobs import ffmpeg
from lumiku.services import files, media
from lumiku.services.errors import NotFound, ServiceError
from lumiku.services.generations import ItemContext, ItemFailed
from lumiku.services.looping_flow import render, rules
from lumiku.services.looping_flow.rules import AUDIO_RATE, LoopSettings
from lumiku.services.storage import get_storage

Progress = Callable[[float], None]
Report = Callable[[float, str], None]  # (percent, stage): ItemContext.progress
LAYER_MISSING = "looping_flow_layer_missing"


@contextmanager
def _local(user_id: int, file_id: str, missing: str) -> Iterator[Path]:
    """An upload of the user's as a local file FFmpeg can read (downloaded first from S3)."""
    try:
        row = files.owned(user_id, file_id)
    except NotFound:
        raise ItemFailed(missing) from None
    with get_storage().local_copy(row.key) as path:
        yield path


def _samples(wav: Path) -> int:
    with wave.open(str(wav)) as handle:
        return handle.getnframes()


class Stages:
    """Progress over the stages, each given a share of 0–99 by its expected cost."""

    def __init__(self, report: Report, weights: dict[str, float]) -> None:
        self.report, at = report, 0.0
        whole = sum(weights.values()) or 1.0
        self.shares = {name: 99 * weight / whole for name, weight in weights.items()}
        self.starts: dict[str, float] = {}
        for name in weights:
            self.starts[name], at = at, at + self.shares[name]

    def __call__(self, stage: str) -> Progress:
        start, share = self.starts[stage], self.shares[stage]
        self.report(start, stage)
        return lambda percent: self.report(start + share * percent / 100, stage)


def make_unit(source: Path, p: render.Plan, work: Path, has_audio: bool, progress: Progress):
    """The conformed loop (and its sound), then the seamless unit and its partial tail."""
    segment, seg_wav = work / "segment.mkv", work / "segment.wav"
    ffmpeg.run(
        render.conform(source, p, segment, seg_wav if has_audio else None),
        p.seconds(p.frames),
        lambda x: progress(x * 0.3),
    )
    unit, tail = work / "unit.mp4", (work / "tail.mp4" if p.tail else None)
    ffmpeg.run(
        render.unit(segment, p, unit, tail),
        p.seconds(p.unit),
        lambda x: progress(30 + x * 0.7),
    )
    return unit, tail, (seg_wav if has_audio else None)


def extend(p: render.Plan, unit: Path, tail: Path | None, out: Path, progress: Progress) -> Path:
    """Units (first joined into blocks when there are many) and the tail, by stream copy."""
    per_block, blocks = render.extend_plan(p)
    parts: list[Path] = []
    if blocks:
        block = out.with_name("block.mp4")
        block_list = out.with_name("block.txt")
        block_list.write_text(render.listing([unit] * per_block))
        ffmpeg.run(render.concat(block_list, block), p.seconds(p.unit * per_block), None)
        parts = [block] * blocks
    parts += [unit] * (p.repeats - per_block * blocks if blocks else p.repeats)
    parts += [tail] if tail is not None else []
    full_list = out.with_name("parts.txt")
    full_list.write_text(render.listing(parts))
    ffmpeg.run(render.concat(full_list, out), p.seconds(p.total), progress)
    return out


def tracks(
    p: render.Plan,
    s: LoopSettings,
    seg_wav: Path | None,
    layers: list[tuple[rules.Layer, Path]],
    work: Path,
) -> list[render.Track]:
    """Each sound as a seamless WAV unit: the clip's own for the style, each layer with a
    crossfade at its own seam (played once when it outlasts the loop)."""
    total = p.samples(p.total)
    result = []
    if seg_wav is not None and s.original == "keep" and s.original_volume > 0:
        style, used, fade = render.original_unit_shape(p)
        out = work / "original-unit.wav"
        ffmpeg.run(render.audio_unit(seg_wav, style, used, fade, out), p.seconds(p.unit), None)
        result.append(render.Track(out, True, s.original_volume / 100))
    for n, (layer, path) in enumerate(layers):
        if layer.muted or layer.volume == 0:
            continue
        wav = work / f"layer{n}.wav"
        try:
            ffmpeg.run(render.audio_conform(path, wav, total), total / AUDIO_RATE, None)
        except RuntimeError:
            raise ItemFailed("looping_flow_layer_unreadable") from None
        samples = _samples(wav)
        if samples < AUDIO_RATE // 10:
            raise ItemFailed("looping_flow_layer_unreadable")
        if samples < total:
            unit = work / f"layer{n}-unit.wav"
            fade = render.layer_crossfade(samples)
            ffmpeg.run(
                render.audio_unit(wav, "crossfade", samples, fade, unit), samples / AUDIO_RATE, None
            )
            wav = unit
        track = render.Track(
            wav, samples < total, layer.volume / 100, layer.fade_in, layer.fade_out
        )
        result.append(track)
    return result


def make_loop(
    source: Path,
    layers: list[tuple[rules.Layer, Path]],
    s: LoopSettings,
    clip_seconds: float,
    work: Path,
    report: Report,
) -> tuple[Path, render.Plan, Path]:
    """The loop as `work`/loop.mp4, in four stages reported to `report(percent, stage)`:
    "unit" (the seamless unit, encoded once), "extending" (stream copy up to the target),
    "sound" (the whole soundtrack, encoded once), "finishing" (picture and sound put together
    by copy, ready to stream). Returns the loop, its plan and the unit."""
    try:
        fps, width, height, has_audio = render.probe_video(source)
        p = render.plan(s, clip_seconds, fps, width, height)
    except ServiceError:
        raise ItemFailed("looping_flow_source_unreadable") from None
    length = p.seconds(p.total)
    stages = Stages(
        report,
        {
            "unit": 2.0 * p.seconds(p.frames + p.unit),
            "extending": 0.01 * length,
            "sound": 0.02 * length * (1 + len(layers)),
            "finishing": 0.01 * length,
        },
    )
    unit, tail, seg_wav = make_unit(source, p, work, has_audio, stages("unit"))
    video = extend(p, unit, tail, work / "video.mp4", stages("extending"))
    sound_progress = stages("sound")
    sound = work / "sound.m4a"
    mixed = tracks(p, s, seg_wav, layers, work)
    ffmpeg.run(render.mix(mixed, p.samples(p.total), s, sound), length, sound_progress)
    out = work / "loop.mp4"
    ffmpeg.run(render.mux(video, sound, out), length, stages("finishing"))
    for part in (video, sound):
        part.unlink(missing_ok=True)
    return out, p, unit


def run(ctx: ItemContext) -> Path:
    """One loop (see make_loop) from the generation's settings: the clip and the layers must
    still be the user's."""
    try:
        s = rules.parse_settings(ctx.settings.get("loop", {}))
        layers = [rules.parse_layer(raw) for raw in ctx.settings.get("layers", [])]
        clip_seconds = float(ctx.settings.get("clip_seconds") or 0)
        rules.loop_bounds(s, clip_seconds)
    except (ServiceError, TypeError, ValueError):
        raise ItemFailed("looping_flow_settings_invalid") from None
    with ExitStack() as stack:
        source = stack.enter_context(
            _local(ctx.user_id, ctx.settings.get("source", ""), "looping_flow_source_missing")
        )
        layer_paths = [
            (layer, stack.enter_context(_local(ctx.user_id, layer.file_id, LAYER_MISSING)))
            for layer in layers[: rules.MAX_LAYERS]
        ]
        out, p, unit = make_loop(source, layer_paths, s, clip_seconds, ctx.workdir, ctx.progress)
    try:
        thumbnail = ctx.workdir / "thumbnail.jpg"
        ctx.thumbnail = media.video_thumbnail(unit, thumbnail, p.seconds(p.unit))
    except ServiceError:
        ctx.thumbnail = None
    return out
