"""Poster Editor's state handlers as a hostile client calls them: another user's ids and odd
argument shapes change nothing and crash nothing, a signed-out tab is sent to sign in, and the
owner's own tab marks an area with clicks scaled to the poster's pixels, prices and submits
edits and exports, and goes back in the history through them."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from lumiku.services import billing, seed
from lumiku.services.poster_editor import edits, posters
from lumiku.state.poster_editor import (
    SUBSTATES,
    EditState,
    ExportState,
    MarkState,
    PosterState,
    ProjectListState,
    ProjectState,
    TextState,
)
from lumiku.state.poster_editor.marks import spot_share
from tests.factories import call, redirect_target, signed_in, states, visit

pytestmark = pytest.mark.usefixtures("db", "rds")

ODD = [None, 7, -1, True, "", "x" * 5000, {"name": "x"}, ["a"], 1.5, "²", 10**30, [0.5]]
SPOTS = [
    {"x": 10, "y": 10, "w": 100, "h": 100},
    {"x": float("nan"), "y": 1, "w": 1, "h": 1},
    {"x": 1, "y": 1, "w": 0, "h": 1},
    {"x": 1e300, "y": 1, "w": 1, "h": 1},
    {"x": True, "y": 1, "w": 1, "h": 1},
    {"x": 1, "y": 1, "w": 1, "h": 1, "extra": 1},
]


def poster_file(path: Path, size: tuple[int, int] = (300, 200)) -> Path:
    """A plain poster with one red square in the middle (what a click removes)."""
    image = Image.new("RGB", size, (240, 236, 220))
    w, h = size
    ImageDraw.Draw(image).rectangle((w * 2 // 5, h * 2 // 5, w * 3 // 5, h * 3 // 5), "red")
    image.save(path)
    return path


def victim_poster(tmp_path) -> tuple[int, str, str]:
    victim, _, _ = signed_in(1)
    user_id = victim.user.id
    project_id = posters.create_project(user_id, "Victim's")
    poster_id = posters.upload(user_id, project_id, poster_file(tmp_path / "v.png"), "v.png")
    return user_id, project_id, poster_id


def snapshot(user_id: int, project_id: str, poster_id: str):
    return (
        posters.project(user_id, project_id),
        posters.posters(user_id, project_id),
        [(v.id, v.current) for v in posters.history(user_id, poster_id)],
        edits.recent_exports(user_id, poster_id),
        edits.active_generations(user_id, poster_id),
        billing.balance(user_id),
    )


def test_another_users_ids_and_odd_arguments_change_nothing(tmp_path):
    seed.run_all()
    owner, project_id, poster_id = victim_poster(tmp_path)
    version_id = posters.poster(owner, poster_id).version_id
    before = snapshot(owner, project_id, poster_id)
    attacker, _, get = signed_in(2)
    edit, export = get(EditState), get(ExportState)
    handlers = [(get(cls), name, h) for cls in SUBSTATES for name, h in cls.event_handlers.items()]
    assert len(handlers) > 30
    forced = {"poster_id": poster_id, "action": "upscale", "scale": 2}
    for state, name, handler in handlers:
        if name == "setvar":
            continue
        arity = len(inspect.signature(handler.fn).parameters) - 1  # what a client may send
        for args in (
            [poster_id, 1][:arity],
            [version_id, 1][:arity],
            [project_id, "x"][:arity],
            [{"name": "Stolen", "description": "x"}] * arity,
            *([spot] * arity for spot in SPOTS),
            *([odd] * arity for odd in ODD),
        ):
            # as if the client had forced the victim's project, poster and a priced request in
            state.project_id, state.poster_id = project_id, poster_id
            edit.confirming, edit._generate_key, edit._pending = True, "k", dict(forced)
            export.confirming, export._generate_key = True, "k"
            export._pending = {"poster_id": poster_id, "pack": "SOCIAL_PACK"}
            call(state, name, *args)
    assert snapshot(owner, project_id, poster_id) == before
    assert edits.active_generations(attacker.user.id, poster_id) == []


def test_signed_out_callers_are_sent_to_sign_in():
    _, get = states()
    assert "reason=required" in redirect_target(call(get(ProjectListState), "load_list"))
    assert "reason=required" in redirect_target(call(get(PosterState), "load_poster"))
    assert "reason=required" in redirect_target(call(get(MarkState), "release", SPOTS[0]))
    assert "reason=required" in redirect_target(call(get(EditState), "generate"))
    assert "reason=required" in redirect_target(call(get(TextState), "find_text"))
    assert call(get(ProjectState), "upload", []) is None  # no files: nothing happens
    assert call(get(MarkState), "compute") is None


def test_a_click_is_checked_and_scaled_to_the_picture():
    assert spot_share({"x": 50, "y": 25, "w": 200, "h": 100}) == (0.25, 0.25)
    assert spot_share({"x": 250, "y": -5, "w": 200, "h": 100}) == (1.0, 0.0)  # dragged past
    for spot in SPOTS[1:]:
        assert spot_share(spot) is None
    assert spot_share("50,25") is None and spot_share(None) is None


def test_the_owner_marks_edits_exports_and_goes_back(tmp_path):
    seed.run_all()
    signed, _, get = signed_in(3)
    user_id = signed.user.id
    listing = get(ProjectListState)
    call(listing, "create_project", {"name": "  "})
    assert listing.new_name_error
    target = redirect_target(call(listing, "create_project", {"name": "Promo  Ramadhan"}))
    project_id = target.rsplit("/", 1)[-1]
    page = get(ProjectState)
    visit(page, target)
    call(page, "load_project")
    assert page.project_name == "Promo Ramadhan" and page.tiles == [] and page.loaded

    poster_id = posters.upload(user_id, project_id, poster_file(tmp_path / "p.png"), "Promo.png")
    call(page, "load_project")
    assert [t.name for t in page.tiles] == ["Promo"] and page.tiles[0].thumb_url

    editor = get(PosterState)
    visit(editor, f"{target}/{poster_id}")
    call(editor, "load_poster")
    assert (editor.width, editor.height, editor.version_number) == (300, 200, 1)
    assert editor.image_url and [v.current for v in editor.versions] == [True]

    marks = get(MarkState)
    shown = {"x": 120, "y": 60, "w": 240, "h": 120}  # the middle, on a picture shown at 240 px
    call(marks, "press", shown)
    follow = call(marks, "release", shown)
    assert follow is not None and marks.marking
    assert marks._marks["positive"] == [[150, 100]]  # scaled to the poster's own pixels
    assert [(s.x, s.y, s.positive) for s in marks.spots] == [(50.0, 50.0, True)]
    call(marks, "compute")
    assert not marks.marking and marks.overlay_src.startswith("data:image/")
    assert marks.area_text and not marks.area_error
    assert 0.02 < marks._area.coverage < 0.1  # the red square, about 4 % of the poster

    call(marks, "set_tool", "negative")
    call(marks, "release", {"x": 5, "y": 5, "w": 240, "h": 120})
    call(marks, "undo_mark")
    assert marks._marks["negative"] == [] and len(marks.spots) == 1
    call(marks, "compute")

    call(marks, "keep_area")
    assert len(marks.batch) == 1 and marks.overlay_src == "" and marks.spots == []
    call(marks, "drop_area", 5)
    call(marks, "drop_area", True)
    assert len(marks.batch) == 1

    call(marks, "set_tool", "box")  # a box by its two corners, then from the keyboard
    call(marks, "release", {"x": 80, "y": 40, "w": 240, "h": 120})
    assert marks.corner and marks._marks["box"] is None
    call(marks, "release", {"x": 160, "y": 80, "w": 240, "h": 120})
    assert marks._marks["box"] == [100, 66, 201, 134] and len(marks.box) == 4
    call(marks, "compute")
    assert marks.overlay_src
    call(marks, "key", "Escape")
    assert marks._marks["box"] is None and marks.overlay_src == ""
    call(marks, "set_tool", "positive")
    for key in ("ArrowRight", "ArrowUp", "Enter"):
        call(marks, "key", key)
    assert marks.cursor_on and marks._marks["positive"] == [[156, 96]]
    call(marks, "compute")

    edit = get(EditState)
    call(edit, "ask_edit", "replace")
    call(edit, "ask_generate")
    assert not edit.confirming and edit.error  # replacing is advanced-only
    call(edit, "ask_edit", "erase")
    assert edit.edit == "replace"  # an unknown edit is ignored
    call(edit, "ask_edit", "remove")
    call(edit, "ask_generate")
    assert edit.confirming and edit.est_ready
    assert edit._pending["action"] == "quick_remove" and len(edit._pending["areas"]) == 2
    assert "4" in edit.est_price  # 2 areas × 2 credits, priced by the server
    call(edit, "generate")
    assert edit.started_generation and not edit.confirming
    assert marks.batch == [] and marks._areas == []
    assert edits.active_generations(user_id, poster_id) == [edit.started_generation]
    assert billing.balance(user_id) == 100 - 4

    call(edit, "set_scale", "3")
    call(edit, "set_scale", 9)
    assert edit.scale == 3
    call(edit, "ask_upscale")
    call(edit, "ask_generate")
    assert not edit.confirming and "HF_TOKEN" in edit.error  # no provider on this server

    export = get(ExportState)
    call(export, "choose_pack", "NOPE_PACK")
    call(export, "toggle_format", "A9")
    assert export.pack == "SOCIAL_PACK"
    call(export, "toggle_format", "IG_POST")
    assert export.pack == "" and export.chosen == ["IG_STORY", "FB_POST"]
    call(export, "choose_pack", "SOCIAL_PACK")
    call(export, "set_method", "fit")
    call(export, "ask_generate")
    assert export.confirming and export._pending == {
        "poster_id": poster_id,
        "method": "fit",
        "pack": "SOCIAL_PACK",
    }
    call(export, "generate")
    call(editor, "load_poster")  # the export is listed, waiting for a worker
    assert [e.status for e in export.exports] == ["queued"] and export.exports[0].label

    # the history: a second version (as if an edit had finished), then back to the first
    first = editor.versions[0].id
    posters.undo_to(user_id, poster_id, first)
    call(editor, "undo_to", "not-a-version")
    call(editor, "undo_to", first)
    assert editor.versions[0].current

    call(editor, "ask_delete")
    assert "running" in str(call(editor, "delete_poster")) or editor.error  # refused: edits run
    assert posters.poster(user_id, poster_id)


@pytest.mark.skipif(not Path("/usr/bin/tesseract").exists(), reason="no Tesseract")
def test_finding_and_choosing_text(tmp_path):
    seed.run_all()
    signed, _, get = signed_in(4)
    user_id = signed.user.id
    project_id = posters.create_project(user_id, "Teks")
    image = Image.new("RGB", (800, 400), "white")
    from PIL import ImageFont

    font = ImageFont.load_default(size=64)
    ImageDraw.Draw(image).text((60, 150), "DISKON 50%", fill="black", font=font)
    image.save(tmp_path / "t.png")
    poster_id = posters.upload(user_id, project_id, tmp_path / "t.png", "t.png")
    editor = get(PosterState)
    visit(editor, f"/apps/poster-editor/{project_id}/{poster_id}")
    call(editor, "load_poster")
    text = get(TextState)
    call(text, "find_text")
    assert text.searched and text.blocks and not text.text_error
    call(text, "toggle_block", 99)
    call(text, "toggle_block", True)
    call(text, "toggle_block", 0)
    call(text, "set_new_text", 0, "PROMO")
    assert text.chosen_count == 1 and text.blocks[0].new_text == "PROMO"
    edit = get(EditState)
    call(edit, "ask_text")
    call(edit, "ask_generate")
    assert edit.confirming, edit.error
    assert edit._pending["action"] == "quick_remove_text"
    assert edit._pending["texts"][0]["text"] == "PROMO"
