"""The interview page's loader: everything the page shows, read in one go, sent in one delta.

A finished interview's page shows the interview, its transcript, the delivery metrics and the
feedback. One on_load event reads them in one database session (the metrics as kept when the
transcript was stored, not recomputed) and sets the four states the page's sections render
from, so the browser receives a single update and draws the page once; four events meant
four user look-ups, four thread hops and four updates for the browser to draw.
"""

from __future__ import annotations

import dataclasses
import uuid

import reflex as rx
from sqlmodel import Session

from interview_app.services.delivery.metrics import InterviewMetrics
from interview_app.services.errors import NotFoundError
from interview_app.services.feedback.generation import IN_FLIGHT, FeedbackView, get_feedback_view
from interview_app.services.ids import parse_id
from interview_app.services.interviews import lifecycle as interviews
from interview_app.services.jobs import job_infos
from interview_app.services.retries import attempts
from interview_app.services.retries.attempts import AnswerCardView
from interview_app.services.transcripts import store as transcripts
from interview_app.state.answers import AnswerReviewState
from interview_app.state.delivery import DeliveryState
from interview_app.state.feedback import FeedbackState
from interview_app.state.interviews import InterviewRow, InterviewState
from interview_app.state.job_infos import JobInfoRow
from interview_app.state.session import SessionState, run_in_session
from interview_app.state.transcript import TranscriptState
from interview_app.state.transcript_rows import TranscriptRow, transcript_rows


@dataclasses.dataclass
class InterviewPage:
    """What the page of one finished interview shows."""

    job_info: JobInfoRow
    interview: InterviewRow
    transcript_status: transcripts.TranscriptStatus
    transcript: list[TranscriptRow]
    metrics: InterviewMetrics
    feedback: FeedbackView
    answer_cards: list[AnswerCardView]


def _load_page(
    *, session: Session, user_id: uuid.UUID, job_info_id: str, interview_id: str
) -> InterviewPage:
    interview = interviews.get_interview(
        session=session, user_id=user_id, interview_id=interview_id
    )
    if str(interview.job_info_id) != job_info_id:
        raise NotFoundError()
    job_info = job_infos.get_job_info(
        session=session, user_id=user_id, job_info_id=interview.job_info_id
    )
    status = transcripts.transcript_status(
        session=session, user_id=user_id, interview_id=interview.id
    )
    # Ownership is checked above; the messages need no second look-up.
    entries = transcripts.stored_transcript(session=session, interview_id=parse_id(interview.id))
    return InterviewPage(
        job_info=JobInfoRow.from_model(job_info),
        interview=InterviewRow.from_model(interview),
        transcript_status=status,
        transcript=transcript_rows(entries),
        metrics=transcripts.delivery_metrics(
            session=session, interview=interview, job_info=job_info
        ),
        feedback=get_feedback_view(session=session, user_id=user_id, interview_id=interview.id),
        answer_cards=attempts.answer_cards(
            session=session, user_id=user_id, interview_id=interview.id
        ),
    )


class InterviewPageState(SessionState):
    """Loads the page of one interview of the signed-in user into its sections' states."""

    @rx.event
    async def load_page(self) -> rx.event.EventSpec | list[rx.event.EventSpec] | None:
        """Show one interview: its details, transcript, delivery metrics and feedback."""
        overview = await self.get_state(InterviewState)
        transcript = await self.get_state(TranscriptState)
        delivery = await self.get_state(DeliveryState)
        feedback = await self.get_state(FeedbackState)
        answers = await self.get_state(AnswerReviewState)
        overview._begin_load()
        answers._show([])
        answers.retry_index = -1
        transcript._show(transcripts.TranscriptStatus("none", "", 0), [])
        delivery._show(None)
        user_id = await self._current_user_id()
        if user_id is None:
            return self._sign_in_redirect()
        try:
            page = await run_in_session(
                _load_page,
                user_id=user_id,
                job_info_id=self.job_info_id,
                interview_id=self.interview_id,
            )
        except NotFoundError:
            overview.not_found = True
            overview.loaded = True
            return None
        overview.job_info, overview.interview = page.job_info, page.interview
        transcript._show(page.transcript_status, page.transcript)
        delivery._show(page.metrics)
        feedback._show(page.feedback)
        answers._show(page.answer_cards)
        overview.loaded = True
        follow_up = []
        if page.transcript_status.state == "pending":
            follow_up.append(TranscriptState.await_sync)
        if page.feedback.status in IN_FLIGHT:
            follow_up.append(FeedbackState.follow)
        if answers.reviewing:
            follow_up.append(AnswerReviewState.follow_reviews)
        return follow_up or None
