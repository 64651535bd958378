"""Video Mixer's state handlers as a hostile client calls them: another user's ids and odd
argument shapes change nothing and crash nothing."""

from __future__ import annotations

import asyncio
import inspect
import threading

import pytest
import reflex as rx

from lumiku.services import auth, seed
from lumiku.services.video_mixer import projects
from lumiku.state.auth import AuthState
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
    uploads += [(f"more{n}.mp4", b"x") for n in range(10)]
    chunks = _chunks(uploads, size=4096)
    call(state, "upload", chunks)
    rows = [(r.name, r.status, r.message) for r in state.uploads]
    assert rows[0][:2] == ("big.mp4", "refused") and "larger than 1 MB" in rows[0][2]
    assert rows[1][:2] == ("one.mp4", "added")
    assert [r[1] for r in rows[2:10]] == ["refused"] * 8  # not videos
    assert [r[0] for r in rows[10:]] == ["more8.mp4", "more9.mp4"]
    assert all("10 files at a time" in r[2] for r in rows[10:])
    assert state.clip_count == 1 and not state.uploading
    assert list(spool.iterdir()) == []  # removed afterwards
