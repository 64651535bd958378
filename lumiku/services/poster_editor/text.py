"""Text on a poster, found with Debian's Tesseract (the `tesseract` command, Indonesian and English
data; scripts/bootstrap.sh installs it), and the mask that removes it with an inpainting model.

How Tesseract is run, and why: `tesseract - stdout -l ind+eng --psm 11 -c thresholding_method=M
tsv`, twice side by side (M = 0 and M = 2, one process and one thread each, poster as PNG on
stdin). Page segmentation mode 11 (sparse text: as much text as it can find, in no particular
order) suits a poster's scattered words of many sizes over pictures; mode 3 (automatic layout)
looks for columns and paragraphs, and reported plain shapes as empty words. Of the two passes,
Otsu (0) thresholds the whole poster at once and reads text on flat colour; Sauvola (2)
thresholds each neighbourhood and reads text over gradients and photos that one threshold
loses. Measured on synthetic posters (words of 36-140 px in five fonts over gradients, noise
and shapes): of 218 words, mode 11 read 159 with Otsu, 149 with Sauvola and 189 with both;
mode 3 about the same (157 with Otsu, 187 with both). With most lines set in boxes (badges,
price tags), of 143 words: Otsu alone read 89 in mode 11 and 76 in mode 3, and mode 11's two
passes together 106.

Words of confidence over 60 are kept, as in the original. Where both passes read a word, the
more confident text stays, in the tighter box (Sauvola's boxes run a few pixels loose). Words
are then joined into lines by geometry; each line is a `TextBlock`.
"""

from __future__ import annotations

import io
import math
import os
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

from PIL import Image, ImageDraw

from lumiku.services.errors import ServiceError

LANGUAGES = "ind+eng"
PAGE_SEGMENTATION = "11"  # sparse text
THRESHOLDINGS = ("0", "2")  # Otsu over the whole poster, Sauvola per neighbourhood
MIN_CONFIDENCE = 60.0
MAX_SIDE = 2000  # larger posters are read at this size (poster text is big); boxes map back
TIMEOUT = 60.0  # seconds for one pass
SAME_WORD = 0.5  # two passes' words are one when they share half of the smaller box


@dataclass(frozen=True)
class TextBlock:
    text: str
    box: tuple[int, int, int, int]  # (left, top, right, bottom) in the poster's pixels
    confidence: float  # the mean of its words', 0..100


@dataclass(frozen=True)
class _Word:
    text: str
    left: int
    top: int
    right: int
    bottom: int
    confidence: float

    @property
    def height(self) -> int:
        return self.bottom - self.top

    @property
    def area(self) -> int:
        return max(1, (self.right - self.left) * (self.bottom - self.top))


def detect(image: Image.Image) -> list[TextBlock]:
    """The poster's lines of text, top to bottom then left to right."""
    command = shutil.which("tesseract")
    if command is None:
        raise ServiceError("poster_editor_ocr_missing")
    work = _working_copy(image)
    across, down = work.width / image.width, work.height / image.height
    buffer = io.BytesIO()
    work.save(buffer, "PNG", compress_level=1)
    png = buffer.getvalue()
    with ThreadPoolExecutor(len(THRESHOLDINGS)) as pool:
        passes = list(pool.map(lambda method: _tesseract(command, png, method), THRESHOLDINGS))
    words = _merge(word for found in passes for word in found)
    blocks = []
    for line in _lines(words):
        box = (
            max(0, math.floor(min(word.left for word in line) / across)),
            max(0, math.floor(min(word.top for word in line) / down)),
            min(image.width, math.ceil(max(word.right for word in line) / across)),
            min(image.height, math.ceil(max(word.bottom for word in line) / down)),
        )
        confidence = sum(word.confidence for word in line) / len(line)
        blocks.append(TextBlock(" ".join(word.text for word in line), box, round(confidence, 1)))
    return sorted(blocks, key=lambda block: (block.box[1], block.box[0]))


def text_mask(size: tuple[int, int], blocks: Iterable[TextBlock], pad: int = 4) -> Image.Image:
    """A mode "L" mask of `size`: 255 inside each block's box grown by `pad` pixels, 0 elsewhere;
    with the poster, what an inpainting call needs to remove those blocks' text."""
    mask = Image.new("L", size, 0)
    draw = ImageDraw.Draw(mask)
    for block in blocks:
        left, top, right, bottom = block.box
        box = (
            max(0, left - pad),
            max(0, top - pad),
            min(size[0], right + pad) - 1,  # ImageDraw's rectangle includes its far edges
            min(size[1], bottom + pad) - 1,
        )
        if box[2] >= box[0] and box[3] >= box[1]:
            draw.rectangle(box, fill=255)
    return mask


def _working_copy(image: Image.Image) -> Image.Image:
    """RGB (transparency flattened on white), at most MAX_SIDE a side."""
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", image.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        image = flat
    elif image.mode != "RGB":
        image = image.convert("RGB")
    scale = min(1.0, MAX_SIDE / max(image.size))
    if scale < 1:
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        image = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=2.0)
    return image


