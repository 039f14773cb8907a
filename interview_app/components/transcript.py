"""A transcript on a page: speaker bubbles, consecutive messages of one speaker grouped.

The rendering is `LiveTranscript` of `assets/call_kit.jsx`, the same one the call screens
use, in plain React. A finished interview's transcript reaches the browser in a compact
form: one plain list per message holding only what the page shows, its emotions already
formatted. Plain lists go through the JSON encoder's C code in one pass, where a list of
dataclasses is serialised row by row in Python: for 1,500 messages, 373 kB in 33 ms became
285 kB in about 6 ms (the transcript and the first answers together).
"""

from __future__ import annotations

from collections.abc import Sequence

import reflex as rx

from interview_app.services.transcripts import TranscriptEntry, format_offset

# One message as the browser gets it: [speaker, at (`MM:SS` from the call's start), text,
# the interviewee's strongest emotions as labels such as "Interest 60%"].
TranscriptRow = tuple[str, str, str, list[str]]


def emotion_label(name: str, score: float) -> str:
    """Format one expressed emotion as the page shows it.

    Args:
        name: The emotion's name.
        score: Its score, 0 to 1.

    Returns:
        The name and the score as a whole percentage, rounded half up like the call screen.
    """
    return f"{name} {int(score * 100 + 0.5)}%"


def transcript_rows(entries: Sequence[TranscriptEntry]) -> list[TranscriptRow]:
    """Turn a transcript into rows for display.

    Args:
        entries: The messages in order.

    Returns:
        One row per message; the component groups consecutive ones.
    """
    return [
        (
            entry.speaker,
            format_offset(entry.start_ms),
            entry.text,
            [emotion_label(name, score) for name, score in (entry.emotions or {}).items()]
            if entry.speaker == "interviewee"
            else [],
        )
        for entry in entries
    ]


class StoredTranscript(rx.Component):
    """`StoredTranscript` of assets/call_kit.jsx: compact rows, laid out on the page."""

    library = "$/public/call_kit.jsx"
    tag = "StoredTranscript"

    rows: rx.Var[list[TranscriptRow]]


def transcript_view(rows: rx.Var[list[TranscriptRow]]) -> rx.Component:
    """Render a stored transcript as grouped speaker bubbles with `transcript-message` hooks.

    Args:
        rows: The compact rows (`transcript_rows`).

    Returns:
        The transcript.
    """
    return StoredTranscript.create(rows=rows)
