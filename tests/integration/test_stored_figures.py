"""Figures computed once: a job's key terms when it is saved, an interview's delivery metrics
when its transcript is stored; pages read them back, and a newer algorithm recomputes them."""

from __future__ import annotations

import uuid

from sqlalchemy import Engine
from sqlmodel import Session, delete

from interview_app.models import Interview, JobInfo, TranscriptMessage, User
from interview_app.services.delivery.metrics import compute_metrics
from interview_app.services.feedback.report import (
    FEEDBACK_CATEGORIES,
    CategoryFeedback,
    FeedbackReport,
)
from interview_app.services.interviews.lifecycle import create_interview, update_interview
from interview_app.services.jobs.job_infos import (
    KEY_TERMS_VERSION,
    create_job_info,
    job_key_terms,
    update_job_info,
)
from interview_app.services.jobs.key_terms import extract_key_terms
from interview_app.services.progress.job_progress import interview_metrics, job_progress
from interview_app.services.transcript_entry import TranscriptEntry
from interview_app.services.transcripts.figures import METRICS_VERSION, metrics_from_json
from interview_app.services.transcripts.store import replace_transcript

DESCRIPTION = "Backend services in Python with PostgreSQL, Docker and Kubernetes."
ANSWER = "In my last role I moved our Python services to Docker. As a result we shipped weekly."
ENTRIES = [
    TranscriptEntry("interviewer", "Tell me about a migration you led.", 0, 4_000),
    TranscriptEntry("interviewee", ANSWER, 5_000, 14_000),
]


def _job(session: Session) -> tuple[uuid.UUID, JobInfo]:
    user = User(name="Ada", email=f"ada-{uuid.uuid4().hex[:8]}@example.com", plan="pro")
    session.add(user)
    session.commit()
    job = create_job_info(
        session=session,
        user_id=user.id,
        name="Platform",
        title=None,
        description=DESCRIPTION,
        experience_level="senior",
    )
    return user.id, job


def _held(session: Session, user_id: uuid.UUID, job: JobInfo, *, score: int = 6) -> Interview:
    interview = create_interview(session=session, user_id=user_id, job_info_id=job.id)
    update_interview(
        session=session,
        user_id=user_id,
        interview_id=interview.id,
        hume_chat_id=f"chat-{uuid.uuid4()}",
    )
    replace_transcript(session=session, interview=interview, entries=ENTRIES, source="browser")
    categories = [
        CategoryFeedback(name=name, score=5, markdown="m") for name in FEEDBACK_CATEGORIES
    ]
    report = FeedbackReport(overall_score=score, summary="s", categories=categories)
    interview.feedback_json = report.model_dump_json()
    session.add(interview)
    session.commit()
    return interview


def test_a_job_keeps_its_key_terms_from_when_it_was_saved(session: Session) -> None:
    user_id, job = _job(session)
    assert (job.key_terms_version, job_key_terms(session=session, job_info=job)) == (
        KEY_TERMS_VERSION,
        extract_key_terms(DESCRIPTION),
    )
    changed = update_job_info(
        session=session,
        user_id=user_id,
        job_info_id=job.id,
        name="Platform",
        title=None,
        description="Frontend work in TypeScript and React.",
        experience_level="senior",
    )
    assert job_key_terms(session=session, job_info=changed) == extract_key_terms(
        "Frontend work in TypeScript and React."
    )


def test_terms_of_an_older_extractor_are_found_again_and_kept(
    session: Session, engine: Engine
) -> None:
    _, job = _job(session)
    job.key_terms_version = "older"
    session.add(job)
    session.commit()
    assert job_key_terms(session=session, job_info=job) == extract_key_terms(DESCRIPTION)
    session.commit()
    with Session(engine) as fresh:
        kept = fresh.get(JobInfo, job.id)
        assert kept is not None and kept.key_terms_version == KEY_TERMS_VERSION


def test_an_interview_keeps_its_metrics_from_when_its_transcript_was_stored(
    session: Session,
) -> None:
    user_id, job = _job(session)
    interview = _held(session, user_id, job)
    assert interview.delivery_metrics_version == METRICS_VERSION
    kept = metrics_from_json(interview.delivery_metrics or "")
    assert kept == compute_metrics(ENTRIES, extract_key_terms(DESCRIPTION))
    # The page's figures are read back, not recomputed: the transcript is not read at all.
    session.exec(delete(TranscriptMessage))
    session.commit()
    assert interview_metrics(session=session, user_id=user_id, interview_id=interview.id) == kept


def test_metrics_of_an_older_algorithm_or_older_key_terms_are_computed_again(
    session: Session, engine: Engine
) -> None:
    user_id, job = _job(session)
    interview = _held(session, user_id, job)
    interview.delivery_metrics_version = "older"
    interview.delivery_metrics = '{"answers": []}'
    session.add(interview)
    session.commit()
    metrics = interview_metrics(session=session, user_id=user_id, interview_id=interview.id)
    assert [answer.text for answer in metrics.answers] == [ANSWER]
    with Session(engine) as fresh:
        stored = fresh.get(Interview, interview.id)
        assert stored is not None and stored.delivery_metrics_version == METRICS_VERSION

    new_description = "Go services on Kubernetes."
    update_job_info(
        session=session,
        user_id=user_id,
        job_info_id=job.id,
        name="Platform",
        title=None,
        description=new_description,
        experience_level="senior",
    )
    metrics = interview_metrics(session=session, user_id=user_id, interview_id=interview.id)
    assert metrics.key_terms == extract_key_terms(new_description)


def test_progress_charts_the_newest_interviews_from_kept_figures(session: Session) -> None:
    user_id, job = _job(session)
    for score in range(5):
        _held(session, user_id, job, score=score)
    session.exec(delete(TranscriptMessage))
    session.commit()
    points = job_progress(session=session, user_id=user_id, job_info_id=job.id, limit=3)
    assert [point.overall_score for point in points] == [2, 3, 4]
    assert all(point.star_completeness > 0 for point in points)
