"""The voice provider interface: what every provider offers the rest of the app (SPEC §6).

A provider gives the browser what it needs to start a call (`BrowserCall`) and, when it
keeps chat histories, the transcript of a finished chat in our normalised form
(`TranscriptEntry`). Pages, metrics and feedback see only that normalised form.
Providers whose browser reports the transcript itself (Gemini Live, practice) have no
history adapter.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from sqlmodel import Session

from interview_app.db import open_session
from interview_app.models import User
from interview_app.services.errors import ChatIdRefusedError, VoiceNotConfiguredError
from interview_app.services.interviews import get_interview
from interview_app.services.job_infos import get_job_info
from interview_app.services.voice import VoiceProvider

if TYPE_CHECKING:
    from interview_app.services.transcripts import TranscriptEntry

NOT_SPECIFIED = "Not Specified"
CALL_ALREADY_HELD_MESSAGE = "This interview has already been held. Start a new interview."


@dataclass(frozen=True, slots=True)
class BrowserCall:
    """What the browser needs to open one call; handed over once, never stored.

    Attributes:
        provider: The provider holding the call.
        access_token: A short-lived token for this call only.
        hostname: Where the browser's socket connects (the provider's base URL).
        config_id: The provider's configuration the call uses, if any.
        variables: The session variables the interviewer prompt reads.
    """

    provider: VoiceProvider
    access_token: str = field(repr=False)
    hostname: str
    config_id: str | None
    variables: Mapping[str, str]


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


class ChatHistoryAdapter(Protocol):
    """A provider that keeps chat histories we can read with the installation's key."""

    async def start_call(self, *, variables: Mapping[str, str]) -> BrowserCall:
        """Mint what the browser needs for one call."""
        ...

    async def fetch_transcript(
        self, chat_id: str, *, not_before: datetime | None = None
    ) -> list[TranscriptEntry]:
        """Read a finished chat and normalise it.

        `not_before` is when the interview was created: an older chat is not its call.

        Raises:
            ChatIdRefusedError: The chat is not one of this installation's.
            VoiceChatNotFoundError: The provider does not know the chat (any more).
            VoiceProviderError: The provider failed or could not be reached.
        """
        ...


def history_adapter(provider: VoiceProvider | str) -> ChatHistoryAdapter | None:
    """Return the chat-history adapter of a provider, when it has one.

    Args:
        provider: The provider that held the interview.

    Returns:
        The adapter configured for this installation, or None when the provider's
        transcripts are reported by the browser instead.

    Raises:
        VoiceNotConfiguredError: The provider keeps histories but has no keys here.
    """
    if provider == VoiceProvider.HUME:
        from interview_app.services.hume import HumeAdapter

        return HumeAdapter.from_settings()
    return None


def _call_variables(
    *, session: Session, user_id: uuid.UUID | str | None, interview_id: uuid.UUID | str
) -> tuple[str, dict[str, str]]:
    interview = get_interview(session=session, user_id=user_id, interview_id=interview_id)
    if interview.hume_chat_id is not None:
        # A held interview keeps its chat; a new call needs a new interview.
        raise ChatIdRefusedError(CALL_ALREADY_HELD_MESSAGE)
    job_info = get_job_info(session=session, user_id=user_id, job_info_id=interview.job_info_id)
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
        VoiceNotConfiguredError: Its provider has no keys (or no server-minted calls).
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
