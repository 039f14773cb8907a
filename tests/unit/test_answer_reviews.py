"""A review of every answer: pairing, the model's structure, and checked quotes (issue 19)."""

from __future__ import annotations

import json

import pytest

from interview_app.config import Settings
from interview_app.devtools.fake_gemini import sample_feedback, sample_review, transcript_in_prompt
from interview_app.services.feedback.answers import (
    AnswerInputs,
    pair_answers,
    review_answer_automatically,
)
from interview_app.services.feedback.generators import AutomaticGenerator
from interview_app.services.feedback.prompt import (
    ANSWER_SYSTEM_PROMPT,
    SYSTEM_PROMPT,
    FeedbackInputs,
    GeminiFeedback,
    build_answer_prompt,
    build_prompt,
    parse_answer_review,
    parse_feedback,
)
from interview_app.services.feedback.quotes import (
    DROPPED_NOTE,
    candidate_text,
    is_said,
    verify_quotes,
)
from interview_app.services.feedback.report import AnswerReview, FeedbackReport
from interview_app.services.feedback.rubric import automatic_feedback_for
from interview_app.services.transcript_entry import TranscriptEntry
from tests.unit.test_metrics import a, q

TRANSCRIPT = [
    a("Hello!", 0, 500),
    q("Welcome. Tell me about yourself.", 1_000, 3_000),
    a("I build payment APIs in Python.", 4_000, 6_000),
    a("Mostly with FastAPI.", 6_100, 7_000),
    q("Great.", 8_000, 8_500),
    q("How do you test them?", 8_600, 9_000),
    a("With pytest, and contract tests against the bank's sandbox.", 10_000, 14_000),
    q("Thanks, that's all from me. Goodbye!", 15_000, 16_000),
]
JOB = "Backend engineer: Python, FastAPI, PostgreSQL."


def inputs(answer: str, *, spoken: bool = False) -> AnswerInputs:
    return AnswerInputs(
        question="Tell me about a time you fixed a slow query.",
        answer=[TranscriptEntry(speaker="interviewee", text=answer, start_ms=0, spoken=spoken)],
        job_description=JOB,
        job_title="Backend Engineer",
        experience_level="mid-level",
        question_index=3,
    )


def test_each_question_is_paired_with_the_answer_messages_that_follow_it():
    pairs = pair_answers(TRANSCRIPT)
    assert [pair.question for pair in pairs] == [
        "Welcome. Tell me about yourself.",
        "Great. How do you test them?",
    ]
    assert pairs[0].answer_text == "I build payment APIs in Python. Mostly with FastAPI."
    assert [pair.question_index for pair in pairs] == [0, 1]
    # "Hello!" before any question belongs to none; the goodbye asks nothing.
    assert all("Hello" not in pair.answer_text for pair in pairs)


def test_a_question_the_call_ended_on_is_kept_unanswered():
    pairs = pair_answers([*TRANSCRIPT[:-1], q("Any questions for me?", 15_000)])
    assert (pairs[-1].question, pairs[-1].answer) == ("Any questions for me?", ())


def test_quotes_are_compared_ignoring_case_punctuation_and_spacing():
    said = candidate_text(TRANSCRIPT)
    assert is_said("i build PAYMENT apis   in python", said)
    assert is_said("I build payment APIs ... with FastAPI", said)
    assert is_said("the bank\u2019s sandbox", said)
    assert not is_said("I build payment APIs in Go", said)
    assert not is_said("payment API", said)  # whole words only
    assert not is_said("Great.", said)  # the interviewer's words are not the candidate's
    assert not is_said("...", said)


def test_unverified_quotes_are_dropped_from_reviews_and_markdown_and_counted():
    report = automatic_feedback_for(transcript=TRANSCRIPT, job_description=JOB)
    review = report.answers[0].model_copy(
        update={
            "quotes": ["I build payment APIs in Python.", "I have led a team of fifty"],
            "worked": 'You said "I build payment APIs in Python"; you also said "I love '
            'Kubernetes a lot".',
        }
    )
    report = report.model_copy(update={"answers": [review, *report.answers[1:]]})
    category = report.categories[0].model_copy(
        update={"markdown": 'At 00:04 you said "I am the best engineer here". Say "I led it".'}
    )
    report = report.model_copy(update={"categories": [category, *report.categories[1:]]})

    checked = verify_quotes(report, TRANSCRIPT)

    assert checked.answers[0].quotes == ["I build payment APIs in Python."]
    assert '"I build payment APIs in Python"' in checked.answers[0].worked
    assert "Kubernetes" not in checked.answers[0].worked
    assert checked.categories[0].markdown == f'At 00:04 you said {DROPPED_NOTE}. Say "I led it".'
    assert checked.quotes_dropped == 3


