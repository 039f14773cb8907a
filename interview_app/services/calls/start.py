"""Starting the voice call of an interview: a fresh token from its provider (SPEC §6).

The browser asks for what it needs to open the call of one of the user's interviews; the
provider (`services.voice.registry`) mints it with the installation's keys, which never
leave the server.
"""

from __future__ import annotations

import asyncio
import uuid

from sqlmodel import Session

from interview_app.db import open_session
from interview_app.models import User
from interview_app.services.errors import ChatIdRefusedError, VoiceNotConfiguredError
from interview_app.services.interviews.lifecycle import get_interview
from interview_app.services.jobs.job_infos import get_job_info
from interview_app.services.languages import language_for
from interview_app.services.voice.base import BrowserCall
from interview_app.services.voice.registry import history_adapter, speaks

NOT_SPECIFIED = "Not Specified"
CALL_ALREADY_HELD_MESSAGE = "This interview has already been held. Start a new interview."
WRONG_LANGUAGE_MESSAGE = (
    "This voice interview is held in English only, and this job's interviews are in {language}. "
    "Start a practice interview instead: it asks in {language}."
)


def session_variables(
    *, user_name: str, title: str | None, description: str, experience_level: str
) -> dict[str, str]:
    """Return the session variables of an interview (SPEC §6).

    Args:
        user_name: The candidate's name.
        title: The job title; "Not Specified" when empty.
        description: The job description.
        experience_level: The experience level as stored.

    Returns:
        `userName`, `title`, `description` and `experienceLevel`.
    """
    return {
        "userName": user_name,
        "title": (title or "").strip() or NOT_SPECIFIED,
        "description": description,
        "experienceLevel": experience_level,
    }


def _call_variables(
    *, session: Session, user_id: uuid.UUID | str | None, interview_id: uuid.UUID | str
) -> tuple[str, dict[str, str]]:
    interview = get_interview(session=session, user_id=user_id, interview_id=interview_id)
    if interview.hume_chat_id is not None:
        # A held interview keeps its chat; a new call needs a new interview.
        raise ChatIdRefusedError(CALL_ALREADY_HELD_MESSAGE)
    job_info = get_job_info(session=session, user_id=user_id, job_info_id=interview.job_info_id)
    if not speaks(interview.voice_provider, job_info.interview_language):
        # The new-interview page offers no such call; a token would start one in English.
        language = language_for(job_info.interview_language).name
        raise VoiceNotConfiguredError(WRONG_LANGUAGE_MESSAGE.format(language=language))
    user = session.get(User, job_info.user_id)
    variables = session_variables(
        user_name=user.name if user is not None else "",
        title=job_info.title,
        description=job_info.description,
        experience_level=job_info.experience_level,
    )
    return interview.voice_provider, variables


async def start_browser_call(
    *, user_id: uuid.UUID | str | None, interview_id: uuid.UUID | str
) -> BrowserCall:
    """Mint what the browser needs to hold the call of one of the user's interviews.

    A fresh token at each start (never cached); the provider's keys stay on the server.

    Args:
        user_id: The acting user.
        interview_id: An interview not held yet, of a provider that mints tokens here.

    Returns:
        The call's connection details.

    Raises:
        NotFoundError: The interview does not exist or is someone else's.
        ChatIdRefusedError: The interview was held already.
        VoiceNotConfiguredError: Its provider has no keys (or no server-minted calls), or
            cannot speak the job info's interview language.
        VoiceProviderError: The provider refused or could not be reached.
    """

    def load() -> tuple[str, dict[str, str]]:
        with open_session() as session:
            return _call_variables(session=session, user_id=user_id, interview_id=interview_id)

    provider, variables = await asyncio.to_thread(load)
    adapter = history_adapter(provider)
    if adapter is None:
        raise VoiceNotConfiguredError()
    return await adapter.start_call(variables=variables)
