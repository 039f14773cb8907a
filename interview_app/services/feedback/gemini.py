"""The Gemini feedback generator: structured feedback from the model (SPEC §7).

One request writes the whole report with a review of every answer; a retried question is
reviewed alone with a smaller prompt. Both ask for JSON in a response schema.
"""

from __future__ import annotations

import logging

from google import genai
from google.genai import types as genai_types

from interview_app.config import Settings
from interview_app.services.delivery.metrics import compute_metrics
from interview_app.services.errors import FeedbackError
from interview_app.services.feedback.answers import (
    AnswerInputs,
    answer_figures,
    pair_answers,
    review_from_figures,
)
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
from interview_app.services.feedback.report import (
    FEEDBACK_CATEGORIES,
    AnswerReview,
    FeedbackReport,
)
from interview_app.services.jobs.key_terms import extract_key_terms

logger = logging.getLogger(__name__)

_RETRIED_STATUS_CODES = [408, 429, 500, 502, 503, 504]


def _gemini_client(settings: Settings) -> genai.Client:
    return genai.Client(
        api_key=settings.gemini_api_key,
        http_options=genai_types.HttpOptions(
            base_url=settings.gemini_base_url,
            timeout=int(settings.gemini_timeout_seconds * 1000),
            retry_options=genai_types.HttpRetryOptions(
                attempts=settings.gemini_retry_attempts,
                initial_delay=settings.gemini_retry_initial_delay_seconds,
                max_delay=30.0,
                # Random extra wait, in seconds, so that retries of many callers spread out.
                jitter=settings.gemini_retry_initial_delay_seconds,
                http_status_codes=_RETRIED_STATUS_CODES,
            ),
        ),
    )


async def _ask(contents: str, system: str, schema: type, settings: Settings) -> str | None:
    """Ask Gemini for JSON in a structure; its text, or FeedbackError on an API failure."""
    client = _gemini_client(settings)
    try:
        response = await client.aio.models.generate_content(
            model=settings.gemini_model,
            contents=contents,
            config=genai_types.GenerateContentConfig(
                system_instruction=system,
                response_mime_type="application/json",
                response_schema=schema,
                temperature=0.4,
            ),
        )
    except genai.errors.APIError as error:
        logger.warning("Gemini failed the feedback request: HTTP %s %s", error.code, error.status)
        raise FeedbackError() from error
    finally:
        await client.aio.aclose()
    if not (response.text or "").strip():
        blocked = response.prompt_feedback.block_reason if response.prompt_feedback else None
        logger.warning("Gemini's feedback was empty (block reason %s)", blocked)
    return response.text


def complete_reviews(report: FeedbackReport, inputs: FeedbackInputs) -> FeedbackReport:
    """Fill in what the model's report leaves to the transcript, the same as the rubric's.

    Every question gets a review (the automatic one, in the interview's language, where
    the model skipped it), the report names the job's key terms and the questions the
    candidate asked, and Pacing and Timing is not measured when no answer was spoken.

    Args:
        report: The model's report.
        inputs: The interview's transcript, job, language and résumé.

    Returns:
        The completed report.
    """
    transcript, language = inputs.transcript, inputs.language
    key_terms = extract_key_terms(inputs.job_description, language=language)
    metrics = compute_metrics(transcript, key_terms, language)
    written = {review.question_index: review for review in report.answers}
    reviews = [
        written.get(pair.question_index)
        or review_from_figures(
            question_index=pair.question_index,
            question=pair.question,
            figures=answer_figures(pair.question_entries, pair.answer, key_terms, language),
            key_terms=key_terms,
            language=language,
        )
        for pair in pair_answers(transcript)
    ]
    categories = report.categories
    if metrics.answers and not metrics.spoken_answers:
        categories = [
            category.model_copy(update={"score": None})
            if category.name == FEEDBACK_CATEGORIES[3]
            else category
            for category in categories
        ]
    return report.model_copy(
        update={
            "answers": reviews,
            "categories": categories,
            "key_terms": key_terms,
            "candidate_questions": list(metrics.candidate_questions),
        }
    )


async def report_from_gemini(inputs: FeedbackInputs, settings: Settings) -> FeedbackReport:
    """Ask Gemini for structured feedback on one interview, with a review of every answer.

    429, 5xx and timeouts are retried with exponential backoff by the client
    (`GEMINI_RETRY_ATTEMPTS` attempts in all). Questions the model did not review get the
    automatic review (`complete_reviews`).

    Args:
        inputs: The transcript, candidate and job.
        settings: Key, model, base URL, timeout and retries.

    Returns:
        The validated report.

    Raises:
        FeedbackError: Gemini failed, refused, answered nothing or an invalid structure.
    """
    text = await _ask(build_prompt(inputs), SYSTEM_PROMPT, GeminiFeedback, settings)
    try:
        report = parse_feedback(
            text,
            pair_answers(inputs.transcript),
            language=inputs.language,
            with_resume=bool(inputs.resume_text.strip()),
        )
    except ValueError as error:
        logger.warning("Gemini's feedback was unusable (%s)", error)
        raise FeedbackError() from error
    return complete_reviews(report, inputs)


async def review_from_gemini(inputs: AnswerInputs, settings: Settings) -> AnswerReview:
    """Ask Gemini to review one answer (a retried question).

    Args:
        inputs: The question, the answer's messages and the job.
        settings: Key, model, base URL, timeout and retries.

    Returns:
        The validated review.

    Raises:
        FeedbackError: Gemini failed, refused, answered nothing or an invalid structure.
    """
    text = await _ask(build_answer_prompt(inputs), ANSWER_SYSTEM_PROMPT, GeminiAnswer, settings)
    try:
        return parse_answer_review(text, inputs)
    except ValueError as error:
        logger.warning("Gemini's answer review was unusable (%s)", error)
        raise FeedbackError() from error
