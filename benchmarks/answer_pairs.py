"""Strong against weak answers to the same questions, scored by the automatic review.

Reads the ten pairs in `tests/fixtures/answer_pairs/pairs.json` (held out: written after
the scoring rules, never used to tune them), scores each answer with
`review_answer_automatically`, and prints each pair's scores, how often the strong answer
scored higher, and the mean margin in points out of 10.
Run: `.venv/bin/python benchmarks/answer_pairs.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support_answer_pairs import compare_pairs


def main() -> None:
    """Print the pairs' scores, the strong answers' wins and the mean margin."""
    scores = compare_pairs()
    for score in scores:
        print(f"strong {score.strong:2d}  weak {score.weak:2d}  {score.question}")
    wins = sum(1 for score in scores if score.strong > score.weak)
    mean_margin = sum(score.margin for score in scores) / len(scores)
    print(
        f"strong scored higher in {wins} of {len(scores)} pairs; "
        f"mean margin {mean_margin:.1f} points out of 10"
    )


if __name__ == "__main__":
    main()
