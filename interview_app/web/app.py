"""HTTP routes and middleware served in front of Reflex.

They set the session cookie, take the sign-in forms' POSTs, and check every request (its
Origin, the sign-in guard for /app pages).

`build_http_app()` is the one place where routes are registered.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs, urlencode, urlsplit

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from interview_app import routes
from interview_app.config import get_settings
from interview_app.db import open_session
from interview_app.health import build_health_routes
from interview_app.http_headers import (
    BROWSER_COOKIE,
    client_address,
    cookie_value,
    is_https,
    is_own_origin,
)
from interview_app.services.accounts.sessions import (
    IssuedSession,
    authenticate,
    redeem_sign_in_ticket,
    revoke_session,
    safe_next_path,
    sign_up,
    start_session,
    user_for_session_token,
)
from interview_app.services.errors import DomainError
from interview_app.web.account import build_account_routes
from interview_app.web.bodies import BodyTooLargeError, read_capped_form
from interview_app.web.cookies import (
    clear_session_cookie,
    new_browser_binding,
    request_is_https,
    set_session_cookie,
)
from interview_app.web.gemini_live import build_gemini_live_routes
from interview_app.web.interviews import build_interview_routes
from interview_app.web.oidc import OAUTH_STATE_COOKIE, build_oidc_routes
from interview_app.web.route_shells import ServeRouteShells
from interview_app.web.speech import build_speech_routes

# The code the sign-in page turns into a message for a failed form POST (state/auth.py).


def _redeem(ticket: str, browser_binding: str | None) -> IssuedSession | None:
    with open_session() as session:
        return redeem_sign_in_ticket(
            session=session, ticket=ticket, browser_binding=browser_binding
        )


async def session_handoff(request: Request) -> Response:
    """Trade a sign-in ticket for the session cookie, then go where the user was headed.

    Only the browser the ticket was issued to (its binding cookie) can redeem it.
    """
    ticket = request.query_params.get("ticket", "")
    binding = request.cookies.get(BROWSER_COOKIE)
    issued = await run_in_threadpool(_redeem, ticket, binding) if ticket else None
    if issued is None:
        return RedirectResponse(f"{routes.SIGN_IN}?error=expired", status_code=303)
    response = RedirectResponse(issued.next_path, status_code=303)
    set_session_cookie(response, request, issued)
    return response


def _next_from_form(request: Request, form_next: object) -> str:
    # Without JavaScript the form cannot copy `?next=` into a field; the page's own URL
    # (the Referer of a same-origin POST) still has it.
    if isinstance(form_next, str) and form_next:
        return safe_next_path(form_next)
    referer_query = parse_qs(urlsplit(request.headers.get("referer", "")).query)
    return safe_next_path(referer_query.get("next", [""])[0])


def _sign_in_with_password(
    email: str, password: str, next_path: str, address: str | None
) -> IssuedSession:
    with open_session() as session:
        user = authenticate(session=session, email=email, password=password, client_address=address)
        return start_session(session=session, user_id=user.id, next_path=next_path)


def _sign_up_with_password(name: str, email: str, password: str, next_path: str) -> IssuedSession:
    with open_session() as session:
        user = sign_up(session=session, name=name, email=email, password=password)
        return start_session(session=session, user_id=user.id, next_path=next_path)


def _request_address(request: Request) -> str | None:
    if request.client is None:
        return None
    return client_address(request.client.host, request.headers.get("x-forwarded-for", ""))


def _back_to_form(form_path: str, error: DomainError, next_path: str) -> Response:
    query = {"error": routes.ERROR_FORM, "detail": type(error).__name__, "next": next_path}
    return RedirectResponse(f"{form_path}?{urlencode(query)}", status_code=303)


async def sign_in_form_post(request: Request) -> Response:
    """Sign in from the form posted without JavaScript: the password never goes in a URL.

    With JavaScript the page signs in through its Reflex event instead; both end with
    the same HttpOnly session cookie.
    """
    try:
        form = await read_capped_form(request)
    except BodyTooLargeError:
        return PlainTextResponse("The form is too large.", status_code=413)
    next_path = _next_from_form(request, form.get("next"))
    try:
        issued = await run_in_threadpool(
            _sign_in_with_password,
            str(form.get("email", "")),
            str(form.get("password", "")),
            next_path,
            _request_address(request),
        )
    except DomainError as error:
        return _back_to_form(routes.SIGN_IN, error, next_path)
    response = RedirectResponse(issued.next_path, status_code=303)
    set_session_cookie(response, request, issued)
    return response


async def sign_up_form_post(request: Request) -> Response:
    """Create an account from the form posted without JavaScript, then sign in."""
    try:
        form = await read_capped_form(request)
    except BodyTooLargeError:
        return PlainTextResponse("The form is too large.", status_code=413)
    next_path = _next_from_form(request, form.get("next"))
    try:
        issued = await run_in_threadpool(
            _sign_up_with_password,
            str(form.get("name", "")),
            str(form.get("email", "")),
            str(form.get("password", "")),
            next_path,
        )
    except DomainError as error:
        return _back_to_form(routes.SIGN_UP, error, next_path)
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


class RefuseForeignOrigins:
    """Refuse every request whose browser Origin is not the app's own (SPEC §8).

    Browsers send Origin with cross-site fetches, form POSTs and websocket handshakes,
    so this is what stops another site from driving the event socket or posting to the
    sign-in routes. Requests without an Origin (navigations, non-browser clients) pass.
    """

    def __init__(self, app: ASGIApp) -> None:
        """Wrap the app."""
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer 403 to a request from a foreign origin; pass everything else on."""
        if scope["type"] in ("http", "websocket"):
            headers = Headers(scope=scope)
            origin = headers.get("origin")
            if origin is not None and not is_own_origin(origin, headers.get("host", "")):
                if scope["type"] == "websocket":
                    # Closing before accepting makes the server answer the handshake 403.
                    await send({"type": "websocket.close", "code": 1008})
                    return
                response = PlainTextResponse("This origin may not use this app.", 403)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


