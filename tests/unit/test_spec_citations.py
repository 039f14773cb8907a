"""Every "SPEC §N" the code cites names a section of docs/spec.md."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CITATION = re.compile(r"SPEC §(\d+)")
SECTION = re.compile(r"^## (\d+)\. ", re.MULTILINE)


def test_every_spec_citation_names_a_section_that_exists() -> None:
    sections = set(SECTION.findall((ROOT / "docs" / "spec.md").read_text()))
    cited: dict[str, set[str]] = {}
    for folder in ("interview_app", "tests", "benchmarks"):
        for path in (ROOT / folder).rglob("*.py"):
            for number in CITATION.findall(path.read_text()):
                cited.setdefault(number, set()).add(str(path.relative_to(ROOT)))
    assert cited, "the code cites the spec"
    missing = {number: sorted(paths) for number, paths in cited.items() if number not in sections}
    assert missing == {}
