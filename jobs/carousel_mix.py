"""Carousel Mix's rendering: one set (one engine item) becomes a ZIP of its slides in order
(`set_01/slide_1.jpg`…), with a PDF of the set when asked, and a strip of its slides as the
item's thumbnail. Image slides are composed with Pillow on the picture cropped to the canvas,
made once per picture, canvas and focal point and kept on disk for the sets after (jobs.cache);
a video slide is one FFmpeg filter graph that cover-crops the video and lays the text, rendered
once as a transparent picture, over it. The plan of each set comes from
lumiku.services.carousel_mix."""

from __future__ import annotations

import os
import secrets
import zipfile
from collections.abc import Callable
from contextlib import AbstractContextManager as ContextManager
from pathlib import Path
from typing import Any

import img2pdf
from PIL import Image

from jobs import cache, ffmpeg
from lumiku.models import StoredFile
from lumiku.services import files
from lumiku.services.carousel_mix import canvas, style, typeset
from lumiku.services.carousel_mix.projects import MAX_VIDEO_SECONDS
from lumiku.services.carousel_mix.rules import parse_output
from lumiku.services.errors import NotFound
from lumiku.services.generations import ItemContext, ItemFailed
from lumiku.services.storage import get_storage

THUMBNAIL_HEIGHT = 240
CACHE_DAYS = 3  # cropped pictures unused this long are removed


def cache_dir() -> Path:
    return cache.folder("carousel_mix")


def cropped(
    folder: Path,
    still_id: str,
    still: Callable[[], ContextManager[Path]],
    canvas_name: str,
    focal: tuple[float, float],
) -> Path:
    """The picture cover-cropped to the canvas around its focal point, as a JPEG made once and
    read by every set after it (decoding a slide-sized JPEG costs a fraction of cropping a
    working-size one again). `still` gives the source when the crop has to be made."""
    shape = canvas_name.replace(":", "x")
    path = folder / f"{still_id}-{shape}-{float(focal[0]):g}-{float(focal[1]):g}.jpg"
    if not path.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        with still() as source:
            made = canvas.background(source, canvas_name, focal)
        partial = path.with_name(f"{path.stem}.{secrets.token_hex(4)}.part.jpg")
        try:
            made.save(partial, "JPEG", quality=95)
            os.replace(partial, path)
        finally:
            partial.unlink(missing_ok=True)
    os.utime(path)  # recently used: the pruner keeps it
    return path


def prune_cache(now: float | None = None) -> int:
    """Cropped pictures nobody used for CACHE_DAYS, and at once those whose picture was deleted."""
    return cache.prune(cache_dir(), "*.jpg", CACHE_DAYS, now)


def _owned(user_id: int, file_id: str) -> StoredFile:
    """A picture's file; a picture deleted since the set was planned fails the set (and
    refunds it) instead of drawing something else, even from its cached crop."""
    try:
        return files.owned(user_id, file_id)
    except NotFound:
        raise ItemFailed("carousel_mix_picture_missing") from None


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
    row = _owned(ctx.user_id, source["file"])
    with get_storage().local_copy(row.key) as video:
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
    canvas_name = ctx.settings.get("canvas", "4:5")
    size = canvas.CANVASES[canvas_name]
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
        still, focal = _owned(ctx.user_id, source["still"]), tuple(slide["focal"])
        source_of = lambda key=still.key: get_storage().local_copy(key)  # noqa: E731
        crop = cropped(cache_dir(), still.id, source_of, canvas_name, focal)
        picture = canvas.render_slide(
            crop, canvas_name, focal, slide["text"], style.parse_style(slide["style"])
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