# Reflex's upload endpoint (`rx.upload`), which only the résumés page uses.
REFLEX_UPLOAD_PATH = "/_upload"
# Room for the multipart framing around the file (boundaries, headers, the event's args).
_UPLOAD_OVERHEAD_BYTES = 64_000


class CapUploadBodies:
    """Refuse an upload larger than a résumé may be before Reflex spools it to disk.

    Reflex reads an upload's whole body into temporary files before its handler runs, and
    sets no limit of its own. The browser refuses large files before sending them; this
    holds for any other client: a declared `Content-Length` over the cap gets 413, and a
    body that grows past it anyway is cut off (Reflex then drops the request).
    """

    def __init__(self, app: ASGIApp) -> None:
        """Wrap the app."""
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass requests through, counting the bytes of an upload's body."""
        if scope["type"] != "http" or not scope["path"].endswith(REFLEX_UPLOAD_PATH):
            await self.app(scope, receive, send)
            return
        limit = get_settings().resume_max_bytes + _UPLOAD_OVERHEAD_BYTES
        declared = Headers(scope=scope).get("content-length", "").strip()
        if declared and (not declared.isdigit() or int(declared) > limit):
            response = PlainTextResponse("This file is too large.", 413)
            await response(scope, receive, send)
            return
        received = 0

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    return {"type": "http.disconnect"}
            return message

        await self.app(scope, counted_receive, send)


# No frames or plugins, no <base> or form posts elsewhere, no inline event handlers: what
# markup injected into a page (a model's feedback, a pasted job description) would need.
# Scripts and styles stay as the framework serves them (its pages carry inline scripts).
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "frame-src 'none'",
        "child-src 'none'",
        "object-src 'none'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "script-src-attr 'none'",
    )
)


def _editing_response_headers(send: Send, edit: Callable[[MutableHeaders], None]) -> Send:
    """Wrap an ASGI `send` so that `edit` changes the headers of the response's start."""

    async def send_edited(message: Message) -> None:
        if message["type"] == "http.response.start":
            edit(MutableHeaders(scope=message))
        await send(message)

    return send_edited


