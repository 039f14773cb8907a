"""Hume EVI, built to its documented protocol (SPEC §6).

Two calls leave the server: the access token for the browser (OAuth2 client credentials)
and the chat history (`/v0/evi/chats/{id}`, paged). `HUME_BASE_URL` points both at Hume or
at the local fake (`interview_app.devtools.fake_hume`). Everything that arrives is parsed
leniently: odd events are skipped, never fatal.

Over 500 lines on purpose: one provider is one module (`services.voice.registry`), and
Hume's client, paging, retries, normalisation and registry row belong together.
"""

from __future__ import annotations

import asyncio
import base64
import functools
import json
import logging
import math
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, ClassVar
from urllib.parse import quote

import httpx
from tenacity import (
    AsyncRetrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential,
)

from interview_app.config import Settings, get_settings
from interview_app.services.errors import (
    ChatIdRefusedError,
    VoiceChatNotFoundError,
    VoiceNotConfiguredError,
    VoiceProviderError,
)
from interview_app.services.transcript_entry import (
    MAX_MESSAGES,
    MAX_STORED_OFFSET_MS,
    Speaker,
    TranscriptEntry,
    storable_text,
    top_emotions,
)
from interview_app.services.voice.base import (
    BrowserCall,
    CallStart,
    ChatHistoryAdapter,
    Provider,
    TranscriptSource,
    VoiceProvider,
)

logger = logging.getLogger(__name__)

PAGE_SIZE = 100
# Hume's `total_pages` is believed only as far as the message cap can use: a history holds
# a few events besides its messages (start, end, pauses, tool calls), allowed for up to as
# many again. Beyond that a chat is cut, never read whole into memory.
MAX_PAGES = 2 * math.ceil(MAX_MESSAGES / PAGE_SIZE)
# 9999-12-31T23:59:59.999Z: a timestamp past it (or before 1970) is not one Hume sent for
# a real event, and would only overflow the arithmetic and the columns below it.
MAX_TIMESTAMP_MS = 253_402_300_799_999
TRANSCRIPT_EVENT_SPEAKERS: dict[str, Speaker] = {
    "USER_MESSAGE": "interviewee",
    "AGENT_MESSAGE": "interviewer",
}
RETRYABLE_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
# Our clock and Hume's may disagree a little about when a chat started.
CLOCK_SKEW_ALLOWED = timedelta(minutes=2)
RETRY_ATTEMPTS = 4
RETRY_BACKOFF_SECONDS = 0.5


@dataclass(frozen=True, slots=True)
class ChatEvent:
    """One event of a chat's history, as far as it could be read.

    Attributes:
        id: Hume's event id.
        timestamp: Milliseconds since the epoch.
        role: `USER`, `AGENT`, `SYSTEM`, `TOOL` or whatever Hume sends.
        type: `USER_MESSAGE`, `AGENT_MESSAGE`, ... or whatever Hume sends.
        message_text: The text, empty when there is none.
        emotion_scores: The 48 expressed-emotion scores of a user message, or None (other
            events' scores are not used, so they are not parsed).
        duration_ms: How long a user message lasted, when its metadata says so.
    """

    id: str
    timestamp: int
    role: str
    type: str
    message_text: str
    emotion_scores: dict[str, float] | None = None
    duration_ms: int | None = None


@dataclass(frozen=True, slots=True)
class HumeChat:
    """A chat's history: what identifies it, and its events in order."""

    chat_id: str
    config_id: str | None
    start_timestamp: int | None
    events: list[ChatEvent] = field(default_factory=list)


class _RetryableStatusError(Exception):
    def __init__(self, status_code: int) -> None:
        super().__init__(f"Hume answered {status_code}")
        self.status_code = status_code


def _is_retryable(error: BaseException) -> bool:
    return isinstance(error, _RetryableStatusError | httpx.TimeoutException | httpx.TransportError)


_UNREADABLE = object()


def _load_json(text: str) -> object:
    # Deep nesting raises RecursionError, not ValueError; either way the field is unread.
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return _UNREADABLE


def _finite_float(value: object) -> float | None:
    # A bool is not a score; an int too large for a float raises OverflowError, not NaN.
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def _whole_number(value: object) -> int | None:
    # A count or a time as JSON sends it: an int, or a finite float (NaN and infinity
    # cannot become an int).
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return int(value)


