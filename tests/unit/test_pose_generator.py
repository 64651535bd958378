"""Pose Generator's pure core: the pose library, its skeleton images and the pose from a photo.

The library's anatomy is checked on the keypoints themselves: a template must look like a person
in that pose, not just have 18 points."""

from __future__ import annotations

import io
import math
import re
import subprocess
import sys
from collections import Counter

import pytest
from PIL import Image, ImageDraw, ImageFilter

from lumiku.services.errors import ServiceError
from lumiku.services.pose_generator import estimate, skeleton
from lumiku.services.pose_generator.poses import (
    ASPECT,
    CATEGORIES,
    DIFFICULTIES,
    GENDERS,
    INDEX,
    KEYPOINTS,
    POSES,
    POSTURES,
    PROPORTIONS,
    pose,
    search,
)

UPRIGHT = {"standing", "walking", "product-holding", "professional"}
# (proportion, right pair, left pair): the paired segments of the two sides.
PAIRS = (
    ("upper_arm", ("r_shoulder", "r_elbow"), ("l_shoulder", "l_elbow")),
    ("forearm", ("r_elbow", "r_wrist"), ("l_elbow", "l_wrist")),
    ("thigh", ("r_hip", "r_knee"), ("l_hip", "l_knee")),
    ("shin", ("r_knee", "r_ankle"), ("l_knee", "l_ankle")),
    ("shoulder", ("neck", "r_shoulder"), ("neck", "l_shoulder")),
)
BODY = KEYPOINTS[:14]


def ids(poses):
    return [p["id"] for p in poses]


def at(p, name):
    return p["keypoints"][INDEX[name]]


def flat(p, a, b):
    """The segment's length on the canvas, in canvas heights."""
    (ax, ay), (bx, by) = at(p, a), at(p, b)
    return math.hypot((ax - bx) * ASPECT, ay - by)


def solid(p, a, b):
    """The segment's length in 3-D (the canvas plus the template's depth), in canvas heights."""
    za, zb = p["depth"][INDEX[a]], p["depth"][INDEX[b]]
    return math.hypot(flat(p, a, b), za - zb)


def mean_y(p, *names):
    return sum(at(p, n)[1] for n in names) / len(names)


# ----------------------------------------------------------------------------------- library
def test_the_library_has_forty_poses_five_in_each_category_with_unique_slugs():
    assert len(POSES) >= 40
    per_category = Counter(p["category"] for p in POSES)
    assert set(per_category) == set(CATEGORIES)
    assert min(per_category.values()) >= 5, per_category
    assert len(set(ids(POSES))) == len(POSES)
    for p in POSES:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", p["id"]), p["id"]
        assert p["name"] and p["name_id"] and p["name"] != p["name_id"]
        assert p["gender"] in GENDERS and p["difficulty"] in DIFFICULTIES
        assert p["posture"] in POSTURES
        assert p["tags"] and isinstance(p["tags"], tuple)
        assert all(isinstance(t, str) and t and " " not in t for t in p["tags"])
        assert len(p["keypoints"]) == len(KEYPOINTS) == 18
        assert len(p["depth"]) == 18 and 0.3 < p["height"] <= 1


def test_a_category_has_the_posture_its_name_says():
    for p in POSES:
        if p["category"] == "sitting":
            assert p["posture"] == "sitting", p["id"]
        elif p["category"] == "walking":
            assert p["posture"] == "walking", p["id"]
        elif p["category"] in UPRIGHT:
            assert p["posture"] == "standing", p["id"]


def test_every_visible_keypoint_lies_inside_the_canvas():
    margin = 0.02
    for p in POSES:
        for name, point in zip(KEYPOINTS, p["keypoints"], strict=True):
            if point is not None:
                assert margin <= point[0] <= 1 - margin, (p["id"], name, point)
                assert margin <= point[1] <= 1 - margin, (p["id"], name, point)


def test_the_body_is_whole_and_every_visible_point_hangs_on_the_skeleton():
    """All 14 body points are there; a face point is hidden only with its depth, and every
    visible point reaches the neck through limbs whose two ends are visible (no lone ear)."""
    for p in POSES:
        assert all(at(p, n) is not None for n in BODY), p["id"]
        for point, depth in zip(p["keypoints"], p["depth"], strict=True):
            assert (point is None) == (depth is None), p["id"]
        reached, grew = {INDEX["neck"]}, True
        while grew:
            grew = False
            for a, b in skeleton.LIMBS:
                if p["keypoints"][a] is None or p["keypoints"][b] is None:
                    continue
                if (a in reached) != (b in reached):
                    reached |= {a, b}
                    grew = True
        visible = {i for i, point in enumerate(p["keypoints"]) if point is not None}
        assert visible == reached, (p["id"], [KEYPOINTS[i] for i in visible - reached])


