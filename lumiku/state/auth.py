"""Who is signed in, in this tab: the session token, the language and a summary for the header;
and the mailed-link pages: email verification, password reset and the development outbox."""

from __future__ import annotations

import asyncio
import html
import logging
import re
import time
from dataclasses import dataclass
from urllib.parse import quote

import reflex as rx
from reflex.state import OnLoadInternalState

from lumiku import routes
from lumiku.i18n import DEFAULT_LANGUAGE, LANGUAGE_NAMES, format_datetime, tr
from lumiku.services import auth, events, mail
from lumiku.services.errors import ServiceError
from lumiku.settings import get_settings
from lumiku.state.base import call, error_text, form_text

log = logging.getLogger(__name__)
# A tab's entry in events' open tabs is refreshed this often while it sends events; far inside
# events.TAB_TTL_SECONDS, after which live updates would stop reaching it.
REMEMBER_EVERY = 60.0

# ---------------------------------------------------------------- account mail


def compose_mail(kind: str, link: auth.MailLink) -> mail.Mail:
    """The verification ("verify") or password reset ("reset") mail, in the user's language."""
    lang = link.language if link.language in LANGUAGE_NAMES else DEFAULT_LANGUAGE
    greeting = tr("mail_greeting", lang, name=link.name)
    body, button = tr(f"mail_{kind}_body", lang), tr(f"mail_{kind}_button", lang)
    ignore, signature = tr(f"mail_{kind}_ignore", lang), tr("mail_signature", lang)
    text = f"{greeting}\n\n{body}\n\n{link.url}\n\n{ignore}\n\n{signature}\n"
    e = html.escape
    markup = (
        '<div style="font-family:sans-serif;max-width:32rem;line-height:1.5">'
        f"<p>{e(greeting)}</p><p>{e(body)}</p>"
        f'<p><a href="{e(link.url)}" style="display:inline-block;padding:0.6rem 1.2rem;'
        f'background:#e5484d;color:#fff;border-radius:6px;text-decoration:none">{e(button)}</a>'
        f'</p><p style="font-size:0.85em;color:#666">{e(link.url)}</p>'
        f'<p style="font-size:0.85em;color:#666">{e(ignore)}</p>'
        f"<p>{e(signature).replace(chr(10), '<br>')}</p></div>"
    )
    return mail.Mail(
        to=link.email, subject=tr(f"mail_{kind}_subject", lang), text=text, html=markup
    )


def send_account_mail(kind: str, link: auth.MailLink) -> None:
    """Composes and sends (synchronous: run it with `call`)."""
    mail.send(compose_mail(kind, link))


def _send_in_background(kind: str, link: auth.MailLink) -> None:
    try:
        send_account_mail(kind, link)
    except Exception:  # logged by mail.send, or unexpected
        log.warning("could not send the %s mail", kind, exc_info=True)


def _send_later(kind: str, link: auth.MailLink) -> None:
    """Sends in a worker thread, started now, without making the caller wait (so the answer's
    timing tells nothing either)."""
    asyncio.get_running_loop().run_in_executor(None, _send_in_background, kind, link)


def _user_states() -> list[type[rx.State]]:
    """Every state of a tab that may hold a user's data: all of ours but AuthState (Reflex's
    own internal states hold none)."""
    found, todo = [], list(rx.State.get_substates())
    while todo:
        cls = todo.pop()
        todo.extend(cls.get_substates())
        if cls is not AuthState and not cls.__module__.startswith("reflex"):
            found.append(cls)
    return found


# Every reason the app sends someone to the sign-in page with, and the notice that says why.
SIGN_IN_REASONS = {
    "required": "sign_in_required",  # a signed-out visitor opened a signed-in page
    "expired": "session_ended",  # the tab's session ended (revoked, expired, password changed)
    "signed-out": "signed_out",
    "reset": "reset_done",  # a new password was chosen: every session ended
}


def sign_in_url(reason: str, next_path: str = "") -> str:
    """The sign-in page with the notice for `reason` (one of SIGN_IN_REASONS) and, optionally,
    where to go afterwards."""
    if reason not in SIGN_IN_REASONS:
        raise ValueError(f"no sign-in notice for {reason!r}")
    url = f"{routes.SIGN_IN}?reason={reason}"
    return f"{url}&next={quote(next_path, safe='/')}" if next_path else url


