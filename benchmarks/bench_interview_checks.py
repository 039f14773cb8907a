"""Cost of the checks before each new interview: the plan check and the rate limiter.

For SQLite (a temporary file) and PostgreSQL (a throwaway local server), migrates a fresh
database, seeds 1,000 users, 20,000 job infos and 200,000 interviews, then prints:

- median and p95 of `can_create_interview` + `take_token` for one free user over 500 runs,
  now and as it was before migration 0012 (the plan check's ORM statement built on every
  call with its LIMIT a parameter, and no `ix_interviews_counted_job_info_id`), taking
  turns; on PostgreSQL also the pages the count touches with each;
- the rate limiter's throughput (successful + refused takes per second) under 50
  concurrent callers (threads, one session each), all for one user (one hot bucket row)
  and for 50 different users. Refill is out of the way there: the capacity is huge.

Indexes relied on: `ix_job_infos_user_id` (job_infos.user_id) to find the user's job infos,
`ix_interviews_counted_job_info_id` (interviews(job_info_id) where the interview counts
against the plan: PostgreSQL counts from it alone; SQLite's planner prefers
`ix_interviews_job_info_id_hume_chat_id`), the primary key of `users` for the plan, and the
primary key of `rate_limit_buckets` (user_id) for the bucket.

Run from the repository root: `.venv/bin/python benchmarks/bench_interview_checks.py`.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import Engine, func, insert, inspect, text
from sqlmodel import Session, col, select

from interview_app.config import get_settings
from interview_app.db import make_engine, migrate
from interview_app.models import Interview, JobInfo, User
from interview_app.services.interviews.plans import (
    can_create_interview,
    plan_allows_interview,
    plan_features,
)
from interview_app.services.interviews.rate_limit import take_token
from tests.support import postgres_server

USERS = 1_000
JOB_INFOS_PER_USER = 20
INTERVIEWS_PER_JOB_INFO = 10
LATENCY_RUNS = 500
ROUNDS = 5
THREADS = 50
THROUGHPUT_SECONDS = 5.0
COUNTED_INDEX = "ix_interviews_counted_job_info_id"
COUNT_SQL = (
    "SELECT count(*) FROM (SELECT interviews.job_info_id FROM interviews "
    "JOIN job_infos ON interviews.job_info_id = job_infos.id "
    "WHERE job_infos.user_id = :user_id AND interviews.hume_chat_id IS NOT NULL "
    "AND interviews.plan_counted LIMIT 2) AS counted"
)


def _seed(engine: Engine) -> uuid.UUID:
    """Insert the data set; return the measured user (free, 1 completed of 200)."""
    rng = random.Random(7)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    users, job_infos, interviews = [], [], []
    for number in range(USERS):
        user_id = uuid.uuid4()
        users.append(
            {
                "id": user_id,
                "email": f"user{number}@example.com",
                "name": f"User {number}",
                "plan": "pro" if number % 10 == 0 else "free",
                "created_at": start,
                "updated_at": start,
            }
        )
        for job_number in range(JOB_INFOS_PER_USER):
            job_info_id = uuid.uuid4()
            job_infos.append(
                {
                    "id": job_info_id,
                    "name": f"Job {job_number}",
                    "title": "Engineer",
                    "description": "Build things. " * 20,
                    "experience_level": "mid-level",
                    "user_id": user_id,
                    "created_at": start,
                    "updated_at": start,
                }
            )
            for interview_number in range(INTERVIEWS_PER_JOB_INFO):
                # The measured user (number 1) has one completed interview out of 200, so
                # the plan check must look at all of them; others complete about half.
                completed = (
                    job_number == 0 and interview_number == 0 if number == 1 else rng.random() < 0.5
                )
                created = start + timedelta(minutes=len(interviews))
                interviews.append(
                    {
                        "id": uuid.uuid4(),
                        "job_info_id": job_info_id,
                        "duration": "00:12:34" if completed else "00:00:00",
                        "hume_chat_id": f"chat-{uuid.uuid4()}" if completed else None,
                        "feedback": None,
                        "created_at": created,
                        "updated_at": created,
                    }
                )
    # Interviews arrive over months, so one user's rows are spread over the whole table.
    rng.shuffle(interviews)
    with engine.begin() as connection:
        connection.execute(insert(User.__table__), users)
        connection.execute(insert(JobInfo.__table__), job_infos)
        for offset in range(0, len(interviews), 20_000):
            connection.execute(insert(Interview.__table__), interviews[offset : offset + 20_000])
    if engine.dialect.name == "postgresql":
        # What autovacuum would have done on a live server.
        with engine.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                "VACUUM ANALYZE"
            )
    return users[1]["id"]


def _configure(capacity: int) -> None:
    os.environ["RATE_LIMIT_CAPACITY"] = str(capacity)
    get_settings.cache_clear()


def _set_counted_index(engine: Engine, *, present: bool) -> None:
    """Create or drop migration 0012's partial index."""
    with engine.connect() as connection:
        indexes = inspect(connection).get_indexes("interviews")
    if any(index["name"] == COUNTED_INDEX for index in indexes) == present:
        return
    with engine.begin() as connection:
        if present:
            counted = "hume_chat_id IS NOT NULL AND plan_counted"
            if engine.dialect.name == "sqlite":
                counted += " = 1"
            connection.execute(
                text(f"CREATE INDEX {COUNTED_INDEX} ON interviews (job_info_id) WHERE {counted}")
            )
        else:
            connection.execute(text(f"DROP INDEX {COUNTED_INDEX}"))
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                "VACUUM ANALYZE interviews"
            )


