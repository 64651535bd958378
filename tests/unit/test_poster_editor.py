"""Poster Editor's pure core: the original's export formats and packs, the four resize methods,
export with DPI and upscale facts, pack ZIPs, and text found by Debian's Tesseract then removed
by the local inpainting. Tesseract is installed by scripts/bootstrap.sh: without it the OCR
tests fail, they do not skip."""

from __future__ import annotations

import dataclasses
import io
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from lumiku.services import ai
from lumiku.services.errors import ServiceError
from lumiku.services.poster_editor import resize, text
from lumiku.services.poster_editor.formats import FORMATS, METHODS, PACKS

BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
LOCAL_INPAINT = ai.ModelSpec(
    key="local", provider="local", provider_model="", capability="inpainting"
)

# The original's format-presets.ts: 11 print formats and 14 social ones. Its table lists
# IG_STORY, IG_REEL and TIKTOK on one row; they are three formats, which makes 25.
SIZES = {
    "A0": (9933, 14043),
    "A1": (7016, 9933),
    "A2": (4961, 7016),
    "A3": (3508, 4961),
    "A4": (2480, 3508),
    "A5": (1748, 2480),
    "LETTER": (2550, 3300),
    "LEGAL": (2550, 4200),
    "TABLOID": (3300, 5100),
    "POSTER_24x36": (7200, 10800),
    "BILLBOARD": (14400, 4800),
    "IG_POST": (1080, 1080),
    "IG_PORTRAIT": (1080, 1350),
    "IG_STORY": (1080, 1920),
    "IG_REEL": (1080, 1920),
    "TIKTOK": (1080, 1920),
    "FB_POST": (1200, 630),
    "FB_COVER": (820, 312),
    "FB_AD": (1200, 628),
    "X_POST": (1200, 675),
    "X_HEADER": (1500, 500),
    "LI_POST": (1200, 627),
    "LI_COVER": (1584, 396),
    "YT_THUMBNAIL": (1280, 720),
    "YT_BANNER": (2560, 1440),
}

BLUE, GREEN, RED = (20, 40, 200), (30, 180, 60), (210, 30, 30)
YELLOW, GREY = (255, 230, 0), (45, 45, 50)


def close(pixel, colour, tolerance: int = 12) -> bool:
    return all(abs(int(a) - int(b)) <= tolerance for a, b in zip(pixel, colour, strict=False))


