"""A transcript on a page: speaker bubbles, consecutive messages of one speaker grouped.

The rendering is `LiveTranscript` of `assets/call_kit.jsx`, the same one the call screens
use, in plain React (a 1,500-message transcript shows well under a second). Rows are plain
dataclasses built from `services.transcripts.TranscriptEntry`, so any state can hold them
in a public var.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import reflex as rx

from interview_app.services.transcripts import TranscriptEntry, format_offset


@dataclasses.dataclass
class TranscriptMessageRow:
    """One message as the browser sees it.

    Attributes:
        id: Its position, as a key.
        speaker: `interviewer` or `interviewee`.
        text: What was said.
        at: When, from the call's start (`MM:SS`).
        emotions: The interviewee's strongest expressed emotions, as (name, score) pairs.
    """

    id: str = ""
    speaker: str = ""
    text: str = ""
    at: str = ""
    emotions: list[tuple[str, float]] = dataclasses.field(default_factory=list)


def transcript_rows(entries: Sequence[TranscriptEntry]) -> list[TranscriptMessageRow]:
    """Turn a transcript into rows for display.

    Args:
        entries: The messages in order.

    Returns:
        One row per message; the component groups consecutive ones.
    """
    return [
        TranscriptMessageRow(
            id=str(position),
            speaker=entry.speaker,
            text=entry.text,
            at=format_offset(entry.start_ms),
            emotions=list((entry.emotions or {}).items()) if entry.speaker == "interviewee" else [],
        )
        for position, entry in enumerate(entries)
    ]


class LiveTranscript(rx.Component):
    """`LiveTranscript` of assets/call_kit.jsx."""

    library = "$/public/call_kit.jsx"
    tag = "LiveTranscript"

    messages: rx.Var[list[TranscriptMessageRow]]
    live: rx.Var[bool]


def transcript_view(
    messages: rx.Var[list[TranscriptMessageRow]], *, live: bool = False
) -> rx.Component:
    """Render transcript rows as grouped speaker bubbles with `transcript-message` hooks.

    Args:
        messages: The rows.
        live: True for a call under way (a scrolling box that follows the newest message).

    Returns:
        The transcript.
    """
    return LiveTranscript.create(messages=messages, live=live)
