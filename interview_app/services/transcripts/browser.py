"""Transcripts reported by the browser: parsed leniently, bounded, validated like any input."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from interview_app.services.errors import InvalidInputError
from interview_app.services.transcript_entry import (
    MAX_MESSAGE_CHARS,
    MAX_MESSAGES,
    MAX_TOTAL_CHARS,
    SPEAKERS,
    TranscriptEntry,
)

# Two hours: longer than any interview may last (the cap is an hour at most).
MAX_OFFSET_MS = 2 * 60 * 60 * 1000

TRANSCRIPT_FIELD = "transcript"


def _refuse(message: str) -> InvalidInputError:
    return InvalidInputError({TRANSCRIPT_FIELD: message})


def _offset(item: Mapping[str, Any], *names: str) -> int | None:
    for name in names:
        if name in item and item[name] is not None:
            value = item[name]
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise _refuse("A transcript message has a time that is not a number.")
            if value != value or not 0 <= value <= MAX_OFFSET_MS:  # NaN, or out of range
                raise _refuse("A transcript message has a time outside the call.")
            return int(value)
    return None


def parse_reported_transcript(raw: object) -> list[TranscriptEntry]:
    """Turn a transcript sent by the browser into entries, or refuse it whole.

    Each message is an object with `speaker` (`interviewer` | `interviewee`), `text`, and
    `start_ms` (and optionally `end_ms`; camelCase accepted too), in milliseconds since the
    call started. Blank messages are dropped; the rest are ordered by start time.

    Args:
        raw: The decoded JSON the browser sent.

    Returns:
        The entries, in order of their start.

    Raises:
        InvalidInputError: Not a list of well-formed messages, or over the size caps.
    """
    if not isinstance(raw, list):
        raise _refuse("The transcript must be a list of messages.")
    if len(raw) > MAX_MESSAGES:
        raise _refuse(f"The transcript has more than {MAX_MESSAGES} messages.")
    entries: list[TranscriptEntry] = []
    total = 0
    for item in raw:
        if not isinstance(item, Mapping):
            raise _refuse("A transcript message is not an object.")
        speaker, text = item.get("speaker"), item.get("text")
        if speaker not in SPEAKERS:
            raise _refuse("A transcript message has an unknown speaker.")
        if not isinstance(text, str):
            raise _refuse("A transcript message has no text.")
        text = text.strip()
        if len(text) > MAX_MESSAGE_CHARS:
            raise _refuse(f"A transcript message is longer than {MAX_MESSAGE_CHARS} characters.")
        total += len(text)
        if total > MAX_TOTAL_CHARS:
            raise _refuse(f"The transcript is longer than {MAX_TOTAL_CHARS} characters.")
        start_ms = _offset(item, "start_ms", "startMs")
        end_ms = _offset(item, "end_ms", "endMs")
        if start_ms is None:
            raise _refuse("A transcript message has no start time.")
        if end_ms is not None and end_ms < start_ms:
            raise _refuse("A transcript message ends before it starts.")
        if text:
            entries.append(
                TranscriptEntry(speaker=speaker, text=text, start_ms=start_ms, end_ms=end_ms)
            )
    return sorted(entries, key=lambda entry: entry.start_ms)
