"""Back up and restore the app's database (`interview-app db backup/restore`).

PostgreSQL goes through `pg_dump`/`pg_restore`, a SQLite file through SQLite's online backup;
both read a consistent snapshot while the app keeps running.
"""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import URL, make_url


class BackupError(Exception):
    """A backup or restore failed; the message says why (never the password)."""


def _postgres_tool(name: str) -> str:
    # Prefer the newest installed server's tools: pg_dump must not be older than the server.
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    found = candidates[0] if candidates else shutil.which(name)
    if not found:
        msg = f"`{name}` is not installed (Debian package `postgresql-client`)."
        raise BackupError(msg)
    return found


def _libpq_target(url: URL) -> tuple[str, dict[str, str]]:
    # The password travels in the environment, not on a command line others can see.
    env = {**os.environ}
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        msg = f"{what} failed: {result.stderr.strip()[-1500:]}"
        raise BackupError(msg)


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        msg = "An in-memory SQLite database cannot be backed up."
        raise BackupError(msg)
    return Path(url.database)


def backup_database(database_url: str, destination: Path) -> None:
    """Write a consistent copy of the database to `destination`.

    Args:
        database_url: The app's `DATABASE_URL`.
        destination: The backup file (PostgreSQL: `pg_dump` custom format; SQLite: a copy).

    Raises:
        BackupError: The dump failed.
    """
    url = make_url(database_url)
    destination.parent.mkdir(parents=True, exist_ok=True)
    # It holds every account's email, password hash and transcripts: the owner's eyes only,
    # from its first byte (pg_dump and SQLite write into the file as it is).
    destination.touch(mode=0o600)
    destination.chmod(0o600)
    if url.get_backend_name() == "postgresql":
        target, env = _libpq_target(url)
        command = [_postgres_tool("pg_dump"), "--format=custom", "--file", str(destination)]
        _run([*command, target], env, "pg_dump")
        return
    source = sqlite3.connect(_sqlite_path(url))
    copy = sqlite3.connect(destination)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()


def restore_database(database_url: str, source: Path) -> None:
    """Replace the database's contents with a backup made by `backup_database`.

    Args:
        database_url: The app's `DATABASE_URL`.
        source: The backup file.

    Raises:
        BackupError: The file is missing or the restore failed (nothing is changed then).
    """
    if not source.is_file():
        msg = f"No backup file at {source}."
        raise BackupError(msg)
    url = make_url(database_url)
    if url.get_backend_name() == "postgresql":
        target, env = _libpq_target(url)
        command = [
            _postgres_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--dbname",
            target,
            str(source),
        ]
        _run(command, env, "pg_restore")
        return
    backup = sqlite3.connect(source)
    live = sqlite3.connect(_sqlite_path(url))
    try:
        backup.backup(live)
    finally:
        live.close()
        backup.close()
