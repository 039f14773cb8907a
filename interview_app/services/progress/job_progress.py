"""Delivery metrics, automatic feedback and progress for the user's stored interviews.

The database side of `metrics`: reads the figures kept with each stored transcript (never a
provider), for any provider's interview.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlmodel import Session, col, select

from interview_app.models import Interview
from interview_app.services.delivery.metrics import InterviewMetrics
from interview_app.services.feedback.report import stored_report
from interview_app.services.interviews.lifecycle import get_interview
from interview_app.services.jobs.job_infos import get_job_info
from interview_app.services.transcripts.store import delivery_metrics

# The chart shows a job's newest interviews: a page view reads this many, however many the
# job has.
PROGRESS_POINTS = 20


def interview_metrics(
    *, session: Session, user_id: uuid.UUID | str | None, interview_id: uuid.UUID | str
) -> InterviewMetrics:
    """Return the delivery metrics of one of the user's interviews.

    Args:
        session: Open database session.
        user_id: The acting user.
        interview_id: The interview.

    Returns:
        The metrics of its stored transcript (no answers when none is stored), as kept
        when the transcript was stored.

    Raises:
        NotFoundError: The interview does not exist or is someone else's.
    """
    interview = get_interview(session=session, user_id=user_id, interview_id=interview_id)
    job_info = get_job_info(session=session, user_id=user_id, job_info_id=interview.job_info_id)
    return delivery_metrics(session=session, interview=interview, job_info=job_info)


@dataclass(frozen=True, slots=True)
class ProgressPoint:
    """One interview on the progress chart.

    Attributes:
        label: When it was held (e.g. "Nov 25 14:03").
        overall_score: The feedback's overall score out of 10.
        words_per_minute: Speaking pace, when answers were spoken.
        fillers_per_100_words: Filler words per 100 words; None where the job's interview
            language's fillers are not measured (a gap on the chart, not a zero).
        key_term_coverage: Percentage of the job's key terms mentioned, when it names any.
        star_completeness: Percentage of STAR parts per answer.
    """

    label: str
    overall_score: int
    words_per_minute: float | None
    fillers_per_100_words: float | None
    key_term_coverage: float | None
    star_completeness: float


def job_progress(
    *,
    session: Session,
    user_id: uuid.UUID | str | None,
    job_info_id: uuid.UUID | str,
    limit: int = PROGRESS_POINTS,
) -> list[ProgressPoint]:
    """Return the scores and key metrics of a job's newest interviews with feedback.

    Reads the metrics kept with each transcript, so a view costs the same however many
    interviews the job has and however long they were; they are measured in the job's
    interview language (`transcripts.figures.interview_language`).

    Args:
        session: Open database session.
        user_id: The acting user.
        job_info_id: One of the user's job infos.
        limit: How many of the newest interviews to chart.

    Returns:
        One point per completed interview whose feedback has a structured score, oldest
        first.

    Raises:
        NotFoundError: The job info does not exist or is someone else's.
    """
    job_info = get_job_info(session=session, user_id=user_id, job_info_id=job_info_id)
    newest = session.exec(
        select(Interview)
        .where(
            Interview.job_info_id == job_info.id,
            col(Interview.hume_chat_id).is_not(None),
            col(Interview.feedback_json).is_not(None),
        )
        .order_by(col(Interview.created_at).desc(), col(Interview.id).desc())
        .limit(limit)
    ).all()
    points = []
    for interview in reversed(newest):
        report = stored_report(interview.feedback_json)
        if report is None:
            # Feedback stored before scores were structured has no score to chart.
            continue
        metrics = delivery_metrics(session=session, interview=interview, job_info=job_info)
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
