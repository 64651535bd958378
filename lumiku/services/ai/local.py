"""The `local` provider: classical CPU algorithms (OpenCV, Pillow), no model weights, no network.
Callers label it basic quality; it keeps segmentation, inpainting and upscaling working on a
server with no provider keys. What needs a trained model (generation, faces) it does not fake:
those capabilities are unsupported here.
"""

from __future__ import annotations

import io
import time

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from lumiku.services.ai.base import AIError, ModelSpec, open_image

MAX_SIDE = 320  # GrabCut works on at most this many pixels a side; the mask is scaled back
MAX_UPSCALED_SIDE = 16384


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _clamp(value: float, low: int, high: int) -> int:
    return int(min(max(round(value), low), high))


# ------------------------------------------------------------ segmentation


def segment(
    spec: ModelSpec,
    image: bytes,
    *,
    point: tuple[int, int] | None = None,
    box: tuple[int, int, int, int] | None = None,
) -> bytes:
    """GrabCut, started from the box (left, top, right, bottom), or from a box grown around the
    point with the point's neighbourhood marked certain foreground. Without either, the centre
    of the image is taken as the object. GrabCut's graph cut grows fast with the pixels it
    decides, so it runs on the box and a ring of background around it, at most MAX_SIDE a side,
    and the mask is scaled back."""
    source = open_image(image).convert("RGB")
    width, height = source.size
    if box is not None:
        x0, x1 = sorted((float(box[0]), float(box[2])))
        y0, y1 = sorted((float(box[1]), float(box[3])))
    elif point is not None:
        reach = 0.3 * max(width, height)
        x0, x1, y0, y1 = point[0] - reach, point[0] + reach, point[1] - reach, point[1] + reach
    else:
        x0, x1, y0, y1 = width * 0.1, width * 0.9, height * 0.1, height * 0.9
    ring = 0.25 * max(x1 - x0, y1 - y0) + 4
    crop = (
        _clamp(x0 - ring, 0, width - 1),
        _clamp(y0 - ring, 0, height - 1),
        _clamp(x1 + ring, 1, width),
        _clamp(y1 + ring, 1, height),
    )
    region = source.crop(crop)
    scale = min(1.0, MAX_SIDE / max(region.size))
    if scale < 1.0:
        size = (max(1, round(region.width * scale)), max(1, round(region.height * scale)))
        region = region.resize(size, Image.Resampling.BOX)
    w, h = region.size

    def inside(x: float, y: float) -> tuple[float, float]:
        return (x - crop[0]) * scale, (y - crop[1]) * scale

    (x0, y0), (x1, y1) = inside(x0, y0), inside(x1, y1)
    # GrabCut learns the background from outside the rectangle: keep a margin of it.
    margin = max(1, round(min(w, h) * 0.02))
    x0, x1 = _clamp(x0, margin, w - margin - 1), _clamp(x1, margin + 1, w - margin)
    y0, y1 = _clamp(y0, margin, h - margin - 1), _clamp(y1, margin + 1, h - margin)
    if x1 - x0 < 2 or y1 - y0 < 2:
        raise AIError("the box is too small to segment", code="ai_failed")
    mask = np.full((h, w), cv2.GC_BGD, np.uint8)
    mask[y0:y1, x0:x1] = cv2.GC_PR_FGD
    at = None
    if point is not None:
        px, py = inside(*point)
        at = (_clamp(px, x0, x1 - 1), _clamp(py, y0, y1 - 1))
        cv2.circle(mask, at, max(2, min(w, h) // 50), int(cv2.GC_FGD), -1)
    bgr = cv2.cvtColor(np.asarray(region), cv2.COLOR_RGB2BGR)
    iterations = int(spec.parameters.get("iterations", 5))
    background, foreground = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
    cv2.grabCut(bgr, mask, None, background, foreground, iterations, cv2.GC_INIT_WITH_MASK)
    found = np.isin(mask, (cv2.GC_FGD, cv2.GC_PR_FGD)).astype(np.uint8)
    found = cv2.morphologyEx(found, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    found = _one_object(found, at) * 255
    if scale < 1.0:
        found = cv2.resize(
            found, (crop[2] - crop[0], crop[3] - crop[1]), interpolation=cv2.INTER_LINEAR
        )
        found = np.where(found > 127, 255, 0).astype(np.uint8)
    whole = Image.new("L", source.size, 0)
    whole.paste(Image.fromarray(found, "L"), crop[:2])
    return _png(whole)


def _one_object(found: np.ndarray, at: tuple[int, int] | None) -> np.ndarray:
    """The connected piece under the point (else the largest): stray specks are not the object."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(found, connectivity=8)
    if count <= 1:
        return found
    label = labels[at[1], at[0]] if at is not None else 0
    if label == 0:
        label = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    return (labels == label).astype(np.uint8)


# ------------------------------------------------------------ inpainting, upscaling


def inpaint(spec: ModelSpec, image: bytes, mask: bytes, *, prompt: str = "") -> bytes:
    """Telea's fast marching inpainting, on the mask grown a little so the object's fringe goes
    too. The prompt is not used: this fills from the surroundings."""
    source = open_image(image)
    alpha = source.getchannel("A") if "A" in source.getbands() else None
    rgb = np.asarray(source.convert("RGB"))
    holes = open_image(mask, "the mask").convert("L").resize(source.size, Image.Resampling.NEAREST)
    holes = (np.asarray(holes) > 127).astype(np.uint8) * 255
    if not holes.any():
        return _png(source)
    grow = max(2, round(min(source.size) / 100))
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * grow + 1, 2 * grow + 1))
    holes = cv2.dilate(holes, kernel)
    radius = float(spec.parameters.get("radius", max(3, grow * 2)))
    filled = cv2.inpaint(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), holes, radius, cv2.INPAINT_TELEA)
    result = Image.fromarray(cv2.cvtColor(filled, cv2.COLOR_BGR2RGB), "RGB")
    if alpha is not None:
        result.putalpha(alpha)
    return _png(result)


def upscale(spec: ModelSpec, image: bytes, *, factor: int = 2) -> bytes:
    """Lanczos resampling, then an unsharp mask to bring back some of the edges' bite."""
    source = open_image(image)
    if not 1 <= factor <= 8 or max(source.size) * factor > MAX_UPSCALED_SIDE:
        raise AIError(f"cannot upscale {source.size} by {factor}", code="ai_failed")
    source = source.convert("RGBA" if "A" in source.getbands() else "RGB")
    bigger = source.resize(
        (source.width * factor, source.height * factor), Image.Resampling.LANCZOS
    )
    percent = int(spec.parameters.get("sharpen", 60))
    return _png(bigger.filter(ImageFilter.UnsharpMask(radius=2, percent=percent, threshold=2)))


# ------------------------------------------------------------ test connection


def test_connection(spec: ModelSpec) -> str:
    """Runs the algorithm on a 32x32 disc: proves OpenCV and Pillow work on this server."""
    image = Image.new("RGB", (32, 32), (30, 80, 150))
    ImageDraw.Draw(image).ellipse((8, 8, 23, 23), fill=(220, 30, 30))
    disc = Image.new("L", (32, 32), 0)
    ImageDraw.Draw(disc).ellipse((8, 8, 23, 23), fill=255)
    started = time.monotonic()
    if spec.capability == "segmentation":
        segment(spec, _png(image), point=(16, 16))
    elif spec.capability == "inpainting":
        inpaint(spec, _png(image), _png(disc))
    elif spec.capability == "upscaling":
        upscale(spec, _png(image))
    else:
        raise AIError(
            f"the local provider cannot do {spec.capability}", code="ai_capability_unsupported"
        )
    return f"answered in {time.monotonic() - started:.2f} s"
