"""Carousel Mix's uploads: judged by content, refused with a reason, normalised to an upright
sRGB JPEG at the working size."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from lumiku.services.carousel_mix import canvas, images
from lumiku.services.errors import ServiceError


def refused(src: Path, tmp_path: Path) -> ServiceError:
    with pytest.raises(ServiceError) as caught:
        images.normalise(src, tmp_path / "out.jpg")
    assert not (tmp_path / "out.jpg").exists()
    return caught.value


def normalised(src: Path, tmp_path: Path) -> Image.Image:
    out = tmp_path / "out.jpg"
    size = images.normalise(src, out)
    with Image.open(out) as image:
        assert image.format == "JPEG" and image.mode == "RGB" and image.size == size
        image.load()
        return image


def png_header_only(path: Path, width: int, height: int) -> Path:
    """A PNG that states a size in its header, with a few bytes of data: a big picture costs
    nothing to make, and reading it would fail, so a refusal proves the header was enough."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )
    return path


def test_an_empty_file_and_a_missing_one_are_empty(tmp_path):
    (tmp_path / "empty.jpg").write_bytes(b"")
    assert refused(tmp_path / "empty.jpg", tmp_path).code == "file_empty"
    assert refused(tmp_path / "nothing.jpg", tmp_path).code == "file_empty"


@pytest.mark.parametrize(
    "content",
    [b"just some text, not a picture\n" * 20, b"%PDF-1.4\n" + b"0" * 500, b"\x00\x01" * 400],
)
def test_what_is_not_an_image_is_unreadable(tmp_path, content):
    (tmp_path / "photo.jpg").write_bytes(content)
    assert refused(tmp_path / "photo.jpg", tmp_path).code == "file_unreadable"


def test_a_truncated_image_is_unreadable(tmp_path):
    whole = tmp_path / "whole.jpg"
    Image.effect_noise((800, 600), 50).convert("RGB").save(whole, quality=90)
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    assert refused(cut, tmp_path).code == "file_unreadable"


def test_a_60_megapixel_image_is_refused_before_decoding(tmp_path):
    path = png_header_only(tmp_path / "big.png", 10_000, 6_000)
    error = refused(path, tmp_path)
    assert (error.code, error.params) == (
        "carousel_mix_image_too_big",
        {"megapixels": 60, "max": 50},
    )
    # a real one, solid so that it is small on disk
    real = tmp_path / "real.png"
    Image.new("1", (8000, 7500)).save(real)
    assert real.stat().st_size < 2_000_000
    error = refused(real, tmp_path)
    assert (error.code, error.params) == (
        "carousel_mix_image_too_big",
        {"megapixels": 60, "max": 50},
    )


def test_a_decompression_bomb_is_too_big_too(tmp_path):
    path = png_header_only(tmp_path / "bomb.png", 20_000, 20_000)  # past Pillow's own limit
    error = refused(path, tmp_path)
    assert error.code == "carousel_mix_image_too_big"
    assert error.params == {"megapixels": 400, "max": 50}


def test_the_limit_is_50_megapixels_exactly(tmp_path):
    """The header-only file passes the size check at 50 MP and only then fails to decode."""
    at_limit = png_header_only(tmp_path / "edge.png", 10_000, 5_000)
    assert refused(at_limit, tmp_path).code == "file_unreadable"
    past = png_header_only(tmp_path / "past.png", 10_000, 5_001)
    assert refused(past, tmp_path).code == "carousel_mix_image_too_big"


@pytest.mark.parametrize("fmt", ["GIF", "PNG", "WEBP"])
def test_animations_are_refused(tmp_path, fmt):
    frames = [Image.new("RGB", (120, 80), colour) for colour in ("red", "blue", "green")]
    path = tmp_path / f"moving.{fmt.lower()}"
    frames[0].save(path, fmt, save_all=True, append_images=frames[1:], duration=100, loop=0)
    with Image.open(path) as check:
        assert getattr(check, "n_frames", 1) == 3
    assert refused(path, tmp_path).code == "carousel_mix_image_animated"


def test_a_still_gif_is_accepted(tmp_path):
    path = tmp_path / "still.gif"
    Image.new("RGB", (300, 200), "red").save(path)
    image = normalised(path, tmp_path)
    assert image.size == (300, 200)
    assert image.getpixel((150, 100))[0] > 200


def test_a_cmyk_jpeg_becomes_rgb(tmp_path):
    path = tmp_path / "print.jpg"
    Image.new("CMYK", (400, 500), (0, 255, 255, 0)).save(path, quality=95)  # red in ink
    with Image.open(path) as check:
        assert check.mode == "CMYK"
    r, g, b = normalised(path, tmp_path).getpixel((200, 250))
    assert r > 200 and g < 60 and b < 60


def test_a_jpeg_named_png_is_judged_by_its_content(tmp_path):
    path = tmp_path / "photo.png"
    Image.new("RGB", (640, 480), (10, 200, 30)).save(path, "JPEG")
    assert normalised(path, tmp_path).getpixel((5, 5))[1] > 180


