"""Local sign-in, sign-in throttling, and server-side sessions."""

from __future__ import annotations

import functools
import hashlib
import logging
import secrets
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from sqlalchemy import Insert, Integer, and_, bindparam, case, null, or_, update
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, delete, select
from sqlmodel.sql.sqltypes import UTCDateTime

from interview_app.config import get_settings
from interview_app.db import autocommit_connection, upsert_insert
from interview_app.models import AuthSession, SignInThrottle, SignInTicket, User, utcnow
from interview_app.services.accounts.passwords import hash_password, needs_rehash, verify_password
from interview_app.services.accounts.users import create_local_user, get_user_by_email
from interview_app.services.errors import (
    InvalidCredentialsError,
    SignUpDisabledError,
    TooManyAttemptsError,
)
from interview_app.services.validation import normalize_email

DEFAULT_AFTER_SIGN_IN = "/app"
TICKET_LIFETIME = timedelta(seconds=60)
# Each process purges stale sessions, tickets and throttles at most this often, when a
# session starts.
PURGE_INTERVAL_SECONDS = 600.0

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class IssuedSession:
    """A session just created: the token goes into the cookie and nowhere else."""

    token: str
    expires_at: datetime
    next_path: str


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def safe_next_path(raw: object, default: str = DEFAULT_AFTER_SIGN_IN) -> str:
    """Return `raw` if it is a path on this site, else `default` (no open redirects).

    Args:
        raw: The requested return path, as any browser may send it.
        default: Where to go when `raw` is not acceptable.

    Returns:
        A path that starts with a single "/".
    """
    if not isinstance(raw, str) or not raw.startswith("/") or len(raw) > 2000:
        return default
    if raw.startswith("//") or "\\" in raw or any(ord(char) < 0x20 for char in raw):
        return default
    parts = urlsplit(raw)
    if parts.scheme or parts.netloc:
        return default
    return raw


def sign_up(*, session: Session, name: str, email: str, password: str) -> User:
    """Create a local account on the default plan.

    Args:
        session: Open database session.
        name: Display name.
        email: Email address.
        password: Password.

    Returns:
        The new user.

    Raises:
        SignUpDisabledError: The operator turned local sign-up off.
        InvalidInputError: A field breaks a rule.
        AccountExistsError: The email already has an account.
    """
    if not get_settings().local_sign_up_enabled:
        raise SignUpDisabledError()
    return create_local_user(session=session, email=email, password=password, name=name)


@functools.cache
def _take_attempt_statement(dialect: str) -> Insert:
    # Built once per dialect, with everything else as parameters (see _take_attempt).
    throttle = SignInThrottle.__table__.c  # type: ignore[attr-defined]
    now = bindparam("now", type_=UTCDateTime())
    window_cutoff = bindparam("window_cutoff", type_=UTCDateTime())
    lock_end = bindparam("lock_end", type_=UTCDateTime())
    max_attempts = bindparam("max_attempts", type_=Integer())
    # A window that is over, or a pause that has ended, starts counting afresh.
    stale = or_(
        throttle.window_started_at <= window_cutoff,
        and_(throttle.locked_until.is_not(None), throttle.locked_until <= now),
    )
    counted = case((stale, 1), else_=throttle.failures + 1)
    first = upsert_insert(dialect)(SignInThrottle).values(
        key=bindparam("key"),
        failures=1,
        window_started_at=now,
        locked_until=case((max_attempts <= 1, lock_end), else_=null()),
    )
    # In the DO UPDATE part, bare columns are the stored row; the WHERE refuses the
    # attempt (and changes nothing) while the key is paused.
    return first.on_conflict_do_update(
        index_elements=[throttle.key],
        set_={
            "failures": counted,
            "window_started_at": case((stale, now), else_=throttle.window_started_at),
            "locked_until": case((counted >= max_attempts, lock_end), else_=null()),
        },
        where=or_(throttle.locked_until.is_(None), throttle.locked_until <= now),
    ).returning(throttle.failures)


