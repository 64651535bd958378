"""Looping Flow's FFmpeg commands, as argument lists: pure builders shared by the item runner
(jobs.looping_flow, which runs them through jobs.ffmpeg.run) and the free preview made here.

The picture is made in three steps, none of which encodes the long output:
1. `conform`: the loop [loop_in, loop_out) at the output's size and a whole frame rate, exactly
   `plan.frames` frames, into a lossless intra-only file (every frame a keyframe, so any frame
   can be read at once), and its sound as 48 kHz stereo WAV of exactly as many samples;
2. `unit`: one seamless unit (see rules) encoded once, plus the first frames of another (the
   "tail") when the target is not a whole number of units;
3. `extend`: units joined by stream copy (FFmpeg's concat demuxer) up to the target's frame.

The sound of each source (the clip's own, each layer) becomes a seamless WAV unit, and one final
command loops them all over the whole length, mixes them (amix normalize=0), applies the master
volume and fades, and encodes AAC once. `mux` puts picture and sound together by copy.
"""

from __future__ import annotations

import json
import math
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lumiku.services.errors import ServiceError
from lumiku.services.looping_flow import rules
from lumiku.services.looping_flow.rules import AUDIO_RATE, LoopSettings

FFMPEG = ("ffmpeg", "-hide_banner", "-v", "error", "-y", "-nostdin")
LOSSLESS = ("-c:v", "libx264", "-qp", "0", "-preset", "ultrafast", "-g", "1", "-bf", "0")
PCM = ("-c:a", "pcm_s16le")
STEREO = f"aresample={AUDIO_RATE},aformat=sample_fmts=s16:channel_layouts=stereo"
REVERSE_CHUNK = 2.0  # seconds of picture reversed at a time (held in memory)
DECLICK = 0.005  # seconds of fade on each side of a simple loop's sound, where it wraps
LAYER_CROSSFADE = 2.0  # seconds blended at a layer's own seam (at most a quarter of it)
PREVIEW_SIDE = 640
PREVIEW_LOOPS = 2
PREVIEW_TIMEOUT = 20.0  # seconds for each of the preview's two FFmpeg runs


@dataclass(frozen=True)
class Plan:
    """Everything the commands need, in whole frames and samples."""

    style: str
    fps: int
    loop_in: float  # seconds into the clip
    frames: int  # the loop's frames
    fade: int  # frames blended at the seam (crossfade only)
    unit: int  # frames of one seamless unit
    total: int  # frames of the whole output
    max_side: int  # the output's long side at most
    bitrate: int  # bits per second of picture

    def seconds(self, frames: int) -> float:
        return frames / self.fps

    def samples(self, frames: int) -> int:
        return round(frames * AUDIO_RATE / self.fps)

    @property
    def repeats(self) -> int:
        return self.total // self.unit

    @property
    def tail(self) -> int:
        """Frames of a last, partial unit (0 when the target is a whole number of units)."""
        return self.total % self.unit


def plan(
    settings: LoopSettings,
    clip_seconds: float,
    source_fps: float | None,
    width: int | None,
    height: int | None,
    max_side: int = rules.MAX_SIDE,
    total: int | None = None,
) -> Plan:
    """The plan for a clip (its length, frame rate and size as probed); `total` frames replace
    the target's (the preview's two units)."""
    fps = rules.output_fps(source_fps)
    frames = rules.loop_frames(settings, clip_seconds, fps)
    fade = rules.crossfade_frames(settings, frames, fps) if settings.style == "crossfade" else 0
    unit = rules.unit_frames(settings, clip_seconds, fps)
    w, h = rules.output_size(width, height)
    scale = min(1.0, max_side / max(w, h))
    bitrate = rules.video_bitrate(round(w * scale), round(h * scale))
    start, _ = rules.loop_bounds(settings, clip_seconds)
    return Plan(
        style=settings.style,
        fps=fps,
        loop_in=start,
        frames=frames,
        fade=fade,
        unit=unit,
        total=total if total is not None else rules.total_frames(settings, fps),
        max_side=max_side,
        bitrate=bitrate,
    )


