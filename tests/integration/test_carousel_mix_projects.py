"""Carousel Mix's projects on real PostgreSQL/SQLite, Pillow and FFmpeg: the layout, each
position's pictures (checked by content), texts and style, saved styles, the live preview and
the estimate, with a second user who reaches nothing and hostile argument shapes that change
nothing."""

from __future__ import annotations

import inspect
import io
import math
import subprocess
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from sqlmodel import select

from lumiku.db import session_scope
from lumiku.models import (
    CarouselMixPicture,
    CarouselMixProject,
    CarouselMixStyle,
    CarouselMixText,
    Generation,
    StoredFile,
    User,
)
from lumiku.services import billing, generations, seed
from lumiku.services.carousel_mix import editor, projects, rules, sets, style
from lumiku.services.errors import NotFound, ServiceError
from lumiku.services.storage import get_storage
from lumiku.settings import get_settings
from tests.factories import make_clip, make_image, new_user


@pytest.fixture
def app(db, rds):
    seed.run_all()
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def storage_used(user_id: int) -> int:
    with session_scope() as db:
        return db.get(User, user_id).storage_used_bytes


def stored_files(user_id: int) -> dict[str, StoredFile]:
    with session_scope() as db:
        rows = db.exec(select(StoredFile).where(StoredFile.user_id == user_id)).all()
        return {row.id: row for row in rows}


def stored_image(file_id: str) -> Image.Image:
    with session_scope() as db:
        key = db.get(StoredFile, file_id).key
    with get_storage().open(key) as source:
        image = Image.open(io.BytesIO(source.read()))
        image.load()
    return image


def picture(user_id: int, picture_id: str) -> projects.PictureView:
    with session_scope() as db:
        project_id = db.get(CarouselMixPicture, picture_id).project_id
    found = projects.get_project(user_id, project_id).positions
    return next(p for position in found for p in position.pictures if p.id == picture_id)


def image_project(user_id: int, tmp_path: Path, slides: int = 3) -> tuple[str, list[str]]:
    """A project of `slides` positions with one small picture each."""
    project_id = projects.create_project(user_id, "Promo", "")
    projects.set_layout(user_id, project_id, slides, "4:5")
    colours = ["red", "green", "blue", "orange", "purple", "navy", "olive", "teal"]
    ids = [
        projects.add_picture(
            user_id,
            project_id,
            n,
            make_image(tmp_path / f"p{n}.jpg", (64, 48), colours[n - 1]),
            f"p{n}.jpg",
        )
        for n in range(1, slides + 1)
    ]
    return project_id, ids


# ------------------------------------------------------------------ projects


def test_projects_are_created_renamed_laid_out_and_listed(app):
    user_id = new_user()
    project_id = projects.create_project(user_id, "  Promo   Lebaran ", "  sale  ")
    project = projects.get_project(user_id, project_id)
    assert (project.name, project.description) == ("Promo Lebaran", "sale")
    assert (project.slides, project.canvas) == (4, "4:5")
    assert project.settings == rules.OutputSettings().to_dict()
    assert [p.position for p in project.positions] == [1, 2, 3, 4]
    default = style.TextStyle().to_dict()
    assert all(p.pictures == [] and p.texts == [] and p.style == default for p in project.positions)

    projects.rename_project(user_id, project_id, "x" * 300, "d" * 900)
    project = projects.get_project(user_id, project_id)
    assert (project.name, project.description) == ("x" * 100, "d" * 500)
    for name in ("", "   ", None, 7, ["a"]):
        with pytest.raises(ServiceError) as refused:
            projects.rename_project(user_id, project_id, name)
        assert refused.value.code == "field_required"
    with pytest.raises(ServiceError):
        projects.create_project(user_id, " \n ")

    # fewer positions hide the last ones' texts; more bring them back
    projects.add_texts(user_id, project_id, 4, ["Terakhir"])
    projects.set_layout(user_id, project_id, 2, "9:16")
    project = projects.get_project(user_id, project_id)
    assert (project.slides, project.canvas, len(project.positions)) == (2, "9:16", 2)
    with pytest.raises(ServiceError) as refused:
        projects.add_texts(user_id, project_id, 3, ["no such position now"])
    assert refused.value.params == {"name": "position"}
    projects.set_layout(user_id, project_id, 8, "1:1")
    project = projects.get_project(user_id, project_id)
    assert [t.content for t in project.positions[3].texts] == ["Terakhir"]
    assert len(project.positions) == 8

    for slides, canvas in ((1, "4:5"), (9, "4:5"), (True, "4:5"), ("4", "4:5"), (4.0, "4:5")):
        with pytest.raises(ServiceError) as refused:
            projects.set_layout(user_id, project_id, slides, canvas)
        assert refused.value.params["name"] == "slides"
    for canvas in ("16:9", "", None, 7, "4:5 ", True, ["4:5"], {"4:5": 1}):
        with pytest.raises(ServiceError) as refused:
            projects.set_layout(user_id, project_id, 4, canvas)
        assert refused.value.params["name"] == "canvas"

    second = projects.create_project(user_id, "Second")
    listed = projects.list_projects(user_id)
    assert listed.total == 2
    assert [row.id for row in listed.rows] == [second, project_id]  # the newest change first
    row = listed.rows[1]
    assert (row.name, row.slides, row.canvas, row.pictures, row.texts) == (
        "x" * 100,
        8,
        "1:1",
        0,
        1,
    )
    for page in (None, "2", 0, -5, 10**30, True, 1.5):
        assert projects.list_projects(user_id, page).page == 1

    assert projects.delete_project(user_id, second) == 0
    with pytest.raises(NotFound):
        projects.get_project(user_id, second)
    assert projects.list_projects(user_id).total == 1


