"""Downloading an interview as Markdown or JSON: transcript, metrics, review, feedback (SPEC §6).

The download carries everything the interview's page shows: the stored transcript, the
delivery metrics, the feedback (the rendered markdown and its structured JSON) and, when
the feedback has one, its review of each answer.
"""

from __future__ import annotations

import dataclasses
import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from sqlmodel import Session

from interview_app.models import Interview, JobInfo
from interview_app.services.delivery.metrics import InterviewMetrics, metrics_as_facts
from interview_app.services.errors import NotCompletedError
from interview_app.services.interviews.lifecycle import get_interview
from interview_app.services.jobs.job_infos import get_job_info
from interview_app.services.transcript_entry import (
    SPEAKER_NAMES,
    TranscriptEntry,
    format_offset,
    group_consecutive,
)
from interview_app.services.transcripts.store import delivery_metrics, stored_transcript

# The texts of an answer's review (`AnswerReview` in services/feedback/report.py, read here
# as stored JSON since feedback sits above transcripts), in the order the Markdown shows them.
_REVIEW_TEXTS = {
    "verdict": "In one line",
    "worked": "What worked",
    "improve": "What to improve",
    "stronger_version": "A stronger version",
}


@dataclass(frozen=True, slots=True)
class TranscriptExport:
    """A downloadable transcript file."""

    filename: str
    media_type: str
    body: str


def export_transcript(
    *,
    session: Session,
    user_id: uuid.UUID | str | None,
    interview_id: uuid.UUID | str,
    file_format: Literal["md", "json"],
) -> TranscriptExport:
    """Render one of the user's finished interviews as a file to download.

    Args:
        session: Open database session.
        user_id: The acting user.
        interview_id: The interview.
        file_format: `md` (Markdown) or `json`.

    Returns:
        The file: the transcript, the delivery metrics, the per-answer review and the
        feedback, each when the interview has it.

    Raises:
        NotFoundError: The interview does not exist or is someone else's.
        NotCompletedError: It has no chat yet.
    """
    interview = get_interview(session=session, user_id=user_id, interview_id=interview_id)
    if interview.hume_chat_id is None:
        raise NotCompletedError()
    job_info = get_job_info(session=session, user_id=user_id, job_info_id=interview.job_info_id)
    entries = stored_transcript(session=session, interview_id=interview.id)
    metrics = delivery_metrics(session=session, interview=interview, job_info=job_info)
    report = _feedback_report(interview)
    stem = f"interview-{interview.created_at:%Y-%m-%d}-{str(interview.id)[:8]}"
    if file_format == "json":
        document = {
            "interview_id": str(interview.id),
            "job": {
                "name": job_info.name,
                "title": job_info.title,
                "experience_level": job_info.experience_level,
            },
            "created_at": interview.created_at.isoformat(),
            "duration": interview.duration,
            "voice_provider": interview.voice_provider,
            "messages": [
                message_document(entry) | {"spoken": entry.spoken, "words": _words(entry)}
                for entry in entries
            ],
            "delivery_metrics": metrics_document(metrics) if metrics.answers else None,
            "answer_reviews": _answer_reviews(report),
            "feedback": (
                {"markdown": interview.feedback, "report": report}
                if interview.feedback or report
                else None
            ),
        }
        return TranscriptExport(
            f"{stem}.json", "application/json", json.dumps(document, indent=2, ensure_ascii=False)
        )
    markdown = "\n".join(
        [
            *_header_lines(interview, job_info),
            "",
            "## Transcript",
            *_transcript_lines(entries),
            *_metrics_lines(metrics),
            *_review_lines(_answer_reviews(report)),
            *_feedback_lines(interview.feedback),
        ]
    )
    return TranscriptExport(f"{stem}.md", "text/markdown; charset=utf-8", markdown + "\n")


def _feedback_report(interview: Interview) -> dict[str, object] | None:
    if not interview.feedback_json:
        return None
    report = json.loads(interview.feedback_json)
    return report if isinstance(report, dict) else None


def _answer_reviews(report: Mapping[str, object] | None) -> list[dict[str, object]]:
    # Feedback written before answers were reviewed one by one has no `answers`.
    answers = report.get("answers") if report else None
    if not isinstance(answers, list):
        return []
    return [answer for answer in answers if isinstance(answer, dict)]


