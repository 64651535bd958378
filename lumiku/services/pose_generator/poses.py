"""The pose library: real OpenPose templates, built from joint angles so that every pose keeps a
human body's proportions.

The original seeded dummy keypoints. Here one skeleton builder, `figure`, places a body of fixed
proportions (`PROPORTIONS`, fractions of the standing height) in 3-D from a few angles (the
body's turn, the torso's lean and twist, the hips' tilt, the head's turn, nod and tilt, and for
each arm and leg either its two segments' directions or a point for the hand or foot to reach)
and projects it onto the library's canvas. The named poses are parameter sets for it.

Coordinates. The canvas has the aspect 3:4 (width:height); a keypoint is (x, y) with 0 <= x, y <= 1,
x to the right and y down, or None where the keypoint is not visible (an ear behind the head).
Keypoints follow OpenPose's 18-point COCO body order (`KEYPOINTS`). "Right" is the person's right,
which faces the viewer's left when the person faces the camera, as in OpenPose.

Each template is a dict:

    id, name, name_id, category, gender ("female" | "male" | "any"), tags (tuple of words),
    difficulty ("easy" | "medium" | "hard"), posture ("standing" | "walking" | "sitting"),
    keypoints (18 x (x, y) | None), depth (18 x z | None: toward the camera, in canvas heights),
    height (the person's standing height, in canvas heights)

`depth` and `height` let a renderer order limbs and let checks tell foreshortening from a wrong
limb length: a segment's 3-D length is its `PROPORTIONS` entry times `height`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

KEYPOINTS = (
    "nose",
    "neck",
    "r_shoulder",
    "r_elbow",
    "r_wrist",
    "l_shoulder",
    "l_elbow",
    "l_wrist",
    "r_hip",
    "r_knee",
    "r_ankle",
    "l_hip",
    "l_knee",
    "l_ankle",
    "r_eye",
    "l_eye",
    "r_ear",
    "l_ear",
)
INDEX = {name: i for i, name in enumerate(KEYPOINTS)}

CATEGORIES = (
    "standing",
    "sitting",
    "walking",
    "product-holding",
    "hijab-fashion",
    "professional",
)
GENDERS = ("female", "male", "any")
DIFFICULTIES = ("easy", "medium", "hard")
POSTURES = ("standing", "walking", "sitting")

ASPECT = 3 / 4  # the canvas's width over its height

# Segment lengths as fractions of the standing height (after Drillis and Contini's tables):
# shoulder and hip are the half-widths between the joints, torso runs from the mid-hip to the neck
# (OpenPose's neck: the middle of the shoulders) and head from the neck to the head's centre.
PROPORTIONS = {
    "shoulder": 0.105,
    "hip": 0.058,
    "torso": 0.29,
    "head": 0.1,
    "upper_arm": 0.186,
    "forearm": 0.15,
    "thigh": 0.245,
    "shin": 0.245,
}
# The face in the head's frame (x to the person's left, y down, z forward, origin between the
# ears), and how far behind the head's centre (in heights) each point may turn and stay visible.
FACE = {
    "nose": ((0.0, 0.02, 0.05), -0.02),
    "r_eye": ((-0.016, -0.015, 0.04), -0.006),
    "l_eye": ((0.016, -0.015, 0.04), -0.006),
    "r_ear": ((-0.042, 0.0, -0.005), -0.02),
    "l_ear": ((0.042, 0.0, -0.005), -0.02),
}
HEAD_TOP = 0.085  # from the head's centre to the crown
SOLE = 0.04  # from the ankle to the floor

Vec = tuple[float, float, float]
Mat = tuple[Vec, Vec, Vec]
Point = tuple[float, float] | None


# ------------------------------------------------------------------------------------ geometry
def _add(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def _sub(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def _scale(a: Vec, k: float) -> Vec:
    return (a[0] * k, a[1] * k, a[2] * k)


def _dot(a: Vec, b: Vec) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def _norm(a: Vec) -> float:
    return math.sqrt(_dot(a, a))


def _unit(a: Vec) -> Vec:
    return _scale(a, 1 / _norm(a))


def _apply(m: Mat, v: Vec) -> Vec:
    return (_dot(m[0], v), _dot(m[1], v), _dot(m[2], v))


def _matmul(a: Mat, b: Mat) -> Mat:
    cols = tuple(zip(*b, strict=True))
    return tuple(tuple(_dot(row, col) for col in cols) for row in a)  # type: ignore[return-value]


def rotation(turn: float = 0.0, nod: float = 0.0, tilt: float = 0.0) -> Mat:
    """A frame turned `turn` degrees toward the viewer's right about the vertical, bent `nod`
    degrees forward and tilted `tilt` degrees toward the person's left (applied in that order).

    Axes: x to the person's left (the viewer's right when facing the camera), y down, z toward
    the camera."""
    y, p, r = (math.radians(v) for v in (turn, nod, tilt))
    turn_m: Mat = ((math.cos(y), 0, math.sin(y)), (0, 1, 0), (-math.sin(y), 0, math.cos(y)))
    nod_m: Mat = ((1, 0, 0), (0, math.cos(p), math.sin(p)), (0, -math.sin(p), math.cos(p)))
    tilt_m: Mat = ((math.cos(r), -math.sin(r), 0), (math.sin(r), math.cos(r), 0), (0, 0, 1))
    return _matmul(_matmul(turn_m, nod_m), tilt_m)


def direction(side: int, spread: float, forward: float) -> Vec:
    """A limb segment's direction in its parent's frame: `spread` degrees from straight down
    toward the limb's own side (negative: across the body; 180: straight up), then raised
    `forward` degrees toward the front (negative: behind). `side` is -1 right, +1 left."""
    a, f = math.radians(spread), math.radians(forward)
    return (side * math.sin(a) * math.cos(f), math.cos(a) * math.cos(f), math.sin(f))


@dataclass(frozen=True)
class Limb:
    """An arm or a leg: the directions of its two segments (spread, forward; see `direction`), or
    a point to reach (out toward the limb's side, down, forward: from the neck in the chest's
    frame for an arm, from the middle of the hips in the pelvis's frame for a leg) with the elbow
    or knee bending toward `bend` (same axes; a knee wants a forward bend such as (0, 0, 1))."""

    upper: tuple[float, float] = (0.0, 0.0)
    lower: tuple[float, float] = (0.0, 0.0)
    reach: Vec | None = None
    bend: Vec = (0.6, 1.0, -0.4)


def limb(upper: tuple[float, float], lower: tuple[float, float]) -> Limb:
    return Limb(upper=upper, lower=lower)


def reach(out: float, down: float, forward: float, bend: Vec = (0.6, 1.0, -0.4)) -> Limb:
    return Limb(reach=(out, down, forward), bend=bend)


def _two_bone(root: Vec, target: Vec, l1: float, l2: float, pole: Vec) -> tuple[Vec, Vec]:
    """The middle joint and the end of a two-segment chain from `root` toward `target`, bending
    toward `pole`; a target out of reach straightens the chain toward it."""
    span = _sub(target, root)
    d = min(max(_norm(span), abs(l1 - l2) + 1e-6), l1 + l2 - 1e-6)
    u = _unit(span)
    a = (l1 * l1 - l2 * l2 + d * d) / (2 * d)
    h = math.sqrt(max(l1 * l1 - a * a, 0.0))
    side = _sub(pole, _scale(u, _dot(pole, u)))
    side = _unit(side) if _norm(side) > 1e-9 else (0.0, 1.0, 0.0)
    middle = _add(root, _add(_scale(u, a), _scale(side, h)))
    return middle, _add(root, _scale(u, d))


def _chain(
    spec: Limb, side: int, frame: Mat, root: Vec, origin: Vec, l1: float, l2: float
) -> tuple[Vec, Vec]:
    if spec.reach is None:
        middle = _add(root, _scale(_apply(frame, direction(side, *spec.upper)), l1))
        return middle, _add(middle, _scale(_apply(frame, direction(side, *spec.lower)), l2))
    out, down, forward = spec.reach
    target = _add(origin, _apply(frame, (side * out, down, forward)))
    bx, by, bz = spec.bend
    return _two_bone(root, target, l1, l2, _apply(frame, (side * bx, by, bz)))


# --------------------------------------------------------------------------------- the figure
ARMS_DOWN = limb((7, 0), (4, 6))
LEG_STRAIGHT = limb((3, 0), (0, 0))


def figure(
    *,
    turn: float = 0.0,
    twist: float = 0.0,
    lean: float = 0.0,
    side: float = 0.0,
    hip_tilt: float = 0.0,
    head: tuple[float, float, float] = (0.0, 0.0, 0.0),
    r_arm: Limb = ARMS_DOWN,
    l_arm: Limb = ARMS_DOWN,
    r_leg: Limb = LEG_STRAIGHT,
    l_leg: Limb = LEG_STRAIGHT,
) -> dict[str, Vec | None]:
    """The 18 keypoints in 3-D, in standing heights around the middle of the hips.

    turn: the whole body's turn toward the viewer's right (90: profile facing right);
    twist: the chest's turn over the hips; lean: the torso bent forward; side: the torso leaning
    toward the person's left; hip_tilt: the left hip lowered (contrapposto with the weight on the
    right leg); head: (turn, nod down, tilt toward the left shoulder) over the chest."""
    p = PROPORTIONS
    body = rotation(turn)
    pelvis = _matmul(body, rotation(tilt=hip_tilt))
    chest = _matmul(body, rotation(twist, lean, side))
    mid_hip: Vec = (0.0, 0.0, 0.0)
    neck = _apply(chest, (0.0, -p["torso"], 0.0))
    points: dict[str, Vec | None] = {"neck": neck}
    for name, s in (("r", -1), ("l", 1)):
        shoulder = _add(neck, _apply(chest, (s * p["shoulder"], 0.0, 0.0)))
        arm = r_arm if s < 0 else l_arm
        elbow, wrist = _chain(arm, s, chest, shoulder, neck, p["upper_arm"], p["forearm"])
        hip = _apply(pelvis, (s * p["hip"], 0.0, 0.0))
        leg = r_leg if s < 0 else l_leg
        knee, ankle = _chain(leg, s, pelvis, hip, mid_hip, p["thigh"], p["shin"])
        points |= {
            f"{name}_shoulder": shoulder,
            f"{name}_elbow": elbow,
            f"{name}_wrist": wrist,
            f"{name}_hip": hip,
            f"{name}_knee": knee,
            f"{name}_ankle": ankle,
        }
    head_frame = _matmul(chest, rotation(*head))
    centre = _add(neck, _apply(head_frame, (0.0, -p["head"], 0.0)))
    for name, (offset, limit) in FACE.items():
        turned = _apply(head_frame, offset)
        points[name] = _add(centre, turned) if turned[2] >= limit else None
    points["_crown"] = _add(centre, _apply(head_frame, (0.0, -HEAD_TOP, 0.0)))
    return points


def project(
    points: dict[str, Vec | None], scale: float = 0.8, margin: float = 0.05
) -> tuple[tuple[Point, ...], tuple[float | None, ...], float]:
    """(keypoints, depth, height): the figure on the canvas, `scale` canvas heights tall when
    standing unless that would not fit within `margin`, centred on its outline (crown to soles)."""
    xs, ys = [], []
    for name, v in points.items():
        if v is None:
            continue
        xs.append(v[0])
        ys.append(v[1] + (SOLE if name.endswith("ankle") else 0.0))
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    s = min(scale, (ASPECT - 2 * margin) / width, (1 - 2 * margin) / height)
    x0 = ASPECT / 2 - s * (max(xs) + min(xs)) / 2
    y0 = 0.5 - s * (max(ys) + min(ys)) / 2
    keypoints: list[Point] = []
    depth: list[float | None] = []
    for name in KEYPOINTS:
        v = points[name]
        if v is None:
            keypoints.append(None)
            depth.append(None)
            continue
        keypoints.append((round((x0 + s * v[0]) / ASPECT, 4), round(y0 + s * v[1], 4)))
        depth.append(round(s * v[2], 4))
    return tuple(keypoints), tuple(depth), round(s, 4)


def _pose(
    pose_id: str,
    name: str,
    name_id: str,
    category: str,
    gender: str,
    difficulty: str,
    posture: str,
    tags: str,
    *,
    scale: float = 0.8,
    **params: Any,
) -> dict[str, Any]:
    keypoints, depth, height = project(figure(**params), scale)
    return {
        "id": pose_id,
        "name": name,
        "name_id": name_id,
        "category": category,
        "gender": gender,
        "tags": tuple(tags.split()),
        "difficulty": difficulty,
        "posture": posture,
        "keypoints": keypoints,
        "depth": depth,
        "height": height,
    }


# ------------------------------------------------------------------------------ limb presets
# Mid-stride: the front heel about to land, the back heel up.
FRONT_LEG = limb((2, 24), (0, 6))
BACK_LEG = limb((2, -14), (0, -42))
ARM_SWING_FORWARD = limb((4, 22), (2, 42))
ARM_SWING_BACK = limb((6, -20), (4, -8))
POCKET = reach(0.075, 0.28, 0.08, bend=(0.5, 1.0, -0.6))
HAND_ON_HIP = reach(0.1, 0.24, -0.01, bend=(1.0, 0.0, -0.35))
CHAIR_LEG = limb((8, 86), (2, 6))  # thigh level, shin hanging


POSES: tuple[dict[str, Any], ...] = (
    # -------------------------------------------------------------------------------- standing
    _pose(
        "standing-front-arms-down",
        "Standing, facing front, arms relaxed",
        "Berdiri menghadap depan, tangan rileks",
        "standing",
        "any",
        "easy",
        "standing",
        "front relaxed basic casual depan santai dasar",
        r_leg=limb((4, 0), (0, 0)),
        l_leg=limb((4, 0), (0, 0)),
    ),
    _pose(
        "standing-hands-on-hips",
        "Hands on hips",
        "Tangan di pinggang",
        "standing",
        "any",
        "easy",
        "standing",
        "confident hips power percaya-diri pinggang",
        r_arm=HAND_ON_HIP,
        l_arm=HAND_ON_HIP,
        r_leg=limb((7, 0), (1, 0)),
        l_leg=limb((7, 0), (1, 0)),
    ),
    _pose(
        "standing-arms-crossed",
        "Arms crossed, head tilted",
        "Tangan bersedekap, kepala sedikit miring",
        "standing",
        "any",
        "easy",
        "standing",
        "arms crossed casual bersedekap santai",
        head=(0, 0, 6),
        r_arm=reach(-0.11, 0.15, 0.09, bend=(0.7, 1.0, -0.2)),
        l_arm=reach(-0.12, 0.17, 0.07, bend=(0.7, 1.0, -0.2)),
        r_leg=limb((5, 0), (0, 0)),
        l_leg=limb((5, 0), (0, 0)),
    ),
    _pose(
        "standing-waving",
        "Waving one hand",
        "Melambaikan satu tangan",
        "standing",
        "any",
        "easy",
        "standing",
        "wave hello greeting friendly lambai sapa ramah",
        head=(0, 0, -5),
        r_arm=limb((55, 12), (168, 10)),
        l_leg=limb((4, 0), (0, 0)),
    ),
    _pose(
        "standing-contrapposto",
        "Contrapposto, weight on one leg",
        "Kontrapos, bertumpu pada satu kaki",
        "standing",
        "female",
        "medium",
        "standing",
        "contrapposto fashion model elegant kontrapos fesyen model anggun",
        turn=10,
        side=-4,
        hip_tilt=7,
        head=(-5, 0, -4),
        l_arm=HAND_ON_HIP,
        r_leg=limb((-2, 0), (0, 0)),
        l_leg=limb((-9, 16), (2, -10)),
    ),
    _pose(
        "standing-hands-in-pockets",
        "Hands in pockets",
        "Tangan di saku",
        "standing",
        "male",
        "easy",
        "standing",
        "pockets casual cool saku santai",
        turn=-12,
        r_arm=POCKET,
        l_arm=POCKET,
        r_leg=limb((8, 0), (0, 0)),
        l_leg=limb((8, 0), (0, 0)),
    ),
    _pose(
        "standing-three-quarter",
        "Three-quarter view, relaxed",
        "Tampak tiga perempat, rileks",
        "standing",
        "any",
        "easy",
        "standing",
        "three-quarter angle relaxed tiga-perempat sudut rileks",
        turn=38,
        head=(-18, 0, 0),
        r_leg=limb((4, 4), (0, 0)),
        l_leg=limb((-4, 10), (0, -6)),
    ),
    _pose(
        "standing-side-profile",
        "Side profile",
        "Tampak samping",
        "standing",
        "any",
        "medium",
        "standing",
        "side profile silhouette samping profil siluet",
        turn=84,
        r_arm=limb((2, 8), (1, 18)),
        l_arm=limb((2, -8), (1, 4)),
        r_leg=limb((2, 8), (0, -2)),
    ),
    _pose(
        "standing-arms-raised",
        "Both arms raised in celebration",
        "Kedua tangan terangkat merayakan",
        "standing",
        "any",
        "medium",
        "standing",
        "celebrate victory happy arms up rayakan menang senang tangan",
        head=(0, -8, 0),
        r_arm=limb((150, 0), (165, 0)),
        l_arm=limb((150, 0), (165, 0)),
        r_leg=limb((8, 0), (2, 0)),
        l_leg=limb((8, 0), (2, 0)),
    ),
    _pose(
        "standing-hand-behind-head",
        "One hand behind the head",
        "Satu tangan di belakang kepala",
        "standing",
        "female",
        "medium",
        "standing",
        "relaxed fashion summer model rileks fesyen musim model",
        turn=-15,
        hip_tilt=-6,
        side=4,
        head=(8, 0, 6),
        l_arm=reach(0.04, -0.1, -0.05, bend=(1.0, -0.3, 0.1)),
        l_leg=limb((-2, 0), (0, 0)),
        r_leg=limb((-8, 14), (2, -8)),
    ),
    # --------------------------------------------------------------------------------- sitting
    _pose(
        "sitting-chair-front",
        "Sitting on a chair, hands on thighs",
        "Duduk di kursi, tangan di paha",
        "sitting",
        "any",
        "easy",
        "sitting",
        "chair seated relaxed kursi duduk santai",
        turn=28,
        head=(-18, 0, 0),
        lean=6,
        r_arm=reach(0.06, 0.3, 0.17, bend=(0.6, 1.0, -0.4)),
        l_arm=reach(0.06, 0.3, 0.17, bend=(0.6, 1.0, -0.4)),
        r_leg=CHAIR_LEG,
        l_leg=CHAIR_LEG,
    ),
    _pose(
        "sitting-chair-side",
        "Sitting on a chair, side view",
        "Duduk di kursi, tampak samping",
        "sitting",
        "any",
        "easy",
        "sitting",
        "chair seated profile kursi duduk samping",
        turn=80,
        head=(-30, 0, 0),
        r_arm=reach(0.07, 0.3, 0.16),
        l_arm=reach(0.07, 0.3, 0.13),
        r_leg=limb((6, 88), (2, 8)),
        l_leg=limb((6, 84), (2, -2)),
    ),
    _pose(
        "sitting-cross-legged-floor",
        "Sitting cross-legged on the floor",
        "Duduk bersila di lantai",
        "sitting",
        "any",
        "medium",
        "sitting",
        "floor cross-legged relaxed yoga lantai bersila santai",
        turn=8,
        head=(-6, 0, 0),
        scale=0.95,
        r_arm=reach(0.2, 0.31, 0.13, bend=(0.7, 1.0, -0.2)),
        l_arm=reach(0.2, 0.31, 0.13, bend=(0.7, 1.0, -0.2)),
        r_leg=limb((78, 42), (-100, 22)),
        l_leg=limb((78, 42), (-98, 10)),
    ),
    _pose(
        "sitting-sideways-chair",
        "Sitting sideways, turning to the camera",
        "Duduk menyamping, menoleh ke kamera",
        "sitting",
        "any",
        "medium",
        "sitting",
        "sideways chair turn casual menyamping kursi menoleh santai",
        turn=65,
        twist=-22,
        head=(-35, 0, 4),
        r_arm=reach(0.04, 0.28, 0.15),
        l_arm=limb((18, -18), (10, 50)),
        r_leg=limb((4, 88), (0, 4)),
        l_leg=limb((8, 84), (0, -4)),
    ),
    _pose(
        "sitting-legs-crossed-chair",
        "Sitting with legs crossed",
        "Duduk menyilangkan kaki",
        "sitting",
        "female",
        "medium",
        "sitting",
        "legs crossed chair elegant kaki silang kursi anggun",
        turn=35,
        head=(-22, 0, -4),
        r_arm=reach(0.0, 0.3, 0.18),
        l_arm=reach(-0.02, 0.29, 0.2),
        r_leg=limb((-16, 96), (-6, 12)),
        l_leg=limb((4, 86), (1, 2)),
    ),
    _pose(
        "sitting-elbows-on-knees",
        "Sitting forward, elbows on knees",
        "Duduk condong ke depan, siku di lutut",
        "sitting",
        "male",
        "medium",
        "sitting",
        "casual lean forward thoughtful santai condong berpikir",
        turn=30,
        lean=22,
        head=(-20, -10, 0),
        r_arm=reach(-0.01, 0.23, 0.3, bend=(0.3, 1.0, 0.2)),
        l_arm=reach(-0.01, 0.24, 0.3, bend=(0.3, 1.0, 0.2)),
        r_leg=limb((16, 86), (6, 0)),
        l_leg=limb((16, 86), (6, 0)),
    ),
    _pose(
        "sitting-floor-leaning-back",
        "Sitting on the floor, leaning back on the hands",
        "Duduk di lantai, bersandar pada kedua tangan",
        "sitting",
        "any",
        "medium",
        "sitting",
        "floor legs stretched relaxed beach picnic lantai kaki selonjor santai pantai piknik",
        turn=62,
        lean=-18,
        head=(-30, 0, 0),
        scale=0.9,
        r_arm=limb((12, -34), (10, -30)),
        l_arm=limb((12, -34), (10, -30)),
        r_leg=limb((4, 80), (2, 86)),
        l_leg=limb((4, 90), (6, 50)),
    ),
    # --------------------------------------------------------------------------------- walking
    _pose(
        "walking-toward-camera",
        "Walking toward the camera",
        "Berjalan ke arah kamera",
        "walking",
        "any",
        "easy",
        "walking",
        "walk stride street casual jalan langkah jalanan santai",
        turn=22,
        lean=3,
        r_arm=ARM_SWING_FORWARD,
        l_arm=ARM_SWING_BACK,
        l_leg=FRONT_LEG,
        r_leg=BACK_LEG,
    ),
    _pose(
        "walking-side",
        "Walking, side view",
        "Berjalan, tampak samping",
        "walking",
        "any",
        "easy",
        "walking",
        "walk stride profile jalan langkah samping",
        turn=90,
        lean=3,
        l_arm=ARM_SWING_FORWARD,
        r_arm=ARM_SWING_BACK,
        r_leg=FRONT_LEG,
        l_leg=BACK_LEG,
    ),
    _pose(
        "walking-three-quarter",
        "Walking, three-quarter view",
        "Berjalan, tampak tiga perempat",
        "walking",
        "any",
        "easy",
        "walking",
        "walk stride three-quarter jalan langkah tiga-perempat",
        turn=-45,
        lean=3,
        head=(20, 0, 0),
        l_arm=ARM_SWING_FORWARD,
        r_arm=ARM_SWING_BACK,
        r_leg=FRONT_LEG,
        l_leg=BACK_LEG,
    ),
    _pose(
        "walking-catwalk",
        "Catwalk stride",
        "Berjalan ala peragaan busana",
        "walking",
        "female",
        "medium",
        "walking",
        "catwalk runway fashion model peragaan busana fesyen",
        turn=32,
        hip_tilt=6,
        side=-3,
        head=(-20, 0, 0),
        r_arm=limb((10, 10), (6, 20)),
        l_arm=limb((12, -12), (6, -4)),
        l_leg=limb((-10, 26), (-3, 6)),
        r_leg=limb((-6, -14), (0, -44)),
    ),
    _pose(
        "walking-glance-at-camera",
        "Walking past, glancing at the camera",
        "Berjalan melintas sambil melirik kamera",
        "walking",
        "any",
        "medium",
        "walking",
        "glance candid street look camera lirik kamera jalanan",
        turn=70,
        twist=-25,
        head=(-55, 0, 0),
        l_arm=ARM_SWING_FORWARD,
        r_arm=ARM_SWING_BACK,
        r_leg=FRONT_LEG,
        l_leg=BACK_LEG,
    ),
    _pose(
        "walking-hands-in-pockets",
        "Walking with hands in pockets",
        "Berjalan dengan tangan di saku",
        "walking",
        "male",
        "easy",
        "walking",
        "walk pockets casual street jalan saku santai jalanan",
        turn=-30,
        r_arm=POCKET,
        l_arm=POCKET,
        r_leg=FRONT_LEG,
        l_leg=BACK_LEG,
    ),
    # ------------------------------------------------------------------------- product-holding
    _pose(
        "product-chest-both-hands",
        "Holding a product at the chest with both hands",
        "Memegang produk di depan dada dengan dua tangan",
        "product-holding",
        "any",
        "easy",
        "standing",
        "product chest both hands showcase produk dada dua tangan",
        turn=12,
        head=(-6, 4, 4),
        r_arm=reach(0.035, 0.16, 0.17, bend=(1.0, 1.0, -0.2)),
        l_arm=reach(0.035, 0.16, 0.17, bend=(1.0, 1.0, -0.2)),
        r_leg=limb((5, 0), (0, 0)),
        l_leg=limb((5, 0), (0, 0)),
    ),
    _pose(
        "product-palm-presenting",
        "Presenting a product on the open palm",
        "Menampilkan produk di telapak tangan",
        "product-holding",
        "any",
        "medium",
        "standing",
        "product palm present shoulder produk telapak tampilkan",
        turn=-10,
        head=(-22, 4, -4),
        r_arm=reach(0.3, 0.02, 0.12, bend=(0.3, 1.0, -0.2)),
        l_arm=HAND_ON_HIP,
        l_leg=limb((-4, 10), (0, -6)),
    ),
    _pose(
        "product-pointing",
        "Pointing at a product held in the other hand",
        "Menunjuk produk yang dipegang tangan lain",
        "product-holding",
        "any",
        "medium",
        "standing",
        "product point hold review produk tunjuk pegang ulasan",
        turn=-8,
        head=(14, 6, 0),
        l_arm=reach(0.22, 0.12, 0.14, bend=(0.4, 1.0, -0.2)),
        r_arm=reach(-0.07, 0.1, 0.2, bend=(0.8, 0.6, -0.2)),
    ),
    _pose(
        "product-bag-on-forearm",
        "Holding a bag on the forearm",
        "Tas di lengan bawah",
        "product-holding",
        "female",
        "easy",
        "standing",
        "bag handbag forearm fashion tas lengan fesyen",
        turn=30,
        head=(-15, 0, 0),
        hip_tilt=-5,
        l_arm=limb((8, -8), (30, 72)),
        r_arm=HAND_ON_HIP,
        l_leg=limb((-2, 0), (0, 0)),
        r_leg=limb((-6, 14), (0, -8)),
    ),
    _pose(
        "product-beside-face",
        "Holding a product beside the face",
        "Memegang produk di samping wajah",
        "product-holding",
        "any",
        "easy",
        "standing",
        "product face skincare beauty cosmetic produk wajah kecantikan kosmetik",
        turn=10,
        head=(-6, 0, 8),
        r_arm=reach(0.08, -0.02, 0.07, bend=(0.5, 1.0, 0.3)),
        l_arm=reach(-0.06, 0.22, 0.1),
    ),
    _pose(
        "product-showing-to-camera",
        "Holding a product out toward the camera",
        "Menyodorkan produk ke arah kamera",
        "product-holding",
        "any",
        "hard",
        "standing",
        "product show camera offer produk sodorkan kamera",
        turn=-35,
        head=(20, 0, 0),
        r_arm=reach(0.06, 0.1, 0.32, bend=(0.4, 1.0, 0.0)),
        r_leg=limb((4, 8), (0, -4)),
    ),
    _pose(
        "product-shopping-bags",
        "Shopping bags over the shoulder and in hand",
        "Tas belanja di bahu dan di tangan",
        "product-holding",
        "any",
        "easy",
        "standing",
        "shopping bags carry belanja tas bawa",
        turn=15,
        head=(-10, 0, 0),
        r_arm=reach(0.09, 0.06, 0.06, bend=(0.5, 1.0, 0.0)),
        l_arm=limb((16, 0), (14, 2)),
        r_leg=limb((5, 0), (0, 0)),
        l_leg=limb((-3, 10), (0, -6)),
    ),
    # --------------------------------------------------------------------------- hijab-fashion
    _pose(
        "hijab-adjust-at-chin",
        "Adjusting the hijab at the chin",
        "Merapikan hijab di dagu",
        "hijab-fashion",
        "female",
        "easy",
        "standing",
        "hijab adjust chin modest hijab rapikan dagu muslimah",
        turn=10,
        head=(-5, 6, 6),
        r_arm=reach(0.03, 0.01, 0.1, bend=(0.5, 1.0, 0.2)),
        l_arm=reach(0.03, 0.0, 0.1, bend=(0.5, 1.0, 0.2)),
    ),
    _pose(
        "hijab-touch-shawl-edge",
        "Touching the shawl's edge",
        "Menyentuh ujung selendang",
        "hijab-fashion",
        "female",
        "easy",
        "standing",
        "hijab shawl pashmina edge modest hijab selendang pashmina ujung muslimah",
        turn=20,
        head=(-15, 8, 4),
        l_arm=reach(0.03, 0.12, 0.09, bend=(0.8, 1.0, -0.2)),
        l_leg=limb((-5, 12), (0, -8)),
    ),
    _pose(
        "hijab-three-quarter-turn",
        "Elegant three-quarter turn",
        "Putaran tiga perempat yang anggun",
        "hijab-fashion",
        "female",
        "medium",
        "standing",
        "hijab elegant three-quarter modest hijab anggun tiga-perempat muslimah",
        turn=42,
        twist=-8,
        head=(-28, 6, 0),
        r_arm=reach(-0.01, 0.3, 0.12),
        l_arm=reach(0.01, 0.3, 0.12),
        l_leg=limb((-6, 12), (0, -6)),
    ),
    _pose(
        "hijab-walking-shawl",
        "Walking while holding the shawl",
        "Berjalan sambil memegang selendang",
        "hijab-fashion",
        "female",
        "medium",
        "walking",
        "hijab walk shawl modest hijab jalan selendang muslimah",
        turn=28,
        head=(-18, 4, 0),
        r_arm=reach(-0.02, 0.1, 0.1, bend=(0.8, 1.0, -0.2)),
        l_arm=ARM_SWING_BACK,
        l_leg=FRONT_LEG,
        r_leg=BACK_LEG,
    ),
    _pose(
        "hijab-hand-at-cheek",
        "One hand gently at the cheek",
        "Satu tangan lembut di pipi",
        "hijab-fashion",
        "female",
        "easy",
        "standing",
        "hijab cheek soft portrait modest hijab pipi lembut potret muslimah",
        turn=-12,
        head=(6, 4, -8),
        r_arm=reach(0.06, -0.01, 0.07, bend=(0.5, 1.0, 0.3)),
        l_arm=reach(-0.1, 0.22, 0.1),
    ),
    _pose(
        "hijab-looking-down",
        "Looking down shyly, hands clasped",
        "Menunduk malu, tangan bertaut",
        "hijab-fashion",
        "female",
        "easy",
        "standing",
        "hijab shy look down soft modest hijab menunduk malu lembut muslimah",
        turn=15,
        head=(-6, 18, 6),
        r_arm=reach(-0.005, 0.27, 0.1),
        l_arm=reach(0.005, 0.27, 0.1),
        r_leg=limb((2, 6), (0, -4)),
    ),
    _pose(
        "hijab-sitting-elegant",
        "Sitting elegantly, hands on the lap",
        "Duduk anggun, tangan di pangkuan",
        "hijab-fashion",
        "female",
        "medium",
        "sitting",
        "hijab sitting elegant modest hijab duduk anggun muslimah",
        turn=35,
        head=(-25, 4, 4),
        r_arm=reach(0.0, 0.3, 0.14),
        l_arm=reach(0.01, 0.3, 0.16),
        r_leg=limb((-2, 86), (-4, 14)),
        l_leg=limb((-2, 86), (-4, 14)),
    ),
    # ---------------------------------------------------------------------------- professional
    _pose(
        "pro-arms-crossed",
        "Arms crossed, confident",
        "Bersedekap, percaya diri",
        "professional",
        "any",
        "easy",
        "standing",
        "business confident arms crossed bisnis percaya-diri bersedekap",
        turn=22,
        head=(-14, -3, 0),
        r_arm=reach(-0.11, 0.15, 0.09, bend=(0.7, 1.0, -0.2)),
        l_arm=reach(-0.12, 0.17, 0.07, bend=(0.7, 1.0, -0.2)),
        r_leg=limb((7, 0), (0, 0)),
        l_leg=limb((7, 0), (0, 0)),
    ),
    _pose(
        "pro-presenting-side",
        "Presenting to the side",
        "Mempresentasikan ke samping",
        "professional",
        "any",
        "medium",
        "standing",
        "present presentation business screen presentasi bisnis layar",
        turn=-20,
        head=(-20, 0, 0),
        r_arm=limb((50, 20), (66, 28)),
        l_arm=ARMS_DOWN,
        l_leg=limb((-2, 8), (0, -4)),
    ),
    _pose(
        "pro-holding-tablet",
        "Holding a tablet",
        "Memegang tablet",
        "professional",
        "any",
        "easy",
        "standing",
        "tablet business work device bisnis kerja perangkat",
        turn=25,
        head=(-12, 12, 0),
        l_arm=reach(-0.02, 0.2, 0.16, bend=(0.8, 1.0, -0.3)),
        r_arm=reach(0.0, 0.18, 0.2, bend=(0.8, 1.0, -0.1)),
    ),
    _pose(
        "pro-handshake-ready",
        "Reaching out for a handshake",
        "Siap berjabat tangan",
        "professional",
        "any",
        "medium",
        "standing",
        "handshake greeting business deal jabat tangan salam bisnis",
        turn=-35,
        lean=4,
        head=(10, 0, 0),
        r_arm=reach(0.07, 0.19, 0.33, bend=(0.4, 1.0, -0.2)),
        r_leg=limb((-2, 8), (0, -4)),
    ),
    _pose(
        "pro-speaking-open-hands",
        "Speaking with open hands",
        "Berbicara dengan tangan terbuka",
        "professional",
        "any",
        "medium",
        "standing",
        "speak talk explain open hands bicara jelaskan tangan terbuka",
        turn=20,
        head=(-10, 0, 3),
        r_arm=reach(0.2, 0.18, 0.16, bend=(0.4, 1.0, -0.2)),
        l_arm=reach(0.17, 0.17, 0.17, bend=(0.4, 1.0, -0.2)),
        r_leg=limb((6, 0), (0, 0)),
        l_leg=limb((6, 0), (0, 0)),
    ),
    _pose(
        "pro-thinking-hand-on-chin",
        "Thinking, hand on the chin",
        "Berpikir, tangan di dagu",
        "professional",
        "any",
        "medium",
        "standing",
        "thinking thoughtful chin business berpikir dagu bisnis",
        turn=15,
        head=(-8, 4, 6),
        l_arm=reach(-0.09, 0.2, 0.1, bend=(0.8, 1.0, -0.2)),
        r_arm=reach(-0.01, 0.01, 0.1, bend=(0.2, 1.0, 0.3)),
    ),
    _pose(
        "pro-phone-call",
        "On a phone call",
        "Sedang menelepon",
        "professional",
        "any",
        "easy",
        "standing",
        "phone call business talk telepon bisnis bicara",
        turn=-18,
        head=(10, 0, -6),
        r_arm=reach(0.06, -0.02, 0.05, bend=(0.5, 1.0, 0.3)),
        l_arm=POCKET,
        r_leg=limb((-4, 10), (0, -6)),
    ),
    _pose(
        "pro-buttoning-blazer",
        "Buttoning the blazer",
        "Mengancingkan blazer",
        "professional",
        "male",
        "easy",
        "standing",
        "blazer suit button business jas kancing bisnis",
        turn=-15,
        head=(10, 6, 0),
        r_arm=reach(-0.005, 0.23, 0.1, bend=(0.8, 1.0, -0.2)),
        l_arm=reach(0.02, 0.21, 0.1, bend=(0.8, 1.0, -0.2)),
        r_leg=limb((6, 0), (0, 0)),
        l_leg=limb((6, 0), (0, 0)),
    ),
)

_BY_ID = {p["id"]: p for p in POSES}


def pose(pose_id: str) -> dict[str, Any] | None:
    """The template with this id, or None."""
    return _BY_ID.get(pose_id)


def search(category: str = "", gender: str = "", text: str = "") -> list[dict[str, Any]]:
    """Templates in the library's order. `gender` keeps that gender's poses and those for anyone;
    every word of `text` must occur (case-insensitively) in the name, the Indonesian name or a
    tag."""
    words = text.casefold().split()
    found = []
    for p in POSES:
        if category and p["category"] != category:
            continue
        if gender and p["gender"] not in (gender, "any"):
            continue
        haystack = (p["name"].casefold(), p["name_id"].casefold(), *p["tags"])
        if all(any(w in h.casefold() for h in haystack) for w in words):
            found.append(p)
    return found
