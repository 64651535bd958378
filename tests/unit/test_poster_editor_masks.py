"""Poster Editor's quick edit: click-to-mask with refinement (GrabCut initialised from clicks and
a box), the marks a client sends, and removal by the local provider's inpainting, on generated
posters: a gradient with grain, a red disc, a blue rectangle touching it, and a line of text."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from lumiku.services.errors import ServiceError
from lumiku.services.poster_editor import masks
from lumiku.services.poster_editor.masks import Marks

BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
WIDTH, HEIGHT = 640, 480
DISC = (120, 140, 260, 280)  # centre (190, 210), radius 70
RECT = (260, 170, 420, 300)  # touches the disc at x = 260
WEDGE = (60, 160, 125, 260)  # touches the disc on the left, see test_a_negative_click...
RED, BLUE = (220, 30, 40), (30, 60, 210)


def shape(kind: str, box: tuple[int, int, int, int]) -> np.ndarray:
    mask = Image.new("L", (WIDTH, HEIGHT), 0)
    draw = ImageDraw.Draw(mask)
    (draw.ellipse if kind == "disc" else draw.rectangle)(box, fill=255)
    return np.asarray(mask) > 127


def poster(wedge: tuple[int, int, int] | None = None) -> Image.Image:
    """A warm-to-cool gradient with grain, the red disc, the blue rectangle against it, white
    text below; with `wedge`, a rectangle of that colour touching the disc's left side."""
    rng = np.random.default_rng(7)
    x = np.linspace(0, 1, WIDTH)[None, :, None]
    y = np.linspace(0, 1, HEIGHT)[:, None, None]
    base = 60 + 120 * x * np.array([1, 0.8, 0.3]) + 70 * y * np.array([0.2, 0.6, 1.0])
    base = base + rng.normal(0, 12, (HEIGHT, WIDTH, 3))
    image = Image.fromarray(np.clip(base, 0, 255).astype(np.uint8), "RGB")
    draw = ImageDraw.Draw(image)
    draw.ellipse(DISC, fill=RED)
    draw.rectangle(RECT, fill=BLUE)
    draw.text((120, 370), "SALE 50%", font=ImageFont.truetype(BOLD, 48), fill=(250, 250, 240))
    if wedge is not None:
        draw.rectangle(WEDGE, fill=wedge)
    return image


def selected(mask: Image.Image) -> np.ndarray:
    assert mask.mode == "L" and mask.size == (WIDTH, HEIGHT)
    values = np.asarray(mask)
    assert set(np.unique(values)) <= {0, 255}
    return values > 127


def iou(a: np.ndarray, b: np.ndarray) -> float:
    return float((a & b).sum() / (a | b).sum())


def outside_share(got: np.ndarray, truth: np.ndarray) -> float:
    """How much of the rest of the poster (everything but `truth`) is selected."""
    return float((got & ~truth).sum() / (~truth).sum())


# ------------------------------------------------------------ the mask


def test_one_click_on_the_disc_selects_the_disc():
    got = selected(masks.mask_from_marks(poster(), Marks(positive=((190, 210),))))
    disc = shape("disc", DISC)
    assert iou(got, disc) > 0.85
    assert outside_share(got, disc) < 0.05


def test_a_click_near_the_discs_edge_still_selects_all_of_it():
    got = selected(masks.mask_from_marks(poster(), Marks(positive=((140, 200),))))
    assert iou(got, shape("disc", DISC)) > 0.85


def test_two_clicks_select_two_shapes():
    got = selected(masks.mask_from_marks(poster(), Marks(positive=((190, 210), (340, 235)))))
    both = shape("disc", DISC) | shape("rect", RECT)
    assert iou(got, both) > 0.85
    assert outside_share(got, both) < 0.05


def test_a_negative_click_leaves_out_a_touching_shape_of_a_close_colour():
    # A wine-red rectangle against the disc: close enough in colour that one click takes both.
    image = poster(wedge=(190, 45, 75))
    wedge = shape("rect", WEDGE)
    disc = shape("disc", DISC) & ~wedge
    alone = selected(masks.mask_from_marks(image, Marks(positive=((190, 210),))))
    assert (alone & wedge).sum() > 0.5 * wedge.sum()  # what the negative click is for

    marks = Marks(positive=((190, 210),), negative=((90, 210),))
    got = selected(masks.mask_from_marks(image, marks))
    assert (got & wedge).sum() < 0.03 * wedge.sum()
    assert iou(got, disc) > 0.85


