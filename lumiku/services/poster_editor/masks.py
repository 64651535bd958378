"""Click-to-mask with refinement: Poster Editor's local "quick edit" mode.

The user clicks on the thing to select (positive clicks), on things that must stay out of it
(negative clicks), and may drag a box around it. `mask_from_marks` turns those marks into a mask
with OpenCV's GrabCut, initialised with a mask rather than a bare rectangle: the box (or a box
grown around the positive clicks) is probable foreground, everything outside it background, a
small disc around each positive click certain foreground and around each negative click certain
background. GrabCut's graph cut grows fast with the pixels it decides, so it runs on the box and
a ring of background around it, scaled to at most WORK_SIDE pixels a side, and the mask is
scaled back with smooth edges. Only the pieces under a positive click are kept (with a box
alone, the largest piece inside the box): stray specks and other shapes of the same colours are
not the object.

`remove` erases the selection by inpainting through the provider layer's local provider
(`lumiku.services.ai.inpaint` with the `local` provider: Telea's fast marching method, on the
mask grown a little, the radius scaled to the image), on a copy of at most INPAINT_SIDE pixels a
side; the filled part is scaled back and pasted inside the grown, feathered mask only, so every
pixel away from the selection stays exactly as it was.

OpenCV and NumPy are imported inside the functions: a worker that never edits a poster does not
load them.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from PIL import Image

from lumiku.services.errors import ServiceError

MAX_CLICKS = 20  # positive clicks, and negative clicks, at most this many each
WORK_SIDE = 512  # GrabCut works on at most this many pixels a side
INPAINT_SIDE = 512  # removal inpaints a copy of at most this many pixels a side
ITERATIONS = 5  # GrabCut's rounds
REACH = 0.3  # a click that floods most of the poster: a box of this share of the long side
FLOOD_SIDE = 256  # a click's reach is estimated on a copy of about this many pixels a side
FLOOD_TOLERANCE = 40  # ... as the pixels within this distance of the clicked colour, per channel
NEGATIVE_TOLERANCE = 20  # a negative click leaves out what is within this of its colour
MARKS = ("positive", "negative", "box")

Point = tuple[int, int]
Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class Marks:
    """What the user marked, in the poster's pixels: clicks are (x, y), the box is
    (left, top, right, bottom) with right and bottom exclusive."""

    positive: tuple[Point, ...] = ()
    negative: tuple[Point, ...] = ()
    box: Box | None = None


def _invalid() -> ServiceError:
    return ServiceError("poster_editor_marks_invalid")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _points(raw: Any, width: int, height: int) -> tuple[Point, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list | tuple) or len(raw) > MAX_CLICKS:
        raise _invalid()
    points = []
    for point in raw:
        if not isinstance(point, list | tuple) or len(point) != 2:
            raise _invalid()
        x, y = point
        if not (_is_int(x) and _is_int(y) and 0 <= x < width and 0 <= y < height):
            raise _invalid()
        points.append((x, y))
    return tuple(points)


def parse_marks(raw: Any, width: int, height: int) -> Marks:
    """A client's marks (`{"positive": [[x, y], ...], "negative": [...], "box": [l, t, r, b]}`,
    each part optional) checked against a poster of `width` x `height`: whole numbers inside the
    image, at most MAX_CLICKS clicks of each kind, a box at least 2 px each way, and at least one
    positive click or a box. Anything else raises ServiceError("poster_editor_marks_invalid")."""
    if not isinstance(raw, dict) or set(raw) - set(MARKS):
        raise _invalid()
    positive = _points(raw.get("positive"), width, height)
    negative = _points(raw.get("negative"), width, height)
    box = raw.get("box")
    if box is not None:
        if not isinstance(box, list | tuple) or len(box) != 4 or not all(map(_is_int, box)):
            raise _invalid()
        left, top, right, bottom = box
        if not (0 <= left < right <= width and 0 <= top < bottom <= height):
            raise _invalid()
        if right - left < 2 or bottom - top < 2:
            raise _invalid()
        box = (left, top, right, bottom)
    if not positive and box is None:
        raise _invalid()
    return Marks(positive=positive, negative=negative, box=box)


# ------------------------------------------------------------ the mask


def _region(source: Image.Image, marks: Marks) -> tuple[float, float, float, float]:
    """The probable foreground: the box, grown to take in the positive clicks; or, with clicks
    alone, a box grown around what each click's colour reaches (a flood fill on a small,
    smoothed copy, within a fixed distance of the clicked colour), padded by a quarter of its
    size. A click whose colour floods most of the poster gets REACH of the long side around it.
    A box much larger than the object would put the background's colours inside it (a gradient
    differs across the poster), and GrabCut would keep them."""
    width, height = source.size
    long_side = max(width, height)
    if marks.box is not None:
        x0, y0, x1, y1 = (float(v) for v in marks.box)
        pad = 0.02 * long_side
        for x, y in marks.positive:
            x0, x1 = min(x0, x - pad), max(x1, x + pad)
            y0, y1 = min(y0, y - pad), max(y1, y + pad)
        return x0, y0, x1, y1

    import cv2
    import numpy as np

    factor = max(1, long_side // FLOOD_SIDE)
    small = source.reduce(factor) if factor > 1 else source
    bgr = cv2.GaussianBlur(cv2.cvtColor(np.asarray(small), cv2.COLOR_RGB2BGR), (0, 0), 1.5)
    h, w = bgr.shape[:2]
    flags = 4 | cv2.FLOODFILL_FIXED_RANGE | cv2.FLOODFILL_MASK_ONLY | (255 << 8)
    tolerance = (FLOOD_TOLERANCE,) * 3
    boxes = []
    for x, y in marks.positive:
        seed = (min(w - 1, x // factor), min(h - 1, y // factor))
        flood = np.zeros((h + 2, w + 2), np.uint8)
        cv2.floodFill(bgr, flood, seed, 0, tolerance, tolerance, flags)
        ys, xs = np.nonzero(flood[1:-1, 1:-1])
        if xs.size > 0.5 * w * h or xs.size == 0:
            reach = REACH * long_side
            boxes.append((x - reach, y - reach, x + reach, y + reach))
            continue
        left, right = xs.min() * factor, (xs.max() + 1) * factor
        top, bottom = ys.min() * factor, (ys.max() + 1) * factor
        pad = max(0.25 * max(right - left, bottom - top), 0.04 * long_side)
        boxes.append((left - pad, top - pad, right + pad, bottom + pad))
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _clamp(value: float, low: int, high: int) -> int:
    return int(min(max(round(value), low), high))


def mask_from_marks(
    image: Image.Image, marks: Marks, *, work_side: int | None = WORK_SIDE
) -> Image.Image:
    """The selection the marks describe: mode "L", the image's size, 255 = selected, 0 not.
    `work_side` is the long side GrabCut works at (None: the image's own pixels)."""
    import cv2
    import numpy as np

    if not marks.positive and marks.box is None:
        raise _invalid()
    source = image.convert("RGB")
    width, height = source.size
    x0, y0, x1, y1 = _region(source, marks)
    # GrabCut learns the background from outside the box: a ring of it around the box will do.
    ring = 0.25 * max(x1 - x0, y1 - y0) + 8
    crop = (
        _clamp(x0 - ring, 0, width - 1),
        _clamp(y0 - ring, 0, height - 1),
        _clamp(x1 + ring, 1, width),
        _clamp(y1 + ring, 1, height),
    )
    region = source.crop(crop)
    scale = 1.0 if work_side is None else min(1.0, work_side / max(region.size))
    if scale < 1.0:
        size = (max(1, round(region.width * scale)), max(1, round(region.height * scale)))
        region = region.resize(size, Image.Resampling.BOX)
    w, h = region.size

    def inside(x: float, y: float) -> tuple[int, int]:
        return (
            _clamp((x - crop[0]) * scale, 0, w - 1),
            _clamp((y - crop[1]) * scale, 0, h - 1),
        )

    # Keep a margin of certain background even when the box reaches the poster's edge.
    margin = max(1, round(min(w, h) * 0.02))
    (bx0, by0), (bx1, by1) = inside(x0, y0), inside(x1, y1)
    bx0, bx1 = min(max(bx0, margin), w - margin - 2), max(min(bx1, w - margin), margin + 2)
    by0, by1 = min(max(by0, margin), h - margin - 2), max(min(by1, h - margin), margin + 2)
    # A light blur: grain and print noise make GrabCut's graph cut slow and its edges ragged.
    bgr = cv2.GaussianBlur(cv2.cvtColor(np.asarray(region), cv2.COLOR_RGB2BGR), (0, 0), 1.0)
    init = np.full((h, w), cv2.GC_BGD, np.uint8)
    init[by0:by1, bx0:bx1] = cv2.GC_PR_FGD
    dot = max(2, round(max(w, h) / 100))
    seeds = [inside(*point) for point in marks.positive]
    for point in marks.negative:
        if not (crop[0] <= point[0] < crop[2] and crop[1] <= point[1] < crop[3]):
            continue  # beyond the ring: background already
        at = inside(*point)
        init[_same_colour(bgr, at, seeds) > 0] = cv2.GC_BGD
        cv2.circle(init, at, dot, int(cv2.GC_BGD), -1)
    for at in seeds:
        cv2.circle(init, at, dot, int(cv2.GC_FGD), -1)
    if not (init == cv2.GC_BGD).any() or not np.isin(init, (cv2.GC_FGD, cv2.GC_PR_FGD)).any():
        raise _invalid()  # nothing left to learn the background (or the object) from

    background, foreground = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
    cv2.grabCut(bgr, init, None, background, foreground, ITERATIONS, cv2.GC_INIT_WITH_MASK)
    found = np.isin(init, (cv2.GC_FGD, cv2.GC_PR_FGD)).astype(np.uint8)
    found = cv2.morphologyEx(found, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    for at in seeds:  # the opening may have taken a thin object's click away
        cv2.circle(found, at, dot, 1, -1)
    found = _pieces(found, seeds, (bx0, by0, bx1, by1))
    found = _fill_holes(found)

    # Back to the crop's full size with smooth edges: a linear upscale, a blur about one work
    # pixel wide, then the half-way line.
    soft = found.astype(np.float32)
    if scale < 1.0:
        soft = cv2.resize(
            soft, (crop[2] - crop[0], crop[3] - crop[1]), interpolation=cv2.INTER_LINEAR
        )
    sigma = max(0.6, 0.5 / scale)
    soft = cv2.GaussianBlur(soft, (0, 0), sigma)
    piece = np.where(soft >= 0.5, 255, 0).astype(np.uint8)
    whole = Image.new("L", source.size, 0)
    whole.paste(Image.fromarray(piece, "L"), crop[:2])
    for x, y in marks.negative:  # a negative click is never selected
        if whole.getpixel((x, y)):
            whole = _cut_out(whole, (x, y))
    return whole


def _same_colour(bgr: Any, at: Point, seeds: list[Point]) -> Any:
    """What a negative click stands on: the pixels joined to it within NEGATIVE_TOLERANCE of
    its colour (a flood fill), so a touching shape of a colour close to the object's is left
    out whole, not only around the click. Nothing when that reaches a positive click or most
    of the picture (the click then counts only as its disc)."""
    import cv2
    import numpy as np

    h, w = bgr.shape[:2]
    flood = np.zeros((h + 2, w + 2), np.uint8)
    flags = 4 | cv2.FLOODFILL_FIXED_RANGE | cv2.FLOODFILL_MASK_ONLY | (255 << 8)
    tolerance = (NEGATIVE_TOLERANCE,) * 3
    cv2.floodFill(bgr, flood, at, 0, tolerance, tolerance, flags)
    flood = flood[1:-1, 1:-1]
    if any(flood[y, x] for x, y in seeds) or np.count_nonzero(flood) > 0.5 * w * h:
        flood[:] = 0
    return flood


def _pieces(found: Any, seeds: list[Point], box: Box) -> Any:
    """The connected pieces under the positive clicks; with none, the largest piece whose
    centre lies inside the box."""
    import cv2
    import numpy as np

    count, labels, stats, centres = cv2.connectedComponentsWithStats(found, connectivity=8)
    if count <= 1:
        return found
    keep = {int(labels[y, x]) for x, y in seeds} - {0}
    if not keep:
        x0, y0, x1, y1 = box
        areas = [
            (int(stats[label, cv2.CC_STAT_AREA]), label)
            for label in range(1, count)
            if x0 <= centres[label][0] < x1 and y0 <= centres[label][1] < y1
        ]
        if areas:
            keep = {max(areas)[1]}
    return np.isin(labels, list(keep)).astype(np.uint8)


def _fill_holes(found: Any) -> Any:
    """Holes smaller than 1 % of the selection are filled (texture inside an object); bigger
    ones (a ring's middle) stay out."""
    import cv2
    import numpy as np

    holes = (found == 0).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(holes, connectivity=4)
    limit = 0.01 * max(1, int(found.sum()))
    h, w = found.shape
    x, y = stats[:, cv2.CC_STAT_LEFT], stats[:, cv2.CC_STAT_TOP]
    right, bottom = x + stats[:, cv2.CC_STAT_WIDTH], y + stats[:, cv2.CC_STAT_HEIGHT]
    inner = (x > 0) & (y > 0) & (right < w) & (bottom < h)
    small = inner & (stats[:, cv2.CC_STAT_AREA] <= limit)
    small[0] = False  # label 0 is the selection itself
    return np.where(small[labels], 1, found).astype(np.uint8)


def _cut_out(mask: Image.Image, at: Point) -> Image.Image:
    """The mask without a small disc around `at` (a negative click the smoothing reached)."""
    from PIL import ImageDraw

    radius = max(2, round(max(mask.size) / 100))
    mask = mask.copy()
    x, y = at
    ImageDraw.Draw(mask).ellipse((x - radius, y - radius, x + radius, y + radius), fill=0)
    return mask


# ------------------------------------------------------------ mask helpers


def _array(mask: Image.Image) -> Any:
    import numpy as np

    return np.asarray(mask.convert("L"))


def grow(mask: Image.Image, px: int) -> Image.Image:
    """The mask grown by `px` pixels all round (shrunk, for a negative `px`), with round
    corners."""
    import cv2

    if px == 0:
        return mask.convert("L")
    size = 2 * abs(px) + 1
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
    operation = cv2.dilate if px > 0 else cv2.erode
    return Image.fromarray(operation(_array(mask), kernel), "L")


def feather(mask: Image.Image, px: float) -> Image.Image:
    """The mask's edge softened over about `px` pixels each way (a Gaussian blur)."""
    import cv2

    if px <= 0:
        return mask.convert("L")
    return Image.fromarray(cv2.GaussianBlur(_array(mask), (0, 0), px / 2), "L")


def overlay(
    image: Image.Image,
    mask: Image.Image,
    colour: tuple[int, int, int] = (255, 0, 80),
    alpha: float = 0.45,
) -> Image.Image:
    """The poster (RGB) with the selection tinted `colour` at `alpha`; the rest untouched."""
    base = image.convert("RGB")
    tint = Image.blend(base, Image.new("RGB", base.size, colour), alpha)
    return Image.composite(tint, base, mask.convert("L").resize(base.size))


# ------------------------------------------------------------ removal


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=1)  # passed in memory: speed over size
    return out.getvalue()


def remove(image: Image.Image, mask: Image.Image) -> Image.Image:
    """The poster with the selection erased, filled from its surroundings by the local
    provider's inpainting (`lumiku.services.ai.inpaint`, provider `local`). Only the part of
    the poster around the selection is inpainted, at most INPAINT_SIDE px a side, and pasted
    back inside the selection grown a little and feathered: pixels away from it are unchanged.
    Transparency is kept."""
    from lumiku.services import ai

    source = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    width, height = source.size
    holes = mask.convert("L").resize(source.size, Image.Resampling.NEAREST)
    holes = holes.point(lambda v: 255 if v > 127 else 0)
    if holes.getbbox() is None:
        return source.copy()
    spread = max(2, round(min(width, height) / 100))  # the fringe that goes with the object
    holes = grow(holes, spread)
    bounds = holes.getbbox()
    # Telea fills from a band around the hole: the hole's box and a margin is all it reads.
    margin = 6 * spread + round(0.25 * max(bounds[2] - bounds[0], bounds[3] - bounds[1]))
    crop = (
        max(0, bounds[0] - margin),
        max(0, bounds[1] - margin),
        min(width, bounds[2] + margin),
        min(height, bounds[3] + margin),
    )
    part, part_holes = source.crop(crop), holes.crop(crop)
    scale = min(1.0, INPAINT_SIDE / max(part.size))
    small_size = (max(1, round(part.width * scale)), max(1, round(part.height * scale)))
    small = part.resize(small_size, Image.Resampling.BOX) if scale < 1 else part
    small_holes = part_holes.resize(small_size, Image.Resampling.BOX) if scale < 1 else part_holes
    small_holes = small_holes.point(lambda v: 255 if v > 0 else 0)  # any trace of the object
    # Telea's cost is the hole's pixels times the radius squared: a radius of the fringe's
    # width (1 % of the poster's short side, at the working scale) fills as smoothly here.
    spec = ai.ModelSpec(
        key="local",
        provider="local",
        provider_model="",
        capability="inpainting",
        parameters={"radius": float(max(3, round(spread * scale)))},
    )
    filled = Image.open(io.BytesIO(ai.inpaint(spec, _png(small), _png(small_holes))))
    filled = filled.convert(part.mode)
    if scale < 1:
        filled = filled.resize(part.size, Image.Resampling.LANCZOS)
    if "A" in part.getbands():  # the hole's transparency is the poster's own
        filled.putalpha(part.getchannel("A"))
    # Pasted over the grown hole and a band of its surroundings, the band's edge soft; the
    # hole itself wholly replaced.
    paste = feather(grow(part_holes, spread), spread / 2)
    result = source.copy()
    result.paste(Image.composite(filled, part, paste), crop[:2])
    return result


def paste_area(base: Image.Image, painted: Image.Image, mask: Image.Image) -> Image.Image:
    """`painted` (an edit of `base`, any size: it is scaled to base's) over `base` through the
    mask grown and feathered by the fringe `remove` itself repaints, so only the area and its
    edge change. Used to put a provider's result on the poster, and to add one area of a batch
    to the version that already holds the others."""
    source = base.convert("RGBA" if "A" in base.getbands() else "RGB")
    if painted.size != source.size:
        painted = painted.resize(source.size, Image.Resampling.LANCZOS)
    painted = painted.convert(source.mode)
    spread = max(2, round(min(source.size) / 100))
    holes = mask.convert("L").resize(source.size, Image.Resampling.NEAREST)
    holes = holes.point(lambda v: 255 if v > 127 else 0)
    return Image.composite(painted, source, feather(grow(holes, 2 * spread), spread))
