"""Delivery metrics, automatic feedback and progress for the user's stored interviews.

The database side of `metrics` and `rubric`: reads the stored transcript (never a
provider) and the job's key terms, for any provider's interview.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import ValidationError
from sqlmodel import Session, col, select

from interview_app.models import Interview, JobInfo
from interview_app.services.delivery.metrics import InterviewMetrics, compute_metrics
from interview_app.services.feedback.report import FeedbackReport
from interview_app.services.interviews.lifecycle import get_interview
from interview_app.services.jobs.job_infos import get_job_info
from interview_app.services.jobs.key_terms import extract_key_terms
from interview_app.services.transcript_entry import TranscriptEntry
from interview_app.services.transcripts.store import stored_transcript


def transcript_metrics(
    *, entries: Sequence[TranscriptEntry], job_description: str
) -> InterviewMetrics:
    """Compute the delivery metrics of a transcript already read, against its job.

    Args:
        entries: The interview's stored transcript, in order.
        job_description: The description of the interview's job (its key terms count).

    Returns:
        The metrics.
    """
    return compute_metrics(entries, extract_key_terms(job_description))


def _metrics_of(session: Session, interview: Interview, job_info: JobInfo) -> InterviewMetrics:
    entries = stored_transcript(session=session, interview_id=interview.id)
    return transcript_metrics(entries=entries, job_description=job_info.description)


def interview_metrics(
    *, session: Session, user_id: uuid.UUID | str | None, interview_id: uuid.UUID | str
) -> InterviewMetrics:
    """Compute the delivery metrics of one of the user's interviews.

    Args:
        session: Open database session.
        user_id: The acting user.
        interview_id: The interview.

    Returns:
        The metrics of its stored transcript (no answers when none is stored).

    Raises:
        NotFoundError: The interview does not exist or is someone else's.
    """
    interview = get_interview(session=session, user_id=user_id, interview_id=interview_id)
    job_info = get_job_info(session=session, user_id=user_id, job_info_id=interview.job_info_id)
    return _metrics_of(session, interview, job_info)


@dataclass(frozen=True, slots=True)
class ProgressPoint:
    """One interview on the progress chart.

    Attributes:
        label: When it was held (e.g. "Nov 25 14:03").
        overall_score: The feedback's overall score out of 10.
        words_per_minute: Speaking pace, when answers were spoken.
        fillers_per_100_words: Filler words per 100 words.
        key_term_coverage: Percentage of the job's key terms mentioned, when it names any.
        star_completeness: Percentage of STAR parts per answer.
    """

    label: str
    overall_score: int
    words_per_minute: float | None
    fillers_per_100_words: float
    key_term_coverage: float | None
    star_completeness: float


def job_progress(
    *, session: Session, user_id: uuid.UUID | str | None, job_info_id: uuid.UUID | str
) -> list[ProgressPoint]:
    """Return the scores and key metrics of a job's interviews with feedback, oldest first.

    Args:
        session: Open database session.
        user_id: The acting user.
        job_info_id: One of the user's job infos.

    Returns:
        One point per completed interview whose feedback has a structured score.

    Raises:
        NotFoundError: The job info does not exist or is someone else's.
    """
    job_info = get_job_info(session=session, user_id=user_id, job_info_id=job_info_id)
    interviews = session.exec(
        select(Interview)
        .where(
            Interview.job_info_id == job_info.id,
            col(Interview.hume_chat_id).is_not(None),
            col(Interview.feedback_json).is_not(None),
        )
        .order_by(col(Interview.created_at), col(Interview.id))
    ).all()
    points = []
    for interview in interviews:
        try:
            report = FeedbackReport.model_validate_json(interview.feedback_json or "")
        except ValidationError:
            # Feedback stored before scores were structured has no score to chart.
            continue
        metrics = _metrics_of(session, interview, job_info)
        coverage = metrics.coverage
        points.append(
            ProgressPoint(
                label=interview.created_at.strftime("%b %d %H:%M"),
                overall_score=report.overall_score,
                words_per_minute=metrics.words_per_minute,
                fillers_per_100_words=metrics.fillers_per_100_words,
                key_term_coverage=round(coverage * 100) if coverage is not None else None,
                star_completeness=round(metrics.star_completeness * 100),
            )
        )
    return points