def _add_security_headers(headers: MutableHeaders) -> None:
    headers.setdefault("content-security-policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("x-content-type-options", "nosniff")


class SendSecurityHeaders:
    """Put the Content-Security-Policy (and no MIME sniffing) on every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        """Wrap the app."""
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Add the headers to the response's start, unless the route set its own."""
        if scope["type"] == "http":
            send = _editing_response_headers(send, _add_security_headers)
        await self.app(scope, receive, send)


# Vite names each file of a build's /assets/ after a digest of its content, so such a file
# never changes: browsers keep it a year without asking again. Everything else (pages,
# app.css, icons) is revalidated on each use, so a new build shows at once.
HASHED_ASSETS_PREFIX = "/assets/"
CACHE_IMMUTABLE = "public, max-age=31536000, immutable"
CACHE_REVALIDATE = "no-cache"


class SendCacheHeaders:
    """Let browsers keep hashed build files for good and revalidate everything else."""

    def __init__(self, app: ASGIApp) -> None:
        """Wrap the app."""
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Add `Cache-Control` to a successful GET's response, unless the route set one."""
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        hashed = scope["path"].startswith(HASHED_ASSETS_PREFIX)

        async def send_with_cache_control(message: Message) -> None:
            if message["type"] == "http.response.start":
                # An error (a file of an older build, say) must not be kept for a year.
                keep = hashed and message["status"] == 200
                policy = CACHE_IMMUTABLE if keep else CACHE_REVALIDATE
                MutableHeaders(scope=message).setdefault("cache-control", policy)
            await send(message)

        await self.app(scope, receive, send_with_cache_control)


class GiveEachBrowserABinding:
    """Set the HttpOnly cookie that binds sign-in tickets to a browser, once per browser."""

    def __init__(self, app: ASGIApp) -> None:
        """Wrap the app."""
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Add the binding cookie to a response when the browser does not have one yet."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_headers = Headers(scope=scope)
        if cookie_value(request_headers.get("cookie"), BROWSER_COOKIE):
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        secure = is_https(scope.get("scheme", "http"), client[0] if client else "", request_headers)
        cookie = f"{BROWSER_COOKIE}={new_browser_binding()}; Path=/; HttpOnly; SameSite=Lax"
        cookie += "; Secure" if secure else ""
        send = _editing_response_headers(send, lambda headers: headers.append("set-cookie", cookie))
        await self.app(scope, receive, send)


class OAuthStateSessions:
    """Starlette's session middleware for the OAuth state, `Secure` when served over https."""

    def __init__(self, app: ASGIApp, secret_key: str) -> None:
        """Build the two variants once; each request picks by its scheme."""
        options = {
            "secret_key": secret_key,
            "session_cookie": OAUTH_STATE_COOKIE,
            "max_age": 600,
            "same_site": "lax",
        }
        self.plain = SessionMiddleware(app, https_only=False, **options)
        self.secure = SessionMiddleware(app, https_only=True, **options)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Hand the request to the variant that matches how the browser reached us."""
        if scope["type"] == "http" and request_is_https(Request(scope)):
            await self.secure(scope, receive, send)
        else:
            await self.plain(scope, receive, send)


def build_http_app() -> Starlette:
    """Return the Starlette app that Reflex mounts itself inside.

    Returns:
        The app with the cookie and form routes, the origin check and the sign-in guard.
    """
    settings = get_settings()
    return Starlette(
        routes=[
            Route(routes.AUTH_SESSION, session_handoff, methods=["GET"]),
            Route(routes.AUTH_SIGN_IN, sign_in_form_post, methods=["POST"]),
            Route(routes.AUTH_SIGN_UP, sign_up_form_post, methods=["POST"]),
            Route(routes.AUTH_SIGN_OUT, sign_out, methods=["POST"]),
            *build_oidc_routes(),
            *build_interview_routes(),
            *build_account_routes(),
            *build_gemini_live_routes(),
            *build_speech_routes(),
            *build_health_routes(),
        ],
        middleware=[
            Middleware(SendSecurityHeaders),
            Middleware(SendCacheHeaders),
            Middleware(RefuseForeignOrigins),
            Middleware(CapUploadBodies),
            Middleware(GiveEachBrowserABinding),
            # Holds only the OAuth state, nonce and PKCE verifier between the two OIDC routes.
            Middleware(OAuthStateSessions, secret_key=settings.resolved_secret_key()),
            Middleware(RequireSignInForAppPages),
            # Innermost: a signed-out visitor is sent to sign in before any page is served.
            Middleware(ServeRouteShells),
        ],
    )
