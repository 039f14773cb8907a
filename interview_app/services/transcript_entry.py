"""The one normalised transcript form every domain shares (SPEC §6).

Every voice provider ends with a list of `TranscriptEntry`, and pages, delivery metrics and
feedback read only that. It sits in the shared kernel, beside `errors`, because the voice
providers below the interview lifecycle and the transcript storage above it both speak it.
Pure: importing it loads no database layer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

Speaker = Literal["interviewer", "interviewee"]
SPEAKERS: tuple[Speaker, ...] = ("interviewer", "interviewee")
SPEAKER_NAMES = {"interviewer": "Interviewer", "interviewee": "You"}
TOP_EMOTIONS_KEPT = 3


@dataclass(frozen=True, slots=True)
class TranscriptEntry:
    """One message of a transcript, whichever provider held the interview.

    Attributes:
        speaker: `interviewer` or `interviewee`.
        text: What was said (or typed).
        start_ms: When it started, in milliseconds since the call started.
        end_ms: When it ended, when the provider knows it.
        emotions: The interviewee's strongest expressed emotions (name -> score), or None.
        spoken: False for an answer that was typed rather than spoken.
    """

    speaker: Speaker
    text: str
    start_ms: int
    end_ms: int | None = None
    emotions: Mapping[str, float] | None = None
    spoken: bool = True


def top_emotions(
    scores: Mapping[str, float] | None, limit: int = TOP_EMOTIONS_KEPT
) -> dict[str, float] | None:
    """Keep the strongest expressed emotions of a message, strongest first.

    Args:
        scores: Emotion name -> score (e.g. Hume's 48 prosody scores), or None.
        limit: How many to keep.

    Returns:
        The `limit` highest scores, or None when there were none.
    """
    if not scores:
        return None
    strongest = sorted(scores.items(), key=lambda item: item[1], reverse=True)[:limit]
    return dict(strongest)


def group_consecutive(entries: Sequence[TranscriptEntry]) -> list[list[TranscriptEntry]]:
    """Group consecutive messages of one speaker, for display (SPEC §6).

    Args:
        entries: The messages in order.

    Returns:
        Runs of messages, each run from one speaker.
    """
    groups: list[list[TranscriptEntry]] = []
    for entry in entries:
        if groups and groups[-1][0].speaker == entry.speaker:
            groups[-1].append(entry)
        else:
            groups.append([entry])
    return groups


def format_offset(milliseconds: int) -> str:
    """Format an offset from the call's start as `MM:SS` (or `H:MM:SS` past an hour).

    Args:
        milliseconds: The offset.

    Returns:
        The formatted offset.
    """
    seconds = max(0, milliseconds) // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}"
