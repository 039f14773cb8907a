"""Fillers and hedges per interview language, measured on held-out answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interview_app.services.delivery.metrics import (
    compute_metrics,
    count_fillers,
    count_hedges,
    count_words,
)
from interview_app.services.transcript_entry import TranscriptEntry

HELD_OUT = json.loads(
    (Path(__file__).parent.parent / "fixtures" / "fillers_hedges.json").read_text("utf-8")
)
MEASURED = ("en", "de", "fr", "es")


def _agreement(answers: list[dict[str, object]], language: str, kind: str) -> tuple[float, float]:
    """Precision and recall of one counter over one language's answers."""
    count = count_fillers if kind == "fillers" else count_hedges
    expected = counted = matched = 0
    for answer in answers:
        wanted = int(str(answer[kind]))
        found = count(str(answer["text"]), language) or 0
        expected += wanted
        counted += found
        matched += min(found, wanted)
    return matched / counted, matched / expected


@pytest.mark.parametrize("language", MEASURED)
@pytest.mark.parametrize("kind", ["fillers", "hedges"])
def test_answers_are_counted_as_a_coach_would(language: str, kind: str) -> None:
    # Held out (never used to change a rule), when the lists were written: precision and
    # recall 1.00 but English fillers 0.83/1.00 ("sort of" softening a claim counts as a
    # filler too), English hedges 1.00/0.80 ("I would say" is not listed) and German
    # fillers 0.80/0.80 ("eigentlich" is not listed; "zum Halt" is a noun, counted).
    tuning = _agreement(HELD_OUT["tuning"][language], language, kind)
    held_out = _agreement(HELD_OUT["held_out"][language], language, kind)
    assert min(tuning) >= 0.9, tuning
    assert min(held_out) >= 0.8, held_out


def test_an_ordinary_word_counts_only_where_it_is_a_filler() -> None:
    assert count_fillers("Ich habe also entschieden, zu testen.", "de") == 0
    assert count_fillers("Also, ich habe entschieden. Äh, also gut.", "de") == 3
    assert count_fillers("Este proyecto fue difícil. Este... bueno, sí.", "es") == 2
    assert count_fillers("Ce genre de projet. C'était, genre, énorme.", "fr") == 1
    assert count_fillers("J'ai eu la responsabilité.", "fr") == 0
    assert count_fillers("It was, like, huge; he was like, why?", "en") == 2


def test_maybe_and_can_be_are_told_apart_in_french() -> None:
    assert count_hedges("Cela peut-être.", "fr") == 1
    assert count_hedges("Cela peut être difficile.", "fr") == 0


@pytest.mark.parametrize("language", ["pt", "it", "nl", "pl", "hi", "ja"])
def test_languages_without_a_list_say_fillers_are_not_measured(language: str) -> None:
    assert count_fillers("um, uh, basically", language) is None
    assert count_hedges("maybe I think", language) is None
    metrics = compute_metrics(
        [
            TranscriptEntry("interviewer", "Pergunta?", 0, 1_000),
            TranscriptEntry("interviewee", "Eu liderei o projeto de migração.", 2_000, 6_000),
        ],
        language=language,
    )
    answer = metrics.answers[0]
    assert answer.fillers is None and answer.fillers_per_100_words is None
    assert answer.hedges is None and metrics.fillers_per_100_words is None
    assert metrics.language == language
    # Lengths and latency are still measured.
    assert answer.words > 0 and answer.latency_seconds == 1.0


def test_japanese_is_counted_in_characters_and_has_no_pace() -> None:
    answer = "私はチームを率いて、Pythonで移行を終えました。"
    assert count_words(answer, "ja") == 19
    metrics = compute_metrics(
        [
            TranscriptEntry("interviewer", "質問", 0, 1_000),
            TranscriptEntry("interviewee", answer, 2_000, 12_000),
        ],
        language="ja",
    )
    assert metrics.answers[0].words == 19 and metrics.length_unit == "characters"
    assert metrics.answers[0].words_per_minute is None and metrics.words_per_minute is None


def test_hindi_words_are_not_split_at_vowel_signs() -> None:
    assert count_words("मैंने टीम का नेतृत्व किया।", "hi") == 5


def test_an_unknown_language_reads_as_english() -> None:
    assert count_fillers("um, you know", "xx") == 2
    assert compute_metrics([], language="EN-gb").language == "en"