def _epoch_ms(value: object) -> int | None:
    milliseconds = _whole_number(value)
    if milliseconds is None or not 0 <= milliseconds <= MAX_TIMESTAMP_MS:
        return None
    return milliseconds


def _string(value: object) -> str:
    # Only strings are read as text: `str()` of a deeply nested list recurses, and of an
    # int of thousands of digits raises.
    return value if isinstance(value, str) else ""


def parse_emotion_features(raw: object) -> dict[str, float] | None:
    """Read `emotion_features`: a JSON string of scores, an object, `""` or null.

    Args:
        raw: The field as it arrived.

    Returns:
        Emotion name -> score for every finite number found, or None when there are none.
    """
    if isinstance(raw, str):
        if not raw.strip():
            return None
        raw = _load_json(raw)
    if not isinstance(raw, Mapping):
        return None
    scores: dict[str, float] = {}
    for name, value in raw.items():
        score = _finite_float(value)
        if score is not None and isinstance(name, str):
            scores[storable_text(name)] = score
    return scores or None


def _utterance_duration_ms(metadata: object) -> int | None:
    # USER_MESSAGE metadata is a JSON string whose segments carry `time.begin_ms/end_ms`.
    if isinstance(metadata, str) and metadata.strip():
        metadata = _load_json(metadata)
    if not isinstance(metadata, Mapping):
        return None
    segments = metadata.get("segments")
    if not isinstance(segments, list):
        return None
    total = 0
    for segment in segments:
        timing = segment.get("time") if isinstance(segment, Mapping) else None
        if not isinstance(timing, Mapping):
            return None
        begin, end = timing.get("begin_ms"), timing.get("end_ms")
        if type(begin) is not int or type(end) is not int or end < begin:
            return None
        total += end - begin
        if total > MAX_STORED_OFFSET_MS:
            return None  # longer than any column (or call) holds: not a real duration
    return total or None


def parse_event(raw: object) -> ChatEvent | None:
    """Read one entry of `events_page`.

    Args:
        raw: The entry as it arrived.

    Returns:
        The event, or None when it is not an object or lacks a plausible timestamp
        (milliseconds between 1970 and 9999; NaN, infinity and huge numbers are not).
        A field of the wrong type is read as absent; nothing raises.
    """
    if not isinstance(raw, Mapping):
        return None
    timestamp = _epoch_ms(raw.get("timestamp"))
    if timestamp is None:
        return None
    event_type = _string(raw.get("type"))
    # Only the interviewee's voice is scored for display and feedback; a real chat's
    # metadata also carries large embeddings, so other events skip both parses.
    user_message = event_type == "USER_MESSAGE"
    return ChatEvent(
        id=_string(raw.get("id")),
        timestamp=timestamp,
        role=_string(raw.get("role")),
        type=event_type,
        message_text=storable_text(_string(raw.get("message_text"))),
        emotion_scores=parse_emotion_features(raw.get("emotion_features"))
        if user_message
        else None,
        duration_ms=_utterance_duration_ms(raw.get("metadata")) if user_message else None,
    )


def _page_events(page: Mapping[str, Any]) -> list[ChatEvent]:
    raw_events = page.get("events_page")
    if not isinstance(raw_events, list):
        return []
    events = []
    # A page holds at most the events asked for; more is not Hume's answer to our request.
    for raw in raw_events[:PAGE_SIZE]:
        try:
            event = parse_event(raw)
        except Exception as error:  # one odd event never fails a chat
            logger.warning("Skipped an unreadable Hume event: %s", type(error).__name__)
            continue
        if event is not None:
            events.append(event)
    return events


