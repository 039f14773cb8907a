"""Delivery of spoken answers measured from their recognised words' times."""

from __future__ import annotations

from interview_app.services.delivery.metrics import compute_metrics, metrics_as_facts
from interview_app.services.transcript_entry import RecognisedWord, TranscriptEntry


def w(word: str, start: int, end: int) -> RecognisedWord:
    return RecognisedWord(word=word, start_ms=start, end_ms=end)


QUESTION = TranscriptEntry("interviewer", "Tell me about a time you fixed something.", 0, 4_000)
# Ten words over 9 s of speaking (10.0 s to 19.0 s), with a 1.5 s and a 3.5 s silence.
WORDS = (
    w("Umm,", 10_000, 10_400),
    w("I", 10_500, 10_600),
    w("rewrote", 10_600, 11_000),
    w("the", 12_500, 12_600),
    w("pipeline.", 12_600, 13_000),
    w("Uh,", 16_500, 16_800),
    w("it", 16_900, 17_000),
    w("got", 17_000, 17_500),
    w("much", 17_500, 18_000),
    w("faster.", 18_000, 19_000),
)


def spoken(text: str, words: tuple[RecognisedWord, ...] | None) -> TranscriptEntry:
    # The answer box was open from 8 s to 21 s; the words say when speech happened.
    return TranscriptEntry("interviewee", text, 10_000, 21_000, words=words)


def test_a_spoken_answer_is_measured_from_its_word_timings() -> None:
    text = "Umm, I rewrote the pipeline. Uh, it got much faster."
    answer = compute_metrics([QUESTION, spoken(text, WORDS)]).answers[0]
    assert answer.word_timings and answer.spoken
    assert answer.speaking_seconds == 9.0
    # Ten words over 9 s of speaking, not over the 11 s the answer lasted.
    assert answer.words_per_minute == 66.7
    assert (answer.pauses_over_1s, answer.pauses_over_3s) == (2, 1)
    assert answer.longest_pause_ms == 3_500
    # From the end of the question to the first recognised word.
    assert answer.latency_seconds == 6.0
    assert answer.fillers == 2


def test_fillers_are_the_ones_said_even_when_the_text_was_tidied() -> None:
    answer = compute_metrics([QUESTION, spoken("I rewrote the pipeline.", WORDS)]).answers[0]
    assert answer.fillers == 2


def test_without_words_an_answer_keeps_the_rules_of_its_text() -> None:
    typed = TranscriptEntry(
        "interviewee", "I rewrote it, um, quickly.", 10_000, 21_000, spoken=False
    )
    answer = compute_metrics([QUESTION, typed]).answers[0]
    assert not answer.word_timings and answer.words_per_minute is None
    assert answer.latency_seconds is None and answer.pauses_over_1s is None
    assert answer.fillers == 1
    heard = compute_metrics([QUESTION, spoken("I rewrote the whole pipeline.", None)])
    assert heard.answers[0].words_per_minute == round(5 / 11 * 60, 1)
    assert heard.pauses_over_1s is None and heard.longest_pause_ms is None


def test_an_answer_split_over_messages_joins_their_words() -> None:
    first = TranscriptEntry("interviewee", "Umm, I rewrote", 10_000, 11_000, words=WORDS[:3])
    second = TranscriptEntry("interviewee", "the pipeline.", 12_500, 13_000, words=WORDS[3:5])
    metrics = compute_metrics([QUESTION, first, second])
    assert metrics.answers[0].pauses_over_1s == 1 and metrics.pauses_over_1s == 1
    # A part without words (typed on) leaves the answer to its text's rules.
    typed_on = TranscriptEntry("interviewee", "And more.", 14_000, 15_000)
    assert not compute_metrics([QUESTION, first, typed_on]).answers[0].word_timings


def test_interview_figures_add_up_the_timed_answers_and_the_facts_say_so() -> None:
    later = tuple(w(x.word, x.start_ms + 30_000, x.end_ms + 30_000) for x in WORDS)
    metrics = compute_metrics(
        [
            QUESTION,
            spoken("Umm, I rewrote the pipeline. Uh, it got much faster.", WORDS),
            TranscriptEntry("interviewer", "And then?", 35_000, 38_000),
            TranscriptEntry("interviewee", "x", 40_000, 51_000, words=later),
        ]
    )
    assert metrics.words_per_minute == 66.7
    assert (metrics.pauses_over_1s, metrics.pauses_over_3s) == (4, 2)
    assert metrics.longest_pause_ms == 3_500
    assert metrics.median_latency_seconds == 4.0
    facts = metrics_as_facts(metrics)
    assert any("4 over 1 s, 2 over 3 s, the longest 3.5 s" in fact for fact in facts)


def test_a_language_without_a_filler_list_says_so_in_the_facts() -> None:
    metrics = compute_metrics([QUESTION, spoken("Eu reescrevi o pipeline.", WORDS)], language="pt")
    assert metrics.answers[0].fillers is None
    assert "Filler words and hedges: not measured in Portuguese." in metrics_as_facts(metrics)
