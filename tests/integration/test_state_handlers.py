"""Reflex state handlers are public RPC: call them as a hostile client would, with any arguments."""

from __future__ import annotations

import asyncio
import dataclasses
import inspect

import pytest
import reflex as rx

from lumiku.services import auth, users
from lumiku.state.account import DevicesState, ProfileState
from lumiku.state.admin import AdminUsersState
from tests.factories import call, redirect_target, signed_in, states, visit

pytestmark = pytest.mark.usefixtures("db", "rds")


def test_guard_sends_strangers_and_ended_sessions_to_sign_in():
    session, _ = states()
    assert "reason=required" in redirect_target(call(session, "guard"))
    session.token = "forged.token.value"
    assert "reason=expired" in redirect_target(call(session, "guard"))
    assert session.token == ""


def test_every_handler_rederives_the_user():
    signed, session, get = signed_in(1)
    auth.sign_out(signed.token)  # revoked elsewhere
    profile = get(ProfileState)
    out = call(profile, "save_name", {"name": "Changed"})
    assert "reason=expired" in redirect_target(out)
    assert users.find_by_email("s1@example.com").name == "S 1"


def test_revoking_another_users_session_is_refused():
    victim = auth.register("v@example.com", "rahasia-123", "V", ip="10.4.9.1", user_agent="t")
    _, session, get = signed_in(2)
    devices = get(DevicesState)
    call(devices, "revoke", victim.user.session_id)
    assert devices.error and auth.resolve(victim.token) is not None
    call(devices, "revoke", {"not": "a string"})  # odd payloads are ignored, not crashes
    assert auth.resolve(victim.token) is not None


def test_the_current_session_is_not_revoked_from_the_list():
    signed, session, get = signed_in(3)
    devices = get(DevicesState)
    call(devices, "load")
    call(devices, "revoke", signed.user.session_id)
    assert auth.resolve(signed.token) is not None


def test_forms_with_odd_shapes_get_validation_errors():
    _, session, get = signed_in(4)
    profile = get(ProfileState)
    call(profile, "save_name", ["not", "a", "dict"])
    assert profile.error == "Masukkan nama Anda."
    call(
        profile,
        "save_password",
        {
            "current_password": "rahasia-123",
            "new_password": "abcdefgh1",
            "confirm_password": "abcdefgh2",
        },
    )
    assert "tidak sama" in profile.error


def test_admin_handlers_refuse_normal_users():
    target = auth.register("t@example.com", "rahasia-123", "T", ip="10.4.8.1", user_agent="t")
    _, session, get = signed_in(5)
    admin_state = get(AdminUsersState)
    assert "/dashboard" in redirect_target(call(admin_state, "load"))
    call(admin_state, "set_role", target.user.id, "admin")
    assert admin_state.error and users.find_by_email("t@example.com").role == "user"
    assert admin_state.rows == []


def test_language_choice_is_saved_on_the_account():
    signed, session, _ = signed_in(6)
    call(session, "set_language", "en")
    assert session.lang == "en" and auth.resolve(signed.token).language == "en"
    for odd in ("<script>", {"lang": "id"}, ["id"], None):
        call(session, "set_language", odd)
    assert session.lang == "en"


def test_sign_in_handler_signs_in_and_goes_to_the_dashboard():
    auth.register("r@example.com", "rahasia-123", "R", ip="10.4.7.1", user_agent="t")
    session, _ = states()
    out = call(session, "sign_in", {"email": "r@example.com", "password": "rahasia-123"})
    assert redirect_target(out[-1]) == "/dashboard" and session.signed_in


def test_admin_money_handlers_refuse_normal_users():
    from lumiku.services import ai_models, billing, seed
    from lumiku.state.admin import AdminModelsState

    seed.run_all()
    signed, session, get = signed_in(9)
    admin_users = get(AdminUsersState)
    call(admin_users, "open_adjust", signed.user.id)
    call(admin_users, "submit_adjust", {"amount": "1000", "reason": "free money"})
    assert admin_users.adjust_error and billing.balance(signed.user.id) == 100
    call(admin_users, "set_plan", signed.user.id, "enterprise-monthly")
    assert admin_users.error
    models = get(AdminModelsState)
    assert "/dashboard" in redirect_target(call(models, "load"))
    call(models, "set_enabled", "video-mixer:ffmpeg-standard", False)
    assert models.error  # refused by the service's own role check
    assert all(m.enabled for m in ai_models.list_all() if m.key == "video-mixer:ffmpeg-standard")


