"""Sign-in and sign-up forms."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import reflex as rx
from sqlmodel import Session

from interview_app import routes
from interview_app.config import get_settings
from interview_app.http_headers import BROWSER_COOKIE, cookie_value
from interview_app.services.accounts.oidc import (
    AccountLinkConflictError,
    MissingEmailError,
    OidcSignInError,
    UnverifiedEmailError,
    oidc_configured,
)
from interview_app.services.accounts.sessions import (
    authenticate,
    create_sign_in_ticket,
    safe_next_path,
    sign_up,
)
from interview_app.services.errors import (
    AccountExistsError,
    DomainError,
    InvalidCredentialsError,
    InvalidInputError,
    SignUpDisabledError,
    TooManyAttemptsError,
)
from interview_app.state.session import SERVICE_UNAVAILABLE_MESSAGE, SessionState, run_in_session

logger = logging.getLogger(__name__)

EXPIRED_HANDOFF_MESSAGE = "Your sign-in link expired. Please sign in again."
COOKIES_NEEDED_MESSAGE = (
    "Signing in needs cookies for this site. Please allow them and reload the page."
)
_OIDC_ERROR_MESSAGES = {
    routes.ERROR_OIDC_CANCELLED: "Sign-in was cancelled at your identity provider.",
    routes.ERROR_OIDC_FAILED: (
        "Sign-in with your identity provider did not complete. Please try again."
    ),
    routes.ERROR_OIDC_UNAVAILABLE: (
        "Your identity provider cannot be reached right now. Please try again in a moment."
    ),
}
# Why a form posted without JavaScript came back (web/app.py); fixed texts, so a link
# cannot put words of its own on the page.
_FORM_ERROR_MESSAGES = {
    cls.__name__: cls.default_message
    for cls in (
        InvalidCredentialsError,
        TooManyAttemptsError,
        AccountExistsError,
        SignUpDisabledError,
    )
} | {
    InvalidInputError.__name__: "Please check the form: a name, a valid email address, and a "
    "password of 8 to 128 characters."
}
_OIDC_ACCOUNT_MESSAGES = {
    cls.__name__: cls.default_message
    for cls in (UnverifiedEmailError, MissingEmailError, AccountLinkConflictError)
}


def _error_message(query: dict[str, list[str]]) -> str:
    code = query.get("error", [""])[0]
    if code == "expired":
        return EXPIRED_HANDOFF_MESSAGE
    if code == routes.ERROR_FORM:
        detail = query.get("detail", [""])[0]
        return _FORM_ERROR_MESSAGES.get(detail, SERVICE_UNAVAILABLE_MESSAGE)
    if code == routes.ERROR_OIDC_ACCOUNT:
        detail = query.get("detail", [""])[0]
        return _OIDC_ACCOUNT_MESSAGES.get(detail, OidcSignInError.default_message)
    return _OIDC_ERROR_MESSAGES.get(code, "")


def _sign_in_and_ticket(
    *,
    session: Session,
    email: str,
    password: str,
    next_path: str,
    browser_binding: str,
    client_address: str,
) -> str:
    user = authenticate(
        session=session, email=email, password=password, client_address=client_address
    )
    return create_sign_in_ticket(
        session=session, user_id=user.id, next_path=next_path, browser_binding=browser_binding
    )


def _sign_up_and_ticket(
    *,
    session: Session,
    name: str,
    email: str,
    password: str,
    next_path: str,
    browser_binding: str,
    client_address: str,
) -> str:
    del client_address  # sign-up is not throttled per address
    user = sign_up(session=session, name=name, email=email, password=password)
    return create_sign_in_ticket(
        session=session, user_id=user.id, next_path=next_path, browser_binding=browser_binding
    )


def _go_to_handoff(ticket: str) -> rx.event.EventSpec:
    # A full page load, not in-app navigation: the HTTP route must set the cookie, and the
    # next websocket must carry it.
    return rx.call_script(
        f"window.location.assign({json.dumps(routes.session_handoff_url(ticket))})"
    )


class AuthFormState(SessionState):
    """Holds what the sign-in and sign-up forms show besides the typed values."""

    field_errors: dict[str, str] = {}
    form_error: str = ""
    submitting: bool = False

    @rx.var
    def oidc_enabled(self) -> bool:
        """Whether sign-in through an identity provider is configured."""
        return oidc_configured(get_settings())

    @rx.var
    def oidc_provider_name(self) -> str:
        """The provider's name on the "Continue with" button."""
        return get_settings().oidc_provider_name

    @rx.var
    def local_sign_up_enabled(self) -> bool:
        """Whether people may create email and password accounts."""
        return get_settings().local_sign_up_enabled

    @rx.var
    def oidc_login_href(self) -> str:
        """Where "Continue with" leads: sign-in at the provider, back to the page asked for.

        A plain link, so that it works before the page's JavaScript has loaded (a button in
        the sign-in form would submit the form instead). Before that the link has no `next`,
        and the login route takes it from the page's address (its Referer).
        """
        return routes.oidc_login_url(self._next_path() if self._requested_next() else None)

    def _requested_next(self) -> str:
        return parse_qs(urlsplit(str(self.router.url)).query).get("next", [""])[0]

    def _next_path(self) -> str:
        return safe_next_path(self._requested_next())

    @rx.event
    async def open_form(self) -> rx.event.EventSpec | None:
        """Reset the form; a visitor who is already signed in goes on to the app."""
        self.field_errors = {}
        self.submitting = False
        self.form_error = _error_message(parse_qs(urlsplit(str(self.router.url)).query))
        if await self._current_user_id() is not None:
            return rx.redirect(self._next_path(), replace=True)
        return None

    async def _submit(self, action: Any, **fields: str) -> AsyncIterator[rx.event.EventSpec | None]:
        # A background event: the password hash (slow on purpose) runs without holding
        # this state's lock, which Redis would otherwise expire under load.
        async with self:
            if self.submitting:
                return
            self.submitting = True
            self.field_errors = {}
            self.form_error = ""
            next_path = self._next_path()
            browser_binding = cookie_value(self.router.headers.cookie, BROWSER_COOKIE)
            address = self._client_address()
        if not browser_binding:
            async with self:
                self.form_error = COOKIES_NEEDED_MESSAGE
                self.submitting = False
            return
        field_errors: dict[str, str] = {}
        form_error = ""
        try:
            ticket = await run_in_session(
                action,
                next_path=next_path,
                browser_binding=browser_binding,
                client_address=address,
                **fields,
            )
        except InvalidInputError as error:
            field_errors = error.field_errors
        except DomainError as error:
            form_error = str(error)
        except Exception:
            logger.exception("Sign-in failed unexpectedly")
            form_error = SERVICE_UNAVAILABLE_MESSAGE
        else:
            yield _go_to_handoff(ticket)
            return
        async with self:
            self.field_errors = field_errors
            self.form_error = form_error
            self.submitting = False

    @rx.event(background=True)
    async def sign_in(self, form_data: dict[str, Any]) -> AsyncIterator[rx.event.EventSpec | None]:
        """Check the email and password, then hand the browser its session cookie."""
        async for update in self._submit(
            _sign_in_and_ticket,
            email=str(form_data.get("email", "")),
            password=str(form_data.get("password", "")),
        ):
            yield update

    @rx.event(background=True)
    async def sign_up(self, form_data: dict[str, Any]) -> AsyncIterator[rx.event.EventSpec | None]:
        """Create a local account, then sign the new user in."""
        async for update in self._submit(
            _sign_up_and_ticket,
            name=str(form_data.get("name", "")),
            email=str(form_data.get("email", "")),
            password=str(form_data.get("password", "")),
        ):
            yield update
