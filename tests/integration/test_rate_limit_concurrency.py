"""The rate limit holds under concurrent requests, on SQLite and on PostgreSQL.

Each caller is a thread with its own session (its own connection), as several requests
in one or more backend workers would be.
"""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from interview_app.models import Interview, JobInfo, RateLimitBucket, User
from interview_app.services.errors import RateLimitError
from interview_app.services.interviews.lifecycle import create_interview
from interview_app.services.interviews.rate_limit import take_token
from interview_app.services.jobs.job_infos import create_job_info

CALLERS = 50
NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def run_concurrently(engine: Engine, call: Callable[[Session], object]) -> list[object]:
    """Run `call` in CALLERS threads released at once; return results or exceptions."""
    barrier = threading.Barrier(CALLERS)

    def caller(_: int) -> object:
        with Session(engine, expire_on_commit=False) as session:
            barrier.wait()
            try:
                return call(session)
            except Exception as error:  # reported to the test, not swallowed
                return error

    with ThreadPoolExecutor(max_workers=CALLERS) as pool:
        return list(pool.map(caller, range(CALLERS)))


@pytest.fixture
def user(session: Session) -> User:
    user = User(email="busy@example.com", name="Busy", plan="pro")
    session.add(user)
    session.commit()
    return user


def stored_tokens(engine: Engine, user_id: uuid.UUID) -> float:
    with Session(engine) as fresh:
        return fresh.exec(
            select(RateLimitBucket.tokens).where(RateLimitBucket.user_id == user_id)
        ).one()


@pytest.mark.parametrize("already_spent", [0, 7, 12])
def test_concurrent_takes_succeed_exactly_as_often_as_tokens_are_left(
    engine: Engine, session: Session, user: User, already_spent: int
) -> None:
    for _ in range(already_spent):
        assert take_token(session=session, user_id=user.id, now=NOW)
    left = 12 - already_spent

    results = run_concurrently(
        engine, lambda own: take_token(session=own, user_id=user.id, now=NOW)
    )

    errors = [result for result in results if isinstance(result, Exception)]
    assert errors == []
    assert Counter(results) == Counter({True: min(CALLERS, left), False: CALLERS - left})
    assert stored_tokens(engine, user.id) == pytest.approx(0)


def test_concurrent_first_takes_of_a_new_user_create_one_bucket(engine: Engine, user: User) -> None:
    results = run_concurrently(
        engine, lambda own: take_token(session=own, user_id=str(user.id), now=NOW)
    )
    assert [result for result in results if isinstance(result, Exception)] == []
    assert results.count(True) == 12
    with Session(engine) as fresh:
        assert fresh.exec(select(func.count()).select_from(RateLimitBucket)).one() == 1


def test_concurrent_interview_creation_is_rate_limited(
    engine: Engine, session: Session, user: User
) -> None:
    job_info = create_job_info(
        session=session,
        user_id=user.id,
        name="Rush",
        title=None,
        description="Many tabs at once.",
        experience_level="junior",
    )

    results = run_concurrently(
        engine,
        lambda own: create_interview(session=own, user_id=user.id, job_info_id=job_info.id),
    )

    created = [result for result in results if isinstance(result, Interview)]
    refused = [result for result in results if isinstance(result, RateLimitError)]
    others = [result for result in results if result not in created and result not in refused]
    assert others == []
    assert (len(created), len(refused)) == (12, CALLERS - 12)
    with Session(engine) as fresh:
        stored = fresh.exec(
            select(func.count()).select_from(Interview).where(Interview.job_info_id == job_info.id)
        ).one()
        assert stored == 12
        assert fresh.get(JobInfo, job_info.id) is not None