def test_credits_handlers_validate_their_arguments():
    from lumiku.state.billing import CreditsState

    _, session, get = signed_in(10)
    credits = get(CreditsState)
    call(credits, "filter_kind", "'; DROP TABLE users; --")
    assert credits.kind == "" and credits.total == 1  # unknown kinds mean "all"
    call(credits, "go_to_page", "2")
    assert credits.page == 1


def test_no_handler_lets_a_client_name_whose_data_to_load():
    """Reflex makes every public state method a handler any client may call; helpers that take
    the user to act for must stay private (a leading underscore). Only admin handlers take a
    target user, and they check the role on the server."""
    import lumiku.lumiku  # noqa: F401 - every page and state
    from lumiku.state import admin, video_mixer

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    ours = [s for s in subclasses(rx.State) if s.__module__.startswith("lumiku.state.")]
    assert len(ours) > 10
    assert set(video_mixer.SUBSTATES) <= set(ours)  # substates of substates are seen too
    for state in ours:
        for name, handler in state.event_handlers.items():
            # What a client may send: the signature Reflex reads, which `with_user` keeps to
            # the client's own arguments (its injected caller is not one of them).
            params = inspect.signature(handler.fn).parameters
            if "user_id" in params:
                assert state.__module__ == admin.__name__, f"{state.__name__}.{name}"


def test_buying_a_plan_says_first_what_happens_to_the_plan_in_force():
    from lumiku.services import seed, subscriptions
    from lumiku.state.payments import BuyState

    seed.run_all()
    signed, _, get = signed_in(1)
    auth.change_language(signed.user, "en")
    buy = get(BuyState)
    call(buy, "load")
    buy.configured = True  # the offers are the catalogue's; the gateway is never reached here
    call(buy, "choose", "plan", "pro-monthly")
    assert buy.confirm_open and buy.confirm_note == ""  # nothing paid is in force
    subscriptions.set_plan(signed.user.id, "basic-monthly", "test")
    call(buy, "choose", "plan", "pro-monthly")
    assert "Basic" in buy.confirm_note and "not carried over" in buy.confirm_note
    call(buy, "choose", "plan", "basic-monthly")
    assert "adds one more period" in buy.confirm_note
    buy.confirm_open = False
    call(buy, "choose", "plan", "no-such-plan")
    call(buy, "choose", {"x": 1}, ["y"])
    assert not buy.confirm_open


def test_decorated_handlers_still_have_client_arguments_checked_by_reflex():
    """`with_user` injects the caller: Reflex must still see only what a client sends, so it
    coerces payloads by the handler's own annotations and refuses arguments nobody declared.
    Runs the handlers through Reflex's own event processing, not by calling them directly."""
    from reflex_base.event.context import EventContext
    from reflex_base.event.processor.base_state_processor import process_event

    from lumiku.services.video_mixer import projects
    from lumiku.state.video_mixer import ProjectListState, ProjectState

    sent = []

    async def record(token, *events):
        sent.extend(events)

    def client(state, name: str, **payload):
        handler = type(state).event_handlers[name]
        context = EventContext(token="tab", state_manager=None, enqueue_impl=record)
        context = dataclasses.replace(context, emit_event_impl=record)

        async def run():
            with context:
                await process_event(handler, payload, state, None)

        asyncio.run(run())

    move = ProjectState.event_handlers["move_group"]
    assert list(inspect.signature(move.fn).parameters) == ["self", "group_id", "step"]
    assert move._type_hints == {"group_id": str, "step": int}

    signed, _, get = signed_in(11)
    project_id = projects.create_project(signed.user.id, "Mine")
    first = projects.add_group(signed.user.id, project_id, "First")
    second = projects.add_group(signed.user.id, project_id, "Second")
    project = get(ProjectState)
    project.project_id = project_id

    def order():
        return [g.id for g in projects.get_project(signed.user.id, project_id).groups]

    client(project, "move_group", group_id=second, step="-1")  # JSON text, coerced to an int
    assert order() == [second, first] and project.error == ""
    client(project, "move_group", group_id=second, step="later")  # not a number: refused
    assert order() == [second, first] and project.error
    with pytest.raises(TypeError):  # an argument the handler does not declare
        client(project, "move_group", group_id=second, step=1, me=None)
    with pytest.raises(TypeError):
        client(project, "move_group", group_id=second, step=1, user_id=signed.user.id)
    assert order() == [second, first]

    projects_page = get(ProjectListState)
    for n in range(13):  # two pages
        projects.create_project(signed.user.id, f"P{n}")
    client(projects_page, "go_to_list_page", page="2")
    assert projects_page.list_page == 2 and len(projects_page.project_cards) == 2

    _, stranger = states()  # signed out: the redirect reaches the browser as an event
    client(stranger(ProjectListState), "go_to_list_page", page="2")
    assert sent and sent[-1].name == "_redirect" and "reason=required" in str(sent[-1].payload)


