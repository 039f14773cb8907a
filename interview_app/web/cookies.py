"""The browser's cookies: the HttpOnly session cookie, whose it is, and the browser binding.

Reading cookies is `interview_app.http_headers.cookie_value`; here they are set and cleared.
"""

from __future__ import annotations

import secrets
import uuid

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from interview_app.config import get_settings
from interview_app.db import open_session
from interview_app.http_headers import is_https
from interview_app.services.accounts.sessions import IssuedSession, user_for_session_token


def new_browser_binding() -> str:
    """Return a fresh value for the browser binding cookie."""
    return secrets.token_urlsafe(32)


def request_is_https(request: Request) -> bool:
    """Tell whether the browser reached us over https (a trusted proxy may say so)."""
    peer = request.client.host if request.client else ""
    return is_https(request.url.scheme, peer, request.headers)


def set_session_cookie(response: Response, request: Request, issued: IssuedSession) -> None:
    """Put a session token in the HttpOnly cookie that identifies the browser.

    Args:
        response: The response to add the cookie to.
        request: The request, to tell whether the site is served over https.
        issued: The session just created.
    """
    settings = get_settings()
    response.set_cookie(
        settings.session_cookie_name,
        issued.token,
        max_age=settings.session_lifetime_days * 86_400,
        path="/",
        httponly=True,
        samesite="lax",
        secure=request_is_https(request),
    )
    response.headers["Cache-Control"] = "no-store"


def clear_session_cookie(response: Response, request: Request) -> None:
    """Remove the session cookie from the browser."""
    response.delete_cookie(
        get_settings().session_cookie_name,
        path="/",
        httponly=True,
        samesite="lax",
        secure=request_is_https(request),
    )


def _user_id(token: str | None) -> uuid.UUID | None:
    with open_session() as session:
        user = user_for_session_token(session=session, token=token)
        return user.id if user is not None else None


async def signed_in_user_id(request: Request) -> uuid.UUID | None:
    """Return the user of the request's session cookie, or None when not signed in."""
    token = request.cookies.get(get_settings().session_cookie_name)
    return await run_in_threadpool(_user_id, token) if token else None