def test_every_limb_joins_its_two_points_with_a_visible_length():
    """No arm, leg or side of the torso collapses to a dot: a segment seen end-on would vanish
    from the control image (a profile's shoulders may overlap: that is what a profile is)."""
    for p in POSES:
        for a, b in skeleton.LIMBS[2:12]:
            length = flat(p, KEYPOINTS[a], KEYPOINTS[b])
            assert length > 0.03 * p["height"], (p["id"], KEYPOINTS[a], KEYPOINTS[b])


def test_the_face_is_above_the_neck_and_a_profile_hides_its_far_side():
    for p in POSES:
        neck_y = at(p, "neck")[1]
        for name in ("nose", "r_eye", "l_eye", "r_ear", "l_ear"):
            if at(p, name) is not None:
                assert at(p, name)[1] < neck_y, (p["id"], name)
        assert at(p, "r_eye") is not None or at(p, "l_eye") is not None, p["id"]
    profile = pose("standing-side-profile")
    assert at(profile, "l_eye") is None and at(profile, "l_ear") is None
    assert at(profile, "r_eye") is not None and at(profile, "r_ear") is not None
    front = pose("standing-front-arms-down")
    assert all(point is not None for point in front["keypoints"])


def test_the_persons_right_is_the_viewers_left_when_facing_the_camera():
    front = pose("standing-front-arms-down")
    for right, left in (("r_shoulder", "l_shoulder"), ("r_hip", "l_hip"), ("r_eye", "l_eye")):
        assert at(front, right)[0] < at(front, left)[0]


# ----------------------------------------------------------------------------------- anatomy
def test_every_segment_has_the_bodys_length_in_three_dimensions():
    """With the modelled depth, each segment is its proportion of the person's height, so the
    two sides match; seen flat, a segment can only be shorter (foreshortened), never longer."""
    for p in POSES:
        for proportion, *sides in PAIRS:
            expected = PROPORTIONS[proportion] * p["height"]
            for a, b in sides:
                assert solid(p, a, b) == pytest.approx(expected, rel=0.01, abs=0.002), (
                    p["id"],
                    a,
                    b,
                )
                assert flat(p, a, b) <= expected * 1.01 + 0.002, (p["id"], a, b)
        hips = solid(p, "r_hip", "l_hip")
        assert hips == pytest.approx(2 * PROPORTIONS["hip"] * p["height"], rel=0.01, abs=0.002)


def test_segments_in_the_picture_plane_are_as_long_on_both_sides():
    """Where neither of a pair of segments turns toward the camera, their lengths on the canvas
    agree: left and right arms and legs are built the same."""
    compared = 0
    for p in POSES:
        for proportion, (ra, rb), (la, lb) in PAIRS:
            expected = PROPORTIONS[proportion] * p["height"]
            turned = [
                abs(p["depth"][INDEX[a]] - p["depth"][INDEX[b]]) for a, b in ((ra, rb), (la, lb))
            ]
            if max(turned) < 0.15 * expected:
                compared += 1
                assert flat(p, ra, rb) == pytest.approx(flat(p, la, lb), rel=0.03), (
                    p["id"],
                    proportion,
                )
    assert compared > 60


def test_upright_poses_stack_shoulders_over_hips_over_knees_over_ankles():
    upright = [p for p in POSES if p["category"] in UPRIGHT]
    assert len(upright) >= 25
    for p in upright:
        for side in ("r", "l"):
            chain = [at(p, f"{side}_{j}")[1] for j in ("shoulder", "hip", "knee", "ankle")]
            assert chain == sorted(chain), (p["id"], side, chain)
        assert mean_y(p, "nose") < mean_y(p, "r_shoulder", "l_shoulder")


def test_standing_knees_are_well_below_the_hips_and_sitting_thighs_are_level():
    for p in POSES:
        thigh = PROPORTIONS["thigh"] * p["height"]
        for side in ("r", "l"):
            drop = at(p, f"{side}_knee")[1] - at(p, f"{side}_hip")[1]
            if p["posture"] == "sitting":
                assert abs(drop) < 0.35 * thigh, (p["id"], side, drop)
                assert at(p, f"{side}_ankle")[1] > at(p, f"{side}_hip")[1] - 0.1 * thigh
            else:
                assert drop > 0.8 * thigh, (p["id"], side, drop)
    sitting = [p for p in POSES if p["posture"] == "sitting"]
    assert len(sitting) >= 6