def _take_attempt(session: Session, key: str, max_attempts: int, now: datetime) -> bool:
    """Count one attempt for `key` in one atomic statement; False while the key is paused.

    The attempt is counted before the password is checked, so N concurrent attempts make
    at most `max_attempts` password checks in a window, across threads and processes.
    """
    window = timedelta(minutes=get_settings().sign_in_lockout_minutes)
    statement = _take_attempt_statement(session.get_bind().dialect.name)
    parameters = {
        "key": key,
        "now": now,
        "window_cutoff": now - window,
        "lock_end": now + window,
        "max_attempts": max_attempts,
    }
    # Committed on its own, before the slow password check: a concurrent attempt always sees
    # every earlier one, and no write lock is held while the password is hashed.
    with autocommit_connection(session) as connection:
        return connection.execute(statement, parameters).first() is not None


def _give_back_attempt(session: Session, key: str, max_attempts: int) -> None:
    # An attempt that turned out not to be a failure stops counting against the key.
    throttle = SignInThrottle.__table__.c  # type: ignore[attr-defined]
    statement = (
        update(SignInThrottle)
        .where(throttle.key == key, throttle.failures > 0)
        .values(
            failures=throttle.failures - 1,
            locked_until=case(
                (throttle.failures - 1 >= max_attempts, throttle.locked_until), else_=null()
            ),
        )
    )
    with autocommit_connection(session) as connection:
        connection.execute(statement)


def _forget_attempts(session: Session, key: str) -> None:
    with autocommit_connection(session) as connection:
        connection.execute(delete(SignInThrottle).where(SignInThrottle.key == key))  # type: ignore[arg-type]


def session_token_digest(token: str) -> str:
    """Return the digest under which a session token is stored (tokens are never stored).

    Args:
        token: The browser's session token.

    Returns:
        Its digest.
    """
    return _digest(token)


def address_throttle_key(address: str) -> str:
    """Return the throttle key of a client address (a digest: no addresses are stored)."""
    return _digest(f"address {address}")


def email_throttle_key(email: str) -> str:
    """Return the throttle key of an email as typed (a digest: no emails are stored)."""
    return _digest(normalize_email(email) if isinstance(email, str) else "")


def authenticate(
    *,
    session: Session,
    email: str,
    password: str,
    client_address: str | None = None,
    now: datetime | None = None,
) -> User:
    """Check an email and password, throttling repeated failures per email and per address.

    The same message and the same work answer an unknown email and a wrong password. Each
    attempt is counted before the password is checked, per email (SIGN_IN_MAX_FAILURES)
    and per client address (SIGN_IN_MAX_FAILURES_PER_ADDRESS); a success clears the
    email's count and does not count against the address.

    Args:
        session: Open database session.
        email: The email as typed.
        password: The password as typed.
        client_address: The browser's address, when known.
        now: The current time (for tests).

    Returns:
        The signed-in user.

    Raises:
        TooManyAttemptsError: Too many recent failures for this email or address.
        InvalidCredentialsError: Unknown email or wrong password.
    """
    settings = get_settings()
    now = now or utcnow()
    typed_email = normalize_email(email) if isinstance(email, str) else ""
    email_key = email_throttle_key(typed_email)
    address_key = address_throttle_key(client_address) if client_address else None
    per_address = settings.sign_in_max_failures_per_address
    if address_key is not None and not _take_attempt(session, address_key, per_address, now):
        raise TooManyAttemptsError()
    if not _take_attempt(session, email_key, settings.sign_in_max_failures, now):
        if address_key is not None:
            _give_back_attempt(session, address_key, per_address)
        raise TooManyAttemptsError()
    user = get_user_by_email(session=session, email=typed_email) if typed_email else None
    password_hash = user.password_hash if user is not None else None
    if not verify_password(password_hash, password if isinstance(password, str) else ""):
        raise InvalidCredentialsError()
    assert user is not None and password_hash is not None
    _forget_attempts(session, email_key)
    if address_key is not None:
        _give_back_attempt(session, address_key, per_address)
    if needs_rehash(password_hash):
        user.password_hash = hash_password(password)
        session.add(user)
        session.commit()
    return user


