"""Everything the app holds about one user, as one ZIP archive of JSON and Markdown files."""

from __future__ import annotations

import dataclasses
import io
import json
import uuid
import zipfile
from dataclasses import dataclass

from sqlmodel import Session, col, select

from interview_app.models import (
    AnswerAttempt,
    AnswerRecording,
    Interview,
    JobInfo,
    PracticeTurn,
    Resume,
    User,
    utcnow,
)
from interview_app.services.errors import NotFoundError
from interview_app.services.ids import parse_id
from interview_app.services.speech.words import words_from_json
from interview_app.services.transcript_entry import TranscriptEntry
from interview_app.services.transcripts.export import message_document, transcript_markdown
from interview_app.services.transcripts.store import delivery_metrics, stored_transcript


@dataclass(frozen=True, slots=True)
class AccountArchive:
    """The archive to download."""

    filename: str
    body: bytes


def _account(user: User) -> dict[str, object]:
    return {
        "id": str(user.id),
        "email": user.email,
        "name": user.name,
        "plan": user.plan,
        "signs_in_with": "identity provider" if user.oidc_subject else "password",
        "created_at": user.created_at.isoformat(),
    }


def _job_info(job_info: JobInfo) -> dict[str, object]:
    return {
        "id": str(job_info.id),
        "name": job_info.name,
        "title": job_info.title,
        "experience_level": job_info.experience_level,
        "description": job_info.description,
        "resume_id": str(job_info.resume_id) if job_info.resume_id else None,
        "interview_language": job_info.interview_language,
        "created_at": job_info.created_at.isoformat(),
    }


def _resume(resume: Resume) -> dict[str, object]:
    return {
        "id": str(resume.id),
        "name": resume.name,
        "filename": resume.filename,
        "source_format": resume.source_format,
        "text": resume.text,
        "created_at": resume.created_at.isoformat(),
        "updated_at": resume.updated_at.isoformat(),
    }


def _interview(
    session: Session, interview: Interview, job_info: JobInfo, entries: list[TranscriptEntry]
) -> dict[str, object]:
    metrics = delivery_metrics(session=session, interview=interview, job_info=job_info)
    return {
        "id": str(interview.id),
        "job_info_id": str(job_info.id),
        "created_at": interview.created_at.isoformat(),
        "duration": interview.duration,
        "voice_provider": interview.voice_provider,
        "transcript": [message_document(entry) | {"spoken": entry.spoken} for entry in entries],
        "feedback_markdown": interview.feedback,
        "feedback": json.loads(interview.feedback_json) if interview.feedback_json else None,
        "delivery_metrics": dataclasses.asdict(metrics) if entries else None,
        "practice_questions": _practice_turns(session, interview),
        "retried_answers": _attempts(session, interview),
        "spoken_answers": [_recording(recording) for recording in _recordings(session, interview)],
    }


def _practice_turns(session: Session, interview: Interview) -> list[dict[str, object]]:
    # A practice's questions, with each answer as saved (an unfinished practice has no
    # transcript yet, only these).
    turns = session.exec(
        select(PracticeTurn)
        .where(PracticeTurn.interview_id == interview.id)
        .order_by(col(PracticeTurn.position))
    ).all()
    return [
        {
            "kind": turn.kind,
            "question": turn.question,
            "answer": turn.answer,
            "recognised_words": _words(turn.answer_words),
        }
        for turn in turns
    ]


def _words(stored: str | None) -> list[dict[str, object]]:
    return [dataclasses.asdict(word) for word in words_from_json(stored)]


def _recordings(session: Session, interview: Interview) -> list[AnswerRecording]:
    return list(
        session.exec(
            select(AnswerRecording)
            .where(AnswerRecording.interview_id == interview.id)
            .order_by(col(AnswerRecording.created_at))
        ).all()
    )


def _recording(recording: AnswerRecording) -> dict[str, object]:
    # What the server heard in each spoken answer; the audio itself sits beside the JSON
    # when the installation keeps it (KEEP_ANSWER_AUDIO).
    return {
        "id": str(recording.id),
        "created_at": recording.created_at.isoformat(),
        "language": recording.language,
        "duration_ms": recording.duration_ms,
        "text": recording.text,
        "words": _words(recording.words),
        "audio_kept": recording.audio is not None,
    }


def _attempts(session: Session, interview: Interview) -> list[dict[str, object]]:
    attempts = session.exec(
        select(AnswerAttempt)
        .where(AnswerAttempt.interview_id == interview.id)
        .order_by(col(AnswerAttempt.created_at))
    ).all()
    return [
        {
            "question_index": attempt.question_index,
            "question": attempt.question,
            "answer": attempt.answer,
            "review": json.loads(attempt.review_json) if attempt.review_json else None,
            "created_at": attempt.created_at.isoformat(),
        }
        for attempt in attempts
    ]


def export_account(*, session: Session, user_id: uuid.UUID | str | None) -> AccountArchive:
    """Build the archive of everything the app holds about the acting user.

    `account.json`, `resumes.json` (the text kept of each résumé), `job_infos.json`, and per
    interview `interviews/<id>.json` (transcript,
    feedback, delivery metrics, a practice's saved answers, retried answers, what was
    recognised in each spoken answer) with its transcript and feedback as Markdown beside
    it, and each kept answer recording as WAV.

    Args:
        session: Open database session.
        user_id: The acting user.

    Returns:
        The archive.

    Raises:
        NotFoundError: No such user.
    """
    if user_id is None:
        raise NotFoundError()
    user = session.get(User, parse_id(user_id))
    if user is None:
        raise NotFoundError()
    job_infos = list(
        session.exec(
            select(JobInfo).where(JobInfo.user_id == user.id).order_by(col(JobInfo.created_at))
        ).all()
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:

        def write_json(name: str, document: object) -> None:
            archive.writestr(name, json.dumps(document, indent=2, ensure_ascii=False))

        write_json("account.json", _account(user))
        resumes = session.exec(
            select(Resume).where(Resume.user_id == user.id).order_by(col(Resume.created_at))
        ).all()
        write_json("resumes.json", [_resume(resume) for resume in resumes])
        write_json("job_infos.json", [_job_info(job_info) for job_info in job_infos])
        for job_info in job_infos:
            interviews = session.exec(
                select(Interview)
                .where(Interview.job_info_id == job_info.id)
                .order_by(col(Interview.created_at))
            ).all()
            for interview in interviews:
                stem = f"interviews/{interview.created_at:%Y-%m-%d}-{interview.id}"
                entries = stored_transcript(session=session, interview_id=interview.id)
                write_json(f"{stem}.json", _interview(session, interview, job_info, entries))
                if interview.hume_chat_id is not None:
                    markdown = transcript_markdown(
                        interview=interview, job_info=job_info, entries=entries
                    )
                    archive.writestr(f"{stem}-transcript.md", markdown)
                if interview.feedback:
                    archive.writestr(f"{stem}-feedback.md", interview.feedback)
                for recording in _recordings(session, interview):
                    if recording.audio is not None:
                        archive.writestr(f"{stem}-answer-{recording.id}.wav", recording.audio)
    return AccountArchive(
        filename=f"interview-coach-data-{utcnow():%Y-%m-%d}.zip", body=buffer.getvalue()
    )
