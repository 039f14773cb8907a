"""The practice interview's screen state: its questions, and the transcript at the end."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

import reflex as rx

from interview_app import routes
from interview_app.services.errors import InvalidInputError, PermissionDeniedError
from interview_app.services.practice import complete_practice_interview
from interview_app.services.practice_plan import build_question_plan
from interview_app.state.interviews import InterviewState
from interview_app.state.session import SERVICE_UNAVAILABLE_MESSAGE, run_in_session

logger = logging.getLogger(__name__)

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
        user_id = await self._current_user_id()
        if user_id is None:
            yield self._sign_in_redirect()
            return
        messages = report.get("messages") if isinstance(report, dict) else None
        try:
            interview = await run_in_session(
                complete_practice_interview,
                user_id=user_id,
                interview_id=self.call_interview_id,
                messages=messages,
            )
        except InvalidInputError as error:
            yield rx.toast.error(next(iter(error.field_errors.values())))
        except PermissionDeniedError:
            yield rx.toast.error(FINISH_REFUSED_MESSAGE)
        except Exception:
            logger.exception("Storing a practice transcript failed unexpectedly")
            yield rx.toast.error(SERVICE_UNAVAILABLE_MESSAGE)
        else:
            # The browser keeps its screen busy until the interview's page opens.
            self.finishing = False
            yield rx.redirect(routes.interview_url(str(interview.job_info_id), str(interview.id)))
            return
        self.finishing = False
        self.refusals += 1
