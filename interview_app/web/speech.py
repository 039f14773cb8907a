"""HTTP routes of spoken answers: whether speech is recognised here, and one answer's audio.

The browser records a spoken answer and sends it once, when it ends, as 16 kHz mono WAV;
the server checks the session and the interview's owner before reading more than the cap
allows, recognises it in the bounded pool (`services.speech.recognizer`) and stores what it
heard. The audio is dropped unless `KEEP_ANSWER_AUDIO` is set.
"""

from __future__ import annotations

import logging
import uuid

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from interview_app import routes
from interview_app.config import Settings, get_settings
from interview_app.db import open_session
from interview_app.services.errors import NotFoundError
from interview_app.services.speech.recognizer import (
    NotAudioError,
    SpeechUnavailableError,
    Transcription,
    length_text,
    speech_available,
    transcribe_wav,
)
from interview_app.services.speech.recordings import check_recording_allowed, store_recording
from interview_app.web.bodies import BodyTooLargeError, read_capped
from interview_app.web.cookies import signed_in_user_id
from interview_app.web.interviews import NO_STORE

logger = logging.getLogger(__name__)

# A WAV header, with room for the extra chunks some encoders add.
_WAV_HEADER_BYTES = 1_024


def max_audio_bytes(settings: Settings) -> int:
    """Return the largest recording accepted: `SPEECH_MAX_SECONDS` of 16 kHz 16-bit mono."""
    return settings.speech_max_seconds * 16_000 * 2 + _WAV_HEADER_BYTES


def _refusal(message: str, status_code: int) -> JSONResponse:
    return JSONResponse({"message": message}, status_code=status_code, headers=NO_STORE)


async def speech_status(request: Request) -> Response:
    """Tell the answer box whether it may offer to answer by voice."""
    settings = get_settings()
    available = speech_available(settings)
    return JSONResponse(
        {
            "available": available,
            "max_seconds": settings.speech_max_seconds,
            "message": "" if available else SpeechUnavailableError.default_message,
        },
        headers=NO_STORE,
    )


def _check_owner(user_id: uuid.UUID, interview_id: str) -> None:
    with open_session() as session:
        check_recording_allowed(session=session, user_id=user_id, interview_id=interview_id)


def _store(
    user_id: uuid.UUID, interview_id: str, transcription: Transcription, audio: bytes | None
) -> str:
    with open_session() as session:
        recording = store_recording(
            session=session,
            user_id=user_id,
            interview_id=interview_id,
            transcription=transcription,
            audio=audio,
        )
        return str(recording.id)


async def answer_audio(request: Request) -> Response:
    """Recognise one spoken answer of one of the user's interviews (SPEC §6)."""
    settings = get_settings()
    user_id = await signed_in_user_id(request)
    if user_id is None:
        return _refusal("Please sign in again.", 401)
    interview_id = request.path_params["interview_id"]
    try:
        await run_in_threadpool(_check_owner, user_id, interview_id)
    except NotFoundError:
        return _refusal("This interview does not exist.", 404)
    if not speech_available(settings):
        return _refusal(SpeechUnavailableError.default_message, 503)
    too_long = (
        f"A spoken answer can be at most {length_text(settings.speech_max_seconds)}. "
        "Type the rest of it, or answer in shorter parts."
    )
    try:
        audio = await read_capped(request, max_audio_bytes(settings))
    except BodyTooLargeError:
        return _refusal(too_long, 413)
    try:
        transcription = await transcribe_wav(audio, settings=settings)
    except NotAudioError as error:
        return _refusal(str(error), 422)
    except SpeechUnavailableError as error:
        return _refusal(str(error), 503)
    except Exception:
        logger.exception("Recognising a spoken answer failed unexpectedly")
        return _refusal("Your answer could not be recognised. Please type it instead.", 500)
    try:
        recording_id = await run_in_threadpool(
            _store,
            user_id,
            interview_id,
            transcription,
            audio if settings.keep_answer_audio else None,
        )
    except NotFoundError:
        # The interview was deleted while its answer was being recognised.
        return _refusal("This interview does not exist.", 404)
    return JSONResponse({"recording_id": recording_id, **transcription.as_dict()}, headers=NO_STORE)


def build_speech_routes() -> list[Route]:
    """Return the speech routes, to mount in front of Reflex.

    Returns:
        The routes.
    """
    return [
        Route(routes.SPEECH_STATUS, speech_status, methods=["GET"]),
        Route(routes.ANSWER_AUDIO, answer_audio, methods=["POST"]),
    ]
