"""What a file really is, judged by its content (Pillow for images, ffprobe for video and audio),
never by its name or the type the browser claims."""

from __future__ import annotations

import json
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from lumiku.services.errors import ServiceError

IMAGE_TYPES = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
}
VIDEO_TYPES = {
    "mov,mp4,m4a,3gp,3g2,mj2": ("video/mp4", "mp4"),
    "matroska,webm": ("video/webm", "webm"),
    "avi": ("video/x-msvideo", "avi"),
}
AUDIO_TYPES = {
    "mp3": ("audio/mpeg", "mp3"),
    "wav": ("audio/wav", "wav"),
    "ogg": ("audio/ogg", "ogg"),
    "mov,mp4,m4a,3gp,3g2,mj2": ("audio/mp4", "m4a"),
    "aac": ("audio/aac", "aac"),
    "flac": ("audio/flac", "flac"),
}


@dataclass(frozen=True)
class MediaInfo:
    media: str  # image | video | audio | archive (outputs only: a set of slides)
    content_type: str
    extension: str
    duration: float | None = None
    width: int | None = None
    height: int | None = None
    has_audio: bool = False


def _image(path: Path) -> MediaInfo | None:
    try:
        with Image.open(path) as image:
            image.verify()
            kind, size = image.format, image.size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    if kind not in IMAGE_TYPES:
        return None
    content_type, extension = IMAGE_TYPES[kind]
    return MediaInfo("image", content_type, extension, width=size[0], height=size[1])


def ffprobe(path: Path) -> dict:
    """ffprobe's JSON for the container and its streams; {} when it cannot read the file, with
    `"incomplete": True` when the reason is a missing index (an MP4 cut before its moov atom)."""
    result = subprocess.run(
        [
            "ffprobe",
            "-v",
            "error",
            "-show_entries",
            "format=format_name,duration:stream=index,codec_type,width,height,duration,start_time",
            "-of",
            "json",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    if result.returncode != 0:
        cut = "moov atom not found" in result.stderr and _starts_like_mp4(path)
        return {"incomplete": True} if cut else {}
    return json.loads(result.stdout or "{}")


def _starts_like_mp4(path: Path) -> bool:
    """An MP4/MOV opens with its `ftyp` box: one cut before its index still does."""
    with path.open("rb") as head:
        return head.read(12)[4:8] == b"ftyp"


COMPLETE_TOLERANCE = 0.5  # seconds a stream's readable packets may end before its stated length


def _number(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if number == number and number >= 0 else None  # not NaN


def readable_until(path: Path) -> tuple[dict[int, tuple[float, float]], bool]:
    """Where each stream's packets really start and end (seconds), and whether reading them hit
    the end of the file early. A packet scan reads every byte without decoding: an MP4 whose
    index (moov) promises more data than the file holds, half a download, is caught here."""
    result = subprocess.run(
        [
            "ffprobe",
            "-v",
            "error",
            "-show_entries",
            "packet=stream_index,pts_time,dts_time,duration_time",
            "-of",
            "csv=p=0",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    spans: dict[int, tuple[float, float]] = {}
    for line in result.stdout.splitlines():
        fields = line.split(",")
        if len(fields) < 4 or not fields[0].isdigit():
            continue
        at = _number(fields[1]) if fields[1] != "N/A" else _number(fields[2])
        if at is None:
            continue
        end = at + (_number(fields[3]) or 0.0)
        first, last = spans.get(int(fields[0]), (at, end))
        spans[int(fields[0])] = (min(first, at), max(last, end))
    cut = result.returncode != 0 or "partial file" in result.stderr
    return spans, cut


def _check_complete(path: Path, data: dict, duration: float) -> None:
    """Refuses a file whose packets stop before the length it states (each stream against its
    own stated length, the longest one against the container's), or that ends mid-packet."""
    streams = [s for s in data.get("streams", []) if s.get("codec_type") in ("video", "audio")]
    spans, cut = readable_until(path)
    if cut or not spans:
        raise ServiceError("file_incomplete")
    for stream in streams:
        span = spans.get(stream.get("index", -1))
        stated = _number(stream.get("duration"))
        if span is None:
            raise ServiceError("file_incomplete")
        if stated and span[1] - span[0] < stated - COMPLETE_TOLERANCE:
            raise ServiceError("file_incomplete")
    start = min(first for first, _ in spans.values())
    if max(last for _, last in spans.values()) - start < duration - COMPLETE_TOLERANCE:
        raise ServiceError("file_incomplete")


def _av(path: Path) -> MediaInfo | None:
    data = ffprobe(path)
    if data.get("incomplete"):
        raise ServiceError("file_incomplete")
    fmt = data.get("format", {})
    streams = data.get("streams", [])
    video = next((s for s in streams if s.get("codec_type") == "video"), None)
    has_audio = any(s.get("codec_type") == "audio" for s in streams)
    try:
        duration = float(fmt.get("duration") or (video or {}).get("duration") or 0)
    except ValueError:
        duration = 0.0
    name = fmt.get("format_name", "")
    if video and name in VIDEO_TYPES:
        if duration <= 0:
            raise ServiceError("file_empty")
        _check_complete(path, data, duration)
        content_type, extension = VIDEO_TYPES[name]
        return MediaInfo(
            "video",
            content_type,
            extension,
            duration,
            video.get("width"),
            video.get("height"),
            has_audio,
        )
    if has_audio and not video and name in AUDIO_TYPES:
        if duration <= 0:
            raise ServiceError("file_empty")
        _check_complete(path, data, duration)
        content_type, extension = AUDIO_TYPES[name]
        return MediaInfo("audio", content_type, extension, duration, has_audio=True)
    return None


def _archive(path: Path) -> MediaInfo | None:
    """A ZIP an app made (one carousel set, say), known by its table of contents alone."""
    try:
        with zipfile.ZipFile(path) as archive:
            archive.infolist()
    except (zipfile.BadZipFile, OSError):
        return None
    return MediaInfo("archive", "application/zip", "zip")


def probe(path: Path, archives: bool = False) -> MediaInfo:
    """Refuses empty, unreadable and unsupported files with a reason the user can act on.
    `archives`: a ZIP is accepted too (outputs only; an upload is never unpacked)."""
    if not path.is_file() or path.stat().st_size == 0:
        raise ServiceError("file_empty")
    info = _image(path) or _av(path) or (_archive(path) if archives else None)
    if info is None:
        raise ServiceError("file_unreadable")
    return info


def video_thumbnail(video: Path, out: Path, duration: float) -> Path:
    """A small JPEG of one frame, from a second in (or the middle of a shorter clip). Decoding a
    frame also proves the video is readable past its header."""
    at = min(1.0, duration / 2)
    result = subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-nostdin",
            "-y",
            "-ss",
            f"{at:.3f}",
            "-i",
            str(video),
            "-frames:v",
            "1",
            "-vf",
            "scale='if(gt(iw,ih),320,-2)':'if(gt(iw,ih),-2,320)'",
            "-q:v",
            "5",
            str(out),
        ],
        capture_output=True,
        timeout=120,
    )
    if result.returncode != 0 or not out.is_file() or out.stat().st_size == 0:
        raise ServiceError("file_unreadable")
    return out
