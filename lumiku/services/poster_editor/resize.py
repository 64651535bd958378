"""A poster resized to an export format, and written out: one file, or a pack's files in a ZIP.

Methods (formats.METHODS), as the original's sharp calls had them:
- smart_crop: cover the target and crop around the most interesting part of the poster, found on
  a small copy by edge energy and distinctness from the background colour (sharp's `attention`
  strategy did this in the original);
- fit: the whole poster inside the target, the rest letterboxed with `background`;
- fill: cover the target and crop the centre;
- stretch: the exact size, the aspect ratio ignored.
Resampling is Lanczos both ways.

Big print formats. A0 is 9933x14043 (139 megapixels, 418 MB as RGB): the pipeline holds one
buffer of the output's size. The source is cropped by `resize(box=...)`, never copied at the
output's size, and a letterbox grown from a smaller source is padded at the source's size
before the one resize. Pillow's decompression bomb limit (`Image.MAX_IMAGE_PIXELS`, 89 MP warns,
179 MP refuses) is checked only when a file is opened or an image cropped, neither of which
happens to an output here, so exporting needs no change to it. Opening one of our exports again
(A0 is past the warning) goes through `open_export`, which allows our largest format's size for
that one call; uploads and everything else keep Pillow's limit.
"""

from __future__ import annotations

import os
import re
import tempfile
import threading
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from PIL import Image

from lumiku.services.poster_editor.formats import (
    FORMATS,
    LARGEST_PIXELS,
    PACKS,
    Format,
    check_method,
    upscale_ratio,
)

JPEG_QUALITY = 92
SALIENCY_SIDE = 256  # the small copy smart_crop searches on: at most about this many px a side
TIE = 0.005  # windows within 0.5 % of the best saliency count as ties
REDUCING_GAP = 3.0  # downscaling: integer box reduction first while 3x the target is left

_LANCZOS = Image.Resampling.LANCZOS
_LIMIT = threading.Lock()

Color = tuple[int, ...]


@dataclass(frozen=True)
class ExportResult:
    path: Path  # the file written; in pack_zip's results, the file's name inside the ZIP
    width: int
    height: int
    dpi: int | None  # stored in the file for print formats
    upscaled: bool
    upscale_ratio: float  # how much the poster's pixels were enlarged (1.0 or less: not at all)


# ------------------------------------------------------------ resizing


def has_transparency(image: Image.Image) -> bool:
    """True when some pixel is not fully opaque (an alpha channel or a transparent colour)."""
    if image.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        return image.getchannel("A").getextrema()[0] < 255
    if "transparency" in image.info:
        return image.convert("RGBA").getchannel("A").getextrema()[0] < 255
    return False


def _normalised(image: Image.Image) -> Image.Image:
    """RGB, or RGBA when the poster has transparency."""
    mode = "RGBA" if has_transparency(image) else "RGB"
    return image if image.mode == mode else image.convert(mode)


def resize(
    image: Image.Image,
    fmt: Format,
    method: str = "smart_crop",
    *,
    background: Color = (255, 255, 255),
) -> Image.Image:
    """`image` at exactly `fmt`'s size, in RGB (RGBA when it has transparency)."""
    check_method(method)
    source = _normalised(image)
    target = fmt.size
    if method == "stretch":
        return source.resize(target, _LANCZOS, reducing_gap=REDUCING_GAP)
    if method == "fit":
        return _fit(source, target, background)
    centring = _salient_centring(source, target, background) if method == "smart_crop" else None
    return source.resize(
        target, _LANCZOS, box=_cover_box(source.size, target, centring), reducing_gap=REDUCING_GAP
    )


def _cover_box(
    size: tuple[int, int], target: tuple[int, int], centring: tuple[float, float] | None
) -> tuple[float, float, float, float]:
    """The part of the source that, scaled to cover `target`, fills it exactly; `centring` is
    where it sits as ImageOps.fit has it: (0, 0) top left, (0.5, 0.5) the centre."""
    width, height = size
    scale = max(target[0] / width, target[1] / height)
    crop_w, crop_h = min(width, target[0] / scale), min(height, target[1] / scale)
    fx, fy = centring or (0.5, 0.5)
    left, top = (width - crop_w) * fx, (height - crop_h) * fy
    return left, top, left + crop_w, top + crop_h


