"""Integration fixtures: the services on real SQLite and on real PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session, SQLModel

from interview_app import db
from interview_app.config import get_settings
from interview_app.devtools.fake_gemini import FakeGemini, running_fake_gemini

_migrated_postgres: set[str] = set()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(
    request: pytest.FixtureRequest, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """Point the app at a migrated, empty database of each kind, one test at a time."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'app.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    db.get_engine.cache_clear()
    engine = db.get_engine()
    if request.param == "postgresql" and url in _migrated_postgres:
        _truncate_all(engine)
    else:
        db.migrate(engine)
        if request.param == "postgresql":
            _migrated_postgres.add(url)
    yield url
    engine.dispose()


def _truncate_all(engine: Engine) -> None:
    tables = ", ".join(f'"{table.name}"' for table in SQLModel.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} CASCADE"))


@pytest.fixture
def engine(database_url: str) -> Engine:
    """The engine of the test's database."""
    return db.get_engine()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """An open session on the test's database."""
    with Session(engine, expire_on_commit=False) as session:
        yield session


GEMINI_API_KEY = "fake-key-for-integration-tests"


@pytest.fixture(scope="session")
def gemini_server() -> Iterator[tuple[FakeGemini, str]]:
    """The fake Gemini server (feedback's generateContent) and its base URL."""
    with running_fake_gemini() as served:
        yield served


@pytest.fixture
def gemini(
    gemini_server: tuple[FakeGemini, str], database_url: str, monkeypatch: pytest.MonkeyPatch
) -> FakeGemini:
    """The fake Gemini server, reset, with this process's settings pointing at it."""
    fake, base_url = gemini_server
    fake.reset()
    monkeypatch.setenv("GEMINI_API_KEY", GEMINI_API_KEY)
    monkeypatch.setenv("GEMINI_BASE_URL", base_url)
    monkeypatch.setenv("GEMINI_MODEL", "gemini-test-model")
    monkeypatch.setenv("GEMINI_RETRY_ATTEMPTS", "3")
    monkeypatch.setenv("GEMINI_RETRY_INITIAL_DELAY_SECONDS", "0.01")
    get_settings.cache_clear()
    return fake
