"""The fonts Carousel Mix draws with, found on disk: Debian's packages under /usr/share/fonts,
the Google fonts `scripts/bootstrap.sh` puts in `.tools/fonts` (from the npm registry), and an
extra folder named by CAROUSEL_FONTS_DIR (searched first). Files are matched by name
("Inter-Bold.otf", "Poppins_700Bold.ttf", "Montserrat-SemiBold.ttf"), never by what fontconfig
thinks, so the same files are picked on every machine.

Besides the eight families: Noto Color Emoji (a CBDT bitmap font that only loads at 109 px: draw
it there with `embedded_color=True` and scale the result) and DejaVu Sans, the fallback for
characters neither the family nor the emoji font has. `missing()` is the start-up check."""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import ImageFont

PROJECT_ROOT = Path(__file__).resolve().parents[3]
SYSTEM_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
ENV_DIR = "CAROUSEL_FONTS_DIR"

FAMILIES: dict[str, str] = {
    "inter": "Inter",
    "roboto": "Roboto",
    "open_sans": "Open Sans",
    "lato": "Lato",
    "montserrat": "Montserrat",
    "poppins": "Poppins",
    "bebas_neue": "Bebas Neue",
    "playfair": "Playfair Display",
}
WEIGHTS = (300, 400, 500, 600, 700, 800, 900)
EMOJI = "emoji"  # what missing() calls the emoji font
FALLBACK = "fallback"  # ... and DejaVu Sans
EMOJI_FILE = "NotoColorEmoji.ttf"
EMOJI_SIZE = 109  # the only size a CBDT font loads at
FALLBACK_FILES = {400: "DejaVuSans.ttf", 700: "DejaVuSans-Bold.ttf"}

# What a file name says after the family ("Bold", "700Bold", "ExtraLight"), as a weight; the
# first of two files for one weight wins (Bebas Neue's Regular over its Book).
WEIGHT_WORDS = {
    "thin": 100,
    "hairline": 100,
    "extralight": 200,
    "ultralight": 200,
    "light": 300,
    "": 400,
    "regular": 400,
    "normal": 400,
    "book": 400,
    "medium": 500,
    "semibold": 600,
    "demibold": 600,
    "bold": 700,
    "extrabold": 800,
    "ultrabold": 800,
    "heavy": 800,
    "black": 900,
}
RANK = {word: n for n, word in enumerate(WEIGHT_WORDS)}
FONT_SUFFIXES = (".ttf", ".otf")


def search_dirs() -> list[Path]:
    """Where fonts are looked for, in order of preference."""
    extra = os.environ.get(ENV_DIR, "").strip()
    dirs = [Path(extra)] if extra else []
    return [*dirs, PROJECT_ROOT / ".tools" / "fonts", *SYSTEM_DIRS]


def _squash(name: str) -> str:
    return re.sub(r"[\s_\-]+", "", name).lower()


@lru_cache(maxsize=1)
def _files() -> tuple[Path, ...]:
    found: list[Path] = []
    for folder in search_dirs():
        if not folder.is_dir():
            continue
        for dirpath, _dirs, names in sorted(os.walk(folder, followlinks=True)):
            found += [Path(dirpath, n) for n in sorted(names) if n.lower().endswith(FONT_SUFFIXES)]
    return tuple(found)


@lru_cache(maxsize=1)
def _index() -> dict[str, dict[int, Path]]:
    """{family key: {weight: file}} of every upright file found, the first folder winning."""
    prefixes = {key: _squash(name) for key, name in FAMILIES.items()}
    index: dict[str, dict[int, Path]] = {key: {} for key in FAMILIES}
    ranks: dict[tuple[str, int], tuple[int, int]] = {}
    for path in _files():
        stem = _squash(path.stem)
        for key, prefix in prefixes.items():
            if not stem.startswith(prefix):
                continue
            word = stem[len(prefix) :].lstrip("0123456789")  # "700bold" -> "bold"
            if word not in WEIGHT_WORDS:  # italics, "Display", "Condensed", other families
                continue
            weight = WEIGHT_WORDS[word]
            rank = (_dir_rank(path), RANK[word])
            if (key, weight) not in ranks or rank < ranks[key, weight]:
                ranks[key, weight] = rank
                index[key][weight] = path
    return index


def _dir_rank(path: Path) -> int:
    for n, folder in enumerate(search_dirs()):
        if path.is_relative_to(folder):
            return n
    return len(search_dirs())


def _find(name: str) -> Path | None:
    """The first file called `name` in the search folders."""
    return next((path for path in _files() if path.name == name), None)


def refresh() -> None:
    """Forgets what was found (after installing fonts or changing CAROUSEL_FONTS_DIR)."""
    for cached in (_files, _index, load, cmap, emoji_path, fallback_path):
        cached.cache_clear()


def weights(family: str) -> dict[int, Path]:
    """The weights a family has on this machine, with their files."""
    if family not in FAMILIES:
        raise KeyError(f"unknown font family {family!r}")
    return dict(_index()[family])


def font_path(family: str, weight: int) -> Path:
    """The family's file nearest to `weight` (on a tie the heavier one above 500, the lighter
    one otherwise, as CSS picks). FileNotFoundError when the family is not installed (run
    scripts/bootstrap.sh)."""
    have = weights(family)
    if not have:
        raise FileNotFoundError(
            f"font family {FAMILIES[family]!r} is not installed (run scripts/bootstrap.sh)"
        )
    return have[min(have, key=lambda w: (abs(w - weight), -w if weight > 500 else w))]


@lru_cache(maxsize=1)
def emoji_path() -> Path | None:
    return _find(EMOJI_FILE)


@lru_cache(maxsize=2)
def fallback_path(weight: int = 400) -> Path | None:
    """DejaVu Sans, bold from 600 up."""
    bold = FALLBACK_FILES[700 if weight >= 600 else 400]
    return _find(bold) or _find(FALLBACK_FILES[400])


def missing() -> list[str]:
    """Family keys, "emoji" and "fallback" whose files are not found: empty when all is well."""
    gone = [key for key in FAMILIES if not _index()[key]]
    if emoji_path() is None:
        gone.append(EMOJI)
    if fallback_path() is None:
        gone.append(FALLBACK)
    return gone


@lru_cache(maxsize=512)
def load(path: Path, px: int) -> ImageFont.FreeTypeFont:
    """A loaded font (Pillow's raqm layout: shaping, kerning, ligatures), cached by file and
    pixel size."""
    return ImageFont.truetype(str(path), px, layout_engine=ImageFont.Layout.RAQM)


def emoji_font() -> ImageFont.FreeTypeFont | None:
    path = emoji_path()
    return load(path, EMOJI_SIZE) if path else None


@lru_cache(maxsize=64)
def cmap(path: Path) -> frozenset[int]:
    """The code points a font file has glyphs for."""
    with TTFont(str(path), lazy=True, fontNumber=0) as font:
        # placeholder glyph names: the real ones would decode the whole CFF or post table
        font.setGlyphOrder([f"g{n}" for n in range(font["maxp"].numGlyphs)])
        return frozenset(font.getBestCmap() or {})


def warm() -> list[str]:
    """Reads every font's character map and opens the emoji font, so that the first preview in
    a process does not pay for it (a few hundred ms); returns `missing()`."""
    paths = {path for key in FAMILIES for path in _index()[key].values()}
    paths |= {p for p in (emoji_path(), fallback_path(400), fallback_path(700)) if p}
    for path in sorted(paths):
        cmap(path)
    if emoji_path():
        load(emoji_path(), EMOJI_SIZE)
    return missing()
