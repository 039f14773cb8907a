"""JSON answers from any OpenAI-compatible chat-completions server (SPEC §7, §9).

`LLM_BASE_URL` and `LLM_MODEL` select the server: a team's own Ollama, vLLM or llama.cpp
server, or a hosted one; `LLM_API_KEY` is sent as a bearer token when set. The base URL
may end in `/v1` or not (`http://127.0.0.1:11434` and `http://127.0.0.1:11434/v1` are the
same server): requests go to `{base}/v1/chat/completions` either way.

Each request asks for JSON in a schema through `response_format` (`json_schema`, built
from the same pydantic models the Gemini transport sends), is retried on 408, 429, 5xx,
timeouts and dropped connections with exponential backoff, and its answer is read
leniently: content as a string or as a list of text parts, a model's `<think>` block
before the JSON, and the JSON itself in a code fence or amid prose are all accepted.
"""

from __future__ import annotations

import copy
import json
import logging
import re
from typing import Any

import httpx
from pydantic import BaseModel
from tenacity import (
    AsyncRetrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential_jitter,
)

from interview_app.config import Settings

logger = logging.getLogger(__name__)

_RETRIED_STATUS_CODES = frozenset({408, 429, 500, 502, 503, 504})
_MAX_RETRY_DELAY_SECONDS = 30.0
# Reasoning models served by Ollama or vLLM may think aloud before the answer.
_THINKING = re.compile(r"<think>.*?</think>", re.DOTALL | re.IGNORECASE)
# A code fence around the JSON, anywhere in the answer (some models add a sentence first).
_FENCE = re.compile(r"```(?:json)?\s*(.*?)\s*```", re.DOTALL | re.IGNORECASE)


class ModelCallError(Exception):
    """The model server failed, refused or answered nothing; the message holds no secret."""


class _RetriableStatusError(ModelCallError):
    """An HTTP status worth another try (408, 429, 5xx)."""


def llm_configured(settings: Settings) -> bool:
    """Whether an OpenAI-compatible model is set up (`LLM_BASE_URL` and `LLM_MODEL`).

    Args:
        settings: The settings.

    Returns:
        True when both are set.
    """
    return bool((settings.llm_base_url or "").strip() and (settings.llm_model or "").strip())


def chat_completions_url(base_url: str) -> str:
    """The chat-completions endpoint of a server, whether its base URL ends in `/v1` or not.

    Args:
        base_url: `LLM_BASE_URL`, e.g. `http://127.0.0.1:8080` or `https://host/v1/`.

    Returns:
        The URL ending in `/v1/chat/completions`.
    """
    base = base_url.strip().rstrip("/")
    if not base.endswith("/v1"):
        base += "/v1"
    return f"{base}/chat/completions"


def _inline(node: Any, definitions: dict[str, Any]) -> Any:
    if isinstance(node, list):
        return [_inline(item, definitions) for item in node]
    if not isinstance(node, dict):
        return node
    reference = node.get("$ref")
    if isinstance(reference, str):
        return _inline(copy.deepcopy(definitions[reference.rsplit("/", 1)[-1]]), definitions)
    inlined = {
        key: _inline(value, definitions)
        for key, value in node.items()
        if key not in {"$defs", "title", "default", "description", "properties"}
    }
    if isinstance(node.get("properties"), dict):
        # Property names are the answer's keys, never schema keywords to drop.
        inlined["properties"] = {
            name: _inline(value, definitions) for name, value in node["properties"].items()
        }
    if inlined.get("type") == "object" and "properties" in inlined:
        # Strict structured outputs want every property required and no others allowed.
        inlined["required"] = list(inlined["properties"])
        inlined["additionalProperties"] = False
    return inlined


def strict_json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """A pydantic model's JSON schema, self-contained, in the form strict servers accept.

    References are inlined (some servers resolve no `$ref`); titles, defaults and the
    docstrings pydantic copies into descriptions are dropped; and every object lists all
    its properties as required with no others allowed, as OpenAI's strict mode demands.
    llama.cpp, vLLM and Ollama accept the same schema.

    Args:
        model: The pydantic model of the answer.

    Returns:
        A JSON schema.
    """
    schema = model.model_json_schema()
    return _inline(schema, schema.get("$defs", {}))


def _text_of(content: object) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        # Some servers answer with content parts, as the newer OpenAI formats allow.
        return "".join(
            str(part.get("text") or "") if isinstance(part, dict) else str(part) for part in content
        )
    return ""


def answer_text(payload: object) -> str:
    """The model's text in a chat-completions answer, read leniently.

    Args:
        payload: The decoded JSON body of a `200` answer.

    Returns:
        The first choice's text, without a `<think>` block, stripped.

    Raises:
        ModelCallError: The answer has no choice, a refusal or no text.
    """
    choices = payload.get("choices") if isinstance(payload, dict) else None
    choice = choices[0] if isinstance(choices, list) and choices else None
    if not isinstance(choice, dict):
        msg = "the answer has no choices"
        raise ModelCallError(msg)
    message = choice.get("message")
    message = message if isinstance(message, dict) else {}
    if message.get("refusal"):
        msg = "the model refused"
        raise ModelCallError(msg)
    # `text` is where completions-style servers put it.
    text = _text_of(message.get("content")) or _text_of(choice.get("text"))
    text = _THINKING.sub("", text).strip()
    if not text:
        msg = f"the answer is empty (finish reason {choice.get('finish_reason')})"
        raise ModelCallError(msg)
    return text


