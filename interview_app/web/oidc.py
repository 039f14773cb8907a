"""OpenID Connect sign-in routes (authlib's Starlette client): start, and callback.

Discovery happens on the first sign-in, never at start-up, so a provider outage cannot
stop the app; every failure ends on the sign-in page with a message code.
"""

from __future__ import annotations

import logging
import secrets
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import httpx2
from authlib.integrations.starlette_client import OAuth, OAuthError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from interview_app import routes
from interview_app.config import Settings, get_settings
from interview_app.db import open_session
from interview_app.http_headers import is_own_origin
from interview_app.services.accounts.oidc import (
    InvalidIdTokenError,
    OidcIdentity,
    OidcSignInError,
    check_id_token_claims,
    oidc_configured,
    sign_in_with_oidc,
)
from interview_app.services.accounts.sessions import IssuedSession, safe_next_path, start_session
from interview_app.web.cookies import set_session_cookie

logger = logging.getLogger(__name__)

OAUTH_STATE_COOKIE = "interview_oauth_state"
_NEXT_KEY = "oidc_next"
_NONCES_KEY = "oidc_nonces"
# Sign-ins a browser may have pending at once (several tabs); older nonces are dropped.
_MAX_PENDING_NONCES = 5

# Codes the sign-in page turns into messages (see state/auth.py).
# authlib talks HTTP through httpx2 when it is installed (google-genai brings it), else httpx.
_HTTP_ERRORS = (httpx.HTTPError, httpx2.HTTPError)


def _back_to_sign_in(code: str, detail: str | None = None) -> Response:
    query = {"error": code, **({"detail": detail} if detail else {})}
    return RedirectResponse(f"{routes.SIGN_IN}?{urlencode(query)}", status_code=303)


class OidcRoutes:
    """The two routes of the authorization code flow, bound to one provider."""

    def __init__(self, settings: Settings) -> None:
        """Register the provider with authlib (no network until the first sign-in)."""
        issuer = settings.oidc_issuer or ""
        self.issuer = issuer
        self.client_id = settings.oidc_client_id or ""
        self.oauth = OAuth()
        self.client = self.oauth.register(
            name="oidc",
            client_id=settings.oidc_client_id,
            client_secret=settings.oidc_client_secret,
            server_metadata_url=f"{issuer.rstrip('/')}/.well-known/openid-configuration",
            client_kwargs={"scope": "openid email profile", "code_challenge_method": "S256"},
            timeout=10,
        )

    async def login(self, request: Request) -> Response:
        """Send the browser to the provider with a fresh state, nonce and PKCE verifier."""
        request.session[_NEXT_KEY] = safe_next_path(
            request.query_params.get("next") or _next_from_sign_in_page(request)
        )
        # Our own nonce, remembered here, so the callback can check it without relying on
        # how authlib lays out its state data.
        nonce = secrets.token_urlsafe(24)
        pending = request.session.get(_NONCES_KEY, [])[-(_MAX_PENDING_NONCES - 1) :]
        request.session[_NONCES_KEY] = [*pending, nonce]
        callback_url = str(request.url_for("oidc_callback"))
        try:
            return await self.client.authorize_redirect(request, callback_url, nonce=nonce)
        except (*_HTTP_ERRORS, OAuthError, ValueError, KeyError):
            logger.warning("The identity provider's discovery document is unreachable")
            return _back_to_sign_in(routes.ERROR_OIDC_UNAVAILABLE)

    async def callback(self, request: Request) -> Response:
        """Finish the sign-in: exchange the code, check the ID token, start a session."""
        if request.query_params.get("error") == "access_denied":
            return _back_to_sign_in(routes.ERROR_OIDC_CANCELLED)
        try:
            token = await self.client.authorize_access_token(request)
        except OAuthError as error:
            logger.info("OIDC callback refused: %s", error.error)
            return _back_to_sign_in(routes.ERROR_OIDC_FAILED)
        except _HTTP_ERRORS:
            logger.warning("The identity provider did not answer the token request")
            return _back_to_sign_in(routes.ERROR_OIDC_UNAVAILABLE)
        claims = token.get("userinfo")
        if not claims:
            return _back_to_sign_in(routes.ERROR_OIDC_FAILED)
        next_path = safe_next_path(request.session.pop(_NEXT_KEY, None))
        pending = request.session.get(_NONCES_KEY, [])
        nonce = claims.get("nonce") if claims.get("nonce") in pending else None
        # A nonce works once; other tabs' pending sign-ins keep theirs.
        request.session[_NONCES_KEY] = [item for item in pending if item != nonce]
        try:
            identity = check_id_token_claims(
                claims,
                issuer=await self._discovered_issuer(),
                client_id=self.client_id,
                nonce=nonce,
            )
            issued = await run_in_threadpool(_sign_in, identity, next_path)
        except OidcSignInError as error:
            return _back_to_sign_in(routes.ERROR_OIDC_ACCOUNT, type(error).__name__)
        response = RedirectResponse(issued.next_path, status_code=303)
        set_session_cookie(response, request, issued)
        return response

    async def _discovered_issuer(self) -> str:
        """The issuer exactly as discovery announced it (Auth0's ends in "/").

        Raises:
            InvalidIdTokenError: Discovery names another issuer than the one configured.
        """
        metadata = await self.client.load_server_metadata()
        announced = metadata.get("issuer")
        if not isinstance(announced, str) or announced.rstrip("/") != self.issuer.rstrip("/"):
            raise InvalidIdTokenError()
        return announced

    def routes(self) -> list[Route]:
        """The Starlette routes for these handlers."""
        return [
            Route(routes.OIDC_LOGIN, self.login, methods=["GET"]),
            Route(routes.OIDC_CALLBACK, self.callback, methods=["GET"], name="oidc_callback"),
        ]


def _next_from_sign_in_page(request: Request) -> str | None:
    # The sign-in page's link carries `next` only once its JavaScript has run; a click
    # before that (or without JavaScript) still came from our page, whose address has it.
    referer = urlsplit(request.headers.get("referer", ""))
    if not referer.scheme or not is_own_origin(
        f"{referer.scheme}://{referer.netloc}", request.headers.get("host", "")
    ):
        return None
    return parse_qs(referer.query).get("next", [None])[0]


def _sign_in(identity: OidcIdentity, next_path: str) -> IssuedSession:
    with open_session() as session:
        user = sign_in_with_oidc(session=session, identity=identity)
        return start_session(session=session, user_id=user.id, next_path=next_path)


def build_oidc_routes() -> list[Route]:
    """Return the OIDC routes, or none when OIDC is not configured."""
    settings = get_settings()
    return OidcRoutes(settings).routes() if oidc_configured(settings) else []