def test_the_output_settings_are_saved_on_the_project(app):
    user_id = new_user()
    project_id = projects.create_project(user_id, "Out")
    saved = projects.save_output(user_id, project_id, {"format": "png", "pdf": True})
    assert projects.get_project(user_id, project_id).settings == saved.to_dict()
    assert saved == rules.OutputSettings("png", 90, True, "random")
    for raw in ({"pdf": 1}, {"quality": 59}, {"format": "gif"}, None, []):
        with pytest.raises(ServiceError):
            projects.save_output(user_id, project_id, raw)
    assert projects.get_project(user_id, project_id).settings == saved.to_dict()


# ------------------------------------------------------------------ a second user, odd shapes

HUGE = "x" * 5000
ODD = [None, 7, -1, 0, True, False, "", HUGE, "²", {"id": "x"}, ["a"], 1.5, 10**30, float("nan")]
ODD_BY_KIND: dict[str, list] = {
    "id": [None, 7, -1, True, "", HUGE, "²", {"id": "x"}, ["a"], 1.5, 10**30, "0" * 32],
    "position": [None, True, False, 0, -1, 5, "1", 1.0, 10**30, [1], {"p": 1}],
    "slides": [None, True, 1, 9, "4", 4.0, 10**30, [4]],
    "canvas": [None, "16:9", 7, "", "4:5 ", HUGE, True, ["4:5"], {"4:5": 1}],
    "step": [None, True, 0, 2, -2, "1", 1.0, 10**30, [1]],
    "count": [None, True, 0, -1, 101, "3", 3.0, 10**30, [1]],
    "focal": [None, True, "50", -0.1, 100.1, float("nan"), float("inf"), 10**30, [50]],
    "texts": [None, "Halo", [None], [1], ["x" * 501], [], [""], ["  "], {"a": "b"}, [HUGE]],
    "text": [None, "", "   ", 7, "x" * 501, HUGE, ["a"]],
    "name": [None, "", "   ", 7, ["a"], {"n": "x"}],
    "output": [None, [], "jpg", {"format": "gif"}, {"quality": True}, {"pdf": 1}],
    "style": [None, [], "x", {"size": 99}, {"font": "comic"}, {"color": "red"}, {"weight": 450}],
}


def calls(ids: dict[str, str], path: Path) -> dict[str, tuple]:
    """Every public service function that reaches a project, picture, text or saved style:
    (function, [(kind, valid argument)…] after the acting user)."""
    return {
        "projects.get_project": (projects.get_project, [("id", ids["project"])]),
        "projects.rename_project": (
            projects.rename_project,
            [("id", ids["project"]), ("name", "Stolen"), ("free", "")],
        ),
        "projects.set_layout": (
            projects.set_layout,
            [("id", ids["project"]), ("slides", 2), ("canvas", "1:1")],
        ),
        "projects.delete_project": (projects.delete_project, [("id", ids["project"])]),
        "projects.picture_room": (
            projects.picture_room,
            [("id", ids["project"]), ("position", 1)],
        ),
        "projects.add_picture": (
            projects.add_picture,
            [("id", ids["project"]), ("position", 1), ("path", path), ("free", "x.jpg")],
        ),
        "projects.move_picture": (projects.move_picture, [("id", ids["picture"]), ("step", 1)]),
        "projects.set_focal": (
            projects.set_focal,
            [("id", ids["picture"]), ("focal", 10), ("focal", 90)],
        ),
        "projects.delete_picture": (projects.delete_picture, [("id", ids["picture"])]),
        "projects.add_texts": (
            projects.add_texts,
            [("id", ids["project"]), ("position", 1), ("texts", ["Stolen"])],
        ),
        "projects.update_text": (projects.update_text, [("id", ids["text"]), ("text", "Stolen")]),
        "projects.delete_text": (projects.delete_text, [("id", ids["text"])]),
        "projects.save_style": (
            projects.save_style,
            [("id", ids["project"]), ("position", 1), ("style", {"size": 3})],
        ),
        "projects.save_output": (
            projects.save_output,
            [("id", ids["project"]), ("output", {"format": "png"})],
        ),
        "sets.estimate": (sets.estimate, [("id", ids["project"]), ("count", 1)]),
        "sets.generate": (
            sets.generate,
            [("id", ids["project"]), ("output", {}), ("count", 1), ("free", "steal-1")],
        ),
        "editor.get_preset": (editor.get_preset, [("id", ids["preset"])]),
        "editor.delete_preset": (editor.delete_preset, [("id", ids["preset"])]),
        "editor.preview": (
            editor.preview,
            [
                ("id", ids["project"]),
                ("position", 1),
                ("free", ids["picture"]),
                ("free", "Halo"),
                ("style", {}),
            ],
        ),
    }


# Public functions that reach nobody's rows by id: listing and creating one's own, and a pure
# check of texts against a style.
NO_FOREIGN_IDS = {
    "projects.list_projects",
    "projects.create_project",
    "editor.list_presets",
    "editor.save_preset",
    "editor.unfitting_texts",
}


def public_functions() -> set[str]:
    names = set()
    for module in (projects, sets, editor):
        short = module.__name__.rsplit(".", 1)[-1]
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ == module.__name__ and not name.startswith("_"):
                names.add(f"{short}.{name}")
    return names


