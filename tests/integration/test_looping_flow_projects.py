"""Looping Flow's projects on the real services: clips, the clip being looped, sound layers,
settings, the estimate and the storage check before charging, with a second user who must
reach nothing, and a loop made end to end by a real worker."""

from __future__ import annotations

import pytest

from lumiku.db import session_scope
from lumiku.models import StoredFile, User
from lumiku.services import billing, generations, seed
from lumiku.services.errors import NotFound, ServiceError
from lumiku.services.looping_flow import projects, rules
from lumiku.services.storage import get_storage
from lumiku.settings import get_settings
from tests.factories import make_clip, make_sound, new_user, probe, run_burst_worker


@pytest.fixture
def app(db, rds):
    seed.run_all()
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def storage_used(user_id: int) -> int:
    with session_scope() as db:
        return db.get(User, user_id).storage_used_bytes


def a_project(user_id: int, tmp_path) -> tuple[str, str, str]:
    project_id = projects.create_project(user_id, "Hujan di jendela")
    clip_id = projects.add_clip(
        user_id, project_id, make_clip(tmp_path / "rain.mp4", 2.0, size="160x120"), "rain.mp4"
    )
    layer_id = projects.add_layer(user_id, project_id, make_sound(tmp_path / "r.wav", 1.5), "r.wav")
    return project_id, clip_id, layer_id


def test_clips_and_layers_are_checked_kept_and_freed(app, tmp_path):
    user_id = new_user()
    before = storage_used(user_id)
    project_id, clip_id, layer_id = a_project(user_id, tmp_path)
    project = projects.get_project(user_id, project_id)
    assert project.clip_id == clip_id  # the first clip is the one looped
    assert project.clips[0].thumbnail_id and project.clips[0].duration == pytest.approx(2.0, 0.1)
    assert [la.id for la in project.layers] == [layer_id]

    notes = tmp_path / "notes.txt"
    notes.write_text("not a video")
    for path, add in ((notes, projects.add_clip), (notes, projects.add_layer)):
        with pytest.raises(ServiceError):
            add(user_id, project_id, path, path.name)
    with pytest.raises(ServiceError) as refused:  # a video is not a sound layer
        projects.add_layer(user_id, project_id, make_clip(tmp_path / "v.mp4", 1.0), "v.mp4")
    assert refused.value.code == "file_type_not_allowed"
    for n in range(rules.MAX_LAYERS - 1):
        projects.add_layer(user_id, project_id, make_sound(tmp_path / f"{n}.wav"), f"{n}.wav")
    with pytest.raises(ServiceError) as refused:
        projects.add_layer(user_id, project_id, make_sound(tmp_path / "x.wav"), "x.wav")
    assert refused.value.code == "looping_flow_too_many_layers"

    projects.update_layer(user_id, layer_id, {"volume": 40, "muted": True, "fade_in": 1.5})
    layer = projects.get_project(user_id, project_id).layers[0]
    assert (layer.volume, layer.muted, layer.fade_in) == (40, True, 1.5)
    with pytest.raises(ServiceError) as refused:
        projects.update_layer(user_id, layer_id, {"volume": 999})
    assert refused.value.params["name"] == "volume"

    second = projects.add_clip(user_id, project_id, make_clip(tmp_path / "b.mp4", 1.5), "b.mp4")
    projects.delete_clip(user_id, clip_id)  # the looped one: the next clip takes its place
    assert projects.get_project(user_id, project_id).clip_id == second
    assert projects.delete_project(user_id, project_id) >= 5
    assert storage_used(user_id) == before
    with session_scope() as db:
        assert db.get(StoredFile, project.clips[0].file_id) is None


