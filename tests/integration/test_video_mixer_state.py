"""Video Mixer's state handlers as a hostile client calls them: another user's ids and odd
argument shapes change nothing and crash nothing."""

from __future__ import annotations

import asyncio
import inspect
import threading

import pytest
import reflex as rx

from lumiku.db import session_scope
from lumiku.models import User
from lumiku.services import auth, billing, seed
from lumiku.services.video_mixer import projects
from lumiku.state.auth import AuthState
from lumiku.state.video_mixer import (
    SUBSTATES,
    EstimateState,
    ProjectListState,
    ProjectState,
    SettingsState,
)
from lumiku.state.work import WorkState
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
    assert "reason=required" in redirect_target(call(get(ProjectState), "upload", _chunks([])))
    assert call(get(ProjectState), "upload", []) is None  # no files: nothing happens


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
    assert rows[2][0] == "passwd" and "30 files go up at once" in rows[2][2]
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
    call(project, "ask_delete_clip", clip_id)
    call(project, "delete_clip")
    assert project.clip_count == 0 and [c.value for c in project.clip_choices] == ["none"]

    listing = get(ProjectListState)
    call(listing, "load_list")
    assert [c.name for c in listing.project_cards] == ["Mine"]
    assert listing.project_cards[0].counts_text.startswith("0")


# ------------------------------------------------------------------ uploads


def _chunks(uploads: list[tuple[str, bytes]], size: int = 65536) -> rx.UploadChunkIterator:
    """The files as Reflex streams them to a background upload handler, already all sent."""
    chunks = rx.UploadChunkIterator(maxsize=10**6)

    async def fill():
        for name, data in uploads:
            for offset in range(0, max(len(data), 1), size):
                piece = data[offset : offset + size]
                await chunks.push(
                    rx.UploadChunk(
                        filename=name, offset=offset, content_type="video/mp4", data=piece
                    )
                )
        await chunks.finish()

    asyncio.run(fill())
    return chunks


def _path(cls) -> list[str]:
    return cls.get_full_name().split(".")[1:]


def test_uploads_are_checked_without_holding_the_tabs_state_lock(tmp_path, monkeypatch):
    """The handler is a background event: while a file is being checked, another event of the
    same tab takes the state's lock at once and its change survives the upload's own writes."""
    from reflex.istate.data import SessionData
    from reflex.istate.manager import StateManager
    from reflex.istate.manager.token import BaseStateToken
    from reflex.istate.proxy import StateProxy
    from reflex_base.event.context import EventContext

    assert ProjectState.event_handlers["upload"].is_background
    signed, _, _ = signed_in(6)
    auth.change_language(signed.user, "en")
    project_id = projects.create_project(signed.user.id, "Mine")
    clip = make_clip(tmp_path / "one.mp4", 1, size="160x120").read_bytes()
    checking, release = threading.Event(), threading.Event()
    add_clip = projects.add_clip

    def slow_add_clip(*args, **kwargs):
        checking.set()
        release.wait(20)
        return add_clip(*args, **kwargs)

    monkeypatch.setattr(projects, "add_clip", slow_add_clip)
    tab = "tab-uploading-0001"

    async def scenario():
        manager = StateManager.create()
        token = BaseStateToken(ident=tab, cls=ProjectState)

        async def nothing(*_args, **_kwargs):
            return None

        EventContext.set(EventContext(token=tab, state_manager=manager, enqueue_impl=nothing))
        async with manager.modify_state(token) as root:
            root.rx_router_session = SessionData(client_token=tab)  # a tab whose page loaded
            root.is_hydrated = True
            (await root.get_state(AuthState)).token = signed.token
            root.get_substate(_path(ProjectState)).project_id = project_id
        root = await manager.get_state(token)
        proxy = StateProxy(root.get_substate(_path(ProjectState)))
        chunks = rx.UploadChunkIterator()
        handler = ProjectState.event_handlers["upload"].fn
        task = asyncio.create_task(handler(proxy, chunks))
        for name, data in (("one.mp4", clip), ("broken.mp4", b"not a video")):
            await chunks.push(
                rx.UploadChunk(filename=name, offset=0, content_type="video/mp4", data=data)
            )
        await chunks.finish()
        assert await asyncio.to_thread(checking.wait, 20), task.done() and task.result()
        async with asyncio.timeout(5):  # a held lock would keep this waiting
            async with manager.modify_state(token) as root:
                during = root.get_substate(_path(ProjectState))
                rows = [(r.name, r.status) for r in during.uploads]
                during.upload_percent = 77  # another event's write
        release.set()
        await asyncio.wait_for(task, 60)
        after = (await manager.get_state(token)).get_substate(_path(ProjectState))
        await manager.close()
        return rows, after

    rows, after = asyncio.run(scenario())
    assert rows == [("one.mp4", "checking"), ("broken.mp4", "waiting")]
    assert [(r.name, r.status) for r in after.uploads] == [
        ("one.mp4", "added"),
        ("broken.mp4", "refused"),
    ]
    assert "could not be read" in after.uploads[1].message
    assert after.upload_percent == 77 and not after.uploading
    assert len(projects.get_project(signed.user.id, project_id).clips) == 1
    assert after.clip_count == 1