def snapshot(user_id: int, project_id: str) -> tuple:
    with session_scope() as db:
        project = db.get(CarouselMixProject, project_id)
        updated = project.updated_at
    return (
        projects.get_project(user_id, project_id),
        editor.list_presets(user_id),
        storage_used(user_id),
        sorted(stored_files(user_id)),
        updated,
        billing.balance(user_id),
    )


def test_another_user_reaches_nothing_and_odd_arguments_change_nothing(app, tmp_path):
    owner, other = new_user(1), new_user(2)
    project_id, (picture_id, *_rest) = image_project(owner, tmp_path, slides=2)
    projects.add_picture(
        owner, project_id, 1, make_image(tmp_path / "b.png", color="navy"), "b.png"
    )
    projects.add_texts(owner, project_id, 1, ["Halo", "Diskon"])
    text_id = projects.get_project(owner, project_id).positions[0].texts[0].id
    projects.save_style(owner, project_id, 1, {"size": 8, "color": "#ff0"})
    preset_id = editor.save_preset(owner, "Mine", {"font": "lato"})
    upload = make_image(tmp_path / "upload.jpg", color="yellow")
    ids = {"project": project_id, "picture": picture_id, "text": text_id, "preset": preset_id}
    table = calls(ids, upload)
    # a public function added later must be added to this test too
    assert public_functions() == set(table) | NO_FOREIGN_IDS
    before = snapshot(owner, project_id)

    # the other user, with the owner's ids: exactly what a missing row gives
    for name, (fn, args) in table.items():
        with pytest.raises(NotFound):
            fn(other, *[value for _kind, value in args])
        # ...and with every other argument odd as well: refused, never a crash
        for n in range(len(args)):
            for odd in ODD:
                values = [value for _kind, value in args]
                values[n] = odd
                with pytest.raises(ServiceError):
                    fn(other, *values)
        assert snapshot(owner, project_id) == before, name
    assert projects.list_projects(other).total == 0
    assert editor.list_presets(other) == []
    assert stored_files(other) == {} and storage_used(other) == 0
    with session_scope() as db:
        assert db.exec(select(Generation)).all() == []

    # the owner, with odd ids, positions, counts, settings and texts: refused, nothing changes
    for name, (fn, args) in table.items():
        for n, (kind, _value) in enumerate(args):
            for odd in ODD_BY_KIND.get(kind, []):
                values = [value for _kind, value in args]
                values[n] = odd
                with pytest.raises(ServiceError):
                    fn(owner, *values)
        assert snapshot(owner, project_id) == before, name
    with session_scope() as db:
        assert db.exec(select(Generation)).all() == []


# ------------------------------------------------------------------ pictures


def cmyk_jpeg(path: Path) -> Path:
    Image.new("CMYK", (64, 48), (0, 255, 255, 0)).save(path, "JPEG")  # red, in ink
    return path


def animated_gif(path: Path) -> Path:
    frames = [Image.new("RGB", (32, 24), colour) for colour in ("red", "green", "blue")]
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=100, loop=0)
    return path


def transparent_png(path: Path) -> Path:
    image = Image.new("RGBA", (40, 30), (0, 0, 0, 0))
    image.paste((255, 0, 0, 255), (0, 0, 20, 30))  # the left half red, the rest see-through
    image.save(path)
    return path


def rotated_jpeg(path: Path) -> Path:
    """64×48 as stored, with EXIF orientation 6: a 48×64 picture once upright."""
    exif = Image.Exif()
    exif[0x0112] = 6
    Image.new("RGB", (64, 48), "green").save(path, "JPEG", exif=exif.tobytes())
    return path


def sound(path: Path) -> Path:
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=duration=1", str(path)],
        check=True,
    )
    return path


def a_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("slide_1.jpg", b"not really")
    return path


def test_images_are_checked_by_content_and_normalised(app, tmp_path):
    user_id = new_user()
    project_id = projects.create_project(user_id, "Pictures")
    cases = {
        "photo.jpg": (make_image(tmp_path / "photo.jpg", (64, 48), "red"), (64, 48), (255, 0, 0)),
        "cmyk.jpg": (cmyk_jpeg(tmp_path / "cmyk.jpg"), (64, 48), (255, 0, 0)),
        "renamed.png": (  # a JPEG called .png: judged by what it is
            make_image(tmp_path / "renamed.png.tmp.jpg", (64, 48), "blue").rename(
                tmp_path / "renamed.png"
            ),
            (64, 48),
            (0, 0, 255),
        ),
        "clear.png": (transparent_png(tmp_path / "clear.png"), (40, 30), (255, 0, 0)),
        "rotated.jpg": (rotated_jpeg(tmp_path / "rotated.jpg"), (48, 64), (0, 128, 0)),
        "still.gif": (make_image(tmp_path / "still.gif", (20, 10), "red"), (20, 10), (255, 0, 0)),
    }
    added = {
        name: projects.add_picture(user_id, project_id, 1, path, name)
        for name, (path, _size, _colour) in cases.items()
    }
    position = projects.get_project(user_id, project_id).positions[0]
    assert [p.id for p in position.pictures] == list(added.values())  # in the order added
    files = stored_files(user_id)
    for name, (_path, size, colour) in cases.items():
        view = next(p for p in position.pictures if p.id == added[name])
        assert (view.kind, view.name) == ("image", name)
        assert view.still_id == view.file_id  # an image is its own still
        row = files[view.file_id]
        assert (row.media, row.content_type, row.kind) == ("image", "image/jpeg", "upload")
        assert row.key.endswith(".jpg")
        image = stored_image(view.file_id)
        assert (image.format, image.mode, image.size) == ("JPEG", "RGB", size), name
        assert not image.getexif()  # no metadata leaves with it
        pixel = image.getpixel((2, 2))
        assert all(abs(a - b) <= 40 for a, b in zip(pixel, colour, strict=True)), (name, pixel)
        thumb = stored_image(view.thumbnail_id)
        assert thumb.format == "JPEG" and max(thumb.size) <= 320
        assert (view.focal_x, view.focal_y) == (50.0, 50.0)
    # the transparent part was flattened on white
    clear = picture(user_id, added["clear.png"]).file_id
    assert all(v >= 215 for v in stored_image(clear).getpixel((35, 15)))
    assert len(files) == 2 * len(cases)  # each image kept once, plus its thumbnail
    assert storage_used(user_id) == sum(f.size_bytes for f in files.values())


