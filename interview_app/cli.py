"""The `interview-app` command: run the app, migrate, and manage users (SPEC §11)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import click

from interview_app.db import migrate, open_session
from interview_app.services.auth import purge_stale_sign_in_data
from interview_app.services.errors import DomainError, InvalidInputError
from interview_app.services.users import create_local_user, set_plan

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


@click.group()
def main() -> None:
    """Self-hosted mock interview practice. Every command first migrates the database."""
    migrate()


@main.command()
@click.option("--port", default=3000, show_default=True, help="Port of the web app.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
def run(port: int, host: str) -> None:
    """Build the frontend and serve the whole app on one port."""
    reflex = shutil.which("reflex") or str(Path(sys.executable).with_name("reflex"))
    click.echo(f"Starting Interview Coach on http://{host}:{port} (first build takes a minute)")
    os.chdir(PROJECT_ROOT)
    os.execv(
        reflex,
        [
            reflex,
            "run",
            "--env",
            "prod",
            "--frontend-port",
            str(port),
            "--backend-port",
            str(port),
            "--backend-host",
            host,
        ],
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
