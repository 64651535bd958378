"""Pose Generator's state handlers as the owner's tab and as a hostile client call them: the
library browsed, poses chosen, the options priced live in their parts, three poses made and
shown with their seeds, one's own pose and a result deleted; another user's ids and odd
argument shapes change nothing and crash nothing; a signed-out tab is sent to sign in."""

from __future__ import annotations

import asyncio
import inspect

from lumiku.db import session_scope
from lumiku.models import PoseGeneratorTemplate
from lumiku.services import auth, billing, generations, subscriptions
from lumiku.services.avatar_creator import avatars
from lumiku.services.pose_generator import library, poses, results, rules
from lumiku.settings import get_settings
from lumiku.state.pose_generator import (
    SUBSTATES,
    AvatarState,
    ChosenPose,
    GenerateState,
    LibraryState,
    PickerState,
    ResultsState,
)
from tests.factories import (
    START,
    call,
    fund,
    make_avatar,
    redirect_target,
    run_all_items,
    signed_in,
    states,
    visit,
)

MODEL = "pose-generator:controlnet-openpose-sdxl"
ROUTE = "/apps/pose-generator"
ODD = [None, 7, -1, True, "", "x" * 5000, {"name": "x"}, ["a"], 1.5, "²", 10**30, [0.5], "inf"]
BACKGROUND = ("upload",)  # run by Reflex with the dropped files


def own_pose(user_id: int, name: str = "Beach walk") -> str:
    """One of the user's own templates, as a photo would leave it (without its preview)."""
    template_id = f"own{user_id}x{len(name)}"
    with session_scope() as db:
        db.add(
            PoseGeneratorTemplate(
                id=template_id,
                user_id=user_id,
                name=name,
                category=library.CUSTOM,
                keypoints=poses.POSES[0]["keypoints"],
            )
        )
    return template_id


def refresh(state, user_id: int, fields: dict) -> None:
    """What lumiku.state.live does for the tab when an event of the user's arrives."""
    asyncio.run(state._refresh(user_id, fields))


def opened(get, avatar_id: str) -> AvatarState:
    page = get(AvatarState)
    visit(page, f"{ROUTE}/{avatar_id}")
    assert call(page, "load_avatar") is None
    return page


# ------------------------------------------------------------------ the owner's tab


