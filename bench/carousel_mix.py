"""Carousel Mix rendering: slides per second for Lumiku's path (`canvas.render_slide` then
`canvas.save`) against a bare Pillow script making the same slide, both measured in this run on
the same pictures, so the ratio (Lumiku ÷ bare; above 1 means Lumiku is faster) compares across
machines.

Five generated photos (phone portrait and landscape, square, 4:5, 9:16 frame), normalised with
`images.normalise` as an upload would be, then 200 slides at 4:5 (1080x1350): each a picture
cover-cropped around a focal point, two lines of text (the first ending in a colour emoji) on a
translucent rounded box, with an outline and a blurred shadow, saved as JPEG quality 90. Every
slide's text differs (its number is in it) and nothing is kept in memory between slides, as each
set of a generation runs in its own work horse. The first row crops every slide's picture anew;
the second reads the picture's crop from disk, made by its first slide, as the runner does for
the sets of a project (jobs.carousel_mix.cropped).

The bare script is what a careful developer would write with Pillow alone: fonts loaded once,
the lines wrapped by hand beforehand (no shrink-to-fit, no per-character font fallback), the
emoji drawn from Noto Color Emoji at 109 px and scaled, the shadow blurred on the text's region
only. Both take turns slide by slide, so a busy moment on the machine falls on both. Each run is
one process on one core: slides/s here is slides/s per core. Every output is checked (size, the
box and text colours where they belong), so a broken render cannot make a nice number.

    .venv/bin/python -m bench.carousel_mix [--slides 200]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps

ROOT = Path(__file__).resolve().parent.parent
CANVAS = "4:5"
PHOTOS = [(3024, 4032), (4032, 3024), (2400, 2400), (1600, 2000), (1080, 1920)]
FOCALS = [(50.0, 50.0), (30.0, 40.0), (70.0, 55.0), (50.0, 20.0), (60.0, 75.0)]
LINES = ("Promo akhir pekan {n} 🎉", "Diskon 50% semua kopi")
STYLE = {
    "font": "inter",
    "weight": 800,
    "size": 5.5,
    "color": "#FFFFFF",
    "y": 70.0,
    "box_color": "#1E3A8A",
    "box_opacity": 70,
    "box_padding": 0.5,
    "box_radius": 0.3,
    "outline_width": 2.0,
    "outline_color": "#000000",
    "shadow_x": 2.0,
    "shadow_y": 4.0,
    "shadow_blur": 10.0,
    "shadow_opacity": 60,
}
QUALITY = 90


def make_photo(size: tuple[int, int], seed: int, out: Path) -> Path:
    """A photo-like JPEG: soft colour gradients, a few blurred shapes, sensor noise."""
    small = (max(8, size[0] // 8), max(8, size[1] // 8))
    across = Image.linear_gradient("L").rotate(90 + seed * 40).resize(small)
    down = Image.linear_gradient("L").resize(small)
    base = Image.merge("RGB", (across, down, Image.new("L", small, 60 + seed * 30)))
    draw = ImageDraw.Draw(base)
    for n in range(6):
        x, y = (seed * 37 + n * 53) % small[0], (seed * 17 + n * 71) % small[1]
        r = small[0] // 6
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(40 * n % 255, 200 - 20 * n, 90 + 25 * n))
    base = base.filter(ImageFilter.GaussianBlur(3)).resize(size, Image.Resampling.BICUBIC)
    noise = Image.effect_noise(size, 12).convert("RGB")
    Image.blend(base, noise, 0.08).save(out, "JPEG", quality=92)
    return out


def pools(folder: Path) -> tuple[list[Path], float]:
    """The normalised stills, and the mean seconds normalising one upload took."""
    from lumiku.services.carousel_mix import images

    stills, seconds = [], 0.0
    for n, size in enumerate(PHOTOS):
        upload = make_photo(size, n, folder / f"upload{n}.jpg")
        stills.append(folder / f"still{n}.jpg")
        start = time.perf_counter()
        images.normalise(upload, stills[-1])
        seconds += time.perf_counter() - start
    return stills, seconds / len(PHOTOS)


class Bare:
    """The same slide with Pillow alone."""

    def __init__(self, style) -> None:
        from lumiku.services.carousel_mix import canvas, fonts
        from lumiku.services.carousel_mix.style import rgb

        self.rgb = rgb
        self.size = canvas.CANVASES[CANVAS]
        self.resample = canvas.RESAMPLE
        width = self.size[0]
        self.px = round(style.size / 100 * width)
        self.font = fonts.load(fonts.font_path(style.font, style.weight), self.px)
        self.emoji = fonts.load(fonts.emoji_path(), fonts.EMOJI_SIZE)
        self.style = style
        self.pad = round(style.box_padding * self.px)
        self.stroke = round(style.outline_width)
        self.shift = (round(style.shadow_x), round(style.shadow_y))
        self.sigma = style.shadow_blur / 2

    def background(self, still: Path, focal: tuple[float, float]) -> Image.Image:
        with Image.open(still) as photo:
            centering = (focal[0] / 100, focal[1] / 100)
            return ImageOps.fit(photo.convert("RGB"), self.size, self.resample, centering=centering)

    def render(self, still: Path, focal: tuple[float, float], text: str, out: Path) -> None:
        s, (width, height) = self.style, self.size
        slide = self.background(still, focal)
        first, second = text.split("\n")
        words, mark = first[:-2], first[-1]  # "… 🎉": the emoji needs its own font
        ascent, descent = self.font.getmetrics()
        line_h = s.line_spacing * self.px
        emoji_scale = self.px / 109
        emoji_w = self.emoji.getlength(mark) * emoji_scale
        widths = [self.font.getlength(words + " ") + emoji_w, self.font.getlength(second)]
        block_w = round(max(widths)) + 2 * (self.pad + self.stroke)
        block_h = round(ascent + descent + line_h) + 2 * (self.pad + self.stroke)
        room = round(0.3 * self.px + 3 * self.sigma) + max(map(abs, self.shift))
        region = (block_w + 2 * room, block_h + 2 * room)
        layer = Image.new("RGBA", region, (0, 0, 0, 0))
        draw = ImageDraw.Draw(layer)
        fill, outline = s.color, s.outline_color
        for n, (line, line_w) in enumerate(zip((words + " ", second), widths, strict=True)):
            x = room + (block_w - line_w) / 2
            y = room + self.pad + self.stroke + ascent + n * line_h
            draw.text(
                (x, y),
                line,
                font=self.font,
                fill=fill,
                anchor="ls",
                stroke_width=self.stroke,
                stroke_fill=outline,
            )
            if n == 0:
                x0, y0, x1, y1 = self.emoji.getbbox(mark, anchor="ls")
                glyph = Image.new("RGBA", (x1 - x0, y1 - y0))
                ImageDraw.Draw(glyph).text(
                    (-x0, -y0), mark, font=self.emoji, anchor="ls", embedded_color=True
                )
                glyph = glyph.resize(
                    (round(glyph.width * emoji_scale), round(glyph.height * emoji_scale))
                )
                at = (round(x + self.font.getlength(words + " ")), round(y + y0 * emoji_scale))
                layer.alpha_composite(glyph, at)
        shadow = Image.new("L", region, 0)
        shadow.paste(layer.getchannel("A"), self.shift)
        shadow = shadow.filter(ImageFilter.GaussianBlur(self.sigma))
        shadow = shadow.point(lambda v: v * s.shadow_opacity // 100)
        picture = Image.new("RGBA", region, (0, 0, 0, 0))
        ImageDraw.Draw(picture).rounded_rectangle(
            (room, room, room + block_w, room + block_h),
            radius=round(s.box_radius * self.px),
            fill=(*self.rgb(s.box_color), round(s.box_opacity * 2.55)),
        )
        tint = Image.new("RGBA", region, s.shadow_color)
        tint.putalpha(shadow)
        picture.alpha_composite(tint)
        picture.alpha_composite(layer)
        left = round(s.x / 100 * width - region[0] / 2)
        top = round(s.y / 100 * height - region[1] / 2)
        slide.paste(picture, (left, top), picture)
        slide.save(out, "JPEG", quality=QUALITY)


def check(path: Path, background: Image.Image, style) -> None:
    """The slide's size; the box (its colour at its opacity over the picture) and white text
    where the text is."""
    from lumiku.services.carousel_mix.style import rgb

    with Image.open(path) as image:
        slide = image.convert("RGB")
    assert slide.size == background.size, (path, slide.size)
    band = (0, int(slide.height * 0.6), slide.width, int(slide.height * 0.8))
    boxed = Image.blend(
        background, Image.new("RGB", background.size, rgb(style.box_color)), style.box_opacity / 100
    )
    off = ImageChops.difference(slide.crop(band), boxed.crop(band)).split()
    near = ImageChops.lighter(ImageChops.lighter(off[0], off[1]), off[2]).point(
        lambda v: 255 if v < 16 else 0
    )
    assert near.histogram()[255] > 20_000, (path, "no box where the text is")
    white = slide.crop(band).convert("L").point(lambda v: 255 if v > 235 else 0)
    assert white.histogram()[255] > 2_000, (path, "no white text on the box")


def alternate(*sides: list[Callable[[], object]]) -> list[list[float]]:
    """Seconds of each call, the sides taking turns."""
    seconds: list[list[float]] = [[] for _ in sides]
    for calls in zip(*sides, strict=True):
        for call, times in zip(calls, seconds, strict=True):
            start = time.perf_counter()
            call()
            times.append(time.perf_counter() - start)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description="Carousel Mix slide rendering benchmark")
    parser.add_argument("--slides", type=int, default=200)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from jobs.carousel_mix import cropped
    from lumiku.services.carousel_mix import canvas, fonts, style, typeset

    assert not fonts.missing(), f"fonts missing: {fonts.missing()} (run scripts/bootstrap.sh)"
    text_style = style.parse_style(STYLE)
    size = canvas.CANVASES[CANVAS]
    bare = Bare(text_style)
    print(
        f"{args.slides} slides at {CANVAS} ({size[0]}x{size[1]}), JPEG q{QUALITY}; "
        f"{os.cpu_count()} CPUs, one process"
    )
    print(f"{'':<16} {'lumiku slides/s':>16} {'bare slides/s':>14} {'× bare':>8}")
    with tempfile.TemporaryDirectory(prefix="bench-carousel-mix-") as tmp:
        folder = Path(tmp)
        stills, normalising = pools(folder)
        sample = "\n".join(LINES).format(n=args.slides)
        assert len(typeset.layout(sample, text_style, size).lines) == 2, "the bare script draws 2"
        rows = (("every picture new", False), ("pictures reused", True))
        for row, reused in rows:
            canvas.clear_caches()
            crops = folder / f"crops-{reused}"
            ours, theirs, outs = [], [], []
            for n in range(args.slides):
                still, focal = stills[n % len(stills)], FOCALS[n % len(FOCALS)]
                text = "\n".join(LINES).format(n=n + 1)
                mine, plain = folder / f"ours{n}.jpg", folder / f"bare{n}.jpg"

                def lumiku(
                    still=still, focal=focal, text=text, mine=mine, n=n, reused=reused, crops=crops
                ) -> None:
                    canvas.clear_caches()  # each set runs in a new work horse: nothing in memory
                    picture = still
                    if reused:  # as the runner does: the picture's crop, made once, from disk
                        source = lambda: nullcontext(still)  # noqa: E731
                        picture = cropped(crops, f"p{n % len(stills)}", source, CANVAS, focal)
                    slide = canvas.render_slide(picture, CANVAS, focal, text, text_style)
                    canvas.save(slide, mine, "jpg", QUALITY)

                ours.append(lumiku)
                theirs.append(lambda a=(still, focal, text, plain): bare.render(*a))
                outs += [mine, plain]
            ours_s, bare_s = alternate(ours, theirs)
            for n in [*range(0, args.slides, 10), args.slides - 1]:  # every tenth, the last
                still, focal = stills[n % len(stills)], FOCALS[n % len(FOCALS)]
                check(outs[2 * n], canvas.background(still, CANVAS, focal), text_style)
                check(outs[2 * n + 1], bare.background(still, focal), text_style)
            ours_rate, bare_rate = len(ours_s) / sum(ours_s), len(bare_s) / sum(bare_s)
            print(f"{row:<16} {ours_rate:>16.1f} {bare_rate:>14.1f} {ours_rate / bare_rate:>7.2f}×")
            for path in outs:
                path.unlink()
        canvas.clear_caches()
        start = time.perf_counter()
        preview = canvas.render_slide(stills[1], CANVAS, FOCALS[1], "Pratinjau ✨", text_style)
        preview_ms = (time.perf_counter() - start) * 1000
        assert preview.size == size
    print(
        f"one preview slide (a new text): {preview_ms:.0f} ms; normalising an upload: "
        f"{normalising * 1000:.0f} ms; outputs checked: size, box and text colours"
    )


if __name__ == "__main__":
    main()
