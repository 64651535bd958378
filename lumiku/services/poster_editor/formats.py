"""Poster Editor's export formats and packs, as the original Smart Poster Editor had them
(`format-presets.ts`): 11 print sizes and 14 social-media sizes.

Print sizes are pixels at 300 dpi (the billboard at 150 dpi); screen formats have no DPI.
IG_STORY, IG_REEL and TIKTOK are three formats of the same 1080x1920 size: each keeps its key
because a pack, an export's file name and the user's choice name the format, not the size.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Group = Literal["print", "social", "other"]


@dataclass(frozen=True)
class Format:
    key: str  # "A4", "IG_POST": the original's key, used in packs and file names
    name: str  # the original's display name
    width: int  # pixels
    height: int
    dpi: int | None  # print formats: the resolution their pixel size is meant for
    group: Group

    @property
    def size(self) -> tuple[int, int]:
        return self.width, self.height

    @property
    def pixels(self) -> int:
        return self.width * self.height


def _print(key: str, name: str, width: int, height: int, dpi: int = 300) -> Format:
    return Format(key, name, width, height, dpi, "print")


def _social(key: str, name: str, width: int, height: int) -> Format:
    return Format(key, name, width, height, None, "social")


_ALL = (
    # ISO A series at 300 dpi
    _print("A0", "A0", 9933, 14043),
    _print("A1", "A1", 7016, 9933),
    _print("A2", "A2", 4961, 7016),
    _print("A3", "A3", 3508, 4961),
    _print("A4", "A4", 2480, 3508),
    _print("A5", "A5", 1748, 2480),
    # US paper at 300 dpi
    _print("LETTER", "Letter", 2550, 3300),
    _print("LEGAL", "Legal", 2550, 4200),
    _print("TABLOID", "Tabloid", 3300, 5100),
    # large format
    _print("POSTER_24x36", "24×36 Poster", 7200, 10800),
    _print("BILLBOARD", "Billboard", 14400, 4800, dpi=150),
    # social media
    _social("IG_POST", "Instagram Post", 1080, 1080),
    _social("IG_PORTRAIT", "Instagram Portrait", 1080, 1350),
    _social("IG_STORY", "Instagram Story", 1080, 1920),
    _social("IG_REEL", "Instagram Reel", 1080, 1920),
    _social("FB_POST", "Facebook Post", 1200, 630),
    _social("FB_COVER", "Facebook Cover", 820, 312),
    _social("FB_AD", "Facebook Ad", 1200, 628),
    _social("X_POST", "X/Twitter Post", 1200, 675),
    _social("X_HEADER", "X/Twitter Header", 1500, 500),
    _social("LI_POST", "LinkedIn Post", 1200, 627),
    _social("LI_COVER", "LinkedIn Cover", 1584, 396),
    _social("TIKTOK", "TikTok", 1080, 1920),
    _social("YT_THUMBNAIL", "YouTube Thumbnail", 1280, 720),
    _social("YT_BANNER", "YouTube Banner", 2560, 1440),
)

FORMATS: dict[str, Format] = {fmt.key: fmt for fmt in _ALL}

PACKS: dict[str, tuple[str, ...]] = {
    "SOCIAL_PACK": ("IG_POST", "IG_STORY", "FB_POST"),
    "PRINT_PACK": ("A4", "A3", "POSTER_24x36"),
    "RESTAURANT_PACK": ("A4", "IG_POST", "IG_STORY"),
    "COMPLETE_PACK": ("A4", "A3", "IG_POST", "IG_STORY", "FB_POST", "X_POST"),
}

# smart_crop: cover the target, crop around what is interesting; fit: all of it inside, the rest
# letterboxed; fill: cover, crop the centre; stretch: the exact size, the aspect ignored.
METHODS = ("smart_crop", "fit", "fill", "stretch")
DEFAULT_METHOD = "smart_crop"

LARGEST_PIXELS = max(fmt.pixels for fmt in _ALL)  # A0: 139,488,819 pixels


def check_method(method: str) -> None:
    if method not in METHODS:
        raise ValueError(f"unknown resize method {method!r}; one of {METHODS}")


def upscale_ratio(size: tuple[int, int], fmt: Format, method: str = "smart_crop") -> float:
    """How much `method` enlarges a poster of `size` to reach `fmt` (over 1: it is upscaled):
    the covering scale for the crops, the fitting scale for fit, the larger axis for stretch.
    Here, apart from the resizing, so that pricing an export imports no image library."""
    check_method(method)
    across, down = fmt.width / size[0], fmt.height / size[1]
    return min(across, down) if method == "fit" else max(across, down)