def metrics_document(metrics: InterviewMetrics) -> dict[str, object]:
    """Return an interview's delivery metrics as the JSON downloads hold them.

    Args:
        metrics: The interview's metrics.

    Returns:
        Every figure, per interview and per answer, and the key-term coverage (0..1 or None).
    """
    return dataclasses.asdict(metrics) | {"key_term_coverage": metrics.coverage}


def _words(entry: TranscriptEntry) -> list[dict[str, object]] | None:
    # A spoken answer recognised here: the words its delivery figures were measured from.
    return [dataclasses.asdict(word) for word in entry.words] if entry.words else None


def message_document(entry: TranscriptEntry) -> dict[str, object]:
    """Return one message as the JSON downloads hold it.

    Args:
        entry: The message.

    Returns:
        Its speaker, text, offsets and expressed emotions.
    """
    return {
        "speaker": entry.speaker,
        "text": entry.text,
        "start_ms": entry.start_ms,
        "end_ms": entry.end_ms,
        "emotions": dict(entry.emotions) if entry.emotions else None,
    }


def _header_lines(interview: Interview, job_info: JobInfo) -> list[str]:
    lines = [
        f"# Interview for {job_info.name}",
        "",
        f"- Date: {interview.created_at:%Y-%m-%d %H:%M} UTC",
        f"- Duration: {interview.duration}",
    ]
    if job_info.title:
        lines.append(f"- Job title: {job_info.title}")
    return lines


def _transcript_lines(entries: Sequence[TranscriptEntry]) -> list[str]:
    lines: list[str] = []
    for group in group_consecutive(entries):
        first = group[0]
        lines += ["", f"**{SPEAKER_NAMES[first.speaker]}** ({format_offset(first.start_ms)})", ""]
        for entry in group:
            lines.append(entry.text)
            if entry.emotions:
                shown = ", ".join(f"{name} {score:.0%}" for name, score in entry.emotions.items())
                lines.append(f"_Expressed: {shown}_")
            lines.append("")
        lines.pop()
    return lines


def _metrics_lines(metrics: InterviewMetrics) -> list[str]:
    if not metrics.answers:
        return []
    return ["", "## Delivery metrics", "", *(f"- {fact}" for fact in metrics_as_facts(metrics))]


def _review_lines(answers: Sequence[Mapping[str, object]]) -> list[str]:
    lines: list[str] = []
    if answers:
        lines += ["", "## Your answers, one by one"]
    for number, answer in enumerate(answers, start=1):
        score = answer.get("score")
        heading = f"### Question {number}" + (f": {score}/10" if score is not None else "")
        lines += ["", heading, "", f"**Question:** {answer.get('question', '')}", ""]
        said = str(answer.get("answer", "")) or "(not answered)"
        lines += [f"> {line}" if line else ">" for line in said.split("\n")]
        star = answer.get("star")
        if isinstance(star, list):
            lines += ["", f"**STAR parts:** {', '.join(map(str, star)) or 'none'}"]
        for key, label in _REVIEW_TEXTS.items():
            text = answer.get(key)
            if isinstance(text, str) and text.strip():
                lines += ["", f"**{label}:** {text.strip()}"]
    return lines


def _feedback_lines(feedback: str | None) -> list[str]:
    if not feedback:
        return []
    # The feedback's own sections (`## Overall Rating`, ...) sit one level under "Feedback".
    body = [f"#{line}" if line.startswith("#") else line for line in feedback.strip().split("\n")]
    return ["", "## Feedback", "", *body]


def transcript_markdown(
    *, interview: Interview, job_info: JobInfo, entries: Sequence[TranscriptEntry]
) -> str:
    """Render a transcript already read as Markdown (no database work).

    Args:
        interview: The interview, already checked for ownership.
        job_info: Its job info.
        entries: Its stored messages, in order.

    Returns:
        The Markdown document: the interview's date and length, then the transcript.
    """
    return "\n".join([*_header_lines(interview, job_info), *_transcript_lines(entries)]) + "\n"