def test_the_owner_browses_chooses_prices_and_makes_three_poses(app, hf, tmp_path):
    signed, _, get = signed_in(3)
    auth.change_language(signed.user, "en")
    user_id = fund(signed.user.id)
    avatar_id = make_avatar(user_id, tmp_path)

    picker = get(PickerState)
    visit(picker, ROUTE)
    call(picker, "load_picker")
    assert [a.id for a in picker.avatars] == [avatar_id] and picker.avatars[0].thumb_url
    assert picker.avatars[0].persona == "Sari Wulandari, 27" and picker.loaded
    visit(picker, f"{ROUTE}?avatar={avatar_id}")
    assert redirect_target(call(picker, "load_picker")) == f"{ROUTE}/{avatar_id}"

    page = get(AvatarState)
    visit(page, f"{ROUTE}/someone-elses")
    assert redirect_target(call(page, "load_avatar")) == ROUTE
    page = opened(get, avatar_id)
    assert page.name == "Sari" and page.persona == "Sari Wulandari, 27" and page.image_url
    assert page.creator_url == f"/apps/avatar-creator/{avatars.get(user_id, avatar_id).project_id}"

    shelf = get(LibraryState)
    assert shelf.loaded and shelf.total == len(poses.POSES) and len(shelf.cards) == 24
    assert shelf.pages == 2 and shelf.cards[0].preview_url.endswith(".png")
    call(shelf, "go_to_page", 2)
    assert shelf.page == 2 and len(shelf.cards) == len(poses.POSES) - 24
    call(shelf, "go_to_page", 3)  # past the last: ignored
    call(shelf, "set_category", "sitting")
    assert shelf.page == 1 and {c.category for c in shelf.cards} == {"Sitting"}
    call(shelf, "set_category", "flying")
    call(shelf, "set_gender", "robot")
    call(shelf, "set_sort", "random")
    assert (shelf.category, shelf.gender, shelf.sort) == ("sitting", "all", "popular")
    call(shelf, "set_category", "all")
    call(shelf, "set_search", "  wave  ")
    assert shelf.search == "wave" and 0 < shelf.total < len(poses.POSES)
    assert any("Wav" in c.name for c in shelf.cards)
    call(shelf, "set_search", "")
    call(shelf, "set_sort", "library")
    three = [c.id for c in shelf.cards[:3]]
    assert three == [p["id"] for p in poses.POSES[:3]]

    form = get(GenerateState)
    assert [(m.value, m.disabled) for m in form.models] == [(MODEL, False)]
    assert not form.est_ready and form.form_error == "Choose at least one pose from the library."
    assert form.price_rule.startswith("Price per pose: 5 credits; HD +3, fashion +2")
    for pose_id in three:
        call(shelf, "toggle_pose", pose_id)
    call(shelf, "toggle_pose", "not-on-the-page")
    assert form.chosen_ids == three and form.chosen_count == 3
    assert (form.est_price, form.est_per_item) == ("15 credits", "base 5 = 5 credits per pose")
    call(shelf, "toggle_pose", three[1])  # a second click lets it go
    assert form.chosen_ids == [three[0], three[2]] and form.est_price == "10 credits"
    call(shelf, "toggle_pose", three[1])

    call(form, "set_quality", "hd")
    call(form, "set_hijab_style", "pashmina")
    call(form, "set_hijab_color", "navy")
    call(form, "set_hijab_color", "#D8A7B1")
    assert form.hijab_color == "#d8a7b1" and form.hijab_swatch == "#d8a7b1"
    call(form, "toggle_accessory", "glasses")
    call(form, "set_scene", "beach")
    call(form, "set_profession", "doctor")
    assert form.est_per_item == (
        "base 5 + HD 3 + fashion 2 + background 3 + profession 2 = 15 credits per pose"
    )
    assert form.est_price == "45 credits"
    for handler, odd in (
        ("set_quality", "4k"),
        ("set_hijab_style", "beanie"),
        ("set_hijab_color", "#12345"),
        ("toggle_accessory", "crown"),
        ("set_scene", "moon"),
        ("set_background", "space"),
        ("set_profession", "wizard"),
        ("set_model", "video-mixer:ffmpeg-standard"),
    ):
        call(form, handler, odd)
    assert (form.quality, form.hijab_style, form.scene, form.profession) == (
        "hd",
        "pashmina",
        "beach",
        "doctor",
    )
    assert form.accessories == ["glasses"] and form.model_key == MODEL
    call(form, "set_background", "custom")
    assert not form.est_ready and form.form_error  # no words for the background yet
    call(form, "set_custom_prompt", "x" * (rules.CUSTOM_PROMPT_MAX + 1))
    assert not form.est_ready and "between 0 and 300" in form.form_error
    call(form, "set_custom_prompt", "a rooftop at sunset")
    call(form, "set_hijab_style", "-")  # no hijab: its colour goes too
    call(form, "toggle_accessory", "glasses")
    call(form, "set_profession", "-")
    call(form, "set_quality", "sd")
    assert form.hijab_color == "-" and form.est_price == "24 credits"  # (5 + 3) × 3
    call(form, "set_seed", "abc")
    assert not form.est_ready and form.form_error
    call(form, "set_seed", "77")
    assert form.est_ready and form.form_error == ""

    call(form, "generate")  # not asked first: nothing happens
    assert generations.list_for(user_id).total == 0
    call(form, "ask_generate")
    assert form.confirming and form.est_available == f"{START} credits"
    call(form, "generate")
    assert form.started_generation and not form.confirming
    assert billing.balance(user_id) == START - 24
    assert results.active_generations(user_id, avatar_id) == [form.started_generation]
    run_all_items(form.started_generation)

    grid = get(ResultsState)
    assert grid.loaded and grid.tiles == []
    refresh(grid, user_id, {"generation": form.started_generation, "progress": "50"})
    assert grid.tiles == []  # a progress tick changes nothing here
    refresh(grid, user_id, {"generation": form.started_generation, "item": "1"})
    assert len(grid.tiles) == 3
    names = {p["id"]: p["name"] for p in poses.POSES}
    assert sorted(t.pose for t in grid.tiles) == sorted(names[i] for i in three)
    assert sorted(t.seed for t in grid.tiles) == ["77", "78", "79"]
    tile = grid.tiles[0]
    assert tile.quality == "SD" and tile.image_url.startswith("/api/files/")
    assert tile.download_url != tile.image_url and tile.likeness == "" and not tile.low_likeness

    call(form, "use_seed", tile.seed)
    assert form.seed_text == tile.seed and form.notice
    call(grid, "ask_delete_result", "someone-elses")
    assert grid.confirm_delete == ""
    call(grid, "ask_delete_result", tile.id)
    call(grid, "keep_result")
    call(grid, "delete_result")  # nothing asked any more: nothing deleted
    assert len(grid.tiles) == 3
    call(grid, "ask_delete_result", tile.id)
    call(grid, "delete_result")
    assert len(grid.tiles) == 2 and tile.id not in {t.id for t in grid.tiles}
    assert grid.notice == "Picture deleted."
    assert len(results.list_results(user_id, avatar_id)) == 2


