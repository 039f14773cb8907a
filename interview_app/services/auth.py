"""Local sign-in, sign-in throttling, and server-side sessions."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from sqlmodel import Session, delete, select

from interview_app.config import get_settings
from interview_app.models import AuthSession, SignInThrottle, SignInTicket, User, utcnow
from interview_app.services.errors import (
    InvalidCredentialsError,
    SignUpDisabledError,
    TooManyAttemptsError,
)
from interview_app.services.passwords import hash_password, needs_rehash, verify_password
from interview_app.services.users import create_local_user, get_user_by_email
from interview_app.services.validation import normalize_email

DEFAULT_AFTER_SIGN_IN = "/app"
TICKET_LIFETIME = timedelta(seconds=60)


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


def _check_not_locked(throttle: SignInThrottle | None, now: datetime) -> None:
    if throttle is not None and throttle.locked_until is not None and throttle.locked_until > now:
        raise TooManyAttemptsError()


def _record_failure(
    session: Session, key: str, throttle: SignInThrottle | None, now: datetime
) -> None:
    settings = get_settings()
    window = timedelta(minutes=settings.sign_in_lockout_minutes)
    if throttle is None:
        throttle = SignInThrottle(key=key, failures=0, window_started_at=now)
    if throttle.window_started_at + window <= now:
        throttle.failures = 0
        throttle.window_started_at = now
        throttle.locked_until = None
    throttle.failures += 1
    if throttle.failures >= settings.sign_in_max_failures:
        throttle.locked_until = now + window
    session.add(throttle)
    session.commit()


def authenticate(
    *, session: Session, email: str, password: str, now: datetime | None = None
) -> User:
    """Check an email and password, throttling repeated failures per email.

    The same message and the same work answer an unknown email and a wrong password.

    Args:
        session: Open database session.
        email: The email as typed.
        password: The password as typed.
        now: The current time (for tests).

    Returns:
        The signed-in user.

    Raises:
        TooManyAttemptsError: Too many recent failures for this email.
        InvalidCredentialsError: Unknown email or wrong password.
    """
    now = now or utcnow()
    typed_email = normalize_email(email) if isinstance(email, str) else ""
    # A digest keeps the key short whatever was typed, and keeps emails out of this table.
    key = _digest(typed_email)
    throttle = session.get(SignInThrottle, key)
    _check_not_locked(throttle, now)
    user = get_user_by_email(session=session, email=typed_email) if typed_email else None
    password_hash = user.password_hash if user is not None else None
    if not verify_password(password_hash, password if isinstance(password, str) else ""):
        _record_failure(session, key, throttle, now)
        raise InvalidCredentialsError()
    assert user is not None and password_hash is not None
    if throttle is not None:
        session.delete(throttle)
    if needs_rehash(password_hash):
        user.password_hash = hash_password(password)
        session.add(user)
    session.commit()
    return user


def create_sign_in_ticket(
    *, session: Session, user_id: uuid.UUID, next_path: str, now: datetime | None = None
) -> str:
    """Issue a single-use ticket that the cookie route trades for a session.

    Reflex events travel over a websocket, which cannot set an HttpOnly cookie; the
    browser takes this ticket to an HTTP route that can.

    Args:
        session: Open database session.
        user_id: The user who just proved who they are.
        next_path: Where to go afterwards (made safe here).
        now: The current time (for tests).

    Returns:
        The ticket, valid for TICKET_LIFETIME.
    """
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
    token = secrets.token_urlsafe(32)
    expires_at = now + timedelta(days=get_settings().session_lifetime_days)
    session.add(AuthSession(user_id=user_id, token_hash=_digest(token), expires_at=expires_at))
    session.commit()
    return IssuedSession(token=token, expires_at=expires_at, next_path=safe_next_path(next_path))


def redeem_sign_in_ticket(
    *, session: Session, ticket: str, now: datetime | None = None
) -> IssuedSession | None:
    """Trade a ticket for a new session; a ticket works once, within its lifetime.

    Args:
        session: Open database session.
        ticket: The ticket from `create_sign_in_ticket`.
        now: The current time (for tests).

    Returns:
        The new session, or None for an unknown, used or expired ticket.
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