def test_the_exif_orientation_is_applied_and_metadata_dropped(tmp_path):
    source = Image.new("RGB", (400, 200), (255, 0, 0))
    source.paste((0, 0, 255), (200, 0, 400, 200))  # left red, right blue
    exif = Image.Exif()
    exif[0x0112] = 6  # shown turned 90° clockwise: the left side ends on top
    exif[0x010F] = "PhoneMaker"
    path = tmp_path / "turned.jpg"
    source.save(path, quality=95, exif=exif)
    image = normalised(path, tmp_path)
    assert image.size == (200, 400)
    assert image.getpixel((100, 50))[0] > 200  # red on top
    assert image.getpixel((100, 350))[2] > 200  # blue below
    assert dict(image.getexif()) == {}


def test_transparency_is_flattened_on_white(tmp_path):
    rgba = Image.new("RGBA", (200, 200), (0, 0, 0, 0))
    rgba.paste((255, 0, 0, 255), (0, 0, 100, 200))
    rgba.save(tmp_path / "cutout.png")
    image = normalised(tmp_path / "cutout.png", tmp_path)
    assert image.getpixel((150, 100)) == (255, 255, 255)
    assert image.getpixel((50, 100))[0] > 240 and image.getpixel((50, 100))[1] < 20
    palette = Image.new("P", (50, 50), 0)
    palette.putpalette([0, 0, 0, 255, 0, 0])
    palette.info["transparency"] = 0
    palette.save(tmp_path / "palette.png", transparency=0)
    assert normalised(tmp_path / "palette.png", tmp_path).getpixel((5, 5)) == (255, 255, 255)
    Image.new("LA", (50, 50), (0, 0)).save(tmp_path / "grey.png")
    assert normalised(tmp_path / "grey.png", tmp_path).getpixel((5, 5)) == (255, 255, 255)


def test_16_bit_grey_is_scaled_not_clipped(tmp_path):
    grey = Image.new("I;16", (64, 64), 32768)  # middle grey in 16 bits
    grey.save(tmp_path / "deep.png")
    with Image.open(tmp_path / "deep.png") as check:
        assert check.mode.startswith("I")
    r, g, b = normalised(tmp_path / "deep.png", tmp_path).getpixel((10, 10))
    assert 115 < r < 140 and r == g == b


def test_an_embedded_colour_profile_is_converted_to_srgb(tmp_path):
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    Image.new("RGB", (64, 64), (20, 120, 220)).save(
        tmp_path / "p.jpg", quality=100, icc_profile=profile
    )
    r, g, b = normalised(tmp_path / "p.jpg", tmp_path).getpixel((10, 10))
    assert abs(r - 20) < 6 and abs(g - 120) < 6 and abs(b - 220) < 6


def test_the_png_frame_ffmpeg_writes_is_accepted(tmp_path):
    Image.new("RGB", (1920, 1080), (40, 40, 40)).save(tmp_path / "frame.png")
    image = normalised(tmp_path / "frame.png", tmp_path)
    assert image.size == (1920, 1080)  # smaller than the working size: never scaled up


@pytest.mark.parametrize(
    "size", [(4000, 3000), (3024, 4032), (6000, 2000), (1500, 8000), (2400, 2400), (900, 700)]
)
def test_the_working_size_covers_every_canvas_and_no_more(tmp_path, size):
    path = tmp_path / "photo.jpg"
    Image.new("RGB", size, (120, 80, 40)).save(path, quality=80)
    width, height = normalised(path, tmp_path).size
    assert abs(width / height - size[0] / size[1]) < 0.01  # the shape is kept
    if size[0] >= 1080 and size[1] >= 1920:
        for canvas_w, canvas_h in canvas.CANVASES.values():
            assert max(canvas_w / width, canvas_h / height) <= 1  # a cover-crop never scales up
        assert width == 1080 or height == 1920  # and it is no larger than that needs
    else:
        assert (width, height) == size  # never scaled up


def test_the_working_size_rule():
    assert images.working_size(4000, 3000) == (2560, 1920)
    assert images.working_size(3000, 4000) == (1440, 1920)
    assert images.working_size(1080, 1920) == (1080, 1920)
    assert images.working_size(2160, 7680) == (1080, 3840)
    assert images.working_size(800, 600) == (800, 600)


def test_a_big_jpeg_is_decoded_small_and_turned(tmp_path):
    source = Image.new("RGB", (4032, 3024), (0, 0, 255))
    source.paste((255, 0, 0), (0, 0, 2016, 3024))  # left red
    exif = Image.Exif()
    exif[0x0112] = 8  # shown turned 90° anticlockwise: the left side ends at the bottom
    source.save(tmp_path / "phone.jpg", quality=85, exif=exif)
    image = normalised(tmp_path / "phone.jpg", tmp_path)
    assert image.size == (1440, 1920)
    assert image.getpixel((700, 1800))[0] > 200 and image.getpixel((700, 100))[2] > 200


def test_thumbnails_are_small_jpegs(tmp_path):
    Image.new("RGB", (2000, 1000), "orange").save(tmp_path / "photo.png")
    out = images.thumbnail(tmp_path / "photo.png", tmp_path / "thumb.jpg")
    assert out == tmp_path / "thumb.jpg"
    with Image.open(out) as thumb:
        assert thumb.format == "JPEG" and thumb.size == (320, 160)
    images.thumbnail(tmp_path / "photo.png", tmp_path / "tiny.jpg", longest=100)
    with Image.open(tmp_path / "tiny.jpg") as tiny:
        assert tiny.size == (100, 50)
    (tmp_path / "bad.jpg").write_bytes(b"nope" * 100)
    with pytest.raises(ServiceError):
        images.thumbnail(tmp_path / "bad.jpg", tmp_path / "t.jpg")
