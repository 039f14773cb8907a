"""Scoring the résumé-facts reader against the labelled résumés in tests/fixtures/resumes.

`tests/fixtures/resumes/tuning.json` (with `tuning/`) is what `extract_resume_facts` was
tuned on; `held_out.json` (with `held_out/`) was written before tuning and never used for
it. Both the test of the floors and `benchmarks/resume_facts.py` score them here.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from interview_app.services.jobs.key_terms import canonical_key
from interview_app.services.resumes.facts import extract_resume_facts

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "resumes"
FIELDS = ("employers", "roles", "projects", "skills")
# Legal forms are optional in a label: "Finlytics" names "Finlytics Ltd".
_LEGAL_FORMS = {"inc", "ltd", "llc", "plc", "corp", "gmbh", "ag", "sa", "sl", "pte", "co"}


def _key(field_name: str, value: str) -> tuple[str, ...]:
    if field_name == "skills":
        return canonical_key(value) or (value.casefold(),)
    folded = unicodedata.normalize("NFKC", value).casefold()
    words = re.findall(r"[\w'\u2019+#-]+", folded)
    if field_name == "employers":
        words = [word for word in words if word.strip(".") not in _LEGAL_FORMS]
    return tuple(words)


@dataclass
class FieldScore:
    """Micro-averaged counts of one field over a set of résumés.

    Attributes:
        expected: Facts the labels name.
        found: Facts the reader returned.
        correct: Returned facts that a label names.
        misses: (résumé, labelled facts not found) for each résumé with a miss.
        extras: (résumé, returned facts no label names) for each résumé with one.
    """

    expected: int = 0
    found: int = 0
    correct: int = 0
    misses: list[tuple[str, list[str]]] = field(default_factory=list)
    extras: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Share of returned facts that are right (1 when nothing was returned)."""
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        """Share of labelled facts that were returned (1 when none are labelled)."""
        return self.correct / self.expected if self.expected else 1.0


def labelled(part: str) -> dict[str, tuple[str, dict[str, list[str]]]]:
    """The résumés of `tuning` or `held_out`: file name -> (text, labelled facts)."""
    document = json.loads((FIXTURES / f"{part}.json").read_text(encoding="utf-8"))
    return {
        name: ((FIXTURES / part / name).read_text(encoding="utf-8"), facts)
        for name, facts in document["resumes"].items()
    }


def score(part: str) -> dict[str, FieldScore]:
    """Score `extract_resume_facts` on one part, field by field."""
    scores = {name: FieldScore() for name in FIELDS}
    for name, (text, labels) in labelled(part).items():
        facts = extract_resume_facts(text)
        for field_name in FIELDS:
            wanted = {_key(field_name, value): value for value in labels[field_name]}
            got = {_key(field_name, value): value for value in getattr(facts, field_name)}
            result = scores[field_name]
            result.expected += len(wanted)
            result.found += len(got)
            result.correct += len(wanted.keys() & got.keys())
            if missing := [wanted[key] for key in wanted.keys() - got.keys()]:
                result.misses.append((name, missing))
            if extra := [got[key] for key in got.keys() - wanted.keys()]:
                result.extras.append((name, extra))
    return scores
