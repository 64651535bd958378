"""Avatar Generator on the real services, the real provider client and the engine: variations of
an avatar made by a local server that speaks Hugging Face's inference protocol, priced by the
original's formula through the registry (5, +2 for HD, +3 for priority), refunded when the model
refuses, saved as avatars once; a second user reaches nothing, and the state's handlers stand
a hostile client."""

from __future__ import annotations

import inspect
import io

import pytest
from PIL import Image
from sqlmodel import select

from jobs.generation import runner_for
from lumiku.db import session_scope
from lumiku.models import AIModel, AvatarCreatorAvatar, GenerationItem, StoredFile
from lumiku.services import auth, billing, generations, subscriptions
from lumiku.services.avatar_creator import avatars, projects
from lumiku.services.avatar_generator import variations
from lumiku.services.errors import NotFound, ServiceError
from lumiku.settings import get_settings
from lumiku.state.avatar_generator import (
    SUBSTATES,
    AvatarState,
    GenerateState,
    PickerState,
    VariationsState,
)
from tests.factories import (
    START,
    call,
    fund,
    make_avatar,
    new_user,
    redirect_target,
    run_all_items,
    signed_in,
    states,
    visit,
)

KONTEXT = "avatar-generator:flux-kontext"
LIKENESS = "avatar-generator:face-likeness"


def request(avatar_id: str, **extra) -> dict:
    return {
        "avatar_id": avatar_id,
        "model_key": KONTEXT,
        "count": 2,
        "quality": "sd",
        "priority": False,
        "strength": 0.5,
        "style": "studio",
        **extra,
    }


def made(user_id: int, avatar_id: str, tmp_path=None, **extra) -> list[variations.VariationView]:
    """Variations generated and run to the end; returns the avatar's variations."""
    key = f"ag-{avatar_id}-{len(variations.list_variations(user_id, avatar_id))}"
    run_all_items(variations.generate(user_id, request(avatar_id, **extra), key))
    return variations.list_variations(user_id, avatar_id)


# ------------------------------------------------------------------ the price


@pytest.mark.parametrize(
    ("quality", "priority", "each"),
    [("sd", False, 5), ("hd", False, 7), ("sd", True, 8)] + [("hd", True, 10)],
)
def test_the_price_is_the_originals_formula_through_the_registry(
    app, tmp_path, quality, priority, each
):
    user_id = fund(new_user())
    avatar_id = make_avatar(user_id, tmp_path)
    for count in (1, 3, 8):
        raw = request(avatar_id, count=count, quality=quality, priority=priority)
        quote = variations.estimate(user_id, raw)
        assert (quote.unit, quote.amount, quote.available) == ("credits", each * count, START)


def test_the_extras_are_read_from_the_models_row(app, tmp_path):
    user_id = fund(new_user())
    avatar_id = make_avatar(user_id, tmp_path)
    with session_scope() as db:
        model = db.get(AIModel, KONTEXT)
        model.credit_cost, model.capabilities = 6, {**model.capabilities, "hdExtra": 4}
    raw = request(avatar_id, count=2, quality="hd", priority=True)
    assert variations.estimate(user_id, raw).amount == (6 + 4 + 3) * 2
    parts = variations.price_parts(KONTEXT)
    assert (parts.base, parts.hd, parts.priority, parts.quota) == (6, 4, 3, 1)
    assert variations.price_parts("video-mixer:ffmpeg-standard") is None  # not this app's


def test_subscribers_pay_quota_per_variation(app, tmp_path):
    user_id = new_user()
    subscriptions.set_plan(user_id, "basic-monthly", "test")
    avatar_id = make_avatar(user_id, tmp_path)
    quote = variations.estimate(user_id, request(avatar_id, count=3, quality="hd", priority=True))
    assert (quote.unit, quote.amount) == ("quota", 3)  # the row's quota per output; no extras


# ------------------------------------------------------------------ what a request may hold


