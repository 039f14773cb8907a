"""Delivery measured from the words a speech recogniser heard and their times (pure).

The figures a coach reads off a recording: pace over the time spent speaking (from the
first word to the last, so the silence before the first word and after the last does not
slow it), the silences between words, when the first word came, and the fillers said.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from interview_app.services.delivery.lexicon import UNSPACED_LANGUAGES, count_fillers_in, tokens
from interview_app.services.transcript_entry import RecognisedWord

# A silence longer than this between two words reads as a pause; longer than the second,
# as a long one (the candidate lost the thread, or is thinking hard).
PAUSE_MS = 1_000
LONG_PAUSE_MS = 3_000


@dataclass(frozen=True, slots=True)
class SpokenDelivery:
    """How an answer was spoken, from its recognised words.

    Attributes:
        words: Words recognised.
        speaking_ms: From the first word's start to the last word's end.
        words_per_minute: Words over `speaking_ms`; None without words or time, and for a
            language written without spaces (Whisper's "words" there are pieces of text).
        pauses_over_1s: Silences between two words longer than `PAUSE_MS`.
        pauses_over_3s: Those of them longer than `LONG_PAUSE_MS`.
        longest_pause_ms: The longest silence between two words (0 for fewer than two).
        first_word_ms: When the first word began, on the words' clock.
        fillers: Filler words and phrases ("um", "you know", "äh", "euh", ...), counted by
            the same rules as typed answers; None where the language's fillers are not
            measured.
    """

    words: int
    speaking_ms: int
    words_per_minute: float | None
    pauses_over_1s: int
    pauses_over_3s: int
    longest_pause_ms: int
    first_word_ms: int | None
    fillers: int | None


def spoken_delivery(words: Sequence[RecognisedWord], language: str = "en") -> SpokenDelivery:
    """Measure an answer's delivery from its recognised words.

    Args:
        words: The words in the order spoken, with their times.
        language: The interview language's ISO 639-1 code (which fillers count, and
            whether words can be counted).

    Returns:
        Pace, pauses, time of the first word and fillers.
    """
    ordered = sorted(words, key=lambda word: (word.start_ms, word.end_ms))
    if not ordered:
        return SpokenDelivery(0, 0, None, 0, 0, 0, None, count_fillers_in([], language))
    speaking_ms = max(max(word.end_ms for word in ordered) - ordered[0].start_ms, 0)
    # A word that starts before the previous one ended overlaps it: no silence there.
    gaps = [
        max(current.start_ms - previous.end_ms, 0)
        for previous, current in itertools.pairwise(ordered)
    ]
    paced = speaking_ms and language not in UNSPACED_LANGUAGES
    return SpokenDelivery(
        words=len(ordered),
        speaking_ms=speaking_ms,
        words_per_minute=round(len(ordered) * 60_000 / speaking_ms, 1) if paced else None,
        pauses_over_1s=sum(gap > PAUSE_MS for gap in gaps),
        pauses_over_3s=sum(gap > LONG_PAUSE_MS for gap in gaps),
        longest_pause_ms=max(gaps, default=0),
        first_word_ms=ordered[0].start_ms,
        fillers=count_fillers_in(tokens(" ".join(word.word for word in ordered)), language),
    )
