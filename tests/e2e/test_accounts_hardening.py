"""Sign-in holds against the attacks and accidents of real browsers (issue 11, SPEC §8)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
import websocket
from playwright.sync_api import Browser, Page, expect
from sqlmodel import select

from interview_app.models import AuthSession, User
from interview_app.services.accounts.users import create_local_user
from tests.e2e.conftest import PASSWORD, RunningApp, path_pattern, sign_in, unique_email

HANDOFF = re.compile(r"/auth/session\?ticket=")


def _make_user(app: RunningApp) -> User:
    with app.session() as session:
        return create_local_user(
            session=session, email=unique_email("hardening"), password=PASSWORD, name="Hedy Lamarr"
        )


def _live_sessions(app: RunningApp, user: User) -> int:
    with app.session() as session:
        return len(session.exec(select(AuthSession).where(AuthSession.user_id == user.id)).all())


def test_a_ticket_from_one_browser_opened_in_another_leaves_it_signed_out(
    browser: Browser, running_app: RunningApp
) -> None:
    attacker = _make_user(running_app)

    browser_a = browser.new_context()
    browser_b = browser.new_context()
    try:
        page_a = browser_a.new_page()
        # A's hand-off never happens: the attacker keeps the ticket for someone else.
        page_a.route(HANDOFF, lambda route: route.abort())
        with page_a.expect_request(HANDOFF) as handoff:
            sign_in(page_a, running_app, attacker.email)
        ticket_url = handoff.value.url

        page_b = browser_b.new_page()
        page_b.goto(running_app.url("/"))  # B is a browser that has visited the app before
        page_b.goto(ticket_url)

        expect(page_b).to_have_url(path_pattern("/sign-in"))
        assert not [c for c in browser_b.cookies() if c["name"] == "interview_session"]
        assert _live_sessions(running_app, attacker) == 0
    finally:
        browser_a.close()
        browser_b.close()


@pytest.mark.parametrize("odd_cookie", ['{"a":1}', "a b"])
def test_an_unparseable_cookie_from_another_app_does_not_break_sign_in(
    page: Page, running_app: RunningApp, odd_cookie: str
) -> None:
    user = _make_user(running_app)
    page.context.add_cookies(
        [{"name": "other_app", "value": odd_cookie, "url": running_app.url("/")}]
    )

    sign_in(page, running_app, user.email)

    expect(page).to_have_url(path_pattern("/app"))
    # The dashboard's own event found the user (a signed-out event would go to sign-in).
    expect(page.get_by_text("Hedy Lamarr")).to_be_visible()
    page.reload()
    expect(page.get_by_text("Hedy Lamarr")).to_be_visible()
    expect(page).to_have_url(path_pattern("/app"))


def _handshake(app: RunningApp, origin: str) -> int:
    host = urlsplit(app.base_url).netloc
    try:
        connection = websocket.create_connection(
            f"ws://{host}/_event/?EIO=4&transport=websocket&token=origin-check",
            origin=origin,
            timeout=10,
        )
    except websocket.WebSocketBadStatusException as refused:
        return refused.status_code
    connection.close()
    return 101


def test_a_socket_handshake_from_another_origin_is_refused(running_app: RunningApp) -> None:
    assert _handshake(running_app, "http://evil.example") == 403
    assert _handshake(running_app, "http://127.0.0.1:1") == 403
    assert _handshake(running_app, running_app.base_url) == 101


def test_sign_in_without_javascript_posts_and_never_puts_the_password_in_a_url(
    browser: Browser, running_app: RunningApp
) -> None:
    user = _make_user(running_app)
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        requests: list[tuple[str, str]] = []
        page.on("request", lambda request: requests.append((request.method, request.url)))
        page.goto(running_app.url("/sign-in?next=%2Fapp%2Fupgrade"))
        page.get_by_test_id("email-input").fill(user.email)
        page.get_by_test_id("password-input").fill(PASSWORD)
        page.get_by_test_id("sign-in-submit").click()

        expect(page).to_have_url(path_pattern("/app/upgrade"))
        assert ("POST", running_app.url("/auth/sign-in")) in requests
        assert not [url for _, url in requests if "correct" in url or "password=" in url]
        assert [c for c in context.cookies() if c["name"] == "interview_session"]
        assert _live_sessions(running_app, user) == 1
    finally:
        context.close()
