"""Accounts and sessions on the real database and Redis."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlmodel import select

import lumiku.lumiku  # noqa: F401 - every state, so each tab's tree holds them all
from lumiku.db import session_scope, utcnow
from lumiku.models import Device, UserSession
from lumiku.services import auth
from lumiku.services.errors import NotFound, ServiceError

CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0"
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"

pytestmark = pytest.mark.usefixtures("db", "rds")


def register(
    email="ayu@example.com", password="rahasia-123", name="Ayu", ip="10.0.0.1", agent=CHROME
) -> auth.SignedIn:
    return auth.register(email, password, name, ip=ip, user_agent=agent)


def sign_in(
    email="ayu@example.com", password="rahasia-123", ip="10.0.0.2", agent=CHROME
) -> auth.SignedIn:
    return auth.sign_in(email, password, ip=ip, user_agent=agent)


def code_of(fn, *args, **kwargs) -> str:
    with pytest.raises(ServiceError) as err:
        fn(*args, **kwargs)
    return err.value.code


# ------------------------------------------------------------------ registration


def test_register_signs_in_and_remembers_the_device():
    signed = register(email="  Ayu@Example.COM ")
    assert signed.user.email == "ayu@example.com" and signed.user.role == "user"
    assert auth.resolve(signed.token) == signed.user
    [view] = auth.list_sessions(signed.user)
    assert view.current and view.browser == "Chrome" and view.os == "Linux"
    assert view.ip == "10.0.0.1"


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"email": "not-an-email"}, "email_invalid"),
        ({"password": "short"}, "password_too_short"),
        ({"password": "é" * 37}, "password_too_long"),  # 74 bytes although 37 characters
        ({"name": "   "}, "name_required"),
        ({"name": "x" * 101}, "name_too_long"),
    ],
)
def test_register_explains_bad_input(kwargs, code):
    assert code_of(register, **kwargs) == code


def test_password_limits_count_bytes():
    register(password="é" * 35 + "ab")  # 72 bytes: the longest bcrypt can use
    assert sign_in(password="é" * 35 + "ab").user.email == "ayu@example.com"


@pytest.mark.parametrize(
    "password",
    ["12345678", "password123", "Sayang123", "INDONESIA", "bismillah", "rahasia123", "aaaaaaaaa"],
)
def test_common_and_obvious_passwords_are_refused(password):
    assert code_of(register, password=password) == "password_too_common"


def test_the_emails_own_name_is_refused_as_a_password():
    assert code_of(register, email="ayulestari@example.com", password="AyuLestari") == (
        "password_too_common"
    )
    signed = register()
    assert code_of(auth.change_password, signed.user, "rahasia-123", "iloveyou1") == (
        "password_too_common"
    )


def test_email_is_unique_regardless_of_case():
    register()
    assert code_of(register, email="AYU@example.com", ip="10.0.0.9") == "email_taken"


def test_concurrent_registrations_of_one_email_make_one_account():
    def attempt(n: int) -> str:
        try:
            register(ip=f"10.1.0.{n}")
            return "ok"
        except ServiceError as exc:
            return exc.code

    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(attempt, range(6)))
    assert results.count("ok") == 1 and results.count("email_taken") == 5


def test_registration_is_limited_per_ip_but_generously():
    """Offices, cafés and carrier NAT share one address: a few sign-ups never block the next."""
    for n in range(20):
        register(email=f"u{n}@example.com", ip="10.9.9.9")
    err = pytest.raises(ServiceError, register, email="u21@example.com", ip="10.9.9.9").value
    assert err.code == "rate_limited_register" and 1 <= err.params["minutes"] <= 60
    register(email="u22@example.com", ip="10.9.9.10")  # another network is unaffected


# ------------------------------------------------------------------ sign-in


def test_sign_in_with_any_case_of_the_email():
    register()
    assert sign_in(email="AYU@EXAMPLE.com").user.email == "ayu@example.com"


def test_wrong_password_and_unknown_email_look_alike():
    register()
    assert code_of(sign_in, password="wrong-password") == "invalid_credentials"
    assert code_of(sign_in, email="nobody@example.com", ip="10.0.0.3") == "invalid_credentials"


def test_unknown_emails_cost_the_same_password_check(monkeypatch):
    """Timing must not reveal which emails have accounts: every path pays one bcrypt check."""
    register()
    checks = []
    real_checkpw = auth.bcrypt.checkpw
    monkeypatch.setattr(
        auth.bcrypt, "checkpw", lambda pw, hashed: checks.append(hashed) or real_checkpw(pw, hashed)
    )
    cases = [
        ("ayu@example.com", "wrong-password"),
        ("nobody@example.com", "wrong-password"),
        ("not an email", "wrong-password"),
    ]
    for n, (email, password) in enumerate(cases):
        checks.clear()
        with pytest.raises(ServiceError):
            sign_in(email=email, password=password, ip=f"10.2.0.{n}")
        assert len(checks) == 1, email
        assert checks[0].startswith(f"$2b${auth.get_settings().bcrypt_rounds:02d}$".encode())


def test_successful_sign_ins_are_never_limited():
    register()
    for _ in range(30):
        sign_in(ip="10.5.5.5")


def test_failures_for_one_email_do_not_lock_out_another_user_on_the_same_address():
    """Carrier-grade NAT: a guesser and an innocent user share 10.5.5.5."""
    register()
    register(email="budi@example.com", name="Budi", ip="10.0.0.8")
    codes = [code_of(sign_in, password=f"guess-{n}", ip="10.5.5.5") for n in range(6)]
    assert codes == ["invalid_credentials"] * 5 + ["rate_limited_sign-in"]
    assert sign_in(email="budi@example.com", ip="10.5.5.5").user.email == "budi@example.com"


def test_an_account_under_attack_still_lets_its_owner_in_from_a_clean_address():
    register()
    for n in range(12):  # a distributed attack: two guesses from each of six addresses
        code_of(sign_in, password=f"guess-{n}", ip=f"10.6.0.{n // 2}")
    # The attacking addresses wait, even with the right password (they could not tell)…
    assert code_of(sign_in, ip="10.6.0.1") == "rate_limited_sign-in"
    assert code_of(sign_in, password="guess-x", ip="10.6.0.2") == "rate_limited_sign-in"
    # …a new attacking address gets one guess, then waits…
    assert code_of(sign_in, password="guess-y", ip="10.6.9.9") == "invalid_credentials"
    assert code_of(sign_in, password="guess-z", ip="10.6.9.9") == "rate_limited_sign-in"
    # …and the owner, on an address that has not been failing, gets in.
    assert sign_in(ip="10.6.1.1").user.email == "ayu@example.com"


def test_one_address_failing_against_many_accounts_is_slowed_generously():
    for n in range(50):
        code_of(sign_in, email=f"n{n}@example.com", password="guess", ip="10.7.7.7")
    err = pytest.raises(ServiceError, sign_in, email="x@example.com", ip="10.7.7.7").value
    assert err.code == "rate_limited_sign-in-ip" and 1 <= err.params["minutes"] <= 15


def test_limits_answer_alike_for_known_and_unknown_accounts():
    register()
    for email in ("ayu@example.com", "nobody@example.com"):
        codes = [code_of(sign_in, email=email, password="guess", ip="10.8.0.1") for _ in range(6)]
        assert codes == ["invalid_credentials"] * 5 + ["rate_limited_sign-in"], email


def test_a_successful_sign_in_clears_that_addresses_failures():
    register()
    for _ in range(4):
        code_of(sign_in, password="wrong-password", ip="10.8.1.1")
    sign_in(ip="10.8.1.1")
    codes = [code_of(sign_in, password="wrong-password", ip="10.8.1.1") for _ in range(5)]
    assert codes == ["invalid_credentials"] * 5


# ------------------------------------------------------------------ sessions


def test_sign_out_ends_only_that_session():
    first = register()
    second = sign_in(agent=FIREFOX)
    auth.sign_out(first.token)
    assert auth.resolve(first.token) is None
    assert auth.resolve(second.token) is not None


def test_expired_and_forged_tokens_are_refused():
    signed = register()
    assert auth.resolve(signed.token + "x") is None
    assert auth.resolve("") is None
    import jwt

    forged = jwt.encode(
        {"sid": signed.user.session_id, "exp": utcnow() + timedelta(days=1)},
        "another-key-that-is-long-enough-for-hs256",
        algorithm="HS256",
    )
    assert auth.resolve(forged) is None
    with session_scope() as db:
        db.execute(update(UserSession).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert auth.resolve(signed.token) is None


def test_devices_lists_active_sessions_and_revokes_them():
    mine = register()
    other = sign_in(agent=FIREFOX, ip="10.0.0.7")
    views = auth.list_sessions(mine.user)
    assert [v.current for v in views].count(True) == 1 and len(views) == 2
    auth.revoke_session(mine.user, other.user.session_id)
    assert auth.resolve(other.token) is None
    assert [v.id for v in auth.list_sessions(mine.user)] == [mine.user.session_id]


def test_revoke_all_others_keeps_the_current_one():
    mine = register()
    others = [sign_in(ip=f"10.0.1.{n}", agent=f"{FIREFOX} n{n}") for n in range(3)]
    assert auth.revoke_other_sessions(mine.user) == 3
    assert auth.resolve(mine.token) is not None
    assert all(auth.resolve(o.token) is None for o in others)


def test_nobody_can_revoke_another_users_session():
    ayu = register()
    budi = register(email="budi@example.com", name="Budi", ip="10.0.0.8")
    with pytest.raises(NotFound):
        auth.revoke_session(budi.user, ayu.user.session_id)
    assert auth.resolve(ayu.token) is not None
    assert [v.id for v in auth.list_sessions(budi.user)] == [budi.user.session_id]


def test_the_same_browser_is_one_device():
    register()
    sign_in()
    with session_scope() as db:
        assert len(db.exec(select(Device)).all()) == 1


def test_last_seen_is_refreshed_at_most_once_a_minute():
    signed = register()
    with session_scope() as db:
        db.execute(update(UserSession).values(last_seen_at=utcnow() - timedelta(minutes=5)))
    auth.resolve(signed.token)
    [view] = auth.list_sessions(signed.user)
    assert utcnow() - view.last_seen_at < timedelta(seconds=10)


# ------------------------------------------------------------------ profile


def test_change_name_and_language():
    signed = register()
    auth.change_name(signed.user, "  Ayu   Lestari ")
    auth.change_language(signed.user, "en")
    user = auth.resolve(signed.token)
    assert (user.name, user.language) == ("Ayu Lestari", "en")
    assert code_of(auth.change_language, signed.user, "fr") == "language_invalid"


def test_change_email_needs_the_current_password_and_a_free_address():
    signed = register()
    register(email="budi@example.com", name="Budi", ip="10.0.0.8")
    assert (
        code_of(auth.change_email, signed.user, "new@example.com", "wrong-password")
        == "current_password_wrong"
    )
    assert (
        code_of(auth.change_email, signed.user, "BUDI@example.com", "rahasia-123") == "email_taken"
    )
    assert auth.change_email(signed.user, "New@Example.com", "rahasia-123") == "new@example.com"
    assert sign_in(email="new@example.com").user.id == signed.user.id


def test_change_password_signs_out_the_other_sessions():
    signed = register()
    other = sign_in(agent=FIREFOX)
    assert (
        code_of(auth.change_password, signed.user, "wrong-password", "baru-rahasia-1")
        == "current_password_wrong"
    )
    assert auth.change_password(signed.user, "rahasia-123", "baru-rahasia-1") == 1
    assert auth.resolve(other.token) is None and auth.resolve(signed.token) is not None
    assert code_of(sign_in, ip="10.0.3.1") == "invalid_credentials"
    assert sign_in(password="baru-rahasia-1", ip="10.0.3.2")


def test_current_password_checks_are_limited_per_account():
    signed = register()
    for _ in range(5):
        assert (
            code_of(auth.change_email, signed.user, "new@example.com", "guess")
            == "current_password_wrong"
        )
    assert code_of(auth.change_password, signed.user, "rahasia-123", "baru-rahasia-1") == (
        "rate_limited_current-password"
    )
    assert code_of(auth.change_email, signed.user, "new@example.com", "rahasia-123") == (
        "rate_limited_current-password"
    )  # even the right password waits: the guesser could not tell otherwise


def test_change_password_is_rate_limited_before_any_bcrypt_work(monkeypatch):
    """Past the limit a stolen session costs the server nothing: no hash, no check."""
    signed = register()
    for _ in range(5):
        code_of(auth.change_password, signed.user, "guess-1234", "baru-rahasia-1")
    calls = []
    monkeypatch.setattr(auth.bcrypt, "hashpw", lambda *a: calls.append("hashpw"))
    monkeypatch.setattr(auth.bcrypt, "checkpw", lambda *a: calls.append("checkpw"))
    assert code_of(auth.change_password, signed.user, "rahasia-123", "baru-rahasia-1") == (
        "rate_limited_current-password"
    )
    assert code_of(auth.change_email, signed.user, "n@example.com", "rahasia-123") == (
        "rate_limited_current-password"
    )
    assert calls == []


# ------------------------------------------------------------------ open tabs


class Tabs:
    """Stands in for the Reflex app in live delivery: each tab's state tree by client token."""

    def __init__(self) -> None:
        self.roots: dict[str, object] = {}

    def open(self, client_token: str, token: str):
        from tests.factories import states, visit

        session, get = states()
        visit(session, "/dashboard", client_token=client_token)
        session.token = token
        self.roots[client_token] = session.parent_state
        return session, get

    def modify_state(self, state_token):
        import contextlib

        @contextlib.asynccontextmanager
        async def modify():
            yield self.roots[state_token.ident]

        return modify()


