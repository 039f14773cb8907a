"""Every entry point brings a fresh or an older database to the current schema."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text
from sqlmodel import Session, SQLModel

from interview_app.db import _alembic_config, make_engine, migrate
from interview_app.models import Interview
from interview_app.services.accounts.users import set_plan
from interview_app.services.interviews.lifecycle import create_interview


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_engine(request: pytest.FixtureRequest, tmp_path) -> Iterator[Engine]:
    """An engine on a database with no tables at all."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
        yield engine
        engine.dispose()
        return
    server_url = request.getfixturevalue("postgres_url")
    name = f"migration_{uuid.uuid4().hex[:12]}"
    admin = make_engine(server_url).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(server_url.rsplit("/", 1)[0] + f"/{name}")
    yield engine
    engine.dispose()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}"'))


def test_a_fresh_database_gets_every_table(empty_engine: Engine) -> None:
    migrate(empty_engine)
    tables = set(inspect(empty_engine).get_table_names())
    assert {"users", "job_infos", "interviews", "rate_limit_buckets"} <= tables


def test_an_older_database_is_upgraded_and_keeps_its_data(empty_engine: Engine) -> None:
    command.upgrade(_alembic_config(empty_engine), "0001")
    user_id, job_id, interview_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    ids = {"user": user_id, "job": job_id, "interview": interview_id}
    if empty_engine.dialect.name == "sqlite":
        ids = {key: value.hex for key, value in ids.items()}
    with empty_engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO users (id, email, name, plan, created_at, updated_at) "
                "VALUES (:user, 'old@example.com', 'Old', 'free', CURRENT_TIMESTAMP, "
                "CURRENT_TIMESTAMP)"
            ),
            ids,
        )
        connection.execute(
            text(
                "INSERT INTO job_infos (id, name, description, experience_level, user_id, "
                "created_at, updated_at) VALUES (:job, 'Kept', 'Still here', 'junior', :user, "
                "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            ),
            ids,
        )
        connection.execute(
            text(
                "INSERT INTO interviews (id, job_info_id, duration, hume_chat_id, created_at, "
                "updated_at) VALUES (:interview, :job, '00:12:00', 'chat-1', CURRENT_TIMESTAMP, "
                "CURRENT_TIMESTAMP)"
            ),
            ids,
        )

    migrate(empty_engine)

    assert "rate_limit_buckets" in inspect(empty_engine).get_table_names()
    with Session(empty_engine, expire_on_commit=False) as session:
        kept = session.get(Interview, interview_id)
        assert kept is not None
        assert (kept.duration, kept.hume_chat_id) == ("00:12:00", "chat-1")
        set_plan(session=session, email="old@example.com", plan="pro")
        created = create_interview(session=session, user_id=user_id, job_info_id=job_id)
        assert created.duration == "00:00:00"


def test_migrating_twice_changes_nothing(empty_engine: Engine) -> None:
    migrate(empty_engine)
    before = set(inspect(empty_engine).get_table_names())
    migrate(empty_engine)
    assert set(inspect(empty_engine).get_table_names()) == before


def test_the_migrations_build_exactly_the_models_tables(empty_engine: Engine) -> None:
    migrate(empty_engine)
    with empty_engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []
