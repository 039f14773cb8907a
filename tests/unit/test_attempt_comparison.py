"""What a retry's card says changed from the original answer."""

from __future__ import annotations

from interview_app.services.retries.attempts import AnswerFigures, compare_figures


def figures(**changes: object) -> AnswerFigures:
    base = {
        "score": 4,
        "star": ["situation", "action"],
        "words": 42,
        "fillers": 5,
        "key_terms": ["Python", "Docker"],
        "verdict": "Too vague.",
    }
    return AnswerFigures(**{**base, **changes})  # type: ignore[arg-type]


def test_a_better_attempt_says_what_it_gained() -> None:
    changes = compare_figures(
        figures(),
        figures(
            score=8,
            star=["situation", "task", "action", "result"],
            words=118,
            fillers=1,
            key_terms=["Python", "PostgreSQL"],
        ),
    )
    assert changes == [
        "Score 4 → 8 (+4)",
        "STAR: now tells the task, result",
        "Length 42 → 118 words",
        "Fillers 5 → 1",
        "Key terms added: PostgreSQL",
        "Key terms left out: Docker",
    ]


def test_a_worse_attempt_says_what_it_lost() -> None:
    changes = compare_figures(figures(), figures(score=2, star=["situation"], words=12))
    assert changes[:3] == [
        "Score 4 → 2 (-2)",
        "STAR: no longer tells the action",
        "Length 42 → 12 words",
    ]


def test_an_unchanged_attempt_says_so() -> None:
    assert compare_figures(figures(), figures())[:2] == [
        "Score unchanged at 4",
        "STAR: same parts (situation, action)",
    ]
