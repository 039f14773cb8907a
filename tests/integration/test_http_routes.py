"""The HTTP routes in front of Reflex, driven as a browser would (Starlette's TestClient)."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, select
from starlette.testclient import TestClient

from interview_app.config import get_settings
from interview_app.http_headers import BROWSER_COOKIE
from interview_app.models import AuthSession, User
from interview_app.services.accounts.sessions import create_sign_in_ticket
from interview_app.services.accounts.users import create_local_user
from interview_app.web import build_http_app

PASSWORD = "correct horse battery"
OWN_ORIGIN = "http://testserver"


def browser(peer: str = "198.51.100.7") -> TestClient:
    """A client with its own cookie jar, connecting from `peer`."""
    return TestClient(build_http_app(), follow_redirects=False, client=(peer, 50000))


def session_count(engine: Engine) -> int:
    with Session(engine) as fresh:
        return fresh.exec(select(func.count()).select_from(AuthSession)).one()


@pytest.fixture
def user(session: Session) -> User:
    return create_local_user(
        session=session, email="ada@example.com", password=PASSWORD, name="Ada"
    )


@pytest.fixture
def victim(database_url: str) -> Iterator[TestClient]:
    with browser() as client:
        yield client


def test_every_browser_gets_an_httponly_binding_cookie_once(victim: TestClient) -> None:
    first = victim.get("/nothing-here")
    assert f"{BROWSER_COOKIE}=" in first.headers["set-cookie"]
    assert "httponly" in first.headers["set-cookie"].lower()
    assert "set-cookie" not in victim.get("/nothing-here").headers


def test_a_ticket_opened_in_another_browser_signs_no_one_in(
    session: Session, user: User, engine: Engine, victim: TestClient
) -> None:
    victim.get("/nothing-here")  # the victim's browser has its own binding
    # The attacker signed in in their own browser and sends the victim the hand-off link.
    ticket = create_sign_in_ticket(
        session=session, user_id=user.id, next_path="/app", browser_binding="attacker-browser"
    )

    response = victim.get("/auth/session", params={"ticket": ticket})

    assert response.status_code == 303
    assert response.headers["location"] == "/sign-in?error=expired"
    assert get_settings().session_cookie_name not in victim.cookies
    assert session_count(engine) == 0


def test_a_ticket_opened_in_its_own_browser_signs_in(
    session: Session, user: User, victim: TestClient
) -> None:
    victim.get("/nothing-here")
    ticket = create_sign_in_ticket(
        session=session,
        user_id=user.id,
        next_path="/app/upgrade",
        browser_binding=victim.cookies[BROWSER_COOKIE],
    )
    response = victim.get("/auth/session", params={"ticket": ticket})
    assert response.status_code == 303
    assert response.headers["location"] == "/app/upgrade"
    assert victim.cookies[get_settings().session_cookie_name]


def test_the_sign_in_form_posted_without_javascript_signs_in(
    user: User, engine: Engine, victim: TestClient
) -> None:
    response = victim.post(
        "/auth/sign-in",
        data={"email": "ada@example.com", "password": PASSWORD},
        headers={"origin": OWN_ORIGIN, "referer": f"{OWN_ORIGIN}/sign-in?next=%2Fapp%2Fupgrade"},
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/app/upgrade"
    assert victim.cookies[get_settings().session_cookie_name]
    assert session_count(engine) == 1


def test_a_wrong_password_posted_without_javascript_comes_back_with_a_message_code(
    user: User, engine: Engine, victim: TestClient
) -> None:
    response = victim.post(
        "/auth/sign-in",
        data={"email": "ada@example.com", "password": "not it"},
        headers={"origin": OWN_ORIGIN},
    )
    assert response.status_code == 303
    location = urlsplit(response.headers["location"])
    assert location.path == "/sign-in"
    assert parse_qs(location.query) == {
        "error": ["form"],
        "detail": ["InvalidCredentialsError"],
        "next": ["/app"],
    }
    assert "not it" not in response.headers["location"]
    assert session_count(engine) == 0


def test_the_sign_up_form_posted_without_javascript_creates_the_account(
    engine: Engine, victim: TestClient
) -> None:
    response = victim.post(
        "/auth/sign-up",
        data={"name": "Grace", "email": "grace@example.com", "password": PASSWORD},
        headers={"origin": OWN_ORIGIN},
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/app"
    with Session(engine) as fresh:
        assert fresh.exec(select(User).where(User.email == "grace@example.com")).one()


def test_another_site_cannot_post_to_the_sign_in_routes(
    user: User, engine: Engine, victim: TestClient
) -> None:
    # Login CSRF: a page elsewhere auto-submits the attacker's credentials.
    for path in ("/auth/sign-in", "/auth/sign-up", "/auth/sign-out"):
        response = victim.post(
            path,
            data={"name": "Eve", "email": "ada@example.com", "password": PASSWORD},
            headers={"origin": "https://evil.example"},
        )
        assert response.status_code == 403, path
    assert get_settings().session_cookie_name not in victim.cookies
    assert session_count(engine) == 0


def _signed_in_cookie_header(client: TestClient, headers: dict[str, str]) -> str:
    response = client.post(
        "/auth/sign-in",
        data={"email": "ada@example.com", "password": PASSWORD},
        headers={"origin": OWN_ORIGIN, **headers},
    )
    assert response.status_code == 303
    return next(
        value
        for value in response.headers.get_list("set-cookie")
        if value.startswith(get_settings().session_cookie_name + "=")
    )


def test_forwarded_proto_makes_the_cookie_secure_only_from_a_trusted_proxy(
    user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    forwarded = {"x-forwarded-proto": "https"}
    with browser(peer="198.51.100.7") as stranger:
        assert "secure" not in _signed_in_cookie_header(stranger, forwarded).lower()

    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.0/8")
    get_settings.cache_clear()
    with browser(peer="10.0.0.2") as behind_proxy:
        assert "secure" in _signed_in_cookie_header(behind_proxy, forwarded).lower()


def test_the_oauth_state_cookie_is_secure_when_served_over_https(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OIDC_ISSUER", "http://127.0.0.1:9/")  # nothing listens there
    monkeypatch.setenv("OIDC_CLIENT_ID", "client")
    monkeypatch.setenv("OIDC_CLIENT_SECRET", "secret")
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.2")
    get_settings.cache_clear()

    def state_cookie(client: TestClient, headers: dict[str, str]) -> str:
        response = client.get("/auth/oidc/login", headers=headers)
        return next(
            value
            for value in response.headers.get_list("set-cookie")
            if value.startswith("interview_oauth_state=")
        )

    with browser(peer="10.0.0.2") as behind_proxy:
        assert "secure" in state_cookie(behind_proxy, {"x-forwarded-proto": "https"}).lower()
    with browser(peer="10.0.0.2") as plain:
        assert "secure" not in state_cookie(plain, {}).lower()
