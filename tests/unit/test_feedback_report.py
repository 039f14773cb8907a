import pytest
from pydantic import ValidationError

from interview_app.services.feedback.report import (
    FEEDBACK_CATEGORIES,
    CategoryFeedback,
    FeedbackReport,
    render_markdown,
)


def make_report(**changes) -> FeedbackReport:
    fields = {
        "overall_score": 7,
        "summary": "You answered clearly.",
        "categories": [
            CategoryFeedback(name=name, score=index + 1, markdown=f"About {name}.")
            for index, name in enumerate(FEEDBACK_CATEGORIES)
        ],
        "strengths": ["Concrete examples"],
        "improvements": ["Slow down at 03:12"],
    }
    return FeedbackReport(**{**fields, **changes})


def test_markdown_starts_with_the_overall_rating_and_scores_each_category():
    markdown = render_markdown(make_report())
    assert markdown.startswith("## Overall Rating: 7/10\n")
    assert not any(line.startswith("# ") for line in markdown.splitlines())
    positions = [
        markdown.index(f"## {name}: {i + 1}/10") for i, name in enumerate(FEEDBACK_CATEGORIES)
    ]
    assert positions == sorted(positions)
    assert "- Slow down at 03:12" in markdown
    assert "Automatic feedback" not in markdown


def test_automatic_feedback_is_labelled():
    assert "Automatic feedback" in render_markdown(make_report(generator="automatic"))


@pytest.mark.parametrize(
    "changes",
    [
        {"overall_score": 11},
        {"categories": []},
        {
            "categories": [
                CategoryFeedback(name=n, score=5, markdown="x") for n in FEEDBACK_CATEGORIES[::-1]
            ]
        },
        {"summary": ""},
    ],
)
def test_invalid_structures_are_refused(changes):
    with pytest.raises(ValidationError):
        make_report(**changes)