def _fit(source: Image.Image, target: tuple[int, int], background: Color) -> Image.Image:
    width, height = source.size
    scale = min(target[0] / width, target[1] / height)
    fill = _fill_colour(source.mode, background)
    if scale > 1:
        # Upscaling: pad at the source's small size, then one resize makes the only big buffer.
        padded_w = max(width, round(target[0] / scale))
        padded_h = max(height, round(target[1] / scale))
        padded = Image.new(source.mode, (padded_w, padded_h), fill)
        padded.paste(source, ((padded_w - width) // 2, (padded_h - height) // 2))
        return padded.resize(target, _LANCZOS)
    inner = (
        min(target[0], max(1, round(width * scale))),
        min(target[1], max(1, round(height * scale))),
    )
    canvas = Image.new(source.mode, target, fill)
    scaled = source.resize(inner, _LANCZOS, reducing_gap=REDUCING_GAP)
    canvas.paste(scaled, ((target[0] - inner[0]) // 2, (target[1] - inner[1]) // 2))
    return canvas


def _fill_colour(mode: str, background: Color) -> Color:
    """The letterbox colour: `background`, and transparent bars on a transparent poster unless
    `background` gives its own alpha."""
    rgb = tuple(background[:3])
    if mode != "RGBA":
        return rgb
    return tuple(background) if len(background) == 4 else (*rgb, 0)


def _salient_centring(
    source: Image.Image, target: tuple[int, int], background: Color
) -> tuple[float, float]:
    """Where the covering crop keeps the most saliency: a sliding-window sum (cumulative sums,
    no Python loop over pixels) along the one axis the crop can move on. Of the windows that
    tie with the best, the middle of the run nearest the centre wins, so a plain poster or a
    centred subject crops like `fill`."""
    width, height = source.size
    scale = max(target[0] / width, target[1] / height)
    keep_w, keep_h = target[0] / scale / width, target[1] / scale / height  # fractions kept
    if keep_w > 0.999 and keep_h > 0.999:
        return 0.5, 0.5
    saliency = _saliency(_small_copy(source, background))
    along_x = keep_w < keep_h
    profile = saliency.sum(axis=0 if along_x else 1)
    window = max(1, round((keep_w if along_x else keep_h) * profile.size))
    slack = profile.size - window
    if slack <= 0:
        return 0.5, 0.5
    sums = np.concatenate(([0.0], np.cumsum(profile, dtype=np.float64)))
    kept = sums[window:] - sums[:-window]
    best = kept.max()
    ties = np.flatnonzero(kept >= best - TIE * best - 1e-9)
    # The run of tied windows nearest the centre, and the middle of it: a subject off to one side
    # gets a margin from the crop's edge, and a plain poster crops at its centre.
    nearest = int(np.argmin(np.abs(ties - slack / 2)))
    run = np.cumsum(np.concatenate(([0], np.diff(ties) > 1)))
    members = ties[run == run[nearest]]
    fraction = (members[0] + members[-1]) / 2 / slack
    return (fraction, 0.5) if along_x else (0.5, fraction)


def _small_copy(source: Image.Image, background: Color) -> Image.Image:
    factor = max(1, max(source.size) // SALIENCY_SIDE)
    small = source.reduce(factor) if factor > 1 else source
    if small.mode == "RGBA":  # what shows is what matters: transparent parts on the background
        flat = Image.new("RGB", small.size, tuple(background[:3]))
        flat.paste(small, mask=small.getchannel("A"))
        return flat
    return small


def _saliency(small: Image.Image) -> np.ndarray:
    """Per pixel: luminance edge energy plus distance from the poster's typical (median) colour,
    each scaled to 0..1. Text, faces and products score; flat backgrounds and gentle gradients
    do not."""
    rgb = np.asarray(small, dtype=np.float32)
    luma = rgb @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
    edges = np.zeros_like(luma)
    across, down = np.abs(np.diff(luma, axis=1)), np.abs(np.diff(luma, axis=0))
    edges[:, 1:] += across
    edges[:, :-1] += across
    edges[1:, :] += down
    edges[:-1, :] += down
    typical = np.median(rgb.reshape(-1, 3), axis=0)
    distinct = np.sqrt(((rgb - typical) ** 2).sum(axis=2))
    return edges / (edges.max() + 1e-6) + distinct / (distinct.max() + 1e-6)


# ------------------------------------------------------------ writing


def export(image: Image.Image, fmt: Format, method: str, out_path: Path | str) -> ExportResult:
    """`image` resized to `fmt` and written: JPEG (quality 92) for a photo, PNG when it has
    transparency; the suffix of `out_path` becomes .jpg or .png accordingly. Print formats carry
    their DPI in the file. The file appears whole or not at all."""
    ratio = upscale_ratio(image.size, fmt, method)
    out = resize(image, fmt, method)
    kind, suffix = ("PNG", ".png") if out.mode == "RGBA" else ("JPEG", ".jpg")
    path = Path(out_path).with_suffix(suffix)
    options: dict[str, object] = {"dpi": (fmt.dpi, fmt.dpi)} if fmt.dpi else {}
    if kind == "JPEG":
        options["quality"] = JPEG_QUALITY
    if icc := image.info.get("icc_profile"):
        options["icc_profile"] = icc
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f".{path.name}.part")
    try:
        out.save(part, kind, **options)
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)
    return ExportResult(
        path=path,
        width=out.width,
        height=out.height,
        dpi=fmt.dpi,
        upscaled=ratio > 1 + 1e-9,
        upscale_ratio=round(ratio, 4),
    )


def pack_zip(
    image: Image.Image,
    pack_key: str,
    method: str,
    out_path: Path | str,
    *,
    name: str | None = None,
) -> list[ExportResult]:
    """Every format of the pack, exported one at a time into one ZIP at `out_path`, each named
    `<name>-<format key lowercased>.jpg` (.png for a transparent poster); `name` defaults to
    `out_path`'s stem. Only one format's file is on disk besides the ZIP at any moment. The
    results' `path` is each file's name inside the ZIP."""
    if pack_key not in PACKS:
        raise ValueError(f"unknown pack {pack_key!r}; one of {tuple(PACKS)}")
    return formats_zip(image, PACKS[pack_key], method, out_path, name=name)


def formats_zip(
    image: Image.Image,
    format_keys: tuple[str, ...] | list[str],
    method: str,
    out_path: Path | str,
    *,
    name: str | None = None,
) -> list[ExportResult]:
    """`pack_zip` for any formats the user chose (a pack is a named choice of them)."""
    unknown = [key for key in format_keys if key not in FORMATS]
    if unknown or not format_keys:
        raise ValueError(f"unknown formats {unknown!r}")
    check_method(method)
    out_path = Path(out_path)
    stem = file_stem(name or out_path.stem)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    part = out_path.with_name(f".{out_path.name}.part")
    results: list[ExportResult] = []
    try:
        with (
            tempfile.TemporaryDirectory(dir=out_path.parent, prefix=".pack-") as work,
            zipfile.ZipFile(part, "w", zipfile.ZIP_STORED) as archive,  # JPEG/PNG: compressed
        ):
            for key in format_keys:
                result = export(image, FORMATS[key], method, Path(work) / f"{stem}-{key.lower()}")
                archive.write(result.path, arcname=result.path.name)
                result.path.unlink()
                results.append(replace(result, path=Path(result.path.name)))
        os.replace(part, out_path)
    finally:
        part.unlink(missing_ok=True)
    return results


def file_stem(name: str) -> str:
    """A poster's name made safe as a file name: letters, digits, '.', '_' and '-'."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.")
    return stem[:80] or "poster"


def open_export(path: Path | str) -> Image.Image:
    """Opens a file `export` wrote, allowing up to our largest format's pixels (A0 is past
    Pillow's 89 MP warning) for this one call. Never for an upload: those keep Pillow's limit."""
    with _LIMIT:
        saved = Image.MAX_IMAGE_PIXELS
        if saved is not None and saved < LARGEST_PIXELS:
            Image.MAX_IMAGE_PIXELS = LARGEST_PIXELS
        try:
            return Image.open(path)
        finally:
            Image.MAX_IMAGE_PIXELS = saved