def chat_from_pages(chat_id: str, pages: Sequence[Mapping[str, Any]]) -> HumeChat:
    """Assemble a chat from its pages as fetched (page 0 first), leniently.

    Args:
        chat_id: The chat asked for (used when page 0 names none).
        pages: The decoded pages, in order.

    Returns:
        The chat with its readable events in order, each event once.
    """
    first: Mapping[str, Any] = pages[0] if pages else {}
    events = [event for page in pages for event in _page_events(page)]
    # A page may repeat an event of its neighbour if the chat grew meanwhile.
    seen: set[str] = set()
    in_order: list[ChatEvent] = []
    for event in events:
        if event.id and event.id in seen:
            continue
        seen.add(event.id)
        in_order.append(event)
    in_order.sort(key=lambda event: event.timestamp)
    config = first.get("config")
    config_id = config.get("id") if isinstance(config, Mapping) else None
    return HumeChat(
        chat_id=_string(first.get("id")) or chat_id,
        config_id=config_id if isinstance(config_id, str) else None,
        start_timestamp=_epoch_ms(first.get("start_timestamp")),
        events=in_order,
    )


def to_transcript(chat: HumeChat) -> list[TranscriptEntry]:
    """Normalise a chat's history into our transcript (SPEC §6).

    Keeps USER_MESSAGE (the interviewee) and AGENT_MESSAGE (the interviewer) events with
    text; offsets count from the chat's start (or its first event when the start is
    unknown), clamped to what the database holds (0 to `MAX_STORED_OFFSET_MS`); only the
    interviewee keeps expressed-emotion scores, their strongest ones. The size caps are
    applied where every provider's transcript is stored (`fit_transcript`).

    Args:
        chat: The chat as fetched.

    Returns:
        The messages in the order they were said.
    """
    kept = [
        event
        for event in chat.events
        if event.type in TRANSCRIPT_EVENT_SPEAKERS and event.message_text.strip()
    ]
    if not kept:
        return []
    start = chat.start_timestamp
    if start is None:
        start = min(event.timestamp for event in chat.events)
    entries = []
    for event in sorted(kept, key=lambda item: item.timestamp):
        speaker = TRANSCRIPT_EVENT_SPEAKERS[event.type]
        # Clamped, not dropped: a wrong clock on one event should not cost its words.
        start_ms = min(max(0, event.timestamp - start), MAX_STORED_OFFSET_MS)
        end_ms = (
            min(start_ms + event.duration_ms, MAX_STORED_OFFSET_MS) if event.duration_ms else None
        )
        entries.append(
            TranscriptEntry(
                speaker=speaker,
                text=event.message_text.strip(),
                start_ms=start_ms,
                end_ms=end_ms,
                emotions=top_emotions(event.emotion_scores) if speaker == "interviewee" else None,
            )
        )
    return entries


