"""Deleting an account and everything in it, in one transaction.

A user's data is theirs: deleting the account removes their résumés, job infos,
interviews, transcripts and feedback, their sessions and sign-in tickets, their rate-limit and
model-call counters, and the sign-in throttle kept under their email. The rows are deleted
explicitly, children first, rather than left to foreign-key cascades, so the same
statements do the whole job on every database.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlmodel import Session, col, delete, select

from interview_app.models import (
    AuthSession,
    Interview,
    JobInfo,
    ModelCallCount,
    RateLimitBucket,
    Resume,
    SignInThrottle,
    SignInTicket,
    TranscriptMessage,
    User,
    utcnow,
)
from interview_app.services.accounts.sessions import (
    authenticate,
    email_throttle_key,
    session_token_digest,
)
from interview_app.services.accounts.users import get_user_by_email
from interview_app.services.errors import DomainError, NotFoundError, PermissionDeniedError
from interview_app.services.ids import parse_id
from interview_app.services.validation import normalize_email

# An identity-provider account proves it is its owner by a sign-in this recent.
REAUTHENTICATE_WITHIN = timedelta(minutes=10)


class ReauthenticationRequiredError(DomainError):
    """The account signs in with an identity provider and the last sign-in is not recent."""

    default_message = (
        "For your safety, sign in again with your identity provider, then delete your "
        "account within 10 minutes."
    )


def delete_user(*, session: Session, user_id: uuid.UUID | str) -> None:
    """Delete a user and everything the app holds about them; their sessions end at once.

    Args:
        session: Open database session, without uncommitted changes; committed here.
        user_id: The user to delete.

    Raises:
        NotFoundError: No such user.
    """
    user = session.get(User, parse_id(user_id))
    if user is None:
        raise NotFoundError()
    job_infos = select(JobInfo.id).where(JobInfo.user_id == user.id)
    interviews = select(Interview.id).where(col(Interview.job_info_id).in_(job_infos))
    for statement in (
        delete(TranscriptMessage).where(col(TranscriptMessage.interview_id).in_(interviews)),
        delete(Interview).where(col(Interview.job_info_id).in_(job_infos)),
        delete(JobInfo).where(col(JobInfo.user_id) == user.id),
        delete(Resume).where(col(Resume.user_id) == user.id),
        delete(AuthSession).where(col(AuthSession.user_id) == user.id),
        delete(SignInTicket).where(col(SignInTicket.user_id) == user.id),
        delete(RateLimitBucket).where(col(RateLimitBucket.user_id) == user.id),
        delete(ModelCallCount).where(col(ModelCallCount.user_id) == user.id),
        delete(SignInThrottle).where(col(SignInThrottle.key) == email_throttle_key(user.email)),
        delete(User).where(col(User.id) == user.id),
    ):
        session.exec(statement)  # type: ignore[call-overload]
    session.commit()
    session.expunge_all()


def delete_own_account(
    *,
    session: Session,
    user_id: uuid.UUID | str | None,
    password: str,
    session_token: str | None,
    client_address: str | None = None,
) -> None:
    """Delete the acting user's account once they proved it is them, now.

    An account with a password asks for it again (failures count against the sign-in
    throttle, like a sign-in). An account that signs in with an identity provider asks for
    a sign-in within the last `REAUTHENTICATE_WITHIN`.

    Args:
        session: Open database session; committed here.
        user_id: The acting user.
        password: The password as typed ("" for identity-provider accounts).
        session_token: The browser's session token, for when it signed in.
        client_address: The browser's address, for the throttle.

    Raises:
        PermissionDeniedError: Not signed in.
        InvalidCredentialsError: The password is wrong.
        TooManyAttemptsError: Too many wrong passwords; try later.
        ReauthenticationRequiredError: An identity-provider sign-in is not recent enough.
    """
    user = session.get(User, parse_id(user_id)) if user_id is not None else None
    if user is None:
        raise PermissionDeniedError()
    if user.password_hash is not None:
        authenticate(
            session=session, email=user.email, password=password, client_address=client_address
        )
    elif not _signed_in_recently(session, user.id, session_token or ""):
        raise ReauthenticationRequiredError()
    delete_user(session=session, user_id=user.id)


def _signed_in_recently(session: Session, user_id: uuid.UUID, token: str) -> bool:
    # The browser's own session, started within the window (compared by the database).
    started = session.exec(
        select(AuthSession.id).where(
            AuthSession.user_id == user_id,
            AuthSession.token_hash == session_token_digest(token),
            col(AuthSession.created_at) >= utcnow() - REAUTHENTICATE_WITHIN,
        )
    ).first()
    return started is not None


def delete_user_by_email(*, session: Session, email: str) -> None:
    """Delete the user with this email and everything in their account (the operator's tool).

    Args:
        session: Open database session; committed here.
        email: The user's email.

    Raises:
        LookupError: No user has this email.
    """
    user = get_user_by_email(session=session, email=email)
    if user is None:
        msg = f"No user has the email {normalize_email(email)!r}."
        raise LookupError(msg)
    delete_user(session=session, user_id=user.id)
