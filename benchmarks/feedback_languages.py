"""Held-out figures of the automatic feedback's per-language heuristics (issue 21).

Prints, on sets written before the heuristics were tuned and never used to tune them:

- key terms of German, French and Spanish job-ad sentences
  (`tests/fixtures/key_terms/held_out_languages.json`), with the language given and with
  it read from the sentence (`posting_language`);
- STAR parts of German, French and Spanish answers (`tests/fixtures/star_languages/`);
- résumé fit: the unused résumé items and unsupported claims a reviewer would flag
  (`tests/fixtures/resume_fit/held_out.json`).

Precision and recall are micro-averaged. Run: `.venv/bin/python benchmarks/feedback_languages.py`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from interview_app.services.feedback.language_rules import rules_for
from interview_app.services.jobs.key_terms import canonical_key, extract_key_terms
from tests.unit.test_resume_fit import held_out_score

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.2f}" if whole else "n/a"


def _key_terms(*, given: bool) -> None:
    document = json.loads((FIXTURES / "key_terms" / "held_out_languages.json").read_text("utf-8"))
    totals: dict[str, list[int]] = {}
    for item in document["sentences"]:
        language = item["language"] if given else None
        wanted = {canonical_key(term) for term in item["terms"]}
        got = {
            canonical_key(term)
            for term in extract_key_terms(item["sentence"], limit=100, language=language)
        }
        counts = totals.setdefault(item["language"], [0, 0, 0, 0])
        counts[0] += 1
        counts[1] += len(wanted)
        counts[2] += len(got)
        counts[3] += len(wanted & got)
    how = "language given" if given else "language read from the text"
    for code, (sentences, expected, found, correct) in totals.items():
        print(
            f"key terms {code} ({how}): {sentences} sentences, precision "
            f"{_ratio(correct, found)}, recall {_ratio(correct, expected)}"
        )


def _star() -> None:
    document = json.loads((FIXTURES / "star_languages" / "held_out.json").read_text("utf-8"))
    totals: dict[str, list[int]] = {}
    for item in document["answers"]:
        rules = rules_for(item["language"])
        if rules is None:
            continue
        got, wanted = set(rules.star(item["text"])), set(item["parts"])
        counts = totals.setdefault(item["language"], [0, 0, 0, 0])
        counts[0] += 1
        counts[1] += len(wanted)
        counts[2] += len(got)
        counts[3] += len(got & wanted)
    for code, (answers, expected, found, correct) in totals.items():
        print(
            f"STAR parts {code}: {answers} answers, precision {_ratio(correct, found)}, "
            f"recall {_ratio(correct, expected)}"
        )


def main() -> None:
    """Print the held-out figures."""
    _key_terms(given=True)
    _key_terms(given=False)
    _star()
    fit = held_out_score()
    print(
        f"résumé fit: {fit.expected} labelled flags, {fit.raised} raised, precision "
        f"{fit.precision:.2f}, recall {fit.recall:.2f}"
    )


if __name__ == "__main__":
    main()
