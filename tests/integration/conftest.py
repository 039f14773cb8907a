"""Integration fixtures: the services on real SQLite and on real PostgreSQL."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlmodel import Session, SQLModel

from interview_app import db
from interview_app.config import get_settings
from interview_app.db import make_engine, migrate
from interview_app.devtools.fake_gemini import FakeGemini, running_fake_gemini
from interview_app.devtools.fake_openai import FakeOpenAI, running_fake_openai
from tests.support import (
    AppProcess,
    LoadBalancer,
    build_frontend,
    free_port,
    redis_server,
    start_app,
)

_migrated_postgres: set[str] = set()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated to the newest schema once per run, for tests to copy.

    Copying it (well under a millisecond) replaces running every migration per test.
    """
    path = tmp_path_factory.mktemp("sqlite-template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    try:
        migrate(engine)
    finally:
        engine.dispose()
    # The last connection to close folds the write-ahead log into the file: one file is
    # the whole database.
    leftovers = [p.name for p in path.parent.iterdir() if p.name.endswith(("-wal", "-shm"))]
    assert not leftovers, f"the migrated template is not one file: {leftovers}"
    return path


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(
    request: pytest.FixtureRequest, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """Point the app at a migrated, empty database of each kind, one test at a time."""
    if request.param == "sqlite":
        path = tmp_path / "app.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        url = f"sqlite:///{path}"
    else:
        url = request.getfixturevalue("postgres_url")
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    db.get_engine.cache_clear()
    engine = db.get_engine()
    if request.param == "postgresql":
        if url in _migrated_postgres:
            _truncate_all(engine)
        else:
            db.migrate(engine)
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


@dataclass
class Cluster:
    """Two instances (A with two workers, B with one) behind a balancer, sharing PG + Redis."""

    database_url: str
    redis_url: str
    balancer: LoadBalancer
    a: AppProcess
    b: AppProcess

    def env(self) -> dict[str, str]:
        return {"REDIS_URL": self.redis_url, "PUBLIC_URL": self.balancer.url}


def fresh_database(server_url: str) -> str:
    """Create a migrated PostgreSQL database of its own on the test server; return its URL."""
    name = f"scale_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)
    migrate(engine)
    engine.dispose()
    return url


@pytest.fixture
def redis_url() -> Iterator[str]:
    """A throwaway Redis server on loopback, for one test."""
    with redis_server() as url:
        yield url


@pytest.fixture(scope="session")
def cluster_port() -> int:
    """The balancer's port of every cluster of the run (one module's cluster at a time).

    The frontend is built for the balancer's address: on one port, the clusters of several
    modules share one build.
    """
    return free_port()


@pytest.fixture(scope="module")
def cluster(postgres_url: str, cluster_port: int) -> Iterator[Cluster]:
    """Start the two instances, the balancer and Redis once per test module."""
    database_url = fresh_database(postgres_url)
    port_a, port_b = free_port(), free_port()
    with (
        redis_server() as redis_url,
        LoadBalancer([("127.0.0.1", port_a), ("127.0.0.1", port_b)], cluster_port) as balancer,
    ):
        env = {"REDIS_URL": redis_url, "PUBLIC_URL": balancer.url}
        build_frontend(balancer.url, env)
        with (
            start_app(
                database_url, port=port_a, workers=2, extra_env=env, extra_args=("--no-build",)
            ) as a,
            start_app(
                database_url, port=port_b, workers=1, extra_env=env, extra_args=("--no-build",)
            ) as b,
        ):
            yield Cluster(database_url, redis_url, balancer, a, b)


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


LLM_API_KEY = "fake-llm-key-for-integration-tests"


@pytest.fixture(scope="session")
def llm_server() -> Iterator[tuple[FakeOpenAI, str]]:
    """The fake OpenAI-compatible chat-completions server and its base URL."""
    with running_fake_openai() as served:
        yield served


@pytest.fixture
def llm(
    llm_server: tuple[FakeOpenAI, str], database_url: str, monkeypatch: pytest.MonkeyPatch
) -> FakeOpenAI:
    """The fake chat-completions server, reset, with this process's `LLM_*` settings on it."""
    fake, base_url = llm_server
    fake.reset()
    fake.configure(api_key=LLM_API_KEY)
    monkeypatch.setenv("LLM_BASE_URL", base_url)
    monkeypatch.setenv("LLM_MODEL", "llm-test-model")
    monkeypatch.setenv("LLM_API_KEY", LLM_API_KEY)
    monkeypatch.setenv("LLM_RETRY_ATTEMPTS", "3")
    monkeypatch.setenv("LLM_RETRY_INITIAL_DELAY_SECONDS", "0.01")
    get_settings.cache_clear()
    return fake
