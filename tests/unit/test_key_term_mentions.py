"""A practice named as a gerund ("caching", "profiling") is mentioned by its verb."""

import json
from pathlib import Path

import pytest

from interview_app.services.jobs.key_terms import mentioned_terms

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "key_terms"


def _scores(name: str) -> tuple[float, float]:
    cases = json.loads((FIXTURES / f"mentions_{name}.json").read_text(encoding="utf-8"))["cases"]
    found = [bool(mentioned_terms([case["term"]], case["answer"])) for case in cases]
    labelled = [case["mentioned"] for case in cases]
    right = sum(f and m for f, m in zip(found, labelled, strict=True))
    return right / max(sum(found), 1), right / sum(labelled)


def test_precision_and_recall_on_the_held_out_answers():
    # Held out (55 cases, 32 mentioned), never used to tune the rule. Measured before the
    # rule for practice terms: accuracy 0.45, precision 0.75, recall 0.09. After: accuracy
    # 0.85, precision 0.93, recall 0.81 (misses irregular or reordered forms such as
    # "upsold", "planned lessons"; takes "traced the problem" for tracing).
    precision, recall = _scores("held_out")
    assert precision >= 0.90
    assert recall >= 0.78


def test_the_tuning_answers_are_all_read_right():
    assert _scores("tuning") == (1.0, 1.0)


def test_the_ridgeline_answer_mentions_profiling_and_caching():
    terms = ["Python", "PostgreSQL", "caching", "profiling", "payments"]
    answer = (
        "At Ridgeline Payments our API took four seconds. I profiled the service, found an "
        "N+1 query in the ledger lookup, batched it and added a read-through cache."
    )
    assert mentioned_terms(terms, answer) == ["caching", "profiling", "payments"]


@pytest.mark.parametrize(
    ("term", "answer"),
    [
        ("profiling", "I profiled the service."),
        ("profiling", "I used py-spy to profile the service."),
        ("caching", "We cached the rates."),
        ("caching", "We cache the rates."),
        ("caching", "The gateway caches every quote."),
        ("caching", "I added a read-through cache."),
        ("planning", "I planned the rota."),
        ("logging", "Every retry is logged."),
        ("debugging", "I debugged the handler."),
        ("scaling", "We scaled the workers."),
        ("load balancing", "Traffic was load balanced."),
        ("load balancing", "I added a load balancer."),
        ("code review", "I care about code reviewing."),
    ],
)
def test_a_practice_is_mentioned_by_its_verb(term: str, answer: str):
    assert mentioned_terms([term], answer) == [term]


@pytest.mark.parametrize(
    ("term", "answer"),
    [
        ("planning", "I made a plan."),
        ("marketing", "The market collapsed."),
        ("marketing", "We had to get to market first."),
        ("accounting", "I closed my account."),
        ("accounting", "I accounted for the delay."),
        ("logging", "I logged in to the console."),
        ("testing", "The blood test came back normal."),
        ("build", "The building had no lift."),
        ("performance profiling", "I profiled the service."),
    ],
)
def test_a_noun_or_another_sense_of_the_verb_is_no_mention(term: str, answer: str):
    assert mentioned_terms([term], answer) == []
