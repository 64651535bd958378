"""Looping Flow's state handlers as a hostile client calls them: another user's ids and odd
argument shapes change nothing and crash nothing; the owner's tab works through them."""

from __future__ import annotations

import inspect

import pytest

from lumiku.services import seed
from lumiku.services.looping_flow import projects
from lumiku.state.looping_flow import SUBSTATES, LoopState, ProjectListState, ProjectState
from tests.factories import call, make_clip, make_sound, redirect_target, signed_in, states, visit

pytestmark = pytest.mark.usefixtures("db", "rds")

ODD = [None, 7, -1, True, "", "x" * 5000, {"name": "x"}, ["a"], 1.5, "²", 10**30, [0.5], "inf"]
BACKGROUND = ("upload", "find_loop", "make_preview")  # run by Reflex with files or a lock


def test_another_users_ids_and_odd_arguments_change_nothing(tmp_path):
    seed.run_all()
    victim, _, _ = signed_in(1)
    owner = victim.user.id
    project_id = projects.create_project(owner, "Victim's")
    clip_id = projects.add_clip(owner, project_id, make_clip(tmp_path / "c.mp4", 1.0), "c.mp4")
    layer_id = projects.add_layer(owner, project_id, make_sound(tmp_path / "s.wav"), "s.wav")
    before = projects.get_project(owner, project_id)
    _, _, get = signed_in(2)
    loop = get(LoopState)
    handlers = [(get(cls), name, h) for cls in SUBSTATES for name, h in cls.event_handlers.items()]
    assert len(handlers) > 15
    for state, name, handler in handlers:
        if name == "setvar" or name in BACKGROUND:
            continue
        arity = len(inspect.signature(handler.fn).parameters) - 1
        for args in (
            [clip_id, "volume", 0][:arity],
            [layer_id, "muted", True][:arity],
            [{"name": "Stolen"}][:arity] if arity == 1 else [project_id, "target", 60][:arity],
            *([odd] * arity for odd in ODD),
        ):
            state.project_id, loop.confirming, loop._generate_key = project_id, True, "k"
            loop.has_clip = True
            call(state, name, *args)
    assert projects.get_project(owner, project_id) == before


def test_signed_out_callers_are_sent_to_sign_in():
    _, get = states()
    assert "reason=required" in redirect_target(call(get(ProjectListState), "load_list"))
    assert "reason=required" in redirect_target(call(get(LoopState), "generate"))
    assert call(get(ProjectState), "upload", []) is None


def test_the_owner_sets_up_a_loop_through_the_handlers(tmp_path):
    seed.run_all()
    signed, _, get = signed_in(3)
    target = redirect_target(call(get(ProjectListState), "create_project", {"name": "Hujan"}))
    project_id = target.rsplit("/", 1)[-1]
    user_id = signed.user.id
    projects.add_clip(user_id, project_id, make_clip(tmp_path / "c.mp4", 2.0), "c.mp4")
    layer_id = projects.add_layer(user_id, project_id, make_sound(tmp_path / "s.wav"), "s.wav")
    page = get(ProjectState)
    visit(page, target)
    call(page, "load_project")
    loop = get(LoopState)
    assert page.project_name == "Hujan" and len(page.clips) == 1 and page.clips[0].chosen
    assert loop.has_clip and loop.est_price.startswith("2")

    call(loop, "set_minutes", "90")
    assert loop.values["target"] == 5400 and loop.est_price.startswith("18")
    call(loop, "set_minutes", "abc")
    assert loop.settings_error and loop.values["target"] == 5400 and not loop.est_ready
    call(loop, "use_minutes", 1)
    assert loop.values["target"] == 60 and loop.est_ready
    call(loop, "set_field", "style", "boomerang")
    call(loop, "set_field", "master_volume", [55.0])
    assert (loop.values["style"], loop.values["master_volume"]) == ("boomerang", 55)
    call(loop, "set_field", "crossfade", [9.0])
    assert loop.values["crossfade"] != 9.0 and loop.settings_error  # refused, in words
    assert projects.get_project(user_id, project_id).settings["style"] == "boomerang"  # saved

    call(page, "set_layer", layer_id, "volume", [35.0])
    call(page, "set_layer", layer_id, "fade_out", "2,5")
    layer = projects.get_project(user_id, project_id).layers[0]
    assert (layer.volume, layer.fade_out) == (35, 2.5)
    call(loop, "ask_generate")
    assert loop.confirming