def deliver(tabs: Tabs, user_id: int, topic: str = "billing") -> None:
    import asyncio

    from lumiku.state import live

    asyncio.run(live._deliver(tabs, user_id, topic, {}))


def test_a_revoked_sessions_open_tab_gets_no_more_pushes_and_is_cleared():
    from lumiku.state.live import WalletState
    from tests.factories import call

    mine, other = register(), sign_in(agent=FIREFOX)
    tabs = Tabs()
    mine_tab, mine_get = tabs.open("tab-mine", mine.token)
    other_tab, other_get = tabs.open("tab-other", other.token)
    call(mine_tab, "guard")
    call(other_tab, "guard")  # both tabs register for live updates
    deliver(tabs, mine.user.id)
    assert other_get(WalletState).loaded and mine_get(WalletState).loaded

    auth.revoke_session(mine.user, other.user.session_id)  # from the devices list
    other_get(WalletState).credits = 12345  # to see whether a push rewrites it
    deliver(tabs, mine.user.id)
    wallet = other_get(WalletState)
    assert not wallet.loaded and wallet.credits == 0  # cleared, not refreshed
    assert not other_tab.signed_in and other_tab.token == "" and other_tab.user_email == ""
    assert mine_get(WalletState).loaded  # the live session still gets its updates
    assert [sid for _, sid in auth.events.open_tabs(mine.user.id)] == [mine.user.session_id]


