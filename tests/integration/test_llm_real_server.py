"""The LLM_* settings against a real OpenAI-compatible server: llama.cpp with SmolLM2-135M.

Marked `server` (it starts a server process); skipped, with the reason, when xllamacpp or
the model package is not installed. A practice follow-up is the request: short enough for
a 135M model on two busy cores, and it goes through everything a feedback request does
(the JSON schema in `response_format`, the answer's lenient reading, the model budget).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from sqlmodel import Session

from interview_app.config import get_settings
from interview_app.services.calls.follow_ups import (
    FOLLOW_UP_MAX_TOKENS,
    FOLLOW_UP_SCHEMA,
    FOLLOW_UP_SYSTEM_PROMPT,
    build_follow_up_prompt,
    write_follow_up,
)
from interview_app.services.calls.practice import follow_up_draft
from interview_app.services.llm.chat import ask_for_json
from tests.integration.test_practice import practice
from tests.integration.test_practice_follow_ups import (
    follow_up_after,
    model_calls,
    save_role_answer,
)
from tests.support_llm_server import running_llama_server, smollm2_model, why_no_real_server

__all__ = ["practice"]  # the practice fixture of test_practice.py, shared

pytestmark = [
    pytest.mark.server,
    pytest.mark.skipif(why_no_real_server() is not None, reason=why_no_real_server() or ""),
]


@pytest.fixture(scope="module")
def llama_server() -> Iterator[str]:
    model = smollm2_model()
    assert model is not None
    with running_llama_server(model) as base_url:
        yield base_url


async def test_a_real_model_writes_the_follow_up(
    llama_server: str, session: Session, practice, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With /v1, as Ollama and llama.cpp document their base URLs.
    monkeypatch.setenv("LLM_BASE_URL", f"{llama_server}/v1")
    monkeypatch.setenv("LLM_MODEL", "smollm2")
    # Bounded, but long enough for a 135M model on two cores that other tests keep busy.
    monkeypatch.setenv("LLM_FOLLOW_UP_TIMEOUT_SECONDS", "120")
    monkeypatch.setenv("LLM_TIMEOUT_SECONDS", "120")
    get_settings.cache_clear()
    user, _, interview = practice
    position = save_role_answer(session, user, interview)
    draft = follow_up_draft(
        session=session, user_id=user.id, interview_id=interview.id, position=position
    )
    assert draft is not None

    started = time.monotonic()
    view = await write_follow_up(user_id=user.id, interview_id=interview.id, position=position)
    elapsed = time.monotonic() - started

    # The model was asked and a follow-up stored: the model's, or the rule's when this
    # 135M model's question was unusable (it often echoes the question it was shown).
    question = follow_up_after(view, position)
    print(f"real server round trip: {elapsed:.1f} s; follow-up: {question!r}")
    assert question is not None
    assert model_calls(session, user) == 1

    # The protocol itself: the schema-constrained answer is read as the app reads it.
    text = await ask_for_json(
        settings=get_settings(),
        system=FOLLOW_UP_SYSTEM_PROMPT,
        user=build_follow_up_prompt(draft),
        schema_name="follow_up_question",
        schema=FOLLOW_UP_SCHEMA,
        max_tokens=FOLLOW_UP_MAX_TOKENS,
    )
    print(f"the model answered: {text!r}")
    # The server applied the JSON schema: the answer is the schema's object from its first
    # character. (A 135M model may ramble inside the string until `max_tokens` cuts it off,
    # so the whole object need not close; the app falls back to the rule-based question.)
    assert re.match(r'\s*\{\s*"question"\s*:\s*"', text), text