def test_sitting_on_a_chair_has_the_shins_hanging_down():
    for pose_id in ("sitting-chair-front", "sitting-chair-side", "sitting-sideways-chair"):
        p = pose(pose_id)
        shin = PROPORTIONS["shin"] * p["height"]
        for side in ("r", "l"):
            assert at(p, f"{side}_ankle")[1] - at(p, f"{side}_knee")[1] > 0.85 * shin


def test_walking_poses_have_the_ankles_apart():
    walking = [p for p in POSES if p["posture"] == "walking"]
    assert len(walking) >= 6
    for p in walking:
        apart = abs(at(p, "r_ankle")[0] - at(p, "l_ankle")[0]) * ASPECT
        assert apart > 0.15 * p["height"], (p["id"], apart)
        # one heel is up: the back foot is higher than the front one
        assert abs(at(p, "r_ankle")[1] - at(p, "l_ankle")[1]) > 0.01 * p["height"]


def test_named_gestures_put_the_hands_where_the_names_say():
    chin = pose("hijab-adjust-at-chin")
    for side in ("r", "l"):
        wrist = at(chin, f"{side}_wrist")
        assert math.dist(wrist, at(chin, "nose")) < math.dist(wrist, at(chin, f"{side}_hip"))
        assert wrist[1] < at(chin, f"{side}_elbow")[1]
    raised = pose("standing-arms-raised")
    assert at(raised, "r_wrist")[1] < at(raised, "nose")[1]
    assert at(raised, "l_wrist")[1] < at(raised, "nose")[1]
    waving = pose("standing-waving")
    assert at(waving, "r_wrist")[1] < at(waving, "r_shoulder")[1]
    assert at(waving, "l_wrist")[1] > at(waving, "l_hip")[1] - 0.05
    crossed = pose("standing-arms-crossed")
    assert at(crossed, "r_wrist")[0] > at(crossed, "neck")[0] > at(crossed, "l_wrist")[0]
    chest = pose("product-chest-both-hands")
    gap = math.dist(at(chest, "r_wrist"), at(chest, "l_wrist"))
    assert gap < 0.5 * math.dist(at(chest, "r_shoulder"), at(chest, "l_shoulder"))
    palm = pose("product-palm-presenting")
    assert abs(at(palm, "r_wrist")[1] - at(palm, "r_shoulder")[1]) < 0.05
    hips = pose("standing-hands-on-hips")
    for side in ("r", "l"):
        elbow, shoulder = at(hips, f"{side}_elbow"), at(hips, f"{side}_shoulder")
        assert abs(elbow[0] - at(hips, "neck")[0]) > abs(shoulder[0] - at(hips, "neck")[0])
        assert abs(at(hips, f"{side}_wrist")[1] - at(hips, f"{side}_hip")[1]) < 0.06


# ------------------------------------------------------------------------------------ search
def test_pose_finds_a_template_by_id():
    assert pose("sitting-cross-legged-floor")["category"] == "sitting"
    assert pose("no-such-pose") is None


def test_search_by_category_gender_and_text():
    assert ids(search()) == ids(POSES)
    assert {p["category"] for p in search(category="walking")} == {"walking"}
    assert len(search(category="hijab-fashion")) >= 5
    male = search(gender="male")
    assert male and not [p for p in male if p["gender"] == "female"]
    assert any(p["gender"] == "any" for p in male) and any(p["gender"] == "male" for p in male)
    assert "hijab-adjust-at-chin" not in ids(male)
    assert "sitting-cross-legged-floor" in ids(search(text="bersila"))  # Indonesian
    assert "sitting-cross-legged-floor" in ids(search(text="Cross-Legged"))  # English, any case
    assert set(ids(search(text="duduk kursi"))) >= {"sitting-chair-front", "sitting-chair-side"}
    assert "standing-arms-crossed" in ids(search(text="BERSEDEKAP"))
    assert {p["category"] for p in search(category="sitting", text="duduk")} == {"sitting"}
    assert ids(search(category="professional", text="tablet")) == ["pro-holding-tablet"]
    assert search(text="zzz-nothing") == []
    assert search(category="walking", gender="female", text="catwalk")[0]["id"] == (
        "walking-catwalk"
    )


