"""Avatar thumbnails framed on the face: a cover crop of a full-body or off-centre portrait
shows a shoulder; a square around the largest face shows who the avatar is.

OpenCV's Haar cascade is old but CPU-cheap and ships with opencv-python-headless, so it runs
in a web request; it looks at a copy at most 640 px across.
"""

from __future__ import annotations

import io
import threading

from PIL import Image, ImageOps, UnidentifiedImageError

from lumiku.services.errors import ServiceError

CASCADE = "haarcascade_frontalface_default.xml"  # in OpenCV's data folder
DETECT_MAX = 640  # px, the longest side of the copy the cascade looks at
FACE_FRAME = 2.2  # the square's side, in face sizes: head, hair and a little shoulder
THUMB_QUALITY = 85
READ_ERRORS = (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError)

_local = threading.local()  # a CascadeClassifier per thread: detectMultiScale is not shareable

Box = tuple[int, int, int, int]  # left, top, width, height


def _cascade():  # noqa: ANN202 - cv2.CascadeClassifier; OpenCV is imported when first needed
    """OpenCV loads only where faces are looked for: an idle worker does not carry it."""
    if getattr(_local, "cascade", None) is None:
        import cv2

        _local.cascade = cv2.CascadeClassifier(cv2.data.haarcascades + CASCADE)
    return _local.cascade


def _open(image: bytes) -> Image.Image:
    """The picture upright (EXIF orientation applied) in RGB."""
    try:
        with Image.open(io.BytesIO(image)) as opened:
            return ImageOps.exif_transpose(opened).convert("RGB")
    except READ_ERRORS:
        raise ServiceError("file_unreadable") from None


def _largest_face(picture: Image.Image) -> Box | None:
    scale = min(1.0, DETECT_MAX / max(picture.size))
    small = picture
    if scale < 1:
        small = picture.resize(
            (max(1, round(picture.width * scale)), max(1, round(picture.height * scale))),
            Image.Resampling.BILINEAR,
        )
    import cv2
    import numpy as np

    gray = cv2.equalizeHist(np.asarray(small.convert("L")))
    faces = _cascade().detectMultiScale(gray, scaleFactor=1.1, minNeighbors=5, minSize=(24, 24))
    if len(faces) == 0:
        return None
    x, y, w, h = max(faces, key=lambda face: int(face[2]) * int(face[3]))
    return (round(x / scale), round(y / scale), round(w / scale), round(h / scale))


def face_box(image: bytes) -> Box | None:
    """(left, top, width, height) of the largest face in the upright picture, or None."""
    return _largest_face(_open(image))


def _square_around(
    box: Box, width: int, height: int, size_factor: float = FACE_FRAME
) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) of a square `size_factor` times the face, centred on it and
    moved (never cut) to stay inside the picture; at most the picture's shorter side."""
    x, y, w, h = box
    side = min(round(max(w, h) * size_factor), width, height)
    side = max(side, 1)
    left = round(x + w / 2 - side / 2)
    top = round(y + h / 2 - side / 2)
    left = min(max(left, 0), width - side)
    top = min(max(top, 0), height - side)
    return left, top, left + side, top + side


def face_thumbnail(image: bytes, size: int = 300) -> bytes:
    """A size×size JPEG framed on the largest face; a centre cover crop when there is none."""
    picture = _open(image)
    box = _largest_face(picture)
    if box is None:
        thumb = ImageOps.fit(picture, (size, size), Image.Resampling.LANCZOS)
    else:
        square = _square_around(box, picture.width, picture.height)
        thumb = picture.resize((size, size), Image.Resampling.LANCZOS, box=square)
    out = io.BytesIO()
    thumb.save(out, "JPEG", quality=THUMB_QUALITY, optimize=True)
    return out.getvalue()
