"""The practice interview's screen state: its questions, and the transcript at the end."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import reflex as rx

from interview_app import routes
from interview_app.services.calls.practice import complete_practice_interview
from interview_app.services.errors import InvalidInputError
from interview_app.services.voice.practice_plan import build_question_plan
from interview_app.state.interviews import InterviewState
from interview_app.state.session import SERVICE_UNAVAILABLE_MESSAGE

FINISH_REFUSED_MESSAGE = "This interview can no longer be finished. Start a new one."


class PracticeState(InterviewState):
    """A practice interview under way on the new-interview page."""

    finishing: bool = False
    # Counts refused reports, so the browser lets the candidate carry on after one.
    refusals: int = 0

    @rx.var
    def practice_questions(self) -> list[str]:
        """The planned questions for the job on the page (a pure function of the job)."""
        if not self.job_info.id:
            return []
        plan = build_question_plan(
            title=self.job_info.title,
            description=self.job_info.description,
            experience_level=self.job_info.experience_level,
        )
        return [question.text for question in plan]

    @rx.event
    async def finish(self, report: dict[str, Any]) -> AsyncIterator[rx.event.EventSpec | None]:
        """Store the transcript the browser reports and open the interview's page.

        Args:
            report: `{"messages": [...]}` as the browser sent it; checked by the service.
        """
        if self.finishing or not self.call_interview_id:
            return
        self.finishing = True
        yield
        messages = report.get("messages") if isinstance(report, dict) else None
        outcome = await self._run_for_user(
            complete_practice_interview,
            action="Storing a practice transcript",
            interview_id=self.call_interview_id,
            messages=messages,
        )
        interview = outcome.value
        if outcome.sign_in is not None:
            yield outcome.sign_in
            return
        if isinstance(outcome.error, InvalidInputError):
            yield rx.toast.error(next(iter(outcome.error.field_errors.values())))
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
