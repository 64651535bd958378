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

import bcrypt
import jwt
from email_validator import EmailNotValidError, validate_email
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from lumiku.db import session_scope, utcnow
from lumiku.models import Device, User, UserSession
from lumiku.services import billing, ratelimit, useragent
from lumiku.services.errors import NotFound, ServiceError
from lumiku.services.redis_client import get_redis
from lumiku.settings import get_settings

LANGUAGES = ("id", "en")
MIN_PASSWORD_BYTES, MAX_PASSWORD_BYTES = 8, 72  # bcrypt uses at most 72 bytes
LOCKOUT_FAILURES = 10
LOCKOUT_WINDOW = timedelta(hours=1)
LOCKOUT_DURATION = timedelta(minutes=30)
LAST_SEEN_EVERY = timedelta(minutes=1)
TOKEN_ALGORITHM = "HS256"


@dataclass(frozen=True)
class CurrentUser:
    """Who is acting, re-derived from the session token for every privileged action."""

    id: int
    email: str
    name: str
    role: str
    language: str
    session_id: str

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


# ---------------------------------------------------------------- validation


def normalize_email(email: str) -> str:
    try:
        return validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise ServiceError("email_invalid") from None


def check_password(password: str) -> None:
    size = len(password.encode("utf-8"))
    if size < MIN_PASSWORD_BYTES:
        raise ServiceError("password_too_short", min=MIN_PASSWORD_BYTES)
    if size > MAX_PASSWORD_BYTES:
        raise ServiceError("password_too_long", max=MAX_PASSWORD_BYTES)


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
    email = normalize_email(email)
    name = clean_name(name)
    check_password(password)
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
            billing.welcome_bonus(db, user)
            return _open_session(db, user, ip, user_agent)
    except IntegrityError:  # a concurrent registration of the same email won the race
        raise ServiceError("email_taken") from None


def sign_in(email: str, password: str, *, ip: str, user_agent: str) -> SignedIn:
    ratelimit.hit(get_redis(), ratelimit.SIGN_IN_PER_IP, ip)
    try:
        email = normalize_email(email)
    except ServiceError:
        _spend_password_time(password)
        raise ServiceError("invalid_credentials") from None
    now = utcnow()
    with session_scope() as db:
        user = db.exec(select(User).where(User.email == email)).first()
        if user is None:
            _spend_password_time(password)
            raise ServiceError("invalid_credentials")
        if user.locked_until and user.locked_until > now:
            _spend_password_time(password)
            raise _locked(user.locked_until)
        if not verify_password(password, user.password_hash):
            locked_until = _record_failure(db, user, now)
            db.commit()
            raise _locked(locked_until) if locked_until else ServiceError("invalid_credentials")
        user.failed_sign_ins, user.failed_sign_ins_since, user.locked_until = 0, None, None
        return _open_session(db, user, ip, user_agent)


def _locked(until: datetime) -> ServiceError:
    minutes = max(1, -(-int((until - utcnow()).total_seconds()) // 60))
    return ServiceError("account_locked", minutes=minutes)


def _record_failure(db: Session, user: User, now: datetime) -> datetime | None:
    """Count a failed sign-in atomically; lock the account at the limit. Returns the lock end."""
    window_open = user.failed_sign_ins_since and now - user.failed_sign_ins_since < LOCKOUT_WINDOW
    if window_open:
        db.execute(
            update(User).where(User.id == user.id).values(failed_sign_ins=User.failed_sign_ins + 1)
        )
    else:
        db.execute(
            update(User)
            .where(User.id == user.id)
            .values(failed_sign_ins=1, failed_sign_ins_since=now)
        )
    db.refresh(user)
    if user.failed_sign_ins < LOCKOUT_FAILURES:
        return None
    user.locked_until = now + LOCKOUT_DURATION
    user.failed_sign_ins, user.failed_sign_ins_since = 0, None
    return user.locked_until


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


def _require_current_password(user: User, password: str) -> None:
    """A stolen session must not become a password-guessing oracle: the checks are limited."""
    ratelimit.hit(get_redis(), ratelimit.CURRENT_PASSWORD_PER_USER, str(user.id))
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
    new_email = normalize_email(new_email)
    try:
        with session_scope() as db:
            user = _own_user(db, actor)
            _require_current_password(user, current_password)
            if new_email == user.email:
                return new_email
            if db.exec(select(User.id).where(User.email == new_email)).first() is not None:
                raise ServiceError("email_taken")
            user.email, user.updated_at = new_email, utcnow()
    except IntegrityError:
        raise ServiceError("email_taken") from None
    return new_email


def change_password(actor: CurrentUser, current_password: str, new_password: str) -> int:
    """Changes the password and signs out every other session; returns how many were ended."""
    check_password(new_password)
    new_hash = hash_password(new_password)
    with session_scope() as db:
        user = _own_user(db, actor)
        _require_current_password(user, current_password)
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