def test_ones_own_pose_is_chosen_from_custom_and_deleted(app, tmp_path):
    signed, _, get = signed_in(4)
    auth.change_language(signed.user, "en")
    user_id = fund(signed.user.id)
    avatar_id = make_avatar(user_id, tmp_path)
    mine = own_pose(user_id)
    opened(get, avatar_id)
    shelf, form = get(LibraryState), get(GenerateState)
    call(shelf, "set_category", "sitting")
    # what the upload does once the photo became a pose: shown among one's own, and chosen
    asyncio.run(shelf._show_new(user_id, [ChosenPose(mine, "Beach walk")]))
    assert (shelf.category, shelf.sort, shelf.page) == ("custom", "newest", 1)
    (card,) = shelf.cards
    assert card.own and card.name == "Beach walk" and card.category == "My poses"
    assert form.chosen == [ChosenPose(mine, "Beach walk")] and form.est_ready
    call(shelf, "toggle_pose", mine)
    assert form.chosen == [] and not form.est_ready
    call(shelf, "toggle_pose", mine)
    assert form.chosen == [ChosenPose(mine, "Beach walk")] and form.est_ready
    call(shelf, "ask_delete_template", poses.POSES[0]["id"])  # the library's: not deletable
    assert shelf.confirm_delete == ""
    call(shelf, "ask_delete_template", mine)
    call(shelf, "delete_template")
    assert shelf.cards == [] and shelf.total == 0 and form.chosen == []
    assert shelf.notice == "Pose deleted."
    assert not form.est_ready and form.form_error == "Choose at least one pose from the library."


def test_at_most_the_rules_number_of_poses_is_chosen(app, tmp_path):
    signed, _, get = signed_in(5)
    auth.change_language(signed.user, "en")
    opened(get, make_avatar(fund(signed.user.id), tmp_path))
    shelf, form = get(LibraryState), get(GenerateState)
    for card in shelf.cards[: rules.MAX_POSES + 1]:
        call(shelf, "toggle_pose", card.id)
    assert form.chosen_count == rules.MAX_POSES
    assert shelf.error == f"At most {rules.MAX_POSES} poses at a time."
    assert form.est_price == f"{5 * rules.MAX_POSES} credits"


def test_a_model_that_cannot_be_used_is_shown_off_with_its_reason(app, tmp_path, monkeypatch):
    signed, _, get = signed_in(6)
    auth.change_language(signed.user, "en")
    avatar_id = make_avatar(fund(signed.user.id), tmp_path)
    monkeypatch.delenv("HF_TOKEN")
    monkeypatch.delenv("HF_INFERENCE_URL")
    get_settings.cache_clear()
    opened(get, avatar_id)
    shelf, form = get(LibraryState), get(GenerateState)
    (model,) = form.models
    assert model.disabled and "Hugging Face" in model.label
    call(shelf, "toggle_pose", shelf.cards[0].id)
    assert not form.est_ready and "Hugging Face" in form.form_error
    call(form, "ask_generate")
    assert not form.confirming


