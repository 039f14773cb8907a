"""Gemini Live as a voice provider: single-use, fully locked ephemeral tokens (SPEC §6, §9).

The browser talks to Gemini Live directly with a token that this server mints for one
interview. The token locks the whole session setup (model, audio out, both transcriptions,
session resumption, context-window compression and our system instruction), so the browser
can use it for nothing else; the API key never leaves the server. This module is the
client and knows no database: `services.calls.gemini_live` checks the interview and records
the call.
"""

from __future__ import annotations

import asyncio
import logging
import warnings
import weakref
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

from google import genai
from google.genai import errors as genai_errors
from google.genai import types
from tenacity import (
    AsyncRetrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential,
)

from interview_app.config import Settings, get_settings
from interview_app.models import ExperienceLevel, utcnow
from interview_app.services.errors import DomainError
from interview_app.services.languages import Language, language_for
from interview_app.services.voice.base import CallStart, Provider, TranscriptSource, VoiceProvider

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
# The résumé summary in the interviewer's instruction: enough for two or three questions
# about it, short enough that it never crowds out the job description.
RESUME_SUMMARY_MAX_CHARACTERS = 600
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
        no_answer_ms: How long the browser waits for the interviewer's first audio.
    """

    token: str
    socket_url: str
    setup: dict[str, Any]
    no_answer_ms: int


class GeminiLiveProvider(Provider):
    """Gemini Live: the browser holds the call with a token we mint and reports the transcript."""

    name: ClassVar[VoiceProvider] = VoiceProvider.GEMINI
    label: ClassVar[str] = "Gemini Live voice interview"
    needs_keys: ClassVar[bool] = True
    transcript_source: ClassVar[TranscriptSource] = "browser"
    call_start: ClassVar[CallStart] = "live_session"

    def configured(self, settings: Settings) -> bool:
        """Whether `GEMINI_API_KEY` is set."""
        return bool(settings.gemini_api_key)


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
    language: str = "en",
    resume_summary: str = "",
) -> str:
    """Write the interviewer's instruction, in our own words, from the job info.

    Args:
        candidate_name: The candidate's name.
        job_title: The job's title; "Not Specified" when empty.
        experience_level: `junior`, `mid-level` or `senior`.
        description: The job description.
        minutes: The interview's length cap.
        language: The interview language's code; the interview is held in it.
        resume_summary: A short summary of the candidate's résumé, or "" without one;
            cut to `RESUME_SUMMARY_MAX_CHARACTERS` here whatever the caller passed.

    Returns:
        The instruction text.
    """
    try:
        level = ExperienceLevel(experience_level).label
    except ValueError:
        level = experience_level or "Not Specified"
    title = (job_title or "").strip() or "Not Specified"
    spoken = language_for(language)
    summary = " ".join(resume_summary.split())[:RESUME_SUMMARY_MAX_CHARACTERS]
    resume_part = f"Candidate's résumé (a summary):\n{summary}\n\n" if summary else ""
    resume_rule = (
        "- Ask at least two questions about the résumé: a project or an employer it names, "
        "a skill it shares with the job, or something the job asks for that it does not "
        "show.\n"
        if summary
        else ""
    )
    language_rule = (
        f"- Hold the whole interview in {spoken.name} ({spoken.native_name}): greet, ask "
        f"and close in {spoken.name}, and keep to it even when the candidate uses another "
        "language.\n"
        if spoken.code != "en"
        else ""
    )
    return (
        "You are a friendly, professional interviewer holding a spoken mock job interview "
        "so that the candidate can practise.\n\n"
        f"Candidate's name: {candidate_name}\n"
        f"Job title: {title}\n"
        f"Experience level: {level}\n"
        f"Job description:\n{description}\n\n"
        f"{resume_part}"
        "How to hold the interview:\n"
        f"{language_rule}"
        "- Greet the candidate by name, say briefly what the interview covers, then begin.\n"
        "- Ask one question at a time and wait for the answer before going on.\n"
        "- Ask the questions a hiring team for this job and level would ask: experience, "
        "technical or role-specific skills, behaviour in real situations, motivation.\n"
        "- When an answer is vague or short, ask a follow-up for a concrete example, what "
        "the candidate did themselves, and the outcome.\n"
        f"{resume_rule}"
        "- Keep your own turns short and spoken; do not give feedback or scores during the "
        "interview.\n"
        f"- The interview lasts at most {minutes} minutes. When about two minutes are left, "
        "ask a last question, then close naturally: thank the candidate and invite one "
        "question from them."
    )


def _speech_language(language: Language) -> str | None:
    # English setups stay as they were before languages came (the model's own default);
    # any other language is named, so the voice speaks it from the first word.
    return None if language.code == "en" else language.bcp47


def _live_config(
    instruction: str, resumption_handle: str | None, language: Language
) -> types.LiveConnectConfig:
    tag = _speech_language(language)
    return types.LiveConnectConfig(
        response_modalities=[types.Modality.AUDIO],
        speech_config=types.SpeechConfig(language_code=tag) if tag else None,
        system_instruction=types.Content(parts=[types.Part(text=instruction)]),
        input_audio_transcription=types.AudioTranscriptionConfig(),
        output_audio_transcription=types.AudioTranscriptionConfig(),
        session_resumption=types.SessionResumptionConfig(handle=resumption_handle),
        context_window_compression=types.ContextWindowCompressionConfig(
            sliding_window=types.SlidingWindow()
        ),
    )


def browser_setup(
    model: str, instruction: str, resumption_handle: str | None, language: str = "en"
) -> dict[str, Any]:
    """Return the setup message the browser sends first: the same fields the token locks.

    Args:
        model: The Live model's name.
        instruction: The system instruction.
        resumption_handle: The handle of the session to resume, or None for a new one.
        language: The interview language's code: the voice's speech language (BCP 47 in
            `generationConfig.speechConfig.languageCode`) unless English.

    Returns:
        The `setup` object, in the camelCase of the wire protocol.
    """
    resumption: dict[str, str] = {"handle": resumption_handle} if resumption_handle else {}
    generation: dict[str, Any] = {"responseModalities": ["AUDIO"]}
    tag = _speech_language(language_for(language))
    if tag:
        generation["speechConfig"] = {"languageCode": tag}
    return {
        "model": model if model.startswith("models/") else f"models/{model}",
        "generationConfig": generation,
        "systemInstruction": {"parts": [{"text": instruction}]},
        "inputAudioTranscription": {},
        "outputAudioTranscription": {},
        "sessionResumption": resumption,
        "contextWindowCompression": {"slidingWindow": {}},
    }


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


async def open_live_session(
    *,
    settings: Settings,
    candidate_name: str,
    job_title: str | None,
    experience_level: str,
    description: str,
    interview_created_at: datetime,
    resumption_handle: str | None = None,
    language: str = "en",
    resume_summary: str = "",
) -> LiveSession:
    """Mint a token for one Live connection of an interview already checked by the caller.

    A reconnect (after `goAway` or a dropped connection) passes the latest resumption
    handle: it is locked into the new token so the call continues as the same session.

    Args:
        settings: The settings.
        candidate_name: The candidate's name, for the interviewer's instruction.
        job_title: The job title.
        experience_level: The experience level as stored.
        description: The job description.
        interview_created_at: When the interview was created; its length cap counts from it.
        resumption_handle: The session to resume, or None for the first connection.
        language: The interview language's code: the instruction asks for it, and the
            voice speaks it.
        resume_summary: A short summary of the candidate's résumé, or "" without one.

    Returns:
        The token, the socket URL and the setup message the browser sends.

    Raises:
        InterviewTimeUpError: The interview's length cap has passed.
        LiveSessionError: Gemini is not configured or refused, or did not answer.
    """
    if not GeminiLiveProvider().configured(settings):
        raise LiveSessionError("Gemini is not configured on this installation.")
    cap = interview_length_cap(settings)
    now = utcnow()
    started = (
        interview_created_at
        if interview_created_at.tzinfo
        else interview_created_at.replace(tzinfo=UTC)
    )
    expire_time = min(started + cap, now + cap)
    if expire_time - now < MINIMUM_TOKEN_LIFETIME:
        raise InterviewTimeUpError()
    instruction = system_instruction(
        candidate_name=candidate_name,
        job_title=job_title,
        experience_level=experience_level,
        description=description,
        minutes=int(cap.total_seconds() // 60),
        language=language,
        resume_summary=resume_summary,
    )
    handle = clean_resumption_handle(resumption_handle)
    config = types.CreateAuthTokenConfig(
        uses=1,
        expire_time=expire_time,
        new_session_expire_time=min(now + NEW_SESSION_WINDOW, expire_time),
        # lock_additional_fields stays unset: no field mask, so the whole setup is locked.
        live_connect_constraints=types.LiveConnectConstraints(
            model=settings.gemini_live_model,
            config=_live_config(instruction, handle, language_for(language)),
        ),
    )
    token_name = await _mint(settings, config)
    return LiveSession(
        token=token_name,
        socket_url=socket_base_url(settings) + CONSTRAINED_SOCKET_PATH,
        setup=browser_setup(settings.gemini_live_model, instruction, handle, language),
        no_answer_ms=round(settings.gemini_live_no_answer_seconds * 1000),
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
