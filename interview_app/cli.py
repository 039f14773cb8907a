"""The `interview-app` command: run the app, migrate, manage users (SPEC §11).

`review` also reviews a transcript file, without a database, as the app's feedback would;
`transcribe` recognises the speech in an audio file with the configured Whisper model.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import NoReturn

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
from interview_app.services.errors import DomainError, FeedbackError, InvalidInputError
from interview_app.services.feedback.generators import GENERATORS, select_generator
from interview_app.services.feedback.report import render_answers_markdown, render_markdown
from interview_app.services.feedback.standalone import (
    TranscriptFileError,
    parse_transcript_document,
    review_transcript,
)
from interview_app.services.languages import DEFAULT_LANGUAGE, LANGUAGES
from interview_app.services.speech.recognizer import (
    NotAudioError,
    SpeechUnavailableError,
    decode_file,
    transcribe_samples,
)

# Commands that work on files alone: they neither wait for nor migrate the database.
_WITHOUT_DATABASE = frozenset({"review", "transcribe"})
# What `review` refuses to start with (a missing file, bad JSON, no key) exits with this.
_USAGE_EXIT = 2


def _fail(message: str, code: int = 1) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


@click.group()
@click.pass_context
def main(context: click.Context) -> None:
    """Self-hosted mock interview practice.

    Every command but `review` first migrates the database.
    """
    log_redaction.install()
    if context.invoked_subcommand in _WITHOUT_DATABASE:
        return
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


def _read_text(path: Path, what: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        _fail(f"{what} {path} does not exist.", _USAGE_EXIT)
    except (OSError, UnicodeDecodeError) as error:
        _fail(f"cannot read {what} {path}: {error}", _USAGE_EXIT)


@main.command()
@click.argument("transcript", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--job-description",
    "job_description",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="A text file with the job description.",
)
@click.option("--title", default=None, help="The job's title.")
@click.option(
    "--level",
    type=click.Choice(["junior", "mid-level", "senior"]),
    default="mid-level",
    show_default=True,
)
@click.option(
    "--generator",
    "generator_name",
    type=click.Choice([row.name for row in GENERATORS]),
    default=None,
    help=(
        "Who writes the feedback (default: as the app would: llm when LLM_BASE_URL and "
        "LLM_MODEL are set, else gemini when GEMINI_API_KEY is, else automatic)."
    ),
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["json", "markdown"]),
    default="json",
    show_default=True,
)
@click.option(
    "--language",
    type=click.Choice([language.code for language in LANGUAGES]),
    default=DEFAULT_LANGUAGE,
    show_default=True,
    help="The interview's language: the feedback is written in it.",
)
@click.option(
    "--resume",
    "resume_path",
    default=None,
    type=click.Path(dir_okay=False, path_type=Path),
    help="A text file with the candidate's résumé, to check the answers against.",
)
def review(
    transcript: Path,
    job_description: Path,
    title: str | None,
    level: str,
    generator_name: str | None,
    output_format: str,
    language: str,
    resume_path: Path | None,
) -> None:
    """Review TRANSCRIPT (the app's JSON download) and print the feedback; no database.

    The JSON has overall_score, categories (name, score 0-10 or null when not measured,
    markdown), answers (question, answer, score, star, quotes, ...), key_terms and
    candidate_questions.
    """
    settings = get_settings()
    transcript_text = _read_text(transcript, "The transcript")
    description = _read_text(job_description, "The job description")
    resume_text = _read_text(resume_path, "The résumé") if resume_path is not None else ""
    try:
        entries = parse_transcript_document(transcript_text)
    except TranscriptFileError as error:
        _fail(f"{transcript} is not a transcript: {error}.", _USAGE_EXIT)
    if generator_name is None:
        generator = select_generator(settings)
    else:
        generator = next(row for row in GENERATORS if row.name == generator_name)
    if not generator.configured(settings):
        _fail(f"--generator {generator.name} needs {generator.needs} to be set.", _USAGE_EXIT)
    try:
        report = asyncio.run(
            review_transcript(
                transcript=entries,
                job_description=description,
                job_title=title,
                experience_level=level,
                generator=generator,
                settings=settings,
                language=language,
                resume_text=resume_text,
            )
        )
    except FeedbackError as error:
        _fail(str(error))
    if output_format == "json":
        click.echo(json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False))
    else:
        click.echo(render_markdown(report) + "\n" + render_answers_markdown(report), nl=False)


@main.command()
@click.argument("audio", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--language", default=None, help="The language spoken (default: WHISPER_LANGUAGE).")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["json", "text"]),
    default="json",
    show_default=True,
)
def transcribe(audio: Path, language: str | None, output_format: str) -> None:
    """Recognise the speech in AUDIO (a WAV file) with WHISPER_MODEL; no database.

    The JSON has text, language, duration_ms and words (each word, start_ms, end_ms).
    """
    settings = get_settings()
    if not audio.is_file():
        _fail(f"{audio} does not exist.", _USAGE_EXIT)
    try:
        transcription = transcribe_samples(decode_file(audio), settings=settings, language=language)
    except NotAudioError as error:
        _fail(str(error), _USAGE_EXIT)
    except SpeechUnavailableError:
        _fail(
            f"speech recognition is unavailable: the model {settings.whisper_model!r} "
            "(WHISPER_MODEL) or the faster-whisper package is missing."
        )
    if output_format == "json":
        click.echo(json.dumps(transcription.as_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(transcription.text)