@pytest.mark.parametrize(
    ("change", "code", "name"),
    [
        ({"count": 0}, "parameter_out_of_range", "count"),
        ({"count": 9}, "parameter_out_of_range", "count"),
        ({"count": "4"}, "parameter_out_of_range", "count"),
        ({"count": True}, "parameter_out_of_range", "count"),
        ({"strength": 0.1}, "parameter_out_of_range", "strength"),
        ({"strength": 0.95}, "parameter_out_of_range", "strength"),
        ({"strength": float("nan")}, "parameter_out_of_range", "strength"),
        ({"strength": "0.5"}, "parameter_invalid", "strength"),
        ({"style": "anime"}, "parameter_invalid", "style"),
        ({"style": ["studio"]}, "parameter_invalid", "style"),
        ({"quality": "4k"}, "parameter_invalid", "quality"),
        ({"quality": ["sd"]}, "parameter_invalid", "quality"),  # unhashable: no TypeError
        ({"priority": "yes"}, "parameter_invalid", "priority"),
        ({"seed": -1}, "parameter_out_of_range", "seed"),
        ({"seed": 2**31}, "parameter_out_of_range", "seed"),
        ({"seed": "7"}, "parameter_out_of_range", "seed"),
        ({"prompt": "kata " * 120}, "parameter_out_of_range", "prompt"),
    ],
)
def test_a_malformed_request_is_refused_by_name(app, tmp_path, change, code, name):
    user_id = fund(new_user())
    avatar_id = make_avatar(user_id, tmp_path)
    with pytest.raises(ServiceError) as refused:
        variations.estimate(user_id, request(avatar_id, **change))
    assert (refused.value.code, refused.value.params.get("name")) == (code, name)
    with pytest.raises(ServiceError):
        variations.generate(user_id, request(avatar_id, **change), "ag-bad")
    assert billing.balance(user_id) == START


def test_requests_that_are_not_a_dict_or_name_no_avatar_are_refused(app, tmp_path):
    user_id = fund(new_user())
    with pytest.raises(ServiceError) as refused:
        variations.estimate(user_id, ["not", "a", "dict"])
    assert refused.value.params == {"name": "request"}
    for avatar_id in (None, 7, "", "no-such-avatar", {"id": "x"}):
        with pytest.raises(NotFound):
            variations.estimate(user_id, request(avatar_id))


def test_an_avatar_without_a_picture_cannot_be_varied(app, tmp_path):
    user_id = fund(new_user())
    avatar_id = make_avatar(user_id, tmp_path)
    with session_scope() as db:
        db.get(AvatarCreatorAvatar, avatar_id).image_id = None
    with pytest.raises(ServiceError) as refused:
        variations.estimate(user_id, request(avatar_id))
    assert refused.value.code == "avatar_generator_no_picture"


# ------------------------------------------------------------------ made by the engine


def test_variations_are_made_paid_and_kept_with_their_seeds(app, hf, tmp_path):
    user_id = fund(new_user())
    avatar_id = make_avatar(user_id, tmp_path)
    raw = request(avatar_id, seed=42, prompt="  wearing   glasses ")
    generation_id = variations.generate(user_id, raw, "ag-1")
    assert variations.generate(user_id, raw, "ag-1") == generation_id  # a double click: once
    assert billing.balance(user_id) == START - 2 * 5  # held
    assert variations.active_generations(user_id, avatar_id) == [generation_id]
    run_all_items(generation_id)

    view = generations.get(user_id, generation_id)
    assert view.status == "succeeded" and view.cost == 10
    assert billing.balance(user_id) == START - 10
    assert variations.active_generations(user_id, avatar_id) == []
    sent = [r for r in hf.requests if r.task == "image-to-image"]
    assert sorted(r.parameters["seed"] for r in sent) == [42, 43]
    assert all("FLUX.1-Kontext-dev" in r.path for r in sent)
    prompt = sent[0].parameters["prompt"]
    assert "same face" in prompt and "studio" in prompt and prompt.endswith("wearing glasses")
    assert sent[0].parameters["strength"] == 0.5
    assert sent[0].parameters["target_size"] == {"width": 768, "height": 768}

    made_now = variations.list_variations(user_id, avatar_id)
    assert sorted(v.seed for v in made_now) == [42, 43]
    assert {v.style for v in made_now} == {"studio"}
    assert all(v.likeness is None and not v.low_likeness for v in made_now)  # no face model
    with session_scope() as db:
        picture = Image.open(io.BytesIO(_read(db.get(StoredFile, made_now[0].file_id).key)))
        assert picture.size == (768, 768)
    uses, per_app = avatars.history(user_id, avatar_id)
    assert [(u.app_id, u.action) for u in uses] == [("avatar-generator", "variations")]
    assert [(s.app_id, s.count) for s in per_app] == [("avatar-generator", 1)]