async def signed_in_user(state: rx.State) -> tuple[AuthState, auth.CurrentUser | None]:
    """For every privileged handler of every state: the tab's AuthState and the user, re-derived
    from the session token now (None when signed out, revoked or expired)."""
    session = await state.get_state(AuthState)
    return session, await session._user()


class AuthState(rx.State):
    token: str = rx.LocalStorage("", name="lumiku_token", sync=True)
    lang: str = rx.LocalStorage(DEFAULT_LANGUAGE, name="lumiku_lang", sync=True)
    user_name: str = ""
    user_email: str = ""
    is_admin: bool = False
    signed_in: bool = False
    error: str = ""
    notice: str = ""  # why the sign-in page is shown, e.g. "your session has ended"
    busy: bool = False
    show_password: bool = False
    email_verified: bool = True  # False shows the "confirm your address" banner
    verify_notice: str = ""  # the banner's answer to "send the link again"
    _session_ended: bool = False  # set by _user(): the tab had a token that no longer works
    _user_id: int = 0  # whose tab this is now; live updates for anyone else are dropped
    _session_id: str = ""  # the sign-in session it shows; live updates stop when it ends
    _remembered: str = ""  # "<user> <session> <client token>" last written by remember_tab
    _remembered_at: float = 0.0  # when (wall clock: the tab's events reach any web process)

    # ------------------------------------------------------------ helpers (not event handlers)

    async def _user(self) -> auth.CurrentUser | None:
        """Re-derives the user from the token on every call, so revocation applies at once."""
        user = await call(auth.resolve, self.token) if self.token else None
        if user is None:
            ended = bool(self.token)
            if ended or self.signed_in or self._user_id:
                await self._end_session(ended=ended)
            self._session_ended = ended
        else:
            if (self._user_id, self._session_id) not in ((user.id, user.session_id), (0, "")):
                await self._reset_user_states()  # another account or session in this tab
            self._user_id, self._session_id = user.id, user.session_id
            await self._remember_tab(user)
            self.user_name, self.user_email = user.name, user.email
            self.is_admin, self.signed_in = user.is_admin, True
            self.email_verified = user.email_verified
            if user.language in LANGUAGE_NAMES:
                self.lang = user.language
        return user

    async def _remember_tab(self, user: auth.CurrentUser) -> None:
        """Tells live updates this tab shows `user` (events.remember_tab). Its entry lapses
        after events.TAB_TTL_SECONDS, so it is written when the (user, session, tab) changes
        and refreshed at most every REMEMBER_EVERY seconds after, not on every event."""
        client_token = self.router.session.client_token
        shown, now = f"{user.id} {user.session_id} {client_token}", time.time()
        if shown == self._remembered and 0 <= now - self._remembered_at < REMEMBER_EVERY:
            return
        await call(events.remember_tab, user.id, client_token, user.session_id)
        self._remembered, self._remembered_at = shown, now

    def _forget(self) -> None:
        self.token, self.user_name, self.user_email = "", "", ""
        self.is_admin = self.signed_in = False
        self.email_verified, self.verify_notice = True, ""
        self._user_id, self._session_id = 0, ""
        self._remembered, self._remembered_at = "", 0.0

    async def _reset_user_states(self) -> None:
        """Every other state of the tab back to its defaults: nothing of the previous user stays
        (credits history, payments, work list, projects…)."""
        for cls in _user_states():
            (await self.get_state(cls)).reset()

    async def _end_session(self, *, ended: bool) -> None:
        """Signed out here, or the session was found ended (revoked, expired, password changed):
        forget the user and clear every state of the tab."""
        self._session_ended = ended
        self._forget()
        await self._reset_user_states()

    def _to_sign_in(self) -> rx.event.EventSpec:
        """After `_user()` found nobody: say whether a session ended or none existed, and come
        back here (path and query) once signed in."""
        reason = "expired" if self._session_ended else "required"
        url = self.router.url
        target = (url.path or routes.DASHBOARD) + (f"?{url.query}" if url.query else "")
        return rx.redirect(sign_in_url(reason, next_path=target), replace=True)

    def _client(self) -> tuple[str, str]:
        session = self.router.session
        return session.client_ip or "", self.router.headers.user_agent or ""

    async def _after_sign_in(self, signed: auth.SignedIn) -> rx.event.EventSpec:
        await self._reset_user_states()  # whatever this tab showed before is not theirs
        self.token = signed.token
        self.user_name, self.user_email = signed.user.name, signed.user.email
        self.is_admin, self.signed_in = signed.user.is_admin, True
        self.email_verified, self.verify_notice = signed.user.email_verified, ""
        self.lang, self._user_id = signed.user.language, signed.user.id
        self._session_id = signed.user.session_id
        next_path = self.router.url.query_parameters.get("next", "")
        return rx.redirect(routes.safe_next(next_path), replace=True)

    # ------------------------------------------------------------ event handlers

    @rx.event
    async def guard(self):
        """on_load of every signed-in page: redirect strangers to the sign-in page."""
        if await self._user() is None:
            return self._to_sign_in()

    @rx.event
    async def guest_only(self):
        """on_load of the sign-in and sign-up pages: a signed-in visitor goes to the dashboard."""
        self.error = ""
        reason = self.router.url.query_parameters.get("reason", "")
        key = SIGN_IN_REASONS.get(reason) if isinstance(reason, str) else None
        self.notice = tr(key, self.lang) if key else ""
        if self.token and await self._user() is not None:
            return rx.redirect(routes.DASHBOARD, replace=True)

    async def _open_session(self, service, *args, **kwargs):
        """Shared by sign-in and sign-up: show progress, call the service, then go on or explain."""
        self.error, self.busy = "", True
        yield
        ip, agent = self._client()
        try:
            signed = await call(service, *args, ip=ip, user_agent=agent, **kwargs)
        except Exception as exc:  # noqa: BLE001 - shown to the user, unexpected ones logged
            self.error = error_text(exc, self.lang)
            return
        finally:
            self.busy = False
        target = await self._after_sign_in(signed)
        if service is auth.register:
            await self._send_verification(signed.user.id)
        yield target

    async def _send_verification(self, user_id: int) -> None:
        """Mails a new verification link; a failure is said in the banner, and the account
        stays as it is (the user can send it again)."""
        try:
            link = await call(auth.verification_link, user_id)
            if link is not None:
                await call(send_account_mail, "verify", link)
                self.verify_notice = tr("verify_mail_sent", self.lang, email=link.email)
        except Exception as exc:  # noqa: BLE001 - shown in the banner, unexpected ones logged
            self.verify_notice = error_text(exc, self.lang)

    @rx.event
    async def sign_in(self, form: dict):
        email, password = form_text(form, "email", 254), form_text(form, "password", 200)
        async for update in self._open_session(auth.sign_in, email, password):
            yield update

    @rx.event
    async def sign_up(self, form: dict):
        email, password = form_text(form, "email", 254), form_text(form, "password", 200)
        name = form_text(form, "name", 200)
        async for update in self._open_session(
            auth.register, email, password, name, language=self.lang
        ):
            yield update

    @rx.event
    def set_show_password(self, show: bool):
        self.show_password = show is True

    @rx.event
    async def sign_out(self):
        if self.token:
            await call(auth.sign_out, self.token)
        await self._end_session(ended=False)
        return rx.redirect(sign_in_url("signed-out"), replace=True)

    @rx.event
    async def resend_verification(self):
        """The banner's "send the link again" (limited per account)."""
        user = await self._user()
        if user is None:
            return self._to_sign_in()
        try:
            link = await call(auth.resend_verification, user)
        except Exception as exc:  # noqa: BLE001 - shown in the banner
            self.verify_notice = error_text(exc, self.lang)
            return None
        if link is None:  # verified meanwhile (another tab, another device)
            self.email_verified, self.verify_notice = True, ""
            return None
        try:
            await call(send_account_mail, "verify", link)
            self.verify_notice = tr("verify_mail_sent", self.lang, email=link.email)
        except Exception as exc:  # noqa: BLE001 - shown in the banner
            self.verify_notice = error_text(exc, self.lang)
        return None

    @rx.event
    async def set_language(self, lang: str):
        """Switches the tab's language (and the account's). Texts made on the server (dates,
        history lines, plan cards, notices…) were made in the old language and are kept in
        the states, so the page's on_load handlers, which load and format everything the page
        shows, run again in the new one (the header's wallet is redrawn by the switch itself,
        layout.CHANGE_LANGUAGE)."""
        if not isinstance(lang, str) or lang not in LANGUAGE_NAMES:
            return None
        user = await self._user() if self.token else None  # it sets lang from the account
        changed, self.lang = self.lang != lang, lang
        if user is not None:
            await call(auth.change_language, user, lang)
        return OnLoadInternalState.on_load_internal if changed else None


