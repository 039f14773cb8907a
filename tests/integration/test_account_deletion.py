"""Deleting an account leaves nothing of its user in any table, and nobody else's data goes.

On real SQLite and PostgreSQL: the user is given a row in every kind of table first.
"""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, Uuid, select, text
from sqlmodel import Session, SQLModel, col

from interview_app.cli import main
from interview_app.models import (
    AnswerAttempt,
    AnswerRecording,
    Interview,
    JobInfo,
    ModelCallCount,
    SignInThrottle,
    User,
)
from interview_app.services.accounts.deletion import delete_user
from interview_app.services.accounts.sessions import (
    authenticate,
    create_sign_in_ticket,
    email_throttle_key,
    start_session,
    user_for_session_token,
)
from interview_app.services.calls.practice import open_practice
from interview_app.services.errors import DomainError, NotFoundError
from interview_app.services.interviews.lifecycle import create_interview
from interview_app.services.resumes.store import create_resume_from_text
from tests.support_feedback import add_finished_interview, add_user, job_info_of

PASSWORD = "correct horse battery"


def _everything_of(session: Session, email: str) -> tuple[User, str]:
    """A user with a row in every table that can hold one of theirs; returns the session."""
    user = add_user(session, email)
    user.password_hash = None
    interview = add_finished_interview(session, user.id)
    interview.feedback = "## Overall Rating: 6/10"
    session.add(interview)
    session.commit()
    # A second interview spends a rate-limit token (the bucket row).
    practice = create_interview(
        session=session,
        user_id=user.id,
        job_info_id=job_info_of(session, interview).id,
        voice_provider="practice",
    )
    # A practice's planned questions, and a retried answer of the finished interview.
    open_practice(session=session, user_id=user.id, interview_id=practice.id)
    session.add(
        AnswerAttempt(interview_id=interview.id, question_index=0, question="Q?", answer="A.")
    )
    # A spoken answer the server recognised, its audio kept.
    session.add(
        AnswerRecording(
            interview_id=practice.id,
            language="en",
            duration_ms=900,
            text="Yes.",
            words='[{"word": "Yes.", "start_ms": 100, "end_ms": 500}]',
            audio=b"RIFF",
        )
    )
    token = start_session(session=session, user_id=user.id, next_path="/app").token
    create_sign_in_ticket(session=session, user_id=user.id, next_path="/app", browser_binding="b")
    session.add(ModelCallCount(user_id=user.id, day=date(2026, 12, 3), calls=2))
    # A résumé, linked to the job info.
    resume = create_resume_from_text(
        session=session,
        user_id=user.id,
        name="CV",
        text="Senior Engineer, Acme GmbH (2019-2023). Built Ledgerlite, a bookkeeping library. "
        "Skills: Python, Go, SQL, Kubernetes, Terraform, PostgreSQL, Redis, Kafka and Django.",
    )
    job_info = job_info_of(session, interview)
    job_info.resume_id = resume.id
    session.add(job_info)
    session.commit()
    with pytest.raises(DomainError):
        authenticate(session=session, email=email, password="wrong password")
    return user, token


def _rows_mentioning(engine: Engine, ids: set[uuid.UUID], throttle_key: str) -> list[str]:
    found = []
    with engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            for column in table.columns:
                if isinstance(column.type, Uuid):
                    hits = connection.execute(select(column).where(column.in_(list(ids)))).all()
                    found += [f"{table.name}.{column.name}"] * len(hits)
        throttles = connection.execute(
            text("SELECT count(*) FROM sign_in_throttles WHERE key = :key"), {"key": throttle_key}
        ).scalar_one()
        found += ["sign_in_throttles.key"] * throttles
    return found


def _ids_of(engine: Engine, user_id: uuid.UUID) -> set[uuid.UUID]:
    """The user's id and the ids of their job infos and interviews."""
    with Session(engine) as fresh:
        job_ids = set(fresh.scalars(select(JobInfo.id).where(JobInfo.user_id == user_id)))
        interview_ids = set(
            fresh.scalars(select(Interview.id).where(col(Interview.job_info_id).in_(job_ids)))
        )
    return {user_id} | job_ids | interview_ids


def test_deleting_an_account_leaves_nothing_of_its_user(engine: Engine, session: Session) -> None:
    ada, ada_token = _everything_of(session, "ada@example.com")
    bob, bob_token = _everything_of(session, "bob@example.com")
    ada_ids, bob_ids = _ids_of(engine, ada.id), _ids_of(engine, bob.id)
    ada_key, bob_key = email_throttle_key(ada.email), email_throttle_key(bob.email)
    assert session.get(SignInThrottle, ada_key) is not None
    bob_rows = _rows_mentioning(engine, bob_ids, bob_key)
    tables_before = {found.split(".")[0] for found in _rows_mentioning(engine, ada_ids, ada_key)}
    assert tables_before == {table.name for table in SQLModel.metadata.sorted_tables}

    delete_user(session=session, user_id=ada.id)

    assert _rows_mentioning(engine, ada_ids, ada_key) == []
    with engine.connect() as connection:
        left = connection.execute(text("SELECT count(*) FROM transcript_messages")).scalar_one()
    assert left > 0  # Bob's transcript stays
    assert _rows_mentioning(engine, bob_ids, bob_key) == bob_rows
    with Session(engine) as fresh:
        assert user_for_session_token(session=fresh, token=ada_token) is None
        assert user_for_session_token(session=fresh, token=bob_token) is not None
        with pytest.raises(NotFoundError):
            delete_user(session=fresh, user_id=ada.id)


def test_the_operator_deletes_an_account_from_the_command_line(
    engine: Engine, session: Session
) -> None:
    ada, _token = _everything_of(session, "ada@example.com")
    ada_ids = _ids_of(engine, ada.id)

    result = CliRunner().invoke(main, ["users", "delete", "ada@example.com", "--yes"])

    assert result.exit_code == 0, result.output
    assert _rows_mentioning(engine, ada_ids, email_throttle_key(ada.email)) == []
    missing = CliRunner().invoke(main, ["users", "delete", "ada@example.com", "--yes"])
    assert missing.exit_code != 0
    assert "No user has the email" in missing.output
