"""HTTP routes served in front of Reflex: they set and clear the HttpOnly session cookie."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from interview_app import routes
from interview_app.config import get_settings
from interview_app.db import open_session
from interview_app.services.auth import (
    IssuedSession,
    redeem_sign_in_ticket,
    revoke_session,
    user_for_session_token,
)
from interview_app.web.cookies import clear_session_cookie, set_session_cookie
from interview_app.web.interviews import build_interview_routes
from interview_app.web.oidc import OAUTH_STATE_COOKIE, build_oidc_routes


def _redeem(ticket: str) -> IssuedSession | None:
    with open_session() as session:
        return redeem_sign_in_ticket(session=session, ticket=ticket)


async def session_handoff(request: Request) -> Response:
    """Trade a sign-in ticket for the session cookie, then go where the user was headed."""
    ticket = request.query_params.get("ticket", "")
    issued = await run_in_threadpool(_redeem, ticket) if ticket else None
    if issued is None:
        return RedirectResponse(f"{routes.SIGN_IN}?error=expired", status_code=303)
    response = RedirectResponse(issued.next_path, status_code=303)
    set_session_cookie(response, request, issued)
    return response


def _revoke(token: str | None) -> None:
    with open_session() as session:
        revoke_session(session=session, token=token)


async def sign_out(request: Request) -> Response:
    """End the server-side session and clear the cookie."""
    token = request.cookies.get(get_settings().session_cookie_name)
    await run_in_threadpool(_revoke, token)
    response = RedirectResponse(routes.LANDING, status_code=303)
    clear_session_cookie(response, request)
    return response


def _is_signed_in(token: str | None) -> bool:
    with open_session() as session:
        return user_for_session_token(session=session, token=token) is not None


class RequireSignInForAppPages(BaseHTTPMiddleware):
    """Send signed-out page loads under /app to sign-in before any HTML is served.

    Pages check again on load, since later navigation happens in the browser.
    """

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        """Redirect a signed-out GET of an /app page; pass everything else through."""
        path = request.url.path
        is_app_page = path == routes.DASHBOARD or path.startswith(routes.DASHBOARD + "/")
        if request.method == "GET" and is_app_page:
            token = request.cookies.get(get_settings().session_cookie_name)
            if not await run_in_threadpool(_is_signed_in, token):
                target = path + (f"?{request.url.query}" if request.url.query else "")
                return RedirectResponse(routes.sign_in_url(target), status_code=303)
        return await call_next(request)


def build_http_app() -> Starlette:
    """Return the Starlette app that Reflex mounts itself inside.

    Returns:
        The app with the cookie routes and the sign-in guard.
    """
    settings = get_settings()
    return Starlette(
        routes=[
            Route(routes.AUTH_SESSION, session_handoff, methods=["GET"]),
            Route(routes.AUTH_SIGN_OUT, sign_out, methods=["POST"]),
            *build_oidc_routes(),
            *build_interview_routes(),
        ],
        middleware=[
            # Holds only the OAuth state, nonce and PKCE verifier between the two OIDC routes.
            Middleware(
                SessionMiddleware,
                secret_key=settings.resolved_secret_key(),
                session_cookie=OAUTH_STATE_COOKIE,
                max_age=600,
                same_site="lax",
            ),
            Middleware(RequireSignInForAppPages),
        ],
    )