# ---------------------------------------------------------------- mailed-link pages


def _link_token(state: rx.State) -> str:
    token = state.router.url.query_parameters.get("token", "")
    return token[:200] if isinstance(token, str) else ""


class VerifyEmailState(rx.State):
    """/verify-email?token=…: uses the link and says what happened."""

    done: bool = False
    ok: bool = False
    message: str = ""

    @rx.event
    async def load(self):
        session = await self.get_state(AuthState)
        self.done, self.ok, self.message = False, False, ""
        yield
        try:
            outcome = await call(auth.verify_email, _link_token(self))
            key = "verify_ok" if outcome == "verified" else "verify_already"
            self.ok, self.message = True, tr(key, session.lang)
        except Exception as exc:  # noqa: BLE001 - invalid, used or expired: said on the page
            self.message = error_text(exc, session.lang)
        self.done = True
        if session.token:
            await session._user()  # the banner goes, the header's name stays right


class ForgotPasswordState(rx.State):
    """/forgot-password: always the same answer, whether or not the address has an account."""

    sent: bool = False
    error: str = ""
    busy: bool = False

    @rx.event
    def load(self):
        self.sent, self.error, self.busy = False, "", False

    @rx.event
    async def request(self, form: dict):
        session = await self.get_state(AuthState)
        self.error, self.busy = "", True
        yield
        ip, _ = session._client()
        try:
            link = await call(auth.request_password_reset, form_text(form, "email", 254), ip=ip)
        except ServiceError as exc:  # too many requests from this address
            self.error = error_text(exc, session.lang)
            return
        finally:
            self.busy = False
        if link is not None:
            _send_later("reset", link)
        self.sent = True


