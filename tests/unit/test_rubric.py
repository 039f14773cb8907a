"""The automatic feedback: per-answer reviews and the seven categories (issue 19, item 3)."""

import re

from interview_app.services.feedback.report import (
    FEEDBACK_CATEGORIES,
    render_answers_markdown,
    render_markdown,
)
from interview_app.services.feedback.rubric import automatic_feedback_for
from interview_app.services.transcript_entry import TranscriptEntry
from tests.unit.test_metrics import LABELLED_STAR, STAR_ANSWER, a, q

DESCRIPTION = (
    "Backend engineer. Build APIs in Python on Kubernetes; experience with Terraform and "
    "PostgreSQL."
)
QUESTIONS = [
    "Tell me about a time you improved a release process.",
    "How do you run services in production?",
    "Tell me about a time you fixed a slow system.",
    "Do you have any questions for me?",
]
STRONG = [
    STAR_ANSWER + " I used Python and Terraform for the new pipeline and documented it. "
    "The team adopted it within a month and we kept the build under 15 minutes since then.",
    "In my last role I ran about 40 Python services on Kubernetes. I wrote the Terraform "
    "modules for every cluster, set up alerts on error rates, and moved the databases to "
    "managed PostgreSQL. As a result our on-call pages dropped by 60 percent in a year.",
    LABELLED_STAR + " I wrote the stages in Python and ran them on Kubernetes.",
    "I'd like to know how the team handles on-call and what the deployment process looks like",
]
WEAK = [
    "Um, I think, like, maybe I did some stuff, you know, basically.",
    "I guess we use the cloud. It's fine.",
    "Not sure.",
    "No, that's all.",
]