def _scale(max_side: int) -> str:
    """At most `max_side` on the long side, even sides, whatever the clip's rotation."""
    even = "trunc({}/2)*2"
    w = f"if(gte(iw,ih),min({max_side},{even.format('iw')}),-2)"
    h = f"if(gte(iw,ih),-2,min({max_side},{even.format('ih')}))"
    return f"scale=w='{w}':h='{h}',setsar=1"


def _regular(p: Plan) -> str:
    """Frame n at exactly n/fps: the joins by copy stay regular."""
    return f"settb=1/{p.fps},setpts=N"


def conform(source: Path, p: Plan, video: Path, audio: Path | None) -> list[str]:
    """The loop at the output's size and frame rate, exactly `p.frames` frames (the last one
    repeated should the clip end early), lossless and intra-only; its sound (when `audio`) as
    WAV of exactly as many samples (silence added should it end early)."""
    graph = [
        f"[0:v]fps={p.fps},{_scale(p.max_side)},format=yuv420p,"
        f"tpad=stop=-1:stop_mode=clone,trim=end_frame={p.frames},{_regular(p)}[v]"
    ]
    if audio is not None:
        graph.append(f"[0:a]{STEREO},apad,atrim=end_sample={p.samples(p.frames)}[a]")
    args = [*FFMPEG, "-ss", f"{p.loop_in:.3f}", "-i", str(source)]
    args += ["-filter_complex", ";".join(graph), "-map", "[v]", *LOSSLESS, str(video)]
    if audio is not None:
        args += ["-map", "[a]", *PCM, str(audio)]
    return args


def _from_frame(segment: Path, frame: int, fps: int) -> list[str]:
    """An input that starts at `frame` of an intra-only segment (half a frame early, so that
    the container's rounded timestamps can never skip it)."""
    return ["-ss", f"{max(0.0, (frame - 0.5) / fps):.4f}", "-i", str(segment)]


def unit_graph(segment: Path, p: Plan) -> tuple[list[str], list[str], str]:
    """The inputs and filter graph of one seamless unit from the conformed segment, and the
    label of its picture:
    - simple: the loop as it is;
    - crossfade: the loop's last `fade` frames blended into its first ones (xfade at offset 0),
      followed by the rest of the loop: the unit ends on the frame before the blend began,
      which is where it starts again;
    - boomerang: the loop, then frames frames-2 … 1 backward, reversed two seconds at a time
      (each stretch from its own input, so memory holds two seconds of picture)."""
    finish = f"{_regular(p)},format=yuv420p[unit]"
    if p.style == "crossfade":
        inputs = [*_from_frame(segment, p.unit, p.fps), "-i", str(segment)]
        graph = [
            f"[0:v]trim=end_frame={p.fade},setpts=PTS-STARTPTS[tailv]",
            f"[1:v]trim=end_frame={p.unit},setpts=PTS-STARTPTS[headv]",
            f"[tailv][headv]xfade=transition=fade:duration={p.seconds(p.fade):.6f}:offset=0,"
            + finish,
        ]
        return inputs, graph, "[unit]"
    if p.style == "boomerang":
        inputs, graph, labels = ["-i", str(segment)], [], ["[0:v]"]
        chunk = max(1, round(REVERSE_CHUNK * p.fps))
        end = p.frames - 1  # the backward half plays frames end-1 … 1
        while end > 1:
            start = max(1, end - chunk)
            i = len(labels)
            inputs += _from_frame(segment, start, p.fps)
            graph.append(f"[{i}:v]trim=end_frame={end - start},reverse,setpts=PTS-STARTPTS[r{i}]")
            labels.append(f"[r{i}]")
            end = start
        graph.append("".join(labels) + f"concat=n={len(labels)}:v=1:a=0," + finish)
        return inputs, graph, "[unit]"
    return ["-i", str(segment)], ["[0:v]" + finish], "[unit]"


def video_encode(p: Plan, preset: str = "medium") -> list[str]:
    """x264 at the plan's average bitrate with a capped peak, a keyframe every two seconds and
    no extra keyframes at scene cuts; every unit starts on its own keyframe."""
    rate = p.bitrate // 1000
    return [
        *("-c:v", "libx264", "-preset", preset, "-pix_fmt", "yuv420p"),
        *("-b:v", f"{rate}k", "-maxrate", f"{rate * 3 // 2}k", "-bufsize", f"{rate * 2}k"),
        *("-g", str(p.fps * 2), "-sc_threshold", "0", "-r", str(p.fps)),
        *("-video_track_timescale", str(p.fps * 1000)),
    ]