def test_uploads_past_the_count_and_size_limits_are_refused_and_read_to_the_end(
    tmp_path, monkeypatch
):
    import tempfile

    from lumiku.services import files

    spool = tmp_path / "spool"  # where the handler writes the files as they arrive
    spool.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spool))
    signed, _, get = signed_in(7)
    auth.change_language(signed.user, "en")
    state = get(ProjectState)
    state.project_id = projects.create_project(signed.user.id, "Mine")
    monkeypatch.setattr(files, "limit_bytes", lambda kind: 2**20)
    clip = make_clip(tmp_path / "one.mp4", 1, size="160x120", audio=False).read_bytes()
    assert len(clip) < 2**20
    uploads = [("big.mp4", b"\0" * 2**21), ("../../one.mp4", clip)]
    uploads += [(f"more{n}.mp4", b"x") for n in range(30)]
    chunks = _chunks(uploads, size=4096)
    call(state, "upload", chunks)
    rows = [(r.name, r.status, r.message) for r in state.uploads]
    assert rows[0][:2] == ("big.mp4", "refused") and "larger than 1 MB" in rows[0][2]
    assert rows[1][:2] == ("one.mp4", "added")
    # the file over the size limit gave its place to the next: 30 are taken and checked
    assert [r[1] for r in rows[2:31]] == ["refused"] * 29  # not videos
    assert all("30 files go up at once" not in r[2] for r in rows[:31])
    assert rows[31][0] == "more29.mp4" and "at most 30 files go up at once" in rows[31][2]
    assert state.clip_count == 1 and not state.uploading
    assert state.upload_summary == "31 of 32 files were left out. The list below says why."
    assert list(spool.iterdir()) == []  # removed afterwards


def test_a_drop_over_the_projects_clip_limit_takes_what_fits_and_says_why(tmp_path, monkeypatch):
    """Choosing more clips than the project has room for adds the first that fit (not none),
    and each one left out says why."""
    monkeypatch.setattr(projects, "MAX_CLIPS", 2)
    signed, _, get = signed_in(8)
    auth.change_language(signed.user, "en")
    state = get(ProjectState)
    state.project_id = projects.create_project(signed.user.id, "Mine")
    clip = make_clip(tmp_path / "one.mp4", 1, size="160x120", audio=False).read_bytes()
    projects.add_clip(signed.user.id, state.project_id, tmp_path / "one.mp4", "first.mp4")
    call(state, "upload", _chunks([(f"c{n}.mp4", clip) for n in range(3)]))
    rows = [(r.name, r.status, r.message) for r in state.uploads]
    assert rows[0][:2] == ("c0.mp4", "added")
    assert [r[1] for r in rows[1:]] == ["refused", "refused"]
    assert all("limit of 2 clips" in r[2] for r in rows[1:])
    assert state.clip_count == 2
    assert state.upload_summary.startswith("2 of 3 files were left out")


# ------------------------------------------------------------------ first hour


def test_a_new_projects_aspect_follows_its_clips_until_the_user_picks_one(tmp_path):
    """Phone clips make a 9:16 project, landscape ones 16:9; once the user picks an aspect,
    later clips leave it alone."""
    seed.run_all()
    signed, _, get = signed_in(9)
    user_id = signed.user.id
    portrait = make_clip(tmp_path / "p.mp4", 1, size="120x160", audio=False)
    landscape = make_clip(tmp_path / "l.mp4", 1, size="160x120", audio=False)

    wide = projects.create_project(user_id, "Wide")
    assert projects.get_project(user_id, wide).settings["aspect"] == "9:16"  # the new default
    projects.add_clip(user_id, wide, landscape, "l.mp4")
    assert projects.get_project(user_id, wide).settings["aspect"] == "16:9"

    project, settings = get(ProjectState), get(SettingsState)
    project.project_id = projects.create_project(user_id, "Tall")
    call(project, "upload", _chunks([("p.mp4", portrait.read_bytes())]))
    assert settings.aspect == "9:16" and settings.aspect_auto  # shown on the panel too
    call(settings, "set_option", "aspect", "1:1")
    assert not settings.aspect_auto
    call(project, "upload", _chunks([(f"l{n}.mp4", landscape.read_bytes()) for n in range(3)]))
    saved = projects.get_project(user_id, project.project_id).settings
    assert (saved["aspect"], saved["aspect_auto"], settings.aspect) == ("1:1", False, "1:1")


