"""Accounts and sign-in sessions.

A session is a database row; the browser holds a pyjwt-signed token that names it. Every privileged
action calls `resolve(token)`, so a revoked or expired session stops working at once everywhere.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path

import bcrypt
import jwt
from email_validator import EmailNotValidError, validate_email
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from lumiku import routes
from lumiku.db import session_scope, utcnow
from lumiku.models import Device, User, UserSession
from lumiku.models.core import AccountToken
from lumiku.services import accounts, billing, events, ratelimit, useragent
from lumiku.services.errors import NotFound, ServiceError
from lumiku.services.redis_client import get_redis
from lumiku.settings import get_settings

LANGUAGES = ("id", "en")
MIN_PASSWORD_BYTES, MAX_PASSWORD_BYTES = 8, 72  # bcrypt uses at most 72 bytes
LAST_SEEN_EVERY = timedelta(minutes=1)
TOKEN_ALGORITHM = "HS256"
VERIFY_LINK_LIFETIME = timedelta(hours=48)
RESET_LINK_LIFETIME = timedelta(hours=1)
COMMON_PASSWORDS_FILE = Path(__file__).with_name("common_passwords.txt")


@dataclass(frozen=True)
class CurrentUser:
    """Who is acting, re-derived from the session token for every privileged action."""

    id: int
    email: str
    name: str
    role: str
    language: str
    session_id: str
    email_verified: bool = False

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass(frozen=True)
class SignedIn:
    user: CurrentUser
    token: str


@dataclass(frozen=True)
class SessionView:
    id: str
    device_name: str
    browser: str
    os: str
    device_type: str
    ip: str
    created_at: datetime
    last_seen_at: datetime
    current: bool


@dataclass(frozen=True)
class MailLink:
    """A single-use link to mail: who gets it, in which language, and the link itself."""

    email: str
    name: str
    language: str
    url: str


# ---------------------------------------------------------------- validation


def normalize_email(email: str) -> str:
    try:
        return validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise ServiceError("email_invalid") from None


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def check_password(password: str, email: str = "") -> None:
    size = len(password.encode("utf-8"))
    if size < MIN_PASSWORD_BYTES:
        raise ServiceError("password_too_short", min=MIN_PASSWORD_BYTES)
    if size > MAX_PASSWORD_BYTES:
        raise ServiceError("password_too_long", max=MAX_PASSWORD_BYTES)
    folded = password.casefold()
    local = email.strip().casefold().partition("@")[0]
    if (
        folded in common_passwords()
        or len(set(folded)) == 1
        or (local and folded in (local, email.strip().casefold()))
    ):
        raise ServiceError("password_too_common")


def clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ServiceError("name_required")
    if len(name) > 100:
        raise ServiceError("name_too_long", max=100)
    return name


def check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise ServiceError("language_invalid")
    return language


# ---------------------------------------------------------------- passwords


def hash_password(password: str) -> str:
    rounds = get_settings().bcrypt_rounds
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds)).decode("ascii")


def verify_password(password: str, password_hash: str) -> bool:
    return bcrypt.checkpw(
        password.encode("utf-8")[:MAX_PASSWORD_BYTES], password_hash.encode("ascii")
    )


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return hash_password(secrets.token_urlsafe(16))


def _spend_password_time(password: str) -> None:
    """Unknown or locked accounts cost one bcrypt check too, so timing reveals nothing."""
    verify_password(password, _dummy_hash())


# ---------------------------------------------------------------- tokens


def _encode(session: UserSession) -> str:
    payload = {"sid": session.id, "exp": session.expires_at}
    return jwt.encode(payload, get_settings().effective_secret_key, algorithm=TOKEN_ALGORITHM)


def _decode(token: str) -> str | None:
    try:
        payload = jwt.decode(
            token,
            get_settings().effective_secret_key,
            algorithms=[TOKEN_ALGORITHM],
            options={"require": ["sid", "exp"]},
        )
    except jwt.PyJWTError:
        return None
    sid = payload.get("sid")
    return sid if isinstance(sid, str) else None


def _current(user: User, session_id: str) -> CurrentUser:
    assert user.id is not None
    return CurrentUser(
        id=user.id,
        email=user.email,
        name=user.name,
        role=user.role,
        language=user.language,
        session_id=session_id,
        email_verified=user.email_verified_at is not None,
    )


def _open_session(db: Session, user: User, ip: str, user_agent: str) -> SignedIn:
    assert user.id is not None
    info = useragent.describe(user_agent)
    fingerprint = hashlib.sha256(f"{user_agent}\0{user.id}".encode()).hexdigest()
    device = db.exec(
        select(Device).where(Device.user_id == user.id, Device.fingerprint == fingerprint)
    ).first()
    now = utcnow()
    if device is None:
        device = Device(
            user_id=user.id,
            fingerprint=fingerprint,
            name=info.name,
            device_type=info.device_type,
            browser=info.browser,
            os=info.os,
        )
        db.add(device)
        db.flush()
    device.last_seen_at = now
    row = UserSession(
        id=secrets.token_hex(16),
        user_id=user.id,
        device_id=device.id,
        ip=ip[:45],
        user_agent=user_agent[:500],
        created_at=now,
        last_seen_at=now,
        expires_at=now + timedelta(days=get_settings().session_days),
    )
    db.add(row)
    db.flush()
    return SignedIn(user=_current(user, row.id), token=_encode(row))


# ---------------------------------------------------------------- public API


def register(
    email: str, password: str, name: str, *, ip: str, user_agent: str, language: str = "id"
) -> SignedIn:
    """Creates the account and signs it in. The welcome bonus waits for the verified address
    (see verify_email); the caller mails the link from `verification_link`."""
    email = normalize_email(email)
    name = clean_name(name)
    check_password(password, email)
    language = check_language(language)
    ratelimit.hit(get_redis(), ratelimit.REGISTER_PER_IP, ip)
    password_hash = hash_password(password)
    try:
        with session_scope() as db:
            if db.exec(select(User.id).where(User.email == email)).first() is not None:
                raise ServiceError("email_taken")
            user = User(email=email, name=name, password_hash=password_hash, language=language)
            db.add(user)
            db.flush()
            return _open_session(db, user, ip, user_agent)
    except IntegrityError:  # a concurrent registration of the same email won the race
        raise ServiceError("email_taken") from None


def _account_subject(email: str) -> str:
    """The counters' name for an account: the normalised address (or what was typed), hashed, so
    unknown and known addresses are counted alike and Redis holds no addresses."""
    try:
        email = normalize_email(email)
    except ServiceError:
        email = email.strip().lower()
    return hashlib.sha256(email.encode()).hexdigest()[:32]


def _sign_in_refusal(account: str, ip: str) -> ServiceError | None:
    """Whether this attempt may check a password at all. Only failures count:
    - one account from one address: 5 failures in 15 minutes, then that pair waits;
    - one address, every account: 50 failures in 15 minutes (carrier NAT, offices, cafés);
    - one account from everywhere: past 10 failures in an hour it is under attack, and only
      addresses that have not failed for it may still try, so its owner gets in with the right
      password while each attacking address gets one guess per quarter hour.
    The answer never depends on whether the account exists."""
    client, pair = get_redis(), f"{account}:{ip}"
    refusal = ratelimit.over(client, ratelimit.SIGN_IN_FAILURES_PER_IP, ip) or ratelimit.over(
        client, ratelimit.SIGN_IN_FAILURES_PER_PAIR, pair
    )
    if refusal is not None:
        return refusal
    attacked, _ = ratelimit.failures(client, ratelimit.SIGN_IN_FAILURES_PER_ACCOUNT, account)
    pair_failures, ttl = ratelimit.failures(client, ratelimit.SIGN_IN_FAILURES_PER_PAIR, pair)
    if attacked >= ratelimit.SIGN_IN_FAILURES_PER_ACCOUNT.max_hits and pair_failures:
        return ServiceError("rate_limited_sign-in", minutes=max(1, -(-ttl // 60)))
    return None


def _count_failure(account: str, ip: str) -> None:
    client = get_redis()
    ratelimit.fail(client, ratelimit.SIGN_IN_FAILURES_PER_PAIR, f"{account}:{ip}")
    ratelimit.fail(client, ratelimit.SIGN_IN_FAILURES_PER_IP, ip)
    ratelimit.fail(client, ratelimit.SIGN_IN_FAILURES_PER_ACCOUNT, account)


def sign_in(email: str, password: str, *, ip: str, user_agent: str) -> SignedIn:
    """Unknown address, wrong password: the same answer at the same cost (one bcrypt check)."""
    account = _account_subject(email)
    refusal = _sign_in_refusal(account, ip)
    if refusal is not None:
        raise refusal
    try:
        email = normalize_email(email)
    except ServiceError:
        email = ""
    with session_scope() as db:
        user = db.exec(select(User).where(User.email == email)).first() if email else None
        if user is None:
            _spend_password_time(password)
        if user is None or not verify_password(password, user.password_hash):
            _count_failure(account, ip)
            raise ServiceError("invalid_credentials")
        ratelimit.clear(get_redis(), ratelimit.SIGN_IN_FAILURES_PER_PAIR, f"{account}:{ip}")
        return _open_session(db, user, ip, user_agent)


def resolve(token: str) -> CurrentUser | None:
    """The user behind a session token, or None if it is invalid, expired or revoked."""
    session_id = _decode(token) if token else None
    if session_id is None:
        return None
    now = utcnow()
    with session_scope() as db:
        row = db.get(UserSession, session_id)
        if row is None or row.revoked_at is not None or row.expires_at <= now:
            return None
        user = db.get(User, row.user_id)
        if user is None:
            return None
        if now - row.last_seen_at > LAST_SEEN_EVERY:
            row.last_seen_at = now
            if row.device_id is not None:
                db.execute(
                    update(Device).where(Device.id == row.device_id).values(last_seen_at=now)
                )
        return _current(user, session_id)


def live_sessions(user_id: int, session_ids: set[str]) -> set[str]:
    """Which of these sessions of the user are neither revoked nor expired (one query)."""
    if not session_ids:
        return set()
    with session_scope() as db:
        return set(
            db.exec(
                select(UserSession.id).where(
                    UserSession.user_id == user_id,
                    UserSession.id.in_(sorted(session_ids)),
                    UserSession.revoked_at.is_(None),
                    UserSession.expires_at > utcnow(),
                )
            ).all()
        )


def sign_out(token: str) -> None:
    session_id = _decode(token) if token else None
    if session_id is None:
        return
    with session_scope() as db:
        db.execute(
            update(UserSession)
            .where(UserSession.id == session_id, UserSession.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )


def _own_user(db: Session, actor: CurrentUser) -> User:
    user = db.get(User, actor.id)
    if user is None:
        raise NotFound()
    return user


def _limit_password_checks(actor: CurrentUser) -> None:
    """A stolen session must not become a password-guessing oracle: the checks are limited, and
    the limit comes before any bcrypt work (hashing or checking)."""
    ratelimit.hit(get_redis(), ratelimit.CURRENT_PASSWORD_PER_USER, str(actor.id))


def _require_current_password(user: User, password: str) -> None:
    """After `_limit_password_checks`."""
    if not verify_password(password, user.password_hash):
        raise ServiceError("current_password_wrong")


def change_name(actor: CurrentUser, name: str) -> None:
    name = clean_name(name)
    with session_scope() as db:
        user = _own_user(db, actor)
        user.name, user.updated_at = name, utcnow()


def change_language(actor: CurrentUser, language: str) -> None:
    language = check_language(language)
    with session_scope() as db:
        user = _own_user(db, actor)
        user.language, user.updated_at = language, utcnow()


def change_email(actor: CurrentUser, new_email: str, current_password: str) -> str:
    """The new address is unverified until its link is used; the caller mails the link
    (`verification_link`)."""
    new_email = normalize_email(new_email)
    _limit_password_checks(actor)
    try:
        with session_scope() as db:
            user = _own_user(db, actor)
            _require_current_password(user, current_password)
            if new_email == user.email:
                return new_email
            if db.exec(select(User.id).where(User.email == new_email)).first() is not None:
                raise ServiceError("email_taken")
            user.email, user.updated_at = new_email, utcnow()
            user.email_verified_at = None
    except IntegrityError:
        raise ServiceError("email_taken") from None
    return new_email


def change_password(actor: CurrentUser, current_password: str, new_password: str) -> int:
    """Changes the password and signs out every other session; returns how many were ended."""
    check_password(new_password, actor.email)
    _limit_password_checks(actor)
    with session_scope() as db:
        user = _own_user(db, actor)
        _require_current_password(user, current_password)
    new_hash = hash_password(new_password)
    with session_scope() as db:
        user = _own_user(db, actor)
        user.password_hash, user.updated_at = new_hash, utcnow()
        return _revoke_others(db, actor)


def _revoke_others(db: Session, actor: CurrentUser) -> int:
    result = db.execute(
        update(UserSession)
        .where(
            UserSession.user_id == actor.id,
            UserSession.id != actor.session_id,
            UserSession.revoked_at.is_(None),
        )
        .values(revoked_at=utcnow())
    )
    return result.rowcount or 0


def list_sessions(actor: CurrentUser) -> list[SessionView]:
    """The user's active sessions, most recently used first."""
    now = utcnow()
    with session_scope() as db:
        rows = db.exec(
            select(UserSession, Device)
            .join(Device, Device.id == UserSession.device_id, isouter=True)
            .where(
                UserSession.user_id == actor.id,
                UserSession.revoked_at.is_(None),
                UserSession.expires_at > now,
            )
            .order_by(UserSession.last_seen_at.desc())
        ).all()
        views = []
        for row, device in rows:
            info = device or useragent.describe(row.user_agent)
            views.append(
                SessionView(
                    id=row.id,
                    device_name=f"{info.browser} on {info.os}",
                    browser=info.browser,
                    os=info.os,
                    device_type=info.device_type,
                    ip=row.ip,
                    created_at=row.created_at,
                    last_seen_at=row.last_seen_at,
                    current=row.id == actor.session_id,
                )
            )
        return views


