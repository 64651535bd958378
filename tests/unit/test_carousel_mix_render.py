"""Carousel Mix's slides, judged by their pixels: the crop keeps the focal point, text stays on
the canvas at every anchor and size, shrinks to fit and wraps by measured width, and the box,
outline, shadow, colour emoji and Indonesian diacritics are really drawn."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from lumiku.services.carousel_mix import canvas, fonts, typeset
from lumiku.services.carousel_mix.style import MIN_SIZE, TextStyle, parse_style

BLACK = (0, 0, 0)
LONG = " ".join(["Promo spesial hari ini untuk pelanggan setia kami"] * 12)
HUGE = " ".join(["Diskon besar-besaran untuk semua produk pilihan"] * 120)


def count(image: Image.Image, wanted) -> int:
    """How many pixels of an RGB picture satisfy `wanted((r, g, b))`."""
    colours = image.convert("RGB").getcolors(image.width * image.height) or []
    return sum(n for n, pixel in colours if wanted(pixel))


def ink(slide: Image.Image, background: tuple[int, int, int] = BLACK):
    """The box around everything drawn on a plain background."""
    return ImageChops.difference(slide, Image.new("RGB", slide.size, background)).getbbox()


def on_black(text: str, s: TextStyle, name: str = "4:5") -> Image.Image:
    return canvas.render_slide(
        Image.new("RGB", canvas.CANVASES[name], BLACK), name, (50, 50), text, s
    )


def greedy(text: str, font: Path, fallback: Path | None, px: int, limit: float) -> list[str]:
    """The lines plain greedy wrapping makes, for comparison."""
    found = typeset._greedy(
        text.split(), lambda t: typeset.measure(t, font, fallback, px).width, limit, False
    )
    assert found is not None
    return found[0]


def saturated(pixel) -> bool:
    return max(pixel) - min(pixel) > 120


def test_the_fonts_are_installed_with_every_weight():
    assert fonts.missing() == []
    for family in fonts.FAMILIES:
        for weight in fonts.WEIGHTS:
            assert fonts.font_path(family, weight).is_file()
    assert fonts.font_path("inter", 700).name == "Inter-Bold.otf"
    assert fonts.font_path("poppins", 800).name == "Poppins_800ExtraBold.ttf"
    assert fonts.font_path("playfair", 300).name == "PlayfairDisplay_400Regular.ttf"  # nearest
    assert fonts.font_path("bebas_neue", 400).name == "BebasNeue-Regular.otf"
    assert "Italic" not in fonts.font_path("lato", 400).name
    assert fonts.emoji_path().name == "NotoColorEmoji.ttf"
    assert fonts.fallback_path().name == "DejaVuSans.ttf"
    assert fonts.fallback_path(700).name == "DejaVuSans-Bold.ttf"
    assert fonts.warm() == []
    assert fonts.load(fonts.font_path("inter", 700), 40) is fonts.load(
        fonts.font_path("inter", 700), 40
    )


def test_an_extra_font_folder_comes_first(tmp_path, monkeypatch):
    (tmp_path / "Inter-Bold.ttf").write_bytes(fonts.font_path("roboto", 700).read_bytes())
    monkeypatch.setenv(fonts.ENV_DIR, str(tmp_path))
    fonts.refresh()
    try:
        assert fonts.font_path("inter", 700) == tmp_path / "Inter-Bold.ttf"
        assert fonts.font_path("inter", 400).name == "Inter-Regular.otf"
    finally:
        monkeypatch.delenv(fonts.ENV_DIR)
        fonts.refresh()
    assert fonts.font_path("inter", 700).name == "Inter-Bold.otf"


def test_cover_keeps_the_focal_point_in_the_crop():
    source = Image.new("RGB", (3000, 1000), (90, 90, 90))
    source.paste((255, 0, 0), (2450, 400, 2650, 600))  # a red mark at about (85 %, 50 %)
    red = lambda p: p[0] > 200 and p[1] < 60 and p[2] < 60  # noqa: E731
    for name, size in canvas.CANVASES.items():
        kept = canvas.cover(source, size, (85.0, 50.0))
        assert kept.size == size, name
        assert count(kept, red) > 1000, name
        assert count(canvas.cover(source, size, (15.0, 50.0)), red) == 0, name
        assert count(canvas.cover(source, size), red) == 0, name
    # as near the centre as the picture allows: the mark sits in the middle of a 4:5 crop
    box = ImageChops.difference(
        canvas.cover(source, (1080, 1350), (85.0, 50.0)), Image.new("RGB", (1080, 1350), (90,) * 3)
    ).getbbox()
    assert abs((box[0] + box[2]) / 2 - 540) < 20
    # at an edge the crop stops at the picture's edge instead of leaving it
    assert canvas.crop_box((3000, 1000), (1080, 1350), (100.0, 50.0))[2] == pytest.approx(3000)
    assert canvas.crop_box((3000, 1000), (1080, 1350), (0.0, 50.0))[0] == 0


def test_render_slide_reads_a_big_jpeg_and_keeps_its_focal_point(tmp_path):
    source = Image.new("RGB", (4000, 3000), (30, 120, 30))
    source.paste((255, 255, 0), (200, 1300, 600, 1700))  # yellow at about (10 %, 50 %)
    path = tmp_path / "photo.jpg"
    source.save(path, quality=90)
    yellow = lambda p: p[0] > 200 and p[1] > 200 and p[2] < 80  # noqa: E731
    for name, size in canvas.CANVASES.items():
        slide = canvas.render_slide(path, name, (10.0, 50.0), "", TextStyle())
        assert (slide.size, slide.mode) == (size, "RGB")
        assert count(slide, yellow) > 1000, name
        other = canvas.render_slide(path, name, (90.0, 50.0), "", TextStyle())
        assert count(other, yellow) == 0, name


@pytest.mark.parametrize("name", list(canvas.CANVASES))
def test_text_stays_inside_the_canvas_at_every_anchor_and_size(name):
    width, height = canvas.CANVASES[name]
    margin = round(typeset.MARGIN * width)
    shadowed = {"shadow_x": 30, "shadow_y": 30, "shadow_blur": 20, "shadow_opacity": 100}
    for x, y, size, text in itertools.product(
        (0, 50, 100), (0, 50, 100), (2, 20), ("Halo 👋 dunia", LONG)
    ):
        for align in ("left", "center", "right"):
            s = parse_style({"x": x, "y": y, "size": size, "align": align} | shadowed)
            overlay = typeset.text_overlay(text, s, (width, height))
            assert overlay.fits, (name, x, y, size, align)
            right, bottom = overlay.left + overlay.image.width, overlay.top + overlay.image.height
            assert margin <= overlay.left and right <= width - margin, (name, x, y, size, align)
            assert margin <= overlay.top and bottom <= height - margin, (name, x, y, size, align)
    # and in pixels: nothing drawn in the margin
    for x, y in itertools.product((0, 100), (0, 100)):
        s = parse_style({"x": x, "y": y, "size": 20, "outline_width": 8, "outline_color": "#F00"})
        box = ink(on_black("Judul besar", s, name))
        assert box[0] >= margin and box[1] >= margin, (x, y)
        assert box[2] <= width - margin and box[3] <= height - margin, (x, y)


def test_text_that_cannot_fit_is_drawn_at_the_smallest_size_and_cut_at_the_canvas():
    size = canvas.CANVASES["1:1"]
    lay = typeset.layout(HUGE, TextStyle(size=20), size)
    assert not lay.fits
    assert lay.px == round(MIN_SIZE / 100 * size[0])
    overlay = typeset.text_overlay(HUGE, TextStyle(size=20, y=100), size)
    assert not overlay.fits
    assert overlay.left >= 0 and overlay.top >= 0
    assert overlay.left + overlay.image.width <= size[0]
    assert overlay.top + overlay.image.height <= size[1]
    assert on_black(HUGE, TextStyle(size=20), "1:1").size == size


def test_long_text_shrinks_until_it_fits():
    size = canvas.CANVASES["1:1"]
    big = TextStyle(size=20)
    short = typeset.layout("Halo", big, size)
    assert short.px == 216 and short.fits  # 20 % of 1080: no need to shrink
    long = typeset.layout(LONG, big, size)
    assert long.fits and round(MIN_SIZE / 100 * 1080) <= long.px < 216
    assert long.height <= size[1] - 2 * round(typeset.MARGIN * size[0])
    # the largest size that fits: one pixel more does not
    bigger = typeset._attempt([LONG.split()], big, size, long.px + 1, allow=False)
    assert bigger is None or not bigger.fits


def test_wrapping_is_by_measured_width_not_by_characters():
    s = TextStyle(size=5, max_width=50)
    narrow = typeset.layout(" ".join(["iiii"] * 24), s, (1080, 1350))
    wide = typeset.layout(" ".join(["WWWW"] * 24), s, (1080, 1350))
    assert narrow.px == wide.px == 54  # 5 % of 1080: no shrinking
    assert len(narrow.lines[0]) > 2 * len(wide.lines[0])
    limit = 0.5 * 1080
    for lay in (narrow, wide):
        assert all(row.width <= limit for row in lay.rows)
        wrapped = greedy(" ".join(lay.lines), lay.rows[0].runs[0].font, None, lay.px, limit)
        assert len(lay.lines) == len(wrapped)  # no more lines than needed
    assert typeset.layout("satu\ndua\n\ntiga", s, (1080, 1350)).lines == ("satu", "dua", "", "tiga")


def test_paragraphs_are_filled_evenly_and_emoji_stay_with_their_word():
    text = "Diskon café 50% untuk semua menu favorit"
    family, fallback = fonts.font_path("inter", 700), fonts.fallback_path(700)
    for max_width in (60, 65):
        lay = typeset.layout(text, TextStyle(size=6, max_width=max_width), (1080, 1350))
        wrapped = greedy(text, family, fallback, lay.px, max_width / 100 * 1080)
        assert " " not in wrapped[-1]  # greedy wrapping ends in one lonely word
        assert len(lay.lines) == len(wrapped)
        widths = [row.width for row in lay.rows]
        assert min(widths) > 0.55 * max(widths), lay.lines
        assert " " in lay.lines[-1], lay.lines
    for text in ("Halo semua 👋", "Promo Spesial Hari Ini 🎉🎉", "Promo Spesial Hari Ini 🎉 !"):
        for max_width in (20, 25, 35, 45, 60):
            lines = typeset.layout(text, TextStyle(max_width=max_width), (1080, 1350)).lines
            assert all(line.strip("🎉👋! ") for line in lines), lines


def test_a_word_longer_than_a_line_is_broken_only_when_nothing_else_fits():
    word = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 3
    lay = typeset.layout(word, TextStyle(size=10, max_width=20), (1080, 1080))
    assert lay.broken and len(lay.lines) > 1 and lay.fits
    assert "".join(lay.lines) == word
    assert lay.px == round(MIN_SIZE / 100 * 1080)
    assert all(row.width <= 0.2 * 1080 for row in lay.rows)
    assert not typeset.layout("Pneumonoultramicroscopic", TextStyle(size=10), (1080, 1080)).broken


def test_the_box_is_drawn_behind_the_block_in_its_colour():
    boxed = parse_style({"box_color": "#00FF00", "box_opacity": 100, "box_padding": 1})
    green = lambda p: p[1] > 240 and p[0] < 20 and p[2] < 20  # noqa: E731
    slide = on_black("Kopi susu\ngula aren", boxed)
    overlay = typeset.text_overlay("Kopi susu\ngula aren", boxed, (1080, 1350))
    assert count(slide, green) > 0.5 * overlay.image.width * overlay.image.height
    assert ink(slide) == (
        overlay.left,
        overlay.top,
        overlay.left + overlay.image.width,
        overlay.top + overlay.image.height,
    )
    assert count(on_black("Kopi susu\ngula aren", TextStyle()), green) == 0
    half = parse_style({"box_color": "#00FF00", "box_opacity": 50})
    assert count(on_black("Kopi", half), green) == 0
    assert count(on_black("Kopi", half), lambda p: 110 < p[1] < 145 and p[0] < 10) > 1000


def test_the_outline_and_the_shadow_are_drawn_in_their_colours():
    red = lambda p: p[0] > 230 and p[1] < 30 and p[2] < 30  # noqa: E731
    blue = lambda p: p[2] > 230 and p[0] < 30 and p[1] < 30  # noqa: E731
    outlined = parse_style({"outline_width": 6, "outline_color": "#FF0000"})
    assert count(on_black("Tebal", outlined), red) > 2000
    assert count(on_black("Tebal", TextStyle()), red) == 0
    shadowed = parse_style(
        {"shadow_x": 20, "shadow_y": 20, "shadow_color": "#0000FF", "shadow_opacity": 100}
    )
    slide = on_black("Bayangan", shadowed)
    assert count(slide, blue) > 2000
    text_box, all_box = ink(on_black("Bayangan", TextStyle())), ink(slide)
    assert all_box[2] - text_box[2] == pytest.approx(20, abs=2)  # moved right and down
    assert all_box[3] - text_box[3] == pytest.approx(20, abs=2)
    blurred = parse_style(shadowed.to_dict() | {"shadow_blur": 30})
    assert count(on_black("Bayangan", blurred), blue) < count(slide, blue)  # spread thin
    assert ink(on_black("Bayangan", blurred))[3] > all_box[3]


def test_emoji_are_drawn_in_colour():
    white = TextStyle(color="#FFFFFF", size=10)
    assert count(on_black("Halo", white), saturated) == 0
    with_emoji = on_black("Halo 🎉😀", white)
    assert count(with_emoji, saturated) > 1500
    row = typeset.layout("Halo 🎉😀", white, (1080, 1350)).rows[0]
    assert [(r.text, r.emoji) for r in row.runs] == [("Halo ", False), ("🎉😀", True)]
    # sequences stay whole: a flag, ZWJ sequences, a skin tone, a keycap
    for sequence in ("🇮🇩", "👩‍🍳", "🏳️‍🌈", "👍🏽", "1️⃣"):
        assert typeset.clusters(sequence) == [sequence]
        runs = typeset.layout(sequence, white, (1080, 1350)).rows[0].runs
        assert len(runs) == 1 and runs[0].emoji, sequence
        coloured = count(on_black(sequence, white), lambda p: max(p) - min(p) > 60)
        assert coloured > 800, sequence
    # the emoji variation selector asks for the emoji font even where the family has the sign
    assert [r.emoji for r in typeset.layout("©", white, (1080, 1350)).rows[0].runs] == [False]
    assert [r.emoji for r in typeset.layout("©\ufe0f", white, (1080, 1350)).rows[0].runs] == [True]
    assert count(on_black("©\ufe0f ❤️", white), saturated) > 500
    # a skin tone changes the one glyph instead of adding a second
    toned, plain = (typeset.layout(e, white, (1080, 1350)).rows[0] for e in ("👍🏽", "👍"))
    assert toned.width == pytest.approx(plain.width)
    assert on_black("👍🏽", white).tobytes() != on_black("👍", white).tobytes()


def test_an_outline_goes_around_emoji_too():
    red = lambda p: p[0] > 230 and p[1] < 30 and p[2] < 30  # noqa: E731
    s = parse_style({"size": 12, "outline_width": 8, "outline_color": "#FF0000"})
    assert count(on_black("😀", s), red) > 1000


def test_indonesian_diacritics_render_and_are_not_tofu():
    s = TextStyle(size=12)
    tofu = on_black("\U000f0000", s)  # no font has it: the family's .notdef box
    assert ink(tofu) is not None
    for word in ("é", "Ê", "è", "ô"):
        drawn = on_black(word, s)
        assert ImageChops.difference(drawn, tofu).getbbox() is not None, word
        plain = on_black(word.encode("ascii", "ignore").decode() or "e", s)
        assert drawn.tobytes() != plain.tobytes(), word
    # NFC: a decomposed "é" is the precomposed one, and draws exactly like it
    assert typeset.layout("Kafe\u0301", s, (1080, 1350)).lines == ("Kafé",)
    assert on_black("Kafe\u0301", s).tobytes() == on_black("Kafé", s).tobytes()
    family = fonts.font_path("inter", 700)
    line = typeset.measure("Kafé Ngêmil", family, fonts.fallback_path(), 40)
    assert [r.font for r in line.runs] == [family]


def test_characters_the_family_lacks_come_from_the_fallback_font():
    family = fonts.font_path("bebas_neue", 400)
    fallback = fonts.fallback_path()
    emoji = fonts.emoji_path()
    candidates = "ŊƩΩЖא∑⌘☂♞"
    lacking = [
        c
        for c in candidates
        if ord(c) not in fonts.cmap(family)
        and ord(c) in fonts.cmap(fallback)
        and ord(c) not in fonts.cmap(emoji)
    ]
    assert lacking, "no test character found"
    line = typeset.measure(f"AB{lacking[0]}CD", family, fallback, 40)
    assert [r.font for r in line.runs] == [family, fallback, family]


@pytest.mark.parametrize("align", ["left", "right"])
def test_lines_align_within_the_block(align):
    s = parse_style({"align": align, "x": 20 if align == "left" else 80, "size": 8})
    slide = on_black("Pendek\nBaris yang lebih panjang", s)
    height = slide.height
    lay = typeset.layout("Pendek\nBaris yang lebih panjang", s, (1080, height))
    boxes = [
        ink(slide.crop((0, 0, 1080, height // 2))),
        ink(slide.crop((0, height // 2, 1080, height))),
    ]
    assert all(boxes)
    edge = 0 if align == "left" else 2
    assert abs(boxes[0][edge] - boxes[1][edge]) < 0.05 * lay.px
    anchor = 0.2 * 1080 if align == "left" else 0.8 * 1080
    assert abs(boxes[1][edge] - anchor) < 0.1 * lay.px


def test_the_anchor_places_the_block():
    s = parse_style({"x": 50, "y": 25, "size": 8})
    box = ink(on_black("Tengah", s))
    assert abs((box[0] + box[2]) / 2 - 540) < 10
    assert (
        abs((box[1] + box[3]) / 2 - 0.25 * 1350)
        < 0.3 * typeset.layout("Tengah", s, (1080, 1350)).px
    )


def test_empty_text_is_a_transparent_pixel_and_changes_nothing():
    for text in ("", "   ", "\n\n"):
        overlay = typeset.text_overlay(text, TextStyle(box_opacity=100), (1080, 1350))
        assert overlay.image.size == (1, 1) and overlay.image.getpixel((0, 0))[3] == 0
        assert overlay.fits
        assert ink(on_black(text, TextStyle(box_opacity=100))) is None


def test_every_preset_draws_on_every_canvas():
    from lumiku.services.carousel_mix.style import PRESETS

    for (key, preset), name in itertools.product(PRESETS.items(), canvas.CANVASES):
        slide = on_black("Promo hari ini 🎉\nDiskon café 50%", preset, name)
        assert slide.size == canvas.CANVASES[name], key
        assert ink(slide) is not None, key


def test_save_writes_jpeg_and_png(tmp_path):
    slide = on_black("Simpan", TextStyle())
    jpg = canvas.save(slide, tmp_path / "a.jpg", "jpg", 90)
    png = canvas.save(slide, tmp_path / "a.png", "png")
    with Image.open(jpg) as one, Image.open(png) as two:
        assert (one.format, one.size) == ("JPEG", (1080, 1350))
        assert (two.format, two.size) == ("PNG", (1080, 1350))
        assert two.convert("RGB").tobytes() == slide.tobytes()
    with pytest.raises(ValueError):
        canvas.save(slide, tmp_path / "a.gif", "gif")


def test_cached_backgrounds_follow_the_files_content(tmp_path):
    path = tmp_path / "still.jpg"
    Image.new("RGB", (1080, 1920), (200, 0, 0)).save(path, quality=95)
    for _ in range(3):  # a miss, then hits: each caller gets its own copy to draw on
        mine = canvas.render_slide(path, "4:5", (50, 50), "", TextStyle())
        assert mine.getpixel((10, 10))[0] > 180
        mine.paste((0, 0, 0), (0, 0, 500, 500))
    Image.new("RGB", (1080, 1920), (0, 0, 200)).save(path, quality=95)
    assert canvas.render_slide(path, "4:5", (50, 50), "", TextStyle()).getpixel((10, 10))[2] > 180


def test_the_canvases():
    assert canvas.CANVASES == {"1:1": (1080, 1080), "4:5": (1080, 1350), "9:16": (1080, 1920)}
    assert canvas.DEFAULT_CANVAS == "4:5"


def test_a_slide_from_a_path_or_an_open_image_is_the_same(tmp_path: Path):
    path = tmp_path / "still.jpg"
    Image.radial_gradient("L").resize((1440, 1920)).convert("RGB").save(path, quality=92)
    s = parse_style({"box_opacity": 60, "outline_width": 2, "shadow_blur": 8, "shadow_opacity": 50})
    from_path = canvas.render_slide(path, "4:5", (40, 60), "Sama 😀", s)
    with Image.open(path) as still:
        from_image = canvas.render_slide(still, "4:5", (40, 60), "Sama 😀", s)
    assert from_path.tobytes() == from_image.tobytes()
