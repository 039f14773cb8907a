"""The `interview-app` command: run the app, migrate, and manage users (SPEC §11)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from interview_app import log_redaction
from interview_app.backup import BackupError, backup_database, restore_database
from interview_app.config import get_settings
from interview_app.db import DatabaseUnreachableError, migrate, open_session, wait_for_database
from interview_app.health import RedisUnavailableError, check_redis
from interview_app.server import (
    ServerConfigError,
    available_cores,
    build_frontend,
    choose_workers,
    ensure_frontend_built,
    redis_state_environment,
    serve,
)
from interview_app.services.accounts.deletion import delete_user_by_email
from interview_app.services.accounts.sessions import purge_stale_sign_in_data
from interview_app.services.accounts.users import create_local_user, set_plan
from interview_app.services.errors import DomainError, InvalidInputError


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


@click.group()
def main() -> None:
    """Self-hosted mock interview practice. Every command first migrates the database."""
    log_redaction.install()
    try:
        wait_for_database()
    except DatabaseUnreachableError as error:
        _fail(str(error))
    migrate()


@main.command()
@click.option("--public-url", default=None, help="Address browsers use (default: PUBLIC_URL).")
@click.option("--port", default=3000, show_default=True, help="Port the default URL uses.")
def build(public_url: str | None, port: int) -> None:
    """Build the frontend once; every instance started from this folder serves it."""
    url = public_url or get_settings().resolved_public_url(port)
    try:
        build_frontend(url)
    except ServerConfigError as error:
        _fail(str(error))
    click.echo(f"Built the frontend for {url}.")


@main.command()
@click.option("--port", default=3000, show_default=True, help="Port of the web app.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--workers",
    type=int,
    default=None,
    help="Backend worker processes (default: 1, or one per CPU core with REDIS_URL).",
)
@click.option(
    "--build/--no-build",
    default=True,
    show_default=True,
    help="Build the frontend when it is missing or stale (--no-build: refuse instead).",
)
def run(port: int, host: str, workers: int | None, build: bool) -> None:
    """Serve the whole app on one port, building the frontend first if needed."""
    settings = get_settings()
    public_url = settings.resolved_public_url(port)
    try:
        worker_count = choose_workers(
            workers, redis_url=settings.redis_url, cores=available_cores()
        )
        if settings.redis_url:
            check_redis(settings.redis_url)
        if ensure_frontend_built(public_url, allow_build=build):
            click.echo(f"Built the frontend for {public_url}.")
    except (ServerConfigError, RedisUnavailableError) as error:
        _fail(str(error))
    click.echo(
        f"Starting Interview Coach on http://{host}:{port} with {worker_count} worker(s); "
        f"browsers use {public_url}"
    )
    serve(
        host=host,
        port=port,
        workers=worker_count,
        environment=redis_state_environment(
            redis_url=settings.redis_url, hold_seconds=settings.redis_state_hold_seconds
        ),
    )


@main.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Bring the database to the current schema (every command does this first)."""
    click.echo("Database is at the current schema.")


@db.command("purge")
def db_purge() -> None:
    """Delete expired and revoked sessions, expired sign-in tickets and spent throttles.

    Sign-ins also do this now and then; run it from cron to keep the tables small on an
    installation where few people sign in.
    """
    with open_session() as session:
        counts = purge_stale_sign_in_data(session=session)
    click.echo(
        f"Removed {counts.sessions} sessions, {counts.tickets} sign-in tickets and "
        f"{counts.throttles} sign-in throttles."
    )


@db.command("backup")
@click.argument("destination", type=click.Path(dir_okay=False, path_type=Path))
def db_backup(destination: Path) -> None:
    """Write a backup of the database to DESTINATION (safe while the app runs)."""
    try:
        backup_database(get_settings().database_url, destination)
    except BackupError as error:
        _fail(str(error))
    click.echo(f"Backed up the database to {destination}.")


@db.command("restore")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.confirmation_option(prompt="Replace everything in the database with the backup?")
def db_restore(source: Path) -> None:
    """Replace the database's contents with the backup in SOURCE, then migrate it."""
    try:
        restore_database(get_settings().database_url, source)
    except BackupError as error:
        _fail(str(error))
    migrate()
    click.echo(f"Restored the database from {source}.")


@main.group()
def users() -> None:
    """Create users and change their plans."""


@users.command("create")
@click.option("--email", required=True)
@click.option("--password", required=True)
@click.option("--name", default=None, help="Display name (defaults to the email's local part).")
@click.option("--plan", default=None, help="A configured plan (default: the default plan).")
def users_create(email: str, password: str, name: str | None, plan: str | None) -> None:
    """Create a local account."""
    try:
        with open_session() as session:
            user = create_local_user(
                session=session,
                email=email,
                password=password,
                name=name or email.split("@")[0],
                plan=plan,
            )
    except InvalidInputError as error:
        _fail(" ".join(error.field_errors.values()))
    except DomainError as error:
        _fail(str(error))
    else:
        click.echo(f"Created {user.email} on plan {user.plan} (id {user.id}).")


@users.command("set-plan")
@click.argument("email")
@click.argument("plan")
def users_set_plan(email: str, plan: str) -> None:
    """Move the user with EMAIL to PLAN; it applies to their next request."""
    try:
        with open_session() as session:
            user = set_plan(session=session, email=email, plan=plan)
    except InvalidInputError as error:
        _fail(" ".join(error.field_errors.values()))
    except LookupError as error:
        _fail(str(error.args[0]))
    else:
        click.echo(f"{user.email} is now on plan {user.plan}.")


@users.command("delete")
@click.argument("email")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def users_delete(email: str, yes: bool) -> None:
    """Delete the user with EMAIL and everything in their account; their sessions end."""
    if not yes:
        click.confirm(
            f"Delete {email} and all their job infos, interviews and feedback?", abort=True
        )
    try:
        with open_session() as session:
            delete_user_by_email(session=session, email=email)
    except LookupError as error:
        _fail(str(error.args[0]))
    else:
        click.echo(f"Deleted {email} and everything in their account.")
