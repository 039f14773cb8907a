"""Feedback from any OpenAI-compatible model: the Gemini prompt over chat completions (SPEC §7).

One prompt, two transports: the system and user messages, the structure asked for
(`GeminiFeedback`, `GeminiAnswer`) and the lenient parsing are the Gemini generator's
(`prompt`); only the request differs (`services.llm.chat`).
"""

from __future__ import annotations

import logging

from interview_app.config import Settings
from interview_app.services.errors import FeedbackError
from interview_app.services.feedback.answers import AnswerInputs, pair_answers
from interview_app.services.feedback.gemini import complete_reviews
from interview_app.services.feedback.prompt import (
    ANSWER_SYSTEM_PROMPT,
    SYSTEM_PROMPT,
    FeedbackInputs,
    GeminiAnswer,
    GeminiFeedback,
    build_answer_prompt,
    build_prompt,
    parse_answer_review,
    parse_feedback,
)
from interview_app.services.feedback.report import AnswerReview, FeedbackReport
from interview_app.services.llm.chat import ModelCallError, ask_for_json, strict_json_schema

logger = logging.getLogger(__name__)

REPORT_SCHEMA = strict_json_schema(GeminiFeedback)
ANSWER_SCHEMA = strict_json_schema(GeminiAnswer)


async def report_from_llm(inputs: FeedbackInputs, settings: Settings) -> FeedbackReport:
    """Ask the model for structured feedback on one interview, with a review of every answer.

    Args:
        inputs: The transcript, candidate and job.
        settings: The `LLM_*` settings.

    Returns:
        The validated report, labelled `llm`; questions the model skipped get the
        automatic review.

    Raises:
        FeedbackError: The server failed on every attempt, refused, answered nothing or
            something that is not feedback.
    """
    try:
        text = await ask_for_json(
            settings=settings,
            system=SYSTEM_PROMPT,
            user=build_prompt(inputs),
            schema_name="interview_feedback",
            schema=REPORT_SCHEMA,
        )
    except ModelCallError as error:
        raise FeedbackError() from error
    try:
        report = parse_feedback(
            text,
            pair_answers(inputs.transcript),
            language=inputs.language,
            with_resume=bool(inputs.resume_text.strip()),
        )
    except ValueError as error:
        logger.warning("The model's feedback was unusable (%s)", error)
        raise FeedbackError() from error
    report = report.model_copy(update={"generator": "llm"})
    return complete_reviews(report, inputs)


async def review_from_llm(inputs: AnswerInputs, settings: Settings) -> AnswerReview:
    """Ask the model to review one answer (a retried question).

    Args:
        inputs: The question, the answer's messages and the job.
        settings: The `LLM_*` settings.

    Returns:
        The validated review.

    Raises:
        FeedbackError: The server failed, refused, or answered something unusable.
    """
    try:
        text = await ask_for_json(
            settings=settings,
            system=ANSWER_SYSTEM_PROMPT,
            user=build_answer_prompt(inputs),
            schema_name="answer_review",
            schema=ANSWER_SCHEMA,
        )
    except ModelCallError as error:
        raise FeedbackError() from error
    try:
        return parse_answer_review(text, inputs)
    except ValueError as error:
        logger.warning("The model's answer review was unusable (%s)", error)
        raise FeedbackError() from error
