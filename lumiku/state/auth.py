"""Who is signed in, in this tab: the session token, the language and a summary for the header."""

from __future__ import annotations

from urllib.parse import quote

import reflex as rx

from lumiku import routes
from lumiku.i18n import DEFAULT_LANGUAGE, LANGUAGE_NAMES, tr
from lumiku.services import auth, events
from lumiku.state.base import call, error_text, form_text


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
    _session_ended: bool = False  # set by _user(): the tab had a token that no longer works
    _user_id: int = 0  # whose tab this is now; live updates for anyone else are dropped

    # ------------------------------------------------------------ helpers (not event handlers)

    async def _user(self) -> auth.CurrentUser | None:
        """Re-derives the user from the token on every call, so revocation applies at once."""
        user = await call(auth.resolve, self.token) if self.token else None
        if user is None:
            self._session_ended = bool(self.token)
            self._forget()
        else:
            self._user_id = user.id
            await call(events.remember_tab, user.id, self.router.session.client_token)
            self.user_name, self.user_email = user.name, user.email
            self.is_admin, self.signed_in = user.is_admin, True
            if user.language in LANGUAGE_NAMES:
                self.lang = user.language
        return user

    def _forget(self) -> None:
        self.token, self.user_name, self.user_email = "", "", ""
        self.is_admin = self.signed_in = False
        self._user_id = 0

    def _to_sign_in(self) -> rx.event.EventSpec:
        """After `_user()` found nobody: say whether a session ended or none existed."""
        reason = "expired" if self._session_ended else "required"
        next_path = quote(self.router.url.path or routes.DASHBOARD)
        return rx.redirect(f"{routes.SIGN_IN}?reason={reason}&next={next_path}", replace=True)

    def _client(self) -> tuple[str, str]:
        session = self.router.session
        return session.client_ip or "", self.router.headers.user_agent or ""

    def _after_sign_in(self, signed: auth.SignedIn) -> rx.event.EventSpec:
        self.token = signed.token
        self.user_name, self.user_email = signed.user.name, signed.user.email
        self.is_admin, self.signed_in = signed.user.is_admin, True
        self.lang, self._user_id = signed.user.language, signed.user.id
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
        key = {"expired": "session_ended", "signed-out": "signed_out"}.get(reason)
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
        yield self._after_sign_in(signed)

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
        self._forget()
        return rx.redirect(f"{routes.SIGN_IN}?reason=signed-out", replace=True)

    @rx.event
    async def set_language(self, lang: str):
        if not isinstance(lang, str) or lang not in LANGUAGE_NAMES:
            return
        user = await self._user() if self.token else None  # it sets lang from the account
        self.lang = lang
        if user is not None:
            await call(auth.change_language, user, lang)