def _read(key: str) -> bytes:
    from lumiku.services.storage import get_storage

    with get_storage().open(key) as stream:
        return stream.read()


def test_hd_and_priority_reach_the_model_and_the_queue(app, hf, tmp_path):
    user_id = fund(new_user())
    avatar_id = make_avatar(user_id, tmp_path)
    generation_id = variations.generate(
        user_id, request(avatar_id, count=1, quality="hd", priority=True), "ag-hd"
    )
    assert billing.balance(user_id) == START - 10
    with session_scope() as db:
        (item,) = db.exec(
            select(GenerationItem).where(GenerationItem.generation_id == generation_id)
        ).all()
        assert item.params["priority"] is True  # goes ahead in the queue
    run_all_items(generation_id)
    assert hf.last.parameters["target_size"] == {"width": 1024, "height": 1024}
    assert billing.balance(user_id) == START - 10


def test_a_refused_variation_fails_with_its_reason_and_is_refunded(app, hf, tmp_path):
    user_id = fund(new_user())
    avatar_id = make_avatar(user_id, tmp_path)
    hf.fail_next("refusal")
    generation_id = variations.generate(user_id, request(avatar_id, count=1), "ag-refused")
    assert billing.balance(user_id) == START - 5
    run_all_items(generation_id)
    view = generations.get(user_id, generation_id)
    assert view.status == "failed" and view.items[0].error == "ai_refused"
    assert billing.balance(user_id) == START
    assert variations.list_variations(user_id, avatar_id) == []


def test_one_refused_item_of_two_is_the_only_one_refunded(app, hf, tmp_path):
    user_id = fund(new_user())
    avatar_id = make_avatar(user_id, tmp_path)
    generation_id = variations.generate(user_id, request(avatar_id, count=2), "ag-half")
    hf.fail_next("refusal")
    run_all_items(generation_id)
    view = generations.get(user_id, generation_id)
    assert view.status == "partly_succeeded"
    assert [i.error for i in view.items] == ["ai_refused", ""]
    assert billing.balance(user_id) == START - 5
    assert len(variations.list_variations(user_id, avatar_id)) == 1


def test_a_face_model_scores_likeness_and_flags_a_face_that_may_differ(app, hf, tmp_path):
    with session_scope() as db:
        model = db.get(AIModel, LIKENESS)
        model.enabled, model.provider_model = True, "fake/face-embedding"
    user_id = fund(new_user())
    avatar_id = make_avatar(user_id, tmp_path)
    (variation,) = made(user_id, avatar_id, count=1)
    assert [r.task for r in hf.requests].count("feature-extraction") == 2  # source and result
    # the fake's vectors come from a hash of the picture: two pictures are far apart
    assert variation.likeness is not None and 0 <= variation.likeness < variations.LOW_LIKENESS
    assert variation.low_likeness
    assert billing.balance(user_id) == START - 5  # the score is free