def test_videos_are_kept_with_a_still_and_a_thumbnail(app, tmp_path, monkeypatch):
    user_id = new_user()
    project_id = projects.create_project(user_id, "Clips")
    clip = make_clip(tmp_path / "clip.mp4", 1.0, size="160x120", pattern="testsrc")
    picture_id = projects.add_picture(user_id, project_id, 2, clip, "clip.mp4")
    view = picture(user_id, picture_id)
    assert (view.kind, view.name) == ("video", "clip.mp4")
    files = stored_files(user_id)
    assert set(files) == {view.file_id, view.still_id, view.thumbnail_id}
    video = files[view.file_id]
    assert (video.media, video.content_type, video.width, video.height) == (
        "video",
        "video/mp4",
        160,
        120,
    )
    assert abs(video.duration_seconds - 1.0) < 0.1
    still = stored_image(view.still_id)
    assert (still.format, still.size) == ("JPEG", (160, 120))  # the first frame, full size
    assert stored_image(view.thumbnail_id).format == "JPEG"
    with session_scope() as db:
        row = db.get(CarouselMixPicture, picture_id)
        assert (row.position, row.still_id) == (2, view.still_id)

    # longer than Instagram allows: refused before anything is kept
    used, kept = storage_used(user_id), set(stored_files(user_id))
    monkeypatch.setattr(projects, "MAX_VIDEO_SECONDS", 0.5)
    with pytest.raises(ServiceError) as refused:
        projects.add_picture(user_id, project_id, 2, clip, "long.mp4")
    assert refused.value.code == "file_too_long"
    assert storage_used(user_id) == used and set(stored_files(user_id)) == kept
    assert len(projects.get_project(user_id, project_id).positions[1].pictures) == 1


def test_files_that_are_not_pictures_are_refused_and_nothing_is_kept(app, tmp_path):
    user_id = new_user()
    project_id = projects.create_project(user_id, "Refusals")
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    text = tmp_path / "notes.txt"
    text.write_text("Promo Lebaran, diskon 50%\n" * 20)
    text_as_jpeg = tmp_path / "notes.jpg"
    text_as_jpeg.write_text("not a picture at all")
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(make_image(tmp_path / "whole.jpg", (64, 48), "noise").read_bytes()[:300])
    refusals = [
        (empty, "file_empty"),
        (text, "file_unreadable"),
        (text_as_jpeg, "file_unreadable"),
        (cut, "file_unreadable"),
        (animated_gif(tmp_path / "moving.gif"), "carousel_mix_image_animated"),
        (sound(tmp_path / "tone.wav"), "file_type_not_allowed"),
        (a_zip(tmp_path / "slides.zip"), "file_unreadable"),  # uploads are never archives
    ]
    for path, code in refusals:
        with pytest.raises(ServiceError) as refused:
            projects.add_picture(user_id, project_id, 1, path, path.name)
        assert refused.value.code == code, path.name
        if code == "file_type_not_allowed":  # the message names what the pool does take
            assert refused.value.params == {"kinds": "image, video"}
    assert storage_used(user_id) == 0 and stored_files(user_id) == {}
    assert projects.get_project(user_id, project_id).positions[0].pictures == []


def test_an_uploaded_zip_is_refused_without_being_unpacked(app, tmp_path, monkeypatch):
    user_id = new_user()
    project_id = projects.create_project(user_id, "Bomb")
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.bin", bytes(8 * 2**20))  # 8 MiB inside, a few KiB outside
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def counting_open(self, name, *args, **kwargs):
        opened.append(getattr(name, "filename", name))
        return real_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", counting_open)
    with pytest.raises(ServiceError) as refused:
        projects.add_picture(user_id, project_id, 1, bomb, "bomb.zip")
    assert refused.value.code in ("file_type_not_allowed", "file_unreadable")
    assert opened == []  # an upload's members are never decompressed


def test_a_position_takes_at_most_max_pictures(app, tmp_path):
    user_id = new_user()
    project_id = projects.create_project(user_id, "Full")
    image = make_image(tmp_path / "p.jpg", (16, 12), "red")
    assert projects.MAX_PICTURES == 20
    assert projects.picture_room(user_id, project_id, 1) == 20
    for n in range(projects.MAX_PICTURES):
        projects.add_picture(user_id, project_id, 1, image, f"p{n}.jpg")
    assert projects.picture_room(user_id, project_id, 1) == 0
    assert projects.picture_room(user_id, project_id, 2) == 20
    used = storage_used(user_id)
    with pytest.raises(ServiceError) as refused:
        projects.add_picture(user_id, project_id, 1, image, "one-too-many.jpg")
    assert (refused.value.code, refused.value.params) == (
        "carousel_mix_too_many_pictures",
        {"max": 20},
    )
    assert storage_used(user_id) == used
    projects.add_picture(user_id, project_id, 2, image, "other-position.jpg")
    counts = [len(p.pictures) for p in projects.get_project(user_id, project_id).positions]
    assert counts == [20, 1, 0, 0]


