"""A pose from a photo: MediaPipe Pose (BlazePose), whose models ship inside the mediapipe wheel
(0.10.21 is the last release with the `mp.solutions.pose` API and its .tflite files), so it runs
offline on the CPU. MediaPipe is optional: it is imported only here, when a photo is read.

BlazePose finds 33 landmarks; `to_openpose` keeps the 17 OpenPose has and adds OpenPose's neck,
the middle of the shoulders. `frame` then places them on the library's 3:4 canvas: the 3:4
window of the photo that is centred on the person (as large as the photo allows), so a template
taken from a photo has the photo's framing.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from PIL import Image, ImageOps, UnidentifiedImageError

from lumiku.services.errors import ServiceError
from lumiku.services.pose_generator.poses import ASPECT

Point = tuple[float, float] | None
Landmark = tuple[float, float, float]  # x, y normalised to the image; visibility 0..1

# For each OpenPose keypoint (poses.KEYPOINTS' order), the BlazePose landmark it is; None for
# the neck, which BlazePose does not have.
BLAZEPOSE = (0, None, 12, 14, 16, 11, 13, 15, 24, 26, 28, 23, 25, 27, 5, 2, 8, 7)
R_SHOULDER, L_SHOULDER = 12, 11
MIN_VISIBILITY = 0.5
DETECT_MAX = 1280  # px, the longest side of the copy the estimator looks at
READ_ERRORS = (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError)


def to_openpose(
    landmarks: Sequence[Landmark], width: int, height: int, min_visibility: float = MIN_VISIBILITY
) -> list[Point]:
    """The 18 OpenPose keypoints in pixels of a width x height image from 33 BlazePose landmarks;
    None for one that is hidden (visibility below `min_visibility`) or outside the image."""

    def seen(i: int) -> tuple[float, float] | None:
        x, y, visibility = landmarks[i]
        if visibility < min_visibility or not (0 <= x <= 1 and 0 <= y <= 1):
            return None
        return (x * width, y * height)

    points: list[Point] = []
    for i in BLAZEPOSE:
        if i is not None:
            points.append(seen(i))
            continue
        right, left = seen(R_SHOULDER), seen(L_SHOULDER)
        neck = None if right is None or left is None else _middle(right, left)
        points.append(neck)
    return points


def _middle(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)


def frame(points: Sequence[Point], width: int, height: int) -> list[Point]:
    """Pixel keypoints of a width x height photo on the 3:4 canvas: the largest 3:4 window that
    fits in the photo, centred on the person and kept inside the photo; widened (past the photo)
    only when the person does not fit in it."""
    seen = [p for p in points if p is not None]
    if not seen:
        return [None] * len(points)
    xs, ys = [p[0] for p in seen], [p[1] for p in seen]
    window_h = min(height, width / ASPECT)
    window_h = max(window_h, max(ys) - min(ys), (max(xs) - min(xs)) / ASPECT)
    window_w = window_h * ASPECT
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    left = _clamp(cx - window_w / 2, 0, width - window_w)
    top = _clamp(cy - window_h / 2, 0, height - window_h)
    return [
        None if p is None else ((p[0] - left) / window_w, (p[1] - top) / window_h) for p in points
    ]


def _clamp(value: float, low: float, high: float) -> float:
    """`value` within [low, high]; when the range is empty (a window wider than the photo),
    the window is centred on the photo instead."""
    if high < low:
        return (low + high) / 2
    return min(max(value, low), high)


def enough_body(points: Sequence[Point]) -> bool:
    """Both shoulders (so the neck) and at least one elbow or hip: a body to pose, not a face."""
    return points[1] is not None and any(points[i] is not None for i in (3, 6, 8, 11))


def _open(image: bytes) -> Image.Image:
    try:
        with Image.open(io.BytesIO(image)) as opened:
            picture = ImageOps.exif_transpose(opened).convert("RGB")
    except READ_ERRORS:
        raise ServiceError("file_unreadable") from None
    scale = min(1.0, DETECT_MAX / max(picture.size))
    if scale < 1:
        size = (max(1, round(picture.width * scale)), max(1, round(picture.height * scale)))
        picture = picture.resize(size, Image.Resampling.BILINEAR)
    return picture


def landmarks(picture: Image.Image) -> list[Landmark] | None:
    """BlazePose's 33 landmarks of the most prominent person, or None when nobody is found."""
    import numpy as np

    try:
        from mediapipe.python.solutions import pose as mp_pose
    except ImportError:
        raise ServiceError("pose_generator_estimator_missing") from None
    with mp_pose.Pose(
        static_image_mode=True, model_complexity=1, min_detection_confidence=0.5
    ) as estimator:
        found = estimator.process(np.asarray(picture))
    if found.pose_landmarks is None:
        return None
    return [(p.x, p.y, p.visibility) for p in found.pose_landmarks.landmark]


def from_photo(image: bytes) -> list[Point]:
    """The 18 OpenPose keypoints of the person in a photo, normalised to the library's canvas.

    Raises ServiceError file_unreadable (not a picture), pose_generator_estimator_missing
    (mediapipe is not installed) or pose_generator_no_person (no body found, or too little of
    one to pose: not both shoulders and at least one elbow or hip)."""
    picture = _open(image)
    found = landmarks(picture)
    if found is None:
        raise ServiceError("pose_generator_no_person")
    points = to_openpose(found, picture.width, picture.height)
    if not enough_body(points):
        raise ServiceError("pose_generator_no_person")
    return frame(points, picture.width, picture.height)
