"""The one normalised transcript form every domain shares (SPEC §6).

Every voice provider ends with a list of `TranscriptEntry`, and pages, delivery metrics and
feedback read only that. It sits in the shared kernel, beside `errors`, because the voice
providers below the interview lifecycle and the transcript storage above it both speak it.
Pure: importing it loads no database layer.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

Speaker = Literal["interviewer", "interviewee"]
SPEAKERS: tuple[Speaker, ...] = ("interviewer", "interviewee")
SPEAKER_NAMES = {"interviewer": "Interviewer", "interviewee": "You"}
TOP_EMOTIONS_KEPT = 3
# The size caps of one interview's transcript, whichever provider held it: a browser's
# report over them is refused whole (`services.transcripts.browser`), a provider's history
# is cut to them when stored (`fit_transcript`), so that pages, exports and the feedback
# prompt stay bounded however long a chat history claims to be.
MAX_MESSAGES = 1_000
MAX_MESSAGE_CHARS = 5_000
MAX_TOTAL_CHARS = 200_000
# `transcript_messages.start_ms/end_ms` are INTEGER columns: 32-bit signed on PostgreSQL.
MAX_STORED_OFFSET_MS = 2**31 - 1
# A stored list holds no more words than a spoken answer of the longest recording could.
MAX_WORDS = 5_000


@dataclass(frozen=True, slots=True)
class RecognisedWord:
    """One word as the server's speech recogniser heard it.

    Attributes:
        word: The word, with its punctuation as Whisper writes it ("Umm,").
        start_ms: When it began, in milliseconds (from the start of its recording, or on
            the interview's clock once it is part of a transcript).
        end_ms: When it ended, on the same clock.
    """

    word: str
    start_ms: int
    end_ms: int


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
        words: A spoken answer's words as our server recognised them, with their times on
            the interview's clock (as `start_ms`); None when no words were recognised here
            (typed, or heard by a provider), and then delivery is measured from the text.
    """

    speaker: Speaker
    text: str
    start_ms: int
    end_ms: int | None = None
    emotions: Mapping[str, float] | None = None
    spoken: bool = True
    words: tuple[RecognisedWord, ...] | None = None


@dataclass(frozen=True, slots=True)
class FittedTranscript:
    """A transcript cut to the caps, and whether anything had to be cut.

    Attributes:
        entries: The messages that fit, in order.
        cut: True when messages or text were left out to fit the caps.
    """

    entries: list[TranscriptEntry]
    cut: bool


def words_to_json(words: Sequence[RecognisedWord]) -> str:
    """Return words as the JSON list stored with an answer or a transcript message.

    Args:
        words: The recognised words.

    Returns:
        `[{"word": ..., "start_ms": ..., "end_ms": ...}, ...]`.
    """
    return json.dumps(
        [{"word": w.word, "start_ms": w.start_ms, "end_ms": w.end_ms} for w in words],
        ensure_ascii=False,
    )


def words_from_json(text: str | None) -> list[RecognisedWord]:
    """Read words stored by `words_to_json`, skipping any entry that is not one.

    Args:
        text: The stored JSON, or None for an answer with no recognised words.

    Returns:
        The words (at most `MAX_WORDS`); empty for None or for text that is not a JSON list.
    """
    if not text:
        return []
    try:
        items = json.loads(text)
    except ValueError:
        return []
    if not isinstance(items, list):
        return []
    words: list[RecognisedWord] = []
    for item in items[:MAX_WORDS]:
        if not isinstance(item, dict):
            continue
        word, start, end = item.get("word"), item.get("start_ms"), item.get("end_ms")
        if isinstance(word, str) and _is_ms(start) and _is_ms(end) and start <= end:
            words.append(RecognisedWord(word=word, start_ms=start, end_ms=end))
    return words


def _is_ms(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def storable_text(text: str) -> str:
    """Drop what a database text column refuses: NUL characters and lone surrogates.

    PostgreSQL's `text` holds no NUL, and a lone surrogate (half of a pair escaped in JSON)
    cannot be encoded as UTF-8; either would fail the whole transcript's transaction.

    Args:
        text: The text as it arrived.

    Returns:
        The text without NULs, each lone surrogate replaced by `?`.
    """
    text = text.replace("\x00", "")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")
    return text


def _storable_offset(milliseconds: int) -> int:
    return min(max(0, milliseconds), MAX_STORED_OFFSET_MS)


def fit_transcript(entries: Sequence[TranscriptEntry]) -> FittedTranscript:
    """Keep what fits the caps: the first `MAX_MESSAGES`, text cut at the character budget.

    Each message keeps at most `MAX_MESSAGE_CHARS` characters and all of them together at
    most `MAX_TOTAL_CHARS`; the message that crosses the budget is cut there and the rest
    are left out. Text is made storable (`storable_text`) and offsets are clamped to what
    the database holds, so no entry can fail the transaction that stores it.

    Args:
        entries: The messages, in order.

    Returns:
        The messages that fit, and whether anything was cut.
    """
    kept: list[TranscriptEntry] = []
    budget = MAX_TOTAL_CHARS
    cut = len(entries) > MAX_MESSAGES
    for entry in entries[:MAX_MESSAGES]:
        text = storable_text(entry.text)
        if not text.strip():
            continue  # nothing to read once made storable
        if budget <= 0:
            cut = True
            break
        allowed = min(MAX_MESSAGE_CHARS, budget)
        if len(text) > allowed:
            text, cut = text[:allowed], True
            if not text.strip():
                # The cut left nothing to read; the messages after it are left out all the
                # same, or a later one would stand where this one was.
                break
        budget -= len(text)
        start_ms = _storable_offset(entry.start_ms)
        end_ms = None if entry.end_ms is None else max(start_ms, _storable_offset(entry.end_ms))
        if (text, start_ms, end_ms) != (entry.text, entry.start_ms, entry.end_ms):
            entry = replace(entry, text=text, start_ms=start_ms, end_ms=end_ms)
        kept.append(entry)
    return FittedTranscript(kept, cut)


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
