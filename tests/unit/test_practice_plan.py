import random

import pytest

from interview_app.services.jobs.key_terms import extract_key_terms, mentioned_terms
from interview_app.services.voice.practice_plan import (
    MAX_QUESTIONS,
    MIN_QUESTIONS,
    alternative_question,
    build_question_plan,
    follow_up_question,
)

BACKEND = """We are looking for a Backend Engineer to join our Platform team at Acme.
You will build APIs in Python and Go, run services on Kubernetes and AWS.
Requirements:
- Experience with distributed systems and observability.
- Knowledge of Terraform, CI/CD pipelines and Docker."""

DESIGNER = """Join our studio as a Product Designer. You'll work in Figma and prototype with
Framer, and partner with engineers. Experience with design systems and accessibility (WCAG)."""


def plan(description: str, level: str = "mid-level", title: str | None = "Engineer"):
    return build_question_plan(title=title, description=description, experience_level=level)


def test_key_terms_come_from_the_description_in_its_own_spelling():
    terms = extract_key_terms(BACKEND)
    for expected in ("Terraform", "Docker", "distributed systems", "observability", "Python"):
        assert expected in terms
    # Companies and ordinary capitalised words are not skills.
    assert "Acme" not in terms
    assert "Requirements" not in terms
    assert "We" not in terms
    assert {"Figma", "Framer", "WCAG", "design systems"} <= set(extract_key_terms(DESIGNER))


def test_lower_case_skills_after_a_requirement_phrase_are_found():
    terms = extract_key_terms("Must have experience in SEO, content strategy and HubSpot.")
    assert {"SEO", "content strategy", "HubSpot"} <= set(terms)


def test_mentioned_terms_match_whole_words_ignoring_case():
    assert mentioned_terms(["Go", "C++", "Python"], "I used python and c++ a lot") == [
        "C++",
        "Python",
    ]
    assert mentioned_terms(["Go"], "we had good results") == []


def test_plan_shape_opener_role_behavioural_close():
    questions = plan(BACKEND)
    assert MIN_QUESTIONS <= len(questions) <= MAX_QUESTIONS
    kinds = [q.kind for q in questions]
    assert kinds[0] == "opener" and kinds[-1] == "close"
    assert kinds.count("role") >= 2 and kinds.count("behavioural") >= 2
    assert kinds == sorted(kinds, key=["opener", "role", "behavioural", "close"].index)


def test_different_descriptions_give_different_role_questions():
    backend = [q.text for q in plan(BACKEND) if q.kind == "role"]
    designer = [q.text for q in plan(DESIGNER) if q.kind == "role"]
    assert set(backend).isdisjoint(designer)
    for texts, description in ((backend, BACKEND), (designer, DESIGNER)):
        terms = extract_key_terms(description)
        assert all(any(term in text for term in terms) for text in texts)


def test_level_changes_the_behavioural_questions():
    by_level = {
        level: {q.text for q in plan(BACKEND, level) if q.kind == "behavioural"}
        for level in ("junior", "mid-level", "senior")
    }
    assert by_level["junior"].isdisjoint(by_level["senior"])
    assert by_level["junior"].isdisjoint(by_level["mid-level"])
    assert by_level["mid-level"].isdisjoint(by_level["senior"])


def test_the_same_random_source_gives_the_same_plan():
    def seeded(seed: int):
        return build_question_plan(
            title="Engineer",
            description=BACKEND,
            experience_level="mid-level",
            rng=random.Random(seed),
        )

    assert seeded(5) == seeded(5)


@pytest.mark.parametrize("level", ["junior", "mid-level", "senior"])
@pytest.mark.parametrize("description", [BACKEND, DESIGNER, "x"])
def test_two_practices_in_a_row_never_ask_the_same_set(description: str, level: str):
    rng = random.Random(11)
    previous: set[str] = set()
    for _ in range(50):
        questions = build_question_plan(
            title="Engineer",
            description=description,
            experience_level=level,
            avoid=previous,
            rng=rng,
        )
        asked = {q.text for q in questions}
        assert asked != previous
        # The bank is large enough that no job or behavioural question repeats back to back.
        assert not {q.text for q in questions if q.kind in {"role", "behavioural"}} & previous
        previous = asked


def test_a_swapped_question_is_another_of_the_same_kind():
    questions = plan(BACKEND)
    texts = {q.text for q in questions}
    for kind in ("opener", "role", "behavioural", "close"):
        other = alternative_question(
            kind=kind,
            title="Engineer",
            description=BACKEND,
            experience_level="mid-level",
            exclude=texts,
            rng=random.Random(2),
        )
        assert other is not None and other not in texts
    assert (
        alternative_question(
            kind="follow_up",
            title=None,
            description=BACKEND,
            experience_level="mid-level",
            exclude=texts,
        )
        is None
    )


@pytest.mark.parametrize(
    ("answer", "asks_for"),
    [
        ("I like Python a lot.", "say more"),
        (
            "We had flaky deploys, so we rewrote the pipeline, and we added checks, and our "
            "team reviewed every change, and in the end we shipped it and we reduced "
            "failures a lot.",
            "own part",
        ),
        (
            "I was asked to look after our deployment scripts when the previous owner left, "
            "so I read through all of them, wrote down what each one did, and paired with "
            "the team on the hardest ones over a few weeks.",
            "result",
        ),
        (
            "I owned the deployment scripts after the previous owner left. I rewrote them "
            "as one pipeline with checks on every merge, and as a result deploy failures "
            "dropped and the team trusted releases again.",
            "number",
        ),
        (
            "I owned the deployment scripts after the previous owner left. I rewrote them "
            "as one pipeline with checks on every merge, and as a result deploy failures "
            "dropped from 8 a month to 1.",
            "differently",
        ),
    ],
)
def test_a_follow_up_reacts_to_what_the_answer_left_out(answer: str, asks_for: str):
    assert asks_for in follow_up_question(answer)


@pytest.mark.parametrize(
    "description",
    ["x", "Python", "word " * 2000, ("Kubernetes, AWS and C++. " * 500)[:10_000], "\n\n\t"],
)
@pytest.mark.parametrize("title", [None, "", "Data Engineer"])
def test_any_description_gets_a_valid_plan(description: str, title: str | None):
    questions = plan(description, "senior", title)
    assert MIN_QUESTIONS <= len(questions) <= MAX_QUESTIONS
    assert all(q.text.strip() for q in questions)
    assert len({q.text for q in questions}) == len(questions)