def test_a_failing_face_model_leaves_the_variation_unscored_not_failed(app, hf, tmp_path):
    with session_scope() as db:
        model = db.get(AIModel, LIKENESS)
        model.enabled, model.provider_model = True, "fake/face-embedding"
    user_id = fund(new_user())
    avatar_id = make_avatar(user_id, tmp_path)
    generation_id = variations.generate(user_id, request(avatar_id, count=1), "ag-unscored")
    with session_scope() as db:
        item_id = db.exec(
            select(GenerationItem.id).where(GenerationItem.generation_id == generation_id)
        ).one()
    original = hf._reply

    def refuse_embeddings(task, body, raw):
        if task == "feature-extraction":
            return 400, b'{"error": "NSFW content detected"}', "application/json"
        return original(task, body, raw)

    hf._reply = refuse_embeddings
    try:
        generations.run_item(item_id, runner_for)
    finally:
        hf._reply = original
    (variation,) = variations.list_variations(user_id, avatar_id)
    assert variation.likeness is None and not variation.low_likeness
    assert generations.get(user_id, generation_id).status == "succeeded"


# ------------------------------------------------------------------ saving a variation


def test_saving_a_variation_twice_makes_one_avatar_of_the_same_persona(app, hf, tmp_path):
    user_id = fund(new_user())
    avatar_id = make_avatar(user_id, tmp_path)
    (variation,) = made(user_id, avatar_id, count=1, seed=9)
    saved = variations.save_as_avatar(user_id, variation.id)
    assert variations.save_as_avatar(user_id, variation.id) == saved
    source = avatars.get(user_id, avatar_id)
    project = projects.get_project(user_id, source.project_id)
    assert len(project.avatars) == 2
    new = avatars.get(user_id, saved)
    assert (new.source, new.seed, new.persona_name) == ("variation", 9, "Sari Wulandari")
    assert new.name == "Sari (studio)" and new.image_id == variation.file_id
    (listed,) = variations.list_variations(user_id, avatar_id)
    assert listed.saved_avatar_id == saved
    with session_scope() as db:  # kept beyond the outputs' retention…
        kept = db.get(StoredFile, variation.file_id)
        assert kept.kind == "kept" and kept.expires_at is None
        generation_id = db.get(GenerationItem, variation.id).generation_id
    generations.delete(user_id, generation_id)  # …and when My work's copy goes
    assert avatars.get(user_id, saved).image_id == variation.file_id
    with session_scope() as db:
        assert db.get(StoredFile, variation.file_id) is not None


def test_a_second_user_reaches_nothing(app, hf, tmp_path):
    owner = fund(new_user(1))
    avatar_id = make_avatar(owner, tmp_path)
    (variation,) = made(owner, avatar_id, count=1)
    stranger = fund(new_user(2))
    with pytest.raises(NotFound):
        variations.list_variations(stranger, avatar_id)
    with pytest.raises(NotFound):
        variations.save_as_avatar(stranger, variation.id)
    with pytest.raises(NotFound):
        variations.estimate(stranger, request(avatar_id))
    with pytest.raises(NotFound):
        variations.generate(stranger, request(avatar_id), "ag-stolen")
    assert variations.active_generations(stranger, avatar_id) == []
    assert billing.balance(stranger) == START
    assert generations.list_for(stranger).total == 0
    assert variations.list_variations(owner, avatar_id)[0].saved_avatar_id == ""
    assert len(avatars.history(owner, avatar_id)[0]) == 1  # only the owner's own use


# ------------------------------------------------------------------ the state's handlers

ODD = [None, 7, -1, True, "", "x" * 5000, {"name": "x"}, ["a"], 1.5, "²", 10**30, [0.5], "inf"]


