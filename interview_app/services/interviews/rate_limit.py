"""Per-user token bucket for interview creation, stored in the app's database (SPEC §5).

The bucket lives in `rate_limit_buckets`, so the limit holds across restarts and across
several backend workers. A take is ONE statement, `INSERT ... ON CONFLICT DO UPDATE ...
WHERE <a whole token is there> RETURNING`, committed on its own: the database
applies refill and spend under the row's lock (PostgreSQL) or its write lock (SQLite), so
N concurrent callers with T tokens left succeed exactly min(N, T) times, in one round trip.
"""

from __future__ import annotations

import functools
import logging
import uuid
from datetime import datetime
from typing import TypeVar

from sqlalchemy import ColumnElement, Float, Insert, Uuid, bindparam, case
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from interview_app.config import get_settings
from interview_app.db import autocommit_connection, upsert_insert
from interview_app.models import RateLimitBucket, utcnow
from interview_app.services.errors import PermissionDeniedError
from interview_app.services.ids import parse_id

logger = logging.getLogger(__name__)

TOKENS_PER_INTERVIEW = 1.0

Amount = TypeVar("Amount", float, ColumnElement[float])


def _at_least(value: Amount, floor: float | ColumnElement[float]) -> Amount:
    if isinstance(value, ColumnElement) or isinstance(floor, ColumnElement):
        return case((value > floor, value), else_=floor)  # type: ignore[return-value]
    return max(float(value), float(floor))  # type: ignore[return-value]


def _at_most(value: Amount, ceiling: float) -> Amount:
    if isinstance(value, ColumnElement):
        return case((value < ceiling, value), else_=ceiling)  # type: ignore[return-value]
    return min(float(value), float(ceiling))  # type: ignore[return-value]


def refill(
    tokens: Amount,
    elapsed_seconds: Amount,
    capacity: float,
    refill_tokens: float,
    refill_seconds: float,
) -> Amount:
    """Return a bucket's level `elapsed_seconds` after it held `tokens`.

    The refill is continuous: `refill_tokens` per `refill_seconds`, in proportion to the
    time elapsed, and never above `capacity`; a clock that went backwards adds nothing.
    It works on numbers and on SQL expressions alike, so the database applies exactly the
    formula the unit tests check.

    Args:
        tokens: The stored level (a number, or the column).
        elapsed_seconds: Seconds since it was stored (a number, or an expression).
        capacity: The most tokens the bucket holds.
        refill_tokens: Tokens added per interval.
        refill_seconds: The interval's length in seconds.

    Returns:
        The level now, of the same kind as the arguments.
    """
    gained = _at_least(elapsed_seconds, 0.0) * (refill_tokens / refill_seconds)
    return _at_most(tokens + gained, capacity)


@functools.cache
def _take_statement(
    dialect: str, capacity: float, refill_tokens: float, refill_seconds: float
) -> Insert:
    # Built once per configuration, with the user and the time as parameters, so each take
    # reuses the compiled SQL instead of building and compiling it again.
    bucket = RateLimitBucket.__table__.c  # type: ignore[attr-defined]
    user_id = bindparam("take_user_id", type_=Uuid())
    now = bindparam("take_now", type_=Float())
    level = refill(bucket.tokens, now - bucket.refilled_at, capacity, refill_tokens, refill_seconds)
    first_take = upsert_insert(dialect)(RateLimitBucket).values(
        user_id=user_id, tokens=capacity - TOKENS_PER_INTERVIEW, refilled_at=now
    )
    # In the DO UPDATE part, bare columns are the stored row; the WHERE refuses the take
    # (and changes nothing) when less than a whole token is there.
    return first_take.on_conflict_do_update(
        index_elements=[bucket.user_id],
        set_={
            "tokens": level - TOKENS_PER_INTERVIEW,
            "refilled_at": _at_least(bucket.refilled_at, now),
        },
        where=level >= TOKENS_PER_INTERVIEW,
    ).returning(bucket.tokens)


def take_token(*, session: Session, user_id: uuid.UUID | str, now: datetime | None = None) -> bool:
    """Take one token from the user's bucket, atomically across threads and processes.

    The take runs and commits on its own connection, so a spent token stays spent, and
    the caller's session (its pending work, its transaction) is left exactly as it was.
    On SQLite, call it before the session writes: a session holding the write lock would
    make the take wait for it.

    In dry-run mode (`RATE_LIMIT_DRY_RUN=true`) a take that would be refused is logged as a
    warning and allowed.

    Args:
        session: Open database session; only its database is used.
        user_id: The user whose bucket to use; a new user starts with a full bucket.
        now: The current time, timezone-aware (for tests); the clock when omitted.

    Returns:
        True when a token was taken (or dry run allowed it), False when the bucket is empty.

    Raises:
        PermissionDeniedError: No such user.
    """
    settings = get_settings()
    user_uuid = parse_id(user_id)
    engine = session.get_bind()
    statement = _take_statement(
        engine.dialect.name,
        settings.rate_limit_capacity,
        settings.rate_limit_refill_tokens,
        settings.rate_limit_refill_seconds,
    )
    parameters = {"take_user_id": user_uuid, "take_now": (now or utcnow()).timestamp()}
    try:
        # One statement is atomic by itself: autocommit saves the BEGIN and COMMIT trips.
        with autocommit_connection(session) as connection:
            taken = connection.execute(statement, parameters).first() is not None
    except IntegrityError as error:
        # The bucket's foreign key: there is no such user.
        raise PermissionDeniedError() from error
    if not taken and settings.rate_limit_dry_run:
        logger.warning("Rate limit would refuse user %s (dry run: allowed)", user_uuid)
        return True
    return taken
