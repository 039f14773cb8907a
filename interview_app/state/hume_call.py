"""The Hume EVI call in the new-interview page: what the browser reports back.

The browser reports the chat id, the running duration and the call's end; the interview
is the one this tab started (server-side state), never an id the browser sends, and every
report is checked by `update_interview` (owner only; the chat id set once, never shared).
"""

from __future__ import annotations

import logging

import reflex as rx

from interview_app import routes
from interview_app.services.errors import (
    ChatIdRefusedError,
    InvalidInputError,
    PermissionDeniedError,
)
from interview_app.services.interviews import lifecycle as interviews
from interview_app.services.voice.base import VoiceProvider
from interview_app.state.interviews import InterviewState
from interview_app.state.session import SERVICE_UNAVAILABLE_MESSAGE, SessionState, run_in_session
from interview_app.state.transcript import start_transcript_sync

logger = logging.getLogger(__name__)


class HumeCallState(SessionState):
    """Saves what the call component reports about the call under way."""

    async def _call_interview_id(self) -> str | None:
        started = await self.get_state(InterviewState)
        if started.call_provider != VoiceProvider.HUME or not started.call_interview_id:
            return None
        return started.call_interview_id

    async def _update(self, **changes: str) -> str | None:
        """Save changes; returns the interview's job info id, or None after a refusal."""
        interview_id = await self._call_interview_id()
        user_id = await self._current_user_id()
        if user_id is None or interview_id is None:
            return None
        try:
            interview = await run_in_session(
                interviews.update_interview,
                user_id=user_id,
                interview_id=interview_id,
                **changes,
            )
        except (ChatIdRefusedError, PermissionDeniedError, InvalidInputError):
            logger.warning("Refused a call report for interview %s", interview_id)
            return None
        except Exception:
            logger.exception("Saving a call report failed unexpectedly")
            return None
        return str(interview.job_info_id)

    @rx.event
    async def save_chat_id(self, chat_id: str) -> rx.event.EventSpec | None:
        """Save the chat id once the provider announced it: the interview is now held."""
        if await self._update(hume_chat_id=chat_id) is None:
            return rx.toast.error(
                "This call could not be saved to your interview. "
                + ChatIdRefusedError.default_message
            )
        return None

    @rx.event
    async def save_duration(self, duration: str) -> None:
        """Save the running duration (every 10 s while the call lasts)."""
        await self._update(duration=duration)

    @rx.event
    async def call_ended(self, duration: str) -> rx.event.EventSpec | None:
        """Save the final duration, sync the transcript in the background, open the page."""
        job_info_id = await self._update(duration=duration)
        interview_id = await self._call_interview_id()
        if job_info_id is None or interview_id is None:
            return rx.toast.error(SERVICE_UNAVAILABLE_MESSAGE)
        user_id = await self._current_user_id()
        if user_id is not None:
            start_transcript_sync(user_id=user_id, interview_id=interview_id)
        return rx.redirect(routes.interview_url(job_info_id, interview_id))