@dataclass(frozen=True)
class HumeClient:
    """Hume's REST API for one installation.

    Attributes:
        base_url: `HUME_BASE_URL`.
        api_key: `HUME_API_KEY`.
        secret_key: `HUME_SECRET_KEY`.
        config_id: `HUME_CONFIG_ID`: the EVI configuration our calls use.
        timeout: Seconds per request.
        attempts: Tries per request before giving up on 429/5xx/timeouts.
        backoff_seconds: The first wait between tries; it doubles up to `backoff_max`.
        backoff_max: The longest wait between tries.
        concurrency: How many pages are fetched at once after the first.
        transport: An httpx transport (tests); the network when None.
    """

    base_url: str
    api_key: str
    secret_key: str
    config_id: str | None = None
    timeout: float = 15.0
    attempts: int = 4
    backoff_seconds: float = 0.5
    backoff_max: float = 4.0
    concurrency: int = 16
    transport: httpx.AsyncBaseTransport | None = None

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> HumeClient:
        """Build the client of this installation.

        Args:
            settings: The settings; the process's when omitted.

        Returns:
            The client.

        Raises:
            VoiceNotConfiguredError: Hume's keys are not set.
        """
        settings = settings or get_settings()
        if not (settings.hume_api_key and settings.hume_secret_key):
            raise VoiceNotConfiguredError()
        return cls(
            base_url=settings.hume_base_url.rstrip("/"),
            api_key=settings.hume_api_key,
            secret_key=settings.hume_secret_key,
            config_id=settings.hume_config_id or None,
            attempts=RETRY_ATTEMPTS,
            backoff_seconds=RETRY_BACKOFF_SECONDS,
        )

    def _http(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            base_url=self.base_url,
            timeout=self.timeout,
            verify=_tls_context(),
            transport=self.transport,
            limits=httpx.Limits(max_connections=max(self.concurrency, 1)),
        )

    async def _send(self, http: httpx.AsyncClient, request: httpx.Request) -> httpx.Response:
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self.attempts),
            wait=wait_exponential(multiplier=self.backoff_seconds, max=self.backoff_max),
            retry=retry_if_exception(_is_retryable),
            reraise=True,
        )
        async for attempt in retrying:
            with attempt:
                response = await http.send(request)
                if response.status_code in RETRYABLE_STATUSES:
                    raise _RetryableStatusError(response.status_code)
                return response
        raise AssertionError("unreachable: tenacity re-raises the last error")

    def _basic_credentials(self) -> str:
        return base64.b64encode(f"{self.api_key}:{self.secret_key}".encode()).decode()

    async def fetch_access_token(self) -> str:
        """Fetch a fresh access token for one browser call (SPEC §6).

        Returns:
            The access token (valid about 30 minutes); never cached.

        Raises:
            VoiceProviderError: Hume refused or could not be reached (after retries).
        """
        async with self._http() as http:
            request = http.build_request(
                "POST",
                "/oauth2-cc/token",
                headers={"Authorization": f"Basic {self._basic_credentials()}"},
                data={"grant_type": "client_credentials"},
            )
            try:
                response = await self._send(http, request)
            except (_RetryableStatusError, httpx.HTTPError) as error:
                logger.warning("Hume token request failed: %s", type(error).__name__)
                raise VoiceProviderError() from error
        token = _json_object(response).get("access_token") if response.is_success else None
        if not isinstance(token, str) or not token:
            logger.warning("Hume refused the token request (HTTP %s)", response.status_code)
            raise VoiceProviderError()
        return token

    async def _fetch_page(self, http: httpx.AsyncClient, chat_id: str, page: int) -> dict:
        request = http.build_request(
            "GET",
            f"/v0/evi/chats/{quote(chat_id, safe='')}",
            params={"page_number": page, "page_size": PAGE_SIZE, "ascending_order": "true"},
            headers={"X-Hume-Api-Key": self.api_key},
        )
        try:
            response = await self._send(http, request)
        except (_RetryableStatusError, httpx.HTTPError) as error:
            logger.warning("Hume chat page %s failed: %s", page, type(error).__name__)
            raise VoiceProviderError() from error
        if response.status_code in (400, 404, 422):
            raise VoiceChatNotFoundError()
        if not response.is_success:
            logger.warning("Hume refused a chat page (HTTP %s)", response.status_code)
            raise VoiceProviderError()
        return _json_object(response)

    async def fetch_chat(self, chat_id: str) -> HumeChat:
        """Fetch a chat's whole history: page 0, then every other page at once.

        Args:
            chat_id: The chat.

        Returns:
            The chat with its events in order (two round trips, whatever its length), cut
            at `MAX_PAGES` pages whatever `total_pages` claims.

        Raises:
            VoiceChatNotFoundError: Hume does not know this chat (any more).
            VoiceProviderError: Hume failed or could not be reached (after retries).
        """
        async with self._http() as http:
            first = await self._fetch_page(http, chat_id, 0)
            claimed_pages = _whole_number(first.get("total_pages")) or 1
            if claimed_pages > MAX_PAGES:
                # Not the claimed count itself: str() of an int of thousands of digits raises.
                logger.warning("A Hume chat has over %s pages; the rest is not read", MAX_PAGES)
            total_pages = min(claimed_pages, MAX_PAGES)
            bound = asyncio.Semaphore(max(self.concurrency, 1))

            async def bounded(page: int) -> dict:
                async with bound:
                    return await self._fetch_page(http, chat_id, page)

            rest = await asyncio.gather(*(bounded(page) for page in range(1, total_pages)))
        return chat_from_pages(chat_id, [first, *rest])


@functools.cache
def _tls_context() -> ssl.SSLContext:
    # Loading the CA bundle costs tens of milliseconds; httpx would do it per client.
    return ssl.create_default_context()


def _json_object(response: httpx.Response) -> dict:
    try:
        body = response.json()
    except (ValueError, RecursionError):  # RecursionError: a deeply nested body
        return {}
    return body if isinstance(body, dict) else {}


