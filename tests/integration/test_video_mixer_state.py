"""Video Mixer's state handlers as a hostile client calls them: another user's ids and odd
argument shapes change nothing and crash nothing."""

from __future__ import annotations

import subprocess

import pytest

from lumiku.services import seed
from lumiku.services.video_mixer import projects
from lumiku.state.video_mixer import VideoMixerState
from tests.integration.test_state_handlers import call, redirect_target, signed_in

pytestmark = pytest.mark.usefixtures("db", "rds")

ODD = [None, 7, -1, True, "", "x" * 5000, {"name": "x"}, ["a"], 1.5, 1.0, "²", 10**30]


def victim_project(tmp_path) -> tuple[int, str, str, str]:
    victim, _, _ = signed_in(1)
    user_id = victim.user.id
    project_id = projects.create_project(user_id, "Victim's")
    video = tmp_path / "v.mp4"
    subprocess.run(
        [
            *("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=160x120:duration=1"),
            *("-pix_fmt", "yuv420p", str(video)),
        ],
        check=True,
    )
    clip_id = projects.add_clip(user_id, project_id, video, "v.mp4")
    group_id = projects.add_group(user_id, project_id, "Hook")
    return user_id, project_id, clip_id, group_id


def test_another_users_ids_and_odd_arguments_change_nothing(tmp_path):
    seed.run_all()
    owner, project_id, clip_id, group_id = victim_project(tmp_path)
    before = projects.get_project(owner, project_id)
    _, _, get = signed_in(2)
    state = get(VideoMixerState)
    state.project_id = project_id  # as if the client had forced the victim's id in
    for name in VideoMixerState.event_handlers:
        if name in ("setvar", "upload"):
            continue  # Reflex's own setter; uploads carry files (the browser test sends them)
        handler = VideoMixerState.event_handlers[name].fn
        arity = handler.__code__.co_argcount - 1
        for args in (
            [clip_id, group_id][:arity],
            [group_id, -1][:arity],
            [{"name": "Stolen"}][:arity] if arity == 1 else [project_id, "x"][:arity],
            *([odd] * arity for odd in ODD),
        ):
            state.project_id, state.confirming, state._generate_key = project_id, True, "k"
            call(state, name, *args)
    after = projects.get_project(owner, project_id)
    assert after == before


def test_signed_out_callers_are_sent_to_sign_in(tmp_path):
    from tests.integration.test_state_handlers import states

    _, get = states()
    state = get(VideoMixerState)
    assert "reason=required" in redirect_target(call(state, "load_list"))
    assert "reason=required" in redirect_target(call(state, "generate"))


def test_the_transfer_bar_shows_while_the_browser_sends_and_ignores_odd_reports():
    _, _, get = signed_in(1)
    state = get(VideoMixerState)
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
    state = get(VideoMixerState)
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