def create_sign_in_ticket(
    *,
    session: Session,
    user_id: uuid.UUID,
    next_path: str,
    browser_binding: str,
    now: datetime | None = None,
) -> str:
    """Issue a single-use ticket that the cookie route trades for a session.

    Reflex events travel over a websocket, which cannot set an HttpOnly cookie; the
    browser takes this ticket to an HTTP route that can. The ticket is bound to the
    browser that signed in (its HttpOnly binding cookie), so a ticket sent to someone
    else signs no one in.

    Args:
        session: Open database session.
        user_id: The user who just proved who they are.
        next_path: Where to go afterwards (made safe here).
        browser_binding: The value of the signing-in browser's binding cookie.
        now: The current time (for tests).

    Returns:
        The ticket, valid for TICKET_LIFETIME.

    Raises:
        ValueError: No browser binding was given.
    """
    if not browser_binding:
        msg = "A sign-in ticket needs the browser's binding cookie."
        raise ValueError(msg)
    now = now or utcnow()
    ticket = secrets.token_urlsafe(32)
    # Tickets a browser never came back for would otherwise pile up.
    session.exec(delete(SignInTicket).where(SignInTicket.expires_at <= now))
    session.add(
        SignInTicket(
            ticket_hash=_digest(ticket),
            user_id=user_id,
            next_path=safe_next_path(next_path),
            expires_at=now + TICKET_LIFETIME,
            browser_hash=_digest(browser_binding),
        )
    )
    session.commit()
    return ticket


def start_session(
    *, session: Session, user_id: uuid.UUID, next_path: str, now: datetime | None = None
) -> IssuedSession:
    """Create a server-side session for a user.

    Args:
        session: Open database session.
        user_id: The user.
        next_path: Where the browser goes next (made safe here).
        now: The current time (for tests).

    Returns:
        The new session's token, expiry and next path.
    """
    now = now or utcnow()
    _purge_now_and_then(session, now)
    token = secrets.token_urlsafe(32)
    expires_at = now + timedelta(days=get_settings().session_lifetime_days)
    session.add(AuthSession(user_id=user_id, token_hash=_digest(token), expires_at=expires_at))
    session.commit()
    return IssuedSession(token=token, expires_at=expires_at, next_path=safe_next_path(next_path))


def redeem_sign_in_ticket(
    *, session: Session, ticket: str, browser_binding: str | None, now: datetime | None = None
) -> IssuedSession | None:
    """Trade a ticket for a new session; a ticket works once, in its own browser, in time.

    Args:
        session: Open database session.
        ticket: The ticket from `create_sign_in_ticket`.
        browser_binding: The redeeming browser's binding cookie.
        now: The current time (for tests).

    Returns:
        The new session, or None for an unknown, used or expired ticket, or one issued to
        another browser (which is spent all the same).
    """
    now = now or utcnow()
    digest = _digest(ticket)
    row = session.get(SignInTicket, digest)
    if row is None:
        return None
    # The DELETE decides which of two racing redemptions wins.
    deleted = session.exec(delete(SignInTicket).where(SignInTicket.ticket_hash == digest))
    session.commit()
    if deleted.rowcount != 1 or row.expires_at <= now:
        return None
    if not browser_binding or not secrets.compare_digest(
        row.browser_hash, _digest(browser_binding)
    ):
        return None
    return start_session(session=session, user_id=row.user_id, next_path=row.next_path, now=now)


