"""Gemini Live interviews: single-use, fully locked ephemeral tokens (SPEC §6, §9).

The browser talks to Gemini Live directly with a token that this server mints for one
interview. The token locks the whole session setup (model, audio out, both transcriptions,
session resumption, context-window compression and our system instruction), so the browser
can use it for nothing else; the API key never leaves the server.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
import warnings
import weakref
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from google import genai
from google.genai import errors as genai_errors
from google.genai import types
from sqlmodel import Session
from tenacity import (
    AsyncRetrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential,
)

from interview_app.config import Settings, get_settings
from interview_app.db import open_session
from interview_app.models import ExperienceLevel, Interview, JobInfo, User, utcnow
from interview_app.services.browser_transcripts import parse_reported_transcript
from interview_app.services.errors import DomainError, InvalidInputError, PermissionDeniedError
from interview_app.services.interviews import DURATION_PATTERN, get_interview
from interview_app.services.transcripts import replace_transcript
from interview_app.services.voice import VoiceProvider, gemini_configured

logger = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com"
CONSTRAINED_SOCKET_PATH = (
    "/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContentConstrained"
)
# A new session must open within this time after its token is minted.
NEW_SESSION_WINDOW = timedelta(seconds=60)
# Shortest time worth minting a token for; less than this and the interview is over.
MINIMUM_TOKEN_LIFETIME = timedelta(seconds=30)
RESUMPTION_HANDLE_MAX = 1_000
CHAT_ID_PREFIX = "gemini-live-"

# google-genai warns on every mint that token creation is experimental.
warnings.filterwarnings("ignore", message=r"The SDK's token creation implementation")


class LiveSessionError(DomainError):
    """The voice service did not give us a session; the message is safe to show."""

    default_message = (
        "The voice service could not start the interview right now. Please try again in a moment."
    )


class InterviewTimeUpError(LiveSessionError):
    """The interview reached its length cap; no more sessions are minted for it."""

    default_message = "This interview has reached its time limit."


@dataclass(frozen=True, slots=True)
class LiveSession:
    """What the browser needs to open one Live connection (nothing secret of ours).

    Attributes:
        token: The ephemeral token's name (`auth_tokens/...`), single use.
        socket_url: The constrained Live socket, without the token.
        setup: The setup message the browser sends first, equal to what the token locks.
    """

    token: str
    socket_url: str
    setup: dict[str, Any]


@dataclass(frozen=True, slots=True)
class _InterviewFacts:
    candidate_name: str
    job_title: str
    experience_level: str
    description: str
    created_at: datetime


def socket_base_url(settings: Settings | None = None) -> str:
    """Return the Live socket's base: `GEMINI_BASE_URL` with `http` -> `ws`, `https` -> `wss`.

    Args:
        settings: The settings; the process's when omitted.

    Returns:
        The websocket base URL, without a trailing slash.
    """
    settings = settings or get_settings()
    base = (settings.gemini_base_url or DEFAULT_BASE_URL).rstrip("/")
    if base.startswith("https://"):
        return "wss://" + base.removeprefix("https://")
    if base.startswith("http://"):
        return "ws://" + base.removeprefix("http://")
    return base


def interview_length_cap(settings: Settings | None = None) -> timedelta:
    """Return how long one interview may last (`INTERVIEW_MAX_MINUTES`, an hour at most).

    Args:
        settings: The settings; the process's when omitted.

    Returns:
        The cap.
    """
    settings = settings or get_settings()
    return timedelta(minutes=min(settings.interview_max_minutes, 60))


def system_instruction(
    *,
    candidate_name: str,
    job_title: str | None,
    experience_level: str,
    description: str,
    minutes: int,
) -> str:
    """Write the interviewer's instruction, in our own words, from the job info.

    Args:
        candidate_name: The candidate's name.
        job_title: The job's title; "Not Specified" when empty.
        experience_level: `junior`, `mid-level` or `senior`.
        description: The job description.
        minutes: The interview's length cap.

    Returns:
        The instruction text.
    """
    try:
        level = ExperienceLevel(experience_level).label
    except ValueError:
        level = experience_level or "Not Specified"
    title = (job_title or "").strip() or "Not Specified"
    return (
        "You are a friendly, professional interviewer holding a spoken mock job interview "
        "so that the candidate can practise.\n\n"
        f"Candidate's name: {candidate_name}\n"
        f"Job title: {title}\n"
        f"Experience level: {level}\n"
        f"Job description:\n{description}\n\n"
        "How to hold the interview:\n"
        "- Greet the candidate by name, say briefly what the interview covers, then begin.\n"
        "- Ask one question at a time and wait for the answer before going on.\n"
        "- Ask the questions a hiring team for this job and level would ask: experience, "
        "technical or role-specific skills, behaviour in real situations, motivation.\n"
        "- When an answer is vague or short, ask a follow-up for a concrete example, what "
        "the candidate did themselves, and the outcome.\n"
        "- Keep your own turns short and spoken; do not give feedback or scores during the "
        "interview.\n"
        f"- The interview lasts at most {minutes} minutes. When about two minutes are left, "
        "ask a last question, then close naturally: thank the candidate and invite one "
        "question from them."
    )


def _live_config(instruction: str, resumption_handle: str | None) -> types.LiveConnectConfig:
    return types.LiveConnectConfig(
        response_modalities=[types.Modality.AUDIO],
        system_instruction=types.Content(parts=[types.Part(text=instruction)]),
        input_audio_transcription=types.AudioTranscriptionConfig(),
        output_audio_transcription=types.AudioTranscriptionConfig(),
        session_resumption=types.SessionResumptionConfig(handle=resumption_handle),
        context_window_compression=types.ContextWindowCompressionConfig(
            sliding_window=types.SlidingWindow()
        ),
    )


def browser_setup(model: str, instruction: str, resumption_handle: str | None) -> dict[str, Any]:
    """Return the setup message the browser sends first: the same fields the token locks.

    Args:
        model: The Live model's name.
        instruction: The system instruction.
        resumption_handle: The handle of the session to resume, or None for a new one.

    Returns:
        The `setup` object, in the camelCase of the wire protocol.
    """
    resumption: dict[str, str] = {"handle": resumption_handle} if resumption_handle else {}
    return {
        "model": model if model.startswith("models/") else f"models/{model}",
        "generationConfig": {"responseModalities": ["AUDIO"]},
        "systemInstruction": {"parts": [{"text": instruction}]},
        "inputAudioTranscription": {},
        "outputAudioTranscription": {},
        "sessionResumption": resumption,
        "contextWindowCompression": {"slidingWindow": {}},
    }


def _interview_facts(
    *, session: Session, user_id: uuid.UUID | str | None, interview_id: uuid.UUID | str
) -> _InterviewFacts:
    try:
        interview: Interview = get_interview(
            session=session, user_id=user_id, interview_id=interview_id
        )
    except PermissionDeniedError as error:
        raise PermissionDeniedError() from error
    if interview.voice_provider != VoiceProvider.GEMINI.value or interview.transcript_source:
        # Another provider's interview, or a call that already ended with its transcript.
        raise PermissionDeniedError()
    job_info = session.get(JobInfo, interview.job_info_id)
    user = session.get(User, job_info.user_id) if job_info else None
    if job_info is None or user is None:
        raise PermissionDeniedError()
    return _InterviewFacts(
        candidate_name=user.name,
        job_title=job_info.title,
        experience_level=job_info.experience_level,
        description=job_info.description,
        created_at=interview.created_at,
    )


def _facts_in_session(
    user_id: uuid.UUID | str | None, interview_id: uuid.UUID | str
) -> _InterviewFacts:
    with open_session() as session:
        return _interview_facts(session=session, user_id=user_id, interview_id=interview_id)


def _is_transient(error: BaseException) -> bool:
    if isinstance(error, genai_errors.APIError):
        return error.code in (408, 429) or error.code >= 500
    return isinstance(error, OSError | TimeoutError) or type(error).__name__.endswith(
        ("ConnectError", "TimeoutException", "ReadError", "RemoteProtocolError")
    )


def clean_resumption_handle(handle: object) -> str | None:
    """Accept a resumption handle from the browser only when it is plain, short text.

    Args:
        handle: As sent by the browser.

    Returns:
        The handle, or None for a new session.
    """
    if not isinstance(handle, str):
        return None
    handle = handle.strip()
    if not handle or len(handle) > RESUMPTION_HANDLE_MAX or not handle.isprintable():
        return None
    return handle


async def start_live_session(
    *,
    user_id: uuid.UUID | str | None,
    interview_id: uuid.UUID | str,
    resumption_handle: str | None = None,
) -> LiveSession:
    """Mint a token for one Live connection of the user's own Gemini interview.

    A reconnect (after `goAway` or a dropped connection) passes the latest resumption
    handle: it is locked into the new token so the call continues as the same session.

    Args:
        user_id: The acting user.
        interview_id: The interview; it must be the user's and held with Gemini.
        resumption_handle: The session to resume, or None for the first connection.

    Returns:
        The token, the socket URL and the setup message the browser sends.

    Raises:
        PermissionDeniedError: Not the user's Gemini interview (nothing is minted).
        InterviewTimeUpError: The interview's length cap has passed.
        LiveSessionError: Gemini is not configured or refused, or did not answer.
    """
    settings = get_settings()
    facts = await asyncio.to_thread(_facts_in_session, user_id, interview_id)
    if not gemini_configured(settings):
        raise LiveSessionError("Gemini is not configured on this installation.")
    cap = interview_length_cap(settings)
    now = utcnow()
    started = facts.created_at if facts.created_at.tzinfo else facts.created_at.replace(tzinfo=UTC)
    expire_time = min(started + cap, now + cap)
    if expire_time - now < MINIMUM_TOKEN_LIFETIME:
        raise InterviewTimeUpError()
    instruction = system_instruction(
        candidate_name=facts.candidate_name,
        job_title=facts.job_title,
        experience_level=facts.experience_level,
        description=facts.description,
        minutes=int(cap.total_seconds() // 60),
    )
    handle = clean_resumption_handle(resumption_handle)
    config = types.CreateAuthTokenConfig(
        uses=1,
        expire_time=expire_time,
        new_session_expire_time=min(now + NEW_SESSION_WINDOW, expire_time),
        # lock_additional_fields stays unset: no field mask, so the whole setup is locked.
        live_connect_constraints=types.LiveConnectConstraints(
            model=settings.gemini_live_model, config=_live_config(instruction, handle)
        ),
    )
    token_name = await _mint(settings, config)
    return LiveSession(
        token=token_name,
        socket_url=socket_base_url(settings) + CONSTRAINED_SOCKET_PATH,
        setup=browser_setup(settings.gemini_live_model, instruction, handle),
    )


# One client per event loop and configuration: building one loads TLS certificates and
# takes hundreds of milliseconds, and its async HTTP pool belongs to the loop it runs on.
_clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[tuple[str, str], genai.Client]]
_clients = weakref.WeakKeyDictionary()


def _client(settings: Settings) -> genai.Client:
    key = (settings.gemini_api_key or "", settings.gemini_base_url or "")
    per_loop = _clients.setdefault(asyncio.get_running_loop(), {})
    if key not in per_loop:
        http_options = types.HttpOptions(
            api_version="v1alpha", base_url=settings.gemini_base_url or None, timeout=15_000
        )
        per_loop[key] = genai.Client(api_key=settings.gemini_api_key, http_options=http_options)
    return per_loop[key]


async def _mint(settings: Settings, config: types.CreateAuthTokenConfig) -> str:
    client = _client(settings)
    try:
        async for attempt in AsyncRetrying(
            retry=retry_if_exception(_is_transient),
            stop=stop_after_attempt(3),
            wait=wait_exponential(multiplier=0.5, max=4),
            reraise=True,
        ):
            with attempt:
                token = await client.aio.auth_tokens.create(config=config)
    except genai_errors.APIError as error:
        # The code and status only: the message may echo what we sent.
        logger.warning("Gemini refused an ephemeral token: %s %s", error.code, error.status)
        raise LiveSessionError() from None
    except Exception as error:
        logger.warning("Minting a Gemini ephemeral token failed: %s", type(error).__name__)
        raise LiveSessionError() from None
    if not token.name or not token.name.startswith("auth_tokens/"):
        logger.warning("Gemini answered the token request without a token name")
        raise LiveSessionError()
    return token.name


async def mint_session_token(
    *, user_id: uuid.UUID | str | None, interview_id: uuid.UUID | str
) -> str:
    """Mint a single-use, fully locked ephemeral token for the user's own interview.

    Args:
        user_id: The acting user.
        interview_id: The interview; it must be the user's and held with Gemini.

    Returns:
        The token's name (`auth_tokens/...`).

    Raises:
        PermissionDeniedError: Not the user's Gemini interview (nothing is minted).
        LiveSessionError: Gemini is not configured, refused, or did not answer.
    """
    live = await start_live_session(user_id=user_id, interview_id=interview_id)
    return live.token


def _own_gemini_interview(
    session: Session, user_id: uuid.UUID | str | None, interview_id: uuid.UUID | str
) -> Interview:
    try:
        interview = get_interview(session=session, user_id=user_id, interview_id=interview_id)
    except PermissionDeniedError as error:
        raise PermissionDeniedError() from error
    if interview.voice_provider != VoiceProvider.GEMINI.value:
        raise PermissionDeniedError()
    return interview


def _checked_duration(duration: object) -> str:
    if not isinstance(duration, str) or not DURATION_PATTERN.fullmatch(duration):
        raise InvalidInputError({"duration": "The duration must be HH:MM:SS."})
    return duration


def mark_session_started(
    *, session: Session, user_id: uuid.UUID | str | None, interview_id: uuid.UUID | str
) -> str:
    """Give the interview its chat id (ours) once its first Live session is set up.

    Reconnects keep the id already given, so a call is one interview with one chat id.

    Args:
        session: Open database session.
        user_id: The acting user.
        interview_id: The user's Gemini interview.

    Returns:
        The interview's chat id.

    Raises:
        PermissionDeniedError: Not the user's Gemini interview.
    """
    interview = _own_gemini_interview(session, user_id, interview_id)
    if interview.hume_chat_id is None:
        interview.hume_chat_id = f"{CHAT_ID_PREFIX}{uuid.uuid4()}"
        interview.updated_at = utcnow()
        session.add(interview)
        session.commit()
    return interview.hume_chat_id


def save_call_duration(
    *,
    session: Session,
    user_id: uuid.UUID | str | None,
    interview_id: uuid.UUID | str,
    duration: object,
) -> None:
    """Save how long the call has lasted so far (`HH:MM:SS`).

    Args:
        session: Open database session.
        user_id: The acting user.
        interview_id: The user's Gemini interview.
        duration: The call timer's value.

    Raises:
        PermissionDeniedError: Not the user's Gemini interview.
        InvalidInputError: The duration is not `HH:MM:SS`.
    """
    interview = _own_gemini_interview(session, user_id, interview_id)
    interview.duration = _checked_duration(duration)
    interview.updated_at = utcnow()
    session.add(interview)
    session.commit()


def finish_call(
    *,
    session: Session,
    user_id: uuid.UUID | str | None,
    interview_id: uuid.UUID | str,
    transcript: object,
    duration: object,
) -> int:
    """Store the transcript the browser reports at the end of the call, and the duration.

    An empty transcript leaves the interview incomplete (no chat id), as if never held.

    Args:
        session: Open database session.
        user_id: The acting user.
        interview_id: The user's Gemini interview.
        transcript: The messages as the browser sent them (see `parse_reported_transcript`).
        duration: The call's length, `HH:MM:SS`.

    Returns:
        The number of messages stored.

    Raises:
        PermissionDeniedError: Not the user's Gemini interview.
        InvalidInputError: The transcript or the duration is malformed; nothing is stored.
    """
    entries = parse_reported_transcript(transcript)
    checked_duration = _checked_duration(duration)
    interview = _own_gemini_interview(session, user_id, interview_id)
    interview.duration = checked_duration
    interview.updated_at = utcnow()
    if not entries:
        if interview.transcript_source is None:
            interview.hume_chat_id = None
        session.add(interview)
        session.commit()
        return 0
    if interview.hume_chat_id is None:
        interview.hume_chat_id = f"{CHAT_ID_PREFIX}{uuid.uuid4()}"
    return replace_transcript(
        session=session, interview=interview, entries=entries, source="browser"
    )


def abandon_call(
    *, session: Session, user_id: uuid.UUID | str | None, interview_id: uuid.UUID | str
) -> None:
    """After a failed call without a stored transcript, leave the interview incomplete.

    Args:
        session: Open database session.
        user_id: The acting user.
        interview_id: The user's Gemini interview.

    Raises:
        PermissionDeniedError: Not the user's Gemini interview.
    """
    interview = _own_gemini_interview(session, user_id, interview_id)
    if interview.transcript_source is None and interview.hume_chat_id is not None:
        interview.hume_chat_id = None
        interview.updated_at = utcnow()
        session.add(interview)
        session.commit()
