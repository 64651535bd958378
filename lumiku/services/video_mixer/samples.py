"""Sample clips for a first try: three short portrait videos made here by FFmpeg's own test
sources (no footage of anyone's), added to a new project of the user's through the ordinary
`add_clip` path, so they are checked, thumbnailed and counted in the user's storage like any
upload."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from lumiku.services.errors import ServiceError
from lumiku.services.video_mixer import projects

SIZE = "720x1280"  # portrait, as a phone shoots for TikTok, Reels, Shorts and Shopee Video
# (file name, lavfi picture, seconds, tone in Hz): three looks that tell the clips apart
SAMPLES = (
    ("sample-1-pattern.mp4", f"testsrc2=size={SIZE}:rate=30", 3, 440),
    ("sample-2-bars.mp4", f"smptebars=size={SIZE}:rate=30", 4, 523),
    ("sample-3-gradient.mp4", f"gradients=size={SIZE}:rate=30:speed=0.02", 3, 659),
)
FFMPEG_SECONDS = 120  # one sample takes about two seconds; never wait forever


def make_sample(path: Path, picture: str, seconds: float, tone: int) -> Path:
    """One H.264/AAC MP4 of `seconds` from a lavfi `picture` and a sine tone."""
    args = [
        "ffmpeg",
        "-v",
        "error",
        "-nostdin",
        "-y",
        "-f",
        "lavfi",
        "-i",
        f"{picture}:duration={seconds}",
        "-f",
        "lavfi",
        "-i",
        f"sine=frequency={tone}:duration={seconds}",
        "-c:v",
        "libx264",
        "-preset",
        "veryfast",
        "-pix_fmt",
        "yuv420p",
        "-c:a",
        "aac",
        "-shortest",
        "-movflags",
        "+faststart",
        str(path),
    ]
    try:
        done = subprocess.run(args, capture_output=True, timeout=FFMPEG_SECONDS)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ServiceError("video_mixer_samples_failed") from exc
    if done.returncode != 0 or not path.is_file():
        raise ServiceError("video_mixer_samples_failed")
    return path


def create_sample_project(user_id: int, name: str, description: str = "") -> str:
    """A new project holding the three sample clips; returns its id. If a clip cannot be
    added (the storage quota, say), the half-made project is removed and the reason raised."""
    project_id = projects.create_project(user_id, name, description)
    try:
        with tempfile.TemporaryDirectory(prefix="lumiku-samples-") as folder:
            for file_name, picture, seconds, tone in SAMPLES:
                path = make_sample(Path(folder) / file_name, picture, seconds, tone)
                projects.add_clip(user_id, project_id, path, file_name)
    except BaseException:
        projects.delete_project(user_id, project_id)
        raise
    return project_id