def revoke_session(actor: CurrentUser, session_id: str) -> None:
    """Ends one of the actor's own sessions; anybody else's looks like a missing one."""
    with session_scope() as db:
        result = db.execute(
            update(UserSession)
            .where(
                UserSession.id == session_id,
                UserSession.user_id == actor.id,
                UserSession.revoked_at.is_(None),
            )
            .values(revoked_at=utcnow())
        )
        if not result.rowcount:
            raise NotFound()


def revoke_other_sessions(actor: CurrentUser) -> int:
    with session_scope() as db:
        return _revoke_others(db, actor)


# ---------------------------------------------------------------- mailed links


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _issue(db: Session, user: User, purpose: str, lifetime: timedelta, route: str) -> MailLink:
    assert user.id is not None
    token = secrets.token_urlsafe(32)
    now = utcnow()
    db.add(
        AccountToken(
            user_id=user.id,
            purpose=purpose,
            token_hash=_token_hash(token),
            email=user.email,
            created_at=now,
            expires_at=now + lifetime,
        )
    )
    url = f"{get_settings().effective_public_url}{route}?token={token}"
    return MailLink(email=user.email, name=user.name, language=user.language, url=url)


def _use(db: Session, token: str, purpose: str) -> tuple[AccountToken, User]:
    """The token's row (locked) and its user; refuses a token that is unknown, for another
    purpose, for an address the account no longer has, used, or expired."""
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        raise ServiceError("link_invalid")
    row = db.exec(
        select(AccountToken)
        .where(AccountToken.token_hash == _token_hash(token), AccountToken.purpose == purpose)
        .with_for_update()
    ).first()
    user = db.get(User, row.user_id) if row is not None else None
    if row is None or user is None or user.email != row.email:
        raise ServiceError("link_invalid")
    if row.used_at is not None:
        raise ServiceError("link_used")
    if row.expires_at <= utcnow():
        raise ServiceError("link_expired")
    return row, user


