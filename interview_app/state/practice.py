"""The practice interview's screen state: its questions, each answer saved as submitted."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import AsyncIterator
from typing import Any

import reflex as rx

from interview_app import routes
from interview_app.config import get_settings
from interview_app.services.calls import follow_ups, practice
from interview_app.services.calls.practice import PracticeView, UnfinishedPractice
from interview_app.services.errors import DomainError, InvalidInputError
from interview_app.services.feedback.generators import select_generator
from interview_app.services.llm.chat import llm_configured
from interview_app.state.interviews import InterviewState
from interview_app.state.session import SERVICE_UNAVAILABLE_MESSAGE

FINISH_REFUSED_MESSAGE = "This interview can no longer be finished. Start a new one."
SAVE_REFUSED_MESSAGE = "This answer could not be saved. Try again in a moment."

logger = logging.getLogger(__name__)


@dataclasses.dataclass
class PracticeTurnRow:
    """One question of the practice as the browser sees it."""

    position: int = 0
    kind: str = ""
    question: str = ""
    answer: str = ""
    answered: bool = False


@dataclasses.dataclass
class UnfinishedRow:
    """A practice of this job left before it was finished ("" when there is none)."""

    interview_id: str = ""
    answered: int = 0
    questions: int = 0


def _refusal_message(error: Exception) -> str:
    if isinstance(error, InvalidInputError):
        return next(iter(error.field_errors.values()))
    return str(error) or SAVE_REFUSED_MESSAGE


class PracticeState(InterviewState):
    """A practice interview under way on the new-interview page."""

    turns: list[PracticeTurnRow] = []
    # Where the practice's clock resumes after a reload (ms since it started).
    resume_at_ms: int = 0
    unfinished: UnfinishedRow = UnfinishedRow()
    saving: bool = False
    finishing: bool = False
    # Counts refused saves and finishes, so the browser lets the candidate carry on.
    refusals: int = 0
    # The interview language's BCP 47 tag: the voice reading questions and their `lang`.
    language: str = "en-US"

    def _show(self, view: PracticeView) -> None:
        self.turns = [PracticeTurnRow(**dataclasses.asdict(turn)) for turn in view.turns]
        self.resume_at_ms = view.resume_at_ms
        self.language = view.language

    @rx.event
    async def load_unfinished(self) -> None:
        """Look for a practice of this job that was left before it was finished."""
        self.turns = []
        self.unfinished = UnfinishedRow()
        outcome = await self._run_for_user(
            practice.find_unfinished_practice,
            action="Looking for an unfinished practice",
            job_info_id=self.job_info_id,
        )
        found: UnfinishedPractice | None = outcome.value
        if found is not None:
            self.unfinished = UnfinishedRow(**dataclasses.asdict(found))

    @rx.event
    async def open_practice(self) -> AsyncIterator[rx.event.EventSpec | None]:
        """Load (or plan, the first time) the questions of the practice on this page."""
        if not self.call_interview_id:
            return
        # A follow-up being written when the page was left will not release the box.
        self.saving = False
        outcome = await self._run_for_user(
            practice.open_practice,
            action="Opening a practice",
            interview_id=self.call_interview_id,
        )
        if outcome.sign_in is not None:
            yield outcome.sign_in
        elif outcome.value is not None:
            self._show(outcome.value)
        else:
            self.call_interview_id = ""
            self.call_provider = ""
            yield rx.toast.error(
                str(outcome.error) if outcome.error else SERVICE_UNAVAILABLE_MESSAGE
            )

    @rx.event
    async def resume(self) -> AsyncIterator[rx.event.EventSpec | None]:
        """Carry on with the unfinished practice found on this page."""
        if not self.unfinished.interview_id:
            return
        self.call_interview_id = self.unfinished.interview_id
        self.call_provider = "practice"
        self.unfinished = UnfinishedRow()
        yield PracticeState.open_practice

    async def _save(
        self, position: object, answer: object, *, add_follow_up: bool = True
    ) -> rx.event.EventSpec | None:
        outcome = await self._run_for_user(
            practice.save_practice_answer,
            action="Saving a practice answer",
            interview_id=self.call_interview_id,
            position=position,
            answer=answer,
            add_follow_up=add_follow_up,
        )
        if outcome.sign_in is not None:
            return outcome.sign_in
        if outcome.value is not None:
            # The model's follow-up is still to come: the browser keeps the answer until then.
            if add_follow_up:
                self._show(outcome.value)
            return None
        self.refusals += 1
        if outcome.error is not None:
            return rx.toast.error(_refusal_message(outcome.error))
        return rx.toast.error(SAVE_REFUSED_MESSAGE)

    @rx.event
    async def save_answer(
        self, position: int, answer: dict[str, Any]
    ) -> AsyncIterator[rx.event.EventSpec | None]:
        """Store one answer as it is submitted; the browser keeps it until it is stored.

        Args:
            position: The question's position (checked by the service).
            answer: Its text and times as the browser sent them (checked by the service).
        """
        if self.saving or not self.call_interview_id:
            return
        self.saving = True
        yield
        by_model = llm_configured(get_settings())
        refusal = await self._save(position, answer, add_follow_up=not by_model)
        if by_model and refusal is None:
            # Still saving: the follow-up is written outside the state's lock.
            yield PracticeState.write_follow_up(position)
            return
        self.saving = False
        yield refusal

    @rx.event(background=True)
    async def write_follow_up(self, position: int) -> None:
        """Add the follow-up the saved answer calls for, written by the model (slow).

        Args:
            position: The answered question's position (checked by the service).
        """
        async with self:
            user_id = await self._current_user_id()
            interview_id = self.call_interview_id
        view = None
        try:
            if user_id is not None:
                view = await follow_ups.write_follow_up(
                    user_id=user_id, interview_id=interview_id, position=position
                )
        except DomainError:
            # Finished from another tab, or not this user's: nothing to ask.
            pass
        except Exception:
            logger.exception("Writing a practice follow-up failed unexpectedly")
        finally:
            async with self:
                if view is not None:
                    self._show(view)
                self.saving = False

    @rx.event
    async def swap_question(self, position: int) -> AsyncIterator[rx.event.EventSpec | None]:
        """Ask another question of the same kind instead of one not answered yet.

        Args:
            position: The question's position (checked by the service).
        """
        if self.saving or not self.call_interview_id:
            return
        outcome = await self._run_for_user(
            practice.swap_practice_question,
            action="Swapping a practice question",
            interview_id=self.call_interview_id,
            position=position,
        )
        if outcome.sign_in is not None:
            yield outcome.sign_in
        elif outcome.value is not None:
            self._show(outcome.value)
        else:
            yield rx.toast.error(
                _refusal_message(outcome.error) if outcome.error else SAVE_REFUSED_MESSAGE
            )

    @rx.event
    async def finish(self, report: dict[str, Any]) -> AsyncIterator[rx.event.EventSpec | None]:
        """Save the answer still in the box, if any, then finish and open the interview.

        Args:
            report: `{"position": ..., "answer": {...}}` when an answer was in the box when
                the candidate finished, else `{}`; checked by the service.
        """
        if self.finishing or not self.call_interview_id:
            return
        self.finishing = True
        yield
        if isinstance(report, dict) and report.get("answer"):
            refusal = await self._save(report.get("position"), report.get("answer"))
            if refusal is not None:
                self.finishing = False
                yield refusal
                return
        outcome = await self._run_for_user(
            practice.finish_practice,
            action="Finishing a practice",
            interview_id=self.call_interview_id,
            feedback_uses_model=select_generator(get_settings()).uses_model,
        )
        interview = outcome.value
        if outcome.sign_in is not None:
            yield outcome.sign_in
            return
        if isinstance(outcome.error, InvalidInputError):
            yield rx.toast.error(_refusal_message(outcome.error))
        elif outcome.error is not None:
            yield rx.toast.error(FINISH_REFUSED_MESSAGE)
        elif interview is None:
            yield rx.toast.error(SERVICE_UNAVAILABLE_MESSAGE)
        else:
            # The browser keeps its screen busy until the interview's page opens.
            self.finishing = False
            yield rx.redirect(routes.interview_url(str(interview.job_info_id), str(interview.id)))
            return
        self.finishing = False
        self.refusals += 1
