"""Carousel Mix's projects: the layout (how many positions, which canvas), each position's pool of
pictures and text variations, and its text style. Every function takes the acting user and
checks that the project, picture or text is theirs; someone else's looks like a missing one."""

from __future__ import annotations

import secrets
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from lumiku.db import session_scope, utcnow
from lumiku.models import (
    CarouselMixPicture,
    CarouselMixProject,
    CarouselMixStyle,
    CarouselMixText,
    StoredFile,
)
from lumiku.services import files, owned
from lumiku.services.carousel_mix import images, rules, style
from lumiku.services.carousel_mix.canvas import CANVASES
from lumiku.services.errors import ServiceError

MAX_PICTURES = 20  # per position (the original allowed 8)
MAX_TEXTS = 50  # per position
MAX_TEXT_CHARS = 500
MAX_VIDEO_SECONDS = 60  # Instagram's longest carousel video
PAGE_SIZE = 12


def _project(db: Session, user_id: int, project_id: Any, lock: bool = False) -> CarouselMixProject:
    return owned.row(db, CarouselMixProject, user_id, project_id, lock=lock)


def _part(db: Session, user_id: int, model: type, row_id: Any) -> Any:
    return owned.part(db, model, CarouselMixProject, user_id, row_id)


def _touch(project: CarouselMixProject) -> None:
    project.updated_at = utcnow()


