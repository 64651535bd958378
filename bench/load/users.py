"""The bench's people, made through the services in the target's own database and storage: each
a verified account with credits, a sign-in session (the token a browser keeps in
`localStorage.lumiku_token`) and a Video Mixer project of three tiny clips made by FFmpeg once
and added to every project through the ordinary `add_clip` path (checked, thumbnailed, stored).
Nothing here imports Reflex."""

from __future__ import annotations

import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

PASSWORD = "rahasia-123"
CREDITS = 100_000  # enough for every generation the bench submits
# (file name, lavfi picture, seconds): three looks at 180x320, portrait like a phone's clips
CLIPS = (
    ("load-1.mp4", "testsrc2=size=180x320:rate=25", 2.0),
    ("load-2.mp4", "smptebars=size=180x320:rate=25", 2.0),
    ("load-3.mp4", "testsrc=size=180x320:rate=25", 2.0),
)
SETUP_THREADS = 6  # FFmpeg thumbnails and storage writes overlap; the database keeps up


@dataclass(frozen=True)
class Person:
    n: int
    user_id: int
    token: str  # the sign-in session's token, as the browser stores it
    project_id: str  # a Video Mixer project holding the three clips


def make_clips(folder: Path) -> list[Path]:
    """The three clips, H.264/AAC, made once for every project."""
    paths = []
    for name, picture, seconds in CLIPS:
        path = folder / name
        subprocess.run(
            ["ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i"]
            + [f"{picture}:duration={seconds}", "-f", "lavfi", "-i"]
            + [f"sine=frequency=440:duration={seconds}", "-shortest", "-c:v", "libx264"]
            + ["-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", str(path)],
            check=True,
        )
        paths.append(path)
    return paths


def make_person(n: int, clips: list[Path], prefix: str) -> Person:
    """A verified user with credits, signed in once, and a project with the clips."""
    from lumiku.services import auth, billing
    from lumiku.services.video_mixer import projects

    signed = auth.register(
        f"{prefix}{n}@example.com",
        PASSWORD,
        f"Load {n}",
        ip=f"10.{200 + n // 250}.{n % 250}.1",  # the per-address sign-up limit never trips
        user_agent="bench.load",
    )
    link = auth.verification_link(signed.user.id)
    if link is not None:  # verified through its link, as clicking it would
        from urllib.parse import parse_qs, urlsplit

        auth.verify_email(parse_qs(urlsplit(link.url).query)["token"][0])
    user_id = signed.user.id
    billing.add_credits(user_id, CREDITS, "grant", f"bench-load-{prefix}{n}", "bench.load")
    project_id = projects.create_project(user_id, f"Load {n}")
    for path in clips:
        projects.add_clip(user_id, project_id, path, path.name)
    return Person(n, user_id, signed.token, project_id)


def make_people(count: int, prefix: str) -> list[Person]:
    """`count` people, made a few at a time."""
    with tempfile.TemporaryDirectory(prefix="lumiku-load-clips-") as folder:
        clips = make_clips(Path(folder))
        with ThreadPoolExecutor(SETUP_THREADS) as pool:
            return list(pool.map(lambda n: make_person(n, clips, prefix), range(1, count + 1)))
