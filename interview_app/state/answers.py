"""The interview page's per-answer review: one card per question, and its retries."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator
from typing import Any

import reflex as rx

from interview_app import routes
from interview_app.services.errors import DomainError, InvalidInputError
from interview_app.services.feedback.report import score_text
from interview_app.services.languages import language_for
from interview_app.services.retries import attempts
from interview_app.services.retries.attempts import AnswerCardView, AnswerFigures, AttemptView
from interview_app.state.practice import PracticeTurnRow
from interview_app.state.session import SERVICE_UNAVAILABLE_MESSAGE, SessionState, run_in_session

# How often a card waiting for an attempt's review looks again, and for how long at most.
REVIEW_POLL_SECONDS = 1.0
REVIEW_POLL_LIMIT = 300


def _star(parts: list[str]) -> str:
    return ", ".join(part.capitalize() for part in parts) or "none found"


@dataclasses.dataclass
class AttemptRow:
    """One retry as its card shows it."""

    id: str = ""
    number: int = 0
    answer: str = ""
    status: str = "reviewing"
    error: str = ""
    score: str = ""
    star: str = ""
    verdict: str = ""
    stronger_version: str = ""
    changes: list[str] = dataclasses.field(default_factory=list)
    # A spoken retry's pace and pauses ("" when typed or not reviewed yet).
    delivery: str = ""
    # What the retry left out of the linked résumé, or claimed beyond it.
    resume_notes: list[str] = dataclasses.field(default_factory=list)

    @classmethod
    def from_view(cls, view: AttemptView) -> AttemptRow:
        """Copy what the card shows out of the service's view."""
        figures: AnswerFigures | None = view.figures
        delivery = ""
        if figures and figures.words_per_minute is not None:
            delivery = (
                f"Spoken at {figures.words_per_minute:.0f} words/min, "
                f"{figures.pauses_over_1s} pause(s) over 1 s"
            )
        return cls(
            delivery=delivery,
            id=view.id,
            number=view.number,
            answer=view.answer,
            status=view.status,
            error=view.error,
            score=f"{figures.score}/10" if figures and figures.score is not None else "",
            star=_star(figures.star) if figures else "",
            verdict=figures.verdict if figures else "",
            stronger_version=view.review.stronger_version if view.review else "",
            changes=list(view.changes),
            resume_notes=list(view.review.resume_notes) if view.review else [],
        )


@dataclasses.dataclass
class AnswerCardRow:
    """One question of the interview: the answer's review and its retries."""

    index: int = 0
    number: int = 0
    question: str = ""
    answer: str = ""
    score: int = 0
    # Whether the answer was scored (the automatic review cannot score every language),
    # and the score as the badge shows it: "7/10" or "not measured".
    scored: bool = True
    score_text: str = ""
    star: str = ""
    worked: str = ""
    improve: str = ""
    stronger_version: str = ""
    verdict: str = ""
    words: int = 0
    attempts: list[AttemptRow] = dataclasses.field(default_factory=list)
    # What the answer left out of the linked résumé, or claimed beyond it.
    resume_notes: list[str] = dataclasses.field(default_factory=list)
    # The language the review is written in (a BCP 47 tag), for the card's `lang`.
    language_tag: str = "en-US"
    # The kept recording of a spoken answer, to play back ("" when none was kept).
    audio_url: str = ""

    @classmethod
    def from_view(cls, view: AnswerCardView, interview_id: str) -> AnswerCardRow:
        """Copy what the card shows out of the service's view."""
        review = view.review
        return cls(
            audio_url=routes.answer_audio_url(interview_id, view.audio_recording_id)
            if view.audio_recording_id
            else "",
            index=review.question_index,
            number=review.question_index + 1,
            question=review.question,
            answer=review.answer,
            score=review.score or 0,
            scored=review.score is not None,
            score_text=score_text(review.score),
            star=_star(list(review.star)),
            worked=review.worked,
            improve=review.improve,
            stronger_version=review.stronger_version,
            verdict=review.verdict,
            words=view.figures.words,
            attempts=[AttemptRow.from_view(attempt) for attempt in view.attempts],
            resume_notes=list(review.resume_notes),
            language_tag=language_for(review.language).bcp47,
        )


