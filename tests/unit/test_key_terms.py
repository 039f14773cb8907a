"""Key terms: skills, tools, methods, domains and qualifications only (issue 19, item 3)."""

import pytest

from interview_app.services.jobs.key_terms import (
    canonical_key,
    extract_key_terms,
    mentioned_terms,
)
from tests.support_key_terms import score

# The shape of the posting the issue was found with: a backend job with pay, place, perks
# and how to apply around the requirements.
POSTING = """Backend Engineer (Python) - Payments Platform
Location: Berlin (hybrid) | Salary: EUR 70,000 - 85,000 | Start: ASAP

About us
Northwind Pay is a fast-growing fintech serving 2,000 merchants across Europe.

What you'll do
- Design and build payment APIs in Python with FastAPI and asyncio.
- Model data in PostgreSQL and keep PostgreSQL queries fast as volumes grow.
- Publish events reliably using the outbox pattern and Kafka.
- Instrument services with OpenTelemetry and ship logs to Datadog or a similar log platform.
- Run services in Docker on Kubernetes with Terraform.

What you bring
- Experience with distributed systems, idempotency and retries.

We offer 30 days of holiday, a EUR 1,500 learning budget from 1 March 2026.
Send your CV to jobs@northwind.example.
"""


def test_the_issues_backend_posting_gives_its_skills_and_nothing_else():
    terms = extract_key_terms(POSTING, limit=30)
    for expected in ("FastAPI", "asyncio", "OpenTelemetry", "outbox pattern", "PostgreSQL"):
        assert expected in terms
    lowered = {term.lower() for term in terms}
    for never in ("eur", "similar log", "log", "berlin", "europe", "cv", "asap", "march"):
        assert never not in lowered
    assert not any("northwind" in term or "70" in term for term in lowered)
    assert [term.lower() for term in terms].count("postgresql") == 1


def test_forms_of_one_thing_count_once():
    terms = extract_key_terms("We run Postgres. You know PostgreSQL, k8s and Kubernetes.")
    assert len([t for t in terms if canonical_key(t) == ("postgresql",)]) == 1
    assert len([t for t in terms if canonical_key(t) == ("kubernete",)]) == 1


@pytest.mark.parametrize(
    "sentence",
    [
        "Salary GBP 55,000 plus bonus, based in Manchester, start ASAP.",
        "Send your CV and cover letter to Hays Recruitment by 30 June 2026.",
        "Our client, Globex Corporation in Munich, is hiring from 1 April.",
        "Benefits: 30 days paid leave, EUR 500 budget, Urban Sports Club membership.",
    ],
)
def test_pay_places_companies_dates_and_applying_are_never_terms(sentence: str):
    assert extract_key_terms(sentence) == []


def test_non_tech_postings_have_their_own_skills():
    nursing = extract_key_terms(
        "Registered Nurse with a valid RN licence and BLS certification; wound care and "
        "infection control experience."
    )
    assert {"RN licence", "BLS", "wound care", "infection control"} <= set(nursing)
    retail = extract_key_terms("You provide customer service and do visual merchandising.")
    assert {"customer service", "visual merchandising"} <= set(retail)


@pytest.mark.parametrize(
    ("term", "answer"),
    [
        ("Docker", "I wrote the Dockerfiles for every service."),
        ("PostgreSQL", "We stored it all in Postgres."),
        ("Postgres", "The data lived in PostgreSQL."),
        ("Kubernetes", "It ran on k8s."),
        ("outbox pattern", "I added a transactional outbox table."),
        ("unit tests", "I care about unit testing."),
        ("CI/CD", "Our CI/CD ran on every push."),
        ("Go", "I rewrote it in Go."),
    ],
)
def test_a_term_is_mentioned_in_any_usual_form(term: str, answer: str):
    assert mentioned_terms([term], answer) == [term]


def test_short_terms_need_their_own_spelling_and_whole_words():
    assert mentioned_terms(["Go"], "we had to go home") == []
    assert mentioned_terms(["Java"], "I wrote JavaScript") == []
    assert mentioned_terms(["Python", "C++"], "I used python and c++ a lot") == ["Python", "C++"]


def test_precision_and_recall_on_the_held_out_sentences():
    # Floors a little under the figures measured when the held-out set was first scored
    # (precision 0.92, recall 0.84); see benchmarks/key_terms.py.
    held_out = score("held_out")
    assert held_out.sentences >= 30
    assert held_out.precision >= 0.85
    assert held_out.recall >= 0.75
    tuning = score("tuning")
    assert tuning.sentences + held_out.sentences >= 60