def test_a_subscriber_sees_the_quota_a_pose_takes(app, tmp_path):
    signed, _, get = signed_in(7)
    auth.change_language(signed.user, "en")
    subscriptions.set_plan(signed.user.id, "basic-monthly", "test")
    opened(get, make_avatar(signed.user.id, tmp_path))
    shelf, form = get(LibraryState), get(GenerateState)
    call(shelf, "toggle_pose", shelf.cards[0].id)
    call(shelf, "toggle_pose", shelf.cards[1].id)
    call(form, "set_quality", "hd")
    assert (form.est_price, form.est_per_item) == ("2 quota", "1 quota per pose")
    assert form.price_rule == "" and form.est_ready


# ------------------------------------------------------------------ a hostile client


def test_another_users_ids_and_odd_arguments_change_nothing(app, hf, tmp_path, caplog):
    victim, _, _ = signed_in(1)
    owner = fund(victim.user.id)
    avatar_id = make_avatar(owner, tmp_path)
    mine = own_pose(owner)
    key = "pg-victim"
    run_all_items(
        results.generate(
            owner,
            {"avatar_id": avatar_id, "template_ids": [mine], "model_key": MODEL, "options": {}},
            key,
        )
    )
    (made,) = results.list_results(owner, avatar_id)
    before = (
        results.list_results(owner, avatar_id),
        library.template(owner, mine),
        avatars.get(owner, avatar_id),
    )
    attacker, _, get = signed_in(2)
    fund(attacker.user.id)
    form, shelf, grid = get(GenerateState), get(LibraryState), get(ResultsState)
    handlers = [(get(cls), name, h) for cls in SUBSTATES for name, h in cls.event_handlers.items()]
    assert len(handlers) > 25
    for state, name, handler in handlers:
        if name == "setvar" or name in BACKGROUND:
            continue
        arity = len(inspect.signature(handler.fn).parameters) - 1
        for args in (
            [made.id][:arity],
            [avatar_id][:arity],
            [mine][:arity],
            [MODEL][:arity],
            *([odd] * arity for odd in ODD),
        ):
            # what a forged tab could hold at worst: the victim's avatar, pose and result
            state.project_id = avatar_id
            form.confirming, form._generate_key = True, "k"
            form.chosen = [ChosenPose(mine, "x")]
            shelf.confirm_delete, grid.confirm_delete = mine, made.id
            call(state, name, *args)
    crashes = [r for r in caplog.records if r.name == "lumiku.state"]
    assert not crashes, [r.exc_info[1] for r in crashes if r.exc_info]  # refused, never crashed
    after = (
        results.list_results(owner, avatar_id),
        library.template(owner, mine),
        avatars.get(owner, avatar_id),
    )
    assert after[1:] == before[1:]
    assert [(r.id, r.file_id) for r in after[0]] == [(r.id, r.file_id) for r in before[0]]
    assert generations.list_for(owner).total == 1
    assert generations.list_for(attacker.user.id).total == 0
    assert billing.balance(attacker.user.id) == START
    assert grid.tiles == [] and get(AvatarState).image_url == ""  # nothing of theirs shown
    assert all(not card.own for card in shelf.cards)  # the victim's own pose was never listed


def test_signed_out_callers_are_sent_to_sign_in(db, rds):
    _, get = states()
    for cls, name, args in (
        (PickerState, "load_picker", ()),
        (AvatarState, "load_avatar", ()),
        (LibraryState, "set_category", ("sitting",)),
        (LibraryState, "toggle_pose", ("standing-waving",)),
        (LibraryState, "delete_template", ()),
        (GenerateState, "set_quality", ("hd",)),
        (GenerateState, "generate", ()),
        (ResultsState, "delete_result", ()),
    ):
        assert "reason=required" in redirect_target(call(get(cls), name, *args)), name
    assert call(get(LibraryState), "upload", []) is None  # without files: nothing


def test_the_results_follow_finished_items_only_on_the_apps_pages():
    from lumiku.state import live
    from lumiku.state.work import WorkState

    _, get = states()
    grid = get(ResultsState)
    root = grid.parent_state
    while root.parent_state is not None:
        root = root.parent_state
    assert ResultsState in live._refreshers()["generation"]
    visit(grid, f"{ROUTE}/0123")
    assert live._shown(root, ResultsState) and live._shown(root, WorkState)
    visit(grid, "/my-work")
    assert not live._shown(root, ResultsState) and live._shown(root, WorkState)