class AnswerReviewState(SessionState):
    """The cards of the interview on the page, and the retry under way on one of them."""

    cards: list[AnswerCardRow] = []
    # The question being tried again (-1: none), and whether its answer is being stored.
    retry_index: int = -1
    retry_saving: bool = False
    retry_refusals: int = 0
    _polling: bool = False

    def _show(self, cards: list[AnswerCardView]) -> None:
        self.cards = [AnswerCardRow.from_view(card, self.interview_id) for card in cards]

    @rx.var
    def retry_turns(self) -> list[PracticeTurnRow]:
        """The one question being tried again, as the answer box takes it."""
        card = next((card for card in self.cards if card.index == self.retry_index), None)
        if card is None:
            return []
        return [PracticeTurnRow(position=card.index, kind="retry", question=card.question)]

    @rx.var
    def reviewing(self) -> bool:
        """Whether an attempt's review is still being written."""
        return any(
            attempt.status == "reviewing" for card in self.cards for attempt in card.attempts
        )

    @rx.event
    async def load_cards(self) -> rx.event.EventSpec | None:
        """Read the cards of the interview on the page again (its feedback changed)."""
        self.retry_index = -1
        outcome = await self._run_for_user(
            attempts.answer_cards, action="Reading answer reviews", interview_id=self.interview_id
        )
        if outcome.sign_in is not None:
            return outcome.sign_in
        self._show(outcome.value or [])
        return AnswerReviewState.follow_reviews if self.reviewing else None

    @rx.event
    def open_retry(self, index: int) -> None:
        """Open the answer box of one question's retry.

        Args:
            index: The question's index (checked by the service when the answer is sent).
        """
        self.retry_index = index if isinstance(index, int) else -1

    @rx.event
    def close_retry(self) -> None:
        """Close the retry's answer box without sending anything."""
        self.retry_index = -1

    @rx.event
    async def submit_attempt(
        self, report: dict[str, Any]
    ) -> AsyncIterator[rx.event.EventSpec | None]:
        """Store a retry's answer, then have it reviewed.

        Args:
            report: `{"position": question index, "answer": {...}}` from the answer box.
        """
        if self.retry_saving or self.retry_index < 0:
            return
        report = report if isinstance(report, dict) else {}
        self.retry_saving = True
        yield
        outcome = await self._run_for_user(
            attempts.record_attempt,
            action="Storing a retried answer",
            interview_id=self.interview_id,
            question_index=self.retry_index,
            answer=report.get("answer"),
        )
        self.retry_saving = False
        if outcome.sign_in is not None:
            yield outcome.sign_in
            return
        if outcome.value is None:
            self.retry_refusals += 1
            error = outcome.error
            yield rx.toast.error(
                next(iter(error.field_errors.values()))
                if isinstance(error, InvalidInputError)
                else str(error or SERVICE_UNAVAILABLE_MESSAGE)
            )
            return
        yield AnswerReviewState.review(outcome.value)
        yield AnswerReviewState.load_cards

    @rx.event(background=True)
    async def review(self, attempt_id: str) -> None:
        """Write the review of one of the user's attempts (slow: outside the state lock).

        Args:
            attempt_id: The attempt (checked for ownership by the service).
        """
        async with self:
            user_id = await self._current_user_id()
        if user_id is None:
            return
        try:
            await attempts.review_attempt(user_id=user_id, attempt_id=attempt_id)
        except DomainError:
            # Not this user's attempt: there is nothing of theirs to review.
            return

    @rx.event(background=True)
    async def follow_reviews(self) -> None:
        """Refresh the cards until no attempt is waiting for its review."""
        async with self:
            if self._polling:
                return
            self._polling = True
            user_id = await self._current_user_id()
            interview_id = self.interview_id
        try:
            for _ in range(REVIEW_POLL_LIMIT if user_id is not None else 0):
                await asyncio.sleep(REVIEW_POLL_SECONDS)
                cards = await run_in_session(
                    attempts.answer_cards, user_id=user_id, interview_id=interview_id
                )
                async with self:
                    self._show(cards)
                    if not self.reviewing:
                        return
        except DomainError:
            return
        finally:
            async with self:
                self._polling = False
