"""Email verification, password reset and the mail they send, against a local SMTP server
(aiosmtpd) and, without SMTP, the development outbox."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pydantic import ValidationError
from sqlalchemy import update

from lumiku.db import session_scope, utcnow
from lumiku.models.core import AccountToken
from lumiku.services import auth, billing, mail
from lumiku.services.errors import ServiceError
from lumiku.settings import Settings, describe_error, get_settings
from lumiku.state.auth import (
    AuthState,
    DevOutboxState,
    ForgotPasswordState,
    ResetPasswordState,
    VerifyEmailState,
)
from tests.factories import (
    PASSWORD,
    SmtpSink,
    call,
    link_token,
    mail_link,
    redirect_target,
    register,
    states,
    visit,
)

pytestmark = pytest.mark.usefixtures("db", "rds")


@pytest.fixture
def smtp(monkeypatch):
    sink = SmtpSink().start()
    for name, value in {
        "SMTP_HOST": sink.host,
        "SMTP_PORT": str(sink.port),
        "SMTP_SECURITY": "none",
        "MAIL_FROM": "Lumiku <no-reply@lumiku.id>",
        "PUBLIC_URL": "http://testserver",
    }.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    yield sink
    sink.stop()
    get_settings.cache_clear()


@pytest.fixture
def outbox(monkeypatch):
    """Development without SMTP: mail goes to the outbox table."""
    monkeypatch.delenv("SMTP_HOST", raising=False)
    monkeypatch.setenv("LUMIKU_ENV", "development")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def sign_up(email="ayu@example.com", lang="en", password=PASSWORD):
    session, get = states()
    visit(session, "/sign-up", ip="10.20.0.1")
    session.lang = lang
    out = call(session, "sign_up", {"email": email, "password": password, "name": "Ayu"})
    return session, get, out


def verify_page(token: str, session_get=None):
    session, get = session_get or states()
    page = get(VerifyEmailState)
    visit(page, f"/verify-email?token={token}")
    call(page, "load")
    return page


# ------------------------------------------------------------------ verification


def test_sign_up_mails_a_verification_link_in_the_users_language(smtp):
    session, _, out = sign_up(lang="en")
    assert redirect_target(out[-1]) == "/dashboard" and session.signed_in
    assert not session.email_verified  # the banner shows
    [message] = smtp.wait_for(1)
    assert message["To"] == "ayu@example.com"
    assert message["Subject"] == "Confirm your Lumiku email address"
    assert message["From"] == "Lumiku <no-reply@lumiku.id>"
    link = mail_link(message)
    assert link.startswith("http://testserver/verify-email?token=")
    assert link in message.get_body(preferencelist=("html",)).get_content()
    user_id = auth.resolve(session.token).id
    assert billing.balance(user_id) == 0  # the bonus waits for the verified address


def test_indonesian_is_the_default_language_of_the_mail(smtp):
    sign_up(lang="id")
    [message] = smtp.wait_for(1)
    assert message["Subject"] == "Konfirmasi alamat email Lumiku Anda"
    assert "Halo Ayu," in message.get_body(preferencelist=("plain",)).get_content()


def test_the_link_verifies_and_grants_the_bonus_exactly_once(smtp):
    session, get, _ = sign_up()
    user_id = auth.resolve(session.token).id
    token = link_token(mail_link(smtp.wait_for(1)[0]))
    page = verify_page(token, (session, get))
    assert (
        page.ok and page.message == "Your email address is confirmed. Thank you, and enjoy Lumiku!"
    )
    assert session.email_verified  # the tab's banner goes
    assert billing.balance(user_id) == billing.WELCOME_BONUS
    again = verify_page(token, (session, get))  # clicked twice
    assert not again.ok and "used already" in again.message
    assert billing.balance(user_id) == billing.WELCOME_BONUS
    assert [r.kind for r in billing.history(user_id).rows] == ["welcome_bonus"]


def test_expired_used_and_forged_links_are_refused(smtp):
    session, _, _ = sign_up()
    user_id = auth.resolve(session.token).id
    token = link_token(mail_link(smtp.wait_for(1)[0]))
    for forged in ("", "x" * 43, token[:-2] + "AA", "a" * 500):
        with pytest.raises(ServiceError) as err:
            auth.verify_email(forged)
        assert err.value.code == "link_invalid"
    with session_scope() as db:
        db.execute(update(AccountToken).values(expires_at=utcnow() - timedelta(seconds=1)))
    with pytest.raises(ServiceError) as err:
        auth.verify_email(token)
    assert err.value.code == "link_expired"
    assert billing.balance(user_id) == 0
    page = verify_page(token)
    assert not page.ok and page.message == "Tautan ini sudah kedaluwarsa. Minta tautan baru."


def test_a_reset_link_does_not_verify_as_a_verification_link(smtp):
    signed = register(verified=False)
    link = auth.request_password_reset(signed.user.email, ip="10.1.1.1")
    with pytest.raises(ServiceError) as err:
        auth.verify_email(link_token(link.url))
    assert err.value.code == "link_invalid"


def test_send_again_is_limited_and_a_failing_server_keeps_the_account(smtp):
    smtp.refuse = True  # the server is down when the user signs up
    session, _, out = sign_up()
    assert redirect_target(out[-1]) == "/dashboard"  # the account exists, signed in
    assert "could not be sent" in session.verify_notice
    smtp.refuse = False
    for _ in range(3):
        call(session, "resend_verification")
        assert session.verify_notice == "A new confirmation link was sent to ayu@example.com."
    call(session, "resend_verification")
    assert "Try again in" in session.verify_notice
    assert len(smtp.wait_for(3)) == 3
    tokens = [link_token(mail_link(m)) for m in smtp.messages]
    assert auth.verify_email(tokens[0]) == "verified"
    assert auth.verify_email(tokens[1]) == "already"  # an older unused link: no second bonus
    assert billing.balance(auth.resolve(session.token).id) == billing.WELCOME_BONUS


def test_changing_the_email_makes_it_unverified_and_mails_the_new_address(smtp):
    from lumiku.state.account import ProfileState

    signed = register()  # verified
    session, get = states()
    visit(session, "/profile")
    session.token = signed.token
    profile = get(ProfileState)
    call(profile, "save_email", {"email": "baru@example.com", "current_password": PASSWORD})
    assert not session.email_verified and "tautan konfirmasi" in profile.notice
    [message] = smtp.wait_for(1)
    assert message["To"] == "baru@example.com"
    verify_page(link_token(mail_link(message)), (session, get))
    assert session.email_verified
    assert billing.balance(signed.user.id) == billing.WELCOME_BONUS  # still one bonus


# ------------------------------------------------------------------ password reset


def forgot(email: str, ip: str = "10.30.0.1") -> ForgotPasswordState:
    session, get = states()
    page = get(ForgotPasswordState)
    visit(page, "/forgot-password", ip=ip)
    call(page, "load")
    call(page, "request", {"email": email})
    return page


def test_reset_end_to_end_through_the_pages(smtp):
    signed = register(verified=False)
    other = auth.sign_in(signed.user.email, PASSWORD, ip="10.0.0.9", user_agent="other")
    page = forgot("USER1@example.com")
    assert page.sent and page.error == ""
    [message] = smtp.wait_for(1)
    assert message["To"] == signed.user.email
    assert message["Subject"] == "Atur ulang kata sandi Lumiku Anda"
    link = mail_link(message)
    assert link.startswith("http://testserver/reset-password?token=")

    session, get = states()
    reset = get(ResetPasswordState)
    visit(reset, link.removeprefix("http://testserver"))
    call(reset, "load")
    assert reset.link_error == "" and reset.checked
    call(reset, "save", {"new_password": "sayang123", "confirm_password": "sayang123"})
    assert "terlalu umum" in reset.error  # the same password rules as everywhere
    out = call(reset, "save", {"new_password": "Kopi-Susu-77", "confirm_password": "Kopi-Susu-77"})
    assert redirect_target(out[-1]) == "/sign-in?reason=reset"
    # Every session ended; the new password works, the old one does not.
    assert auth.resolve(signed.token) is None and auth.resolve(other.token) is None
    assert auth.sign_in(signed.user.email, "Kopi-Susu-77", ip="10.0.0.9", user_agent="t")
    with pytest.raises(ServiceError):
        auth.sign_in(signed.user.email, PASSWORD, ip="10.0.0.10", user_agent="t")
    # The link proved the address: verified, with the bonus.
    assert auth.sign_in(signed.user.email, "Kopi-Susu-77", ip="10.0.0.9", user_agent="t").user
    assert billing.balance(signed.user.id) == billing.WELCOME_BONUS
    # Single use.
    call(reset, "load")
    assert "sudah dipakai" in reset.link_error


def test_unknown_email_gets_the_same_answer_and_no_mail(smtp):
    register()
    known, unknown = forgot("user1@example.com"), forgot("nobody@example.com")
    assert (known.sent, known.error) == (unknown.sent, unknown.error) == (True, "")
    assert len(smtp.wait_for(1)) == 1
    assert forgot("not an email").sent


def test_reset_requests_are_limited_per_address_and_per_email(smtp):
    register()
    for _ in range(5):
        assert forgot("user1@example.com", ip="10.31.0.1").sent
    assert len(smtp.wait_for(3)) == 3  # per email: 3 an hour, silently
    for n in range(15):
        forgot(f"n{n}@example.com", ip="10.31.0.1")
    limited = forgot("user1@example.com", ip="10.31.0.1")  # the 21st from this address
    assert not limited.sent and "Terlalu banyak" in limited.error


def test_expired_reset_links_are_refused(smtp):
    signed = register()
    link = auth.request_password_reset(signed.user.email, ip="10.1.1.1")
    with session_scope() as db:
        db.execute(update(AccountToken).values(expires_at=utcnow() - timedelta(minutes=1)))
    with pytest.raises(ServiceError) as err:
        auth.reset_password(link_token(link.url), "Kopi-Susu-77")
    assert err.value.code == "link_expired"


# ------------------------------------------------------------------ without SMTP


def test_development_without_smtp_writes_to_the_outbox_page(outbox):
    session, get, _ = sign_up()
    [mailed] = mail.outbox()
    assert mailed.to == "ayu@example.com" and "verify-email?token=" in mailed.text
    page = get(DevOutboxState)
    call(page, "load")
    assert page.available and page.rows[0].recipient == "ayu@example.com"
    verify_page(link_token(page.rows[0].link), (session, get))
    assert session.email_verified


def test_the_outbox_is_closed_when_smtp_is_configured(smtp):
    sign_up()
    session, get = states()
    page = get(DevOutboxState)
    call(page, "load")
    assert not page.available and page.rows == [] and mail.outbox() == []


def test_production_without_smtp_refuses_to_start(monkeypatch):
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
    with pytest.raises(ValidationError) as err:
        Settings(
            _env_file=None,
            lumiku_env="production",
            secret_key="q7RkV2mXz9LpT4wYb8NcJ3hFs6GdA1eU5oKi0",
            public_url="https://lumiku.id",
            database_url="postgresql+psycopg://db/x",
            redis_url="redis://r:6379/0",
        )
    line = describe_error(err.value)
    assert "SMTP_HOST is required in production" in line and "\n" not in line


def test_signing_out_keeps_the_sign_in_page_reachable(smtp):
    session, _, _ = sign_up()
    out = call(session, "sign_out")
    assert redirect_target(out) == "/sign-in?reason=signed-out"
    assert isinstance(session, AuthState) and not session.signed_in
