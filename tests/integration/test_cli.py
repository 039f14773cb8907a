from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from interview_app.cli import main
from interview_app.config import get_settings
from interview_app.models import User
from interview_app.services.accounts.sessions import authenticate
from tests.support import free_port

PASSWORD = "correct horse battery"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def stored_user(engine: Engine, email: str) -> User | None:
    with Session(engine) as fresh:
        return fresh.exec(select(User).where(User.email == email)).first()


def user_count(engine: Engine) -> int:
    with Session(engine) as fresh:
        return fresh.exec(select(func.count()).select_from(User)).one()


@pytest.fixture
def existing(engine: Engine) -> User:
    result = run("users", "create", "--email", "ada@example.com", "--password", PASSWORD)
    assert result.exit_code == 0, result.output
    user = stored_user(engine, "ada@example.com")
    assert user is not None
    return user


def test_users_create_makes_an_account_that_can_sign_in(engine: Engine, session: Session) -> None:
    result = run(
        "users",
        "create",
        "--email",
        "  Grace@Example.COM ",
        "--password",
        PASSWORD,
        "--name",
        "Grace Hopper",
        "--plan",
        "pro",
    )
    assert result.exit_code == 0, result.output
    assert "grace@example.com" in result.stdout
    assert "pro" in result.stdout
    user = stored_user(engine, "grace@example.com")
    assert user is not None
    assert (user.name, user.plan) == ("Grace Hopper", "pro")
    assert user.password_hash is not None
    assert PASSWORD not in user.password_hash
    assert authenticate(session=session, email="grace@example.com", password=PASSWORD).id == user.id


def test_users_create_defaults_name_and_plan(engine: Engine, existing: User) -> None:
    assert existing.name == "ada"
    assert existing.plan == "free"


@pytest.mark.parametrize("email", ["ada@example.com", "ADA@Example.com"])
def test_users_create_refuses_a_duplicate_email(engine: Engine, existing: User, email: str) -> None:
    result = run("users", "create", "--email", email, "--password", "another password")
    assert result.exit_code == 1
    assert "already exists" in result.stderr
    assert "Traceback" not in result.output
    assert user_count(engine) == 1


def test_users_create_refuses_a_short_password(engine: Engine) -> None:
    result = run("users", "create", "--email", "ada@example.com", "--password", "short")
    assert result.exit_code == 1
    assert "at least 8 characters" in result.stderr
    assert user_count(engine) == 0


def test_users_create_refuses_an_invalid_email(engine: Engine) -> None:
    result = run("users", "create", "--email", "not-an-email", "--password", PASSWORD)
    assert result.exit_code == 1
    assert "valid email" in result.stderr
    assert user_count(engine) == 0


def test_users_create_refuses_an_unknown_plan_and_lists_the_plans(engine: Engine) -> None:
    result = run(
        "users", "create", "--email", "ada@example.com", "--password", PASSWORD, "--plan", "gold"
    )
    assert result.exit_code == 1
    assert "gold" in result.stderr
    assert "free, pro" in result.stderr
    assert user_count(engine) == 0


def test_users_create_requires_email_and_password(engine: Engine) -> None:
    assert run("users", "create", "--email", "ada@example.com").exit_code != 0
    assert run("users", "create", "--password", PASSWORD).exit_code != 0
    assert user_count(engine) == 0


def test_users_set_plan_moves_the_user(engine: Engine, existing: User) -> None:
    result = run("users", "set-plan", "ada@example.com", "pro")
    assert result.exit_code == 0, result.output
    assert "pro" in result.stdout
    user = stored_user(engine, "ada@example.com")
    assert user is not None
    assert user.plan == "pro"

    result = run("users", "set-plan", "ADA@example.com", "free")
    assert result.exit_code == 0, result.output
    user = stored_user(engine, "ada@example.com")
    assert user is not None
    assert user.plan == "free"


def test_users_set_plan_refuses_an_unknown_plan_and_lists_the_plans(
    engine: Engine, existing: User
) -> None:
    result = run("users", "set-plan", "ada@example.com", "enterprise")
    assert result.exit_code == 1
    assert "enterprise" in result.stderr
    assert "free, pro" in result.stderr
    user = stored_user(engine, "ada@example.com")
    assert user is not None
    assert user.plan == "free"


def test_users_set_plan_refuses_an_unknown_email(engine: Engine, existing: User) -> None:
    result = run("users", "set-plan", "nobody@example.com", "pro")
    assert result.exit_code == 1
    assert "No user has the email 'nobody@example.com'" in result.stderr
    assert "Traceback" not in result.output
    user = stored_user(engine, "ada@example.com")
    assert user is not None
    assert user.plan == "free"


def test_db_upgrade_succeeds_on_a_current_database(database_url: str) -> None:
    result = run("db", "upgrade")
    assert result.exit_code == 0, result.output
    assert "current schema" in result.stdout


def test_cli_brings_a_fresh_database_to_the_current_schema(tmp_path, monkeypatch) -> None:
    # No `database_url` fixture here: the database file does not exist yet.
    from interview_app import db
    from interview_app.config import get_settings

    url = f"sqlite:///{tmp_path / 'brand-new' / 'app.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    db.get_engine.cache_clear()

    result = run("users", "create", "--email", "ada@example.com", "--password", PASSWORD)
    assert result.exit_code == 0, result.output

    engine = db.make_engine(url)
    try:
        user = stored_user(engine, "ada@example.com")
        assert user is not None
        assert user.plan == "free"
    finally:
        engine.dispose()
        db.get_engine().dispose()


def test_run_refuses_several_workers_without_redis(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REDIS_URL", raising=False)
    result = run("run", "--workers", "2")
    assert result.exit_code == 1
    assert "needs REDIS_URL" in result.stderr
    assert "Traceback" not in result.output


def test_run_refuses_a_redis_that_does_not_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REDIS_URL", "redis://:secret@127.0.0.1:1/0")
    get_settings.cache_clear()
    result = run("run", "--workers", "1")
    assert result.exit_code == 1
    assert "127.0.0.1:1 (REDIS_URL) does not answer" in result.stderr
    assert "secret" not in result.output


def test_an_unreachable_database_is_named_without_its_password_and_without_a_traceback() -> None:
    url = f"postgresql+psycopg://app:s3cret-pw@127.0.0.1:{free_port()}/interview"
    env = {**os.environ, "DATABASE_URL": url, "DATABASE_WAIT_SECONDS": "2"}
    command = [str(Path(sys.executable).with_name("interview-app")), "db", "purge"]

    started = time.monotonic()
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)

    assert result.returncode == 1
    assert time.monotonic() - started >= 2  # it kept trying for DATABASE_WAIT_SECONDS
    assert "cannot be reached after 2 s" in result.stderr
    assert f"127.0.0.1:{url.rsplit(':', 1)[1].split('/')[0]}/interview" in result.stderr
    assert "s3cret-pw" not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr
