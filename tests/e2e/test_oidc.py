"""Sign-in through a real OpenID Connect provider (oidc-provider on loopback), in Chromium."""

from __future__ import annotations

import re
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import pytest
from playwright.sync_api import Browser, Page, Route, expect
from sqlmodel import select

from interview_app.models import User
from interview_app.services.accounts.users import create_local_user
from tests.e2e.conftest import (
    OIDC_PROVIDER_NAME,
    RunningApp,
    path_pattern,
)
from tests.support import app_server, free_port
from tests.support_oidc import cancel_provider_login, complete_provider_login

CALLBACK_URL = re.compile(r"/auth/oidc/callback\?")
LOGIN_URL = re.compile(r"/auth/oidc/login")


def _users_with_subject(app: RunningApp, subject: str) -> list[User]:
    with app.session() as session:
        return list(session.exec(select(User).where(User.oidc_subject == subject)).all())


def _session_cookies(page: Page) -> list[dict]:
    return [c for c in page.context.cookies() if c["name"] == "interview_session"]


def _continue_with_provider(page: Page, app: RunningApp, next_path: str = "") -> None:
    page.goto(app.url("/sign-in" + (f"?{urlencode({'next': next_path})}" if next_path else "")))
    button = page.get_by_test_id("oidc-sign-in")
    expect(button).to_contain_text(f"Continue with {OIDC_PROVIDER_NAME}")
    button.click()


def _sign_in_capturing_callback(page: Page, app: RunningApp, login: str) -> str:
    """Sign in through the provider, and return the callback URL the browser visited."""
    callbacks: list[str] = []
    page.on(
        "request",
        lambda request: callbacks.append(request.url) if CALLBACK_URL.search(request.url) else None,
    )
    _continue_with_provider(page, app)
    complete_provider_login(page, login)
    expect(page).to_have_url(path_pattern("/app"))
    assert len(callbacks) == 1
    return callbacks[0]


def _start_flow_without_finishing(page: Page, app: RunningApp) -> str:
    """Begin a sign-in so the browser holds a pending state; return that state."""
    held: list[str] = []

    def hold(route: Route) -> None:
        response = route.fetch(max_redirects=0)
        for header in response.headers_array:
            if header["name"].lower() == "set-cookie":
                cookie = SimpleCookie(header["value"])
                page.context.add_cookies(
                    [
                        {"name": name, "value": morsel.value, "url": app.base_url}
                        for name, morsel in cookie.items()
                    ]
                )
        held.append(response.headers["location"])
        route.fulfill(status=200, content_type="text/plain", body="held")

    page.route(LOGIN_URL, hold)
    _continue_with_provider(page, app)
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(100)
    page.unroute(LOGIN_URL)
    assert held, "the sign-in never started"
    return parse_qs(urlsplit(held[0]).query)["state"][0]


def _with_query(url: str, **changes: str) -> str:
    parts = urlsplit(url)
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    query.update(changes)
    return urlunsplit(parts._replace(query=urlencode(query)))


def test_sign_in_creates_the_user_once_and_signs_out(
    browser: Browser, page: Page, running_app: RunningApp
) -> None:
    login = f"alice{free_port()}"
    _continue_with_provider(page, running_app, next_path="/app/job-infos/new")
    complete_provider_login(page, login)
    expect(page).to_have_url(path_pattern("/app/job-infos/new"))
    expect(page.get_by_text(f"OIDC {login}")).to_be_visible()
    cookie = _session_cookies(page)[0]
    assert cookie["httpOnly"] is True
    (user,) = _users_with_subject(running_app, f"sub-{login}")
    assert (user.email, user.name, user.image_url, user.plan, user.oidc_issuer) == (
        f"{login}@example.com",
        f"OIDC {login}",
        f"https://example.com/{login}.png",
        "free",
        running_app.oidc_issuer,
    )

    page.get_by_test_id("sign-out").click()
    expect(page).to_have_url(path_pattern("/"))
    page.goto(running_app.url("/app"))
    expect(page).to_have_url(path_pattern("/sign-in"))

    # A new browser signs in as the same person: the same user, not a second one.
    context = browser.new_context()
    again = context.new_page()
    _continue_with_provider(again, running_app)
    complete_provider_login(again, login)
    expect(again).to_have_url(path_pattern("/app"))
    expect(again.get_by_text(f"OIDC {login}")).to_be_visible()
    context.close()
    assert [u.id for u in _users_with_subject(running_app, f"sub-{login}")] == [user.id]