def test_the_automatic_generator_never_has_a_quote_dropped():
    report = automatic_feedback_for(transcript=TRANSCRIPT, job_description=JOB)
    assert verify_quotes(report, TRANSCRIPT).quotes_dropped == 0
    assert all(review.quotes for review in report.answers)


def test_old_stored_reports_without_answers_still_read():
    stored = json.dumps({k: v for k, v in sample_feedback().items()})
    report = FeedbackReport.model_validate_json(stored)
    assert (report.answers, report.quotes_dropped, report.key_terms) == ([], 0, [])


def test_the_model_is_told_to_review_every_question_and_never_invent():
    for prompt in (SYSTEM_PROMPT, ANSWER_SYSTEM_PROMPT):
        assert "never invent an achievement" in prompt
        assert "word for word" in prompt
    assert "answers" in GeminiFeedback.model_json_schema()["properties"]
    prompt = build_prompt(
        FeedbackInputs(
            candidate_name="Ada",
            job_title="Engineer",
            job_name="Job",
            job_description=JOB,
            experience_level="senior",
            transcript=TRANSCRIPT,
        )
    )
    assert prompt.endswith(
        "## Questions\n0. Welcome. Tell me about yourself.\n1. Great. How do you test them?\n"
    )
    # The fake Gemini reads the same transcript back.
    assert [e.text for e in transcript_in_prompt(prompt)] == [e.text for e in TRANSCRIPT]


def test_answer_reviews_are_read_leniently_by_question_index():
    pairs = pair_answers(TRANSCRIPT)
    answer = sample_feedback()
    answer["answers"] = [
        {**sample_review(1, pairs[1].answer_text), "star": ["Result", "action", "bogus"]},
        {**sample_review(0, "ignored"), "score": 42},  # unusable: skipped
        sample_review(7, "no such question"),
        "not an object",
    ]
    report = parse_feedback(json.dumps(answer), pairs)
    [review] = report.answers
    assert review.question_index == 1
    assert review.question == "Great. How do you test them?"
    assert review.answer == pairs[1].answer_text  # the transcript's, not the model's
    assert review.star == ["action", "result"]


def test_a_single_answer_review_prompt_and_its_parse():
    prompt = build_answer_prompt(inputs("I added an index; the query went from 9 s to 40 ms."))
    assert "## Question (question_index 3)" in prompt
    assert "## The candidate's answer (typed, not spoken)" in prompt
    assert "Title: Backend Engineer" in prompt
    text = json.dumps(sample_review(3, "I added an index."))
    review = parse_answer_review(
        text, inputs("I added an index; the query went from 9 s to 40 ms.")
    )
    assert isinstance(review, AnswerReview)
    assert review.question == "Tell me about a time you fixed a slow query."
    assert review.answer == "I added an index; the query went from 9 s to 40 ms."
    with pytest.raises(ValueError):
        parse_answer_review('{"score": 11}', inputs("x"))


async def test_the_automatic_generator_reviews_one_answer_as_a_report_would():
    answer = (
        "Last year our reports page took 9 s to load. I had to make it fast before a launch. "
        "I profiled it and added a PostgreSQL index. It went from 9 s to 40 ms."
    )
    review = await AutomaticGenerator().review_answer(inputs(answer), Settings())
    assert review.question_index == 3
    assert review.star == ["situation", "task", "action", "result"]
    assert review.score >= 5  # complete, but 35 words: strong answers run 100 to 300
    assert review == review_answer_automatically(inputs(answer))
    empty = await AutomaticGenerator().review_answer(
        AnswerInputs(
            question="Why?",
            answer=[],
            job_description="",
            job_title=None,
            experience_level="junior",
            question_index=0,
        ),
        Settings(),
    )
    assert (empty.score, empty.answer, empty.verdict) == (0, "", "No answer.")


def test_the_longest_transcript_gets_a_review_of_every_answer():
    # 40 messages of 5,000 characters: the transcript's caps.
    long = ("I rewrote the importer and it got faster. " * 119).strip()
    transcript = [q("Tell me about a time you sped something up?", 0)] + [
        a(long, 1_000 * (i + 1), spoken=False) for i in range(40)
    ]
    report = automatic_feedback_for(transcript=transcript, job_description="Python")
    [review] = report.answers
    assert len(review.answer) > 190_000 and review.stronger_version