def test_the_picture_limit_holds_when_several_tabs_add_at_once(app, tmp_path, monkeypatch):
    import threading

    from lumiku.db import get_engine

    if get_engine().dialect.name != "postgresql":
        pytest.skip("concurrent writers are tested on PostgreSQL")
    user_id = new_user()
    project_id = projects.create_project(user_id, "Busy")
    image = make_image(tmp_path / "p.jpg", (16, 12), "red")
    monkeypatch.setattr(projects, "MAX_PICTURES", 3)
    for n in range(2):
        projects.add_picture(user_id, project_id, 1, image, f"p{n}.jpg")
    tabs = 4
    together = threading.Barrier(tabs, timeout=60)  # every tab past the early check first
    real_thumbnail = projects.images.thumbnail

    def thumbnail_then_wait(*args, **kwargs):
        made = real_thumbnail(*args, **kwargs)
        together.wait()
        return made

    monkeypatch.setattr(projects.images, "thumbnail", thumbnail_then_wait)
    outcomes: list[str] = []

    def add(n: int) -> None:
        try:
            projects.add_picture(user_id, project_id, 1, image, f"tab{n}.jpg")
            outcomes.append("added")
        except ServiceError as exc:
            outcomes.append(exc.code)

    threads = [threading.Thread(target=add, args=(n,)) for n in range(tabs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert sorted(outcomes) == ["added"] + ["carousel_mix_too_many_pictures"] * 3
    assert len(projects.get_project(user_id, project_id).positions[0].pictures) == 3
    stored = stored_files(user_id)  # the refused tabs' files were removed and their space freed
    assert len(stored) == 3 * 2 and storage_used(user_id) == sum(
        f.size_bytes for f in stored.values()
    )


def test_pictures_are_reordered_and_take_a_focal_point(app, tmp_path):
    user_id = new_user()
    project_id = projects.create_project(user_id, "Order")
    a, b, c = (
        projects.add_picture(user_id, project_id, 1, make_image(tmp_path / f"{n}.jpg"), f"{n}.jpg")
        for n in "abc"
    )
    projects.move_picture(user_id, c, -1)
    projects.move_picture(user_id, a, -1)  # already first: stays
    order = [p.id for p in projects.get_project(user_id, project_id).positions[0].pictures]
    assert order == [a, c, b]
    projects.move_picture(user_id, a, 1)
    order = [p.id for p in projects.get_project(user_id, project_id).positions[0].pictures]
    assert order == [c, a, b]

    projects.set_focal(user_id, b, 12.345, 100)
    view = picture(user_id, b)
    assert (view.focal_x, view.focal_y) == (12.3, 100.0)
    projects.set_focal(user_id, b, 0, 0.0)
    assert (picture(user_id, b).focal_x, picture(user_id, b).focal_y) == (0.0, 0.0)
    for x, y in ((101, 50), (-1, 50), (50, True), ("50", 50), (float("nan"), 50), (50, None)):
        with pytest.raises(ServiceError) as refused:
            projects.set_focal(user_id, b, x, y)
        assert refused.value.code == "parameter_out_of_range"
    assert (picture(user_id, b).focal_x, picture(user_id, b).focal_y) == (0.0, 0.0)


def test_deleting_a_picture_frees_its_files(app, tmp_path):
    user_id = new_user()
    project_id = projects.create_project(user_id, "Delete")
    keep = projects.add_picture(user_id, project_id, 1, make_image(tmp_path / "k.jpg"), "k.jpg")
    used = storage_used(user_id)
    kept = set(stored_files(user_id))
    image = projects.add_picture(
        user_id, project_id, 1, make_image(tmp_path / "i.jpg", color="red"), "i.jpg"
    )
    clip = make_clip(tmp_path / "v.mp4", 1.0, size="160x120", audio=False)
    video = projects.add_picture(user_id, project_id, 2, clip, "v.mp4")
    files = stored_files(user_id)
    keys = {i: f.key for i, f in files.items() if i not in kept}
    assert len(keys) == 2 + 3  # image + thumbnail; video + still + thumbnail
    assert all(get_storage().exists(key) for key in keys.values())
    assert storage_used(user_id) > used

    projects.delete_picture(user_id, image)
    projects.delete_picture(user_id, video)
    assert storage_used(user_id) == used
    assert set(stored_files(user_id)) == kept
    assert not any(get_storage().exists(key) for key in keys.values())
    with session_scope() as db:
        assert db.get(CarouselMixPicture, image) is None
        assert db.get(CarouselMixPicture, video) is None
    positions = projects.get_project(user_id, project_id).positions
    assert [p.id for p in positions[0].pictures] == [keep] and positions[1].pictures == []
    with pytest.raises(NotFound):
        projects.delete_picture(user_id, image)


def test_deleting_a_project_frees_everything_but_waits_for_its_work(app, tmp_path):
    user_id = new_user()
    other_project, _ = image_project(user_id, tmp_path, slides=2)
    used = storage_used(user_id)
    kept = set(stored_files(user_id))
    project_id, _ = image_project(user_id, tmp_path, slides=2)
    projects.add_picture(
        user_id, project_id, 2, make_clip(tmp_path / "v.mp4", 1.0, size="160x120"), "v.mp4"
    )
    projects.add_texts(user_id, project_id, 1, ["Halo", "Hai"])
    projects.save_style(user_id, project_id, 1, {"size": 9})
    generation_id = sets.generate(user_id, project_id, {}, 2, "cm-delete")

    with pytest.raises(ServiceError) as refused:  # queued: the project cannot go yet
        projects.delete_project(user_id, project_id)
    assert refused.value.code == "generation_still_running"
    with session_scope() as db:
        db.get(Generation, generation_id).status = "running"
    with pytest.raises(ServiceError) as refused:
        projects.delete_project(user_id, project_id)
    assert refused.value.code == "generation_still_running"
    assert projects.get_project(user_id, project_id).slides == 2

    generations.cancel(user_id, generation_id)  # the user stops it: now it may go
    assert generations.get(user_id, generation_id).status == "cancelled"
    balance = billing.balance(user_id)
    files = stored_files(user_id)
    keys = [f.key for i, f in files.items() if i not in kept]
    assert projects.delete_project(user_id, project_id) == len(keys) == 2 * 2 + 3
    assert storage_used(user_id) == used
    assert set(stored_files(user_id)) == kept
    assert not any(get_storage().exists(key) for key in keys)
    with session_scope() as db:
        assert db.get(Generation, generation_id) is None
        for model in (CarouselMixPicture, CarouselMixText, CarouselMixStyle):
            assert db.exec(select(model).where(model.project_id == project_id)).all() == []
    with pytest.raises(NotFound):
        projects.get_project(user_id, project_id)
    assert billing.balance(user_id) == balance
    assert len(projects.get_project(user_id, other_project).positions[0].pictures) == 1


# ------------------------------------------------------------------ texts


def test_texts_are_added_many_at_once_within_their_limits(app):
    user_id = new_user()
    project_id = projects.create_project(user_id, "Texts")
    lines = [f"Promo ke-{n} {{hemat|murah}}" for n in range(1, 50)]
    assert projects.add_texts(user_id, project_id, 1, ["  ", *lines, "\t"]) == 49  # blanks skipped
    texts = projects.get_project(user_id, project_id).positions[0].texts
    assert [t.content for t in texts] == lines
    assert {t.variants for t in texts} == {2}
    with pytest.raises(ServiceError) as refused:  # 49 + 2 > 50: none of the two is added
        projects.add_texts(user_id, project_id, 1, ["a", "b"])
    assert (refused.value.code, refused.value.params) == (
        "carousel_mix_too_many_texts",
        {"max": 50},
    )
    assert projects.add_texts(user_id, project_id, 1, ["Line one\r\nline two  "]) == 1
    texts = projects.get_project(user_id, project_id).positions[0].texts
    assert len(texts) == projects.MAX_TEXTS
    assert texts[-1].content == "Line one\nline two"  # one text over two lines, as typed
    with pytest.raises(ServiceError):
        projects.add_texts(user_id, project_id, 1, ["one more"])

    # too long: refused whole, with the limit named
    assert projects.add_texts(user_id, project_id, 2, ["é" * 500]) == 1
    with pytest.raises(ServiceError) as refused:
        projects.add_texts(user_id, project_id, 2, ["fine", "x" * 501])
    assert (refused.value.code, refused.value.params) == (
        "carousel_mix_text_too_long",
        {"max": 500},
    )
    assert len(projects.get_project(user_id, project_id).positions[1].texts) == 1
    for contents, code in (
        ([], "field_required"),
        (["", "  "], "field_required"),
        ("Halo", "parameter_invalid"),
        (["ok", 7], "parameter_invalid"),
        (None, "parameter_invalid"),
    ):
        with pytest.raises(ServiceError) as refused:
            projects.add_texts(user_id, project_id, 3, contents)
        assert refused.value.code == code


def test_texts_are_edited_and_deleted_in_order(app):
    user_id = new_user()
    project_id = projects.create_project(user_id, "Edit")
    projects.add_texts(user_id, project_id, 1, ["a", "b", "c"])
    a, b, c = (t.id for t in projects.get_project(user_id, project_id).positions[0].texts)
    projects.update_text(user_id, b, "  {Diskon|Promo} 😀  ")
    projects.delete_text(user_id, a)
    texts = projects.get_project(user_id, project_id).positions[0].texts
    assert [(t.id, t.content, t.variants) for t in texts] == [
        (b, "{Diskon|Promo} 😀", 2),
        (c, "c", 1),
    ]
    with session_scope() as db:
        assert [db.get(CarouselMixText, i).order for i in (b, c)] == [0, 1]
    for content, code in (("", "field_required"), ("x" * 501, "carousel_mix_text_too_long")):
        with pytest.raises(ServiceError) as refused:
            projects.update_text(user_id, b, content)
        assert refused.value.code == code
    with pytest.raises(NotFound):
        projects.update_text(user_id, a, "gone")


# ------------------------------------------------------------------ styles


def test_position_styles_are_checked_and_replaced(app):
    user_id = new_user()
    project_id = projects.create_project(user_id, "Style")
    saved = projects.save_style(
        user_id, project_id, 2, {"font": "poppins", "size": 8, "color": "#abc", "unknown": 1}
    )
    assert (saved.font, saved.size, saved.color) == ("poppins", 8.0, "#AABBCC")
    assert projects.get_project(user_id, project_id).positions[1].style == saved.to_dict()
    again = projects.save_style(user_id, project_id, 2, style.PRESETS["retro"].to_dict())
    assert projects.get_project(user_id, project_id).positions[1].style == again.to_dict()
    with session_scope() as db:
        rows = db.exec(select(CarouselMixStyle).where(CarouselMixStyle.project_id == project_id))
        assert len(rows.all()) == 1
    for raw, field in (
        ({"size": 30}, "size"),
        ({"size": True}, "size"),
        ({"weight": 450}, "weight"),
        ({"font": "comic_sans"}, "font"),
        ({"color": "red"}, "color"),
        ({"align": "justify"}, "align"),
        ({"box_opacity": 50.5}, "box_opacity"),
        ({"x": float("inf")}, "x"),
    ):
        with pytest.raises(ServiceError) as refused:
            projects.save_style(user_id, project_id, 1, raw)
        assert refused.value.params["name"] == field
    with pytest.raises(ServiceError) as refused:
        projects.save_style(user_id, project_id, 1, ["size", 8])
    assert refused.value.code == "carousel_mix_style_invalid"
    for position in (0, 5, True, "1"):
        with pytest.raises(ServiceError) as refused:
            projects.save_style(user_id, project_id, position, {})
        assert refused.value.params == {"name": "position"}
    assert (
        projects.get_project(user_id, project_id).positions[0].style == style.TextStyle().to_dict()
    )


def test_saved_styles_are_replaced_by_name_limited_and_private(app):
    owner, other = new_user(1), new_user(2)
    first = editor.save_preset(owner, "  Judul   besar ", {"size": 9})
    again = editor.save_preset(owner, "Judul besar", {"size": 10, "font": "lato"})
    assert first == again
    [preset] = editor.list_presets(owner)
    assert (preset.name, preset.style["size"], preset.style["font"]) == (
        "Judul besar",
        10.0,
        "lato",
    )
    assert editor.get_preset(owner, first).style == preset.style
    assert len(editor.save_preset(owner, "n" * 200, {})) == 32
    assert "n" * 60 in {p.name for p in editor.list_presets(owner)}

    theirs = editor.save_preset(other, "Judul besar", {"size": 3})  # the same name, their own
    assert theirs != first
    assert editor.get_preset(owner, first).style["size"] == 10.0
    for attempt in (
        lambda: editor.get_preset(other, first),
        lambda: editor.delete_preset(other, first),
        lambda: editor.get_preset(owner, theirs),
    ):
        with pytest.raises(NotFound):
            attempt()
    for name, raw, code in (
        ("   ", {}, "field_required"),
        (None, {}, "field_required"),
        ("Bad", {"size": 99}, "parameter_out_of_range"),
        ("Bad", "size", "carousel_mix_style_invalid"),
    ):
        with pytest.raises(ServiceError) as refused:
            editor.save_preset(owner, name, raw)
        assert refused.value.code == code

    for n in range(editor.MAX_PRESETS - 2):
        editor.save_preset(owner, f"Style {n:02d}", {})
    assert len(editor.list_presets(owner)) == editor.MAX_PRESETS == 30
    with pytest.raises(ServiceError) as refused:
        editor.save_preset(owner, "One too many", {})
    assert (refused.value.code, refused.value.params) == (
        "carousel_mix_too_many_presets",
        {"max": 30},
    )
    editor.save_preset(owner, "Style 00", {"size": 4})  # replacing one is still allowed
    names = [p.name for p in editor.list_presets(owner)]
    assert names == sorted(names)
    editor.delete_preset(owner, first)
    assert len(editor.list_presets(owner)) == 29
    assert [p.id for p in editor.list_presets(other)] == [theirs]


# ------------------------------------------------------------------ preview


@pytest.mark.parametrize(("canvas", "height"), [("4:5", 675), ("1:1", 540), ("9:16", 960)])
def test_the_preview_is_a_jpeg_at_the_editor_width(app, tmp_path, canvas, height):
    user_id = new_user()
    project_id, pictures = image_project(user_id, tmp_path, slides=2)
    projects.set_layout(user_id, project_id, 2, canvas)
    white = {"color": "#FFFFFF", "size": 10, "box_opacity": 100, "box_color": "#000000"}
    shown = editor.preview(user_id, project_id, 1, pictures[0], "Halo 😀 café", white)
    assert shown.fits is True
    image = Image.open(io.BytesIO(shown.jpeg))
    assert image.format == "JPEG"
    assert image.size == (editor.PREVIEW_WIDTH, height) == (540, height)
    # the picture (red) covers the slide; the text and its black box sit at its centre
    red = image.getpixel((10, 10))
    assert red[0] > 200 and red[1] < 60 and red[2] < 60
    middle = [image.getpixel((x, height // 2)) for x in range(editor.PREVIEW_WIDTH)]
    assert any(max(pixel) < 60 for pixel in middle)  # the box
    assert any(min(pixel) > 200 for pixel in middle)  # the text
    # a picture of another position, or none at all, falls back to the position's first
    assert editor.preview(user_id, project_id, 1, pictures[1], "", {}).jpeg[:3] == b"\xff\xd8\xff"
    assert editor.preview(user_id, project_id, 1, None, "", {}).fits is True


def test_the_preview_says_when_the_text_cannot_fit(app, tmp_path):
    user_id = new_user()
    project_id, pictures = image_project(user_id, tmp_path, slides=2)
    absurd = "\n".join(["Baris"] * 80)  # 80 lines: too tall even at the smallest size
    assert len(absurd) <= projects.MAX_TEXT_CHARS
    shown = editor.preview(user_id, project_id, 2, pictures[1], absurd, {"line_spacing": 3})
    assert shown.fits is False
    assert Image.open(io.BytesIO(shown.jpeg)).size == (540, 675)
    assert editor.unfitting_texts(["Halo", absurd], {"line_spacing": 3}, "4:5") == 1


def test_the_preview_refuses_what_it_cannot_show(app, tmp_path):
    user_id = new_user()
    project_id, _pictures = image_project(user_id, tmp_path, slides=2)
    projects.set_layout(user_id, project_id, 3, "4:5")
    with pytest.raises(ServiceError) as refused:
        editor.preview(user_id, project_id, 3, "", "Halo", {})
    assert (refused.value.code, refused.value.params) == (
        "carousel_mix_position_empty",
        {"position": 3},
    )
    with pytest.raises(NotFound):
        editor.preview(user_id, project_id, 4, "", "Halo", {})
    with pytest.raises(ServiceError) as refused:
        editor.preview(user_id, project_id, 1, "", "x" * 501, {})
    assert refused.value.params == {"name": "text"}
    with pytest.raises(ServiceError) as refused:
        editor.preview(user_id, project_id, 1, "", "Halo", {"size": 99})
    assert refused.value.params["name"] == "size"


def test_the_preview_of_a_video_shows_its_still(app, tmp_path):
    user_id = new_user()
    project_id = projects.create_project(user_id, "Clip")
    clip = make_clip(tmp_path / "v.mp4", 1.0, size="160x120", audio=False, pattern="testsrc")
    projects.add_picture(user_id, project_id, 1, clip, "v.mp4")
    shown = editor.preview(user_id, project_id, 1, "", "", {})
    assert Image.open(io.BytesIO(shown.jpeg)).size == (540, 675)


# ------------------------------------------------------------------ estimate and its refusals


def test_the_estimate_is_exact_and_priced_on_the_server(app, tmp_path):
    user_id = new_user()
    project_id = projects.create_project(user_id, "Estimate")
    projects.set_layout(user_id, project_id, 3, "4:5")
    for n in range(2):
        projects.add_picture(user_id, project_id, 1, make_image(tmp_path / f"a{n}.jpg"), "a.jpg")
    projects.add_texts(user_id, project_id, 1, ["Halo", "{Diskon|Promo} hari ini"])
    projects.add_picture(user_id, project_id, 2, make_image(tmp_path / "b.jpg"), "b.jpg")

    estimate = sets.estimate(user_id, project_id, 4)
    assert estimate.factors == [2 * 3, 1, 0]
    assert (estimate.combinations, estimate.possible, estimate.empty_positions) == (0, 0, [3])
    assert estimate.credits_per_set == 2  # ceil(3 / 2)
    assert (estimate.quote.unit, estimate.quote.amount) == ("credits", 2 * 4)
    assert estimate.quote.available == billing.balance(user_id)
    balance = billing.balance(user_id)
    with pytest.raises(ServiceError) as refused:
        sets.generate(user_id, project_id, {}, 1, "cm-empty")
    assert (refused.value.code, refused.value.params) == (
        "carousel_mix_position_empty",
        {"position": 3},
    )

    projects.add_picture(user_id, project_id, 3, make_image(tmp_path / "c.jpg"), "c.jpg")
    projects.add_picture(user_id, project_id, 3, make_image(tmp_path / "d.jpg"), "d.jpg")
    estimate = sets.estimate(user_id, project_id, 7)
    assert estimate.factors == [6, 1, 2]
    assert (estimate.combinations, estimate.possible, estimate.empty_positions) == (12, 12, [])
    assert estimate.quote.amount == math.ceil(3 / 2) * 7
    with pytest.raises(ServiceError) as refused:
        sets.generate(user_id, project_id, {}, 13, "cm-too-many")
    assert (refused.value.code, refused.value.params) == (
        "carousel_mix_too_few_combinations",
        {"possible": 12},
    )
    for count in (0, 101, True, "3", 3.0, None):
        with pytest.raises(ServiceError) as refused:
            sets.estimate(user_id, project_id, count)
        assert refused.value.code == "quantity_invalid"
        with pytest.raises(ServiceError):
            sets.generate(user_id, project_id, {}, count, "cm-bad-count")
    with pytest.raises(ServiceError):
        sets.generate(user_id, project_id, {"pdf": "yes"}, 1, "cm-bad-output")
    assert billing.balance(user_id) == balance  # nothing refused was charged
    with session_scope() as db:
        assert db.exec(select(Generation)).all() == []

    # the count stays exact however big; one request still makes at most MAX_SETS
    projects.set_layout(user_id, project_id, 8, "1:1")
    for position in range(1, 9):
        room = 48 if position == 1 else 50  # the first already has two
        projects.add_texts(user_id, project_id, position, [f"t{n}" for n in range(room)])
    texts = [len(p.texts) for p in projects.get_project(user_id, project_id).positions]
    assert texts == [50] * 8
    estimate = sets.estimate(user_id, project_id, 1)
    assert estimate.combinations == 0 and estimate.empty_positions == [4, 5, 6, 7, 8]
    for position in range(4, 9):
        projects.add_picture(user_id, project_id, position, make_image(tmp_path / "e.jpg"), "e.jpg")
    estimate = sets.estimate(user_id, project_id, 1)
    assert estimate.combinations == (2 * 51) * 50 * (2 * 50) * 50**5
    assert estimate.possible == rules.MAX_SETS
    assert estimate.credits_per_set == 4
