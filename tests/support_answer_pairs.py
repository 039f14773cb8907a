"""Scoring the strong and weak answers of tests/fixtures/answer_pairs with the automatic review.

Each pair answers one question twice, strongly and weakly; the automatic review scores
both. Both the test and `benchmarks/answer_pairs.py` use `compare_pairs`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from interview_app.services.feedback.answers import AnswerInputs, review_answer_automatically
from interview_app.services.transcript_entry import TranscriptEntry

PAIRS = Path(__file__).resolve().parent / "fixtures" / "answer_pairs" / "pairs.json"


@dataclass(frozen=True, slots=True)
class PairScore:
    """The automatic scores of one question's strong and weak answers."""

    question: str
    strong: int
    weak: int

    @property
    def margin(self) -> int:
        """How many points the strong answer scored above the weak one."""
        return self.strong - self.weak


def _score(question: str, answer: str, job_description: str, index: int) -> int:
    inputs = AnswerInputs(
        question=question,
        answer=[TranscriptEntry(speaker="interviewee", text=answer, start_ms=0, spoken=False)],
        job_description=job_description,
        job_title="Backend Engineer",
        experience_level="mid-level",
        question_index=index,
    )
    return review_answer_automatically(inputs).score


def compare_pairs() -> list[PairScore]:
    """Score every pair's strong and weak answer, in the fixture's order."""
    document = json.loads(PAIRS.read_text(encoding="utf-8"))
    description = document["job_description"]
    return [
        PairScore(
            question=pair["question"],
            strong=_score(pair["question"], pair["strong"], description, index),
            weak=_score(pair["question"], pair["weak"], description, index),
        )
        for index, pair in enumerate(document["pairs"])
    ]
