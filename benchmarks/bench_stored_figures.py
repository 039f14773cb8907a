"""Server time of the job hub and of an interview's page, figures recomputed vs kept.

For SQLite (a temporary file) and PostgreSQL (a throwaway local server): one user's job with
1, 50 and 500 completed interviews of 14 messages each, every one with structured feedback,
and one interview of 1,000 messages (the transcript cap). Prints, median of 5 views each:

- **job hub**, what its on_load events read (`get_job_info` + `job_progress`):
  *before*, as the hub worked until the figures were kept (every interview's whole
  transcript read, the job description's key terms extracted once per interview, the
  metrics recomputed); *after*, `job_progress` reading the figures kept with each
  transcript (the newest 20 interviews);
- **interview page**, what `state/interview_page.py` reads for the metrics: *before*, the
  transcript plus `compute_metrics` with the key terms extracted; *after*, the transcript
  (the page shows it) plus `delivery_metrics` reading what was kept;
- the first view after a new metrics algorithm, when every kept figure reads as old and is
  computed again once (the hub with 500 interviews).

The two variants take turns, so background load hits both alike.

Run from the repository root: `.venv/bin/python benchmarks/bench_stored_figures.py`.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import Engine, update
from sqlmodel import Session, col, select

from interview_app.db import make_engine, migrate
from interview_app.models import Interview, JobInfo, User
from interview_app.services.delivery.metrics import compute_metrics
from interview_app.services.feedback.report import (
    FEEDBACK_CATEGORIES,
    CategoryFeedback,
    FeedbackReport,
)
from interview_app.services.jobs.job_infos import create_job_info, get_job_info
from interview_app.services.jobs.key_terms import extract_key_terms
from interview_app.services.progress.job_progress import job_progress
from interview_app.services.transcript_entry import TranscriptEntry
from interview_app.services.transcripts.store import (
    delivery_metrics,
    replace_transcript,
    stored_transcript,
)
from tests.support import postgres_server

SIZES = (1, 50, 500)
MESSAGES = 14
LONG_MESSAGES = 1_000
VIEWS = 5
DESCRIPTION = (
    "We are looking for a backend engineer to build Python services with FastAPI and "
    "asyncio on PostgreSQL and Redis, deployed with Docker on Kubernetes, observed with "
    "OpenTelemetry. Experience with event-driven systems, the outbox pattern, CI/CD and "
    "AWS is a plus. You will mentor junior engineers and work with product managers. "
) * 4
ANSWER = (
    "In my last role I was responsible for our payments API. I decided to move the slow "
    "reports to a queue, um, and I wrote the workers in Python with asyncio. As a result "
    "we cut the p95 latency by 40 percent and the team shipped weekly after that."
)


def _transcript(messages: int) -> list[TranscriptEntry]:
    entries = []
    for number in range(messages):
        start = number * 20_000
        if number % 2:
            entries.append(TranscriptEntry("interviewee", ANSWER, start, start + 18_000))
        else:
            entries.append(
                TranscriptEntry(
                    "interviewer", "Tell me about a hard problem.", start, start + 4_000
                )
            )
    return entries


def _feedback_json(score: int) -> str:
    categories = [
        CategoryFeedback(name=name, score=6, markdown="Text.") for name in FEEDBACK_CATEGORIES
    ]
    return FeedbackReport(
        overall_score=score, summary="Summary.", categories=categories
    ).model_dump_json()


def _seed(
    session: Session, interviews: int, messages: int
) -> tuple[uuid.UUID, uuid.UUID, uuid.UUID]:
    """A user with one job of `interviews` completed interviews; returns user, job, last."""
    user = User(email=f"{uuid.uuid4().hex}@example.com", name="Ada", plan="pro")
    session.add(user)
    session.commit()
    job = create_job_info(
        session=session,
        user_id=user.id,
        name="Backend",
        title="Engineer",
        description=DESCRIPTION,
        experience_level="senior",
    )
    start = datetime(2026, 1, 1, tzinfo=UTC)
    entries = _transcript(messages)
    interview = None
    for number in range(interviews):
        created = start + timedelta(hours=number)
        interview = Interview(
            job_info_id=job.id,
            duration="00:05:00",
            hume_chat_id=f"practice-{uuid.uuid4()}",
            feedback="## Overall Rating: 6/10",
            feedback_json=_feedback_json(number % 11),
            feedback_status="done",
            created_at=created,
            updated_at=created,
        )
        session.add(interview)
        session.commit()
        replace_transcript(session=session, interview=interview, entries=entries, source="browser")
    assert interview is not None
    return user.id, job.id, interview.id


def _hub_before(session: Session, *, user_id: uuid.UUID, job_id: uuid.UUID) -> int:
    """The hub as it read until the figures were kept (the old `job_progress`)."""
    job_info = get_job_info(session=session, user_id=user_id, job_info_id=job_id)
    interviews = session.exec(
        select(Interview)
        .where(
            Interview.job_info_id == job_info.id,
            col(Interview.hume_chat_id).is_not(None),
            col(Interview.feedback_json).is_not(None),
        )
        .order_by(col(Interview.created_at), col(Interview.id))
    ).all()
    points = 0
    for interview in interviews:
        FeedbackReport.model_validate_json(interview.feedback_json or "")
        entries = stored_transcript(session=session, interview_id=interview.id)
        compute_metrics(entries, extract_key_terms(job_info.description))
        points += 1
    return points


def _hub_after(session: Session, *, user_id: uuid.UUID, job_id: uuid.UUID) -> int:
    get_job_info(session=session, user_id=user_id, job_info_id=job_id)
    return len(job_progress(session=session, user_id=user_id, job_info_id=job_id))


def _page_before(session: Session, *, interview_id: uuid.UUID) -> int:
    interview = session.get(Interview, interview_id)
    job_info = session.get(JobInfo, interview.job_info_id)
    entries = stored_transcript(session=session, interview_id=interview_id)
    return len(compute_metrics(entries, extract_key_terms(job_info.description)).answers)


def _page_after(session: Session, *, interview_id: uuid.UUID) -> int:
    interview = session.get(Interview, interview_id)
    job_info = session.get(JobInfo, interview.job_info_id)
    stored_transcript(session=session, interview_id=interview_id)
    return len(delivery_metrics(session=session, interview=interview, job_info=job_info).answers)


def _median_ms(engine: Engine, views: list[Callable[[Session], int]]) -> list[float]:
    """Time each view VIEWS times, taking turns; a fresh session per view, as a page has."""
    times: list[list[float]] = [[] for _ in views]
    for _ in range(VIEWS):
        for index, view in enumerate(views):
            with Session(engine, expire_on_commit=False) as session:
                started = time.perf_counter()
                view(session)
                times[index].append((time.perf_counter() - started) * 1000)
    return [statistics.median(values) for values in times]


def _run(label: str, database_url: str) -> None:
    print(f"\n== {label} ==")
    engine = make_engine(database_url)
    migrate(engine)
    print(f"  {'':40}{'before':>12}{'after':>12}")
    for size in SIZES:
        with Session(engine, expire_on_commit=False) as session:
            user_id, job_id, _ = _seed(session, size, MESSAGES)
        hub = [partial(_hub_before, user_id=user_id, job_id=job_id)]
        hub.append(partial(_hub_after, user_id=user_id, job_id=job_id))
        _median_ms(engine, hub)  # warm-up: connection pool, statement caches
        before, after = _median_ms(engine, hub)
        print(f"  {f'job hub, {size} interviews':40}{before:9.1f} ms{after:9.1f} ms")
    for messages in (MESSAGES, LONG_MESSAGES):
        with Session(engine, expire_on_commit=False) as session:
            _, _, interview_id = _seed(session, 1, messages)
        page = [partial(_page_before, interview_id=interview_id)]
        page.append(partial(_page_after, interview_id=interview_id))
        before, after = _median_ms(engine, page)
        print(f"  {f'interview page, {messages} messages':40}{before:9.1f} ms{after:9.1f} ms")
    # A new metrics algorithm: every kept figure reads as old; the next hub view recomputes
    # the ones it charts and keeps them, and the views after it are back to normal.
    with Session(engine, expire_on_commit=False) as session:
        user_id, job_id, _ = _seed(session, SIZES[-1], MESSAGES)
        session.exec(update(Interview).values(delivery_metrics_version="older"))
        session.commit()
        started = time.perf_counter()
        _hub_after(session, user_id=user_id, job_id=job_id)
        first = (time.perf_counter() - started) * 1000
    (again,) = _median_ms(engine, [partial(_hub_after, user_id=user_id, job_id=job_id)])
    print(
        f"  job hub, {SIZES[-1]} interviews, after a new metrics algorithm: first view "
        f"{first:.1f} ms, then {again:.1f} ms"
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