async def fetch_access_token() -> str:
    """Fetch a fresh EVI access token with this installation's keys (SPEC §11).

    Returns:
        The access token.

    Raises:
        VoiceNotConfiguredError: Hume's keys are not set.
        VoiceProviderError: Hume refused or could not be reached.
    """
    return await HumeClient.from_settings().fetch_access_token()


async def fetch_chat_messages(chat_id: str) -> list[ChatEvent]:
    """Fetch every event of a chat, in order, with this installation's key (SPEC §11).

    Args:
        chat_id: The chat.

    Returns:
        The chat's events in order.

    Raises:
        VoiceNotConfiguredError: Hume's keys are not set.
        VoiceChatNotFoundError: Hume does not know this chat.
        VoiceProviderError: Hume failed or could not be reached.
    """
    return (await HumeClient.from_settings().fetch_chat(chat_id)).events


@dataclass(frozen=True)
class HumeAdapter:
    """Hume EVI as a voice provider (`services.voice.base.ChatHistoryAdapter`)."""

    client: HumeClient

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> HumeAdapter:
        """Build the adapter of this installation.

        Args:
            settings: The settings; the process's when omitted.

        Returns:
            The adapter.

        Raises:
            VoiceNotConfiguredError: Hume's keys are not set.
        """
        return cls(client=HumeClient.from_settings(settings))

    async def start_call(self, *, variables: Mapping[str, str]) -> BrowserCall:
        """Mint a fresh access token and say where and how the browser connects.

        Args:
            variables: The interview's session variables.

        Returns:
            The call's connection details.

        Raises:
            VoiceProviderError: Hume refused the token or could not be reached.
        """
        token = await self.client.fetch_access_token()
        return BrowserCall(
            provider=VoiceProvider.HUME,
            access_token=token,
            hostname=self.client.base_url,
            config_id=self.client.config_id,
            variables=dict(variables),
        )

    async def fetch_transcript(
        self, chat_id: str, *, not_before: datetime | None = None
    ) -> list[TranscriptEntry]:
        """Read a chat with our key, check it is one of ours, and normalise it.

        A chat id is reported by the browser, so it is only trusted once Hume confirms it
        under our key with our EVI configuration, started after the interview was created.

        Args:
            chat_id: The chat.
            not_before: When the interview was created; an older chat is refused.

        Returns:
            The transcript.

        Raises:
            ChatIdRefusedError: The chat runs another configuration than ours, or it
                started before the interview existed.
            VoiceChatNotFoundError: Hume does not know the chat.
            VoiceProviderError: Hume failed or could not be reached.
        """
        chat = await self.client.fetch_chat(chat_id)
        if chat.chat_id != chat_id or (
            self.client.config_id and chat.config_id != self.client.config_id
        ):
            raise ChatIdRefusedError()
        if not_before is not None and chat.start_timestamp is not None:
            earliest_ms = (not_before - CLOCK_SKEW_ALLOWED).timestamp() * 1000
            if chat.start_timestamp < earliest_ms:
                raise ChatIdRefusedError()
        return to_transcript(chat)


class HumeProvider(Provider):
    """Hume EVI: the browser holds the call with a token we mint; we read the chat history."""

    name: ClassVar[VoiceProvider] = VoiceProvider.HUME
    label: ClassVar[str] = "Hume EVI voice interview"
    needs_keys: ClassVar[bool] = True
    transcript_source: ClassVar[TranscriptSource] = "history"
    call_start: ClassVar[CallStart] = "token"
    # EVI's voice, language model and prompt are the operator's HUME_CONFIG_ID, the same for
    # every call, and our session variables can only fill its English prompt: it cannot be
    # asked to hold an interview in another language.
    languages: ClassVar[frozenset[str] | None] = frozenset({"en"})

    def configured(self, settings: Settings) -> bool:
        """Whether an API key and a secret key are set."""
        return bool(settings.hume_api_key and settings.hume_secret_key)

    def history(self, settings: Settings) -> ChatHistoryAdapter:
        """Return this installation's Hume adapter.

        Args:
            settings: The settings.

        Returns:
            The adapter.

        Raises:
            VoiceNotConfiguredError: Hume's keys are not set.
        """
        return HumeAdapter.from_settings(settings)
