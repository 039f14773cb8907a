"""Scoring the key-term extractor against the labelled job-ad sentences in tests/fixtures.

`tests/fixtures/key_terms/tuning.json` is what the extractor was tuned on;
`held_out.json` was written before tuning and never used for it. Both the test of the
floors and `benchmarks/key_terms.py` score them here, the same way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from interview_app.services.jobs.key_terms import canonical_key, extract_key_terms

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "key_terms"
# Every term a sentence names, not the top ten an interview page shows.
ALL_TERMS = 100


@dataclass(frozen=True, slots=True)
class KeyTermScore:
    """Micro-averaged precision and recall over a set of sentences.

    Attributes:
        sentences: How many sentences were scored.
        expected: Terms the labels name.
        found: Terms the extractor returned.
        correct: Returned terms that a label names (one per labelled term).
        misses: (sentence, labelled terms not found) for each sentence with a miss.
        extras: (sentence, returned terms no label names) for each sentence with one.
    """

    sentences: int
    expected: int
    found: int
    correct: int
    misses: list[tuple[str, list[str]]]
    extras: list[tuple[str, list[str]]]

    @property
    def precision(self) -> float:
        """Share of returned terms that are right (1 when nothing was returned)."""
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        """Share of labelled terms that were returned (1 when none are labelled)."""
        return self.correct / self.expected if self.expected else 1.0


def labelled(part: str) -> list[tuple[str, list[str]]]:
    """The (sentence, terms) pairs of `tuning` or `held_out`."""
    document = json.loads((FIXTURES / f"{part}.json").read_text(encoding="utf-8"))
    return [(item["sentence"], item["terms"]) for item in document["sentences"]]


def score(part: str) -> KeyTermScore:
    """Score `extract_key_terms` on one part; a term is right when it names a labelled one."""
    expected = found = correct = 0
    misses: list[tuple[str, list[str]]] = []
    extras: list[tuple[str, list[str]]] = []
    for sentence, terms in labelled(part):
        wanted = {canonical_key(term): term for term in terms}
        got = {canonical_key(term): term for term in extract_key_terms(sentence, limit=ALL_TERMS)}
        expected += len(wanted)
        found += len(got)
        correct += len(wanted.keys() & got.keys())
        if missing := [wanted[key] for key in wanted.keys() - got.keys()]:
            misses.append((sentence, missing))
        if extra := [got[key] for key in got.keys() - wanted.keys()]:
            extras.append((sentence, extra))
    return KeyTermScore(len(labelled(part)), expected, found, correct, misses, extras)
