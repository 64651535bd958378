"""Video Mixer's projects on real PostgreSQL/SQLite, Redis, FFmpeg and worker processes: clips,
groups, presets, estimates, generation and deletion, with a second user who must see nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select

from lumiku.db import session_scope
from lumiku.models import Generation, GenerationItem, StoredFile, User
from lumiku.services import billing, generations, seed
from lumiku.services.errors import NotFound, ServiceError
from lumiku.services.storage import get_storage
from lumiku.services.video_mixer import projects, rules
from lumiku.settings import get_settings
from tests.factories import LOSSLESS, make_clip, make_image, new_user, probe, run_burst_worker


@pytest.fixture
def app(db, rds):
    seed.run_all()
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def storage_used(user_id: int) -> int:
    with session_scope() as db:
        return db.get(User, user_id).storage_used_bytes


def output_path(file_id: str, tmp_path: Path) -> Path:
    with session_scope() as db:
        key = db.get(StoredFile, file_id).key
    target = tmp_path / f"{file_id}.mp4"
    with get_storage().open(key) as source:
        target.write_bytes(source.read())
    return target


def project_with_clips(user_id: int, tmp_path: Path, seconds=(1.0, 1.5)) -> tuple[str, list[str]]:
    project_id = projects.create_project(user_id, "  Summer   sale ", "two clips")
    clip_ids = [
        projects.add_clip(
            user_id, project_id, make_clip(tmp_path / f"c{n}.mp4", s, hue=n * 90), f"c{n}.mp4"
        )
        for n, s in enumerate(seconds)
    ]
    return project_id, clip_ids


def test_clips_are_stored_with_thumbnails_and_bad_files_are_refused(app, tmp_path, monkeypatch):
    user_id = new_user()
    project_id, clip_ids = project_with_clips(user_id, tmp_path)
    project = projects.get_project(user_id, project_id)
    assert project.name == "Summer sale"
    assert [c.id for c in project.clips] == clip_ids
    assert [c.name for c in project.clips] == ["c0.mp4", "c1.mp4"]
    assert abs(project.clips[1].duration - 1.5) < 0.1
    with session_scope() as db:
        thumb = db.get(StoredFile, project.clips[0].thumbnail_id)
        assert (thumb.media, thumb.content_type) == ("image", "image/jpeg")
    used = storage_used(user_id)

    text = tmp_path / "notes.mp4"
    text.write_text("not a video at all")
    empty = tmp_path / "empty.mp4"
    empty.write_bytes(b"")
    picture = tmp_path / "picture.png"
    make_image(picture, (10, 10), "black")
    for path, code in ((text, "file_unreadable"), (empty, "file_empty")):
        with pytest.raises(ServiceError) as refused:
            projects.add_clip(user_id, project_id, path, path.name)
        assert refused.value.code == code
    with pytest.raises(ServiceError) as refused:
        projects.add_clip(user_id, project_id, picture, "picture.png")
    assert refused.value.code == "file_type_not_allowed"

    monkeypatch.setenv("MAX_VIDEO_MB", "1")
    get_settings.cache_clear()
    big = tmp_path / "big.mp4"
    make_clip(big, 2, size="640x480", audio=False, encode=LOSSLESS)
    assert big.stat().st_size > 2**20
    with pytest.raises(ServiceError) as refused:
        projects.add_clip(user_id, project_id, big, "big.mp4")
    assert refused.value.code == "file_too_large"
    assert storage_used(user_id) == used  # nothing refused was kept
    assert len(projects.get_project(user_id, project_id).clips) == 2


def test_groups_and_clip_order(app, tmp_path):
    user_id = new_user()
    project_id, (a, b) = project_with_clips(user_id, tmp_path)
    hook = projects.add_group(user_id, project_id, "Hook")
    body = projects.add_group(user_id, project_id, "Body")
    projects.move_group(user_id, body, -1)
    projects.rename_group(user_id, hook, "Opening")
    project = projects.get_project(user_id, project_id)
    assert [(g.name, g.position) for g in project.groups] == [("Body", 0), ("Opening", 1)]

    projects.move_clip(user_id, a, hook)
    projects.move_clip(user_id, b, hook)
    projects.reorder_clip(user_id, b, -1)
    project = projects.get_project(user_id, project_id)
    assert [(c.id, c.group_id) for c in project.clips] == [(b, hook), (a, hook)]

    projects.delete_group(user_id, hook)
    project = projects.get_project(user_id, project_id)
    assert [g.name for g in project.groups] == ["Body"]
    assert {c.group_id for c in project.clips} == {""}  # kept, outside any group

    with pytest.raises(ServiceError):
        projects.move_group(user_id, body, 5)


def test_another_user_reaches_nothing(app, tmp_path):
    owner, other = new_user(1), new_user(2)
    project_id, (a, _b) = project_with_clips(owner, tmp_path)
    group = projects.add_group(owner, project_id, "Hook")
    preset = projects.save_preset(owner, "Mine", {})
    attempts = [
        lambda: projects.get_project(other, project_id),
        lambda: projects.rename_project(other, project_id, "x"),
        lambda: projects.delete_project(other, project_id),
        lambda: projects.add_group(other, project_id, "x"),
        lambda: projects.rename_group(other, group, "x"),
        lambda: projects.move_group(other, group, 1),
        lambda: projects.delete_group(other, group),
        lambda: projects.move_clip(other, a, ""),
        lambda: projects.reorder_clip(other, a, 1),
        lambda: projects.delete_clip(other, a),
        lambda: projects.add_clip(
            other, project_id, make_clip(tmp_path / "x.mp4", 1, hue=0), "x.mp4"
        ),
        lambda: projects.save_settings(other, project_id, {}),
        lambda: projects.estimate(other, project_id, {}, 1),
        lambda: projects.generate(other, project_id, {}, 1, "steal-1"),
        lambda: projects.get_preset(other, preset),
        lambda: projects.delete_preset(other, preset),
    ]
    for attempt in attempts:
        with pytest.raises(NotFound):
            attempt()
    # and a group of one project cannot take a clip of another, even for its owner
    second = projects.create_project(owner, "Second")
    foreign = projects.add_group(owner, second, "Elsewhere")
    with pytest.raises(NotFound):
        projects.move_clip(owner, a, foreign)
    assert projects.list_projects(other).total == 0
    assert len(projects.get_project(owner, project_id).clips) == 2


def test_presets_are_saved_replaced_and_deleted(app):
    user_id = new_user()
    first = projects.save_preset(user_id, "Reels", {"aspect": "9:16", "fixed_first_clip": "x"})
    again = projects.save_preset(user_id, "Reels", {"aspect": "1:1"})
    assert first == again
    [preset] = projects.list_presets(user_id)
    assert preset.settings["aspect"] == "1:1" and preset.settings["fixed_first_clip"] == ""
    with pytest.raises(ServiceError):
        projects.save_preset(user_id, "Bad", {"fps": 25})
    with pytest.raises(ServiceError):
        projects.save_preset(user_id, "   ", {})
    projects.delete_preset(user_id, first)
    assert projects.list_presets(user_id) == []


def test_the_estimate_is_exact_and_priced_on_the_server(app, tmp_path):
    user_id = new_user()
    project_id, (a, b) = project_with_clips(user_id, tmp_path)
    settings = {"order_mixing": True, "resolution": "1080p", "fps": 60}
    estimate = projects.estimate(user_id, project_id, settings, 2)
    per_video = 1 + 1 + 5 + 3
    assert estimate.cost_per_video == per_video
    assert (estimate.quote.unit, estimate.quote.amount) == ("credits", per_video * 2)
    assert estimate.quote.available == billing.balance(user_id)
    assert (estimate.combinations, estimate.max_count) == (2, 2)
    assert estimate.strength_label == "weak"
    assert abs(estimate.seconds_per_video - 2.5) < 0.1

    with pytest.raises(ServiceError) as refused:
        projects.generate(user_id, project_id, settings, 3, "too-many")
    assert refused.value.code == "video_mixer_too_few_combinations"
    assert refused.value.params == {"possible": 2}
    with pytest.raises(ServiceError) as refused:
        projects.estimate(user_id, project_id, {"fixed_first_clip": "someone-elses"}, 1)
    assert refused.value.code == "parameter_invalid"
    with pytest.raises(ServiceError) as refused:
        projects.generate(user_id, project_id, {"group_mixing": True}, 1, "no-groups")
    assert refused.value.code == "video_mixer_no_grouped_clips"

    # a big project: the count stays an exact integer, never "Infinity"
    many = [rules.Clip(f"c{n}", 1.0) for n in range(30)]
    assert rules.combinations(many, rules.MixSettings()) == 265252859812191058636308480000000


def test_saving_and_estimating_at_once_is_the_two_calls_in_one(app, tmp_path):
    """What the settings panel calls on every change: the same estimate as save_settings then
    estimate, the same refusals, and the same saved settings."""
    owner, other = new_user(1), new_user(2)
    project_id, (a, b, c) = project_with_clips(owner, tmp_path, seconds=(1.0, 1.5, 2.0))
    hook, body = (
        projects.add_group(owner, project_id, "Hook"),
        projects.add_group(owner, project_id, "Body"),
    )
    projects.move_clip(owner, c, hook)
    projects.move_clip(owner, a, body)
    projects.move_group(owner, body, -1)  # the play order is not the order things were made
    panels = [
        {"order_mixing": True, "resolution": "1080p", "fps": 60},
        {"group_mixing": True, "group_mode": "sequential", "fixed_first_clip": a},
        {"group_mixing": True, "group_mode": "random", "duration_type": "fixed"},
        {"different_start": True, "fixed_first_clip": b, "speed_variations": True},
    ]
    for raw in panels:
        for count in (1, 3):
            saved = projects.save_settings(owner, project_id, raw)
            expected = projects.estimate(owner, project_id, raw, count)
            assert projects.save_and_estimate(owner, project_id, raw, count) == expected
            assert projects.get_project(owner, project_id).settings == saved.to_dict()

    start = projects.get_project(owner, project_id).settings
    with pytest.raises(ServiceError) as refused:  # settings the rules refuse: nothing saved
        projects.save_and_estimate(owner, project_id, {"fps": 25}, 1)
    with pytest.raises(ServiceError) as direct:
        projects.save_settings(owner, project_id, {"fps": 25})
    assert (refused.value.code, refused.value.params) == (direct.value.code, direct.value.params)
    assert projects.get_project(owner, project_id).settings == start
    for raw, count, code in [
        ({"resolution": "480p"}, 0, "quantity_invalid"),
        ({"resolution": "480p", "fixed_first_clip": "not-a-clip"}, 1, "parameter_invalid"),
    ]:  # a refused estimate: the settings are saved all the same, as the two calls did
        with pytest.raises(ServiceError) as refused:
            projects.save_and_estimate(owner, project_id, raw, count)
        assert refused.value.code == code
        assert (
            projects.get_project(owner, project_id).settings == rules.parse_settings(raw).to_dict()
        )
    before = projects.get_project(owner, project_id).settings
    for stranger_project in (project_id, "missing", None):
        with pytest.raises(NotFound):
            projects.save_and_estimate(other, stranger_project, {"resolution": "1080p"}, 1)
    assert projects.get_project(owner, project_id).settings == before


def test_generated_variants_are_distinct_charged_and_reproducible(app, tmp_path):
    user_id = new_user()
    project_id, (a, b) = project_with_clips(user_id, tmp_path)
    balance = billing.balance(user_id)
    settings = {"order_mixing": True, "resolution": "480p", "aspect": "9:16", "fps": 24}
    settings["metadata"] = "capcut"  # a look chosen on purpose (the default writes nothing)
    generation_id = projects.generate(user_id, project_id, settings, 2, "vm-1")
    assert projects.generate(user_id, project_id, settings, 2, "vm-1") == generation_id
    run_burst_worker()

    view = generations.get(user_id, generation_id)
    assert view.status == "succeeded"
    assert billing.balance(user_id) == balance - 2 * (1 + 1)
    with session_scope() as db:
        items = db.exec(
            select(GenerationItem)
            .where(GenerationItem.generation_id == generation_id)
            .order_by(GenerationItem.index)
        ).all()
        plans = [rules.VariantPlan.from_dict(i.params["plan"]) for i in items]
    assert all(p.stream_copy for p in plans)  # whole clips at speed 1: joined by stream copy
    assert {tuple(s.clip_id for s in p.segments) for p in plans} == {(a, b), (b, a)}
    for item in view.items:
        info = probe(output_path(item.file.id, tmp_path))
        video = next(s for s in info["streams"] if s["codec_type"] == "video")
        assert (video["width"], video["height"], video["r_frame_rate"]) == (480, 854, "24/1")
        assert abs(float(info["format"]["duration"]) - 2.5) < 0.1
        assert info["format"]["tags"]["comment"] == "Made with CapCut"

    # "make this one again": the same plan, as new work charged once more
    again = generations.regenerate(user_id, generation_id, 1, "again-1")
    run_burst_worker()
    with session_scope() as db:
        [item] = db.exec(select(GenerationItem).where(GenerationItem.generation_id == again))
        assert item.params["plan"] == plans[1].to_dict()
        assert item.status == "succeeded"
    assert billing.balance(user_id) == balance - 3 * (1 + 1)


def test_speed_variations_render_with_one_filter_graph(app, tmp_path):
    user_id = new_user()
    project_id, _ = project_with_clips(user_id, tmp_path, (1.0, 2.0))
    settings = {
        "speed_variations": True,
        "speed_min": 0.8,
        "speed_max": 1.25,
        "audio": "mute",
        "metadata": "clean",
        "resolution": "480p",
    }
    generation_id = projects.generate(user_id, project_id, settings, 3, "vm-speed")
    run_burst_worker()
    view = generations.get(user_id, generation_id)
    assert view.status == "succeeded"
    with session_scope() as db:
        items = db.exec(
            select(GenerationItem).where(GenerationItem.generation_id == generation_id)
        ).all()
        plans = {i.index: rules.VariantPlan.from_dict(i.params["plan"]) for i in items}
    for item in view.items:
        info = probe(output_path(item.file.id, tmp_path))
        assert [s["codec_type"] for s in info["streams"]] == ["video"]
        assert "comment" not in info["format"].get("tags", {})
        assert abs(float(info["format"]["duration"]) - plans[item.index].duration) < 0.1
    assert len({p.segments[0].speed for p in plans.values()}) == 3


def test_deleting_a_project_frees_its_files_and_work(app, tmp_path):
    user_id = new_user()
    project_id, _ = project_with_clips(user_id, tmp_path)
    generation_id = projects.generate(user_id, project_id, {"resolution": "480p"}, 1, "vm-del")
    with session_scope() as db:  # still running: the project cannot go yet
        db.get(Generation, generation_id).status = "running"
    with pytest.raises(ServiceError) as refused:
        projects.delete_project(user_id, project_id)
    assert refused.value.code == "generation_still_running"
    run_burst_worker()
    assert generations.get(user_id, generation_id).status == "succeeded"
    assert storage_used(user_id) > 0

    projects.delete_project(user_id, project_id)
    assert storage_used(user_id) == 0
    with session_scope() as db:
        assert db.exec(select(StoredFile).where(StoredFile.user_id == user_id)).all() == []
        assert db.get(Generation, generation_id) is None
    with pytest.raises(NotFound):
        projects.get_project(user_id, project_id)


def test_a_clip_deleted_before_its_video_is_made_fails_that_video_and_refunds_it(app, tmp_path):
    user_id = new_user()
    project_id, (a, _b) = project_with_clips(user_id, tmp_path)
    balance = billing.balance(user_id)
    generation_id = projects.generate(user_id, project_id, {"resolution": "480p"}, 2, "vm-gone")
    projects.delete_clip(user_id, a)
    run_burst_worker()
    view = generations.get(user_id, generation_id)
    assert view.status == "failed"
    assert {item.error for item in view.items} == {"video_mixer_clip_missing"}
    assert billing.balance(user_id) == balance  # held, then given back in full


def test_clips_longer_than_the_limit_are_refused_before_they_are_stored(app, tmp_path, monkeypatch):
    from lumiku.i18n import tr
    from lumiku.services import media

    assert projects.MAX_CLIP_SECONDS == 600
    monkeypatch.setattr(projects, "MAX_CLIP_SECONDS", 90)
    # a two-minute clip without making one: the container and its packets say 120 s
    real_probe, real_scan = media.ffprobe, media.readable_until

    def said_120(path):
        data = real_probe(path)
        data["format"]["duration"] = "120.0"
        for stream in data["streams"]:
            stream["duration"] = "120.0"
        return data

    monkeypatch.setattr(media, "ffprobe", said_120)
    monkeypatch.setattr(
        media, "readable_until", lambda path: ({i: (0.0, 120.0) for i in real_scan(path)[0]}, False)
    )
    user_id = new_user()
    project_id = projects.create_project(user_id, "Long")
    with pytest.raises(ServiceError) as refused:
        projects.add_clip(user_id, project_id, make_clip(tmp_path / "a.mp4", 1), "a.mp4")
    assert refused.value.code == "file_too_long"
    assert "1.5 minutes" in tr(refused.value.code, "en", **refused.value.params)
    assert "1.5 menit" in tr(refused.value.code, "id", **refused.value.params)
    assert storage_used(user_id) == 0 and not projects.get_project(user_id, project_id).clips


def test_the_clip_limit_holds_when_several_tabs_add_at_once(app, tmp_path, monkeypatch):
    import threading

    from lumiku.db import get_engine

    if get_engine().dialect.name != "postgresql":
        pytest.skip("concurrent writers are tested on PostgreSQL")
    user_id = new_user()
    project_id = projects.create_project(user_id, "Busy")
    clip = make_clip(tmp_path / "c.mp4", 1, size="160x120", audio=False)
    monkeypatch.setattr(projects, "MAX_CLIPS", 3)
    for n in range(2):
        projects.add_clip(user_id, project_id, clip, f"c{n}.mp4")
    tabs = 4
    together = threading.Barrier(tabs, timeout=60)  # every tab past the early check first
    store_upload = projects.files.store_upload

    def store_then_wait(*args, **kwargs):
        stored = store_upload(*args, **kwargs)
        if args[3] == {"video"}:
            together.wait()
        return stored

    monkeypatch.setattr(projects.files, "store_upload", store_then_wait)
    outcomes: list[str] = []

    def add(n: int) -> None:
        try:
            projects.add_clip(user_id, project_id, clip, f"tab{n}.mp4")
            outcomes.append("added")
        except ServiceError as exc:
            outcomes.append(exc.code)

    threads = [threading.Thread(target=add, args=(n,)) for n in range(tabs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert sorted(outcomes) == ["added"] + ["video_mixer_too_many_clips"] * 3
    assert len(projects.get_project(user_id, project_id).clips) == 3
    with session_scope() as db:  # the refused tabs' files were removed and their space freed
        stored = db.exec(select(StoredFile).where(StoredFile.user_id == user_id)).all()
    assert len(stored) == 6 and storage_used(user_id) == sum(f.size_bytes for f in stored)