def stripes(width: int = 600, height: int = 200) -> Image.Image:
    """Blue, green and red thirds from left to right."""
    image = Image.new("RGB", (width, height), GREEN)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width // 3 - 1, height), fill=BLUE)
    draw.rectangle((2 * width // 3, 0, width, height), fill=RED)
    return image


def framed(width: int, height: int) -> Image.Image:
    """Green with a red square in each corner: the whole poster is there when all four are."""
    image = Image.new("RGB", (width, height), GREEN)
    draw = ImageDraw.Draw(image)
    side = min(width, height) // 8
    for left, top in ((0, 0), (width - side, 0), (0, height - side), (width - side, height - side)):
        draw.rectangle((left, top, left + side - 1, top + side - 1), fill=RED)
    return image


def bright_object_poster(centre_x: int) -> Image.Image:
    """A wide dark poster with a little noise and one yellow disc."""
    rng = np.random.default_rng(7)
    noise = rng.normal(0, 3, (300, 900, 3))
    image = Image.fromarray((np.array(GREY) + noise).clip(0, 255).astype(np.uint8), "RGB")
    ImageDraw.Draw(image).ellipse((centre_x - 80, 70, centre_x + 80, 230), fill=YELLOW)
    return image


def yellow_pixels(image: Image.Image) -> int:
    pixels = np.asarray(image.convert("RGB")).astype(int)
    return int((np.abs(pixels - YELLOW).max(axis=2) < 40).sum())


# ------------------------------------------------------------ formats and packs


def test_the_formats_are_the_originals_25_with_their_sizes():
    assert len(FORMATS) == 25
    assert {key: fmt.size for key, fmt in FORMATS.items()} == SIZES
    assert all(key == fmt.key for key, fmt in FORMATS.items())
    assert sum(fmt.group == "print" for fmt in FORMATS.values()) == 11
    assert sum(fmt.group == "social" for fmt in FORMATS.values()) == 14
    nine_sixteen = [key for key, fmt in FORMATS.items() if fmt.size == (1080, 1920)]
    assert nine_sixteen == ["IG_STORY", "IG_REEL", "TIKTOK"]


def test_print_formats_are_300_dpi_but_the_billboard_150_and_screens_have_none():
    for fmt in FORMATS.values():
        if fmt.group == "print":
            assert fmt.dpi == (150 if fmt.key == "BILLBOARD" else 300), fmt.key
        else:
            assert fmt.dpi is None, fmt.key
    a4 = FORMATS["A4"]
    assert (a4.width, a4.height, a4.dpi) == (2480, 3508, 300)
    assert round(a4.width / a4.dpi * 25.4) == 210 and round(a4.height / a4.dpi * 25.4) == 297
    billboard = FORMATS["BILLBOARD"]
    assert (billboard.width / billboard.dpi, billboard.height / billboard.dpi) == (96, 32)


def test_the_packs_and_methods_are_the_originals():
    assert PACKS == {
        "SOCIAL_PACK": ("IG_POST", "IG_STORY", "FB_POST"),
        "PRINT_PACK": ("A4", "A3", "POSTER_24x36"),
        "RESTAURANT_PACK": ("A4", "IG_POST", "IG_STORY"),
        "COMPLETE_PACK": ("A4", "A3", "IG_POST", "IG_STORY", "FB_POST", "X_POST"),
    }
    assert all(key in FORMATS for keys in PACKS.values() for key in keys)
    assert METHODS == ("smart_crop", "fit", "fill", "stretch")
    # No pack holds A0, A1 or the billboard; the biggest in one is the 24x36 poster.
    biggest = max((FORMATS[key] for keys in PACKS.values() for key in keys), key=lambda f: f.pixels)
    assert biggest.key == "POSTER_24x36"


# ------------------------------------------------------------ resizing


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("key", ["IG_STORY", "FB_COVER", "IG_POST", "X_HEADER"])
def test_every_method_gives_the_formats_exact_size(method, key):
    out = resize.resize(stripes(), FORMATS[key], method)
    assert out.size == FORMATS[key].size and out.mode == "RGB"


def test_an_unknown_method_is_refused():
    with pytest.raises(ValueError):
        resize.resize(stripes(), FORMATS["IG_POST"], "squash")


@pytest.mark.parametrize("source_size", [(400, 300), (2000, 1500)])  # enlarged, then reduced
def test_fit_keeps_the_whole_poster_between_bars_of_the_background(source_size):
    background = (250, 250, 245)
    out = resize.resize(framed(*source_size), FORMATS["IG_STORY"], "fit", background=background)
    pixels = np.asarray(out)
    # 4:3 into 1080x1920: the poster is 1080x810 in the middle, 555 px bars above and below.
    assert (pixels[:540] == background).all() and (pixels[1920 - 540 :] == background).all()
    assert close(pixels[960, 540], GREEN)
    for x, y in ((20, 580), (1060, 580), (20, 1340), (1060, 1340)):  # the four corner squares
        assert close(pixels[y, x], RED), (x, y)
    assert not close(pixels[560, 540], background)  # the poster starts at the bar's edge


def test_fill_covers_the_format_and_keeps_the_centre():
    out = resize.resize(stripes(), FORMATS["IG_POST"], "fill")
    pixels = np.asarray(out)
    for x in (20, 540, 1060):  # only the green middle third is left
        assert close(pixels[540, x], GREEN), x


def test_stretch_ignores_the_aspect_ratio():
    out = resize.resize(stripes(), FORMATS["IG_POST"], "stretch")
    pixels = np.asarray(out)
    assert close(pixels[540, 180], BLUE)
    assert close(pixels[540, 540], GREEN)
    assert close(pixels[540, 900], RED)
    assert close(pixels[5, 180], BLUE) and close(pixels[1075, 900], RED)  # nothing cropped


def test_smart_crop_keeps_a_bright_object_a_centre_crop_cuts_off():
    poster = bright_object_poster(centre_x=140)  # the disc spans x 60..220 of 900
    centre = resize.resize(poster, FORMATS["IG_POST"], "fill")  # keeps x 300..600
    smart = resize.resize(poster, FORMATS["IG_POST"], "smart_crop")
    assert yellow_pixels(centre) == 0
    disc = np.pi * (80 * 1080 / 300) ** 2  # the disc's area scaled to the 1080 px square
    assert yellow_pixels(smart) == pytest.approx(disc, rel=0.05)  # all of it, none cut off
    # The disc on the right is found as well.
    assert yellow_pixels(
        resize.resize(bright_object_poster(centre_x=780), FORMATS["IG_STORY"], "smart_crop")
    ) == pytest.approx(np.pi * (80 * 1920 / 300) ** 2, rel=0.05)


def test_smart_crop_of_a_centred_subject_is_the_centre_crop():
    poster = bright_object_poster(centre_x=450)
    fmt = FORMATS["IG_POST"]
    smart = np.asarray(resize.resize(poster, fmt, "smart_crop")).astype(int)
    centre = np.asarray(resize.resize(poster, fmt, "fill")).astype(int)
    assert np.abs(smart - centre).max() <= 1


def test_a_transparent_poster_stays_transparent_and_fit_bars_are_clear():
    poster = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    ImageDraw.Draw(poster).ellipse((50, 50, 350, 350), fill=(*RED, 255))
    out = resize.resize(poster, FORMATS["FB_POST"], "fit")
    assert out.mode == "RGBA"
    assert out.getpixel((10, 315))[3] == 0 and out.getpixel((600, 315)) == (*RED, 255)


# ------------------------------------------------------------ export


def test_export_stores_the_print_dpi_and_says_it_upscaled(tmp_path):
    result = resize.export(framed(300, 420), FORMATS["A4"], "smart_crop", tmp_path / "promo.png")
    assert result.path == tmp_path / "promo.jpg"  # a photo: JPEG, whatever suffix was asked
    assert (result.width, result.height, result.dpi) == (2480, 3508, 300)
    assert result.upscaled and result.upscale_ratio == pytest.approx(3508 / 420, abs=1e-3)
    with Image.open(result.path) as written:
        assert written.format == "JPEG" and written.size == (2480, 3508)
        assert written.info["dpi"] == pytest.approx((300, 300))
    assert [p.name for p in tmp_path.iterdir()] == ["promo.jpg"]  # no part file left


def test_export_to_a_screen_format_writes_no_dpi_and_a_reduction_is_no_upscale(tmp_path):
    result = resize.export(framed(2000, 2000), FORMATS["IG_POST"], "fit", tmp_path / "square")
    assert (result.dpi, result.upscaled, result.upscale_ratio) == (None, False, 0.54)
    with Image.open(result.path) as written:
        assert written.size == (1080, 1080) and "dpi" not in written.info


def test_the_billboard_is_written_at_150_dpi(tmp_path):
    small = dataclasses.replace(FORMATS["BILLBOARD"], width=1440, height=480)  # its shape, 1/10
    result = resize.export(framed(600, 400), small, "fill", tmp_path / "road")
    with Image.open(result.path) as written:
        assert written.info["dpi"] == pytest.approx((150, 150))


def test_a_transparent_poster_is_exported_as_png_with_its_dpi(tmp_path):
    poster = Image.new("RGBA", (300, 300), (0, 0, 0, 0))
    ImageDraw.Draw(poster).rectangle((50, 50, 250, 250), fill=(*BLUE, 255))
    result = resize.export(poster, FORMATS["A5"], "fit", tmp_path / "logo.jpg")
    assert result.path.name == "logo.png"
    with Image.open(result.path) as written:
        assert written.format == "PNG" and written.mode == "RGBA"
        assert written.info["dpi"] == pytest.approx((300, 300), abs=0.01)


def test_a0_is_exported_and_reopened_past_pillows_bomb_limit_only_through_open_export(tmp_path):
    limit = Image.MAX_IMAGE_PIXELS
    assert FORMATS["A0"].pixels > limit  # Pillow would warn on opening it
    result = resize.export(framed(200, 283), FORMATS["A0"], "fill", tmp_path / "a0")
    with pytest.warns(Image.DecompressionBombWarning), Image.open(result.path):
        pass
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with resize.open_export(result.path) as written:
            assert written.size == (9933, 14043)
            assert written.info["dpi"] == pytest.approx((300, 300))
    assert limit == Image.MAX_IMAGE_PIXELS  # raised for that one call only, then put back


def test_a_pack_zip_holds_each_format_named_after_the_poster(tmp_path):
    out = tmp_path / "exports" / "pack.zip"
    results = resize.pack_zip(
        framed(600, 800), "RESTAURANT_PACK", "smart_crop", out, name="Promo Lebaran!"
    )
    names = ["Promo-Lebaran-a4.jpg", "Promo-Lebaran-ig_post.jpg", "Promo-Lebaran-ig_story.jpg"]
    assert [r.path.name for r in results] == names
    assert [(r.width, r.height, r.dpi) for r in results] == [
        (2480, 3508, 300),
        (1080, 1080, None),
        (1080, 1920, None),
    ]
    assert [r.upscaled for r in results] == [True, True, True]
    with zipfile.ZipFile(out) as archive:
        assert archive.namelist() == names
        for name, result in zip(names, results, strict=True):
            with Image.open(io.BytesIO(archive.read(name))) as member:
                assert member.format == "JPEG" and member.size == (result.width, result.height)
                assert ("dpi" in member.info) == (result.dpi is not None)
    assert [p.name for p in out.parent.iterdir()] == ["pack.zip"]  # no work files left


def test_a_pack_is_named_after_the_zip_without_a_name(tmp_path):
    results = resize.pack_zip(stripes(), "SOCIAL_PACK", "fill", tmp_path / "ramadan.zip")
    with zipfile.ZipFile(tmp_path / "ramadan.zip") as archive:
        assert archive.namelist() == [
            "ramadan-ig_post.jpg",
            "ramadan-ig_story.jpg",
            "ramadan-fb_post.jpg",
        ]
    assert [r.path for r in results] == [Path(n) for n in archive.namelist()]
    with pytest.raises(ValueError):
        resize.pack_zip(stripes(), "NO_PACK", "fill", tmp_path / "x.zip")


# ------------------------------------------------------------ text


def lebaran_poster(scale: float = 1.0) -> tuple[Image.Image, dict[str, tuple[int, ...]]]:
    """A red poster with two lines in big bold type; and where each line's ink is."""
    background = (190, 30, 45)
    image = Image.new("RGB", (round(1200 * scale), round(900 * scale)), background)
    draw = ImageDraw.Draw(image)
    drawn = {}
    for words, (x, y), size, colour in (
        ("DISKON 50%", (120, 150), 120, YELLOW),
        ("Promo Lebaran", (160, 520), 90, (255, 255, 255)),
    ):
        font = ImageFont.truetype(BOLD, round(size * scale))
        at = (round(x * scale), round(y * scale))
        draw.text(at, words, font=font, fill=colour)
        ink = Image.new("L", image.size, 0)
        ImageDraw.Draw(ink).text(at, words, font=font, fill=255)
        drawn[words] = ink.getbbox()  # the ink itself: textbbox includes the side bearings
    return image, drawn


def covers(found: tuple[int, ...], drawn: tuple[int, ...], slack: int) -> bool:
    """`found` holds all of `drawn` (give or take a pixel) and not much more."""
    return (
        drawn[0] - slack <= found[0] <= drawn[0] + 2
        and drawn[1] - slack <= found[1] <= drawn[1] + 2
        and drawn[2] - 2 <= found[2] <= drawn[2] + slack
        and drawn[3] - 2 <= found[3] <= drawn[3] + slack
    )


def block_with(blocks: list[text.TextBlock], words: str) -> text.TextBlock:
    matches = [block for block in blocks if words in block.text]
    assert len(matches) == 1, (words, blocks)
    return matches[0]


@pytest.mark.parametrize("scale", [1.0, 2.5])  # 2.5: a 3000 px poster, read smaller
def test_tesseract_finds_the_posters_words_where_they_were_drawn(scale):
    poster, drawn = lebaran_poster(scale)
    blocks = text.detect(poster)
    assert len(blocks) == 2, blocks
    for words, ink in drawn.items():
        block = block_with(blocks, words)
        assert block.confidence > 60
        assert covers(block.box, ink, slack=round(12 * scale)), (block, ink)
    assert blocks[0].text == "DISKON 50%"  # top to bottom


def test_a_poster_with_no_text_has_no_blocks():
    assert text.detect(bright_object_poster(centre_x=450)) == []


def test_missing_tesseract_or_its_indonesian_data_is_a_service_error(monkeypatch):
    monkeypatch.setattr(text.shutil, "which", lambda name: None)
    with pytest.raises(ServiceError) as caught:
        text.detect(stripes())
    assert caught.value.code == "poster_editor_ocr_missing"
    monkeypatch.undo()
    monkeypatch.setattr(text, "LANGUAGES", "zzz+eng")  # no such language data installed
    with pytest.raises(ServiceError) as caught:
        text.detect(stripes())
    assert caught.value.code == "poster_editor_ocr_missing"


def test_the_text_mask_covers_each_box_grown_by_pad():
    blocks = [
        text.TextBlock("DISKON", (100, 50, 300, 120), 95.0),
        text.TextBlock("tepi", (0, 380, 40, 400), 90.0),  # at the corner: clipped, no error
    ]
    mask = text.text_mask((400, 400), blocks, pad=4)
    assert mask.mode == "L" and mask.size == (400, 400)
    pixels = np.asarray(mask)
    assert (pixels[46:124, 96:304] == 255).all()
    assert pixels[45, 200] == 0 and pixels[124, 200] == 0
    assert pixels[80, 95] == 0 and pixels[80, 304] == 0
    assert (pixels[376:, :44] == 255).all() and pixels[375, 20] == 0
    assert int((pixels == 255).sum()) == 208 * 78 + 44 * 24
    assert set(np.unique(pixels)) == {0, 255}


def test_detected_text_is_removed_by_the_local_inpainting():
    poster, drawn = lebaran_poster(scale=0.5)  # Telea's time grows with the holes' area
    blocks = text.detect(poster)
    mask = text.text_mask(poster.size, blocks)

    def png(image: Image.Image) -> bytes:
        out = io.BytesIO()
        image.save(out, "PNG")
        return out.getvalue()

    cleaned = Image.open(io.BytesIO(ai.inpaint(LOCAL_INPAINT, png(poster), png(mask))))
    assert cleaned.size == poster.size
    background = np.array(poster.getpixel((5, 5)))
    for words, ink in drawn.items():
        region = np.asarray(cleaned.convert("RGB").crop(ink)).astype(int)
        assert np.abs(region.reshape(-1, 3).mean(axis=0) - background).max() < 6, words
        assert yellow_pixels(Image.fromarray(region.astype(np.uint8))) == 0
        assert (np.abs(region - (255, 255, 255)).max(axis=2) < 60).sum() == 0  # no white ink
    assert text.detect(cleaned) == []


def test_chosen_formats_go_into_one_zip_in_their_order(tmp_path):
    poster = Image.new("RGB", (300, 200), (200, 40, 40))
    results = resize.formats_zip(poster, ["FB_COVER", "A5"], "fit", tmp_path / "x.zip", name="p")
    assert [(str(r.path), r.width, r.height, r.dpi) for r in results] == [
        ("p-fb_cover.jpg", 820, 312, None),
        ("p-a5.jpg", 1748, 2480, 300),
    ]
    with zipfile.ZipFile(tmp_path / "x.zip") as archive:
        assert archive.namelist() == ["p-fb_cover.jpg", "p-a5.jpg"]
    for bad in ([], ["A9"]):
        with pytest.raises(ValueError):
            resize.formats_zip(poster, bad, "fit", tmp_path / "y.zip")


def test_new_words_are_set_inside_their_box_in_a_colour_that_stands_out():
    # the bootstrap installs Carousel Mix's fonts: a machine without them fails here, not skips
    poster = Image.new("RGB", (400, 200), (240, 240, 240))
    box = (100, 60, 300, 120)
    written = text.write(poster, "SALE", box)
    ink = np.asarray(written.convert("L")) < 100
    ys, xs = np.nonzero(ink)
    assert xs.size > 100  # black on a light poster
    assert box[0] <= xs.min() and xs.max() < box[2] and box[1] <= ys.min() and ys.max() < box[3]
    assert (ys.max() - ys.min()) > 0.5 * (box[3] - box[1])  # about the old line's height
    dark = text.write(Image.new("RGB", (400, 200), (10, 10, 10)), "DISKON", box)
    assert np.asarray(dark.convert("L")).max() > 200  # white on a dark one
    assert text.write(poster, "  ", box).tobytes() == poster.tobytes()
    blue = text.write(poster, "DISKON", box, color="#1E3CBE")
    assert (30, 60, 190) in {c for _n, c in blue.getcolors(1 << 16)}


def test_paste_area_changes_only_the_area_and_its_edge():
    from lumiku.services.poster_editor import masks

    base = Image.new("RGB", (200, 100), (10, 10, 10))
    painted = Image.new("RGB", (100, 50), (250, 250, 250))  # any size: scaled to the base's
    mask = Image.new("L", (200, 100), 0)
    ImageDraw.Draw(mask).rectangle((80, 30, 119, 69), fill=255)
    result = masks.paste_area(base, painted, mask)
    assert result.getpixel((100, 50)) == (250, 250, 250)
    assert result.getpixel((5, 5)) == (10, 10, 10) and result.getpixel((190, 90)) == (10, 10, 10)