class ResetPasswordState(rx.State):
    """/reset-password?token=…: choose a new password (the same rules as everywhere)."""

    link_error: str = ""
    error: str = ""
    busy: bool = False
    checked: bool = False

    @rx.event
    async def load(self):
        lang = (await self.get_state(AuthState)).lang
        self.error, self.link_error, self.busy, self.checked = "", "", False, False
        try:
            await call(auth.check_reset_link, _link_token(self))
        except Exception as exc:  # noqa: BLE001 - invalid, used or expired: said on the page
            self.link_error = error_text(exc, lang)
        self.checked = True

    @rx.event
    async def save(self, form: dict):
        session = await self.get_state(AuthState)
        new = form_text(form, "new_password", 200)
        if new != form_text(form, "confirm_password", 200):
            self.error = tr("passwords_differ", session.lang)
            return
        self.error, self.busy = "", True
        yield
        try:
            await call(auth.reset_password, _link_token(self), new)
        except ServiceError as exc:
            if exc.code.startswith("link_"):
                self.link_error = error_text(exc, session.lang)
            else:
                self.error = error_text(exc, session.lang)
            return
        except Exception as exc:  # noqa: BLE001 - logged, and a generic message shown
            self.error = error_text(exc, session.lang)
            return
        finally:
            self.busy = False
        if session.token:  # every session of the account has ended, this tab's too
            await session._end_session(ended=False)
        yield rx.redirect(sign_in_url("reset"), replace=True)


@dataclass
class OutboxRow:
    id: int
    recipient: str
    subject: str
    when: str
    text: str
    link: str


LINK = re.compile(r"https?://\S+")


class DevOutboxState(rx.State):
    """/dev/outbox, development without SMTP only: the mail Lumiku would have sent. It shows
    every message (links to verify and to reset passwords included) to anyone who can reach
    this development server; the page does not exist in production or with SMTP."""

    available: bool = False
    rows: list[OutboxRow] = []

    @rx.event
    async def load(self):
        lang = (await self.get_state(AuthState)).lang
        self.available = get_settings().dev_outbox_enabled
        found = await call(mail.outbox) if self.available else []
        self.rows = [
            OutboxRow(
                id=m.id,
                recipient=m.to,
                subject=m.subject,
                when=format_datetime(m.created_at, lang),
                text=m.text,
                link=(LINK.search(m.text) or [""])[0],
            )
            for m in found
        ]