def test_an_expired_sessions_tab_gets_no_more_pushes():
    from lumiku.state.live import WalletState
    from tests.factories import call

    signed = register()
    tabs = Tabs()
    tab, get = tabs.open("tab-1", signed.token)
    call(tab, "guard")
    with session_scope() as db:
        db.execute(update(UserSession).values(expires_at=utcnow() - timedelta(seconds=1)))
    deliver(tabs, signed.user.id)
    assert not get(WalletState).loaded and not tab.signed_in


def user_data_left(get) -> list[str]:
    """The fields of the tab's states that still differ from their defaults."""
    from lumiku.state.billing import CreditsState
    from lumiku.state.live import WalletState
    from lumiku.state.payments import MyPaymentsState
    from lumiku.state.video_mixer import ProjectListState
    from lumiku.state.work import WorkState

    left = []
    for cls in (CreditsState, WalletState, MyPaymentsState, WorkState, ProjectListState):
        state = get(cls)
        for name, field in cls.__fields__.items():
            if field._owner is cls and getattr(state, name) != field.default_value():
                left.append(f"{cls.__name__}.{name}")
    return left


def load_everything(get) -> None:
    from lumiku.state.billing import CreditsState
    from lumiku.state.live import WalletState
    from lumiku.state.payments import MyPaymentsState
    from lumiku.state.video_mixer import ProjectListState
    from lumiku.state.work import WorkState
    from tests.factories import call

    for cls in (CreditsState, WalletState, MyPaymentsState, WorkState):
        call(get(cls), "load")
    get(ProjectListState)._rows = ["a project of the previous user"]
    assert user_data_left(get)


