import pytest

from interview_app.services.delivery.metrics import (
    compute_metrics,
    count_fillers,
    count_words,
    delivery_facts,
    format_clock,
    metrics_as_facts,
    star_parts,
)
from interview_app.services.transcript_entry import TranscriptEntry


def q(text: str, start: int, end: int | None = None) -> TranscriptEntry:
    return TranscriptEntry(speaker="interviewer", text=text, start_ms=start, end_ms=end)


def a(text: str, start: int, end: int | None = None, spoken: bool = True) -> TranscriptEntry:
    return TranscriptEntry(
        speaker="interviewee", text=text, start_ms=start, end_ms=end, spoken=spoken
    )


STAR_ANSWER = (
    "In my last role we had a slow release process. My goal was to cut the build time. "
    "I decided to cache the dependencies and then I split the test suite. "
    "As a result we reduced the build from 40 to 12 minutes."
)


def test_words_per_minute_latency_and_length_of_a_spoken_answer():
    # 30 words over 12 s = 150 wpm; the question ended at 5 s and the answer began at 7 s.
    metrics = compute_metrics([q("Tell me about you.", 0, 5_000), a("word " * 30, 7_000, 19_000)])
    (answer,) = metrics.answers
    assert (answer.words, answer.seconds, answer.words_per_minute) == (30, 12.0, 150.0)
    assert answer.latency_seconds == 2.0
    assert answer.question == "Tell me about you."
    assert metrics.words_per_minute == 150.0
    assert metrics.median_latency_seconds == 2.0


def test_typed_answers_have_no_speaking_pace():
    metrics = compute_metrics([q("Q", 0, 1_000), a("word " * 30, 2_000, 20_000, spoken=False)])
    assert metrics.answers[0].words_per_minute is None
    assert metrics.answers[0].seconds == 18.0
    assert metrics.words_per_minute is None


def test_empty_answer_counts_as_zero_words_without_dividing_by_zero():
    metrics = compute_metrics([q("Q1", 0, 1_000), a("   ", 2_000, 2_000)])
    (answer,) = metrics.answers
    assert (answer.words, answer.fillers_per_100_words, answer.words_per_minute) == (0, 0.0, None)
    assert metrics.longest_answer is None
    assert metrics.fillers_per_100_words == 0.0


def test_a_single_word_answer():
    metrics = compute_metrics([q("Ready?", 0, 1_000), a("Yes", 1_500, 1_900)])
    (answer,) = metrics.answers
    assert answer.words == 1
    # Under three seconds is too short to say anything about pace.
    assert answer.words_per_minute is None
    assert answer.star_parts == ()
    assert metrics.longest_answer == 0


def test_speaking_over_the_question_is_zero_latency():
    metrics = compute_metrics([q("Long question", 0, 6_000), a("Sure, so " * 5, 4_000, 9_000)])
    assert metrics.answers[0].latency_seconds == 0.0


def test_unknown_question_end_measures_from_its_start():
    metrics = compute_metrics([q("Q", 1_000), a("answer", 3_500, 5_000)])
    assert metrics.answers[0].latency_seconds == 2.5
    assert metrics.talk_ratio_basis == "words"


def test_consecutive_messages_of_one_speaker_are_one_turn():
    metrics = compute_metrics(
        [
            q("First part.", 0, 1_000),
            q("Second part?", 1_000, 2_000),
            a("One two", 3_000, 4_000),
            a("three four five", 4_000, 6_000),
        ]
    )
    assert metrics.questions_asked == 1
    (answer,) = metrics.answers
    assert answer.question == "First part. Second part?"
    assert (answer.words, answer.seconds, answer.latency_seconds) == (5, 3.0, 1.0)


def test_fillers_per_hundred_words():
    assert count_fillers("Um, I, like, basically did it, you know. Uh.") == 5
    # "like" as a verb or a preposition is not a filler.
    assert count_fillers("I like Go and tools like Rust.") == 0
    metrics = compute_metrics([q("Q", 0, 1_000), a("um " + "word " * 19, 2_000, 10_000)])
    assert metrics.answers[0].fillers_per_100_words == 5.0


def test_star_parts_of_an_answer():
    assert star_parts(STAR_ANSWER) == ("situation", "task", "action", "result")
    assert star_parts("I decided to rewrite it.") == ("action",)
    assert star_parts("") == ()


def test_talk_ratio_longest_answer_and_key_term_coverage():
    metrics = compute_metrics(
        [
            q("Q1", 0, 10_000),
            a("I used Python and Terraform daily.", 11_000, 41_000),
            q("Q2", 42_000, 52_000),
            a("Short.", 53_000, 63_000),
        ],
        key_terms=["Python", "Terraform", "Kubernetes", "Go"],
    )
    # 40 s of answers against 20 s of questions.
    assert metrics.talk_ratio == pytest.approx(40 / 60)
    assert metrics.talk_ratio_basis == "time"
    assert metrics.longest_answer == 0
    assert metrics.key_terms_covered == ["Python", "Terraform"]
    assert metrics.coverage == 0.5


def test_overlapping_times_never_give_negative_figures():
    metrics = compute_metrics(
        [q("Q", 5_000, 9_000), a("answer given early", 2_000, 1_000 + 2_000), q("Q2", 1_000, 500)]
    )
    answer = metrics.answers[0]
    assert answer.latency_seconds == 0.0
    assert answer.seconds is not None and answer.seconds >= 0
    assert metrics.talk_ratio is None or 0 <= metrics.talk_ratio <= 1


def test_no_transcript_gives_empty_metrics():
    metrics = compute_metrics([], key_terms=["Python"])
    assert metrics.answers == [] and metrics.talk_ratio is None
    assert metrics.coverage == 0.0
    assert metrics.star_completeness == 0.0


def test_facts_for_the_feedback_prompt_state_figures_with_norms():
    metrics = compute_metrics(
        [q("Q", 0, 5_000), a("word " * 30, 7_000, 19_000)], key_terms=["Python"]
    )
    facts = "\n".join(metrics_as_facts(metrics))
    assert "150 words per minute" in facts and "110 to 150" in facts
    assert "Median pause before answering: 2.0 s" in facts
    assert "0 of 1" in facts and "not mentioned: Python" in facts
    assert "Answer 1 (at 00:07): 30 words, 12 s, 150 wpm" in facts


def test_helpers():
    assert count_words("I'm here, don't worry.") == 4
    assert format_clock(65_000) == "01:05"
    assert format_clock(3_725_000) == "1:02:05"


def test_delivery_facts_name_the_jobs_key_terms():
    facts = delivery_facts(
        transcript=[q("Q", 0, 5_000), a("I used Terraform.", 7_000, 10_000)],
        job_description="Experience with Terraform and Kafka.",
    )
    assert "Job key terms mentioned: 1 of 2 (Terraform); not mentioned: Kafka." in facts
