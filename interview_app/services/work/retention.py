"""Interviews kept no longer than the operator says (`INTERVIEW_RETENTION_DAYS`).

Every worker's sweep deletes the interviews created longer ago than the retention period,
with their transcripts and feedback, a batch per transaction. Job infos and accounts stay:
what expires is what was said in an interview.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, delete, select

from interview_app.config import get_settings
from interview_app.db import open_session
from interview_app.models import Interview, TranscriptMessage, utcnow

BATCH = 500


def delete_expired_interviews(*, session: Session, now: datetime | None = None) -> int:
    """Delete up to one batch of interviews older than the retention period.

    Args:
        session: Open database session; committed here.
        now: The current time (for tests); the clock when omitted.

    Returns:
        How many interviews were deleted (0 when no retention period is set).
    """
    days = get_settings().interview_retention_days
    if days == 0:
        return 0
    cutoff = (now or utcnow()) - timedelta(days=days)
    expired = list(
        session.exec(
            select(Interview.id)
            .where(col(Interview.created_at) < cutoff)
            .order_by(col(Interview.created_at))
            .limit(BATCH)
        ).all()
    )
    if not expired:
        return 0
    session.exec(  # type: ignore[call-overload]
        delete(TranscriptMessage).where(col(TranscriptMessage.interview_id).in_(expired))
    )
    session.exec(delete(Interview).where(col(Interview.id).in_(expired)))  # type: ignore[call-overload]
    session.commit()
    return len(expired)


def delete_all_expired_interviews() -> int:
    """Delete every interview older than the retention period, batch by batch.

    Returns:
        How many interviews were deleted (0 at once, no database work, when no retention
        period is set: every worker's sweep calls this).
    """
    if get_settings().interview_retention_days == 0:
        return 0
    deleted = 0
    while True:
        with open_session() as session:
            batch = delete_expired_interviews(session=session)
        deleted += batch
        if batch < BATCH:
            return deleted
