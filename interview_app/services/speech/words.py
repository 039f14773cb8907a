"""Recognised words with their times, and the delivery measured from them (pure).

The speech domain's names for what lives lower down: a word and its stored JSON form
belong to the transcript kernel (`transcript_entry`), since a transcript entry carries its
words, and the delivery measured from them to `delivery.spoken`, since the delivery
metrics of a whole interview read them too.
"""

from __future__ import annotations

from interview_app.services.delivery.spoken import (
    LONG_PAUSE_MS,
    PAUSE_MS,
    SpokenDelivery,
    spoken_delivery,
)
from interview_app.services.transcript_entry import (
    MAX_WORDS,
    RecognisedWord,
    words_from_json,
    words_to_json,
)

__all__ = [
    "LONG_PAUSE_MS",
    "MAX_WORDS",
    "PAUSE_MS",
    "RecognisedWord",
    "SpokenDelivery",
    "spoken_delivery",
    "words_from_json",
    "words_to_json",
]
