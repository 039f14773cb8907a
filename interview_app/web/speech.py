"""HTTP routes of spoken answers: whether speech is recognised here, and one answer's audio.

The browser records a spoken answer and sends it once, when it ends, as 16 kHz mono WAV;
the server checks the session and the interview's owner before reading more than the cap
allows, recognises it in the bounded pool (`services.speech.recognizer`) and stores what it
heard. One user may have `MAX_QUEUED_PER_USER` answers waiting at once. The audio is
dropped unless `KEEP_ANSWER_AUDIO` is set; then its owner can play it back.
"""

from __future__ import annotations

import logging
import re
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
    TooManyQueuedError,
    Transcription,
    length_text,
    queue_slot,
    speech_available,
    transcribe_wav,
)
from interview_app.services.speech.recordings import (
    check_recording_allowed,
    recording_audio,
    store_recording,
)
from interview_app.web.bodies import BodyTooLargeError, read_capped
from interview_app.web.cookies import signed_in_user_id
from interview_app.web.interviews import NO_STORE

logger = logging.getLogger(__name__)

# A WAV header, with room for the extra chunks some encoders add.
_WAV_HEADER_BYTES = 1_024
# One range of bytes ("bytes=0-", "bytes=100-199", "bytes=-500"): what media elements ask.
_RANGE = re.compile(r"bytes=(\d*)-(\d*)")
# A candidate's voice: only their browser may keep it, and only for the session.
_PRIVATE_AUDIO = {"Cache-Control": "private, no-cache", "Accept-Ranges": "bytes"}


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


def _check_owner(user_id: uuid.UUID, interview_id: str) -> str:
    # The interview's language comes with the check: the answer is recognised in it.
    with open_session() as session:
        return check_recording_allowed(session=session, user_id=user_id, interview_id=interview_id)


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
        language = await run_in_threadpool(_check_owner, user_id, interview_id)
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
        with queue_slot(user_id):
            transcription = await transcribe_wav(
                audio, settings=settings, interview_language=language
            )
    except TooManyQueuedError as error:
        return _refusal(str(error), 429)
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


def _audio_of(user_id: uuid.UUID, interview_id: str, recording_id: str) -> bytes:
    with open_session() as session:
        return recording_audio(
            session=session, user_id=user_id, interview_id=interview_id, recording_id=recording_id
        )


def _byte_range(header: str | None, size: int) -> tuple[int, int] | None:
    """The first and last byte a `Range` header asks for, or None for the whole file."""
    match = _RANGE.fullmatch((header or "").strip())
    if match is None or not size:
        return None
    first, last = match.groups()
    if not first:
        # "bytes=-500": the last 500 bytes.
        return (max(size - int(last), 0), size - 1) if last else None
    return int(first), min(int(last), size - 1) if last else size - 1


async def answer_audio_file(request: Request) -> Response:
    """Play back one kept spoken answer of one of the user's interviews (SPEC §6)."""
    user_id = await signed_in_user_id(request)
    if user_id is None:
        return _refusal("Please sign in again.", 401)
    try:
        audio = await run_in_threadpool(
            _audio_of,
            user_id,
            request.path_params["interview_id"],
            request.path_params["recording_id"],
        )
    except NotFoundError:
        return _refusal("This recording does not exist or was not kept.", 404)
    wanted = _byte_range(request.headers.get("range"), len(audio))
    if wanted is None:
        return Response(audio, media_type="audio/wav", headers=_PRIVATE_AUDIO)
    first, last = wanted
    if first > last:
        return Response(
            status_code=416, headers={**_PRIVATE_AUDIO, "Content-Range": f"bytes */{len(audio)}"}
        )
    return Response(
        audio[first : last + 1],
        status_code=206,
        media_type="audio/wav",
        headers={**_PRIVATE_AUDIO, "Content-Range": f"bytes {first}-{last}/{len(audio)}"},
    )


def build_speech_routes() -> list[Route]:
    """Return the speech routes, to mount in front of Reflex.

    Returns:
        The routes.
    """
    return [
        Route(routes.SPEECH_STATUS, speech_status, methods=["GET"]),
        Route(routes.ANSWER_AUDIO, answer_audio, methods=["POST"]),
        Route(routes.ANSWER_AUDIO_FILE, answer_audio_file, methods=["GET"]),
    ]
