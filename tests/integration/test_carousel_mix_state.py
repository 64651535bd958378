"""Carousel Mix's state handlers as a hostile client calls them: another user's ids and odd
argument shapes change nothing and crash nothing; the owner's own tab works through them."""

from __future__ import annotations

import inspect

import pytest

from lumiku.services import seed
from lumiku.services.carousel_mix import editor, projects
from lumiku.state.carousel_mix import (
    SUBSTATES,
    GenerateState,
    ProjectListState,
    ProjectState,
    StyleState,
)
from tests.factories import call, make_image, redirect_target, signed_in, states, visit

pytestmark = pytest.mark.usefixtures("db", "rds")

ODD = [None, 7, -1, True, "", "x" * 5000, {"name": "x"}, ["a"], 1.5, "²", 10**30, [0.5]]
BACKGROUND = ("upload", "refresh_preview")  # run by Reflex with files or a lock; see the e2e test


def victim_project(tmp_path) -> tuple[int, str, str, str]:
    victim, _, _ = signed_in(1)
    user_id = victim.user.id
    project_id = projects.create_project(user_id, "Victim's")
    picture_id = projects.add_picture(
        user_id, project_id, 1, make_image(tmp_path / "v.jpg", (200, 150)), "v.jpg"
    )
    projects.add_texts(user_id, project_id, 1, ["Rahasia"])
    text_id = projects.get_project(user_id, project_id).positions[0].texts[0].id
    editor.save_preset(user_id, "Mine", {"size": 9})
    return user_id, project_id, picture_id, text_id


def test_another_users_ids_and_odd_arguments_change_nothing(tmp_path):
    seed.run_all()
    owner, project_id, picture_id, text_id = victim_project(tmp_path)
    preset = f"saved:{editor.list_presets(owner)[0].id}"
    before = (projects.get_project(owner, project_id), editor.list_presets(owner))
    _, _, get = signed_in(2)
    generate = get(GenerateState)
    handlers = [(get(cls), name, h) for cls in SUBSTATES for name, h in cls.event_handlers.items()]
    assert len(handlers) > 25
    for state, name, handler in handlers:
        if name == "setvar" or name in BACKGROUND:
            continue
        arity = len(inspect.signature(handler.fn).parameters) - 1  # what a client may send
        for args in (
            [picture_id, -1][:arity],
            [text_id, 1][:arity],
            [preset, preset][:arity],
            [{"text": "Dicuri", "name": "Stolen", "lines": "a\nb"}][:arity]
            if arity == 1
            else [project_id, "x"][:arity],
            *([odd] * arity for odd in ODD),
        ):
            # as if the client had forced the victim's project in
            state.project_id, generate.confirming, generate._generate_key = project_id, True, "k"
            call(state, name, *args)
    assert (projects.get_project(owner, project_id), editor.list_presets(owner)) == before


def test_signed_out_callers_are_sent_to_sign_in():
    _, get = states()
    assert "reason=required" in redirect_target(call(get(ProjectListState), "load_list"))
    assert "reason=required" in redirect_target(call(get(GenerateState), "generate"))
    assert call(get(ProjectState), "upload", []) is None  # no files: nothing happens


def test_the_owner_builds_a_project_through_the_handlers(tmp_path):
    seed.run_all()
    signed, _, get = signed_in(3)
    listing = get(ProjectListState)
    call(listing, "create_project", {"name": "   "})
    assert listing.new_name_error  # answered on the form, nothing made
    target = redirect_target(call(listing, "create_project", {"name": "Katalog  Hijab"}))
    project_id = target.rsplit("/", 1)[-1]
    page = get(ProjectState)
    visit(page, target)
    call(page, "load_project")
    assert page.project_name == "Katalog Hijab" and [t.label for t in page.tabs] == list("1234")

    call(page, "set_slides", "3")
    call(page, "set_canvas", "1:1")
    assert (page.slides, page.canvas) == (3, "1:1")
    call(page, "set_slides", "12")
    assert page.slides == 3 and page.error  # refused, in words

    call(page, "add_text", {"text": "Diskon {50%|besar} 🔥"})
    call(page, "open_paste", True)
    call(page, "paste_texts", {"lines": "Satu\n\n  \nDua"})
    assert [t.content for t in page.texts] == ["Diskon {50%|besar} 🔥", "Satu", "Dua"]
    assert page.texts[0].variants_text and not page.pasting
    call(page, "edit_text", page.texts[1].id)
    call(page, "save_text", {"text": "Satu lagi"})
    assert page.texts[1].content == "Satu lagi" and page.editing_text == ""

    user_id = signed.user.id
    projects.add_picture(user_id, project_id, 1, make_image(tmp_path / "a.jpg", (300, 200)), "a")
    call(page, "select_position", 1)
    assert len(page.pictures) == 1 and page.pictures[0].thumb_url

    style = get(StyleState)
    call(style, "set_field", "size", [9.5])
    call(style, "set_field", "color", "#ff0000")
    assert style.values["size"] == 9.5 and style.values["color"] == "#FF0000"
    call(style, "set_field", "size", [99])
    assert style.values["size"] == 9.5 and style.error  # out of range: kept, and said
    call(style, "apply_preset", "builtin:tiktok_outline")
    assert style.values["outline_width"] > 0 and style.values["size"] != 9.5
    call(style, "save_preset", {"name": "Punyaku"})
    assert [p.label for p in style.presets] == ["Punyaku"]

    generate = get(GenerateState)
    call(generate, "set_output", "format", "png")
    call(generate, "set_output", "quality", [75])
    call(generate, "set_output", "format", "gif")
    assert generate.output["format"] == "png" and generate.output["quality"] == 75
    assert generate.output_error
    call(generate, "set_count", "2")
    call(generate, "ask_generate")
    assert not generate.confirming  # slides 2 and 3 have no pictures yet
    assert "2, 3" in generate.est_notice