def unit(segment: Path, p: Plan, out: Path, tail: Path | None) -> list[str]:
    """One seamless unit, encoded once; with `tail`, also the unit's first `p.tail` frames
    (another encoder in the same run), for the output's last, partial repetition."""
    inputs, graph, label = unit_graph(segment, p)
    if tail is not None:
        graph[-1] = graph[-1].replace("[unit]", ",split[unit][u2]")
        graph.append(f"[u2]trim=end_frame={p.tail}[tail]")
    args = [*FFMPEG, *inputs, "-filter_complex", ";".join(graph)]
    if tail is not None:  # the unit last: jobs.ffmpeg.run bounds the last output's length
        args += ["-map", "[tail]", *video_encode(p), "-an", str(tail)]
    return [*args, "-map", label, *video_encode(p), "-an", str(out)]


BLOCK_SECONDS = 120.0  # units are first joined into blocks about this long


def listing(parts: list[Path]) -> str:
    """A concat demuxer listing."""
    return "".join(f"file '{part.resolve()}'\n" for part in parts)


def extend_plan(p: Plan) -> tuple[int, int]:
    """(units per block, blocks): a long loop first joins units into blocks of about
    BLOCK_SECONDS, so the final listing stays short (12 h of 2 s units is 360 blocks, not
    21,600 files to open)."""
    per_block = max(1, math.floor(BLOCK_SECONDS * p.fps / p.unit))
    if p.repeats < 2 * per_block:
        return 1, 0
    return per_block, p.repeats // per_block


def concat(list_file: Path, out: Path) -> list[str]:
    """Parts joined by stream copy: no decoding, no encoding."""
    args = [*FFMPEG, "-f", "concat", "-safe", "0", "-i", str(list_file), "-map", "0:v"]
    return [*args, "-c", "copy", str(out)]


# ------------------------------------------------------------------ sound


def audio_conform(source: Path, out: Path, samples: int) -> list[str]:
    """A sound file as 48 kHz stereo WAV, at most `samples` long."""
    args = [*FFMPEG, "-i", str(source), "-vn", "-af", f"{STEREO},atrim=end_sample={samples}"]
    return [*args, *PCM, str(out)]