def test_a_negative_click_on_the_touching_rectangle_keeps_it_out():
    marks = Marks(positive=((190, 210),), negative=((340, 235),))
    got = selected(masks.mask_from_marks(poster(), marks))
    rect = shape("rect", RECT)
    assert (got & rect).sum() < 0.03 * rect.sum()
    assert iou(got, shape("disc", DISC)) > 0.85


def test_a_negative_click_far_away_changes_nothing():
    marks = Marks(positive=((190, 210),), negative=((630, 10),))
    got = selected(masks.mask_from_marks(poster().convert("RGBA"), marks))
    assert iou(got, shape("disc", DISC)) > 0.85


def test_a_box_around_the_rectangle_selects_it():
    got = selected(masks.mask_from_marks(poster(), Marks(box=(250, 160, 430, 310))))
    rect = shape("rect", RECT)
    assert iou(got, rect) > 0.85
    assert outside_share(got, rect) < 0.05


def test_a_negative_click_is_never_selected():
    marks = Marks(positive=((190, 210),), negative=((255, 210),))  # on the disc's own edge
    mask = masks.mask_from_marks(poster(), marks)
    assert mask.getpixel((255, 210)) == 0


def test_a_box_that_is_the_whole_poster_still_finds_something():
    got = selected(masks.mask_from_marks(poster(), Marks(box=(0, 0, WIDTH, HEIGHT))))
    assert got.any()


def test_marks_without_a_click_or_a_box_are_refused():
    with pytest.raises(ServiceError) as caught:
        masks.mask_from_marks(poster(), Marks(negative=((5, 5),)))
    assert caught.value.code == "poster_editor_marks_invalid"


# ------------------------------------------------------------ the marks a client sends


def test_parse_marks_reads_clicks_and_a_box():
    raw = {"positive": [[10, 20], [639, 479]], "negative": [[0, 0]], "box": [5, 6, 640, 480]}
    assert masks.parse_marks(raw, WIDTH, HEIGHT) == Marks(
        positive=((10, 20), (639, 479)), negative=((0, 0),), box=(5, 6, 640, 480)
    )
    assert masks.parse_marks({"box": [0, 0, 2, 2]}, WIDTH, HEIGHT) == Marks(box=(0, 0, 2, 2))
    assert masks.parse_marks({"positive": [[1, 1]], "negative": None}, WIDTH, HEIGHT) == Marks(
        positive=((1, 1),)
    )


@pytest.mark.parametrize(
    "raw",
    [
        # outside the image
        {"positive": [[WIDTH, 10]]},
        {"positive": [[10, HEIGHT]]},
        {"positive": [[-1, 10]]},
        {"positive": [[1, 1]], "negative": [[1, -5]]},
        {"box": [-1, 0, 100, 100]},
        {"box": [0, 0, WIDTH + 1, 100]},
        # too many clicks
        {"positive": [[i, i] for i in range(masks.MAX_CLICKS + 1)]},
        {"positive": [[1, 1]], "negative": [[i, i] for i in range(masks.MAX_CLICKS + 1)]},
        # no positive click and no box
        {},
        {"positive": []},
        {"negative": [[1, 1]]},
        {"positive": None, "box": None},
        # wrong types and shapes
        [[1, 1]],
        "positive",
        None,
        {"positive": "1,1"},
        {"positive": [1, 1]},
        {"positive": [[1.5, 2]]},
        {"positive": [["1", 2]]},
        {"positive": [[1, 2, 3]]},
        {"positive": [{"x": 1, "y": 2}]},
        {"box": [0, 0, 100]},
        {"box": "0,0,100,100"},
        {"box": [0, 0, 100.0, 100]},
        {"box": [100, 0, 0, 100]},  # right before left
        {"box": [0, 0, 1, 100]},  # narrower than 2 px
        {"positive": [[1, 1]], "clicks": [[2, 2]]},  # an unknown part
        # booleans are not numbers here
        {"positive": [[True, 2]]},
        {"positive": [[1, 1]], "negative": [[3, False]]},
        {"box": [False, 0, 100, 100]},
    ],
)
def test_parse_marks_refuses(raw):
    with pytest.raises(ServiceError) as caught:
        masks.parse_marks(raw, WIDTH, HEIGHT)
    assert caught.value.code == "poster_editor_marks_invalid"


