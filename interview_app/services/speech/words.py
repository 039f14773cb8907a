"""Recognised words with their times, and the delivery measured from them (pure).

Times are milliseconds from the start of the recording. The figures are those a coach
reads off a recording: pace over the time spent speaking, the silences between words, how
long the candidate took to say the first word, and the fillers they said.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass

from interview_app.services.delivery.metrics import count_fillers

# A silence longer than this between two words reads as a pause; longer than the second,
# as a long one (the candidate lost the thread, or is thinking hard).
PAUSE_MS = 1_000
LONG_PAUSE_MS = 3_000
# A stored list holds no more words than a spoken answer of the longest recording could.
MAX_WORDS = 5_000


@dataclass(frozen=True, slots=True)
class RecognisedWord:
    """One word as the recogniser heard it (with its punctuation, as Whisper writes it)."""

    word: str
    start_ms: int
    end_ms: int


@dataclass(frozen=True, slots=True)
class SpokenDelivery:
    """How an answer was spoken, from its recognised words.

    Attributes:
        words: Words recognised.
        speaking_ms: From the first word's start to the last word's end.
        words_per_minute: Words over `speaking_ms`; None without words or time.
        pauses_over_1s: Silences between two words longer than `PAUSE_MS`.
        pauses_over_3s: Those of them longer than `LONG_PAUSE_MS`.
        longest_pause_ms: The longest silence between two words (0 for fewer than two).
        first_word_ms: When the first word began, from the start of the recording.
        fillers: Filler words and phrases ("um", "you know", ...), counted by the same rule
            as typed answers.
    """

    words: int
    speaking_ms: int
    words_per_minute: float | None
    pauses_over_1s: int
    pauses_over_3s: int
    longest_pause_ms: int
    first_word_ms: int | None
    fillers: int


def spoken_delivery(words: Sequence[RecognisedWord]) -> SpokenDelivery:
    """Measure an answer's delivery from its recognised words.

    Args:
        words: The words in the order spoken, times from the start of the recording.

    Returns:
        Pace, pauses, time to the first word and fillers.
    """
    ordered = sorted(words, key=lambda word: (word.start_ms, word.end_ms))
    if not ordered:
        return SpokenDelivery(0, 0, None, 0, 0, 0, None, 0)
    speaking_ms = max(max(word.end_ms for word in ordered) - ordered[0].start_ms, 0)
    # A word that starts before the previous one ended overlaps it: no silence there.
    gaps = [
        max(current.start_ms - previous.end_ms, 0)
        for previous, current in itertools.pairwise(ordered)
    ]
    return SpokenDelivery(
        words=len(ordered),
        speaking_ms=speaking_ms,
        words_per_minute=round(len(ordered) * 60_000 / speaking_ms, 1) if speaking_ms else None,
        pauses_over_1s=sum(gap > PAUSE_MS for gap in gaps),
        pauses_over_3s=sum(gap > LONG_PAUSE_MS for gap in gaps),
        longest_pause_ms=max(gaps, default=0),
        first_word_ms=ordered[0].start_ms,
        fillers=count_fillers(" ".join(word.word for word in ordered)),
    )


def words_to_json(words: Sequence[RecognisedWord]) -> str:
    """Return words as the JSON list stored with an answer.

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
        The words; empty for None or for text that is not a JSON list.
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
