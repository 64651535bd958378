"""What a file really is, judged by its content (Pillow for images, ffprobe for video and audio),
never by its name or the type the browser claims."""

from __future__ import annotations

import json
import subprocess
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
    media: str  # image | video | audio
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
    result = subprocess.run(
        [
            "ffprobe",
            "-v",
            "error",
            "-show_entries",
            "format=format_name,duration:stream=codec_type,width,height,duration",
            "-of",
            "json",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    if result.returncode != 0:
        return {}
    return json.loads(result.stdout or "{}")


def _av(path: Path) -> MediaInfo | None:
    data = ffprobe(path)
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
        content_type, extension = AUDIO_TYPES[name]
        return MediaInfo("audio", content_type, extension, duration, has_audio=True)
    return None


def probe(path: Path) -> MediaInfo:
    """Refuses empty, unreadable and unsupported files with a reason the user can act on."""
    if not path.is_file() or path.stat().st_size == 0:
        raise ServiceError("file_empty")
    info = _image(path) or _av(path)
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
