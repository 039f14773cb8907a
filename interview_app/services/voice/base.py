"""What every voice provider offers the rest of the app: one interface (SPEC §6).

A provider holds the interview's conversation. Each one is a subclass of `Provider` that
says whether this installation can run it, what the browser asks the server for to start a
call, and where its transcript comes from; `services.voice.registry` lists them. Every
provider ends with the same normalised transcript (`services.transcript_entry`), so pages,
metrics and feedback never depend on which one held the interview.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import ClassVar, Literal, Protocol

from interview_app.config import Settings
from interview_app.services.errors import VoiceNotConfiguredError
from interview_app.services.transcript_entry import TranscriptEntry

# `history`: read from the provider's chat history with our key after the call;
# `browser`: reported by the browser at the call's end.
TranscriptSource = Literal["history", "browser"]
# What the browser asks the server for to start a call: a provider token (`token`, the
# voice-call route), a Gemini Live session (`live_session`), or nothing (`none`).
CallStart = Literal["token", "live_session", "none"]


class VoiceProvider(StrEnum):
    """The names of the providers an interview can be held with, as stored."""

    HUME = "hume"
    GEMINI = "gemini"
    PRACTICE = "practice"


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


class Provider(ABC):
    """One voice provider: a row of `services.voice.registry.PROVIDERS`.

    Attributes:
        name: The name stored on the interview.
        label: The name shown to people.
        needs_keys: False for a provider every installation can run (the keyless fallback).
        transcript_source: Where its transcripts come from.
        call_start: What the browser asks the server for to start a call.
        languages: The interview languages (codes) it can hold a call in; None for any.
    """

    name: ClassVar[VoiceProvider]
    label: ClassVar[str]
    needs_keys: ClassVar[bool] = True
    transcript_source: ClassVar[TranscriptSource]
    call_start: ClassVar[CallStart]
    languages: ClassVar[frozenset[str] | None] = None

    @abstractmethod
    def configured(self, settings: Settings) -> bool:
        """Whether this installation has what the provider needs (its keys).

        Args:
            settings: The settings.

        Returns:
            True when an interview can be held with it here.
        """

    def history(self, settings: Settings) -> ChatHistoryAdapter:
        """Return the adapter that mints calls and reads chat histories, for `history` ones.

        Args:
            settings: The settings.

        Returns:
            The adapter.

        Raises:
            VoiceNotConfiguredError: The provider keeps no histories, or has no keys here.
        """
        raise VoiceNotConfiguredError()
