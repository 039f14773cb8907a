"""A user's data is theirs: the archive holds all of it (and nobody else's); deleting asks proof."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from interview_app.models import AnswerAttempt, AuthSession, User, utcnow
from interview_app.services.accounts.deletion import (
    ReauthenticationRequiredError,
    delete_own_account,
)
from interview_app.services.accounts.sessions import session_token_digest, start_session
from interview_app.services.accounts.users import create_local_user
from interview_app.services.errors import InvalidCredentialsError
from interview_app.services.privacy.export import export_account
from tests.support_feedback import add_finished_interview, add_user

PASSWORD = "correct horse battery"


def test_the_archive_holds_the_users_account_jobs_interviews_and_feedback(
    session: Session,
) -> None:
    ada = add_user(session, "ada@example.com", name="Ada Lovelace")
    interview = add_finished_interview(session, ada.id)
    interview.feedback = "## Overall Rating: 6/10\n\nClear answers."
    session.add(interview)
    session.add(
        AnswerAttempt(
            interview_id=interview.id,
            question_index=0,
            question="Tell me about a system you designed.",
            answer="My retried answer about the ledger.",
        )
    )
    session.commit()
    bob = add_user(session, "bob@example.com", name="Bob")
    add_finished_interview(session, bob.id)

    archive = export_account(session=session, user_id=ada.id)

    assert archive.filename.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(archive.body)) as opened:
        names = opened.namelist()
        account = json.loads(opened.read("account.json"))
        jobs = json.loads(opened.read("job_infos.json"))
        [document_name] = [name for name in names if name.endswith(".json") and "/" in name]
        document = json.loads(opened.read(document_name))
        transcript_md = opened.read(document_name.replace(".json", "-transcript.md")).decode()
        feedback_md = opened.read(document_name.replace(".json", "-feedback.md")).decode()
        # Read file by file: the archive is compressed, so its raw bytes show no text.
        everything = "".join(opened.read(name).decode() for name in names)
    assert account["email"] == "ada@example.com"
    assert [job["name"] for job in jobs] == ["Payments team"]
    assert document["id"] == str(interview.id)
    assert len(document["transcript"]) > 0
    assert document["feedback_markdown"].startswith("## Overall Rating: 6/10")
    assert document["delivery_metrics"]["questions_asked"] > 0
    assert [attempt["answer"] for attempt in document["retried_answers"]] == [
        "My retried answer about the ledger."
    ]
    assert "I designed a payments API" in transcript_md
    assert feedback_md.startswith("## Overall Rating")
    assert "ada@example.com" in everything
    assert "bob@example.com" not in everything


def test_deleting_ones_own_account_needs_the_password(session: Session) -> None:
    ada = create_local_user(session=session, email="ada@example.com", password=PASSWORD, name="A")
    token = start_session(session=session, user_id=ada.id, next_path="/app").token

    with pytest.raises(InvalidCredentialsError):
        delete_own_account(session=session, user_id=ada.id, password="wrong", session_token=token)
    assert session.get(User, ada.id) is not None

    delete_own_account(session=session, user_id=ada.id, password=PASSWORD, session_token=token)
    assert session.get(User, ada.id) is None


def test_an_identity_provider_account_needs_a_recent_sign_in(session: Session) -> None:
    ada = User(
        email="ada@example.com",
        name="Ada",
        plan="free",
        oidc_issuer="https://id",
        oidc_subject="s1",
    )
    session.add(ada)
    session.commit()
    token = start_session(session=session, user_id=ada.id, next_path="/app").token
    stored = session.exec(
        select(AuthSession).where(AuthSession.token_hash == session_token_digest(token))
    ).one()
    stored.created_at = utcnow() - timedelta(minutes=30)
    session.add(stored)
    session.commit()

    with pytest.raises(ReauthenticationRequiredError):
        delete_own_account(session=session, user_id=ada.id, password="", session_token=token)

    fresh = start_session(session=session, user_id=ada.id, next_path="/app").token
    delete_own_account(session=session, user_id=ada.id, password="", session_token=fresh)
    assert session.get(User, ada.id) is None
