"""Résumé facts: precision and recall of `extract_resume_facts` per field (issue 21).

Scores the reader against `tests/fixtures/resumes/`: the tuning part (what it was tuned
on) and the held-out part (written first, never tuned on). Prints micro-averaged
precision and recall of employers, roles, projects and skills for both parts; `--misses`
also lists what each résumé missed and what it returned that no label names.
Run: `.venv/bin/python benchmarks/resume_facts.py [--misses]`.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support_resume_facts import FIELDS, labelled, score


def main() -> None:
    """Print precision and recall per field on the tuning and held-out résumés."""
    show_misses = "--misses" in sys.argv[1:]
    for part in ("tuning", "held_out"):
        scores = score(part)
        print(f"{part}: {len(labelled(part))} résumés")
        for field_name in FIELDS:
            result = scores[field_name]
            print(
                f"  {field_name:>9}: {result.expected} labelled, {result.found} returned, "
                f"{result.correct} right: precision {result.precision:.2f}, "
                f"recall {result.recall:.2f}"
            )
            if show_misses:
                for name, values in result.misses:
                    print(f"      missed {values} in {name}")
                for name, values in result.extras:
                    print(f"      extra  {values} in {name}")


if __name__ == "__main__":
    main()
