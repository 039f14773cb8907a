"""Feedback on a transcript file, without a database (`interview-app review`, SPEC §11).

Teams that tune the feedback run a transcript in the app's own JSON download format (a
`messages` list of `speaker`, `text`, `start_ms`, `end_ms`, and `spoken`, which is false
when absent: typed) through the same generator the app would use, `Generator.generate`,
with the same inputs the app builds (the delivery facts included), and read the report.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from interview_app.config import Settings
from interview_app.services.delivery.metrics import delivery_facts
from interview_app.services.feedback.generators import Generator
from interview_app.services.feedback.prompt import FeedbackInputs
from interview_app.services.feedback.report import FeedbackReport
from interview_app.services.transcript_entry import SPEAKERS, TranscriptEntry

CANDIDATE_NAME = "the candidate"


class TranscriptFileError(ValueError):
    """A transcript file that is not the app's JSON transcript format; says what is wrong."""


def _entry(number: int, message: object) -> TranscriptEntry:
    where = f"message {number}"
    if not isinstance(message, Mapping):
        msg = f"{where} is not an object"
        raise TranscriptFileError(msg)
    speaker, text = message.get("speaker"), message.get("text")
    start, end = message.get("start_ms", 0), message.get("end_ms")
    if speaker not in SPEAKERS:
        msg = f"{where}: speaker must be one of {', '.join(SPEAKERS)}, not {speaker!r}"
        raise TranscriptFileError(msg)
    if not isinstance(text, str):
        msg = f"{where}: text must be a string"
        raise TranscriptFileError(msg)
    if not isinstance(start, int) or (end is not None and not isinstance(end, int)):
        msg = f"{where}: start_ms and end_ms must be whole milliseconds"
        raise TranscriptFileError(msg)
    emotions = message.get("emotions")
    return TranscriptEntry(
        speaker=speaker,
        text=text,
        start_ms=start,
        end_ms=end,
        emotions=emotions if isinstance(emotions, Mapping) else None,
        spoken=message.get("spoken") is True,
    )


def parse_transcript_document(text: str) -> list[TranscriptEntry]:
    """Read a transcript in the app's JSON download format.

    Args:
        text: The file's text: an object with a `messages` list (a bare list of messages
            is read too).

    Returns:
        The messages, in order; a message without `spoken` counts as typed.

    Raises:
        TranscriptFileError: The text is not JSON, or not messages in that format.
    """
    try:
        document: Any = json.loads(text)
    except json.JSONDecodeError as error:
        msg = f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        raise TranscriptFileError(msg) from error
    messages = document.get("messages") if isinstance(document, dict) else document
    if not isinstance(messages, list):
        msg = 'expected an object with a "messages" list'
        raise TranscriptFileError(msg)
    if not messages:
        msg = "the transcript has no messages"
        raise TranscriptFileError(msg)
    return [_entry(number, message) for number, message in enumerate(messages, start=1)]


async def review_transcript(
    *,
    transcript: list[TranscriptEntry],
    job_description: str,
    job_title: str | None,
    experience_level: str,
    generator: Generator,
    settings: Settings,
    language: str = "en",
    resume_text: str = "",
) -> FeedbackReport:
    """Write the feedback on a transcript as the app would, without a database.

    Args:
        transcript: The messages, in order.
        job_description: The job description.
        job_title: The job's title, if any.
        experience_level: `junior`, `mid-level` or `senior`.
        generator: The generator to write it (a row of `GENERATORS`).
        settings: The settings (the `LLM_*` ones for `llm`, the Gemini key for `gemini`).
        language: The interview's language (a code of `services.languages.LANGUAGES`).
        resume_text: The candidate's résumé, to check the answers against; none if empty.

    Returns:
        The report, with a review of every answer and its quotes checked.

    Raises:
        FeedbackError: The generator failed; the message is safe to show.
    """
    inputs = FeedbackInputs(
        candidate_name=CANDIDATE_NAME,
        job_title=job_title or "",
        job_name=job_title or "the job",
        job_description=job_description,
        experience_level=experience_level,
        transcript=transcript,
        facts=delivery_facts(
            transcript=transcript, job_description=job_description, language=language
        ),
        language=language,
        resume_text=resume_text,
    )
    return await generator.generate(inputs, settings)
