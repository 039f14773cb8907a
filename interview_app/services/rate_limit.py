"""Per-user token bucket for interview creation, stored in the app's database (SPEC §5).

The bucket lives in `rate_limit_buckets`, so the limit holds across restarts and across
several backend workers. A take is one short transaction that holds the bucket's lock:
`SELECT ... FOR UPDATE` on the row on PostgreSQL, the database write lock (`BEGIN
IMMEDIATE`) on SQLite. Concurrent takes for one user therefore run one after another, and
N callers with T tokens left succeed exactly min(N, T) times.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime

from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select, update

from interview_app.config import get_settings
from interview_app.models import RateLimitBucket, utcnow
from interview_app.services.errors import PermissionDeniedError
from interview_app.services.ids import parse_id

logger = logging.getLogger(__name__)

TOKENS_PER_INTERVIEW = 1.0
_UNCOMMITTED_MESSAGE = (
    "take_token commits its own transaction; commit or roll back the session first."
)


class UncommittedChangesError(RuntimeError):
    """`take_token` was called on a session that holds uncommitted writes.

    The take commits its own transaction on the caller's session; rather than commit (or
    lose) the caller's work, it refuses. Commit or roll back first.
    """


def refill(
    tokens: float,
    last: datetime,
    now: datetime,
    capacity: float,
    refill_tokens: float,
    refill_seconds: float,
) -> float:
    """Return a bucket's level after refilling it from `last` to `now`.

    The refill is continuous: `refill_tokens` per `refill_seconds`, in proportion to the
    time elapsed, and never above `capacity`. A clock that went backwards adds nothing.

    Args:
        tokens: The level stored at `last`.
        last: When the level was stored.
        now: The current time.
        capacity: The most tokens the bucket holds.
        refill_tokens: Tokens added per interval.
        refill_seconds: The interval's length in seconds.

    Returns:
        The level at `now`.
    """
    elapsed = max(0.0, (now - last).total_seconds())
    return min(float(capacity), tokens + elapsed * refill_tokens / refill_seconds)


def _check_no_uncommitted_writes(session: Session) -> None:
    if session.new or session.dirty or session.deleted:
        raise UncommittedChangesError(_UNCOMMITTED_MESSAGE)
    if not session.in_transaction():
        return  # Nothing has run since the last commit, so nothing can be pending.
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        # pysqlite (legacy transaction control, as configured in interview_app.db) opens a
        # transaction only before a write, so an open one means uncommitted writes.
        has_writes = connection.connection.dbapi_connection.in_transaction
    elif connection.dialect.name == "postgresql":
        # A PostgreSQL transaction gets an id only when it writes.
        has_writes = (
            connection.exec_driver_sql("SELECT pg_current_xact_id_if_assigned()").scalar()
            is not None
        )
    else:
        has_writes = False
    if has_writes:
        raise UncommittedChangesError(_UNCOMMITTED_MESSAGE)


def _locked_level(session: Session, user_id: uuid.UUID) -> tuple[float, datetime] | None:
    # Columns, not the entity: an entity cached in the session would hide the stored values.
    statement = (
        select(RateLimitBucket.tokens, RateLimitBucket.updated_at)
        .where(RateLimitBucket.user_id == user_id)
        .with_for_update()  # SQLite ignores it; there the write lock is already held.
    )
    row = session.exec(statement).first()
    return None if row is None else (row[0], row[1])


def _create_full_bucket(session: Session, user_id: uuid.UUID, now: datetime) -> None:
    dialect = session.connection().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    values = {
        "user_id": user_id,
        "tokens": float(get_settings().rate_limit_capacity),
        "updated_at": now,
    }
    # Two first requests of a new user race here: one inserts, the other does nothing and
    # then waits for the row lock like any other take.
    session.exec(insert(RateLimitBucket).values(**values).on_conflict_do_nothing())


def take_token(*, session: Session, user_id: uuid.UUID | str, now: datetime | None = None) -> bool:
    """Take one token from the user's bucket, atomically across threads and processes.

    Commits: the take runs as its own short transaction on the session and commits it, so
    a spent token stays spent whatever the caller does next. It never commits the caller's
    work: a session with uncommitted changes is refused with `UncommittedChangesError`.
    Any read transaction the session had open is ended first.

    In dry-run mode (`RATE_LIMIT_DRY_RUN=true`) a take that would be refused is logged as a
    warning and allowed.

    Args:
        session: Open database session, without uncommitted changes.
        user_id: The user whose bucket to use; a new user starts with a full bucket.
        now: The current time, timezone-aware (for tests); the clock when omitted.

    Returns:
        True when a token was taken (or dry run allowed it), False when the bucket is empty.

    Raises:
        PermissionDeniedError: No such user.
        UncommittedChangesError: The session holds uncommitted changes.
    """
    settings = get_settings()
    user_uuid = parse_id(user_id)
    now = now or utcnow()
    _check_no_uncommitted_writes(session)
    session.commit()  # Ends the caller's read transaction; there is nothing else to commit.
    try:
        connection = session.connection()
        if connection.dialect.name == "sqlite":
            # Take the write lock before reading, so no other take reads the same level.
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        level = _locked_level(session, user_uuid)
        if level is None:
            _create_full_bucket(session, user_uuid, now)
            level = _locked_level(session, user_uuid)
            if level is None:  # pragma: no cover - the row was just inserted or existed
                raise RuntimeError("The rate limit bucket vanished.")
        tokens = refill(
            level[0],
            level[1],
            now,
            settings.rate_limit_capacity,
            settings.rate_limit_refill_tokens,
            settings.rate_limit_refill_seconds,
        )
        allowed = tokens >= TOKENS_PER_INTERVIEW
        if allowed:
            tokens -= TOKENS_PER_INTERVIEW
        session.exec(
            update(RateLimitBucket)
            .where(RateLimitBucket.user_id == user_uuid)
            .values(tokens=tokens, updated_at=max(now, level[1]))
        )
        session.commit()
    except IntegrityError as error:
        session.rollback()
        # The bucket's foreign key: there is no such user.
        raise PermissionDeniedError() from error
    except BaseException:
        session.rollback()
        raise
    if not allowed and settings.rate_limit_dry_run:
        logger.warning("Rate limit would refuse user %s (dry run: allowed)", user_uuid)
        return True
    return allowed
