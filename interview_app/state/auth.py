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
from interview_app.services.auth import (
    authenticate,
    create_sign_in_ticket,
    safe_next_path,
    sign_up,
)
from interview_app.services.errors import DomainError, InvalidInputError
from interview_app.services.oidc import (
    AccountLinkConflictError,
    MissingEmailError,
    OidcSignInError,
    UnverifiedEmailError,
)
from interview_app.state.session import SERVICE_UNAVAILABLE_MESSAGE, SessionState, run_in_session
from interview_app.web.oidc import (
    ERROR_ACCOUNT,
    ERROR_CANCELLED,
    ERROR_FAILED,
    ERROR_UNAVAILABLE,
    oidc_configured,
)

logger = logging.getLogger(__name__)

EXPIRED_HANDOFF_MESSAGE = "Your sign-in link expired. Please sign in again."
_OIDC_ERROR_MESSAGES = {
    ERROR_CANCELLED: "Sign-in was cancelled at your identity provider.",
    ERROR_FAILED: "Sign-in with your identity provider did not complete. Please try again.",
    ERROR_UNAVAILABLE: "Your identity provider cannot be reached right now. Please try again "
    "in a moment.",
}
_OIDC_ACCOUNT_MESSAGES = {
    cls.__name__: cls.default_message
    for cls in (UnverifiedEmailError, MissingEmailError, AccountLinkConflictError)
}


def _error_message(query: dict[str, list[str]]) -> str:
    code = query.get("error", [""])[0]
    if code == "expired":
        return EXPIRED_HANDOFF_MESSAGE
    if code == ERROR_ACCOUNT:
        detail = query.get("detail", [""])[0]
        return _OIDC_ACCOUNT_MESSAGES.get(detail, OidcSignInError.default_message)
    return _OIDC_ERROR_MESSAGES.get(code, "")


def _sign_in_and_ticket(*, session: Session, email: str, password: str, next_path: str) -> str:
    user = authenticate(session=session, email=email, password=password)
    return create_sign_in_ticket(session=session, user_id=user.id, next_path=next_path)


def _sign_up_and_ticket(
    *, session: Session, name: str, email: str, password: str, next_path: str
) -> str:
    user = sign_up(session=session, name=name, email=email, password=password)
    return create_sign_in_ticket(session=session, user_id=user.id, next_path=next_path)


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

    @rx.event
    def continue_with_provider(self) -> rx.event.EventSpec:
        """Start sign-in at the identity provider, coming back to the page asked for."""
        return rx.call_script(
            f"window.location.assign({json.dumps(routes.oidc_login_url(self._next_path()))})"
        )

    def _next_path(self) -> str:
        query = parse_qs(urlsplit(str(self.router.url)).query)
        return safe_next_path(query.get("next", [""])[0])

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
        self.submitting = True
        self.field_errors = {}
        self.form_error = ""
        yield
        try:
            ticket = await run_in_session(action, next_path=self._next_path(), **fields)
        except InvalidInputError as error:
            self.field_errors = error.field_errors
        except DomainError as error:
            self.form_error = str(error)
        except Exception:
            logger.exception("Sign-in failed unexpectedly")
            self.form_error = SERVICE_UNAVAILABLE_MESSAGE
        else:
            yield _go_to_handoff(ticket)
            return
        self.submitting = False

    @rx.event
    async def sign_in(self, form_data: dict[str, Any]) -> AsyncIterator[rx.event.EventSpec | None]:
        """Check the email and password, then hand the browser its session cookie."""
        async for update in self._submit(
            _sign_in_and_ticket,
            email=str(form_data.get("email", "")),
            password=str(form_data.get("password", "")),
        ):
            yield update

    @rx.event
    async def sign_up(self, form_data: dict[str, Any]) -> AsyncIterator[rx.event.EventSpec | None]:
        """Create a local account, then sign the new user in."""
        async for update in self._submit(
            _sign_up_and_ticket,
            name=str(form_data.get("name", "")),
            email=str(form_data.get("email", "")),
            password=str(form_data.get("password", "")),
        ):
            yield update
