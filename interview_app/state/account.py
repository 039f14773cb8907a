"""The account page: download everything, or delete the account after proving it is you."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import reflex as rx

from interview_app import routes
from interview_app.services.accounts.deletion import delete_own_account
from interview_app.services.accounts.users import get_user
from interview_app.services.errors import InvalidCredentialsError
from interview_app.state.session import SERVICE_UNAVAILABLE_MESSAGE, SessionState

WRONG_PASSWORD_MESSAGE = "That is not your password."


class AccountState(SessionState):
    """What the account page shows; the services check who asks."""

    has_password: bool = True
    loaded: bool = False
    password_error: str = ""
    form_error: str = ""
    deleting: bool = False

    @rx.event
    async def load_account(self) -> rx.event.EventSpec | None:
        """Show the page of the signed-in user."""
        self.password_error, self.form_error, self.deleting = "", "", False
        outcome = await self._run_for_user(get_user, action="Opening the account page")
        if outcome.sign_in is not None:
            return outcome.sign_in
        if outcome.value is not None:
            self.has_password = outcome.value.password_hash is not None
        self.loaded = True
        return None

    @rx.event
    async def delete_account(
        self, form_data: dict[str, Any]
    ) -> AsyncIterator[rx.event.EventSpec | None]:
        """Delete the account and everything in it, once the password (or a fresh sign-in) says so.

        Args:
            form_data: `password`, for accounts that have one.
        """
        if self.deleting:
            return
        self.deleting, self.password_error, self.form_error = True, "", ""
        yield
        password = form_data.get("password") if isinstance(form_data, dict) else None
        outcome = await self._run_for_user(
            delete_own_account,
            action="Deleting an account",
            password=password if isinstance(password, str) else "",
            session_token=self._session_token(),
            client_address=self._client_address(),
        )
        self.deleting = False
        if outcome.sign_in is not None:
            yield outcome.sign_in
        elif isinstance(outcome.error, InvalidCredentialsError):
            self.password_error = WRONG_PASSWORD_MESSAGE
        elif outcome.error is not None:
            self.form_error = str(outcome.error)
        elif outcome.failed:
            self.form_error = SERVICE_UNAVAILABLE_MESSAGE
        else:
            self.signed_in, self.user_name, self.user_email = False, "", ""
            yield rx.redirect(routes.LANDING, replace=True)
