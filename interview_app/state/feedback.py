"""The interview page's feedback: its status, the result, and the background generation.

The generation runs in a background event, so the page stays usable; the slow await (the
model) happens outside `async with self`. The database holds the status (services.feedback
claims each generation atomically), so a reload, a second tab or another worker shows the
same status and never starts a second generation.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import time
from collections.abc import AsyncIterator

import reflex as rx

from interview_app.config import get_settings
from interview_app.services.errors import DomainError, NotFoundError
from interview_app.services.feedback.generation import (
    IN_FLIGHT,
    FeedbackView,
    generate_interview_feedback,
    get_feedback_view,
)
from interview_app.services.feedback.messages import message
from interview_app.services.feedback.report import score_text
from interview_app.services.languages import language_for
from interview_app.state.answers import AnswerReviewState
from interview_app.state.session import SERVICE_UNAVAILABLE_MESSAGE, SessionState, run_in_session

logger = logging.getLogger(__name__)

_POLL_SECONDS = 0.5


@dataclasses.dataclass
class CategoryScoreRow:
    """One category's score as the browser sees it."""

    name: str = ""
    # `7/10`, or `not measured` (typed answers have no pace).
    score: str = ""


class FeedbackState(SessionState):
    """Feedback of the interview on the page; the service checks ownership and completion."""

    status: str = "idle"
    markdown: str = ""
    overall_score: int = 0
    has_scores: bool = False
    category_scores: list[CategoryScoreRow] = []
    error: str = ""
    completed: bool = False
    # The language the feedback is written in (a BCP 47 tag), for the page's `lang`.
    language_tag: str = "en-US"
    _following: bool = False

    @rx.var
    def in_flight(self) -> bool:
        """Whether a generation is queued or running."""
        return self.status in IN_FLIGHT

    def _show(self, view: FeedbackView) -> None:
        self.status = view.status
        self.markdown = view.markdown
        self.error = view.error
        self.completed = view.completed
        self.has_scores = view.report is not None
        self.overall_score = view.report.overall_score if view.report else 0
        language = view.report.language if view.report else None
        self.language_tag = language_for(language).bcp47
        # Named and scored in the feedback's language, as its headings are.
        self.category_scores = [
            CategoryScoreRow(
                name=message(language, f"category.{index}"),
                score=score_text(category.score, language),
            )
            for index, category in enumerate(view.report.categories if view.report else [])
        ]

    @rx.event(background=True)
    async def follow(self) -> None:
        """Refresh the status until a generation started elsewhere (or before a reload) ends."""
        async with self:
            if self._following:
                return
            self._following = True
            user_id = await self._current_user_id()
            interview_id = self.interview_id
        try:
            # Long enough to see a generation whose worker died go stale, be resumed by a
            # sweep and finish.
            settings = get_settings()
            deadline = (
                time.monotonic()
                + 2 * settings.feedback_claim_timeout_seconds
                + 2 * settings.resume_interval_seconds
            )
            while user_id is not None and time.monotonic() < deadline:
                await asyncio.sleep(_POLL_SECONDS)
                try:
                    view = await run_in_session(
                        get_feedback_view, user_id=user_id, interview_id=interview_id
                    )
                except NotFoundError:
                    return  # deleted in another tab, or never this user's: nothing to follow
                async with self:
                    if self.interview_id != interview_id:
                        return
                    self._show(view)
                if view.status not in IN_FLIGHT:
                    return
        finally:
            async with self:
                self._following = False

    @rx.event(background=True)
    async def generate(self) -> AsyncIterator[rx.event.EventSpec | None]:
        """Generate feedback for the interview on the page, in the background."""
        async with self:
            if self.status in IN_FLIGHT:
                return
            user_id = await self._current_user_id()
            interview_id = self.interview_id
            if user_id is not None:
                self.status, self.error = "queued", ""
        if user_id is None:
            yield self._sign_in_redirect()
            return
        generation = asyncio.create_task(
            generate_interview_feedback(user_id=user_id, interview_id=interview_id)
        )
        try:
            while not generation.done():
                await asyncio.wait({generation}, timeout=_POLL_SECONDS)
                if generation.done():
                    break
                view = await run_in_session(
                    get_feedback_view, user_id=user_id, interview_id=interview_id
                )
                # Until the claim is committed the row still shows the previous status.
                if view.status in IN_FLIGHT:
                    async with self:
                        if self.interview_id == interview_id:
                            self._show(view)
        except asyncio.CancelledError:
            # The worker is stopping past its drain time: stop the generation too, so that
            # it hands its claim back for another worker to resume.
            generation.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await generation
            raise
        message = ""
        try:
            generation.result()
        except DomainError as error:
            message = str(error)
        except Exception:
            logger.exception("Feedback generation failed unexpectedly")
            message = SERVICE_UNAVAILABLE_MESSAGE
        try:
            view = await run_in_session(
                get_feedback_view, user_id=user_id, interview_id=interview_id
            )
        except NotFoundError:
            view = None
        # The card shows the message beside its Retry button (a toast would cover it).
        async with self:
            if self.interview_id == interview_id and view is not None:
                self._show(view)
                self.error = self.error or message
        # Each answer's card comes with the feedback.
        yield AnswerReviewState.load_cards
