"""Fixtures shared by every test layer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, sync_playwright

from interview_app import db
from interview_app.config import get_settings
from tests.support import CHROMIUM_ARGS, CHROMIUM_PATH, postgres_server


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the tests that drive Chromium last.

    Playwright's sync API keeps an event loop running on the main thread for as long as the
    shared browser lives, so an asyncio test that came after the first browser test could
    not start its own loop.
    """
    items.sort(key=lambda item: "browser" in getattr(item, "fixturenames", ()))


@pytest.fixture(autouse=True)
def _fresh_settings(monkeypatch: pytest.MonkeyPatch, tmp_path) -> Iterator[None]:
    """Give each test its own settings and engine, read from its own environment."""
    monkeypatch.setenv("SECRET_KEY", "test-secret-key")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'default.db'}")
    get_settings.cache_clear()
    db.get_engine.cache_clear()
    yield
    get_settings.cache_clear()
    db.get_engine.cache_clear()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """The URL of a real PostgreSQL server started for this test run."""
    with postgres_server() as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Chromium, shared by every test that drives a browser (one per run)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
