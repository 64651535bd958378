"""Pictures uploaded to Carousel Mix's pools, checked by their content (never their name) and
normalised once: upright (EXIF orientation applied), sRGB, flattened on white, scaled down to
the working size and saved as JPEG without metadata (no GPS or camera data leaves with it).

The working size is the smallest that still covers every canvas in `canvas.CANVASES`, so a
slide's cover-crop never scales up and never decodes a 12-megapixel photo again."""

from __future__ import annotations

import io
import math
import os
import re
from pathlib import Path

from PIL import Image, ImageCms, ImageFile, ImageOps, UnidentifiedImageError

from lumiku.services.carousel_mix.canvas import CANVASES
from lumiku.services.errors import ServiceError

MAX_MEGAPIXELS = 50
JPEG_QUALITY = 92
THUMB_QUALITY = 80
ANIMATED_FORMATS = {"GIF", "PNG", "WEBP"}  # more than one frame there means an animation
ORIENTATION = 0x0112
WHITE = (255, 255, 255)
READ_ERRORS = (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError)
SRGB = ImageCms.createProfile("sRGB")


def working_size(width: int, height: int) -> tuple[int, int]:
    """The smallest size of this shape that covers every canvas; never larger than it is."""
    need_w = max(w for w, _ in CANVASES.values())
    need_h = max(h for _, h in CANVASES.values())
    scale = max(need_w / width, need_h / height)
    if scale >= 1:
        return width, height
    scaled_w = math.ceil(width * scale - 1e-9)  # the side that sets the scale lands exactly
    scaled_h = math.ceil(height * scale - 1e-9)
    return max(need_w, scaled_w), max(need_h, scaled_h)


def _open(src: Path) -> ImageFile.ImageFile:
    """The image opened with its header read and checked, not yet decoded."""
    if not src.is_file() or src.stat().st_size == 0:
        raise ServiceError("file_empty")
    try:
        image = Image.open(src)
    except Image.DecompressionBombError as exc:  # Pillow refuses past ~179 MP before we can look
        found = re.search(r"\((\d+) pixels\)", str(exc))
        pixels = int(found.group(1)) if found else 2 * (Image.MAX_IMAGE_PIXELS or 0)
        raise ServiceError(
            "carousel_mix_image_too_big", megapixels=pixels // 1_000_000, max=MAX_MEGAPIXELS
        ) from None
    except READ_ERRORS:
        raise ServiceError("file_unreadable") from None
    width, height = image.size
    if width < 1 or height < 1:
        image.close()
        raise ServiceError("file_unreadable")
    if width * height > MAX_MEGAPIXELS * 1_000_000:
        image.close()
        raise ServiceError(
            "carousel_mix_image_too_big",
            megapixels=math.ceil(width * height / 1_000_000),
            max=MAX_MEGAPIXELS,
        )
    try:
        frames = getattr(image, "n_frames", 1)
    except READ_ERRORS:
        image.close()
        raise ServiceError("file_unreadable") from None
    if image.format in ANIMATED_FORMATS and frames > 1:
        image.close()
        raise ServiceError("carousel_mix_image_animated")
    return image


def _to_rgb(image: Image.Image) -> Image.Image:
    """Any mode as 8-bit sRGB; transparency flattened on white."""
    icc = image.info.get("icc_profile")
    if image.mode.startswith("I") or image.mode == "F":  # 16-bit or float grey: scale, not clip
        high = image.getextrema()[1] or 0
        image = image.convert("F").point(lambda v: v * (255 / (65535 if high > 255 else 255)))
        image = image.convert("L")
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    if image.mode in ("RGBA", "LA", "La", "RGBa", "PA"):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, WHITE)
        flat.paste(rgba, mask=rgba.getchannel("A"))
        image = flat
    if icc and image.mode in ("RGB", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            return ImageCms.profileToProfile(image, source, SRGB, outputMode="RGB")
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # a broken profile: convert as if there were none
    return image.convert("RGB") if image.mode != "RGB" else image


def _load(src: Path, longest: int | None = None) -> Image.Image:
    """The picture decoded upright in RGB, no larger than the working size (or `longest` on its
    long side); JPEG decodes at 1/2, 1/4 or 1/8 when that is still large enough."""
    image = _open(src)
    width, height = image.size
    try:
        orientation = image.getexif().get(ORIENTATION, 1)
        turned = orientation in (5, 6, 7, 8)
        upright = (height, width) if turned else (width, height)
        if longest:
            scale = min(1.0, longest / max(upright))
            want = (math.ceil(upright[0] * scale), math.ceil(upright[1] * scale))
        else:
            want = working_size(*upright)
        if image.format in ("JPEG", "MPO"):  # MPO: a phone's JPEG with a second picture
            image.draft(image.mode, (want[1], want[0]) if turned else want)
        image.load()  # the first frame of a multi-picture file
        picture = _to_rgb(ImageOps.exif_transpose(image))
    except Image.DecompressionBombError:
        image.close()
        raise ServiceError(
            "carousel_mix_image_too_big",
            megapixels=math.ceil(width * height / 1_000_000),
            max=MAX_MEGAPIXELS,
        ) from None
    except READ_ERRORS:  # truncated or corrupt data
        image.close()
        raise ServiceError("file_unreadable") from None
    if picture is not image:
        image.close()
    if longest:
        picture.thumbnail((longest, longest), Image.Resampling.LANCZOS, reducing_gap=3.0)
    elif picture.size != want:
        picture = picture.resize(want, Image.Resampling.LANCZOS, reducing_gap=3.0)
    return picture


def _write(image: Image.Image, out: Path, quality: int) -> None:
    """Saved as JPEG under a temporary name, then moved into place (a retry never sees half)."""
    part = out.with_name(f".{out.name}.{os.getpid()}.part")
    try:
        image.save(part, "JPEG", quality=quality)
        os.replace(part, out)
    finally:
        part.unlink(missing_ok=True)


def normalise(src: Path, out: Path) -> tuple[int, int]:
    """Checks an uploaded picture and writes its working copy to `out` (a .jpg): refused with
    file_empty, file_unreadable (not an image, or cut short), carousel_mix_image_animated or
    carousel_mix_image_too_big. Returns the saved size."""
    image = _load(Path(src))
    _write(image, Path(out), JPEG_QUALITY)
    return image.size


def thumbnail(src: Path, out: Path, longest: int = 320) -> Path:
    """A small JPEG for the pool grids, `longest` px on its long side at most."""
    _write(_load(Path(src), longest), Path(out), THUMB_QUALITY)
    return Path(out)
