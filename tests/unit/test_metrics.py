import pytest

from interview_app.services.delivery.metrics import (
    asked_questions,
    compute_metrics,
    count_fillers,
    count_hedges,
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


# The examples (issue 19, item 3).
LABELLED_STAR = (
    "Situation: our nightly release took two days and often failed. "
    "Task: I had to make releases safe to run every day. "
    "Action: I split the pipeline into stages and added smoke tests. "
    "Result: releases now take 40 minutes and failed releases dropped to zero."
)


def test_an_answer_that_labels_all_four_star_parts_has_all_four():
    assert star_parts(LABELLED_STAR) == ("situation", "task", "action", "result")
    assert star_parts(
        "**Situation** - a legacy app. **Task** - move it. **Action** - I wrote adapters. "
        "**Outcome** - done in three weeks."
    ) == ("situation", "task", "action", "result")


def test_star_parts_are_found_from_content_without_labels():
    parts = star_parts(
        "In 2022 our checkout was slow for every customer. The target was to halve its "
        "latency before the sale. I profiled the service and added a cache. Latency went "
        "from 900 to 300 ms."
    )
    assert parts == ("situation", "task", "action", "result")
    assert star_parts("I then rewrote the importer.") == ("action",)
    assert star_parts("It got 3x faster.") == ("result",)
    assert star_parts("We use Docker and I like it.") == ()


def test_questions_the_candidate_asks_are_found_with_or_without_a_question_mark():
    text = (
        "I'd like to know how the team handles on-call and what the deployment process looks like"
    )
    assert asked_questions(text) == [
        "I'd like to know how the team handles on-call",
        "what the deployment process looks like",
    ]
    assert asked_questions("Do you pair program. How big is the team?") == [
        "Do you pair program.",
        "How big is the team?",
    ]
    assert asked_questions("What I did was migrate the database. How I did it: slowly.") == []
    assert asked_questions("No questions, thanks.") == []


def test_the_candidates_questions_are_gathered_over_the_interview():
    metrics = compute_metrics(
        [q("Any questions for me?", 0, 2_000), a("What does the team own next year", 3_000)]
    )
    assert metrics.candidate_questions == ["What does the team own next year"]
    assert metrics.answers[0].questions == ("What does the team own next year",)


def test_typed_answers_have_no_pause_and_a_typed_interview_no_talk_share():
    metrics = compute_metrics(
        [q("Q1", 0, 1_000), a("Typed answer.", 60_000, 61_000, spoken=False)],
    )
    assert metrics.answers[0].latency_seconds is None
    assert metrics.median_latency_seconds is None
    assert metrics.talk_ratio is None
    assert metrics.spoken_answers == 0


def test_hedges_are_counted():
    assert count_hedges("I think maybe it was sort of fine, I guess. I'm not sure.") == 5
    assert count_hedges("I rewrote the importer.") == 0


def test_each_answer_names_the_key_terms_it_mentions_in_any_form():
    metrics = compute_metrics(
        [q("Q", 0, 1_000), a("I wrote the Dockerfiles and ran it on k8s.", 2_000)],
        key_terms=["Docker", "Kubernetes", "Terraform"],
    )
    assert metrics.answers[0].key_terms == ("Docker", "Kubernetes")
    assert metrics.key_terms_covered == ["Docker", "Kubernetes"]
