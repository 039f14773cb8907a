from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result
from sqlalchemy import Engine
from sqlmodel import Session, select

from interview_app.cli import main
from interview_app.db import make_engine, migrate
from interview_app.models import User
from interview_app.services.accounts.sessions import authenticate

PASSWORD = "correct horse battery"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def create_user(email: str) -> None:
    result = run("users", "create", "--email", email, "--password", PASSWORD)
    assert result.exit_code == 0, result.output


def emails(engine: Engine) -> set[str]:
    with Session(engine) as fresh:
        return set(fresh.exec(select(User.email)).all())


def test_a_backup_restores_the_data_as_it_was(engine: Engine, tmp_path: Path) -> None:
    assert (
        run("users", "create", "--email", "ada@example.com", "--password", PASSWORD).exit_code == 0
    )
    backup = tmp_path / "backups" / "app.dump"
    result = run("db", "backup", str(backup))
    assert result.exit_code == 0, result.output
    assert backup.stat().st_size > 0

    assert (
        run("users", "create", "--email", "bob@example.com", "--password", PASSWORD).exit_code == 0
    )
    assert run("users", "set-plan", "ada@example.com", "pro").exit_code == 0
    assert emails(engine) == {"ada@example.com", "bob@example.com"}

    result = run("db", "restore", "--yes", str(backup))
    assert result.exit_code == 0, result.output
    engine.dispose()
    assert emails(engine) == {"ada@example.com"}
    with Session(engine) as fresh:
        ada = authenticate(session=fresh, email="ada@example.com", password=PASSWORD)
        assert ada.plan == "free"


def test_restore_of_a_missing_file_changes_nothing(engine: Engine, tmp_path: Path) -> None:
    assert (
        run("users", "create", "--email", "ada@example.com", "--password", PASSWORD).exit_code == 0
    )
    result = run("db", "restore", "--yes", str(tmp_path / "nope.dump"))
    assert result.exit_code == 1
    assert "No backup file" in result.stderr
    assert "Traceback" not in result.output
    assert emails(engine) == {"ada@example.com"}


def test_a_backup_is_readable_by_its_owner_only(engine: Engine, tmp_path: Path) -> None:
    create_user("ada@example.com")
    backup = tmp_path / "app.dump"
    backup.touch()
    backup.chmod(0o644)
    result = run("db", "backup", str(backup))
    assert result.exit_code == 0, result.output
    assert backup.stat().st_mode & 0o777 == 0o600


def test_the_sqlite_database_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    fresh = tmp_path / "new" / "app.db"
    migrate(make_engine(f"sqlite:///{fresh}"))
    assert fresh.stat().st_mode & 0o777 == 0o600
    older = tmp_path / "older.db"
    migrate(make_engine(f"sqlite:///{older}"))
    older.chmod(0o644)
    migrate(make_engine(f"sqlite:///{older}"))
    assert older.stat().st_mode & 0o777 == 0o600
