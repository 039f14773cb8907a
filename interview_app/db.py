"""Database engine, sessions and schema migrations for every entry point."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import Connection, Engine, Insert, event, text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, create_engine
from tenacity import Retrying, retry_if_exception_type, stop_after_delay, wait_fixed

from interview_app.config import get_settings
from interview_app.locks import exclusive_file_lock

T = TypeVar("T")

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# A fixed key so that several workers starting at once migrate one after another.
_POSTGRES_MIGRATION_LOCK_KEY = 7_212_026


def _enable_sqlite_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # WAL lets readers proceed while a writer holds the lock.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_engine(database_url: str) -> Engine:
    """Create an engine with the per-connection settings the app relies on.

    Args:
        database_url: A SQLAlchemy URL (`sqlite:///...` or `postgresql+psycopg://...`).

    Returns:
        The engine.
    """
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        engine = create_engine(
            database_url,
            connect_args={"check_same_thread": False, "timeout": 30},
        )
        event.listen(engine, "connect", _enable_sqlite_foreign_keys)
        return engine
    return create_engine(database_url, pool_pre_ping=True, pool_size=10, max_overflow=20)


@functools.cache
def get_engine() -> Engine:
    """Return the engine of the configured database, created once per process.

    Returns:
        The engine.
    """
    return make_engine(get_settings().database_url)


def _forget_inherited_connections() -> None:
    # A forked worker must never talk over its parent's sockets: two processes reading one
    # PostgreSQL connection corrupt each other's results. `close=False` drops the pool in the
    # child without closing the parent's connections under it.
    if get_engine.cache_info().currsize:
        get_engine().dispose(close=False)


os.register_at_fork(after_in_child=_forget_inherited_connections)


@contextlib.contextmanager
def open_session() -> Iterator[Session]:
    """Open a short session on the configured database.

    Yields:
        The session; it is closed on exit.
    """
    with Session(get_engine(), expire_on_commit=False) as session:
        yield session


async def run_in_session(function: Callable[..., T], /, **kwargs: Any) -> T:
    """Run a sync service function with a fresh session, off the event loop.

    Args:
        function: A service function that takes `session` as a keyword.
        **kwargs: Its other keyword arguments.

    Returns:
        What the function returns.
    """

    def call() -> T:
        with open_session() as session:
            return function(session=session, **kwargs)

    return await asyncio.to_thread(call)


def autocommit_connection(session: Session) -> Connection:
    """Open a connection of the session's database on which each statement commits itself.

    For the single atomic statements that count under concurrency (rate limit, sign-in
    throttle, model calls): they commit at once, outside the caller's transaction, and hold
    no lock while the caller goes on. Close it (`with`) when done.

    Args:
        session: Open database session; only its database is used.

    Returns:
        The connection.
    """
    return session.get_bind().engine.connect().execution_options(isolation_level="AUTOCOMMIT")


def upsert_insert(dialect_name: str) -> Callable[..., Insert]:
    """Return the INSERT that has `ON CONFLICT DO UPDATE` for this database.

    Args:
        dialect_name: `postgresql` or `sqlite`.

    Returns:
        The dialect's `insert` construct.
    """
    return postgresql_insert if dialect_name == "postgresql" else sqlite_insert


def _alembic_config(engine: Engine) -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


@contextlib.contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.execute(
                text("SELECT pg_advisory_lock(:key)"), {"key": _POSTGRES_MIGRATION_LOCK_KEY}
            )
            try:
                yield
            finally:
                connection.execute(
                    text("SELECT pg_advisory_unlock(:key)"),
                    {"key": _POSTGRES_MIGRATION_LOCK_KEY},
                )
        return
    database = engine.url.database
    if not database or database == ":memory:":
        yield
        return
    with exclusive_file_lock(Path(f"{database}.migrate-lock")):
        yield


def _owner_only_sqlite_file(path: Path) -> None:
    # The database holds password hashes and transcripts: readable by its owner only. An
    # existing file owned by someone else (a mounted volume) is left as the operator set it.
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    with contextlib.suppress(PermissionError):
        path.chmod(0o600)


def migrate(engine: Engine | None = None) -> None:
    """Bring the database to the newest schema; safe to call from several processes.

    Args:
        engine: The database to migrate; the configured one when omitted.
    """
    engine = engine or get_engine()
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and database != ":memory:":
        _owner_only_sqlite_file(Path(database))
    with _migration_lock(engine):
        command.upgrade(_alembic_config(engine), "head")


class DatabaseUnreachableError(Exception):
    """The database did not answer in time; the message names it without its password."""


def wait_for_database(
    engine: Engine | None = None, *, timeout_seconds: float | None = None
) -> None:
    """Wait until a database server accepts connections (it may start after the app).

    SQLite is a file that `migrate` creates; there is nothing to wait for.

    Args:
        engine: The database; the configured one when omitted.
        timeout_seconds: How long to keep trying; `DATABASE_WAIT_SECONDS` when omitted.

    Raises:
        DatabaseUnreachableError: It did not answer within the time.
    """
    engine = engine or get_engine()
    if engine.dialect.name == "sqlite":
        return
    timeout = get_settings().database_wait_seconds if timeout_seconds is None else timeout_seconds

    def connect() -> None:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    try:
        for attempt in Retrying(
            stop=stop_after_delay(timeout),
            wait=wait_fixed(1),
            retry=retry_if_exception_type(OperationalError),
            reraise=True,
        ):
            with attempt:
                connect()
    except OperationalError as error:
        # The driver's message may carry the host's details; the kind is enough with the URL.
        where = engine.url.render_as_string(hide_password=True)
        msg = (
            f"The database at {where} cannot be reached after {timeout:g} s "
            f"({type(error.orig).__name__}). Start it, or check DATABASE_URL."
        )
        raise DatabaseUnreachableError(msg) from None