def test_another_users_ids_and_odd_arguments_change_nothing(app, hf, tmp_path, caplog):
    victim, _, _ = signed_in(1)
    owner = fund(victim.user.id)
    avatar_id = make_avatar(owner, tmp_path)
    (variation,) = made(owner, avatar_id, count=1)
    before = (variations.list_variations(owner, avatar_id), avatars.get(owner, avatar_id))
    attacker, _, get = signed_in(2)
    fund(attacker.user.id)
    generate = get(GenerateState)
    handlers = [(get(cls), name, h) for cls in SUBSTATES for name, h in cls.event_handlers.items()]
    assert len(handlers) > 10
    for state, name, handler in handlers:
        if name == "setvar":
            continue
        arity = len(inspect.signature(handler.fn).parameters) - 1
        for args in (
            [variation.id][:arity],
            [avatar_id][:arity],
            [KONTEXT][:arity],
            *([odd] * arity for odd in ODD),
        ):
            state.project_id = avatar_id
            generate.confirming, generate._generate_key = True, "k"
            call(state, name, *args)
    crashes = [r for r in caplog.records if r.name == "lumiku.state"]
    assert not crashes, [r.exc_info[1] for r in crashes if r.exc_info]  # refused, never crashed
    assert (variations.list_variations(owner, avatar_id), avatars.get(owner, avatar_id)) == before
    assert generations.list_for(owner).total == 1
    assert generations.list_for(attacker.user.id).total == 0
    assert billing.balance(attacker.user.id) == START
    assert len(projects.get_project(owner, before[1].project_id).avatars) == 1
    assert get(VariationsState).tiles == []  # nothing of the victim's was shown either
    assert get(AvatarState).image_url == ""


def test_signed_out_callers_are_sent_to_sign_in(db, rds):
    _, get = states()
    assert "reason=required" in redirect_target(call(get(PickerState), "load_picker"))
    assert "reason=required" in redirect_target(call(get(AvatarState), "load_avatar"))
    assert "reason=required" in redirect_target(call(get(GenerateState), "generate"))
    assert "reason=required" in redirect_target(call(get(VariationsState), "save_variation", "x"))