# ------------------------------------------------------------ helpers and the overlay


def test_grow_and_feather():
    disc = Image.fromarray(shape("disc", DISC).astype(np.uint8) * 255, "L")
    area = (np.asarray(disc) > 127).sum()
    grown, shrunk = masks.grow(disc, 5), masks.grow(disc, -5)
    assert (np.asarray(grown) > 127).sum() > area > (np.asarray(shrunk) > 127).sum()
    assert grown.getpixel((DISC[0] - 4, 210)) == 255 and disc.getpixel((DISC[0] - 4, 210)) == 0
    assert masks.grow(disc, 0).tobytes() == disc.tobytes()
    soft = np.asarray(masks.feather(disc, 6))
    assert ((soft > 10) & (soft < 245)).sum() > 0  # a soft edge
    assert soft[210, 190] == 255 and soft[10, 10] == 0


def test_overlay_tints_only_the_mask():
    image = poster()
    mask = Image.fromarray(shape("disc", DISC).astype(np.uint8) * 255, "L")
    shown = masks.overlay(image, mask, colour=(0, 255, 0), alpha=0.5)
    before, after = np.asarray(image).astype(int), np.asarray(shown).astype(int)
    inside = shape("disc", DISC)
    assert shown.mode == "RGB" and shown.size == image.size
    assert (after[~inside] == before[~inside]).all()
    expected = (before[inside] + np.array([0, 255, 0])) / 2
    assert np.abs(after[inside] - expected).max() <= 1


# ------------------------------------------------------------ removal


def test_remove_erases_the_disc_and_leaves_the_rest_alone():
    image = poster()
    mask = masks.mask_from_marks(image, Marks(positive=((190, 210),)))
    out = masks.remove(image, mask)
    assert out.mode == "RGB" and out.size == image.size
    before, after = np.asarray(image).astype(int), np.asarray(out).astype(int)
    disc, rect = shape("disc", DISC), shape("rect", RECT)
    filled = after[disc].mean(axis=0)
    assert filled[0] - filled[1] < 40  # no red left: the disc was R 220 over G 30
    truth = Image.fromarray(disc.astype(np.uint8) * 255, "L")
    ring = np.asarray(masks.grow(truth, 40)) > 0
    ring &= ~(np.asarray(masks.grow(truth, 12)) > 0) & ~rect  # the background around the disc
    surroundings = before[ring].mean(axis=0)
    assert np.abs(filled - surroundings).max() < 30, (filled, surroundings)
    far = ~(np.asarray(masks.grow(mask, 30)) > 0)
    assert (after[far] == before[far]).all()


def test_remove_with_an_empty_mask_changes_nothing():
    image = poster()
    out = masks.remove(image, Image.new("L", image.size, 0))
    assert out.tobytes() == image.tobytes()


def test_remove_keeps_transparency():
    image = poster().convert("RGBA")
    image.putpixel((5, 5), (1, 2, 3, 0))
    mask = Image.fromarray(shape("disc", DISC).astype(np.uint8) * 255, "L")
    out = masks.remove(image, mask)
    assert out.mode == "RGBA" and out.getpixel((5, 5)) == (1, 2, 3, 0)
    assert np.asarray(out)[shape("disc", DISC)][:, 3].min() == 255


def test_importing_the_module_does_not_load_opencv():
    code = (
        "import sys\n"
        "import lumiku.services.poster_editor.masks as m\n"
        "m.parse_marks({'positive': [[1, 1]]}, 10, 10)\n"
        "assert 'cv2' not in sys.modules and 'numpy' not in sys.modules, 'loaded'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
