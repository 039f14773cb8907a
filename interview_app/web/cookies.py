"""The HttpOnly session cookie: the only thing the browser keeps of a sign-in."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from interview_app.config import get_settings
from interview_app.services.auth import IssuedSession


def is_https(request: Request) -> bool:
    """Tell whether the browser reached us over https (directly or through a proxy)."""
    forwarded = request.headers.get("x-forwarded-proto", "")
    return request.url.scheme == "https" or forwarded.split(",")[0].strip() == "https"


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
        secure=is_https(request),
    )
    response.headers["Cache-Control"] = "no-store"


def clear_session_cookie(response: Response, request: Request) -> None:
    """Remove the session cookie from the browser."""
    response.delete_cookie(
        get_settings().session_cookie_name,
        path="/",
        httponly=True,
        samesite="lax",
        secure=is_https(request),
    )
