"""Practice follow-up questions written by the installation's model (SPEC §6).

With an OpenAI-compatible model set up (`LLM_BASE_URL`, `LLM_MODEL`), the follow-up an
answer calls for is written by the model, reacting to what the candidate said; the rules
of `practice` still decide which answers get one. The answer is saved first
(`practice.save_practice_answer` without its follow-up); the model is then asked with no
database session open, and the follow-up stored (`practice.add_follow_up`). Any failure
(the server down or slow past `LLM_FOLLOW_UP_TIMEOUT_SECONDS`, an unusable answer, the
user's model calls of the day used up) asks the rule-based follow-up instead, so the
practice never stalls on the model. Each model follow-up counts as one model call.
"""

from __future__ import annotations

import asyncio
import logging
import re
import uuid
from typing import TypeVar

from pydantic import BaseModel

from interview_app.config import Settings, get_settings
from interview_app.db import run_in_session
from interview_app.services.calls.practice import (
    FollowUpDraft,
    PracticeView,
    add_follow_up,
    follow_up_draft,
    open_practice,
)
from interview_app.services.interviews.model_budget import take_model_call
from interview_app.services.languages import language_for
from interview_app.services.llm.chat import (
    ModelCallError,
    ask_for_json,
    llm_configured,
    parse_json_object,
    strict_json_schema,
)

T = TypeVar("T")

logger = logging.getLogger(__name__)

# Small local models lose the thread in a long prompt; the description's start says enough.
MAX_DESCRIPTION_CHARACTERS = 3_000
MAX_QUESTION_CHARACTERS = 300
MIN_QUESTION_CHARACTERS = 10
# A question is a few dozen tokens; a model that rambles past this is cut off, not waited for.
FOLLOW_UP_MAX_TOKENS = 160

FOLLOW_UP_SYSTEM_PROMPT = """\
You are an experienced interviewer holding a mock job interview. The candidate has just \
answered one of your questions. Ask ONE follow-up question that reacts to what they \
actually said: ask for their own part when they said "we", for the outcome when they did \
not give one, for a number when the outcome had none, or for what they would do \
differently, whichever their answer lacks most. Refer to something they said. Keep it to \
one or two sentences, spoken naturally. Do not praise, judge or coach, and do not repeat \
the original question. Answer as JSON: {"question": "..."}.
"""


class FollowUpAnswer(BaseModel):
    """The structure the model is asked to answer with."""

    question: str


FOLLOW_UP_SCHEMA = strict_json_schema(FollowUpAnswer)


def build_follow_up_prompt(draft: FollowUpDraft) -> str:
    """Write the user message of a follow-up request.

    Args:
        draft: The answered question, the answer and the job.

    Returns:
        The message, in plain text with labelled sections.
    """
    description = draft.job_description.strip()[:MAX_DESCRIPTION_CHARACTERS]
    language = language_for(draft.language)
    # English is what the model writes unasked; any other language is named, in English and
    # in its own words (small models follow a language's own name best).
    parts = (
        [
            "## Language",
            f"Ask your question in {language.name} ({language.native_name}), the language "
            "of this interview.",
            "",
        ]
        if language.code != "en"
        else []
    )
    parts += [
        "## Job",
        f"Title: {draft.job_title.strip() or 'not given'}",
        f"Experience level: {draft.experience_level}",
        "Description:",
        description,
        "",
        "## Your question",
        " ".join(draft.question.split()),
        "",
        "## The candidate's answer",
        " ".join(draft.answer.split()),
    ]
    return "\n".join(parts) + "\n"


def parse_follow_up(text: str | None) -> str | None:
    """Read the follow-up question in the model's answer, leniently.

    Accepts the JSON asked for (perhaps fenced or amid prose), a JSON object whose only
    text is the question under another name, or a bare question.

    Args:
        text: The model's answer.

    Returns:
        The question on one line, or None when the answer holds no usable question (none
        with a question mark, too short, or longer than `MAX_QUESTION_CHARACTERS`).
    """
    try:
        data = parse_json_object(text)
    except ValueError:
        question = text or ""
    else:
        strings = [value for value in data.values() if isinstance(value, str)]
        raw = data.get("question")
        question = raw if isinstance(raw, str) else (strings[0] if len(strings) == 1 else "")
    question = " ".join(question.split()).strip("\"' ")
    # Japanese and Chinese write the question mark full width.
    if not ("?" in question or "\uff1f" in question) or not (
        MIN_QUESTION_CHARACTERS <= len(question) <= MAX_QUESTION_CHARACTERS
    ):
        return None
    # A question spoken by the practice's voice: no markdown emphasis or list marks.
    return re.sub(r"[*_`#]+", "", question).lstrip("- ").strip() or None


async def _model_question(
    user_id: uuid.UUID | str, draft: FollowUpDraft, settings: Settings
) -> str | None:
    """The model's follow-up, or None to ask the rule-based one."""
    if not await run_in_session(take_model_call, user_id=user_id):
        logger.info("A follow-up was rule-based: the user's model calls of the day are used up")
        return None
    try:
        async with asyncio.timeout(settings.llm_follow_up_timeout_seconds):
            text = await ask_for_json(
                settings=settings,
                system=FOLLOW_UP_SYSTEM_PROMPT,
                user=build_follow_up_prompt(draft),
                schema_name="follow_up_question",
                schema=FOLLOW_UP_SCHEMA,
                temperature=0.7,
                max_tokens=FOLLOW_UP_MAX_TOKENS,
            )
    except (ModelCallError, TimeoutError) as error:
        logger.warning("A follow-up was rule-based: the model failed (%s)", type(error).__name__)
        return None
    question = parse_follow_up(text)
    if question is None:
        logger.warning("A follow-up was rule-based: the model's answer held no question")
    elif _same_words(question, draft.question):
        # Small models echo the question they were shown; asking it again reacts to nothing.
        logger.warning("A follow-up was rule-based: the model repeated the question")
        return None
    return question


def _same_words(first: str, second: str) -> bool:
    return re.findall(r"\w+", first.casefold()) == re.findall(r"\w+", second.casefold())


async def write_follow_up(
    *, user_id: uuid.UUID | str, interview_id: uuid.UUID | str, position: int
) -> PracticeView:
    """Add the follow-up a saved answer calls for, written by the model when there is one.

    Args:
        user_id: The acting user.
        interview_id: One of the user's practice interviews, not finished.
        position: The answered question's `position`.

    Returns:
        The practice, with the follow-up when the answer called for one.

    Raises:
        NotFoundError: Not the user's interview.
        PermissionDeniedError: Not a practice interview, or finished already.
        InvalidInputError: No such question (under the key `answer`).
    """
    settings = get_settings()
    draft = await run_in_session(
        follow_up_draft, user_id=user_id, interview_id=interview_id, position=position
    )
    if draft is None:
        return await run_in_session(open_practice, user_id=user_id, interview_id=interview_id)
    question = None
    if llm_configured(settings):
        question = await _model_question(user_id, draft, settings)
    return await run_in_session(
        add_follow_up,
        user_id=user_id,
        interview_id=interview_id,
        position=position,
        question=question or draft.rule_question,
    )
