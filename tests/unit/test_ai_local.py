"""The `local` AI provider on generated pictures: GrabCut finds a red disc from a point or a box,
Telea inpainting removes it, Lanczos upscaling doubles the size and keeps the picture; what it
cannot honestly do (generation, faces) is refused, never faked."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from lumiku.services import ai
from lumiku.services.ai import local
from lumiku.services.ai.base import AIError, ModelSpec

SIZE = (320, 240)
CENTRE, RADIUS = (190, 110), 45
RED = np.array([215, 35, 40])


def spec(capability: str, **parameters) -> ModelSpec:
    return ModelSpec("test:local", "local", "opencv", capability, parameters)


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def decode(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def disc_mask(size=SIZE, centre=CENTRE, radius=RADIUS) -> np.ndarray:
    yy, xx = np.mgrid[: size[1], : size[0]]
    return (xx - centre[0]) ** 2 + (yy - centre[1]) ** 2 <= radius**2


def scene(size=SIZE, centre=CENTRE, radius=RADIUS) -> Image.Image:
    """A red disc on a blue-green gradient with noise and stripes (texture GrabCut must see past),
    and a red square in a corner: the same colour, but not the object asked for."""
    rng = np.random.default_rng(7)
    w, h = size
    x = np.linspace(0, 1, w)[None, :]
    y = np.linspace(0, 1, h)[:, None]
    back = np.stack([30 + 40 * x + 0 * y, 90 + 80 * y + 0 * x, 150 + 60 * x * y + 0 * y], axis=-1)
    back += rng.normal(0, 10, back.shape)
    back[(np.arange(h) // 12 % 2 == 0), :, :] += 15  # stripes
    side = min(w, h) // 6
    back[h - side - 8 : h - 8, 8 : 8 + side] = RED
    disc = disc_mask(size, centre, radius)
    back[disc] = RED + rng.normal(0, 8, (int(disc.sum()), 3))
    return Image.fromarray(np.clip(back, 0, 255).astype(np.uint8), "RGB")


def iou(a: np.ndarray, b: np.ndarray) -> float:
    return float((a & b).sum() / (a | b).sum())


def as_mask(data: bytes) -> np.ndarray:
    image = decode(data)
    assert image.format == "PNG" and image.mode == "L" and image.size == SIZE
    values = np.asarray(image)
    assert set(np.unique(values)) <= {0, 255}
    return values == 255


def test_a_point_on_the_disc_gives_the_disc():
    mask = as_mask(ai.segment(spec("segmentation"), png(scene()), point=(200, 100)))
    truth = disc_mask()
    assert iou(mask, truth) > 0.8
    assert (mask & ~truth).sum() < 0.1 * truth.sum()  # little else


def test_a_box_around_the_disc_gives_the_disc():
    box = (CENTRE[0] - 60, CENTRE[1] - 58, CENTRE[0] + 62, CENTRE[1] + 60)
    mask = as_mask(ai.segment(spec("segmentation"), png(scene()), box=box))
    truth = disc_mask()
    assert iou(mask, truth) > 0.8
    assert (mask & ~truth).sum() < 0.1 * truth.sum()


def test_a_large_picture_is_segmented_small_and_the_mask_scaled_back():
    big = (1280, 960)
    centre, radius = (760, 440), 180
    image = png(scene(big, centre, radius))
    result = decode(local.segment(spec("segmentation"), image, point=centre))
    assert result.size == big
    assert iou(np.asarray(result) == 255, disc_mask(big, centre, radius)) > 0.8


def test_inpainting_removes_the_disc_and_keeps_the_rest():
    image = scene()
    truth = disc_mask()
    result = decode(ai.inpaint(spec("inpainting"), png(image), png(Image.fromarray(truth))))
    assert result.format == "PNG" and result.size == SIZE
    after = np.asarray(result.convert("RGB")).astype(float)
    before = np.asarray(image).astype(float)
    filled = after[truth].mean(axis=0)
    assert np.linalg.norm(filled - RED) > 120  # far from red
    assert filled[2] > filled[0]  # the background's blue, not the disc's red
    far = ~disc_mask(radius=RADIUS + 20)
    assert np.abs(after[far] - before[far]).mean() < 1  # untouched away from the mask


def test_inpainting_keeps_transparency_and_an_empty_mask_changes_nothing():
    image = scene().convert("RGBA")
    image.putalpha(200)
    empty = png(Image.new("L", SIZE, 0))
    same = decode(ai.inpaint(spec("inpainting"), png(image), empty))
    assert np.array_equal(np.asarray(same), np.asarray(image))
    holes = png(Image.fromarray(disc_mask()))
    filled = decode(ai.inpaint(spec("inpainting"), png(image), holes))
    assert filled.mode == "RGBA" and np.asarray(filled)[..., 3].min() == 200


def test_upscaling_doubles_the_size_and_keeps_the_picture():
    image = scene()
    result = decode(ai.upscale(spec("upscaling"), png(image), factor=2))
    assert result.format == "PNG" and result.size == (SIZE[0] * 2, SIZE[1] * 2)
    back = np.asarray(result.resize(SIZE, Image.Resampling.BOX)).astype(float)
    assert np.abs(back - np.asarray(image).astype(float)).mean() < 6
    big = np.asarray(result)
    assert np.linalg.norm(big[CENTRE[1] * 2, CENTRE[0] * 2] - RED) < 60  # the disc is there


def test_upscaling_refuses_silly_factors():
    with pytest.raises(AIError) as caught:
        ai.upscale(spec("upscaling"), png(scene()), factor=100)
    assert caught.value.code == "ai_failed"


@pytest.mark.parametrize(
    "call",
    [
        lambda s: ai.text_to_image(s, "a cat"),
        lambda s: ai.image_to_image(s, png(scene()), "a cat"),
        lambda s: ai.pose_image(s, png(scene()), "a cat"),
        lambda s: ai.text_to_video(s, "a cat", seconds=2),
        lambda s: ai.image_to_video(s, png(scene()), "a cat", seconds=2),
        lambda s: ai.write_text(s, "hello"),
        lambda s: ai.embed_face(s, png(scene())),
    ],
)
def test_what_needs_a_trained_model_is_refused_not_faked(call):
    with pytest.raises(AIError) as caught:
        call(spec("text-to-image"))
    assert caught.value.code == "ai_capability_unsupported"


def test_a_bad_input_image_is_an_ai_error():
    with pytest.raises(AIError) as caught:
        ai.segment(spec("segmentation"), b"not an image", point=(1, 1))
    assert caught.value.code == "ai_failed"


@pytest.mark.parametrize("capability", ["segmentation", "inpainting", "upscaling"])
def test_test_connection_runs_the_algorithm(capability):
    assert ai.missing_configuration("local") is None
    assert ai.test_connection(spec(capability)).startswith("answered in ")


def test_test_connection_of_a_capability_it_lacks_says_so():
    with pytest.raises(AIError) as caught:
        ai.test_connection(spec("text-to-image"))
    assert caught.value.code == "ai_capability_unsupported"
