"""The base state every feature state inherits: who is signed in, from the server side."""

from __future__ import annotations

import dataclasses
import logging
import uuid
from collections.abc import Callable
from typing import Any, Generic, TypeVar
from urllib.parse import urlsplit

import reflex as rx
from sqlmodel import Session

from interview_app import routes
from interview_app.config import get_settings
from interview_app.db import run_in_session
from interview_app.http_headers import client_address, cookie_value
from interview_app.services.accounts.sessions import user_for_session_token
from interview_app.services.errors import DomainError

T = TypeVar("T")

logger = logging.getLogger(__name__)

SERVICE_UNAVAILABLE_MESSAGE = "Something went wrong on our side. Please try again in a moment."


@dataclasses.dataclass(frozen=True, slots=True)
class ServiceOutcome(Generic[T]):
    """What became of a service call made for the signed-in user (`_run_for_user`).

    Attributes:
        succeeded: The service returned `value`.
        value: What the service returned (None also when it did not succeed).
        sign_in: Nobody is signed in: the redirect to the sign-in page.
        error: The service refused; its message is safe to show.
        failed: The call failed unexpectedly (already logged; the page shows
            `SERVICE_UNAVAILABLE_MESSAGE`).
    """

    succeeded: bool = False
    value: T | None = None
    sign_in: rx.event.EventSpec | None = None
    error: DomainError | None = None
    failed: bool = False


def _signed_in_user(*, session: Session, token: str | None) -> tuple[uuid.UUID, str, str] | None:
    user = user_for_session_token(session=session, token=token)
    return (user.id, user.name, user.email) if user is not None else None


class SessionState(rx.State):
    """Resolves the signed-in user from the HttpOnly session cookie on each event.

    The browser never sends an identity: the cookie travels in the websocket handshake,
    and every event looks its session up again, so a revoked session stops at once.
    """

    user_name: str = ""
    user_email: str = ""
    signed_in: bool = False

    def _session_token(self) -> str | None:
        return cookie_value(self.router.headers.cookie, get_settings().session_cookie_name)

    def _client_address(self) -> str:
        headers = self.router.headers.raw_headers
        peer = headers.get("asgi-scope-client", "") or self.router.session.client_ip
        return client_address(peer, headers.get("x-forwarded-for", ""))

    async def _current_user_id(self) -> uuid.UUID | None:
        # One look-up per event, which also keeps the top bar's name current.
        found = await run_in_session(_signed_in_user, token=self._session_token())
        shown = await self.get_state(SessionState)
        shown.signed_in = found is not None
        shown.user_name, shown.user_email = (found[1], found[2]) if found else ("", "")
        return found[0] if found else None

    def _current_path(self) -> str:
        parts = urlsplit(str(self.router.url))
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def _sign_in_redirect(self) -> rx.event.EventSpec:
        return rx.redirect(routes.sign_in_url(self._current_path()), replace=True)

    async def _run_for_user(
        self, function: Callable[..., T], /, *, action: str, **kwargs: Any
    ) -> ServiceOutcome[T]:
        """Run a service function as the signed-in user: the prelude every event shares.

        Looks the user up from the session cookie (never from arguments), runs the
        function off the event loop with a fresh database session, and sorts the outcome:
        no user, a refusal (`DomainError`), an unexpected failure (logged with `action`,
        never shown), or the value.

        Args:
            function: A service function taking `session` and `user_id` as keywords.
            action: What the call does, for the log ("Saving a job info").
            **kwargs: Its other keyword arguments.

        Returns:
            The outcome.
        """
        user_id = await self._current_user_id()
        if user_id is None:
            return ServiceOutcome(sign_in=self._sign_in_redirect())
        try:
            value = await run_in_session(function, user_id=user_id, **kwargs)
        except DomainError as error:
            return ServiceOutcome(error=error)
        except Exception:
            logger.exception("%s failed unexpectedly", action)
            return ServiceOutcome(failed=True)
        return ServiceOutcome(succeeded=True, value=value)

    @rx.event
    async def load_user(self) -> None:
        """Refresh who is signed in, for pages that load nothing else."""
        await self._current_user_id()