def audio_unit_graph(style: str, samples: int, fade: int, first: int = 0) -> list[str]:
    """The filter graph of a seamless sound unit made from a WAV of `samples` given as inputs
    `first` (and `first + 1`), ending in [aunit]:
    - crossfade: its last `fade` samples blended (equal power) into its head, as the picture;
    - boomerang: all but the picture's last frame forward, then backward: the sound turns where
      the picture does and is as long as its unit (`samples` is then that forward part);
    - simple: the loop as it is, a few milliseconds faded at each end so the wrap never clicks.
    """
    if style == "crossfade":
        head = samples - fade
        return [
            f"[{first}:a]atrim=start_sample={head},asetpts=PTS-STARTPTS[atail]",
            f"[{first + 1}:a]atrim=end_sample={head},asetpts=PTS-STARTPTS[ahead]",
            f"[atail][ahead]acrossfade=ns={fade}:c1=qsin:c2=qsin[aunit]",
        ]
    if style == "boomerang":
        return [
            f"[{first}:a]atrim=end_sample={samples},asplit[afwd][arev0]",
            "[arev0]areverse[arev]",
            "[afwd][arev]concat=n=2:v=0:a=1[aunit]",
        ]
    declick = min(round(DECLICK * AUDIO_RATE), samples // 4)
    return [
        f"[{first}:a]atrim=end_sample={samples},afade=t=in:ns={declick},"
        f"afade=t=out:ss={samples - declick}:ns={declick}[aunit]"
    ]


def original_unit_shape(p: Plan) -> tuple[str, int, int]:
    """(style, samples used, blended samples) of the clip's own sound for this plan."""
    if p.style == "boomerang":
        return "boomerang", p.samples(p.frames - 1), 0
    if p.style == "crossfade":
        return "crossfade", p.samples(p.frames), p.samples(p.frames) - p.samples(p.unit)
    return "simple", p.samples(p.frames), 0


def audio_unit(wav: Path, style: str, samples: int, fade: int, out: Path) -> list[str]:
    """A seamless sound unit as WAV (see audio_unit_graph)."""
    inputs = ["-i", str(wav)] * (2 if style == "crossfade" else 1)
    graph = audio_unit_graph(style, samples, fade)
    return [*FFMPEG, *inputs, "-filter_complex", ";".join(graph), "-map", "[aunit]", *PCM, str(out)]


def layer_crossfade(samples: int) -> int:
    """Samples blended at a layer's own seam."""
    return max(1, min(round(LAYER_CROSSFADE * AUDIO_RATE), samples // 4))


@dataclass(frozen=True)
class Track:
    """One sound of the mix: a WAV unit looped (or played once) over the whole length."""

    wav: Path
    loop: bool
    volume: float  # 1.0 = as recorded
    fade_in: float = 0.0  # seconds
    fade_out: float = 0.0


def _fades(total: int, fade_in: float, fade_out: float) -> str:
    steps = []
    fin = min(round(fade_in * AUDIO_RATE), total // 2)
    fout = min(round(fade_out * AUDIO_RATE), total // 2)
    if fin:
        steps.append(f"afade=t=in:ns={fin}")
    if fout:
        steps.append(f"afade=t=out:ss={total - fout}:ns={fout}")
    return ",".join(steps)


def aac() -> list[str]:
    """AAC at 192k; FFmpeg's "fast" coder, twice as quick as its default on hours of sound and
    transparent at this bitrate."""
    rate = f"{rules.AUDIO_BITRATE // 1000}k"
    return ["-c:a", "aac", "-aac_coder", "fast", "-b:a", rate, "-ar", str(AUDIO_RATE)]


def mix(tracks: list[Track], total: int, settings: LoopSettings, out: Path) -> list[str]:
    """The whole soundtrack, `total` samples, encoded once: each track looped over the whole
    length with its volume and fades, mixed without normalising the levels away, then the
    master volume and fades. No track at all is silence of the same length."""
    args, graph, labels = [*FFMPEG], [], []
    for i, track in enumerate(tracks):
        args += [*(["-stream_loop", "-1"] if track.loop else []), "-i", str(track.wav)]
        steps = [f"atrim=end_sample={total}", f"volume={track.volume:.4f}"]
        steps += [f] if (f := _fades(total, track.fade_in, track.fade_out)) else []
        graph.append(f"[{i}:a]{','.join(steps)}[t{i}]")
        labels.append(f"[t{i}]")
    if not tracks:
        graph.append(f"anullsrc=r={AUDIO_RATE}:cl=stereo[mixed]")
    elif len(tracks) == 1:
        graph.append(f"{labels[0]}anull[mixed]")
    else:
        graph.append(
            "".join(labels) + f"amix=inputs={len(tracks)}:duration=longest:normalize=0[mixed]"
        )
    master = [f"volume={settings.master_volume / 100:.4f}"]
    master += [f] if (f := _fades(total, settings.fade_in, settings.fade_out)) else []
    graph.append(
        f"[mixed]{','.join(master)},apad=whole_len={total},atrim=end_sample={total}[sound]"
    )
    return [*args, "-filter_complex", ";".join(graph), "-map", "[sound]", *aac(), str(out)]


def mux(video: Path, sound: Path, out: Path) -> list[str]:
    """Picture and sound together by copy, ready to stream (+faststart), nothing of the
    sources' tags carried over."""
    args = [*FFMPEG, "-i", str(video), "-i", str(sound), "-map", "0:v", "-map", "1:a"]
    args += ["-c", "copy", "-map_metadata", "-1", "-movflags", "+faststart"]
    return [*args, str(out)]


# ------------------------------------------------------------------ the free preview


def preview_command(
    segment: Path, wav: Path | None, p: Plan, s: LoopSettings, out: Path
) -> list[str]:
    """Two units (p.total frames) at preview size, with the clip's own sound as the settings say
    (no layers), H.264 ultrafast + AAC in one run."""
    inputs, graph, label = unit_graph(segment, p)
    graph[-1] = graph[-1].replace(
        "[unit]", f",loop=loop={PREVIEW_LOOPS - 1}:size={p.unit},{_regular(p)}[v]"
    )
    samples = p.samples(p.total)
    if wav is not None and s.original == "keep":
        style, used, fade = original_unit_shape(p)
        first = sum(1 for arg in inputs if arg == "-i")
        inputs += ["-i", str(wav)] * (2 if style == "crossfade" else 1)
        graph += audio_unit_graph(style, used, fade, first)
        unit_samples = p.samples(p.unit)
        graph.append(
            f"[aunit]aloop=loop={PREVIEW_LOOPS - 1}:size={unit_samples},asetpts=N/SR/TB,"
            f"volume={s.original_volume * s.master_volume / 10000:.4f},"
            f"apad=whole_len={samples},atrim=end_sample={samples}[a]"
        )
    else:
        graph.append(f"anullsrc=r={AUDIO_RATE}:cl=stereo,atrim=end_sample={samples}[a]")
    args = [*FFMPEG, *inputs, "-filter_complex", ";".join(graph), "-map", "[v]", "-map", "[a]"]
    args += [*("-c:v", "libx264", "-preset", "ultrafast", "-crf", "28", "-pix_fmt", "yuv420p")]
    return [*args, *aac(), "-movflags", "+faststart", str(out)]


def probe_video(path: Path) -> tuple[float | None, int | None, int | None, bool]:
    """(frame rate, width, height, has sound) of a clip, by ffprobe."""
    try:
        result = subprocess.run(
            [
                *("ffprobe", "-v", "error", "-show_entries"),
                "stream=codec_type,avg_frame_rate,r_frame_rate,width,height",
                *("-of", "json", str(path)),
            ],
            capture_output=True,
            text=True,
            timeout=30,
        )
        streams = json.loads(result.stdout or "{}").get("streams", [])
    except (subprocess.TimeoutExpired, OSError, ValueError):
        raise ServiceError("file_unreadable") from None
    video = next((st for st in streams if st.get("codec_type") == "video"), None)
    if result.returncode != 0 or video is None:
        raise ServiceError("file_unreadable")
    fps = _rate(video.get("avg_frame_rate")) or _rate(video.get("r_frame_rate"))
    has_audio = any(st.get("codec_type") == "audio" for st in streams)
    return fps, _int(video.get("width")), _int(video.get("height")), has_audio


def _rate(value: str | None) -> float | None:
    try:
        num, _, den = (value or "").partition("/")
        rate = float(num) / float(den or 1)
    except (ValueError, ZeroDivisionError):
        return None
    return rate if math.isfinite(rate) and rate > 0 else None


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and value > 0 else None


def _run(args: list[str], timeout: float) -> None:
    result = subprocess.run(args, capture_output=True, timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(result.stderr.decode(errors="replace")[-500:])


def preview(source: Path, settings: LoopSettings, clip_seconds: float, out: Path) -> Path:
    """Two loops of the unit, at most PREVIEW_SIDE on the long side, with the clip's own sound
    as the settings say: the seam seen and heard before paying. Two short FFmpeg runs, each
    bounded by PREVIEW_TIMEOUT."""
    try:
        fps, width, height, has_audio = probe_video(source)
        base = plan(settings, clip_seconds, fps, width, height, max_side=PREVIEW_SIDE)
        total = PREVIEW_LOOPS * base.unit
        p = plan(settings, clip_seconds, fps, width, height, max_side=PREVIEW_SIDE, total=total)
        keep = has_audio and settings.original == "keep"
        with tempfile.TemporaryDirectory(prefix="lumiku-loop-preview-") as tmp:
            segment, wav = Path(tmp) / "segment.mkv", Path(tmp) / "segment.wav"
            _run(conform(source, p, segment, wav if keep else None), PREVIEW_TIMEOUT)
            _run(preview_command(segment, wav if keep else None, p, settings, out), PREVIEW_TIMEOUT)
    except (ServiceError, RuntimeError, subprocess.TimeoutExpired, OSError):
        out.unlink(missing_ok=True)
        raise ServiceError("looping_flow_preview_failed") from None
    return out