def test_a_second_user_reaches_nothing(app, tmp_path):
    owner = new_user(1)
    project_id, clip_id, layer_id = a_project(owner, tmp_path)
    before = projects.get_project(owner, project_id)
    stranger = new_user(2)
    sound = make_sound(tmp_path / "s.wav")
    calls = [
        (projects.get_project, (project_id,)),
        (projects.rename_project, (project_id, "Mine")),
        (projects.delete_project, (project_id,)),
        (projects.add_clip, (project_id, make_clip(tmp_path / "x.mp4", 1.0), "x.mp4")),
        (projects.clip_room, (project_id,)),
        (projects.choose_clip, (clip_id,)),
        (projects.delete_clip, (clip_id,)),
        (projects.add_layer, (project_id, sound, "s.wav")),
        (projects.layer_room, (project_id,)),
        (projects.update_layer, (layer_id, {"volume": 0})),
        (projects.delete_layer, (layer_id,)),
        (projects.save_settings, (project_id, {"target": 60})),
        (projects.find_loop, (project_id,)),
        (projects.make_preview, (project_id, {})),
        (projects.estimate, (project_id, {})),
        (projects.generate, (project_id, {}, "stolen")),
    ]
    for fn, args in calls:
        with pytest.raises(NotFound):
            fn(stranger, *args)
    assert projects.get_project(owner, project_id) == before
    assert projects.list_projects(stranger).total == 0


def test_the_estimate_prices_the_original_table_and_refuses_what_storage_cannot_hold(app, tmp_path):
    user_id = new_user()
    project_id, _clip, _layer = a_project(user_id, tmp_path)
    for minutes, credits in ((10, 2), (30, 6), (60, 12), (120, 24), (300, 60), (480, 102)):
        estimate = projects.estimate(user_id, project_id, {"target": minutes * 60})
        assert (estimate.credits, estimate.quote.amount) == (credits, credits)
        assert estimate.output_bytes > 0
    long = projects.estimate(user_id, project_id, {"target": 12 * 3600})
    with session_scope() as db:
        user = db.get(User, user_id)
        user.storage_quota_bytes = user.storage_used_bytes + long.output_bytes // 2
    assert not projects.estimate(user_id, project_id, {"target": 12 * 3600}).fits_storage
    balance = billing.balance(user_id)
    with pytest.raises(ServiceError) as refused:
        projects.generate(user_id, project_id, {"target": 12 * 3600}, "too-big")
    assert refused.value.code == "looping_flow_too_big_for_storage"
    assert billing.balance(user_id) == balance  # nothing held
    with pytest.raises(ServiceError):
        projects.save_settings(user_id, project_id, {"target": 5})  # under 10 seconds


def test_a_loop_is_made_paid_and_as_long_as_asked(app, tmp_path):
    user_id = new_user()
    project_id, _clip, layer_id = a_project(user_id, tmp_path)
    balance = billing.balance(user_id)
    settings = {"style": "crossfade", "crossfade": 0.5, "target": 30}
    generation_id = projects.generate(user_id, project_id, settings, "lf-1")
    assert billing.balance(user_id) == balance - 2
    run_burst_worker(apps=None)
    view = generations.get(user_id, generation_id)
    assert (view.status, view.cost) == ("succeeded", 2)
    output = view.items[0].file
    target = tmp_path / "loop.mp4"
    with get_storage().open(output.key) as source:
        target.write_bytes(source.read())
    info = probe(target)
    assert abs(float(info["format"]["duration"]) - 30) < 0.1
    kinds = sorted(s["codec_type"] for s in info["streams"])
    assert kinds == ["audio", "video"]
    projects.delete_layer(user_id, layer_id)
    assert projects.get_project(user_id, project_id).layers == []


def test_the_best_loop_point_is_stored_and_choosing_another_clip_starts_over(app, tmp_path):
    user_id = new_user()
    project_id, clip_id, _layer = a_project(user_id, tmp_path)
    found = projects.find_loop(user_id, project_id)
    assert 0 <= found.start < found.end <= 2.05 and found.end - found.start >= 1.0
    assert 0 <= found.score <= 100
    settings = projects.get_project(user_id, project_id).settings
    assert (settings["loop_in"], settings["loop_out"], settings["score"]) == (
        found.start,
        found.end,
        found.score,
    )
    other = projects.add_clip(user_id, project_id, make_clip(tmp_path / "o.mp4", 1.5), "o.mp4")
    projects.choose_clip(user_id, other)
    project = projects.get_project(user_id, project_id)
    assert project.clip_id == other
    assert (project.settings["loop_in"], project.settings["loop_out"]) == (0.0, 0.0)
