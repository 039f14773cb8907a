"""An OIDC issuer that ends in "/" (Auth0's) signs people in.

The provider's protocol side (discovery, the token exchange, the ID token's signature) is
authlib's and is exercised against a real provider in tests/e2e/test_oidc.py; here authlib
hands over what such a provider would, so the app's own issuer comparison is what is tested.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from authlib.integrations.starlette_client import StarletteOAuth2App
from sqlalchemy import Engine
from sqlmodel import Session, select
from starlette.testclient import TestClient

from interview_app.config import get_settings
from interview_app.models import User
from interview_app.web import build_http_app

ISSUER = "https://tenant.example-idp.test/"


@pytest.mark.parametrize("configured_issuer", [ISSUER, ISSUER.rstrip("/")])
def test_an_issuer_ending_in_a_slash_signs_in(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, configured_issuer: str
) -> None:
    monkeypatch.setenv("OIDC_ISSUER", configured_issuer)
    monkeypatch.setenv("OIDC_CLIENT_ID", "client")
    monkeypatch.setenv("OIDC_CLIENT_SECRET", "secret")
    get_settings.cache_clear()
    discovery = {
        "issuer": ISSUER,
        "authorization_endpoint": f"{ISSUER}authorize",
        "token_endpoint": f"{ISSUER}oauth/token",
        "jwks_uri": f"{ISSUER}.well-known/jwks.json",
    }
    sent_nonce: list[str] = []

    async def load_server_metadata(self: StarletteOAuth2App) -> dict[str, Any]:
        return discovery

    async def authorize_access_token(
        self: StarletteOAuth2App, request: Any, **kwargs: Any
    ) -> dict[str, Any]:
        # What authlib returns once the provider's signed ID token has been verified.
        return {
            "userinfo": {
                "iss": ISSUER,
                "aud": "client",
                "sub": "auth0|42",
                "exp": time.time() + 600,
                "nonce": sent_nonce[0],
                "email": "slash@example.com",
                "email_verified": True,
                "name": "Slash",
            }
        }

    monkeypatch.setattr(StarletteOAuth2App, "load_server_metadata", load_server_metadata)
    monkeypatch.setattr(StarletteOAuth2App, "authorize_access_token", authorize_access_token)

    with TestClient(build_http_app(), follow_redirects=False) as browser:
        start = browser.get("/auth/oidc/login")
        assert start.status_code == 302
        sent_nonce.append(parse_qs(urlsplit(start.headers["location"]).query)["nonce"][0])

        finish = browser.get("/auth/oidc/callback", params={"code": "c", "state": "s"})

    assert finish.status_code == 303
    assert finish.headers["location"] == "/app"
    assert browser.cookies[get_settings().session_cookie_name]
    with Session(engine) as fresh:
        user = fresh.exec(select(User).where(User.email == "slash@example.com")).one()
        assert (user.oidc_issuer, user.oidc_subject) == (ISSUER, "auth0|42")


def test_discovery_naming_another_issuer_is_refused(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OIDC_ISSUER", ISSUER)
    monkeypatch.setenv("OIDC_CLIENT_ID", "client")
    monkeypatch.setenv("OIDC_CLIENT_SECRET", "secret")
    get_settings.cache_clear()

    async def load_server_metadata(self: StarletteOAuth2App) -> dict[str, Any]:
        return {"issuer": "https://impostor.test/", "authorization_endpoint": f"{ISSUER}a"}

    async def authorize_access_token(
        self: StarletteOAuth2App, request: Any, **kwargs: Any
    ) -> dict[str, Any]:
        claims = {"iss": "https://impostor.test/", "aud": "client", "sub": "x"}
        return {"userinfo": claims | {"exp": time.time() + 600, "nonce": "n"}}

    monkeypatch.setattr(StarletteOAuth2App, "load_server_metadata", load_server_metadata)
    monkeypatch.setattr(StarletteOAuth2App, "authorize_access_token", authorize_access_token)
    with TestClient(build_http_app(), follow_redirects=False) as browser:
        finish = browser.get("/auth/oidc/callback", params={"code": "c", "state": "s"})
    assert finish.status_code == 303
    assert finish.headers["location"].startswith("/sign-in?error=oidc_account")
    assert get_settings().session_cookie_name not in browser.cookies
