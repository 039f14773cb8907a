"""The structure of interview feedback (SPEC §7), whoever wrote it.

Both Gemini's feedback and the automatic feedback built from delivery metrics are a
`FeedbackReport`: an overall score, the seven categories in order with a score out of 10
and markdown each, and the top strengths and improvements. It is stored as JSON beside
the rendered markdown, so scores can be compared across interviews.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, field_validator

FEEDBACK_CATEGORIES: tuple[str, ...] = (
    "Communication Clarity",
    "Confidence and Emotional State",
    "Response Quality",
    "Pacing and Timing",
    "Engagement and Interaction",
    "Role Fit & Alignment",
    "Overall Strengths & Areas for Improvement",
)

FeedbackGenerator = Literal["gemini", "automatic"]


class CategoryFeedback(BaseModel):
    """One category: its score out of 10 and what the candidate should know."""

    name: str = Field(min_length=1, max_length=100)
    score: int = Field(ge=0, le=10)
    markdown: str = Field(min_length=1, max_length=20_000)


class FeedbackReport(BaseModel):
    """Structured feedback on one interview."""

    overall_score: int = Field(ge=0, le=10)
    summary: str = Field(min_length=1, max_length=5_000)
    categories: list[CategoryFeedback]
    strengths: list[str] = Field(default_factory=list, max_length=10)
    improvements: list[str] = Field(default_factory=list, max_length=10)
    generator: FeedbackGenerator = "gemini"

    @field_validator("categories")
    @classmethod
    def _all_seven_in_order(cls, categories: list[CategoryFeedback]) -> list[CategoryFeedback]:
        names = tuple(category.name.strip() for category in categories)
        if names != FEEDBACK_CATEGORIES:
            msg = f"expected the categories {FEEDBACK_CATEGORIES}, got {names}"
            raise ValueError(msg)
        return categories


def render_markdown(report: FeedbackReport) -> str:
    """Render a report as the markdown shown on the interview page (no h1).

    Args:
        report: The feedback.

    Returns:
        Markdown with the overall rating first, then one `##` section per category.
    """
    parts = [f"## Overall Rating: {report.overall_score}/10", "", report.summary.strip()]
    if report.generator == "automatic":
        parts[2:2] = ["", "*Automatic feedback, computed from your answers' delivery metrics.*"]
    for category in report.categories:
        parts += ["", f"## {category.name}: {category.score}/10", "", category.markdown.strip()]
    for heading, items in (
        ("Top strengths", report.strengths),
        ("Top improvements", report.improvements),
    ):
        if items:
            parts += ["", f"### {heading}", "", *(f"- {item.strip()}" for item in items)]
    return "\n".join(parts) + "\n"
