"""The browser's cookies: the HttpOnly session cookie and the browser binding.

Every reader of the Cookie header (HTTP routes and Reflex events alike) parses it with
Starlette's lenient parser, so one malformed cookie from another app on the same host
cannot hide ours from some readers and not from others.
"""

from __future__ import annotations

import secrets

from starlette.requests import Request, cookie_parser
from starlette.responses import Response

from interview_app.config import get_settings
from interview_app.services.auth import IssuedSession
from interview_app.web.network import is_https

# A random value per browser, readable by no script: a sign-in ticket is issued to the
# browser that holds it, and only that browser can redeem it.
BROWSER_COOKIE = "interview_browser"


def cookie_value(raw_cookie_header: str | None, name: str) -> str | None:
    """Return one cookie from a raw Cookie header, whatever else the header holds.

    Args:
        raw_cookie_header: The Cookie header as the browser sent it.
        name: The cookie's name.

    Returns:
        Its value, or None when absent or empty.
    """
    if not raw_cookie_header:
        return None
    return cookie_parser(raw_cookie_header).get(name) or None


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