# ---------------------------------------------------------------- the first hour: sign-in, language


def test_the_sign_in_page_says_why_for_every_reason_the_app_sends_someone_there():
    from lumiku.i18n import tr
    from lumiku.state.auth import SIGN_IN_REASONS, sign_in_url

    for reason, key in SIGN_IN_REASONS.items():
        for lang in ("id", "en"):
            session, _ = states()
            session.lang = lang
            visit(session, sign_in_url(reason, next_path="/credits"))
            call(session, "guest_only")
            assert session.notice == tr(key, lang) != key, (reason, lang)
    session, _ = states()
    visit(session, "/sign-in?reason=whatever")
    call(session, "guest_only")
    assert session.notice == ""
    # the reasons the app redirects with are exactly the ones with a notice
    signed, session, _ = signed_in(20)
    sent = [redirect_target(call(session, "sign_out"))]
    session.token = "forged.token.value"
    sent.append(redirect_target(call(session, "guard")))
    sent.append(redirect_target(call(states()[0], "guard")))
    reasons = {url.split("reason=")[1].split("&")[0] for url in sent}
    assert reasons == {"signed-out", "expired", "required"} <= set(SIGN_IN_REASONS)


def test_a_stranger_is_told_to_sign_in_and_then_lands_where_they_were_going():
    auth.register("w@example.com", "rahasia-123", "W", ip="10.4.7.9", user_agent="t")
    session, _ = states()
    visit(session, "/payments?page=2")
    target = redirect_target(call(session, "guard"))
    assert target == "/sign-in?reason=required&next=/payments%3Fpage%3D2"
    visit(session, target)
    call(session, "guest_only")
    assert session.notice == "Masuk dulu untuk membuka halaman itu."
    out = call(session, "sign_in", {"email": "w@example.com", "password": "rahasia-123"})
    assert redirect_target(out[-1]) == "/payments?page=2" and session.signed_in


def _shown(state) -> dict:
    return {name: getattr(state, name) for name in type(state).base_vars if name != "error"}


def test_switching_language_rebuilds_every_server_made_text_on_the_page():
    """Each signed-in page's texts made on the server (dates, history, plan cards…) are what a
    tab already in the new language shows: the switch runs the page's on_load again."""
    from reflex.state import OnLoadInternalState

    import lumiku.pages  # noqa: F401  (records the pages)
    from lumiku.components.layout import PAGES
    from lumiku.services import seed

    seed.run_all()
    signed, session, get = signed_in(21)
    pages = [p for p in PAGES if "[" not in p["route"] and p["route"].startswith(("/c", "/p"))]
    assert {p["route"] for p in pages} >= {"/credits", "/plans", "/payments", "/profile"}
    for page in pages:
        handler = page["on_load"]
        state = get(handler.state)
        visit(session, page["route"])
        session.lang = "en"
        call(state, handler.fn.__name__)
        english = _shown(state)
        call(session, "set_language", "id")
        call(state, handler.fn.__name__)
        if page["route"] == "/plans":  # the test itself: the two languages do differ there
            assert _shown(state) != english
        rerun = call(session, "set_language", "en")
        assert rerun == OnLoadInternalState.on_load_internal, page["route"]
        call(state, handler.fn.__name__)  # what on_load_internal runs on this page
        assert _shown(state) == english, page["route"]
    assert call(session, "set_language", "en") is None  # no change: nothing to redo
