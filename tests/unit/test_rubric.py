from interview_app.services.delivery.metrics import compute_metrics
from interview_app.services.feedback.report import FEEDBACK_CATEGORIES, render_markdown
from interview_app.services.feedback.rubric import automatic_feedback, automatic_feedback_for
from interview_app.services.transcript_entry import TranscriptEntry
from tests.unit.test_metrics import STAR_ANSWER, a, q

TERMS = ["Python", "Terraform", "Kubernetes"]


def interview(*answers: str, spoken: bool = True) -> list[TranscriptEntry]:
    entries, clock = [], 0
    for number, text in enumerate(answers):
        entries.append(q(f"Question {number + 1}?", clock, clock + 5_000))
        seconds = max(3, len(text.split()) * 60 // 130)
        entries.append(a(text, clock + 7_000, clock + 7_000 + seconds * 1000, spoken=spoken))
        clock += 10_000 + seconds * 1000
    return entries


GOOD = [
    STAR_ANSWER + " I used Python and Terraform for it. " + "It worked well for the team. " * 12,
    STAR_ANSWER + " We ran it on Kubernetes. " + "Everyone adopted it quickly. " * 12,
    "What does the team plan to build next year, and how do you measure success?",
]
POOR = [
    "Um, I think, like, maybe I did some stuff, you know, basically.",
    "Uh, I guess, um, sort of, I don't know.",
    "No.",
]


def test_every_category_is_scored_in_order_and_labelled_automatic():
    report = automatic_feedback(compute_metrics(interview(*GOOD), TERMS))
    assert [c.name for c in report.categories] == list(FEEDBACK_CATEGORIES)
    assert all(0 <= c.score <= 10 for c in report.categories)
    assert report.generator == "automatic"
    assert "Automatic feedback" in render_markdown(report)


def test_strong_answers_score_higher_than_weak_ones_in_every_category():
    good = automatic_feedback(compute_metrics(interview(*GOOD), TERMS))
    poor = automatic_feedback(compute_metrics(interview(*POOR), TERMS))
    assert good.overall_score > poor.overall_score
    for strong, weak in zip(good.categories, poor.categories, strict=True):
        assert strong.score >= weak.score, strong.name
    role_fit = {c.name: c.score for c in good.categories}["Role Fit & Alignment"]
    assert role_fit == 10


def test_feedback_quotes_the_candidates_own_answers_with_times():
    report = automatic_feedback(compute_metrics(interview(*POOR), TERMS))
    markdown = render_markdown(report)
    assert '"Um, I think, like, maybe I did some stuff' in markdown
    assert "at 00:07" in markdown
    assert "Not mentioned: Python, Terraform, Kubernetes" in markdown


def test_typed_answers_are_not_judged_on_pace():
    report = automatic_feedback(compute_metrics(interview(*GOOD, spoken=False), TERMS))
    pacing = next(c for c in report.categories if c.name == "Pacing and Timing")
    assert "typed" in pacing.markdown


def test_no_answers_scores_zero_and_says_so():
    report = automatic_feedback(compute_metrics([q("Q1", 0, 1_000), a("", 2_000, 2_000)]))
    assert report.overall_score == 0
    assert "no answers" in report.summary.lower()


def test_feedback_from_transcript_and_job_checks_the_jobs_key_terms():
    report = automatic_feedback_for(
        transcript=interview(*GOOD),
        job_description="Build APIs in Python on Kubernetes. Experience with Terraform.",
    )
    role_fit = next(c for c in report.categories if c.name == "Role Fit & Alignment")
    assert "Python" in role_fit.markdown and report.generator == "automatic"
