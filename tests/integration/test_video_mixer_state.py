"""Video Mixer's state handlers as a hostile client calls them: another user's ids and odd
argument shapes change nothing and crash nothing."""

from __future__ import annotations

import inspect

import pytest

from lumiku.services import auth, seed
from lumiku.services.video_mixer import projects
from lumiku.state.video_mixer import SUBSTATES, EstimateState, ProjectListState, ProjectState
from tests.factories import call, make_clip, redirect_target, signed_in, states

pytestmark = pytest.mark.usefixtures("db", "rds")

ODD = [None, 7, -1, True, "", "x" * 5000, {"name": "x"}, ["a"], 1.5, 1.0, "²", 10**30]


def victim_project(tmp_path) -> tuple[int, str, str, str]:
    victim, _, _ = signed_in(1)
    user_id = victim.user.id
    project_id = projects.create_project(user_id, "Victim's")
    video = make_clip(tmp_path / "v.mp4", 1, size="160x120", audio=False, pattern="testsrc")
    clip_id = projects.add_clip(user_id, project_id, video, "v.mp4")
    group_id = projects.add_group(user_id, project_id, "Hook")
    return user_id, project_id, clip_id, group_id


def test_another_users_ids_and_odd_arguments_change_nothing(tmp_path):
    seed.run_all()
    owner, project_id, clip_id, group_id = victim_project(tmp_path)
    before = projects.get_project(owner, project_id)
    _, _, get = signed_in(2)
    estimate = get(EstimateState)
    handlers = [(get(cls), name, h) for cls in SUBSTATES for name, h in cls.event_handlers.items()]
    assert len(handlers) > 25
    for state, name, handler in handlers:
        if name in ("setvar", "upload"):
            continue  # Reflex's own setter; uploads carry files (the browser test sends them)
        arity = len(inspect.signature(handler.fn).parameters) - 1  # what a client may send
        for args in (
            [clip_id, group_id][:arity],
            [group_id, -1][:arity],
            [{"name": "Stolen"}][:arity] if arity == 1 else [project_id, "x"][:arity],
            *([odd] * arity for odd in ODD),
        ):
            # as if the client had forced the victim's id in
            state.project_id, estimate.confirming, estimate._generate_key = project_id, True, "k"
            call(state, name, *args)
    after = projects.get_project(owner, project_id)
    assert after == before


def test_signed_out_callers_are_sent_to_sign_in(tmp_path):
    _, get = states()
    assert "reason=required" in redirect_target(call(get(ProjectListState), "load_list"))
    assert "reason=required" in redirect_target(call(get(EstimateState), "generate"))
    assert "reason=required" in redirect_target(call(get(ProjectState), "upload", [])[0])


def test_the_transfer_bar_shows_while_the_browser_sends_and_ignores_odd_reports():
    _, _, get = signed_in(1)
    state = get(ProjectState)
    call(state, "upload_progress", {"progress": 0.4, "loaded": 40, "total": 100})
    assert (state.sending, state.upload_percent) == (True, 40)
    call(state, "upload_progress", {"progress": "lots"})
    call(state, "upload_progress", [0.9])
    assert (state.sending, state.upload_percent) == (True, 40)
    call(state, "upload_progress", {"progress": 1})
    assert (state.sending, state.upload_percent) == (False, 100)


def test_files_the_browser_refused_are_listed_with_their_reasons():
    _, session, get = signed_in(1)
    session.lang = "en"
    state = get(ProjectState)
    dropped = [
        {"name": "big.mp4", "codes": ["file-too-large"]},
        {"name": "notes.txt", "codes": ["file-invalid-type"]},
        {"name": "../../etc/passwd", "codes": ["too-many-files", 5]},
        {"name": ["odd"], "codes": None},
        7,
    ]
    call(state, "drop_rejected", dropped)
    rows = [(r.name, r.status, r.message) for r in state.uploads]
    assert rows[0][:2] == ("big.mp4", "refused") and "larger than" in rows[0][2]
    assert rows[1][0] == "notes.txt" and "MP4, MOV, WebM" in rows[1][2]
    assert rows[2][0] == "passwd" and "10 files at a time" in rows[2][2]
    assert [r[0] for r in rows[3:]] == ["video", "video"]
    call(state, "drop_rejected", {"not": "a list"})
    assert len(state.uploads) == 5


def test_choices_counts_and_cards_are_derived_from_what_was_loaded(tmp_path):
    seed.run_all()
    signed, _, get = signed_in(3)
    auth.change_language(signed.user, "en")
    user_id = signed.user.id
    project_id = projects.create_project(user_id, "Mine")
    video = make_clip(tmp_path / "v.mp4", 1, size="160x120", audio=False, pattern="testsrc")
    clip_id = projects.add_clip(user_id, project_id, video, "v.mp4")
    project, estimate = get(ProjectState), get(EstimateState)
    project.project_id = project_id
    call(project, "add_group", {"name": "Hook"})
    group_id = projects.get_project(user_id, project_id).groups[0].id
    assert [(c.value, c.label) for c in project.group_choices] == [
        ("none", "No group"),
        (group_id, "Hook"),
    ]
    assert [c.value for c in project.clip_choices] == ["none", clip_id]
    assert project.clip_count == 1
    assert estimate.est_combinations == "1" and estimate.est_price.endswith("credits")
    call(project, "delete_clip", clip_id)
    assert project.clip_count == 0 and [c.value for c in project.clip_choices] == ["none"]

    listing = get(ProjectListState)
    call(listing, "load_list")
    assert [c.name for c in listing.project_cards] == ["Mine"]
    assert listing.project_cards[0].clips_text.startswith("0")