# ---------------------------------------------------------------------------------- skeleton
def test_limbs_and_colours_are_openposes():
    assert len(skeleton.LIMBS) == 17 and len(skeleton.COLORS) == 18
    assert skeleton.LIMBS[0] == (1, 2) and skeleton.LIMBS[12] == (1, 0)
    assert skeleton.LIMBS[-1] == (15, 17)
    assert skeleton.COLORS[0] == (255, 0, 0) and skeleton.COLORS[12] == (0, 0, 255)
    assert len(set(skeleton.LIMB_COLORS)) == 17
    assert skeleton.limb_colour(0) == (153, 0, 0)


def test_fit_to_maps_the_canvas_onto_pixels_keeping_its_shape():
    points = [(0.0, 0.0), (1.0, 1.0), (0.5, 0.5), None]
    assert skeleton.fit_to(points, 300, 400) == [(0, 0), (300, 400), (150, 200), None]
    square = skeleton.fit_to(points, 400, 400)  # a 300 x 400 canvas centred in the square
    assert square[0] == (50, 0) and square[1] == (350, 400) and square[3] is None
    wide = skeleton.fit_to(points, 400, 200)
    assert wide[0] == (125, 0) and wide[1] == (275, 200)


def colours(image):
    """{colour: how many pixels have it}."""
    return {colour: n for n, colour in image.getcolors(image.width * image.height)}


def _near(point, segment, distance):
    (ax, ay), (bx, by) = segment
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((point[0] - ax) * dx + (point[1] - ay) * dy) / (dx * dx + dy * dy)))
    return math.dist(point, (ax + t * dx, ay + t * dy)) < distance


