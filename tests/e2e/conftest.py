"""End-to-end fixtures: the production app on loopback, driven by Debian's Chromium."""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import Engine
from sqlmodel import Session

from interview_app.db import make_engine, migrate
from tests.support import app_server, free_port
from tests.support_oidc import oidc_provider

PASSWORD = "correct horse battery"
# Assertions wait as long as actions do: on a busy 2-core machine a sign-in (Argon2 on
# purpose) and the page that follows can take longer than Playwright's 5 s default.
expect.set_options(timeout=15_000)
OIDC_CLIENT_ID = "interview-app-e2e"
OIDC_CLIENT_SECRET = "e2e-client-secret-0123456789"
OIDC_PROVIDER_NAME = "Test IdP"
_counter = itertools.count()


@dataclass
class RunningApp:
    """The app under test and a way to look at its database."""

    base_url: str
    engine: Engine
    oidc_issuer: str

    def url(self, path: str) -> str:
        """Return the absolute URL of a path on the app."""
        return self.base_url + path

    def session(self) -> Session:
        """Open a session on the app's database, to check what it stored."""
        return Session(self.engine, expire_on_commit=False)


@pytest.fixture(scope="session")
def running_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    """The production build of the app with a real OIDC provider, started once."""
    database_url = f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'app.db'}"
    engine = make_engine(database_url)
    migrate(engine)
    port = free_port()
    callback = f"http://127.0.0.1:{port}/auth/oidc/callback"
    with (
        oidc_provider(OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, callback) as issuer,
        app_server(
            database_url,
            port=port,
            extra_env={
                "OIDC_ISSUER": issuer,
                "OIDC_CLIENT_ID": OIDC_CLIENT_ID,
                "OIDC_CLIENT_SECRET": OIDC_CLIENT_SECRET,
                "OIDC_PROVIDER_NAME": OIDC_PROVIDER_NAME,
            },
        ) as base_url,
    ):
        yield RunningApp(base_url=base_url, engine=engine, oidc_issuer=issuer)
    engine.dispose()


@pytest.fixture(scope="session")
def module_app_port() -> int:
    """The port of the apps that live for one test module (one module's app at a time).

    A frontend build belongs to the address browsers use and to the sources, not to the
    settings (read at run time): on one port, these apps share one build instead of making
    one each, as `interview-app run` keeps a build made for its address.
    """
    return free_port()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser context (no cookies) and page for each test."""
    context = browser.new_context()
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def unique_email(prefix: str = "user") -> str:
    """An email no other test uses."""
    return f"{prefix}-{time.time_ns()}-{next(_counter)}@example.com"


def path_pattern(path: str) -> re.Pattern[str]:
    """Match a page URL by path, with or without a trailing slash or query string."""
    return re.compile(rf"^https?://[^/]+{re.escape(path.rstrip('/'))}/?(\?.*)?$")


def sign_up(page: Page, app: RunningApp, *, name: str = "Ada Lovelace") -> str:
    """Create an account through the sign-up page; returns its email."""
    return sign_up_at(page, app.base_url, name=name)


def sign_up_at(page: Page, base_url: str, *, name: str = "Ada Lovelace") -> str:
    """Create an account through the sign-up page of the app at `base_url`; returns its email.

    The benchmarks sign up this way too, against apps they start themselves.
    """
    email = unique_email()
    page.goto(f"{base_url}/sign-up")
    page.get_by_test_id("name-input").fill(name)
    page.get_by_test_id("email-input").fill(email)
    page.get_by_test_id("password-input").fill(PASSWORD)
    page.get_by_test_id("sign-up-submit").click()
    expect(page).to_have_url(path_pattern("/app"))
    return email


def sign_in(page: Page, app: RunningApp, email: str, password: str = PASSWORD) -> None:
    """Sign in through the sign-in page."""
    page.goto(app.url("/sign-in"))
    page.get_by_test_id("email-input").fill(email)
    page.get_by_test_id("password-input").fill(password)
    page.get_by_test_id("sign-in-submit").click()


def fill_job_info(page: Page, *, name: str, title: str, level: str, description: str) -> None:
    """Type a job info into the form on the current page."""
    page.get_by_test_id("job-info-name").fill(name)
    page.get_by_test_id("job-info-title").fill(title)
    page.get_by_test_id("job-info-experience-level").select_option(level)
    page.get_by_test_id("job-info-description").fill(description)
