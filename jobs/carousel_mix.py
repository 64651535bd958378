"""Carousel Mix's rendering: one set (one engine item) becomes a ZIP of its slides in order
(`set_01/slide_1.jpg`…), with a PDF of the set when asked, and a strip of its slides as the
item's thumbnail. Image slides are composed with Pillow from the pictures' working-size stills;
a video slide is one FFmpeg filter graph that cover-crops the video and lays the text, rendered
once as a transparent picture, over it. The plan of each set comes from
lumiku.services.carousel_mix."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import img2pdf
from PIL import Image

from jobs import ffmpeg
from lumiku.models import StoredFile
from lumiku.services import files
from lumiku.services.carousel_mix import canvas, style, typeset
from lumiku.services.carousel_mix.projects import MAX_VIDEO_SECONDS
from lumiku.services.carousel_mix.rules import parse_output
from lumiku.services.errors import NotFound
from lumiku.services.generations import ItemContext, ItemFailed
from lumiku.services.storage import get_storage

THUMBNAIL_HEIGHT = 240


@contextmanager
def _stored(user_id: int, file_id: str) -> Iterator[tuple[Path, StoredFile]]:
    """A picture's file as a local path, with its row; a picture deleted since the set was
    planned fails the set (and refunds it) instead of drawing something else."""
    try:
        row = files.owned(user_id, file_id)
    except NotFound:
        raise ItemFailed("carousel_mix_picture_missing") from None
    with get_storage().local_copy(row.key) as path:
        yield path, row


def video_command(
    video: Path,
    overlay: Path,
    at: tuple[int, int],
    size: tuple[int, int],
    focal: tuple[float, float],
    out: Path,
) -> list[str]:
    """Cover-crop around the focal point, the text picture over it, H.264 + AAC for Instagram."""
    width, height = size
    fx, fy = focal
    graph = (
        f"[0:v]scale={width}:{height}:force_original_aspect_ratio=increase,"
        f"crop={width}:{height}:'max(0,min(iw-{width},iw*{fx / 100:.4f}-{width / 2}))'"
        f":'max(0,min(ih-{height},ih*{fy / 100:.4f}-{height / 2}))',setsar=1[bg];"
        f"[bg][1:v]overlay={at[0]}:{at[1]},format=yuv420p[v]"
    )
    return [
        *("ffmpeg", "-hide_banner", "-v", "error", "-y", "-nostdin"),
        *("-i", str(video), "-i", str(overlay)),  # overlay repeats the one picture to the end
        *("-filter_complex", graph, "-map", "[v]", "-map", "0:a?"),
        *("-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-r", "30"),
        *("-c:a", "aac", "-b:a", "128k", "-map_metadata", "-1", "-movflags", "+faststart"),
        str(out),
    ]


def _video_slide(
    ctx: ItemContext,
    source: dict[str, Any],
    slide: dict[str, Any],
    size: tuple[int, int],
    out: Path,
    report: Any,
) -> Path:
    text_style = style.parse_style(slide["style"])
    overlay = typeset.text_overlay(slide["text"], text_style, size)
    picture = out.with_suffix(".overlay.png")
    overlay.image.save(picture)
    with _stored(ctx.user_id, source["file"]) as (video, row):
        seconds = min(MAX_VIDEO_SECONDS, row.duration_seconds or MAX_VIDEO_SECONDS)
        at = (overlay.left, overlay.top)
        args = video_command(video, picture, at, size, tuple(slide["focal"]), out)
        ffmpeg.run(args, seconds, report)
    picture.unlink()
    return out


def _strip(stills: list[Image.Image], out: Path) -> Path:
    """The set's slides side by side, small: what the work lists show of a set."""
    scaled = [
        s.resize((round(s.width * THUMBNAIL_HEIGHT / s.height), THUMBNAIL_HEIGHT)) for s in stills
    ]
    gap = 6
    strip = Image.new(
        "RGB", (sum(s.width for s in scaled) + gap * (len(scaled) - 1), THUMBNAIL_HEIGHT), "white"
    )
    x = 0
    for image in scaled:
        strip.paste(image, (x, 0))
        x += image.width + gap
    strip.save(out, "JPEG", quality=80)
    return out


def run(ctx: ItemContext) -> Path:
    output = parse_output(ctx.settings.get("output", {}))
    size = canvas.CANVASES[ctx.settings.get("canvas", "4:5")]
    sources: dict[str, dict[str, Any]] = ctx.settings.get("sources", {})
    slides: list[dict[str, Any]] = ctx.params["slides"]
    # set_01…set_99, or set_001… when a batch has 100 sets: the folders sort in order
    digits = max(2, len(str(ctx.settings.get("sets", 1))))
    folder = f"set_{int(ctx.params['set']):0{digits}d}"
    made: list[tuple[str, Path]] = []
    stills: list[Image.Image] = []
    for n, slide in enumerate(slides, start=1):
        share = lambda p, n=n: ctx.progress((n - 1 + p / 100) * 90 / len(slides), "rendering")  # noqa: E731
        share(0)
        source = sources.get(slide["picture"])
        if source is None:
            raise ItemFailed("carousel_mix_picture_missing")
        with _stored(ctx.user_id, source["still"]) as (path, _row), Image.open(path) as still:
            picture = canvas.render_slide(
                still,
                ctx.settings.get("canvas", "4:5"),
                tuple(slide["focal"]),
                slide["text"],
                style.parse_style(slide["style"]),
            )
        stills.append(picture)
        if source["kind"] == "video":
            out = ctx.workdir / f"slide_{n}.mp4"
            made.append(
                (f"{folder}/slide_{n}.mp4", _video_slide(ctx, source, slide, size, out, share))
            )
        else:
            out = ctx.workdir / f"slide_{n}.{output.format}"
            canvas.save(picture, out, output.format, output.quality)
            made.append((f"{folder}/slide_{n}.{output.format}", out))
    ctx.progress(92, "packing")
    if output.pdf:  # every slide as a page; a video slide as its first frame
        pages = []
        for n, picture in enumerate(stills, start=1):
            page = ctx.workdir / f"page_{n}.jpg"
            picture.save(page, "JPEG", quality=output.quality)
            pages.append(str(page))
        pdf = ctx.workdir / "carousel.pdf"
        pdf.write_bytes(img2pdf.convert(pages))
        made.append((f"{folder}/carousel.pdf", pdf))
    ctx.thumbnail = _strip(stills, ctx.workdir / "thumbnail.jpg")
    archive = ctx.workdir / "set.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_STORED) as zipped:
        for name, path in made:
            zipped.write(path, name)
    return archive