def user_for_session_token(
    *, session: Session, token: str | None, now: datetime | None = None
) -> User | None:
    """Return the user of a live session.

    Args:
        session: Open database session.
        token: The cookie's value.
        now: The current time (for tests).

    Returns:
        The user, or None when the token is missing, unknown, expired or revoked.
    """
    if not token:
        return None
    now = now or utcnow()
    return session.exec(
        select(User)
        .join(AuthSession, AuthSession.user_id == User.id)
        .where(
            AuthSession.token_hash == _digest(token),
            AuthSession.revoked_at.is_(None),  # type: ignore[union-attr]
            AuthSession.expires_at > now,
        )
    ).first()


def revoke_session(*, session: Session, token: str | None, now: datetime | None = None) -> None:
    """End a session so its token no longer signs anyone in.

    Args:
        session: Open database session.
        token: The cookie's value; nothing happens when it is unknown.
        now: The current time (for tests).
    """
    if not token:
        return
    row = session.exec(select(AuthSession).where(AuthSession.token_hash == _digest(token))).first()
    if row is not None and row.revoked_at is None:
        row.revoked_at = now or utcnow()
        session.add(row)
        session.commit()


def revoke_all_sessions(*, session: Session, user_id: uuid.UUID) -> int:
    """End every session of a user (for example after a password change).

    Args:
        session: Open database session.
        user_id: The user.

    Returns:
        How many sessions were ended.
    """
    rows = session.exec(
        select(AuthSession).where(
            AuthSession.user_id == user_id,
            AuthSession.revoked_at.is_(None),  # type: ignore[union-attr]
        )
    ).all()
    now = utcnow()
    for row in rows:
        row.revoked_at = now
        session.add(row)
    session.commit()
    return len(rows)


class _PurgeClock:
    """When this process last purged; a lock lets one caller at a time claim the next."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last: float | None = None

    def claim(self) -> bool:
        with self._lock:
            now = time.monotonic()
            if self._last is not None and now - self._last < PURGE_INTERVAL_SECONDS:
                return False
            self._last = now
            return True


_purge_clock = _PurgeClock()


def _purge_now_and_then(session: Session, now: datetime) -> None:
    if not _purge_clock.claim():
        return
    try:
        purge_stale_sign_in_data(session=session, now=now)
    except SQLAlchemyError:
        # A purge that loses a race with another worker's is retried next time; the
        # sign-in it rode along with must not fail for it.
        session.rollback()
        logger.warning("Purging stale sign-in data failed; it is retried later", exc_info=True)


@dataclass(frozen=True)
class PurgeCounts:
    """How many rows a purge removed."""

    sessions: int
    tickets: int
    throttles: int


def purge_stale_sign_in_data(*, session: Session, now: datetime | None = None) -> PurgeCounts:
    """Delete expired and revoked sessions, expired tickets and throttles that ran out.

    Every condition is served by an index (migration 0004), so a purge costs the rows it
    removes, not the table's size. Each process runs it when a session starts, at most
    every PURGE_INTERVAL_SECONDS; `interview-app db purge` runs it on demand.

    Args:
        session: Open database session; the purge commits.
        now: The current time (for tests).

    Returns:
        The number of rows removed from each table.
    """
    now = now or utcnow()
    window = timedelta(minutes=get_settings().sign_in_lockout_minutes)
    sessions = session.exec(
        delete(AuthSession).where(
            or_(
                AuthSession.expires_at <= now,
                AuthSession.revoked_at.is_not(None),  # type: ignore[union-attr]
            )
        )
    )
    tickets = session.exec(delete(SignInTicket).where(SignInTicket.expires_at <= now))
    throttles = session.exec(
        delete(SignInThrottle).where(
            SignInThrottle.window_started_at <= now - window,
            or_(
                SignInThrottle.locked_until.is_(None),  # type: ignore[union-attr]
                SignInThrottle.locked_until <= now,
            ),
        )
    )
    session.commit()
    return PurgeCounts(
        sessions=sessions.rowcount, tickets=tickets.rowcount, throttles=throttles.rowcount
    )
