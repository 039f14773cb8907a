"""The structure of interview feedback (SPEC §7), whoever wrote it.

Both Gemini's feedback and the automatic feedback built from delivery metrics are a
`FeedbackReport`: an overall score, the seven categories in order with a score out of 10
(or none, when the category could not be measured: pace and pauses of typed answers) and
markdown each, the top strengths and improvements, and an `AnswerReview` of every
question the interviewer asked. It is stored as JSON beside the rendered markdown, so
scores can be compared across interviews; fields added later have defaults, so reports
stored before them still read.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, field_validator

from interview_app.services.feedback.messages import message
from interview_app.services.transcript_entry import MAX_TOTAL_CHARS

FEEDBACK_CATEGORIES: tuple[str, ...] = (
    "Communication Clarity",
    "Confidence and Emotional State",
    "Response Quality",
    "Pacing and Timing",
    "Engagement and Interaction",
    "Role Fit & Alignment",
    "Overall Strengths & Areas for Improvement",
)

FeedbackGenerator = Literal["llm", "gemini", "automatic"]
StarPart = Literal["situation", "task", "action", "result"]
# A transcript holds at most MAX_TOTAL_CHARS; joined messages and bracketed prompts add a
# little to it.
_TEXT_CAP = 2 * MAX_TOTAL_CHARS


class CategoryFeedback(BaseModel):
    """One category: its score out of 10 and what the candidate should know.

    `score` is None when the category was not measured (pacing of typed answers); it then
    shows as "not measured" and counts towards no overall score.
    """

    name: str = Field(min_length=1, max_length=100)
    score: int | None = Field(ge=0, le=10)
    markdown: str = Field(min_length=1, max_length=20_000)


class AnswerReview(BaseModel):
    """The review of one answer: the interviewer's question and what the candidate said.

    Attributes:
        question_index: 0-based position among the interview's questions
            (`answers.pair_answers`).
        question: The interviewer's question.
        answer: The candidate's answer, its messages joined ("" when unanswered).
        score: Out of 10 (0 for an unanswered question); None when the automatic review
            cannot judge the interview's language.
        star: The STAR parts found, among situation, task, action, result, in that order.
        worked: What worked (short markdown; "" when nothing did).
        improve: What to improve (short markdown).
        stronger_version: A stronger version of the answer, built from the candidate's own
            facts; where a fact is missing it says what to add, never inventing one.
        verdict: One line.
        quotes: The candidate's own words, each checked against the transcript.
        resume_notes: Where the answer could have used something from the linked résumé
            that fits the question, and where it claims what the résumé does not support
            (empty without a résumé).
        language: The language the review is written in (ISO 639-1).
    """

    question_index: int = Field(ge=0)
    # Question, answer and the scaffold built from it are as long as the transcript allows.
    question: str = Field(max_length=_TEXT_CAP)
    answer: str = Field(max_length=_TEXT_CAP)
    score: int | None = Field(ge=0, le=10)
    star: list[StarPart] = Field(default_factory=list)
    worked: str = Field(default="", max_length=10_000)
    improve: str = Field(default="", max_length=10_000)
    stronger_version: str = Field(default="", max_length=_TEXT_CAP)
    verdict: str = Field(default="", max_length=1_000)
    quotes: list[str] = Field(default_factory=list, max_length=10)
    resume_notes: list[str] = Field(default_factory=list, max_length=10)
    language: str = Field(default="en", max_length=8)


class FeedbackReport(BaseModel):
    """Structured feedback on one interview.

    `language` is the interview's language, which every text the candidate reads is
    written in; the keys and the category names stay English.
    """

    overall_score: int = Field(ge=0, le=10)
    summary: str = Field(min_length=1, max_length=5_000)
    categories: list[CategoryFeedback]
    strengths: list[str] = Field(default_factory=list, max_length=10)
    improvements: list[str] = Field(default_factory=list, max_length=10)
    generator: FeedbackGenerator = "gemini"
    answers: list[AnswerReview] = Field(default_factory=list)
    quotes_dropped: int = Field(default=0, ge=0)
    key_terms: list[str] = Field(default_factory=list)
    candidate_questions: list[str] = Field(default_factory=list)
    language: str = Field(default="en", max_length=8)

    @field_validator("categories")
    @classmethod
    def _all_seven_in_order(cls, categories: list[CategoryFeedback]) -> list[CategoryFeedback]:
        names = tuple(category.name.strip() for category in categories)
        if names != FEEDBACK_CATEGORIES:
            msg = f"expected the categories {FEEDBACK_CATEGORIES}, got {names}"
            raise ValueError(msg)
        return categories


def stored_report(feedback_json: str | None) -> FeedbackReport | None:
    """Read a report stored as JSON (`interviews.feedback_json`).

    Args:
        feedback_json: The stored JSON, if any.

    Returns:
        The report, or None when none is stored or it predates this structure.
    """
    if not feedback_json:
        return None
    try:
        return FeedbackReport.model_validate_json(feedback_json)
    except ValueError:
        return None


def score_text(score: int | None, language: str | None = None) -> str:
    """Write a category's score as a heading shows it.

    Args:
        score: Out of 10, or None when not measured.
        language: The report's language, for "not measured" (English when None).

    Returns:
        `7/10`, or `not measured` in the language.
    """
    return message(language, "not_measured") if score is None else f"{score}/10"


def render_markdown(report: FeedbackReport) -> str:
    """Render a report as the markdown shown on the interview page (no h1).

    The per-answer reviews are not in it: the page shows them as cards of their own
    (`render_answers_markdown` writes them for files and the command line).

    Args:
        report: The feedback.

    Returns:
        Markdown with the overall rating first, then one `##` section per category, its
        headings in the report's language.
    """
    language = report.language
    heading = message(language, "heading.overall")
    parts = [f"## {heading}: {report.overall_score}/10", "", report.summary.strip()]
    if report.generator == "automatic":
        parts[2:2] = [message(language, "automatic_note"), ""]
    for index, category in enumerate(report.categories):
        # The categories are named in the report's language; their keys stay English.
        name = message(language, f"category.{index}")
        parts += [
            "",
            f"## {name}: {score_text(category.score, language)}",
            "",
            category.markdown.strip(),
        ]
    for key, items in (
        ("heading.strengths", report.strengths),
        ("heading.improvements", report.improvements),
    ):
        if items:
            parts += [
                "",
                f"### {message(language, key)}",
                "",
                *(f"- {item.strip()}" for item in items),
            ]
    return "\n".join(parts) + "\n"


def render_answers_markdown(report: FeedbackReport) -> str:
    """Render the per-answer reviews as markdown, one `###` section per question.

    Args:
        report: The feedback.

    Returns:
        Markdown under a `## Your answers` heading (in the report's language), or "" when
        the report has none.
    """
    if not report.answers:
        return ""
    language = report.language

    def say(key: str, **values: object) -> str:
        return message(language, key, **values)

    parts = [f"## {say('answers.heading')}"]
    for review in report.answers:
        score = score_text(review.score, language)
        answer = " ".join(review.answer.split()) or say("answers.no_answer")
        parts += [
            "",
            f"### {say('answers.question', number=review.question_index + 1)}: {score}",
            "",
            f"> {' '.join(review.question.split())}",
            "",
            f"**{say('answers.your_answer')}:** {answer}",
        ]
        if review.verdict:
            parts += ["", f"**{say('answers.verdict')}:** {review.verdict}"]
        star = ", ".join(say(f"star.{part}") for part in review.star)
        parts += ["", f"**{say('answers.star')}:** {star or say('answers.none')}"]
        if review.resume_notes:
            parts += [
                "",
                f"**{say('answers.resume')}**",
                "",
                *(f"- {note}" for note in review.resume_notes),
            ]
        for key, text in (
            ("answers.worked", review.worked),
            ("answers.improve", review.improve),
            ("answers.stronger", review.stronger_version),
        ):
            if text.strip():
                parts += ["", f"**{say(key)}**", "", text.strip()]
    return "\n".join(parts) + "\n"