def parse_json_object(text: str | None) -> dict[str, Any]:
    """Read the JSON object in a model's answer, forgiving how models wrap it.

    Accepts the object alone, in a code fence anywhere in the text, or amid prose (read
    from its first brace to its last).

    Args:
        text: The model's text.

    Returns:
        The object.

    Raises:
        ValueError: The text is empty, or holds no JSON object.
    """
    if not text or not text.strip():
        msg = "empty answer"
        raise ValueError(msg)
    fenced = _FENCE.search(text)
    candidate = fenced.group(1) if fenced else text.strip()
    try:
        data: Any = json.loads(candidate)
    except json.JSONDecodeError as error:
        start, end = candidate.find("{"), candidate.rfind("}")
        try:
            data = json.loads(candidate[start : end + 1]) if 0 <= start < end else None
        except json.JSONDecodeError:
            data = None
        if data is None:
            msg = f"not JSON: {error.msg}"
            raise ValueError(msg) from error
    if not isinstance(data, dict):
        msg = "not a JSON object"
        raise ValueError(msg)
    return data


def _transient(error: BaseException) -> bool:
    return isinstance(error, _RetriableStatusError | httpx.TimeoutException | httpx.TransportError)


async def _post_once(
    client: httpx.AsyncClient, url: str, body: dict[str, Any], headers: dict[str, str]
) -> str:
    response = await client.post(url, json=body, headers=headers)
    if response.status_code in _RETRIED_STATUS_CODES:
        msg = f"HTTP {response.status_code}"
        raise _RetriableStatusError(msg)
    if response.status_code != httpx.codes.OK:
        msg = f"HTTP {response.status_code}"
        raise ModelCallError(msg)
    try:
        payload = response.json()
    except ValueError as error:
        msg = "the answer is not JSON"
        raise ModelCallError(msg) from error
    return answer_text(payload)


async def ask_for_json(
    *,
    settings: Settings,
    system: str,
    user: str,
    schema_name: str,
    schema: dict[str, Any],
    temperature: float = 0.4,
    max_tokens: int | None = None,
) -> str:
    """Ask the model for JSON in a schema, retrying what is worth retrying.

    408, 429, 5xx, timeouts (`LLM_TIMEOUT_SECONDS` each) and dropped connections are tried
    again, `LLM_RETRY_ATTEMPTS` attempts in all, waiting exponentially longer from
    `LLM_RETRY_INITIAL_DELAY_SECONDS` (with jitter, at most 30 s). Other statuses fail at
    once: a wrong key or model stays wrong.

    Args:
        settings: Base URL, model, key, timeout and retries.
        system: The system message.
        user: The user message.
        schema_name: The schema's name (letters, digits, `_` and `-`).
        schema: The JSON schema of the answer (`strict_json_schema`).
        temperature: Sampling temperature.
        max_tokens: At most this many tokens in the answer (None: the server's limit).

    Returns:
        The model's text (JSON, perhaps fenced or amid prose: the caller parses it).

    Raises:
        ModelCallError: The server failed on every attempt, refused or answered nothing.
    """
    body = {
        "model": settings.llm_model,
        "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}],
        "temperature": temperature,
        "stream": False,
        **({"max_tokens": max_tokens} if max_tokens is not None else {}),
        "response_format": {
            "type": "json_schema",
            "json_schema": {"name": schema_name, "strict": True, "schema": schema},
        },
    }
    headers = {"Authorization": f"Bearer {settings.llm_api_key}"} if settings.llm_api_key else {}
    url = chat_completions_url(settings.llm_base_url or "")
    retrying = AsyncRetrying(
        stop=stop_after_attempt(settings.llm_retry_attempts),
        wait=wait_exponential_jitter(
            initial=settings.llm_retry_initial_delay_seconds,
            max=_MAX_RETRY_DELAY_SECONDS,
            jitter=settings.llm_retry_initial_delay_seconds,
        ),
        retry=retry_if_exception(_transient),
        reraise=True,
    )
    timeout = httpx.Timeout(settings.llm_timeout_seconds)
    try:
        async with httpx.AsyncClient(timeout=timeout) as client:
            text: str = await retrying(_post_once, client, url, body, headers)
    except ModelCallError as error:
        logger.warning("The model server failed the %s request: %s", schema_name, error)
        raise
    except httpx.HTTPError as error:
        # Only the kind: a transport error's message may carry the URL.
        logger.warning(
            "The model server failed the %s request (%s)", schema_name, type(error).__name__
        )
        raise ModelCallError(type(error).__name__) from error
    return text
