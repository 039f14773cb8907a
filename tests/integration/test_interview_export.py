"""An interview's download carries its transcript, metrics, per-answer review and feedback."""

from __future__ import annotations

import json
import uuid

from sqlmodel import Session

from interview_app.models import Interview, User
from interview_app.services.interviews.lifecycle import create_interview, update_interview
from interview_app.services.jobs.job_infos import create_job_info
from interview_app.services.jobs.key_terms import extract_key_terms
from interview_app.services.transcript_entry import TranscriptEntry
from interview_app.services.transcripts.export import export_transcript
from interview_app.services.transcripts.store import replace_transcript

DESCRIPTION = "Backend services in Python with PostgreSQL and Redis."
ENTRIES = [
    TranscriptEntry("interviewer", "Tell me about a hard bug.", 0, 4_000),
    TranscriptEntry("interviewee", "I fixed a race in our Python cache.", 5_000, 9_000),
]
REVIEW = {
    "question": "Tell me about a hard bug.",
    "answer": "I fixed a race in our Python cache.",
    "score": 6,
    "star": ["action"],
    "quotes": [],
    "stronger_version": "Say what the race cost and what changed after your fix.",
    "verdict": "A real bug, but no result.",
}


def _finished_interview(
    session: Session, *, feedback_json: str | None
) -> tuple[uuid.UUID, Interview]:
    user = User(name="Ada", email=f"ada-{uuid.uuid4().hex[:8]}@example.com", plan="pro")
    session.add(user)
    session.commit()
    job = create_job_info(
        session=session,
        user_id=user.id,
        name="Platform",
        title="Backend Engineer",
        description=DESCRIPTION,
        experience_level="senior",
    )
    interview = create_interview(session=session, user_id=user.id, job_info_id=job.id)
    update_interview(
        session=session, user_id=user.id, interview_id=interview.id, hume_chat_id="chat-export"
    )
    replace_transcript(session=session, interview=interview, entries=ENTRIES, source="browser")
    interview.feedback = "## Overall Rating: 6/10\n\nA clear start." if feedback_json else None
    interview.feedback_json = feedback_json
    session.add(interview)
    session.commit()
    return user.id, interview


def test_the_json_download_holds_everything_the_page_shows(session: Session) -> None:
    feedback = {"overall_score": 6, "answers": [REVIEW]}
    user_id, interview = _finished_interview(session, feedback_json=json.dumps(feedback))
    export = export_transcript(
        session=session, user_id=user_id, interview_id=interview.id, file_format="json"
    )
    document = json.loads(export.body)
    assert [m["text"] for m in document["messages"]] == [entry.text for entry in ENTRIES]
    assert [m["spoken"] for m in document["messages"]] == [True, True]
    metrics = document["delivery_metrics"]
    assert metrics["answers"][0]["words"] == 8
    assert metrics["key_terms"] == extract_key_terms(DESCRIPTION)
    assert document["answer_reviews"] == [REVIEW]
    assert document["feedback"] == {
        "markdown": "## Overall Rating: 6/10\n\nA clear start.",
        "report": feedback,
    }


def test_the_markdown_download_reads_in_order(session: Session) -> None:
    user_id, interview = _finished_interview(
        session, feedback_json=json.dumps({"overall_score": 6, "answers": [REVIEW]})
    )
    body = export_transcript(
        session=session, user_id=user_id, interview_id=interview.id, file_format="md"
    ).body
    sections = [
        "# Interview for Platform",
        "## Transcript",
        "**You** (00:05)\n\nI fixed a race in our Python cache.",
        "## Delivery metrics",
        "- Filler words: 0.0 per 100 words",
        "## Your answers, one by one",
        "### Question 1: 6/10",
        "> I fixed a race in our Python cache.",
        "**STAR parts:** action",
        "**In one line:** A real bug, but no result.",
        "**A stronger version:** Say what the race cost",
        "## Feedback",
        "### Overall Rating: 6/10",
    ]
    positions = [body.index(section) for section in sections]
    assert positions == sorted(positions)


def test_without_feedback_the_download_says_so_and_still_has_the_metrics(
    session: Session,
) -> None:
    user_id, interview = _finished_interview(session, feedback_json=None)
    document = json.loads(
        export_transcript(
            session=session, user_id=user_id, interview_id=interview.id, file_format="json"
        ).body
    )
    assert (document["feedback"], document["answer_reviews"]) == (None, [])
    assert document["delivery_metrics"]["total_words"] == 8
    markdown = export_transcript(
        session=session, user_id=user_id, interview_id=interview.id, file_format="md"
    ).body
    assert "## Delivery metrics" in markdown
    assert "## Feedback" not in markdown
