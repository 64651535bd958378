"""Accounts and sessions on the real database and Redis."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlmodel import select

from lumiku.db import session_scope, utcnow
from lumiku.models import Device, User, UserSession
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
    register(password="é" * 36)  # 72 bytes: the longest bcrypt can use
    assert sign_in(password="é" * 36).user.email == "ayu@example.com"


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


def test_registration_is_limited_per_ip():
    for n in range(3):
        register(email=f"u{n}@example.com", ip="10.9.9.9")
    err = pytest.raises(ServiceError, register, email="u4@example.com", ip="10.9.9.9").value
    assert err.code == "rate_limited_register" and 1 <= err.params["minutes"] <= 60
    register(email="u5@example.com", ip="10.9.9.10")  # another network is unaffected


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


def test_sign_in_is_limited_per_ip():
    register()
    for _ in range(5):
        sign_in(ip="10.5.5.5")
    assert code_of(sign_in, ip="10.5.5.5") == "rate_limited_sign-in"
    sign_in(ip="10.5.5.6")


def test_ten_failures_in_an_hour_lock_the_account_for_thirty_minutes():
    register()
    codes = [code_of(sign_in, password="wrong-password", ip=f"10.6.0.{n}") for n in range(10)]
    assert codes == ["invalid_credentials"] * 9 + ["account_locked"]
    err = pytest.raises(ServiceError, sign_in, ip="10.6.1.1").value  # right password, still locked
    assert err.code == "account_locked" and err.params["minutes"] == 30
    with session_scope() as db:  # half an hour later
        db.execute(update(User).values(locked_until=utcnow() - timedelta(seconds=1)))
    assert sign_in(ip="10.6.1.2").user.email == "ayu@example.com"


def test_failures_older_than_an_hour_do_not_count():
    register()
    for n in range(9):
        code_of(sign_in, password="wrong-password", ip=f"10.7.0.{n}")
    with session_scope() as db:
        db.execute(update(User).values(failed_sign_ins_since=utcnow() - timedelta(hours=2)))
    assert code_of(sign_in, password="wrong-password", ip="10.7.1.1") == "invalid_credentials"
    assert sign_in(ip="10.7.1.2")


def test_a_successful_sign_in_resets_the_failure_count():
    register()
    for n in range(9):
        code_of(sign_in, password="wrong-password", ip=f"10.8.0.{n}")
    sign_in(ip="10.8.1.1")
    assert code_of(sign_in, password="wrong-password", ip="10.8.1.2") == "invalid_credentials"


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
