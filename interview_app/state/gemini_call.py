"""The Gemini Live call on the new-interview page: what the browser reports, stored.

The browser talks to Gemini directly; these events record what it reports about the call
it holds for the interview in `InterviewState.call_interview_id` (the id comes from the
server-side state, and the services check its owner again).
"""

from __future__ import annotations

import logging
from typing import Any

import reflex as rx

from interview_app import routes
from interview_app.services.calls import gemini_live
from interview_app.services.errors import InvalidInputError, PermissionDeniedError
from interview_app.state.interviews import InterviewState
from interview_app.state.session import SERVICE_UNAVAILABLE_MESSAGE, SessionState, run_in_session

logger = logging.getLogger(__name__)

TRANSCRIPT_REFUSED_MESSAGE = "The call's transcript could not be saved"


class GeminiCallState(SessionState):
    """Records a Gemini Live call's chat id, duration and final transcript."""

    saving: bool = False
    # Why the finished call's transcript was not stored (the call screen offers to send again).
    save_error: str = ""

    async def _call(self) -> tuple[Any, str, str] | None:
        interviews = await self.get_state(InterviewState)
        if interviews.call_provider != "gemini" or not interviews.call_interview_id:
            return None
        user_id = await self._current_user_id()
        if user_id is None:
            return None
        return user_id, interviews.call_interview_id, interviews.job_info.id

    @rx.event
    async def session_started(self) -> rx.event.EventSpec | None:
        """The first Live session is set up: the interview gets its chat id."""
        call = await self._call()
        if call is None:
            return self._sign_in_redirect()
        user_id, interview_id, _ = call
        self.save_error = ""
        try:
            await run_in_session(
                gemini_live.mark_session_started, user_id=user_id, interview_id=interview_id
            )
        except PermissionDeniedError as error:
            return rx.toast.error(str(error))
        return None

    @rx.event
    async def save_progress(self, progress: dict[str, Any]) -> None:
        """Save the call timer, and the transcript so far when it changed (every 10 s).

        What the browser holds is on the server within seconds, so a worker lost at the end
        of the call loses at most the last few seconds of it.

        Args:
            progress: `{"duration": "HH:MM:SS"}`, with `transcript` when it changed.
        """
        call = await self._call()
        if call is None or self.saving:
            return
        user_id, interview_id, _ = call
        progress = progress if isinstance(progress, dict) else {}
        try:
            if progress.get("transcript"):
                await run_in_session(
                    gemini_live.finish_call,
                    user_id=user_id,
                    interview_id=interview_id,
                    transcript=progress.get("transcript"),
                    duration=progress.get("duration"),
                )
            else:
                await run_in_session(
                    gemini_live.save_call_duration,
                    user_id=user_id,
                    interview_id=interview_id,
                    duration=progress.get("duration"),
                )
        except (PermissionDeniedError, InvalidInputError):
            logger.info("A call progress update was refused")

    @rx.event
    async def call_finished(self, report: dict[str, Any]) -> rx.event.EventSpec | None:
        """Store the transcript the browser reports, then open the interview's page."""
        if self.saving:
            return None
        call = await self._call()
        if call is None:
            return self._sign_in_redirect()
        user_id, interview_id, job_info_id = call
        report = report if isinstance(report, dict) else {}
        self.saving = True
        self.save_error = ""
        try:
            await run_in_session(
                gemini_live.finish_call,
                user_id=user_id,
                interview_id=interview_id,
                transcript=report.get("transcript"),
                duration=report.get("duration"),
            )
        except InvalidInputError as error:
            detail = next(iter(error.field_errors.values()), "")
            self.save_error = f"{TRANSCRIPT_REFUSED_MESSAGE}: {detail}"
            return rx.toast.error(self.save_error)
        except PermissionDeniedError as error:
            return rx.toast.error(str(error))
        except Exception:
            logger.exception("Storing a Gemini Live transcript failed unexpectedly")
            self.save_error = f"{TRANSCRIPT_REFUSED_MESSAGE}. {SERVICE_UNAVAILABLE_MESSAGE}"
            return rx.toast.error(SERVICE_UNAVAILABLE_MESSAGE)
        finally:
            self.saving = False
        return rx.redirect(routes.interview_url(job_info_id, interview_id))

    @rx.event
    async def call_failed(self, report: dict[str, Any]) -> None:
        """The call stopped on an error: keep what was said, else leave it incomplete."""
        call = await self._call()
        if call is None:
            return
        user_id, interview_id, _ = call
        report = report if isinstance(report, dict) else {}
        try:
            await run_in_session(
                gemini_live.finish_call,
                user_id=user_id,
                interview_id=interview_id,
                transcript=report.get("transcript") or [],
                duration=report.get("duration") or "00:00:00",
            )
        except (PermissionDeniedError, InvalidInputError):
            await run_in_session(
                gemini_live.abandon_call, user_id=user_id, interview_id=interview_id
            )
