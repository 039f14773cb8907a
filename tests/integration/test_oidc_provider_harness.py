"""The OpenID Connect test provider works: a real code + PKCE flow in Chromium, checked by authlib.

Needs Node.js (with npm, for the first run) and Debian's Chromium; no app, no database.
"""

from __future__ import annotations

import contextlib
import queue
import secrets
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest
from authlib.common.security import generate_token
from authlib.integrations.httpx_client import OAuth2Client, OAuthError
from authlib.oidc.core import CodeIDToken
from joserfc import jwt
from joserfc.errors import InvalidClaimError
from joserfc.jwk import KeySet
from playwright.sync_api import Browser

from tests.support_oidc import cancel_provider_login, complete_provider_login, oidc_provider

# Every test here talks to the Node.js provider (no fixture of tests/conftest.py says so).
pytestmark = pytest.mark.server
CLIENT_ID = "harness-client"
CLIENT_SECRET = secrets.token_urlsafe(24)
SCOPE = "openid email profile"
CALLBACK_TIMEOUT = 30


class Callback:
    """A loopback HTTP listener that stands in for the client's redirect URI."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.received: queue.Queue[str] = queue.Queue()

    def forget_earlier(self) -> None:
        with contextlib.suppress(queue.Empty):
            while True:
                self.received.get_nowait()

    def next_query(self) -> dict[str, str]:
        raw = self.received.get(timeout=CALLBACK_TIMEOUT)
        parsed = parse_qs(raw, keep_blank_values=True)
        assert all(len(values) == 1 for values in parsed.values()), raw
        return {key: values[0] for key, values in parsed.items()}


@contextlib.contextmanager
def callback_listener() -> Iterator[Callback]:
    callback: Callback

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            if parts.path != "/callback":
                self.send_error(404)
                return
            callback.received.put(parts.query)
            body = b"<!doctype html><title>callback</title><p>received</p>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    callback = Callback(f"http://127.0.0.1:{server.server_address[1]}/callback")
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.daemon = True
    thread.start()
    try:
        yield callback
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def callback() -> Iterator[Callback]:
    with callback_listener() as listener:
        yield listener


@pytest.fixture(scope="module")
def issuer(callback: Callback) -> Iterator[str]:
    with oidc_provider(CLIENT_ID, CLIENT_SECRET, callback.url) as url:
        yield url


@pytest.fixture(scope="module")
def metadata(issuer: str) -> dict[str, Any]:
    response = httpx.get(f"{issuer}/.well-known/openid-configuration", timeout=10)
    response.raise_for_status()
    return response.json()


@pytest.fixture(scope="module")
def jwks(metadata: dict[str, Any]) -> dict[str, Any]:
    response = httpx.get(metadata["jwks_uri"], timeout=10)
    response.raise_for_status()
    return response.json()


def new_client(callback: Callback, auth_method: str = "client_secret_basic") -> OAuth2Client:
    return OAuth2Client(
        CLIENT_ID,
        CLIENT_SECRET,
        scope=SCOPE,
        redirect_uri=callback.url,
        code_challenge_method="S256",
        token_endpoint_auth_method=auth_method,
        timeout=10,
    )


def sign_in(
    browser: Browser, callback: Callback, authorization_url: str, login: str
) -> dict[str, str]:
    """Drive the provider's pages in a fresh browser context; return the callback's query."""
    callback.forget_earlier()
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(authorization_url, wait_until="commit")
        complete_provider_login(page, login)
        query = callback.next_query()
        page.wait_for_url(lambda url: url.startswith(f"{callback.url}?"))
        return query
    finally:
        context.close()


def validate_id_token(
    id_token: str,
    *,
    issuer: str,
    jwks: dict[str, Any],
    nonce: str,
    access_token: str,
    audience: str = CLIENT_ID,
) -> CodeIDToken:
    # As authlib's own OpenID client does it: verify with joserfc, then check the claims.
    token = jwt.decode(id_token, KeySet.import_key_set(jwks), algorithms=["RS256"])
    claims = CodeIDToken(
        token.claims,
        token.header,
        {
            "iss": {"essential": True, "value": issuer},
            "aud": {"essential": True, "value": audience},
        },
        {"nonce": nonce, "client_id": CLIENT_ID, "access_token": access_token},
    )
    claims.validate(leeway=5)
    return claims


def test_discovery_announces_what_the_app_relies_on(
    issuer: str, metadata: dict[str, Any], jwks: dict[str, Any]
) -> None:
    assert issuer.startswith("http://127.0.0.1:")
    assert metadata["issuer"] == issuer
    assert metadata["authorization_endpoint"] == f"{issuer}/auth"
    assert metadata["token_endpoint"] == f"{issuer}/token"
    assert metadata["code_challenge_methods_supported"] == ["S256"]
    assert metadata["response_types_supported"] == ["code"]
    assert metadata["grant_types_supported"] == ["authorization_code"]
    assert set(metadata["scopes_supported"]) == {"openid", "email", "profile"}
    assert {"client_secret_basic", "client_secret_post"} <= set(
        metadata["token_endpoint_auth_methods_supported"]
    )
    assert {"sub", "email", "email_verified", "name", "picture"} <= set(
        metadata["claims_supported"]
    )
    assert "RS256" in metadata["id_token_signing_alg_values_supported"]
    assert [key["kty"] for key in jwks["keys"]] == ["RSA"]
    assert all("d" not in key for key in jwks["keys"])


def test_code_flow_with_pkce_state_and_nonce(
    browser: Browser,
    callback: Callback,
    issuer: str,
    metadata: dict[str, Any],
    jwks: dict[str, Any],
) -> None:
    client = new_client(callback)
    code_verifier = generate_token(64)
    nonce = generate_token(24)
    authorization_url, state = client.create_authorization_url(
        metadata["authorization_endpoint"], code_verifier=code_verifier, nonce=nonce
    )
    sent = parse_qs(urlsplit(authorization_url).query)
    assert sent["code_challenge_method"] == ["S256"]
    assert sent["state"] == [state]
    assert sent["nonce"] == [nonce]

    query = sign_in(browser, callback, authorization_url, "alice")

    assert query["state"] == state
    assert query["iss"] == issuer  # RFC 9207
    assert "error" not in query
    authorization_response = f"{callback.url}?{urlencode(query)}"
    with client:
        token = client.fetch_token(
            metadata["token_endpoint"],
            authorization_response=authorization_response,
            state=state,
            code_verifier=code_verifier,
        )
        assert token["token_type"].lower() == "bearer"
        assert token["scope"].split() == ["openid", "email", "profile"]

        claims = validate_id_token(
            token["id_token"],
            issuer=issuer,
            jwks=jwks,
            nonce=nonce,
            access_token=token["access_token"],
        )
        assert claims["sub"] == "sub-alice"
        assert claims["email"] == "alice@example.com"
        assert claims["email_verified"] is True
        assert claims["name"] == "OIDC alice"
        assert claims["picture"] == "https://example.com/alice.png"
        assert claims["aud"] == CLIENT_ID
        assert claims["exp"] > claims["iat"]
        # The checks are real: a different nonce or audience is refused.
        for wrong in ({"nonce": "other-nonce"}, {"audience": "other-client"}):
            with pytest.raises(InvalidClaimError):
                validate_id_token(
                    token["id_token"],
                    issuer=issuer,
                    jwks=jwks,
                    nonce=wrong.get("nonce", nonce),
                    access_token=token["access_token"],
                    audience=wrong.get("audience", CLIENT_ID),
                )

        userinfo = client.get(metadata["userinfo_endpoint"]).json()
        assert userinfo == {
            "sub": "sub-alice",
            "email": "alice@example.com",
            "email_verified": True,
            "name": "OIDC alice",
            "picture": "https://example.com/alice.png",
        }

        # An authorization code is good for one exchange only.
        with pytest.raises(OAuthError) as refused:
            client.fetch_token(
                metadata["token_endpoint"],
                code=query["code"],
                state=state,
                code_verifier=code_verifier,
            )
        assert refused.value.error == "invalid_grant"


@pytest.mark.parametrize(
    ("login", "auth_method", "email", "email_verified"),
    [
        ("unverified-bob", "client_secret_post", "unverified-bob@example.com", False),
        ("carol@corp.example", "client_secret_basic", "carol@corp.example", True),
    ],
)
def test_accounts_follow_the_login_name(
    browser: Browser,
    callback: Callback,
    issuer: str,
    metadata: dict[str, Any],
    jwks: dict[str, Any],
    login: str,
    auth_method: str,
    email: str,
    email_verified: bool,
) -> None:
    client = new_client(callback, auth_method)
    code_verifier = generate_token(64)
    nonce = generate_token(24)
    authorization_url, state = client.create_authorization_url(
        metadata["authorization_endpoint"], code_verifier=code_verifier, nonce=nonce
    )
    query = sign_in(browser, callback, authorization_url, login)
    assert query["state"] == state
    with client:
        token = client.fetch_token(
            metadata["token_endpoint"], code=query["code"], code_verifier=code_verifier
        )
    claims = validate_id_token(
        token["id_token"], issuer=issuer, jwks=jwks, nonce=nonce, access_token=token["access_token"]
    )
    assert claims["sub"] == f"sub-{login}"
    assert claims["email"] == email
    assert claims["email_verified"] is email_verified
    assert claims["name"] == f"OIDC {login}"
    assert claims["picture"] == f"https://example.com/{login}.png"


def test_wrong_code_verifier_is_refused(
    browser: Browser, callback: Callback, metadata: dict[str, Any]
) -> None:
    client = new_client(callback)
    code_verifier = generate_token(64)
    authorization_url, _state = client.create_authorization_url(
        metadata["authorization_endpoint"], code_verifier=code_verifier, nonce=generate_token(24)
    )
    query = sign_in(browser, callback, authorization_url, "mallory")
    with client, pytest.raises(OAuthError) as refused:
        client.fetch_token(
            metadata["token_endpoint"], code=query["code"], code_verifier=generate_token(64)
        )
    assert refused.value.error == "invalid_grant"


def test_cancel_returns_access_denied(
    browser: Browser, callback: Callback, metadata: dict[str, Any]
) -> None:
    client = new_client(callback)
    authorization_url, state = client.create_authorization_url(
        metadata["authorization_endpoint"], code_verifier=generate_token(64), nonce="n"
    )
    callback.forget_earlier()
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(authorization_url, wait_until="commit")
        cancel_provider_login(page)
        query = callback.next_query()
    finally:
        context.close()
    assert query["error"] == "access_denied"
    assert query["state"] == state
    assert "code" not in query


@pytest.mark.parametrize(
    ("pkce", "description"),
    [
        ({}, "requires PKCE"),
        ({"code_challenge": "x" * 43}, "code_challenge_method must be provided"),
        (
            {"code_challenge": "x" * 43, "code_challenge_method": "plain"},
            "not supported value of code_challenge_method",
        ),
    ],
    ids=["without-pkce", "without-method", "plain"],
)
def test_authorization_requests_need_s256_pkce(
    callback: Callback, metadata: dict[str, Any], pkce: dict[str, str], description: str
) -> None:
    params = {
        "response_type": "code",
        "client_id": CLIENT_ID,
        "redirect_uri": callback.url,
        "scope": SCOPE,
        "state": "state-1",
        "nonce": "nonce-1",
        **pkce,
    }
    response = httpx.get(metadata["authorization_endpoint"], params=params, timeout=10)
    assert response.status_code == 303
    location = urlsplit(response.headers["location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == callback.url
    error = parse_qs(location.query)
    assert error["error"] == ["invalid_request"]
    assert description in error["error_description"][0]
    assert error["state"] == ["state-1"]