def _mark_verified(db: Session, user_id: int) -> bool:
    """Verifies the address and grants the welcome bonus once (its ledger key is per user);
    True when the balance changed."""
    user = accounts.lock_account(db, user_id)
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
    before = user.credit_balance
    billing.welcome_bonus(db, user)
    return user.credit_balance != before


def verification_link(user_id: int) -> MailLink | None:
    """A new link for the account's current address; None when it is verified already."""
    with session_scope() as db:
        user = db.get(User, user_id)
        if user is None:
            raise NotFound()
        if user.email_verified_at is not None:
            return None
        return _issue(db, user, "verify", VERIFY_LINK_LIFETIME, routes.VERIFY_EMAIL)


def resend_verification(actor: CurrentUser) -> MailLink | None:
    """ "Send the link again", limited per account."""
    ratelimit.hit(get_redis(), ratelimit.VERIFY_MAIL_PER_USER, str(actor.id))
    return verification_link(actor.id)


def verify_email(token: str) -> str:
    """Uses a verification link: "verified", or "already" when the address was verified by
    an earlier link; raises link_invalid / link_used / link_expired."""
    with session_scope() as db:
        row, user = _use(db, token, "verify")
        row.used_at = utcnow()
        already = user.email_verified_at is not None
        credited = _mark_verified(db, row.user_id)
    if credited:
        events.publish(row.user_id, "billing")
    return "already" if already else "verified"


