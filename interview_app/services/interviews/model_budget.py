"""Bounded spend on the operator's model keys: calls per user per day, connections per call.

Each AI feedback generation and each Gemini Live connection is a call the operator's key
pays for. A take is ONE statement (`INSERT ... ON CONFLICT DO UPDATE ... WHERE calls <
limit RETURNING`), committed on its own connection, so concurrent takes across workers
never exceed the day's allowance (`MODEL_CALLS_PER_USER_PER_DAY`, 0 for none). A Gemini
interview's connections are counted on its row the same way
(`GEMINI_LIVE_SESSIONS_PER_INTERVIEW`): enough for the client's reconnects, not a loop.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Insert, update
from sqlmodel import Session, col

from interview_app.config import get_settings
from interview_app.db import autocommit_connection, upsert_insert
from interview_app.models import Interview, ModelCallCount, utcnow
from interview_app.services.ids import parse_id


def _take_statement(dialect: str, user_id: uuid.UUID, day: object, limit: int) -> Insert:
    statement = upsert_insert(dialect)(ModelCallCount).values(user_id=user_id, day=day, calls=1)
    return statement.on_conflict_do_update(
        index_elements=[col(ModelCallCount.user_id), col(ModelCallCount.day)],
        set_={"calls": col(ModelCallCount.calls) + 1},
        where=col(ModelCallCount.calls) < limit,
    ).returning(col(ModelCallCount.calls))


def take_model_call(
    *, session: Session, user_id: uuid.UUID | str, now: datetime | None = None
) -> bool:
    """Count one model call of the user today, if today's allowance has room.

    Runs and commits on its own connection; the caller's session is left as it was.

    Args:
        session: Open database session; only its database is used.
        user_id: The user the call is made for.
        now: The current time, timezone-aware (for tests); the clock when omitted.

    Returns:
        True when the call is counted (or there is no limit), False when today's calls are
        used up.
    """
    limit = get_settings().model_calls_per_user_per_day
    if limit == 0:
        return True
    day = (now or utcnow()).date()
    statement = _take_statement(session.get_bind().dialect.name, parse_id(user_id), day, limit)
    with autocommit_connection(session) as connection:
        return connection.execute(statement).first() is not None


def take_live_session(*, session: Session, interview_id: uuid.UUID) -> bool:
    """Count one Gemini Live connection of an interview, if it has connections left.

    Args:
        session: Open database session; committed here.
        interview_id: The interview, already checked for ownership.

    Returns:
        True when counted, False when the interview used all its connections.
    """
    limit = get_settings().gemini_live_sessions_per_interview
    result = session.exec(  # type: ignore[call-overload]
        update(Interview)
        .where(col(Interview.id) == interview_id, col(Interview.live_sessions_started) < limit)
        .values(live_sessions_started=col(Interview.live_sessions_started) + 1)
    )
    session.commit()
    return result.rowcount == 1