def test_the_owner_makes_and_saves_variations_through_the_handlers(app, hf, tmp_path):
    signed, _, get = signed_in(3)
    auth.change_language(signed.user, "en")
    user_id = fund(signed.user.id)
    avatar_id = make_avatar(user_id, tmp_path)
    picker = get(PickerState)
    visit(picker, "/apps/avatar-generator")
    call(picker, "load_picker")
    assert [a.id for a in picker.avatars] == [avatar_id] and picker.avatars[0].thumb_url
    assert picker.avatars[0].persona == "Sari Wulandari, 27"
    visit(picker, f"/apps/avatar-generator?avatar={avatar_id}")
    assert redirect_target(call(picker, "load_picker")) == f"/apps/avatar-generator/{avatar_id}"

    page = get(AvatarState)
    visit(page, "/apps/avatar-generator/someone-elses")
    assert redirect_target(call(page, "load_avatar")) == "/apps/avatar-generator"
    visit(page, f"/apps/avatar-generator/{avatar_id}")
    assert call(page, "load_avatar") is None
    assert page.name == "Sari" and page.persona == "Sari Wulandari, 27" and page.image_url
    assert page.creator_url == f"/apps/avatar-creator/{avatars.get(user_id, avatar_id).project_id}"

    form = get(GenerateState)
    assert [(m.value, m.disabled) for m in form.models] == [(KONTEXT, False)]
    assert form.model_key == KONTEXT and form.est_ready
    assert form.price_rule == "Price per variation: SD 5 credits, HD +2, priority +3."
    assert (form.est_price, form.est_per_item) == ("20 credits", "SD 5 = 5 credits per variation")
    call(form, "set_quality", "hd")
    call(form, "set_priority", True)
    assert form.est_per_item == "SD 5 + HD 2 + priority 3 = 10 credits per variation"
    assert form.est_price == "40 credits"
    call(form, "set_quality", "4k")
    call(form, "set_style", "anime")
    call(form, "set_strength", [5.0])
    assert (form.quality, form.style, form.strength) == ("hd", "natural", 0.55)  # ignored
    call(form, "set_count", "9")
    assert not form.est_ready and "between 1 and 8" in form.form_error
    call(form, "set_seed", "abc")
    call(form, "set_count", "2")
    assert not form.est_ready and form.form_error  # the seed, now
    call(form, "set_seed", "1234")
    call(form, "set_style", "business")
    call(form, "set_strength", [0.7])
    call(form, "set_quality", "sd")
    call(form, "set_priority", False)
    assert form.est_ready and form.est_price == "10 credits" and form.form_error == ""

    call(form, "generate")  # not asked first: nothing happens
    assert generations.list_for(user_id).total == 0
    call(form, "ask_generate")
    assert form.confirming and form.est_available == f"{START} credits"
    call(form, "generate")
    assert form.started_generation and not form.confirming
    assert page.used_text == "Uses so far: 1 (Avatar Generator 1×)"  # the history, at once
    assert billing.balance(user_id) == START - 10
    run_all_items(form.started_generation)
    sent = [r for r in hf.requests if r.task == "image-to-image"]
    assert sorted(r.parameters["seed"] for r in sent) == [1234, 1235]
    assert sent[0].parameters["strength"] == 0.7

    grid = get(VariationsState)
    assert grid.tiles == []
    call_refresh(grid, user_id, {"generation": form.started_generation, "progress": "50"})
    assert grid.tiles == []  # a progress tick changes nothing here
    call_refresh(grid, user_id, {"generation": form.started_generation, "item": "1"})
    assert len(grid.tiles) == 2
    tile = grid.tiles[0]
    assert tile.style == "Business" and tile.seed in ("1234", "1235")
    assert tile.image_url.startswith("/api/files/") and tile.download_url != tile.image_url
    assert tile.likeness == "" and not tile.low_likeness and not tile.saved

    call(form, "use_seed", tile.seed)
    assert form.seed_text == tile.seed and form.notice
    call(grid, "save_variation", tile.id)
    assert grid.tiles[0].saved and grid.tiles[0].saved_url == page.creator_url
    assert grid.notice == "Saved as a new avatar in Avatar Creator."
    call(grid, "save_variation", tile.id)
    assert len(projects.list_avatars(user_id)) == 2  # once


def call_refresh(state, user_id: int, fields: dict) -> None:
    """What lumiku.state.live does for the tab when an event of the user's arrives."""
    import asyncio

    asyncio.run(state._refresh(user_id, fields))


def test_a_model_that_cannot_be_used_is_shown_off_with_its_reason(app, tmp_path, monkeypatch):
    signed, _, get = signed_in(4)
    auth.change_language(signed.user, "en")
    avatar_id = make_avatar(fund(signed.user.id), tmp_path)
    monkeypatch.delenv("HF_TOKEN")
    monkeypatch.delenv("HF_INFERENCE_URL")
    get_settings.cache_clear()
    page = get(AvatarState)
    visit(page, f"/apps/avatar-generator/{avatar_id}")
    call(page, "load_avatar")
    form = get(GenerateState)
    (model,) = form.models
    assert model.disabled and "Hugging Face" in model.label
    assert not form.est_ready and "Hugging Face" in form.form_error
    call(form, "ask_generate")
    assert not form.confirming


def test_a_subscriber_sees_the_quota_a_variation_takes(app, tmp_path):
    signed, _, get = signed_in(5)
    auth.change_language(signed.user, "en")
    subscriptions.set_plan(signed.user.id, "basic-monthly", "test")
    avatar_id = make_avatar(signed.user.id, tmp_path)
    page = get(AvatarState)
    visit(page, f"/apps/avatar-generator/{avatar_id}")
    call(page, "load_avatar")
    form = get(GenerateState)
    call(form, "set_quality", "hd")
    assert (form.est_price, form.est_per_item) == ("4 quota", "1 quota per variation")
    assert form.price_rule == "" and form.est_ready  # credits are not what they pay
