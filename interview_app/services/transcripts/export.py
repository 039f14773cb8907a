"""Downloading an interview's transcript as Markdown or JSON (SPEC §6, §11)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from sqlmodel import Session

from interview_app.models import Interview, JobInfo
from interview_app.services.errors import NotCompletedError
from interview_app.services.interviews.lifecycle import get_interview
from interview_app.services.jobs.job_infos import get_job_info
from interview_app.services.transcript_entry import (
    SPEAKER_NAMES,
    TranscriptEntry,
    format_offset,
    group_consecutive,
)
from interview_app.services.transcripts.store import stored_transcript


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
    """Render the stored transcript of one of the user's finished interviews as a file.

    Args:
        session: Open database session.
        user_id: The acting user.
        interview_id: The interview.
        file_format: `md` (Markdown) or `json`.

    Returns:
        The file.

    Raises:
        NotFoundError: The interview does not exist or is someone else's.
        NotCompletedError: It has no chat yet.
    """
    interview = get_interview(session=session, user_id=user_id, interview_id=interview_id)
    if interview.hume_chat_id is None:
        raise NotCompletedError()
    job_info = get_job_info(session=session, user_id=user_id, job_info_id=interview.job_info_id)
    entries = stored_transcript(session=session, interview_id=interview.id)
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
            "messages": [message_document(entry) for entry in entries],
        }
        return TranscriptExport(
            f"{stem}.json", "application/json", json.dumps(document, indent=2, ensure_ascii=False)
        )
    return TranscriptExport(
        f"{stem}.md",
        "text/markdown; charset=utf-8",
        transcript_markdown(interview=interview, job_info=job_info, entries=entries),
    )


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


def transcript_markdown(
    *, interview: Interview, job_info: JobInfo, entries: Sequence[TranscriptEntry]
) -> str:
    """Render a transcript already read as the Markdown download (no database work).

    Args:
        interview: The interview, already checked for ownership.
        job_info: Its job info.
        entries: Its stored messages, in order.

    Returns:
        The Markdown document.
    """
    lines = [
        f"# Interview for {job_info.name}",
        "",
        f"- Date: {interview.created_at:%Y-%m-%d %H:%M} UTC",
        f"- Duration: {interview.duration}",
    ]
    if job_info.title:
        lines.append(f"- Job title: {job_info.title}")
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
    return "\n".join(lines) + "\n"
