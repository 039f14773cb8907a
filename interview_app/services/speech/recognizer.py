"""Speech recognised on our server with faster-whisper, one bounded pool per worker.

The model is loaded once per process, on first use: a name is fetched from the model hub
as faster-whisper does, a directory is read as a CTranslate2 model. Recognition is slow
(about a tenth of the audio's length for `base` on two cores), so it runs in a pool of
`SPEECH_MAX_CONCURRENT` threads and never on the event loop; further answers wait their
turn there, at most `MAX_QUEUED_PER_USER` of one user's at a time (`queue_slot`), so that
one candidate sending take after take cannot hold up everyone else's answers. Without the
package or the model, speech recognition is unavailable and the app takes typed answers
only.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import io
import logging
import threading
import wave
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interview_app.config import Settings
from interview_app.services.errors import DomainError, InvalidInputError
from interview_app.services.speech.words import RecognisedWord

if TYPE_CHECKING:
    import numpy as np

logger = logging.getLogger(__name__)

SAMPLE_RATE = 16_000
# Whisper drops "um" and "uh" unless its context shows them being kept. On four espeak-ng
# answers with 27 of them, the app counted none without a prompt, 12 (tiny.en) and 24
# (base) with the one OpenAI suggests ("Umm, let me think like, hmm... Okay, here's what
# I'm, like, thinking.") and 27 and 26 with this one, which spells both sounds as a
# candidate says them; in five answers without any it heard one (a spoken "A" as "Uh")
# against none (benchmarks/bench_speech.py).
FILLER_PROMPT = "Um, uh, so, um, I mean, like, you know... Uh, hmm, let me think. Um, okay."
# The same in the other languages with a filler list (`delivery.lexicon`): an English prompt
# would pull their words towards English. With `base` on espeak-ng answers with six "euh"
# or "eh", French kept 0 of 6 without its prompt and 6 with it, Spanish 0 and 5, German 6
# either way; none was heard in answers without any.
FILLER_PROMPTS = {
    "en": FILLER_PROMPT,
    "de": "Äh, also, ähm, ich meine... Hm, lass mich kurz überlegen. Ähm, okay.",
    "fr": "Euh, alors, euh, je veux dire... Hum, laissez-moi réfléchir. Euh, bon.",
    "es": "Eh, bueno, este... o sea, mmm, déjame pensar. Eh, vale.",
}
TYPED_ONLY_MESSAGE = "Answers are typed on this installation: it cannot recognise speech."
# A candidate has one answer box (and perhaps a retry in another tab): two answers waiting
# or being recognised at once is all an honest use needs.
MAX_QUEUED_PER_USER = 2
_queued_lock = threading.Lock()
_queued: Counter[str] = Counter()
_pool_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None
_model_lock = threading.Lock()
_failed_models: set[str] = set()


class SpeechUnavailableError(DomainError):
    """Speech recognition cannot run here: the package or the model is missing."""

    default_message = TYPED_ONLY_MESSAGE


class TooManyQueuedError(DomainError):
    """The user already has `MAX_QUEUED_PER_USER` answers waiting to be recognised."""

    default_message = (
        f"You already have {MAX_QUEUED_PER_USER} answers being transcribed. Wait for them "
        "to finish, then send this one again."
    )


class NotAudioError(InvalidInputError):
    """The recording is not audio this app reads, or is too long."""

    def __init__(self, message: str) -> None:
        super().__init__({"audio": message})
        self.args = (message,)


@dataclass(frozen=True, slots=True)
class Transcription:
    """What was said in a recording, and when each word was said."""

    text: str
    language: str
    duration_ms: int
    words: tuple[RecognisedWord, ...]

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON form the `transcribe` command prints and the browser receives."""
        return {
            "text": self.text,
            "language": self.language,
            "duration_ms": self.duration_ms,
            "words": [
                {"word": w.word, "start_ms": w.start_ms, "end_ms": w.end_ms} for w in self.words
            ],
        }


def _package_installed() -> bool:
    try:
        import faster_whisper  # noqa: F401
    except ImportError:
        return False
    return True


def _is_directory_model(model: str) -> bool:
    return "/" in model or model.startswith(".") or Path(model).is_dir()


def speech_available(settings: Settings) -> bool:
    """Tell whether answers can be spoken on this installation.

    A model directory must hold a `model.bin`; a model name counts as available until
    loading it failed in this process (it is fetched on first use).

    Args:
        settings: The installation's settings.

    Returns:
        False when the package is missing, the model directory holds no model, or the
        model could not be loaded.
    """
    model = settings.whisper_model.strip()
    if not model or model in _failed_models or not _package_installed():
        return False
    if _is_directory_model(model):
        return (Path(model).expanduser() / "model.bin").is_file()
    return True


@functools.cache
def _load_model(model: str) -> Any:
    from faster_whisper import WhisperModel

    path = Path(model).expanduser()
    source = str(path) if _is_directory_model(model) else model
    # int8 on the CPU: a quarter of float32's memory, and faster on every core we run on.
    return WhisperModel(source, device="cpu", compute_type="int8")


def load_model(settings: Settings) -> Any:
    """Return the configured model, loading it on first use.

    Args:
        settings: The installation's settings.

    Returns:
        The faster-whisper model.

    Raises:
        SpeechUnavailableError: The package or the model is missing.
    """
    model = settings.whisper_model.strip()
    if not speech_available(settings):
        raise SpeechUnavailableError()
    with _model_lock:
        try:
            return _load_model(model)
        except Exception:
            # An operator fixes a missing model and restarts; until then every answer is
            # typed rather than each spoken one failing after a slow attempt.
            logger.exception("The speech recognition model could not be loaded")
            _failed_models.add(model)
            raise SpeechUnavailableError() from None


