"""Fixtures shared by every test layer, and the one place that marks every test.

Markers (registered in `pyproject.toml`, enforced by `--strict-markers`):

- `unit`, `integration`, `e2e`: the folder a test lives in. A test that drives Chromium
  (the `browser` fixture) is `e2e` wherever it lives.
- `postgres`: needs the PostgreSQL server the run starts (`postgres_url`, `cluster`, or the
  `postgresql` parameter of `database_url` and of the migrations' `empty_engine`).
- `server`: starts Redis, instances of the app, the Node.js OpenID Connect provider or a
  container (`redis_url`, `cluster`; by hand only where no fixture says so:
  `test_oidc_provider_harness.py`, the image build in `test_container_image.py`).

`scripts/test.sh --fast` runs `-m "not postgres and not e2e and not server"`.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from interview_app import db
from interview_app.config import get_settings
from tests.support import CHROMIUM_ARGS, CHROMIUM_PATH, postgres_server

TESTS_ROOT = Path(__file__).resolve().parent
FOLDER_MARKERS = ("unit", "integration", "e2e")
# Fixtures (direct or through other fixtures) that imply a marker.
FIXTURE_MARKERS = {
    "postgres_url": ("postgres",),
    "cluster": ("postgres", "server"),
    "redis_url": ("server",),
    "browser": ("e2e",),
}


def _markers_of(item: pytest.Item) -> set[str]:
    names = set()
    path = Path(item.path)
    if path.is_relative_to(TESTS_ROOT) and path.relative_to(TESTS_ROOT).parts[0] in FOLDER_MARKERS:
        names.add(path.relative_to(TESTS_ROOT).parts[0])
    for fixture in getattr(item, "fixturenames", ()):
        names.update(FIXTURE_MARKERS.get(fixture, ()))
    return names


def _uses_browser(item: pytest.Item) -> bool:
    return "browser" in getattr(item, "fixturenames", ())


def _is_asyncio(item: pytest.Item) -> bool:
    return item.get_closest_marker("asyncio") is not None or inspect.iscoroutinefunction(
        getattr(item, "function", None)
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test by its folder and fixtures; run the modules that drive Chromium last.

    Playwright's sync API keeps an event loop running on the main thread for as long as the
    shared browser lives, so an asyncio test that came after the first browser test could
    not start its own loop. Modules stay whole (but for their asyncio tests, which go
    first), so that a module's app is started once, not once per part of the module.
    """
    for item in items:
        for name in sorted(_markers_of(item) - {mark.name for mark in item.iter_markers()}):
            item.add_marker(name)
    browser_modules = {item.path for item in items if _uses_browser(item)}
    items.sort(key=lambda item: item.path in browser_modules and not _is_asyncio(item))


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
