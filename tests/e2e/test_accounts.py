"""Sign-up, sign-out and sign-in as a person does them, in Chromium."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from sqlmodel import select

from interview_app.models import AuthSession, User
from tests.e2e.conftest import PASSWORD, RunningApp, path_pattern, sign_in, sign_up


def _session_cookie(page: Page) -> dict:
    cookies = [c for c in page.context.cookies() if "session" in c["name"]]
    assert len(cookies) == 1
    return cookies[0]


def test_sign_up_sign_out_and_sign_in_again(page: Page, running_app: RunningApp) -> None:
    email = sign_up(page, running_app, name="Grace Hopper")
    expect(page.get_by_text("Welcome!")).to_be_visible()
    expect(page.get_by_text("Grace Hopper")).to_be_visible()

    cookie = _session_cookie(page)
    assert cookie["httpOnly"] is True
    assert cookie["sameSite"] == "Lax"
    assert page.evaluate("document.cookie").find(cookie["value"]) == -1
    with running_app.session() as session:
        user = session.exec(select(User).where(User.email == email)).one()
        assert user.name == "Grace Hopper"
        assert user.plan == "free"
        assert user.password_hash is not None
        assert user.password_hash.startswith("$argon2id$")
        assert PASSWORD not in user.password_hash

    page.get_by_test_id("sign-out").click()
    expect(page).to_have_url(path_pattern("/"))
    assert not [c for c in page.context.cookies() if "session" in c["name"]]
    with running_app.session() as session:
        live = session.exec(
            select(AuthSession).where(
                AuthSession.user_id == user.id,
                AuthSession.revoked_at.is_(None),  # type: ignore[union-attr]
            )
        ).all()
        assert live == []

    page.goto(running_app.url("/app"))
    expect(page).to_have_url(path_pattern("/sign-in"))

    sign_in(page, running_app, email)
    expect(page).to_have_url(path_pattern("/app"))
    expect(page.get_by_text("Grace Hopper")).to_be_visible()


def test_revoked_cookie_no_longer_signs_in(page: Page, running_app: RunningApp) -> None:
    sign_up(page, running_app)
    stolen = _session_cookie(page)
    page.get_by_test_id("sign-out").click()
    expect(page).to_have_url(path_pattern("/"))

    page.context.add_cookies([stolen])
    page.goto(running_app.url("/app"))
    expect(page).to_have_url(path_pattern("/sign-in"))


def test_wrong_password_and_unknown_email_get_the_same_message(
    page: Page, running_app: RunningApp
) -> None:
    email = sign_up(page, running_app)
    page.get_by_test_id("sign-out").click()
    expect(page).to_have_url(path_pattern("/"))

    sign_in(page, running_app, email, password="not the password")
    wrong_password = page.get_by_test_id("form-error")
    expect(wrong_password).to_have_text("Incorrect email or password.")
    expect(page.get_by_test_id("email-input")).to_have_value(email)

    sign_in(page, running_app, "nobody-here@example.com", password="whatever123")
    expect(page.get_by_test_id("form-error")).to_have_text("Incorrect email or password.")
    assert not [c for c in page.context.cookies() if "session" in c["name"]]


def test_sign_in_returns_to_the_page_asked_for_but_never_off_site(
    page: Page, running_app: RunningApp
) -> None:
    email = sign_up(page, running_app)
    page.get_by_test_id("sign-out").click()
    expect(page).to_have_url(path_pattern("/"))

    page.goto(running_app.url("/app/job-infos/new"))
    expect(page).to_have_url(path_pattern("/sign-in"))
    page.get_by_test_id("email-input").fill(email)
    page.get_by_test_id("password-input").fill(PASSWORD)
    page.get_by_test_id("sign-in-submit").click()
    expect(page).to_have_url(path_pattern("/app/job-infos/new"))
    page.get_by_test_id("sign-out").click()
    expect(page).to_have_url(path_pattern("/"))

    page.goto(running_app.url("/sign-in?next=//evil.example/steal"))
    page.get_by_test_id("email-input").fill(email)
    page.get_by_test_id("password-input").fill(PASSWORD)
    page.get_by_test_id("sign-in-submit").click()
    expect(page).to_have_url(path_pattern("/app"))


def test_sign_up_shows_errors_beside_fields_and_keeps_input(
    page: Page, running_app: RunningApp
) -> None:
    page.goto(running_app.url("/sign-up"))
    page.get_by_test_id("name-input").fill("Short Password")
    page.get_by_test_id("email-input").fill("not-an-email")
    page.get_by_test_id("password-input").fill("short")
    page.get_by_test_id("email-input").evaluate("e => e.type = 'text'")
    page.get_by_test_id("sign-up-submit").click()
    expect(page.get_by_test_id("email-error")).to_have_text("Enter a valid email address.")
    expect(page.get_by_test_id("password-error")).to_contain_text("at least 8 characters")
    expect(page.get_by_test_id("name-input")).to_have_value("Short Password")
    expect(page).to_have_url(path_pattern("/sign-up"))