def _position(project: CarouselMixProject, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= project.slides:
        raise ServiceError("parameter_invalid", name="position")
    return value


# ------------------------------------------------------------------ reading


@dataclass(frozen=True)
class ProjectSummary:
    id: str
    name: str
    description: str
    slides: int
    canvas: str
    pictures: int
    texts: int
    updated_at: datetime


@dataclass(frozen=True)
class PictureView:
    id: str
    kind: str  # image | video
    name: str
    file_id: str
    still_id: str  # the picture at working size (a video's first frame)
    thumbnail_id: str
    focal_x: float
    focal_y: float


@dataclass(frozen=True)
class TextView:
    id: str
    content: str
    variants: int  # what its spintax stands for


@dataclass(frozen=True)
class PositionView:
    position: int
    pictures: list[PictureView]
    texts: list[TextView]
    style: dict[str, Any]

    @property
    def pool(self) -> rules.Pool:
        return rules.Pool(tuple(p.id for p in self.pictures), tuple(t.content for t in self.texts))


@dataclass(frozen=True)
class ProjectDetail:
    id: str
    name: str
    description: str
    slides: int
    canvas: str
    settings: dict[str, Any]
    positions: list[PositionView]  # 1..slides


def list_projects(user_id: int, page: int = 1) -> owned.ProjectPage[ProjectSummary]:
    with session_scope() as db:
        found = owned.projects_page(db, CarouselMixProject, user_id, page, PAGE_SIZE)
        ids = [p.id for p in found.rows]

        pictures, texts = (
            owned.children(db, CarouselMixPicture, ids),
            owned.children(db, CarouselMixText, ids),
        )
        rows = [
            ProjectSummary(
                p.id,
                p.name,
                p.description,
                p.slides,
                p.canvas,
                pictures.get(p.id, 0),
                texts.get(p.id, 0),
                p.updated_at,
            )
            for p in found.rows
        ]
        return owned.ProjectPage(rows, found.page, found.pages, found.total)


def get_project(user_id: int, project_id: str) -> ProjectDetail:
    with session_scope() as db:
        project = _project(db, user_id, project_id)
        pictures = db.exec(
            select(CarouselMixPicture, StoredFile)
            .join(StoredFile, StoredFile.id == CarouselMixPicture.file_id)
            .where(CarouselMixPicture.project_id == project.id)
            .order_by(CarouselMixPicture.order, CarouselMixPicture.created_at)
        ).all()
        texts = db.exec(
            select(CarouselMixText)
            .where(CarouselMixText.project_id == project.id)
            .order_by(CarouselMixText.order, CarouselMixText.created_at)
        ).all()
        styles = {
            s.position: s.style
            for s in db.exec(
                select(CarouselMixStyle).where(CarouselMixStyle.project_id == project.id)
            ).all()
        }
        positions = [
            PositionView(
                n,
                [
                    PictureView(
                        p.id,
                        p.kind,
                        stored.original_name or p.kind,
                        p.file_id,
                        p.still_id or p.file_id,
                        p.thumbnail_id or "",
                        p.focal_x,
                        p.focal_y,
                    )
                    for p, stored in pictures
                    if p.position == n
                ],
                [
                    TextView(t.id, t.content, rules.spin_count(t.content))
                    for t in texts
                    if t.position == n
                ],
                style.parse_style(styles.get(n, {})).to_dict(),
            )
            for n in range(1, project.slides + 1)
        ]
        return ProjectDetail(
            project.id,
            project.name,
            project.description,
            project.slides,
            project.canvas,
            dict(project.settings),
            positions,
        )


# ------------------------------------------------------------------ projects


def create_project(user_id: int, name: str, description: str = "") -> str:
    return owned.create_project(
        CarouselMixProject, user_id, name, description, settings=rules.OutputSettings().to_dict()
    )


def rename_project(user_id: int, project_id: str, name: str, description: str = "") -> None:
    owned.rename_project(CarouselMixProject, user_id, project_id, name, description)


def set_layout(user_id: int, project_id: str, slides: int, canvas: str) -> None:
    """Fewer positions hide the last ones' pictures and texts; they come back with more."""
    slides = rules.check_slides(slides)
    if not isinstance(canvas, str) or canvas not in CANVASES:
        raise ServiceError("parameter_invalid", name="canvas")
    with session_scope() as db:
        project = _project(db, user_id, project_id)
        project.slides, project.canvas = slides, canvas
        _touch(project)


def delete_project(user_id: int, project_id: str) -> int:
    """Removes the project with its pictures, their files and its generated sets."""

    def picture_files(db: Session, project: CarouselMixProject) -> list[str]:
        pictures = db.exec(
            select(CarouselMixPicture).where(CarouselMixPicture.project_id == project.id)
        )
        return [i for p in pictures for i in _picture_files(p)]

    return owned.delete_project(CarouselMixProject, user_id, project_id, picture_files)


def _picture_files(picture: CarouselMixPicture) -> list[str]:
    return [i for i in (picture.file_id, picture.still_id, picture.thumbnail_id) if i]


# ------------------------------------------------------------------ pictures


def _count(db: Session, model: type, project_id: str, position: int) -> int:
    return db.exec(
        select(func.count())
        .select_from(model)
        .where(model.project_id == project_id, model.position == position)
    ).one()


def picture_room(user_id: int, project_id: str, position: int) -> int:
    """How many more pictures the position takes."""
    with session_scope() as db:
        project = _project(db, user_id, project_id)
        return max(
            0,
            MAX_PICTURES - _count(db, CarouselMixPicture, project.id, _position(project, position)),
        )


def _video_frame(video: Path, out: Path) -> Path:
    """The first frame, full size, as a PNG (decoding it also proves the video plays)."""
    result = subprocess.run(
        ["ffmpeg", "-v", "error", "-nostdin", "-y", "-i", str(video), "-frames:v", "1", str(out)],
        capture_output=True,
        timeout=120,
    )
    if result.returncode != 0 or not out.is_file():
        raise ServiceError("file_unreadable")
    return out


def _store_picture(user_id: int, path: Path, name: str, folder: Path) -> tuple[str, str, list[str]]:
    """Stores an upload as a picture: (kind, file id, stored ids in order file, still, thumb).
    An image is kept only as its normalised copy; a video as it is, with its first frame as
    the still. Judged by content: a file Pillow cannot read is tried as a video."""
    normal = folder / "normal.jpg"
    try:
        images.normalise(path, normal)
        kind = "image"
    except ServiceError as exc:
        if exc.code != "file_unreadable":
            raise
        kind = "video"
    stored: list[str] = []
    try:
        if kind == "image":
            stored.append(files.store_upload(user_id, normal, name, {"image"}).id)
            still = normal
        else:
            try:
                video = files.store_upload(
                    user_id, path, name, {"video"}, max_seconds=MAX_VIDEO_SECONDS
                )
            except ServiceError as exc:  # neither an image nor a video: say both are taken
                if exc.code != "file_type_not_allowed":
                    raise
                raise ServiceError("file_type_not_allowed", kinds="image, video") from None
            stored.append(video.id)
            still = folder / "still.jpg"
            images.normalise(_video_frame(path, folder / "frame.png"), still)
            stored.append(files.store_upload(user_id, still, "still.jpg", {"image"}).id)
        thumb = images.thumbnail(still, folder / "thumb.jpg")
        stored.append(files.store_upload(user_id, thumb, "thumbnail.jpg", {"image"}).id)
        return kind, stored[0], stored
    except BaseException:
        files.delete_files(user_id, stored)
        raise


def add_picture(
    user_id: int, project_id: str, position: int, path: Path, original_name: str
) -> str:
    """Checks the upload by its content (an image, or a video of at most a minute), keeps a
    copy normalised to working size with a thumbnail, and adds it at the end of the position's
    pool. The pool's limit is checked again under the project's lock, so two tabs cannot pass it."""
    with session_scope() as db:
        project = _project(db, user_id, project_id)
        position = _position(project, position)
        if _count(db, CarouselMixPicture, project.id, position) >= MAX_PICTURES:
            raise ServiceError("carousel_mix_too_many_pictures", max=MAX_PICTURES)
    with tempfile.TemporaryDirectory(prefix="lumiku-carousel-") as folder:
        kind, file_id, stored = _store_picture(user_id, path, original_name, Path(folder))
    try:
        with session_scope() as db:
            project = _project(db, user_id, project_id, lock=True)  # deleted meanwhile: refused
            count = _count(db, CarouselMixPicture, project.id, position)
            if count >= MAX_PICTURES:
                raise ServiceError("carousel_mix_too_many_pictures", max=MAX_PICTURES)
            picture = CarouselMixPicture(
                id=secrets.token_hex(16),
                project_id=project.id,
                position=position,
                kind=kind,
                file_id=file_id,
                still_id=stored[1] if kind == "video" else None,
                thumbnail_id=stored[-1],
                order=count,
            )
            db.add(picture)
            _touch(project)
            return picture.id
    except BaseException:
        files.delete_files(user_id, stored)
        raise


def _siblings(db: Session, model: type, row: Any) -> list:
    return list(
        db.exec(
            select(model)
            .where(model.project_id == row.project_id, model.position == row.position)
            .order_by(model.order, model.created_at, model.id)
        ).all()
    )


def move_picture(user_id: int, picture_id: str, step: int) -> None:
    """One place earlier (-1) or later (+1) in its pool (sequential sets follow this order)."""
    owned.check_step(step)
    with session_scope() as db:
        picture = _part(db, user_id, CarouselMixPicture, picture_id)
        siblings = _siblings(db, CarouselMixPicture, picture)
        owned.swap(siblings, siblings.index(picture), step, "order")


def set_focal(user_id: int, picture_id: str, x: float, y: float) -> None:
    """The point of the picture the cover crop keeps in view, in % of its width and height."""
    for name, value in (("focal_x", x), ("focal_y", y)):
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
            raise ServiceError("parameter_out_of_range", name=name, low=0, high=100)
    with session_scope() as db:
        picture = _part(db, user_id, CarouselMixPicture, picture_id)
        picture.focal_x, picture.focal_y = round(float(x), 1), round(float(y), 1)


def delete_picture(user_id: int, picture_id: str) -> None:
    """The picture goes with its files (the row cascades from its upload)."""
    with session_scope() as db:
        picture = _part(db, user_id, CarouselMixPicture, picture_id)
        file_ids = _picture_files(picture)
    files.delete_files(user_id, file_ids)


# ------------------------------------------------------------------ texts


def _content(value: Any) -> str:
    text = value.replace("\r\n", "\n").strip() if isinstance(value, str) else ""
    if not text:
        raise ServiceError("field_required", name="text")
    if len(text) > MAX_TEXT_CHARS:
        raise ServiceError("carousel_mix_text_too_long", max=MAX_TEXT_CHARS)
    return text


def add_texts(user_id: int, project_id: str, position: int, contents: list[str]) -> int:
    """Adds text variations at the end of the position's list: one, or many pasted at once
    (one per line). Returns how many were added."""
    if not isinstance(contents, list) or not all(isinstance(c, str) for c in contents):
        raise ServiceError("parameter_invalid", name="text")
    texts = [_content(c) for c in contents if isinstance(c, str) and c.strip()]
    if not texts:
        raise ServiceError("field_required", name="text")
    with session_scope() as db:
        project = _project(db, user_id, project_id, lock=True)
        position = _position(project, position)
        count = _count(db, CarouselMixText, project.id, position)
        if count + len(texts) > MAX_TEXTS:
            raise ServiceError("carousel_mix_too_many_texts", max=MAX_TEXTS)
        for offset, content in enumerate(texts):
            db.add(
                CarouselMixText(
                    id=secrets.token_hex(16),
                    project_id=project.id,
                    position=position,
                    content=content,
                    order=count + offset,
                )
            )
        _touch(project)
    return len(texts)


def update_text(user_id: int, text_id: str, content: str) -> None:
    with session_scope() as db:
        _part(db, user_id, CarouselMixText, text_id).content = _content(content)


def delete_text(user_id: int, text_id: str) -> None:
    with session_scope() as db:
        text = _part(db, user_id, CarouselMixText, text_id)
        db.delete(text)
        db.flush()
        owned.renumber(_siblings(db, CarouselMixText, text), "order")


# ------------------------------------------------------------------ style


def save_style(
    user_id: int, project_id: str, position: int, raw: dict[str, Any]
) -> style.TextStyle:
    parsed = style.parse_style(raw)
    with session_scope() as db:
        project = _project(db, user_id, project_id)
        position = _position(project, position)
        row = db.exec(
            select(CarouselMixStyle).where(
                CarouselMixStyle.project_id == project.id, CarouselMixStyle.position == position
            )
        ).first()
        if row is None:
            row = CarouselMixStyle(
                id=secrets.token_hex(16), project_id=project.id, position=position
            )
            db.add(row)
        row.style = parsed.to_dict()
        _touch(project)
    return parsed


def save_output(user_id: int, project_id: str, raw: dict[str, Any]) -> rules.OutputSettings:
    settings = rules.parse_output(raw)
    with session_scope() as db:
        _project(db, user_id, project_id).settings = settings.to_dict()
    return settings