def request_password_reset(email: str, *, ip: str) -> MailLink | None:
    """The link to mail, or None (unknown address, or asked too often for it). The caller
    answers the same either way; only too many requests from one address are told so."""
    ratelimit.hit(get_redis(), ratelimit.RESET_PER_IP, ip)
    try:
        email = normalize_email(email)
    except ServiceError:
        return None
    try:
        ratelimit.hit(get_redis(), ratelimit.RESET_PER_EMAIL, _account_subject(email))
    except ServiceError:
        return None
    with session_scope() as db:
        user = db.exec(select(User).where(User.email == email)).first()
        if user is None:
            return None
        return _issue(db, user, "reset", RESET_LINK_LIFETIME, routes.RESET_PASSWORD)


def check_reset_link(token: str) -> None:
    """Raises what reset_password would for this link, without using it (the page's first look)."""
    with session_scope() as db:
        _use(db, token, "reset")
        db.rollback()


def reset_password(token: str, new_password: str) -> int:
    """Sets the new password from a reset link, signs out every session of the account, and
    counts as verifying the address the link was mailed to. Returns the sessions ended."""
    with session_scope() as db:
        _, user = _use(db, token, "reset")
        check_password(new_password, user.email)
    new_hash = hash_password(new_password)
    now = utcnow()
    with session_scope() as db:
        row, user = _use(db, token, "reset")  # again: another tab may have used it meanwhile
        row.used_at = now
        user.password_hash, user.updated_at = new_hash, now
        db.execute(  # the other reset links of the account are spent too
            update(AccountToken)
            .where(
                AccountToken.user_id == row.user_id,
                AccountToken.purpose == "reset",
                AccountToken.used_at.is_(None),
            )
            .values(used_at=now)
        )
        ended = db.execute(
            update(UserSession)
            .where(UserSession.user_id == row.user_id, UserSession.revoked_at.is_(None))
            .values(revoked_at=now)
        ).rowcount
        credited = _mark_verified(db, row.user_id)
        user_id = row.user_id
    account = _account_subject(user.email)  # its owner proved it: no longer under attack
    ratelimit.clear(get_redis(), ratelimit.SIGN_IN_FAILURES_PER_ACCOUNT, account)
    if credited:
        events.publish(user_id, "billing")
    return ended or 0