def test_signing_out_clears_every_state_of_the_tab():
    from tests.factories import call, signed_in, verify_email

    signed, session, get = signed_in(1)
    verify_email(signed.user.id)
    load_everything(get)
    call(session, "sign_out")
    assert user_data_left(get) == []
    assert session.lang == "id"  # the language choice stays


def test_a_session_found_ended_clears_every_state_of_the_tab():
    from lumiku.state.account import ProfileState
    from tests.factories import call, signed_in

    signed, session, get = signed_in(2)
    load_everything(get)
    auth.sign_out(signed.token)  # on another device, or revoked from the devices list
    call(get(ProfileState), "load")  # any handler finds the session ended
    assert user_data_left(get) == [] and not session.signed_in


def test_a_tab_is_remembered_when_it_changes_and_refreshed_before_it_lapses(monkeypatch):
    """Live updates find a tab through events.remember_tab; a tab sending an event a second
    does not rewrite it each time, but its entry never lapses while the tab is in use."""
    from lumiku.services import events
    from lumiku.state.auth import REMEMBER_EVERY
    from tests.factories import call

    first, second = register(), sign_in(agent=FIREFOX)
    written = []
    real = events.remember_tab
    monkeypatch.setattr(events, "remember_tab", lambda *a: (written.append(a), real(*a))[1])
    tab, _get = Tabs().open("tab-1", first.token)
    for _ in range(3):
        call(tab, "guard")
    assert written == [(first.user.id, "tab-1", first.user.session_id)]  # once so far
    assert REMEMBER_EVERY < events.TAB_TTL_SECONDS / 10
    tab._remembered_at -= REMEMBER_EVERY  # a minute later: refreshed, long before it lapses
    call(tab, "guard")
    call(tab, "guard")
    assert len(written) == 2
    tab.token = second.token  # another session in the same tab: remembered at once
    call(tab, "guard")
    assert written[-1] == (first.user.id, "tab-1", second.user.session_id)
    assert {sid for _, sid in events.open_tabs(first.user.id)} == {
        first.user.session_id,
        second.user.session_id,
    }
