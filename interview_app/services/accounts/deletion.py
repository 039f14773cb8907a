"""Deleting an account and everything in it, in one transaction.

A user's data is theirs: deleting the account removes their job infos, interviews,
transcripts and feedback, their sessions and sign-in tickets, their rate-limit and
model-call counters, and the sign-in throttle kept under their email. The rows are deleted
explicitly, children first, rather than left to foreign-key cascades, so the same
statements do the whole job on every database.
"""

from __future__ import annotations

import uuid

from sqlmodel import Session, col, delete, select

from interview_app.models import (
    AuthSession,
    Interview,
    JobInfo,
    ModelCallCount,
    RateLimitBucket,
    SignInThrottle,
    SignInTicket,
    TranscriptMessage,
    User,
)
from interview_app.services.accounts.sessions import email_throttle_key
from interview_app.services.accounts.users import get_user_by_email
from interview_app.services.errors import NotFoundError
from interview_app.services.ids import parse_id


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
        msg = f"No user has the email {email.strip().lower()!r}."
        raise LookupError(msg)
    delete_user(session=session, user_id=user.id)