def interview(answers: list[str], *, spoken: bool = True) -> list[TranscriptEntry]:
    entries, clock = [], 0
    for question, text in zip(QUESTIONS, answers, strict=True):
        entries.append(q(question, clock, clock + 5_000))
        seconds = max(3, len(text.split()) * 60 // 130)
        entries.append(a(text, clock + 7_000, clock + 7_000 + seconds * 1000, spoken=spoken))
        clock += 10_000 + seconds * 1000
    return entries


def report_of(answers: list[str], *, spoken: bool = True):
    return automatic_feedback_for(
        transcript=interview(answers, spoken=spoken), job_description=DESCRIPTION
    )


def category(report, name: str):
    return next(c for c in report.categories if c.name == name)


def test_every_category_in_order_every_question_reviewed_and_labelled_automatic():
    report = report_of(STRONG)
    assert [c.name for c in report.categories] == list(FEEDBACK_CATEGORIES)
    assert report.generator == "automatic"
    assert "Automatic feedback" in render_markdown(report)
    assert [review.question for review in report.answers] == QUESTIONS
    assert [review.question_index for review in report.answers] == [0, 1, 2, 3]
    assert {"Python", "Terraform", "Kubernetes", "PostgreSQL"} <= set(report.key_terms)


def test_an_answer_labelling_all_four_star_parts_is_not_called_weakest_for_missing_them():
    report = report_of(STRONG)
    labelled = report.answers[2]
    assert labelled.star == ["situation", "task", "action", "result"]
    assert labelled.score >= 7
    quality = category(report, "Response Quality").markdown
    assert "missing the situation, task, action, result" not in quality


def test_questions_asked_without_a_question_mark_count():
    report = report_of(STRONG)
    assert report.candidate_questions == [
        "I'd like to know how the team handles on-call",
        "what the deployment process looks like",
    ]
    engagement = category(report, "Engagement and Interaction").markdown
    assert "Prepare one or two questions" not in engagement
    assert "asked the interviewer 2 question(s)" in engagement
    assert report.answers[3].score >= 8


def test_typed_answers_are_not_scored_on_pace_pauses_or_talk_share():
    report = report_of(STRONG, spoken=False)
    pacing = category(report, "Pacing and Timing")
    assert pacing.score is None
    assert "not measured" in pacing.markdown
    assert "## Pacing and Timing: not measured" in render_markdown(report)
    assert (
        "talk share: not measured"
        in category(report, "Engagement and Interaction").markdown.lower()
    )
    assert not any("Pacing" in line for line in report.strengths + report.improvements)
    # The same answers spoken get a pacing score; the typed overall ignores it.
    assert category(report_of(STRONG), "Pacing and Timing").score is not None


def test_short_hedged_answers_score_low_in_content_and_confidence():
    report = report_of(WEAK)
    assert category(report, "Confidence and Emotional State").score <= 4
    assert category(report, "Response Quality").score <= 3
    assert all(review.score <= 3 for review in report.answers)
    five_words = report_of([*STRONG[:2], "I don't know, maybe later.", STRONG[3]])
    assert five_words.answers[2].score <= 1
    assert category(five_words, "Confidence and Emotional State").score <= 6


def test_an_answer_about_something_else_scores_low():
    off_topic = (
        "The salary is good and the office is close to where I live, which I like a lot, "
        "and my friends say the coffee is great."
    )
    report = report_of([STRONG[0], off_topic, STRONG[2], STRONG[3]])
    assert report.answers[1].score <= 3
    assert "another" in report.answers[1].improve


def test_strong_interviews_clearly_beat_weak_ones():
    strong, weak = report_of(STRONG), report_of(WEAK)
    assert strong.overall_score >= 7
    assert strong.overall_score - weak.overall_score >= 5
    mixed = report_of([STRONG[0], WEAK[1], STRONG[2], WEAK[3]])
    assert weak.overall_score < mixed.overall_score < strong.overall_score


def test_the_stronger_version_is_a_scaffold_of_the_candidates_own_words():
    answer = "We had a flaky test suite. I rewrote the slowest tests."
    report = report_of([answer, *STRONG[1:]])
    review = report.answers[0]
    assert review.star == ["situation", "action"]
    stronger = review.stronger_version
    assert "We had a flaky test suite." in stronger and "I rewrote the slowest tests." in stronger
    assert "**Task:** [" in stronger and "**Result:** [" in stronger
    # No figure the candidate did not give: every number in it is in the answer.
    assert not re.findall(r"\d", stronger)
    assert "Terraform" in stronger or "Kubernetes" in stronger or "PostgreSQL" in stronger
    assert "task" in review.improve and "result" in review.improve
    assert review.quotes and all(quote.rstrip(" .") in answer for quote in review.quotes)


def test_an_unanswered_question_is_listed_with_score_zero_and_a_goodbye_is_not():
    entries = [*interview(STRONG), q("What is your favourite database?", 900_000, 901_000)]
    report = automatic_feedback_for(transcript=entries, job_description=DESCRIPTION)
    assert len(report.answers) == 5
    skipped = report.answers[4]
    assert (skipped.question, skipped.answer, skipped.score) == (
        "What is your favourite database?",
        "",
        0,
    )
    assert skipped.verdict == "No answer."
    assert "Question 5: 0/10" in render_answers_markdown(report)
    goodbye = [*interview(STRONG), q("Thanks, that is what I needed. Goodbye!", 900_000)]
    assert len(automatic_feedback_for(transcript=goodbye, job_description="").answers) == 4


def test_no_answers_scores_zero_and_says_so():
    report = automatic_feedback_for(
        transcript=[q("Q1?", 0, 1_000), a("", 2_000, 2_000)], job_description=""
    )
    assert report.overall_score == 0
    assert "no answers" in report.summary.lower()


def test_feedback_quotes_the_candidates_own_answers_with_times():
    markdown = render_markdown(report_of(WEAK))
    assert '"Um, I think, like, maybe I did some stuff' in markdown
    assert "at 00:07" in markdown
    assert "Not mentioned: " in markdown
