"""Expired and revoked sessions, spent tickets and old throttles do not pile up."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, func, inspect
from sqlmodel import Session, SQLModel, select

from interview_app.cli import main
from interview_app.models import AuthSession, SignInThrottle, SignInTicket, User
from interview_app.services.accounts import sessions as auth_sessions
from interview_app.services.accounts.sessions import (
    PurgeCounts,
    purge_stale_sign_in_data,
    start_session,
)

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def count(engine: Engine, model: type[SQLModel]) -> int:
    with Session(engine) as fresh:
        return fresh.exec(select(func.count()).select_from(model)).one()


@pytest.fixture
def stale_and_live(session: Session) -> User:
    user = User(email="ada@example.com", name="Ada", plan="free")
    session.add(user)
    session.commit()
    hour = timedelta(hours=1)

    def auth_session(expires_at: datetime, revoked_at: datetime | None = None) -> AuthSession:
        return AuthSession(
            user_id=user.id,
            token_hash=uuid.uuid4().hex,
            expires_at=expires_at,
            revoked_at=revoked_at,
        )

    session.add_all(
        [
            auth_session(NOW - hour),  # expired
            auth_session(NOW + hour, revoked_at=NOW - hour),  # signed out
            auth_session(NOW + hour),  # live
            SignInTicket(
                ticket_hash="old", user_id=user.id, next_path="/app", expires_at=NOW - hour
            ),
            SignInTicket(
                ticket_hash="new", user_id=user.id, next_path="/app", expires_at=NOW + hour
            ),
            # A window long over, and a pause that ended: gone.
            SignInThrottle(key="old", failures=2, window_started_at=NOW - 2 * hour),
            SignInThrottle(
                key="served",
                failures=5,
                window_started_at=NOW - 2 * hour,
                locked_until=NOW - hour,
            ),
            # A current window, and a pause still running: kept.
            SignInThrottle(key="recent", failures=2, window_started_at=NOW - timedelta(minutes=1)),
            SignInThrottle(
                key="paused",
                failures=5,
                window_started_at=NOW - 2 * hour,
                locked_until=NOW + hour,
            ),
        ]
    )
    session.commit()
    return user


def test_purge_removes_only_what_can_no_longer_be_used(
    engine: Engine, session: Session, stale_and_live: User
) -> None:
    counts = purge_stale_sign_in_data(session=session, now=NOW)

    assert counts == PurgeCounts(sessions=2, tickets=1, throttles=2)
    assert (count(engine, AuthSession), count(engine, SignInTicket)) == (1, 1)
    with Session(engine) as fresh:
        assert set(fresh.exec(select(SignInThrottle.key)).all()) == {"recent", "paused"}


def test_a_new_session_purges_now_and_then(
    engine: Engine, session: Session, stale_and_live: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(auth_sessions, "_purge_clock", auth_sessions._PurgeClock())
    start_session(session=session, user_id=stale_and_live.id, next_path="/app", now=NOW)
    # The live session and the new one stay.
    assert count(engine, AuthSession) == 2

    # Within the interval, sign-ins do not purge again.
    session.add(
        AuthSession(
            user_id=stale_and_live.id, token_hash="expired", expires_at=NOW - timedelta(hours=1)
        )
    )
    session.commit()
    start_session(session=session, user_id=stale_and_live.id, next_path="/app", now=NOW)
    assert count(engine, AuthSession) == 4


def test_the_purge_command(engine: Engine, stale_and_live: User) -> None:
    # By the real clock, months after NOW, every row of the fixture has run out.
    result = CliRunner().invoke(main, ["db", "purge"])
    assert result.exit_code == 0, result.output
    assert "Removed 3 sessions, 2 sign-in tickets and 4 sign-in throttles." in result.output
    assert (count(engine, AuthSession), count(engine, SignInThrottle)) == (0, 0)


def test_every_purge_condition_has_an_index(engine: Engine) -> None:
    inspector = inspect(engine)

    def indexed(table: str) -> set[str]:
        return {index["column_names"][0] for index in inspector.get_indexes(table)}

    assert {"expires_at", "revoked_at"} <= indexed("auth_sessions")
    assert "expires_at" in indexed("sign_in_tickets")
    assert "window_started_at" in indexed("sign_in_throttles")
