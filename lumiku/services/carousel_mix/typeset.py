"""Text on a slide: `layout` wraps and sizes it, `text_overlay` draws it (box, shadow, outline,
colour emoji) as one transparent picture placed on the canvas.

- Wrapping is by measured width (Pillow's raqm layout: shaping and kerning), never by counting
  characters; the text's own line breaks are kept; whitespace inside a line collapses.
- Each line is split into runs by which font has the glyphs: the style's family, else Noto Color
  Emoji (drawn in colour at its only size, 109 px, and scaled), else DejaVu Sans; a character
  none of them has is drawn by the family (its .notdef box).
- Shrink-to-fit: the largest pixel size from the style's down to `style.MIN_SIZE` at which the
  block (text, box padding, outline) fits inside the canvas less a 4 % margin without breaking a
  word. If none does, words longer than a line are broken at `MIN_SIZE`; if the block is still
  too tall, `fits` is False and the overlay is cut at the canvas' edges (its top stays visible).
- Placement: the block's left edge (align left), centre or right edge at x %, its vertical
  centre at y %, then the drawn area (shadow included) is moved inside the margin.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from lumiku.services.carousel_mix import fonts
from lumiku.services.carousel_mix.style import MIN_SIZE, REFERENCE_WIDTH, TextStyle, rgb

MARGIN = 0.04  # of the canvas width, kept clear on every side
BLEED = 0.3  # em around the block for ink beyond the advances and line metrics (swashes, accents)
SIGMAS = 3  # a Gaussian shadow reaches this many sigmas
MAX_BALANCED_WORDS = 80  # a longer paragraph keeps its greedy lines (balancing costs ~n²)

EMOJI_MARKS = {0x200D, 0xFE0F, 0x20E3, *range(0x1F3FB, 0x1F400), *range(0xE0020, 0xE0080)}
TEXT_PRESENTATION = 0xFE0E
INVISIBLE = {0x200D, *range(0xFE00, 0xFE10), *range(0xE0020, 0xE0080)}


def shadow_geometry(style: TextStyle, width: int) -> tuple[float, tuple[int, int]]:
    """The shadow's Gaussian sigma (CSS: half the blur radius) and offset, in pixels of a
    canvas `width` wide; (0, (0, 0)) without a shadow."""
    if not style.has_shadow:
        return 0.0, (0, 0)
    scale = width / REFERENCE_WIDTH
    return style.shadow_blur * scale / 2, (
        round(style.shadow_x * scale),
        round(style.shadow_y * scale),
    )


def shadow_reach(style: TextStyle, width: int) -> tuple[int, int, int, int]:
    """How far the shadow can show beyond the block: left, top, right, bottom."""
    sigma, (dx, dy) = shadow_geometry(style, width)
    spread = math.ceil(SIGMAS * sigma)
    return (
        max(0, spread - dx),
        max(0, spread - dy),
        max(0, spread + dx),
        max(0, spread + dy),
    )


@dataclass(frozen=True)
class Run:
    """Part of a line drawn with one font: `font` is a file (the emoji font's when `emoji`)."""

    text: str
    font: Path
    emoji: bool
    width: float


@dataclass(frozen=True)
class Line:
    text: str
    runs: tuple[Run, ...]
    width: float


@dataclass(frozen=True)
class Layout:
    lines: tuple[str, ...]
    px: int  # the font size chosen, in pixels
    fits: bool  # False: too much text for the canvas even at MIN_SIZE
    width: int  # the block: the widest line plus box padding and outline on each side
    height: int
    rows: tuple[Line, ...] = ()
    ascent: int = 0
    descent: int = 0
    line_height: float = 0.0
    padding: int = 0  # px, 0 without a box
    stroke: int = 0  # px
    broken: bool = False  # a word longer than a line was broken


@dataclass(frozen=True)
class Overlay:
    """The drawn text (RGBA, cropped to what was drawn, shadow and box included) and where its
    top-left corner goes on the canvas; always inside the canvas. Empty text gives a 1×1
    transparent image. Cached and shared: treat `image` as read-only."""

    image: Image.Image
    left: int
    top: int
    fits: bool


def normalise_text(text: str) -> str:
    """NFC (a precomposed "é" whichever way it was typed), one kind of line break, tabs as
    spaces, no blank lines around the text."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\t", " ").strip()


def _is_regional(cp: int) -> bool:
    return 0x1F1E6 <= cp <= 0x1F1FF


def clusters(text: str) -> list[str]:
    """The text in user-perceived characters, near enough for emoji: a base with its combining
    marks, variation selectors, skin tones, tags and ZWJ partners; flags as pairs."""
    out: list[str] = []
    for ch in text:
        cp = ord(ch)
        if out:
            last = out[-1]
            prev = ord(last[-1])
            joins = (
                cp in EMOJI_MARKS
                or 0xFE00 <= cp <= 0xFE0F
                or prev == 0x200D
                or unicodedata.category(ch) in ("Mn", "Me", "Mc")
                or (_is_regional(cp) and len(last) == 1 and _is_regional(prev))
            )
            if joins:
                out[-1] = last + ch
                continue
        out.append(ch)
    return out


def _choose(cluster: str, family: Path, fallback: Path | None, emoji: Path | None) -> Path:
    cps = [ord(c) for c in cluster]
    visible = [cp for cp in cps if cp not in INVISIBLE] or cps
    text_only = TEXT_PRESENTATION in cps
    wants_emoji = not text_only and (
        any(cp in EMOJI_MARKS for cp in cps[1:]) or _is_regional(cps[0])
    )
    if emoji and wants_emoji and cps[0] in fonts.cmap(emoji):
        return emoji
    if all(cp in fonts.cmap(family) for cp in visible):
        return family
    if emoji and not text_only and cps[0] in fonts.cmap(emoji):
        return emoji
    if fallback and all(cp in fonts.cmap(fallback) for cp in visible):
        return fallback
    return family


@lru_cache(maxsize=4096)
def _segments(text: str, family: Path, fallback: Path | None) -> tuple[tuple[str, Path], ...]:
    """The text cut into runs by font."""
    emoji = fonts.emoji_path()
    runs: list[list] = []
    for cluster in clusters(text):
        font = _choose(cluster, family, fallback, emoji)
        if runs and runs[-1][1] == font:
            runs[-1][0] += cluster
        else:
            runs.append([cluster, font])
    return tuple((t, f) for t, f in runs)


@lru_cache(maxsize=65536)
def _advance(text: str, font: Path, px: int) -> float:
    if font == fonts.emoji_path():
        return fonts.load(font, fonts.EMOJI_SIZE).getlength(text) * px / fonts.EMOJI_SIZE
    return fonts.load(font, px).getlength(text)


@lru_cache(maxsize=16384)
def measure(text: str, family: Path, fallback: Path | None, px: int) -> Line:
    """One line, cut into runs and measured."""
    emoji = fonts.emoji_path()
    runs = tuple(
        Run(t, f, f == emoji, _advance(t, f, px)) for t, f in _segments(text, family, fallback)
    )
    return Line(text, runs, sum(r.width for r in runs))


def _break(word: str, fit, limit: float) -> list[str]:
    """A word longer than a line, in pieces that each fit (at least one character each)."""
    pieces, piece = [], ""
    for cluster in clusters(word):
        if piece and fit(piece + cluster) > limit:
            pieces.append(piece)
            piece = ""
        piece += cluster
    return [*pieces, piece] if piece else pieces


def _greedy(words: list[str], width, limit: float, allow_break: bool):
    """One paragraph wrapped greedily by measured width: (lines, whether a word was broken), or
    None when a word is wider than a line and breaking is not allowed."""
    lines: list[str] = []
    broken = False
    line = ""
    for word in words:
        candidate = f"{line} {word}" if line else word
        if width(candidate) <= limit:
            line = candidate
            continue
        if line:
            lines.append(line)
            line = ""
        if width(word) <= limit:
            line = word
            continue
        if not allow_break:
            return None
        broken = True
        *whole, line = _break(word, width, limit)
        lines += whole
    lines.append(line)
    return lines, broken


def _even(words: list[str], width, limit: float, count: int) -> list[str] | None:
    """The words in exactly `count` lines no wider than `limit`, as evenly filled as possible
    (least sum of squared slack, by dynamic programming over the break points)."""
    best: dict[tuple[int, int], tuple[float, int]] = {(0, 0): (0.0, 0)}
    for end in range(1, len(words) + 1):
        for start in range(end - 1, -1, -1):
            used = width(" ".join(words[start:end]))
            if used > limit:
                break  # longer lines only get wider
            for lines in range(1, count + 1):
                before = best.get((start, lines - 1))
                if before is None:
                    continue
                cost = before[0] + (limit - used) ** 2
                if (end, lines) not in best or cost < best[end, lines][0]:
                    best[end, lines] = (cost, start)
    if (len(words), count) not in best:
        return None
    found, end = [], len(words)
    for lines in range(count, 0, -1):
        start = best[end, lines][1]
        found.append(" ".join(words[start:end]))
        end = start
    return found[::-1]


def _wrap(paragraphs: list[list[str]], width, limit: float, allow_break: bool):
    """Every paragraph in as few lines as greedy wrapping needs, those lines then filled evenly
    so that a paragraph does not end in one lonely word. Returns (lines, whether a word was
    broken) or None (see `_greedy`)."""
    lines: list[str] = []
    broken = False
    for words in paragraphs:
        wrapped = _greedy(words, width, limit, allow_break)
        if wrapped is None:
            return None
        found, cut = wrapped
        if len(found) > 1 and not cut and len(words) <= MAX_BALANCED_WORDS:
            found = _even(words, width, limit, len(found)) or found
        lines += found
        broken = broken or cut
    return lines, broken


def _glue(words: list[str]) -> list[str]:
    """Emoji and punctuation standing alone stay with the word before them ("Ini 🎉")."""
    glued: list[str] = []
    for word in words:
        alone = all(
            unicodedata.category(c)[0] in "PSZ" or ord(c) in INVISIBLE or ord(c) >= 0x1F000
            for c in word
        )
        if glued and alone:
            glued[-1] += " " + word
        else:
            glued.append(word)
    return glued


def _attempt(
    paragraphs: list[list[str]], style: TextStyle, size: tuple[int, int], px: int, allow: bool
) -> Layout | None:
    width, height = size
    family = fonts.font_path(style.font, style.weight)
    fallback = fonts.fallback_path(style.weight)
    margin = round(MARGIN * width)
    pad = round(style.box_padding * px) if style.has_box else 0
    stroke = round(style.outline_width * width / REFERENCE_WIDTH)
    limit = min(style.max_width / 100 * width, width - 2 * margin) - 2 * (pad + stroke)
    limit = max(limit, 1.0)

    def line_width(text: str) -> float:
        return measure(text, family, fallback, px).width

    wrapped = _wrap(paragraphs, line_width, limit, allow)
    if wrapped is None:
        return None
    lines, broken = wrapped
    rows = tuple(measure(line, family, fallback, px) for line in lines)
    ascent, descent = fonts.load(family, px).getmetrics()
    line_height = style.line_spacing * px
    block_w = math.ceil(max(r.width for r in rows)) + 2 * (pad + stroke)
    block_h = math.ceil(ascent + descent + (len(rows) - 1) * line_height) + 2 * (pad + stroke)
    left, top, right, bottom = shadow_reach(style, width)
    fits = (
        block_w + left + right <= width - 2 * margin
        and block_h + top + bottom <= height - 2 * margin
    )
    return Layout(
        tuple(lines),
        px,
        fits,
        block_w,
        block_h,
        rows,
        ascent,
        descent,
        line_height,
        pad,
        stroke,
        broken,
    )


def layout(text: str, style: TextStyle, size: tuple[int, int]) -> Layout:
    """The text wrapped at the largest size from the style's down to MIN_SIZE that fits, for a
    canvas of `size` (width, height)."""
    return _layout(text, style, (int(size[0]), int(size[1])))


@lru_cache(maxsize=256)
def _layout(text: str, style: TextStyle, size: tuple[int, int]) -> Layout:
    width = size[0]
    text = normalise_text(text)
    top = max(1, round(style.size / 100 * width))
    if not text:
        return Layout((), top, True, 0, 0)
    bottom = min(top, max(1, round(MIN_SIZE / 100 * width)))
    paragraphs = [_glue(paragraph.split()) for paragraph in text.split("\n")]

    def whole(px: int) -> Layout | None:
        found = _attempt(paragraphs, style, size, px, allow=False)
        return found if found and found.fits else None

    best = whole(top)
    if best:
        return best
    low, high = bottom, top - 1  # the fitting size is in [low, high], if any: bisect
    while low <= high:
        middle = (low + high) // 2
        found = whole(middle)
        if found:
            best, low = found, middle + 1
        else:
            high = middle - 1
    if best:
        return best
    last = _attempt(paragraphs, style, size, bottom, allow=True)
    assert last is not None
    return last


@lru_cache(maxsize=256)
def _emoji_image(text: str, px: int) -> tuple[Image.Image, int, int]:
    """Colour emoji drawn at the font's 109 px and scaled to `px`, with the offset of its
    top-left corner from the pen position on the baseline."""
    font = fonts.load(fonts.emoji_path(), fonts.EMOJI_SIZE)
    x0, y0, x1, y1 = font.getbbox(text, anchor="ls")
    drawn = Image.new("RGBA", (max(1, x1 - x0), max(1, y1 - y0)))
    ImageDraw.Draw(drawn).text((-x0, -y0), text, font=font, anchor="ls", embedded_color=True)
    scale = px / fonts.EMOJI_SIZE
    scaled = drawn.resize(
        (max(1, round(drawn.width * scale)), max(1, round(drawn.height * scale))),
        Image.Resampling.LANCZOS,
    )
    return scaled, round(x0 * scale), round(y0 * scale)


@lru_cache(maxsize=256)
def _emoji_ring(text: str, px: int, stroke: int) -> Image.Image:
    """The emoji's shape grown by `stroke` px on every side: its outline."""
    picture = _emoji_image(text, px)[0]
    ring = Image.new("L", (picture.width + 2 * stroke, picture.height + 2 * stroke), 0)
    ring.paste(picture.getchannel("A"), (stroke, stroke))
    for _ in range(stroke):  # 3×3 steps: as good as one wide filter, and far cheaper
        ring = ring.filter(ImageFilter.MaxFilter(3))
    return ring


def _composite(layer: Image.Image, picture: Image.Image, left: int, top: int) -> None:
    """`picture` over `layer` at (left, top), cut at the layer's edges."""
    box = (max(0, -left), max(0, -top))
    box += (min(picture.width, layer.width - left), min(picture.height, layer.height - top))
    if box[2] > box[0] and box[3] > box[1]:
        layer.alpha_composite(picture, (max(0, left), max(0, top)), box)


def _paste_emoji(
    layer: Image.Image, run: Run, px: int, at: tuple[float, float], stroke: int, outline: tuple
) -> None:
    picture, dx, dy = _emoji_image(run.text, px)
    left, top = round(at[0]) + dx, round(at[1]) + dy
    if stroke:  # the outline the text has, around the emoji's shape
        shape = _emoji_ring(run.text, px, stroke)
        ring = Image.new("RGBA", shape.size, (*outline, 0))
        ring.putalpha(shape)
        _composite(layer, ring, left - stroke, top - stroke)
    _composite(layer, picture, left, top)


def _place(start: int, length: int, total: int, margin: int) -> int:
    """Moves a span inside [margin, total - margin]; one too long for that inside [0, total];
    one longer than the canvas to its start (cut at the far edge)."""
    if length <= total - 2 * margin:
        return min(max(start, margin), total - margin - length)
    if length <= total:
        return min(max(start, 0), total - length)
    return 0


def _draw(lay: Layout, style: TextStyle, size: tuple[int, int]) -> tuple[Image.Image, int]:
    """The block drawn on a transparent picture with room around it for the shadow, and that
    room's width (the block's top-left corner inside the picture)."""
    px, pad, stroke = lay.px, lay.padding, lay.stroke
    sigma, shift = shadow_geometry(style, size[0])
    room = math.ceil(BLEED * px + SIGMAS * sigma) + max(abs(shift[0]), abs(shift[1]))
    region = (lay.width + 2 * room, lay.height + 2 * room)

    fill, outline = rgb(style.color), rgb(style.outline_color)
    text = Image.new("RGBA", region, (*fill, 0))
    draw = ImageDraw.Draw(text)
    inner = lay.width - 2 * (pad + stroke)
    for n, row in enumerate(lay.rows):
        baseline = room + pad + stroke + lay.ascent + n * lay.line_height
        spare = inner - row.width
        x = room + pad + stroke + {"left": 0, "center": spare / 2, "right": spare}[style.align]
        for run in row.runs:
            if run.emoji:
                _paste_emoji(text, run, px, (x, baseline), stroke, outline)
            else:
                draw.text(
                    (x, baseline),
                    run.text,
                    font=fonts.load(run.font, px),
                    fill=(*fill, 255),
                    anchor="ls",
                    stroke_width=stroke,
                    stroke_fill=(*outline, 255),
                )
            x += run.width

    if not style.has_box and not style.has_shadow:
        return text, room
    picture = None
    if style.has_box:
        picture = Image.new("RGBA", region, (*rgb(style.box_color), 0))
        ImageDraw.Draw(picture).rounded_rectangle(
            (room, room, room + lay.width - 1, room + lay.height - 1),
            radius=round(style.box_radius * px),
            fill=(*rgb(style.box_color), round(style.box_opacity * 255 / 100)),
        )
    if style.has_shadow:  # the text's shape moved, blurred and tinted, on this region only
        mask = Image.new("L", region, 0)
        mask.paste(text.getchannel("A"), shift)
        mask = blur(mask, sigma)  # then its far, invisible tail cut: the shadow ends near 3 sigma
        mask = mask.point([v * style.shadow_opacity // 100 if v >= 4 else 0 for v in range(256)])
        shadow = Image.new("RGBA", region, (*rgb(style.shadow_color), 0))
        shadow.putalpha(mask)
        if picture is None:
            picture = shadow
        else:
            picture.alpha_composite(shadow)
    assert picture is not None
    picture.alpha_composite(text)
    return picture, room


def blur(mask: Image.Image, sigma: float) -> Image.Image:
    """A Gaussian blur of a mask; a wide one is done at a half or a quarter of the size and
    scaled back, which looks the same and costs a fraction."""
    if sigma <= 0:
        return mask
    factor = 4 if sigma >= 8 else 2 if sigma >= 3 else 1
    if factor == 1:
        return mask.filter(ImageFilter.GaussianBlur(sigma))
    small = mask.reduce(factor).filter(ImageFilter.GaussianBlur(sigma / factor))
    return small.resize(mask.size, Image.Resampling.BILINEAR)


def text_overlay(text: str, style: TextStyle, size: tuple[int, int]) -> Overlay:
    """The text drawn and placed for a canvas of `size` (width, height); the last few are
    cached, as a project's sets repeat their texts."""
    return _text_overlay(text, style, (int(size[0]), int(size[1])))


def clear_caches() -> None:
    """Forgets cached layouts and overlays (benchmarks, tests)."""
    _layout.cache_clear()
    _text_overlay.cache_clear()


@lru_cache(maxsize=16)
def _text_overlay(text: str, style: TextStyle, size: tuple[int, int]) -> Overlay:
    width, height = size
    lay = layout(text, style, size)
    if not lay.rows:
        return Overlay(Image.new("RGBA", (1, 1)), 0, 0, True)
    picture, room = _draw(lay, style, size)
    box = picture.getbbox()
    if box is None:  # nothing visible was drawn (only spaces or invisible characters)
        return Overlay(Image.new("RGBA", (1, 1)), 0, 0, lay.fits)
    anchor_x, anchor_y = style.x / 100 * width, style.y / 100 * height
    block_left = {
        "left": anchor_x,
        "center": anchor_x - lay.width / 2,
        "right": anchor_x - lay.width,
    }[style.align]
    block_top = anchor_y - lay.height / 2
    left = round(block_left) - room + box[0]
    top = round(block_top) - room + box[1]
    drawn_w, drawn_h = box[2] - box[0], box[3] - box[1]
    margin = round(MARGIN * width)
    left = _place(left, drawn_w, width, margin)
    top = _place(top, drawn_h, height, margin)
    visible = (box[0], box[1], box[0] + min(drawn_w, width), box[1] + min(drawn_h, height))
    return Overlay(picture.crop(visible), left, top, lay.fits)