def test_deleting_a_clip_or_a_group_asks_first_and_names_what_goes(tmp_path):
    seed.run_all()
    signed, _, get = signed_in(10)
    auth.change_language(signed.user, "en")
    user_id = signed.user.id
    project = get(ProjectState)
    project.project_id = projects.create_project(user_id, "Mine")
    video = make_clip(tmp_path / "v.mp4", 1, size="160x120", audio=False)
    clip_id = projects.add_clip(user_id, project.project_id, video, "hook.mp4")
    call(project, "add_group", {"name": "Hook"})
    group_id = projects.get_project(user_id, project.project_id).groups[0].id
    call(project, "move_clip", clip_id, group_id)

    call(project, "delete_clip")  # nothing marked: nothing happens
    call(project, "ask_delete_clip", clip_id)
    assert project.confirm_clip == clip_id and "hook.mp4" in project.confirm_body
    call(project, "keep_part")
    assert project.confirm_clip == "" and project.clip_count == 1

    call(project, "ask_delete_group", group_id)
    assert project.confirm_group == group_id
    assert "Hook" in project.confirm_body and "1 clips stay" in project.confirm_body
    call(project, "delete_group")
    detail = projects.get_project(user_id, project.project_id)
    assert detail.groups == [] and len(detail.clips) == 1  # the clip stays, ungrouped

    call(project, "ask_delete_clip", "not-a-loaded-clip")
    assert project.confirm_clip == ""
    call(project, "ask_delete_clip", clip_id)
    call(project, "delete_clip")
    assert project.clip_count == 0 and project.notice == "Clip deleted."


def test_a_blank_project_name_is_answered_on_the_form():
    signed, _, get = signed_in(11)
    auth.change_language(signed.user, "en")
    listing = get(ProjectListState)
    assert call(listing, "create_project", {"name": "   ", "description": "x"}) is None
    assert listing.new_name_error.startswith("Give the project a name first")
    assert projects.list_projects(signed.user.id).total == 0
    assert "/apps/video-mixer/" in redirect_target(
        call(listing, "create_project", {"name": "Promo"})
    )
    assert listing.new_name_error == ""


def test_an_invalid_count_or_setting_clears_the_price_and_says_why(tmp_path):
    seed.run_all()
    signed, _, get = signed_in(12)
    auth.change_language(signed.user, "en")
    user_id = signed.user.id
    project, estimate, settings = get(ProjectState), get(EstimateState), get(SettingsState)
    project.project_id = projects.create_project(user_id, "Mine")
    video = make_clip(tmp_path / "v.mp4", 1, size="160x120", audio=False)
    projects.add_clip(user_id, project.project_id, video, "v.mp4")
    call(settings, "set_option", "speed_variations", True)
    call(estimate, "set_count", "3")
    assert estimate.est_price.endswith("credits") and estimate.est_ready
    call(estimate, "set_count", "0")
    assert (estimate.est_price, estimate.est_combinations, estimate.est_ready) == ("", "", False)
    assert "100" in settings.settings_error  # the allowed range
    call(estimate, "set_count", "3")
    assert estimate.est_price and settings.settings_error == ""
    call(settings, "set_option", "speed_min", "9")
    assert (estimate.est_price, estimate.est_ready) == ("", False)
    assert settings.settings_error


def test_the_being_made_banner_follows_the_batch_and_goes_when_it_is_cancelled(tmp_path):
    """The page shows "being made" only while the batch this tab started is active in its
    work list (pages/apps/video_mixer/estimate.py): after a cancel that card is no longer
    active, and no notice is left behind."""
    seed.run_all()
    signed, _, get = signed_in(13)
    user_id = signed.user.id
    billing.add_credits(user_id, 500, "grant", "vm-banner", "test")
    project, estimate, work = get(ProjectState), get(EstimateState), get(WorkState)
    project.project_id = projects.create_project(user_id, "Mine")
    for n in range(2):
        clip = make_clip(tmp_path / f"v{n}.mp4", 1, size="160x120", audio=False, hue=n * 90)
        projects.add_clip(user_id, project.project_id, clip, f"v{n}.mp4")
    call(estimate, "set_count", "2")
    call(estimate, "ask_generate")
    call(estimate, "generate")
    generation_id = estimate.started_generation
    assert generation_id and estimate.notice == "" and estimate.error == ""
    [card] = work.cards
    assert card.id == generation_id and card.active
    call(work, "cancel", generation_id)
    [card] = work.cards
    assert not card.active and estimate.notice == ""


def test_sample_clips_make_a_ready_project_counted_in_storage():
    seed.run_all()
    signed, _, get = signed_in(14)
    user_id = signed.user.id
    listing = get(ProjectListState)
    target = redirect_target(call(listing, "try_samples")[-1])  # after a "working" update
    [summary] = projects.list_projects(user_id).rows
    assert target.endswith(summary.id) and summary.name == "Contoh: klip percobaan"
    detail = projects.get_project(user_id, summary.id)
    assert len(detail.clips) == 3
    assert all((c.width, c.height) == (720, 1280) and 3 <= c.duration <= 5 for c in detail.clips)
    assert detail.settings["aspect"] == "9:16"
    with session_scope() as db:
        used = db.get(User, user_id).storage_used_bytes
    assert used >= sum(c.size_bytes for c in detail.clips) > 0
    assert not listing.making_samples