def _previous_can_create_interview(*, session: Session, user_id: uuid.UUID) -> bool:
    """`can_create_interview` before migration 0012 (commit ffb9a55), for comparison."""
    allowance = get_settings().free_interview_allowance
    completed = (
        select(Interview.id)
        .join(JobInfo, col(Interview.job_info_id) == col(JobInfo.id))
        .where(
            JobInfo.user_id == user_id,
            col(Interview.hume_chat_id).is_not(None),
            col(Interview.plan_counted),
        )
        .limit(allowance)
    )
    count = select(func.count()).select_from(completed.subquery())
    row = session.exec(select(User.plan, count.scalar_subquery()).where(User.id == user_id)).first()
    assert row is not None
    plan, done = row
    return plan_allows_interview(plan_features(plan), completed=done, allowance=allowance)


def _pages_read(engine: Engine, user_id: uuid.UUID) -> int | None:
    """Return the buffers PostgreSQL touches for the count (None on SQLite)."""
    if engine.dialect.name != "postgresql":
        return None
    with engine.connect() as connection:
        plan = connection.execute(
            text(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {COUNT_SQL}"), {"user_id": user_id}
        ).scalar_one()
    top = plan[0]["Plan"]
    return top["Shared Hit Blocks"] + top["Shared Read Blocks"]


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _latency(
    engine: Engine, user_id: uuid.UUID, runs: int, *, previous: bool
) -> dict[str, list[float]]:
    check = _previous_can_create_interview if previous else can_create_interview
    times: dict[str, list[float]] = {"can_create_interview": [], "take_token": [], "both": []}
    with Session(engine, expire_on_commit=False) as session:
        for _ in range(20):  # warm the pool, caches and statement cache
            check(session=session, user_id=user_id)
            take_token(session=session, user_id=user_id)
        for _ in range(runs):
            started = time.perf_counter()
            allowed = check(session=session, user_id=user_id)
            checked = time.perf_counter()
            took = take_token(session=session, user_id=user_id)
            finished = time.perf_counter()
            assert allowed and took
            times["can_create_interview"].append((checked - started) * 1000)
            times["take_token"].append((finished - checked) * 1000)
            times["both"].append((finished - started) * 1000)
    return times


def _print_latency(label: str, times: dict[str, list[float]]) -> None:
    print(f"  {label}")
    for name, values in times.items():
        print(
            f"    {name:<22} median {statistics.median(values):7.3f} ms"
            f"   p95 {_percentile(values, 0.95):7.3f} ms"
        )


def _throughput(engine: Engine, user_ids: list[uuid.UUID]) -> tuple[float, int, int]:
    counts = {"taken": 0, "refused": 0}
    lock = threading.Lock()
    barrier = threading.Barrier(THREADS)
    deadline = [0.0]

    def worker(index: int) -> None:
        user_id = user_ids[index % len(user_ids)]
        taken = refused = 0
        with Session(engine, expire_on_commit=False) as session:
            barrier.wait()
            while time.perf_counter() < deadline[0]:
                if take_token(session=session, user_id=user_id):
                    taken += 1
                else:
                    refused += 1
        with lock:
            counts["taken"] += taken
            counts["refused"] += refused

    threads = [threading.Thread(target=worker, args=(index,)) for index in range(THREADS)]
    deadline[0] = time.perf_counter() + THROUGHPUT_SECONDS + 1.0
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    total = counts["taken"] + counts["refused"]
    return total / elapsed, counts["taken"], counts["refused"]


def _run(label: str, database_url: str) -> None:
    print(f"\n== {label} ==")
    engine = make_engine(database_url)
    migrate(engine)
    started = time.perf_counter()
    user_id = _seed(engine)
    print(
        f"  seeded {USERS:,} users, {USERS * JOB_INFOS_PER_USER:,} job infos, "
        f"{USERS * JOB_INFOS_PER_USER * INTERVIEWS_PER_JOB_INFO:,} interviews "
        f"in {time.perf_counter() - started:.1f} s"
    )
    _configure(capacity=10**9)
    # Before and now take turns, so background load on the machine hits both alike.
    now: dict[str, list[float]] = {}
    before: dict[str, list[float]] = {}
    pages_now = pages_before = None
    for _ in range(ROUNDS):
        for previous, times in ((True, before), (False, now)):
            _set_counted_index(engine, present=not previous)
            for name, values in _latency(
                engine, user_id, LATENCY_RUNS // ROUNDS, previous=previous
            ).items():
                times.setdefault(name, []).extend(values)
            if previous:
                pages_before = _pages_read(engine, user_id)
            else:
                pages_now = _pages_read(engine, user_id)
    _set_counted_index(engine, present=True)
    _print_latency(
        f"latency over {LATENCY_RUNS} runs, free user with 1 of 200 interviews completed, now:",
        now,
    )
    _print_latency(
        "the same before migration 0012 (ORM statement built per call, LIMIT a parameter, "
        f"no {COUNTED_INDEX}):",
        before,
    )
    if pages_now is not None:
        print(
            f"  pages the completed-interview count touches: {pages_now} with {COUNTED_INDEX}, "
            f"{pages_before} without"
        )

    with Session(engine) as session:
        others = [row[0] for row in session.exec(text("SELECT id FROM users LIMIT 50")).all()]
    for name, user_ids in (("one user", [user_id]), (f"{THREADS} users", others)):
        rate, taken, refused = _throughput(engine, user_ids)
        print(
            f"  throughput, {THREADS} threads, {name}: {rate:,.0f} takes/s "
            f"({taken:,} taken, {refused:,} refused)"
        )
    engine.dispose()


def main() -> None:
    os.environ.setdefault("SECRET_KEY", "bench")
    with tempfile.TemporaryDirectory() as directory:
        _run("SQLite", f"sqlite:///{Path(directory) / 'bench.db'}")
    with postgres_server() as url:
        _run("PostgreSQL", url)


if __name__ == "__main__":
    main()