def test_draw_paints_each_limb_in_its_colour_on_black():
    p = pose("standing-front-arms-down")
    size, thickness = (384, 512), 8
    image = skeleton.draw(p["keypoints"], size, thickness=thickness)
    assert image.mode == "RGB" and image.size == size
    points = skeleton.fit_to(p["keypoints"], *size)
    checked = 0
    for i, (a, b) in enumerate(skeleton.LIMBS):
        middle = ((points[a][0] + points[b][0]) / 2, (points[a][1] + points[b][1]) / 2)
        later = [(points[c], points[d]) for c, d in skeleton.LIMBS[i + 1 :]]
        if any(_near(middle, seg, thickness * 1.5) for seg in later):
            continue
        if any(math.dist(middle, q) < thickness * 1.5 for q in points):
            continue
        pixel = image.getpixel((round(middle[0]), round(middle[1])))
        assert pixel == skeleton.limb_colour(i), (i, KEYPOINTS[a], KEYPOINTS[b], pixel)
        checked += 1
    assert checked >= 10
    for x, y in ((2, 2), (size[0] - 3, size[1] - 3), (10, size[1] // 2), (size[0] - 10, 40)):
        assert image.getpixel((x, y)) == (0, 0, 0)
    assert colours(image)[(0, 0, 0)] > 0.85 * size[0] * size[1]
    hip = points[INDEX["r_hip"]]
    assert image.getpixel((round(hip[0]), round(hip[1]))) == skeleton.COLORS[INDEX["r_hip"]]


def test_a_limb_is_as_thick_as_asked():
    keypoints = [None] * 18
    keypoints[INDEX["r_shoulder"]], keypoints[INDEX["r_elbow"]] = (0.2, 0.5), (0.8, 0.5)
    image = skeleton.draw(keypoints, (300, 400), thickness=10)
    colour = skeleton.limb_colour(2)
    assert image.getpixel((150, 200)) == colour
    assert image.getpixel((150, 203)) == colour
    assert image.getpixel((150, 208)) == (0, 0, 0)
    assert image.getpixel((150, 192)) == (0, 0, 0)
    assert image.getpixel((30, 200)) == (0, 0, 0)  # beyond the shoulder's dot
    bigger = skeleton.draw(keypoints, (600, 800))  # thickness follows the size: 600 / 64
    assert bigger.getpixel((300, 404)) == colour and bigger.getpixel((300, 410)) == (0, 0, 0)


def test_a_missing_point_drops_its_limbs():
    p = pose("standing-side-profile")
    image = skeleton.draw(p["keypoints"], (300, 400), thickness=4)
    assert skeleton.limb_colour(16) not in colours(image)  # left eye - left ear
    assert skeleton.limb_colour(14) in colours(image)  # right eye - right ear


def test_preview_is_a_small_png_on_a_dark_neutral_background():
    data = skeleton.preview_png(pose("walking-side")["keypoints"])
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG" and image.size == (240, 320)
    rgb = image.convert("RGB")
    assert rgb.getpixel((1, 1)) == skeleton.PREVIEW_BACKGROUND
    assert len(colours(rgb)) > 10
    assert len(data) < 30_000


def test_drawing_and_the_library_load_neither_opencv_nor_mediapipe():
    code = (
        "import sys\n"
        "import lumiku.services.pose_generator.estimate\n"
        "import lumiku.services.pose_generator.skeleton as s\n"
        "import lumiku.services.pose_generator.poses as p\n"
        "s.preview_png(p.POSES[0]['keypoints'])\n"
        "assert 'cv2' not in sys.modules and 'mediapipe' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# ---------------------------------------------------------------------------------- estimate
def _landmarks():
    """33 BlazePose landmarks, each at a place that names it: landmark i at (i/40, i/50)."""
    return [(i / 40, i / 50, 0.9) for i in range(33)]


def test_blazepose_landmarks_map_onto_openposes_keypoints():
    points = estimate.to_openpose(_landmarks(), 400, 500)
    expected = {
        "nose": 0,
        "r_shoulder": 12,
        "r_elbow": 14,
        "r_wrist": 16,
        "l_shoulder": 11,
        "l_elbow": 13,
        "l_wrist": 15,
        "r_hip": 24,
        "r_knee": 26,
        "r_ankle": 28,
        "l_hip": 23,
        "l_knee": 25,
        "l_ankle": 27,
        "r_eye": 5,
        "l_eye": 2,
        "r_ear": 8,
        "l_ear": 7,
    }
    for name, landmark in expected.items():
        assert points[INDEX[name]] == pytest.approx((landmark * 10, landmark * 10)), name
    assert points[INDEX["neck"]] == pytest.approx((115, 115))  # between landmarks 11 and 12


def test_hidden_or_outside_landmarks_are_none_and_so_is_a_neck_without_shoulders():
    marks = _landmarks()
    marks[7] = (0.2, 0.2, 0.1)  # left ear, barely visible
    marks[27] = (0.5, 1.2, 0.95)  # left ankle, below the picture
    marks[12] = (0.3, 0.3, 0.2)  # right shoulder hidden
    points = estimate.to_openpose(marks, 400, 500)
    assert points[INDEX["l_ear"]] is None and points[INDEX["l_ankle"]] is None
    assert points[INDEX["r_shoulder"]] is None and points[INDEX["neck"]] is None
    assert not estimate.enough_body(points)
    assert estimate.enough_body(estimate.to_openpose(_landmarks(), 400, 500))


def test_frame_puts_a_photo_person_on_the_three_by_four_canvas():
    # a 3:4 photo is the canvas
    assert estimate.frame([(150, 200), None, (300, 400)], 300, 400) == [
        (0.5, 0.5),
        None,
        (1.0, 1.0),
    ]
    # a landscape photo: the full-height 3:4 window around the person, kept inside the photo
    wide = estimate.frame([(1500, 300), (1550, 800)], 1600, 900)
    window_left = 1600 - 675
    assert wide[0] == pytest.approx(((1500 - window_left) / 675, 300 / 900))
    centred = estimate.frame([(700, 100), (900, 800)], 1600, 900)
    assert centred[0][0] == pytest.approx(1 - centred[1][0])
    # a person lying across a landscape photo: the window widens to hold them
    lying = estimate.frame([(100, 400), (1500, 500)], 1600, 900)
    assert all(0 <= v <= 1 for point in lying for v in point)
    assert lying[1][0] - lying[0][0] == pytest.approx(1.0)
    assert estimate.frame([None, None], 100, 100) == [None, None]


def test_from_photo_refuses_what_is_not_a_picture():
    with pytest.raises(ServiceError) as caught:
        estimate.from_photo(b"not an image")
    assert caught.value.code == "file_unreadable"


def test_from_photo_says_when_the_estimator_is_not_installed(monkeypatch):
    # every mediapipe module a test before this one may have loaded, made unimportable too
    for name in [m for m in sys.modules if m == "mediapipe" or m.startswith("mediapipe.")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "mediapipe", None)
    with pytest.raises(ServiceError) as caught:
        estimate.from_photo(_png(Image.new("RGB", (60, 80), "white")))
    assert caught.value.code == "pose_generator_estimator_missing"


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def paint_person(keypoints, size=(480, 640)) -> Image.Image:
    """A flat cartoon of a person in the pose: a face with eyes, nose and mouth, hair, a shirt,
    trousers, skin-coloured forearms and hands, shoes on a floor. Enough for BlazePose."""
    w, h = size
    k = skeleton.fit_to(keypoints, w, h)
    image = Image.new("RGB", size, (200, 205, 210))
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, int(h * 0.8), w, h), fill=(150, 140, 130))
    body = 0.9 * math.dist(k[INDEX["r_shoulder"]], k[INDEX["l_shoulder"]])
    skin, shirt, trousers = (224, 172, 140), (40, 90, 160), (50, 50, 60)

    def segment(a, b, width, colour):
        pa, pb = k[INDEX[a]], k[INDEX[b]]
        pen.line([pa, pb], fill=colour, width=int(width))
        for x, y in (pa, pb):
            pen.ellipse((x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill=colour)

    for side in ("r", "l"):
        segment(f"{side}_hip", f"{side}_knee", body * 0.55, trousers)
        segment(f"{side}_knee", f"{side}_ankle", body * 0.45, trousers)
        x, y = k[INDEX[f"{side}_ankle"]]
        pen.ellipse((x - body * 0.25, y - body * 0.05, x + body * 0.3, y + body * 0.2), fill=0)
    torso = [k[INDEX[n]] for n in ("r_shoulder", "l_shoulder", "l_hip", "r_hip")]
    pen.polygon(torso, fill=shirt)
    segment("r_shoulder", "l_shoulder", body * 0.35, shirt)
    segment("r_hip", "l_hip", body * 0.5, trousers)
    segment("neck", "nose", body * 0.3, skin)
    for side in ("r", "l"):
        segment(f"{side}_shoulder", f"{side}_elbow", body * 0.32, shirt)
        segment(f"{side}_elbow", f"{side}_wrist", body * 0.26, skin)
        x, y = k[INDEX[f"{side}_wrist"]]
        pen.ellipse((x - body * 0.16, y - body * 0.16, x + body * 0.16, y + body * 0.16), fill=skin)
    eyes = [k[INDEX[n]] for n in ("r_eye", "l_eye") if k[INDEX[n]] is not None]
    nx, ny = k[INDEX["nose"]]
    r = body * 0.55
    cx = sum(e[0] for e in eyes) / len(eyes)
    cy = sum(e[1] for e in eyes) / len(eyes) + r * 0.1
    pen.ellipse((cx - r * 0.8, cy - r, cx + r * 0.8, cy + r * 1.05), fill=skin)
    pen.chord(
        (cx - r * 0.85, cy - r * 1.1, cx + r * 0.85, cy + r * 0.4), 180, 360, fill=(40, 30, 25)
    )
    for ex, ey in eyes:
        pen.ellipse((ex - r * 0.13, ey - r * 0.08, ex + r * 0.13, ey + r * 0.08), fill="white")
        pen.ellipse((ex - r * 0.06, ey - r * 0.06, ex + r * 0.06, ey + r * 0.06), fill=(40, 30, 20))
    nose = [(nx, ny - r * 0.2), (nx - r * 0.1, ny + r * 0.05), (nx + r * 0.1, ny + r * 0.05)]
    pen.polygon(nose, fill=(200, 140, 110))
    mouth = (nx - r * 0.25, ny + r * 0.05, nx + r * 0.25, ny + r * 0.4)
    pen.arc(mouth, 20, 160, fill=(150, 60, 60), width=max(1, int(r * 0.07)))
    return image.filter(ImageFilter.GaussianBlur(1))


@pytest.fixture
def mediapipe():
    return pytest.importorskip(
        "mediapipe.python.solutions.pose",
        reason="mediapipe (0.10.21, with its bundled pose models) is not installed",
    )


@pytest.mark.parametrize(
    "pose_id", ["standing-front-arms-down", "standing-waving", "product-chest-both-hands"]
)
def test_from_photo_finds_the_pose_of_a_painted_person(mediapipe, pose_id):
    template = pose(pose_id)
    found = estimate.from_photo(_png(paint_person(template["keypoints"])))
    assert len(found) == 18
    for name in BODY:
        point, expected = found[INDEX[name]], at(template, name)
        assert point is not None, name
        assert math.dist(point, expected) < 0.06, (name, point, expected)
    assert found[INDEX["r_shoulder"]][0] < found[INDEX["l_shoulder"]][0]


def test_from_photo_finds_nobody_in_an_empty_room(mediapipe):
    with pytest.raises(ServiceError) as caught:
        estimate.from_photo(_png(Image.new("RGB", (480, 640), (200, 205, 210))))
    assert caught.value.code == "pose_generator_no_person"
