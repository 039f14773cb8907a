"""An interview's delivery metrics, computed once when its transcript is stored (SPEC §7).

A stored transcript never changes until it is stored again, so its metrics are computed
then and kept on the interview as JSON with the version of the algorithm
(`METRICS_VERSION`). Pages read them back instead of reading the whole transcript and
recomputing on every view; metrics kept by an older algorithm, or against key terms the
job no longer has, or in another language than the job's interview language now, read as
missing and are computed again (`store.delivery_metrics`).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence

from sqlmodel import Session

from interview_app.models import Interview, JobInfo
from interview_app.services.algorithm_version import algorithm_version
from interview_app.services.delivery import lexicon as lexicon_module
from interview_app.services.delivery import metrics as metrics_module
from interview_app.services.delivery import spoken as spoken_module
from interview_app.services.delivery.metrics import AnswerMetrics, InterviewMetrics, compute_metrics
from interview_app.services.jobs import key_terms as key_terms_module
from interview_app.services.jobs.job_infos import job_key_terms
from interview_app.services.languages import language_for
from interview_app.services.transcript_entry import TranscriptEntry

# Metrics depend on the metrics code, the word lists and word timings it reads answers
# with, and on how key terms are matched in answers.
METRICS_VERSION = algorithm_version(metrics_module, lexicon_module, spoken_module, key_terms_module)
_TUPLE_FIELDS = frozenset(
    field.name for field in dataclasses.fields(AnswerMetrics) if str(field.type).startswith("tuple")
)


def metrics_json(metrics: InterviewMetrics) -> str:
    """Write an interview's metrics as the JSON kept on the interview.

    Args:
        metrics: The metrics.

    Returns:
        Every figure, per interview and per answer.
    """
    return json.dumps(dataclasses.asdict(metrics), ensure_ascii=False)


def metrics_from_json(text: str) -> InterviewMetrics | None:
    """Read metrics kept as JSON.

    Args:
        text: What `metrics_json` wrote.

    Returns:
        The metrics, or None when the text does not fit today's fields (then they are
        computed again).
    """
    try:
        fields = json.loads(text)
        answers = [
            AnswerMetrics(
                **{
                    name: tuple(value) if name in _TUPLE_FIELDS else value
                    for name, value in answer.items()
                }
            )
            for answer in fields.pop("answers")
        ]
        return InterviewMetrics(answers=answers, **fields)
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def keep_metrics(
    *, session: Session, interview: Interview, entries: Sequence[TranscriptEntry]
) -> InterviewMetrics:
    """Compute an interview's metrics from its transcript and set them on the interview.

    The caller commits (storing a transcript does, with the transcript).

    Args:
        session: Open database session.
        interview: The interview, already checked for ownership.
        entries: Its transcript as stored, in order.

    Returns:
        The metrics.
    """
    job_info = session.get(JobInfo, interview.job_info_id)
    key_terms = job_key_terms(session=session, job_info=job_info) if job_info else []
    metrics = compute_metrics(entries, key_terms, interview_language(job_info))
    interview.delivery_metrics = metrics_json(metrics)
    interview.delivery_metrics_version = METRICS_VERSION
    session.add(interview)
    return metrics


def interview_language(job_info: JobInfo | None) -> str:
    """Return the language an interview of a job is measured in.

    Args:
        job_info: The interview's job info (None: it is gone).

    Returns:
        Its interview language's ISO 639-1 code; English for an unknown one or none.
    """
    return language_for(job_info.interview_language if job_info else None).code


def kept_metrics(
    interview: Interview, key_terms: Sequence[str], language: str
) -> InterviewMetrics | None:
    """Return the metrics kept on an interview, when they are current.

    Args:
        interview: The interview.
        key_terms: The job's key terms today.
        language: The job's interview language today (`interview_language`).

    Returns:
        The metrics, or None when none are kept, an older algorithm computed them, or the
        job's key terms or interview language changed since.
    """
    if interview.delivery_metrics is None or interview.delivery_metrics_version != METRICS_VERSION:
        return None
    metrics = metrics_from_json(interview.delivery_metrics)
    if metrics is None or metrics.key_terms != list(key_terms):
        return None
    if metrics.language != language_for(language).code:
        return None
    return metrics