def _tesseract(command: str, png: bytes, thresholding: str) -> list[_Word]:
    args = [
        command, "-", "stdout",
        "-l", LANGUAGES,
        "--psm", PAGE_SEGMENTATION,
        "-c", f"thresholding_method={thresholding}",
        "tsv",
    ]  # fmt: skip
    # One thread per process: OpenMP threads make Tesseract slower on a busy machine.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(args, input=png, capture_output=True, timeout=TIMEOUT, env=env)
    except FileNotFoundError:
        raise ServiceError("poster_editor_ocr_missing") from None
    except subprocess.TimeoutExpired:
        raise ServiceError("poster_editor_ocr_failed") from None
    # A missing language is only a warning while another loads: it is checked whatever the exit.
    if b"Failed loading language" in done.stderr or b"Error opening data" in done.stderr:
        raise ServiceError("poster_editor_ocr_missing")
    if done.returncode != 0:
        raise ServiceError("poster_editor_ocr_failed")
    return list(_words(done.stdout.decode("utf-8", "replace")))


def _words(tsv: str) -> Iterable[_Word]:
    """Tesseract's TSV: level, page, block, paragraph, line, word, left, top, width, height,
    confidence, text. Level 5 rows are words."""
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t", 11)
        if len(cells) != 12 or cells[0] != "5":
            continue
        text = cells[11].strip()
        try:
            left, top, width, height = (int(cell) for cell in cells[6:10])
            confidence = float(cells[10])
        except ValueError:
            continue
        if confidence > MIN_CONFIDENCE and any(char.isalnum() for char in text):
            yield _Word(text, left, top, left + width, top + height, confidence)


def _merge(words: Iterable[_Word]) -> list[_Word]:
    """One reading per word: where boxes share SAME_WORD of the smaller one, the most confident
    reading's text stays, in the tighter of the boxes (Sauvola's boxes run a few pixels loose)."""
    kept: list[_Word] = []
    for word in sorted(words, key=lambda w: -w.confidence):
        same = next((i for i, other in enumerate(kept) if _shared(word, other) >= SAME_WORD), None)
        if same is None:
            kept.append(word)
        elif word.area < kept[same].area:
            box = {"left": word.left, "top": word.top, "right": word.right, "bottom": word.bottom}
            kept[same] = replace(kept[same], **box)
    return kept


def _shared(a: _Word, b: _Word) -> float:
    across = min(a.right, b.right) - max(a.left, b.left)
    down = min(a.bottom, b.bottom) - max(a.top, b.top)
    if across <= 0 or down <= 0:
        return 0.0
    return across * down / min(a.area, b.area)


def _lines(words: Sequence[_Word]) -> list[list[_Word]]:
    """Words joined left to right into lines: a word continues a line when it overlaps the line's
    last word vertically by half the smaller height, is of a like size (at most 2.5 times the
    height: descenders and loose boxes differ, a headline and its small print differ more) and
    starts within one line height after it."""
    lines: list[list[_Word]] = []
    for word in sorted(words, key=lambda w: (w.left, w.top)):
        best, best_gap = None, None
        for line in lines:
            last = line[-1]
            small, large = sorted((word.height, last.height))
            overlap = min(word.bottom, last.bottom) - max(word.top, last.top)
            gap = word.left - last.right
            if small <= 0 or large > 2.5 * small or overlap < small / 2:
                continue
            if not -small / 2 <= gap <= large:
                continue
            if best_gap is None or gap < best_gap:
                best, best_gap = line, gap
        if best is None:
            lines.append([word])
        else:
            best.append(word)
    return lines


# ------------------------------------------------------------ new text in place


MAX_NEW_TEXT = 200  # characters of one replacement text
LETTER_HEIGHT = 0.8  # a replacement's font size, of its box's height (the old line's)


def write(
    image: Image.Image,
    text: str,
    box: tuple[int, int, int, int],
    *,
    color: str | None = None,
    font: str = "inter",
    weight: int = 700,
) -> Image.Image:
    """`text` set inside `box` (left, top, right, bottom) with Carousel Mix's typesetter
    (its wrapping, shrink-to-fit and font fallback), centred, on a copy of the poster. The
    typesetter keeps a margin of 4 % of its canvas' width all round, so it is given a canvas
    that much larger than the box. Without a `color`, black or white, whichever stands out
    more on what is in the box now (the removal's fill)."""
    from lumiku.services.carousel_mix import typeset
    from lumiku.services.carousel_mix.style import TextStyle

    left, top, right, bottom = box
    width, height = right - left, bottom - top
    if not text.strip() or width < 2 or height < 2:
        return image.copy()
    canvas_w = math.ceil(width / (1 - 2 * typeset.MARGIN))
    margin = round(typeset.MARGIN * canvas_w)
    canvas_h = height + 2 * margin
    if color is None:
        region = image.convert("L").crop(box).resize((1, 1), Image.Resampling.BOX)
        color = "#000000" if region.getpixel((0, 0)) >= 128 else "#FFFFFF"
    style = TextStyle(
        font=font,
        weight=weight,
        size=max(1.0, LETTER_HEIGHT * height / canvas_w * 100),
        color=color,
        max_width=100.0,
        line_spacing=1.0,
    )
    overlay = typeset.text_overlay(text, style, (canvas_w, canvas_h))
    origin = (left - (canvas_w - width) // 2, top - margin)
    result = image.copy()
    layer = Image.new("RGBA", result.size, (0, 0, 0, 0))
    layer.paste(overlay.image, (origin[0] + overlay.left, origin[1] + overlay.top))
    if result.mode == "RGBA":
        result.alpha_composite(layer)
        return result
    base = result.convert("RGBA")
    base.alpha_composite(layer)
    return base.convert(result.mode)