def length_text(seconds: int) -> str:
    """Return a recording's length cap in words ("5 minutes", "90 seconds")."""
    if seconds % 60 == 0:
        minutes = seconds // 60
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    return f"{seconds} seconds"


def read_wav(data: bytes, *, max_seconds: int) -> np.ndarray:
    """Read the browser's recording: a WAV file of 16 kHz mono 16-bit PCM.

    Args:
        data: The file's bytes.
        max_seconds: The longest recording accepted.

    Returns:
        The samples as float32 in [-1, 1].

    Raises:
        NotAudioError: Not such a file, or longer than `max_seconds`.
    """
    import numpy as np

    try:
        with wave.open(io.BytesIO(data)) as recording:
            layout = (
                recording.getnchannels(),
                recording.getsampwidth(),
                recording.getframerate(),
            )
            frames = recording.getnframes()
            if layout != (1, 2, SAMPLE_RATE):
                raise NotAudioError("The recording must be 16 kHz mono 16-bit WAV.")
            if frames > max_seconds * SAMPLE_RATE:
                raise NotAudioError(f"A spoken answer can be at most {length_text(max_seconds)}.")
            pcm = recording.readframes(frames)
    except (wave.Error, EOFError) as error:
        raise NotAudioError("The recording is not a WAV file.") from error
    return np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32_768.0


def decode_file(path: Path) -> np.ndarray:
    """Read any audio file faster-whisper can decode, as 16 kHz mono samples.

    Args:
        path: The file.

    Returns:
        The samples as float32.

    Raises:
        NotAudioError: The file cannot be read or holds no audio.
        SpeechUnavailableError: The package is missing.
    """
    if not _package_installed():
        raise SpeechUnavailableError()
    from faster_whisper import decode_audio

    try:
        return decode_audio(str(path), sampling_rate=SAMPLE_RATE)
    except OSError as error:
        raise NotAudioError(f"{path} cannot be read.") from error
    except Exception as error:
        # PyAV raises its own errors (InvalidDataError, ...) for anything that is not audio.
        raise NotAudioError(f"{path} is not an audio file.") from error


def transcribe_samples(
    samples: np.ndarray, *, settings: Settings, language: str | None = None
) -> Transcription:
    """Recognise speech in 16 kHz mono samples, with each word's times (slow: blocks).

    Args:
        samples: The audio, float32 at 16 kHz.
        settings: The installation's settings (model, language).
        language: The language spoken (e.g. `en`); None: `WHISPER_LANGUAGE`, else detected.

    Returns:
        The text, the language, the audio's length and the words with their times.

    Raises:
        SpeechUnavailableError: The package or the model is missing.
    """
    model = load_model(settings)
    language = (language or settings.whisper_language or "").strip().lower() or None
    if language is None and model.model.is_multilingual and len(samples):
        language, _probability, _all = model.detect_language(samples)
    spoken = (language or "en") if model.model.is_multilingual else "en"
    segments, info = model.transcribe(
        samples,
        language=language,
        word_timestamps=True,
        initial_prompt=FILLER_PROMPTS.get(spoken),
        # Silero VAD (shipped inside faster-whisper) skips silences: without it Whisper
        # puts the first word at 0 s after a silent start, and may invent words in a pause.
        vad_filter=True,
        beam_size=5,
    )
    words: list[RecognisedWord] = []
    texts: list[str] = []
    for segment in segments:
        texts.append(segment.text.strip())
        for word in segment.words or ():
            text = word.word.strip()
            if text:
                start = max(round(word.start * 1000), 0)
                words.append(RecognisedWord(text, start, max(round(word.end * 1000), start)))
    return Transcription(
        text=" ".join(text for text in texts if text),
        language=info.language,
        duration_ms=round(len(samples) * 1000 / SAMPLE_RATE),
        words=tuple(words),
    )


@contextlib.contextmanager
def queue_slot(user_id: object) -> Iterator[None]:
    """Hold one of the user's places in this worker's recognition queue while it lasts.

    Counted per worker process, like the pool itself.

    Args:
        user_id: The user whose answer waits.

    Raises:
        TooManyQueuedError: The user has `MAX_QUEUED_PER_USER` answers queued already.
    """
    key = str(user_id)
    with _queued_lock:
        if _queued[key] >= MAX_QUEUED_PER_USER:
            raise TooManyQueuedError()
        _queued[key] += 1
    try:
        yield
    finally:
        with _queued_lock:
            _queued[key] -= 1
            if _queued[key] <= 0:
                del _queued[key]


def _executor(settings: Settings) -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(
                max_workers=settings.speech_max_concurrent, thread_name_prefix="speech"
            )
        return _pool


async def transcribe_wav(
    data: bytes, *, settings: Settings, interview_language: str | None = None
) -> Transcription:
    """Recognise the browser's WAV recording in the bounded pool, off the event loop.

    Args:
        data: The WAV file (`read_wav`).
        settings: The installation's settings.
        interview_language: The interview's language code, recognised when
            `WHISPER_LANGUAGE` is unset (the setting wins: an operator who names a
            language means it); None: `WHISPER_LANGUAGE`, else detected.

    Returns:
        The transcription.

    Raises:
        NotAudioError: The recording is not one the app reads, or too long.
        SpeechUnavailableError: The package or the model is missing.
    """
    loop = asyncio.get_running_loop()

    def work() -> Transcription:
        samples = read_wav(data, max_seconds=settings.speech_max_seconds)
        return transcribe_samples(
            samples, settings=settings, language=settings.whisper_language or interview_language
        )

    return await loop.run_in_executor(_executor(settings), work)
