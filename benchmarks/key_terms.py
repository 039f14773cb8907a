"""Key-term precision and recall on the labelled job-ad sentences (issue 19, item 3).

Scores `extract_key_terms` against `tests/fixtures/key_terms/`: the tuning part (what the
extractor was tuned on) and the held-out part (never tuned on). A returned term is right
when it names a labelled term (forms of one thing, such as Postgres and PostgreSQL, count
as one). Prints micro-averaged precision and recall for both parts; `--misses` also lists
what each part missed and what it returned that no label names.
Run: `.venv/bin/python benchmarks/key_terms.py [--misses]`.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support_key_terms import score


def main() -> None:
    """Print precision and recall on the tuning and held-out sentences."""
    show_misses = "--misses" in sys.argv[1:]
    for part in ("tuning", "held_out"):
        result = score(part)
        print(
            f"{part:>8}: {result.sentences} sentences, {result.expected} labelled terms, "
            f"{result.found} returned, {result.correct} right: "
            f"precision {result.precision:.2f}, recall {result.recall:.2f}"
        )
        if show_misses:
            for sentence, terms in result.misses:
                print(f"    missed {terms}: {sentence}")
            for sentence, terms in result.extras:
                print(f"    extra  {terms}: {sentence}")


if __name__ == "__main__":
    main()
