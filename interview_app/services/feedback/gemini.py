"""The Gemini feedback generator: structured feedback from the model (SPEC §7)."""

from __future__ import annotations

import logging

from google import genai
from google.genai import types as genai_types

from interview_app.config import Settings
from interview_app.services.errors import FeedbackError
from interview_app.services.feedback.prompt import (
    SYSTEM_PROMPT,
    FeedbackInputs,
    GeminiFeedback,
    build_prompt,
    parse_feedback,
)
from interview_app.services.feedback.report import FeedbackReport

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


async def report_from_gemini(inputs: FeedbackInputs, settings: Settings) -> FeedbackReport:
    """Ask Gemini for structured feedback on one interview.

    429, 5xx and timeouts are retried with exponential backoff by the client
    (`GEMINI_RETRY_ATTEMPTS` attempts in all).

    Args:
        inputs: The transcript, candidate and job.
        settings: Key, model, base URL, timeout and retries.

    Returns:
        The validated report.

    Raises:
        FeedbackError: Gemini failed, refused, answered nothing or an invalid structure.
    """
    client = _gemini_client(settings)
    try:
        response = await client.aio.models.generate_content(
            model=settings.gemini_model,
            contents=build_prompt(inputs),
            config=genai_types.GenerateContentConfig(
                system_instruction=SYSTEM_PROMPT,
                response_mime_type="application/json",
                response_schema=GeminiFeedback,
                temperature=0.4,
            ),
        )
    except genai.errors.APIError as error:
        logger.warning("Gemini failed the feedback request: HTTP %s %s", error.code, error.status)
        raise FeedbackError() from error
    finally:
        await client.aio.aclose()
    try:
        return parse_feedback(response.text)
    except ValueError as error:
        blocked = response.prompt_feedback.block_reason if response.prompt_feedback else None
        logger.warning("Gemini's feedback was unusable (%s; block reason %s)", error, blocked)
        raise FeedbackError() from error