def test_verified_email_links_to_the_local_account(page: Page, running_app: RunningApp) -> None:
    login = f"linked{free_port()}"
    with running_app.session() as session:
        local = create_local_user(
            session=session,
            email=f"{login}@example.com",
            password="password123",
            name="Local Name",
        )
    _continue_with_provider(page, running_app)
    complete_provider_login(page, login)
    expect(page).to_have_url(path_pattern("/app"))
    assert [u.id for u in _users_with_subject(running_app, f"sub-{login}")] == [local.id]


def test_unverified_email_does_not_take_over_a_local_account(
    page: Page, running_app: RunningApp
) -> None:
    login = f"unverified{free_port()}"
    with running_app.session() as session:
        create_local_user(
            session=session, email=f"{login}@example.com", password="password123", name="Bob"
        )
    _continue_with_provider(page, running_app)
    complete_provider_login(page, login)
    expect(page).to_have_url(path_pattern("/sign-in"))
    expect(page.get_by_test_id("form-error")).to_contain_text("did not confirm")
    assert _session_cookies(page) == []
    assert _users_with_subject(running_app, f"sub-{login}") == []


def test_cancelling_at_the_provider_ends_on_sign_in(page: Page, running_app: RunningApp) -> None:
    _continue_with_provider(page, running_app)
    cancel_provider_login(page)
    expect(page).to_have_url(path_pattern("/sign-in"))
    expect(page.get_by_test_id("form-error")).to_have_text(
        "Sign-in was cancelled at your identity provider."
    )
    assert _session_cookies(page) == []


def test_continue_with_the_provider_works_before_the_pages_script_runs(
    browser: Browser, running_app: RunningApp
) -> None:
    # A click before the page's JavaScript has loaded used to submit the sign-in form
    # (empty email and password) instead of leaving for the provider.
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(running_app.url("/sign-in?next=%2Fapp%2Fjob-infos%2Fnew"))
    page.get_by_test_id("oidc-sign-in").click()
    complete_provider_login(page, f"nojs{free_port()}")
    expect(page).to_have_url(path_pattern("/app/job-infos/new"))
    assert _session_cookies(page) != []
    context.close()


def _expect_refused(page: Page) -> None:
    expect(page).to_have_url(path_pattern("/sign-in"))
    expect(page.get_by_test_id("form-error")).to_contain_text("did not complete")
    assert _session_cookies(page) == []


def test_tampered_state_and_replayed_code_are_refused(page: Page, running_app: RunningApp) -> None:
    login = f"mallory{free_port()}"
    callback = _sign_in_capturing_callback(page, running_app, login)
    used_code = parse_qs(urlsplit(callback).query)["code"][0]
    page.get_by_test_id("sign-out").click()
    expect(page).to_have_url(path_pattern("/"))

    # The same callback again: its state is spent.
    page.goto(callback)
    _expect_refused(page)

    # A sign-in is pending; a callback with a state that is not its own is refused.
    pending_state = _start_flow_without_finishing(page, running_app)
    page.goto(_with_query(callback, state="forged-" + pending_state))
    _expect_refused(page)

    # The pending state is genuine, but the code was already spent: the provider refuses it.
    pending_state = _start_flow_without_finishing(page, running_app)
    page.goto(_with_query(callback, state=pending_state, code=used_code))
    _expect_refused(page)
    assert [u.email for u in _users_with_subject(running_app, f"sub-{login}")] == [
        f"{login}@example.com"
    ]


@pytest.fixture(scope="module")
def app_with_provider_down(tmp_path_factory: pytest.TempPathFactory, module_app_port: int):
    """The app configured for a provider that is not running, with local sign-up off."""
    database_url = f"sqlite:///{tmp_path_factory.mktemp('down') / 'app.db'}"
    dead_issuer = f"http://127.0.0.1:{free_port()}"
    with app_server(
        database_url,
        extra_env={
            "OIDC_ISSUER": dead_issuer,
            "OIDC_CLIENT_ID": "client",
            "OIDC_CLIENT_SECRET": "secret",
            "LOCAL_SIGN_UP_ENABLED": "false",
        },
        port=module_app_port,
    ) as base_url:
        yield base_url


def test_provider_down_at_start_gives_a_clear_message(
    page: Page, app_with_provider_down: str
) -> None:
    page.goto(f"{app_with_provider_down}/sign-in")
    page.get_by_test_id("oidc-sign-in").click()
    expect(page).to_have_url(path_pattern("/sign-in"))
    expect(page.get_by_test_id("form-error")).to_contain_text("cannot be reached")

    page.goto(f"{app_with_provider_down}/sign-up")
    expect(page.get_by_text("created through your identity provider")).to_be_visible()
    expect(page.get_by_test_id("sign-up-submit")).to_have_count(0)
    page.goto(f"{app_with_provider_down}/sign-in")
    expect(page.get_by_text("Create one")).to_have_count(0)
