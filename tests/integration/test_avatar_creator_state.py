"""Avatar Creator's state handlers as a hostile client calls them: another user's ids and odd
argument shapes change nothing and crash nothing; the owner's tab works through them."""

from __future__ import annotations

import inspect

import pytest

from lumiku.services import billing, seed
from lumiku.services.avatar_creator import avatars, projects
from lumiku.state.avatar_creator import SUBSTATES, CreateState, ProjectListState, ProjectState
from tests.factories import call, make_image, redirect_target, signed_in, states, visit

pytestmark = pytest.mark.usefixtures("db", "rds")

ODD = [None, 7, -1, True, "", "x" * 5000, {"name": "x"}, ["a"], 1.5, "²", 10**30, "inf"]
BACKGROUND = ("upload", "write_persona")  # run by Reflex with files or a lock


def a_project_with_an_avatar(owner: int, tmp_path) -> tuple[str, str]:
    project_id = projects.create_project(owner, "Victim's")
    photo = make_image(tmp_path / "face.jpg", (160, 200))
    return project_id, avatars.upload(owner, project_id, photo, "face.jpg", {"persona_name": "V"})


def test_another_users_ids_and_odd_arguments_change_nothing(tmp_path):
    seed.run_all()
    victim, _, _ = signed_in(1)
    owner = victim.user.id
    project_id, avatar_id = a_project_with_an_avatar(owner, tmp_path)
    before = (projects.get_project(owner, project_id), avatars.history(owner, avatar_id))
    _, _, get = signed_in(2)
    create = get(CreateState)
    handlers = [(get(cls), name, h) for cls in SUBSTATES for name, h in cls.event_handlers.items()]
    assert len(handlers) > 20
    for state, name, handler in handlers:
        if name == "setvar" or name in BACKGROUND:
            continue
        arity = len(inspect.signature(handler.fn).parameters) - 1
        for args in (
            [avatar_id, "name"][:arity],
            [project_id, "x"][:arity],
            ["persona_name", "Stolen"][:arity],
            *([odd] * arity for odd in ODD),
        ):
            state.project_id, create.confirming, create._generate_key = project_id, True, "k"
            get(ProjectState).open_id = get(ProjectState).confirm_avatar = avatar_id
            call(state, name, *args)
    assert (projects.get_project(owner, project_id), avatars.history(owner, avatar_id)) == before
    assert billing.balance(victim.user.id) == billing.WELCOME_BONUS


def test_signed_out_callers_are_sent_to_sign_in():
    _, get = states()
    assert "reason=required" in redirect_target(call(get(ProjectListState), "load_list"))
    assert "reason=required" in redirect_target(call(get(CreateState), "generate"))
    assert call(get(ProjectState), "upload", []) is None


def test_the_owner_opens_edits_and_deletes_an_avatar_through_the_handlers(tmp_path):
    seed.run_all()
    signed, _, get = signed_in(3)
    target = redirect_target(call(get(ProjectListState), "create_project", {"name": "Batik"}))
    project_id = target.rsplit("/", 1)[-1]
    photo = make_image(tmp_path / "face.jpg", (160, 200))
    avatar_id = avatars.upload(signed.user.id, project_id, photo, "face.jpg")
    page = get(ProjectState)
    visit(page, target)
    call(page, "load_project")
    assert [a.id for a in page.avatars] == [avatar_id]
    create = get(CreateState)
    assert create.models and create.preset_cards  # the form is ready

    call(page, "open_avatar", avatar_id)
    assert page.open_id == avatar_id and page.persona["name"] == "face"
    call(page, "set_persona", "persona_name", "Sari")
    call(page, "set_persona", "persona_age", "31")
    call(page, "set_attribute", "gender", "female")
    call(page, "set_attribute", "gender", "robot")  # not a choice: ignored
    call(page, "save_avatar")
    saved = avatars.get(signed.user.id, avatar_id)
    assert (saved.persona_name, saved.persona_age, saved.attributes) == (
        "Sari",
        31,
        {"gender": "female"},
    )
    call(page, "set_persona", "persona_age", "7")
    call(page, "save_avatar")
    assert page.error and avatars.get(signed.user.id, avatar_id).persona_age == 31

    call(page, "ask_delete_avatar")
    call(page, "delete_avatar")
    assert page.avatars == [] and page.open_id == ""


def test_the_avatar_grid_follows_finished_items_only_on_the_apps_pages():
    from lumiku.state import live
    from lumiku.state.work import WorkState

    _, get = states()
    page = get(ProjectState)
    root = page.parent_state
    while root.parent_state is not None:
        root = root.parent_state
    assert ProjectState in live._refreshers()["generation"]
    visit(page, "/apps/avatar-creator/0123")
    assert live._shown(root, ProjectState) and live._shown(root, WorkState)
    visit(page, "/my-work")
    assert not live._shown(root, ProjectState) and live._shown(root, WorkState)
