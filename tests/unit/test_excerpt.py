"""A card's excerpt of a job description: short text whole, long text cut at a word."""

from __future__ import annotations

from interview_app.state.job_infos import EXCERPT_CHARS, excerpt


def test_a_short_description_is_shown_whole() -> None:
    assert excerpt("Python services.") == "Python services."


def test_a_long_description_is_cut_at_a_word_with_an_ellipsis() -> None:
    text = "word " * 100
    cut = excerpt(text)
    assert len(cut) <= EXCERPT_CHARS + 1
    assert cut.endswith("word…")


def test_one_unbroken_word_is_cut_where_the_limit_falls() -> None:
    assert excerpt("x" * 500, limit=10) == "x" * 10 + "…"
