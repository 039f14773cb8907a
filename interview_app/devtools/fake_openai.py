"""A local fake of an OpenAI-compatible chat-completions server, for development and tests.

It answers the requests the app sends to `LLM_BASE_URL` the way OpenAI's API (and Ollama,
vLLM or llama.cpp's server) does: `POST /v1/chat/completions` with an optional
`Authorization: Bearer` key, a JSON body (`model`, `messages` of `role` and `content`,
`response_format`), and a `chat.completion` object
(`choices[].message.content`, `finish_reason`, `usage`). Errors use OpenAI's error body
(`{"error": {"message", "type", "param", "code"}}`).

What it answers is configurable: the delay, a queue of errors to return first (e.g. one
503, then success), a refusal, the text itself, or its default answer wrapped in a
template (a code fence, a sentence before it, a `<think>` block). By default it writes
the structure the request's JSON schema asks for: a whole feedback report with a review of
every question in the prompt's transcript, one answer's review, or a follow-up question
that picks up the candidate's first words. Every request is recorded.

Run it for local development and point the app at it:

    python -m interview_app.devtools.fake_openai --port 8766 [--delay 2]
    LLM_BASE_URL=http://127.0.0.1:8766 LLM_MODEL=fake interview-app run

Control routes (for a fake in another process): `GET /_fake/requests`,
`POST /_fake/config` (a JSON object of `FakeOpenAIConfig` fields), `POST /_fake/reset`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import json
import re
import threading
import time
from collections.abc import Iterator, Sequence
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from interview_app.devtools.fake_gemini import structured_answer
from interview_app.devtools.serving import serve_in_thread

_ERROR_TYPES = {
    400: "invalid_request_error",
    401: "invalid_request_error",
    404: "invalid_request_error",
    429: "rate_limit_exceeded",
    500: "server_error",
    503: "server_error",
}
_ANSWER_HEADING = re.compile(r"^## The candidate's answer\n(.+?)(?:\n## |\Z)", re.DOTALL | re.M)


@dataclasses.dataclass
class FakeOpenAIConfig:
    """How the fake answers `chat/completions`.

    Attributes:
        delay_seconds: Wait this long before each answer (longer than the client's
            timeout: a timeout).
        delays: Waits before the first answers, one per request, in order; then
            `delay_seconds` (e.g. one request that times out, then a quick one).
        errors: HTTP status codes to answer with first, one per request, in order.
        refuse: Answer with a refusal (`message.refusal`, no content).
        text: Answer with exactly this content; None writes the structure asked for.
        around: A template with `{json}` that the default answer is put in, such as a
            code fence or a sentence before the JSON.
        api_key: The key the fake requires as a bearer token; None requires none.
        invented_quote: A quote the candidate never said, added to every answer's review.
    """

    delay_seconds: float = 0.0
    delays: list[float] = dataclasses.field(default_factory=list)
    errors: list[int] = dataclasses.field(default_factory=list)
    refuse: bool = False
    text: str | None = None
    around: str | None = None
    api_key: str | None = None
    invented_quote: str | None = None


@dataclasses.dataclass(frozen=True)
class RecordedRequest:
    """One request as the fake received it."""

    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    status: int

    def message(self, role: str) -> str:
        """Return the text of the request's messages of one role, joined."""
        return "".join(
            str(message.get("content") or "")
            for message in self.body.get("messages", [])
            if isinstance(message, dict) and message.get("role") == role
        )

    def schema(self) -> dict[str, Any]:
        """Return the JSON schema the request's `response_format` asks for ({} if none)."""
        response_format = self.body.get("response_format") or {}
        return (response_format.get("json_schema") or {}).get("schema") or {}


def follow_up_answer(prompt: str) -> dict[str, Any]:
    """Write a follow-up question that picks up the answer in the prompt.

    Args:
        prompt: The follow-up request's user message.

    Returns:
        `{"question": ...}` quoting the answer's first words.
    """
    match = _ANSWER_HEADING.search(prompt)
    words = (match.group(1) if match else "").split()[:5]
    picked = " ".join(words).strip(" .,;:!?")
    return {"question": f'You said "{picked}". What exactly did you do yourself, and why?'}


def _problem(body: object) -> str | None:
    """What makes a body an invalid chat-completions request, or None."""
    if not isinstance(body, dict):
        return "The body must be a JSON object."
    if not isinstance(body.get("model"), str) or not body["model"]:
        return "you must provide a model parameter"
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        return "'messages' must be a non-empty array"
    for message in messages:
        if not isinstance(message, dict) or message.get("role") not in {
            "system",
            "developer",
            "user",
            "assistant",
        }:
            return "each message needs a valid 'role'"
    response_format = body.get("response_format")
    if response_format is not None:
        kind = response_format.get("type") if isinstance(response_format, dict) else None
        if kind not in {"text", "json_object", "json_schema"}:
            return "'response_format.type' must be text, json_object or json_schema"
        if kind == "json_schema":
            spec = response_format.get("json_schema")
            if not isinstance(spec, dict) or not re.fullmatch(
                r"[A-Za-z0-9_-]{1,64}", str(spec.get("name", ""))
            ):
                return "'response_format.json_schema.name' is required"
            if not isinstance(spec.get("schema"), dict):
                return "'response_format.json_schema.schema' must be an object"
    return None


class FakeOpenAI:
    """The fake's configuration and recorded requests, shared by its routes."""

    def __init__(self, config: FakeOpenAIConfig | None = None) -> None:
        self.config = config or FakeOpenAIConfig()
        self.requests: list[RecordedRequest] = []
        self._lock = threading.Lock()

    def configure(self, **changes: Any) -> None:
        """Change how the fake answers from now on (fields of `FakeOpenAIConfig`)."""
        # The error queue is consumed as requests come: keep it off the caller's list, which
        # a parametrized test hands to every database it runs on.
        if "errors" in changes:
            changes["errors"] = list(changes["errors"])
        with self._lock:
            self.config = dataclasses.replace(self.config, **changes)

    def reset(self) -> None:
        """Forget recorded requests and go back to the default answers."""
        with self._lock:
            self.config = FakeOpenAIConfig()
            self.requests.clear()

    def completion_requests(self) -> list[RecordedRequest]:
        """Return the recorded chat-completions requests, oldest first."""
        with self._lock:
            return list(self.requests)

    def _record(self, request: Request, body: object, status: int) -> None:
        with self._lock:
            self.requests.append(
                RecordedRequest(
                    path=request.url.path,
                    headers={key.lower(): value for key, value in request.headers.items()},
                    body=body if isinstance(body, dict) else {},
                    status=status,
                )
            )

    def _next_error(self) -> int | None:
        with self._lock:
            return self.config.errors.pop(0) if self.config.errors else None

    async def chat_completions(self, request: Request) -> Response:
        """Answer `POST /v1/chat/completions`."""
        raw = await request.body()
        config = self.config
        with self._lock:
            delay = config.delays.pop(0) if config.delays else config.delay_seconds
        if delay:
            await asyncio.sleep(delay)
        try:
            body: Any = json.loads(raw)
        except json.JSONDecodeError:
            body = None
        expected = f"Bearer {config.api_key}" if config.api_key else None
        if expected is not None and request.headers.get("authorization") != expected:
            response = error_response(401, "Incorrect API key provided.")
        elif (status := self._next_error()) is not None:
            response = error_response(status, "The server had an error.")
        elif (problem := _problem(body)) is not None:
            response = error_response(400, problem)
        else:
            response = self._completion(body, config)
        self._record(request, body, response.status_code)
        return response

    def _completion(self, body: dict[str, Any], config: FakeOpenAIConfig) -> JSONResponse:
        message: dict[str, Any] = {"role": "assistant", "content": None}
        if config.refuse:
            message["refusal"] = "I'm sorry, I can't help with that."
        elif config.text is not None:
            message["content"] = config.text
        else:
            content = json.dumps(self._default_answer(body, config))
            message["content"] = config.around.format(json=content) if config.around else content
        prompt_tokens = max(1, len(json.dumps(body["messages"])) // 4)
        completion_tokens = max(1, len(message["content"] or "") // 4)
        return JSONResponse(
            {
                "id": f"chatcmpl-fake-{len(self.requests)}",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": body["model"],
                "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
                "usage": {
                    "prompt_tokens": prompt_tokens,
                    "completion_tokens": completion_tokens,
                    "total_tokens": prompt_tokens + completion_tokens,
                },
            }
        )

    @staticmethod
    def _default_answer(body: dict[str, Any], config: FakeOpenAIConfig) -> dict[str, Any]:
        prompt = "".join(
            str(message.get("content") or "")
            for message in body["messages"]
            if message.get("role") == "user"
        )
        response_format = body.get("response_format") or {}
        schema = (response_format.get("json_schema") or {}).get("schema") or {}
        properties = schema.get("properties") or {}
        if "question" in properties:
            return follow_up_answer(prompt)
        return structured_answer(prompt, properties, config.invented_quote)

    async def _requests_route(self, _: Request) -> Response:
        with self._lock:
            recorded = [dataclasses.asdict(r) for r in self.requests]
        return JSONResponse(recorded)

    async def _config_route(self, request: Request) -> Response:
        self.configure(**(await request.json()))
        return JSONResponse(dataclasses.asdict(self.config))

    async def _reset_route(self, _: Request) -> Response:
        self.reset()
        return JSONResponse({})

    @property
    def routes(self) -> list[BaseRoute]:
        """The fake's routes: `chat/completions` and the `/_fake/` control routes."""
        return [
            Route("/v1/chat/completions", self.chat_completions, methods=["POST"]),
            Route("/_fake/requests", self._requests_route, methods=["GET"]),
            Route("/_fake/config", self._config_route, methods=["POST"]),
            Route("/_fake/reset", self._reset_route, methods=["POST"]),
        ]


def error_response(status: int, message: str) -> JSONResponse:
    """Return an error the way OpenAI's API writes it."""
    return JSONResponse(
        {
            "error": {
                "message": message,
                "type": _ERROR_TYPES.get(status, "server_error"),
                "param": None,
                "code": None,
            }
        },
        status_code=status,
    )


def build_app(fake: FakeOpenAI) -> Starlette:
    """Build the fake's ASGI app: `chat/completions` and the `/_fake/` control routes."""
    return Starlette(routes=fake.routes)


@contextlib.contextmanager
def running_fake_openai(
    fake: FakeOpenAI | None = None, port: int = 0
) -> Iterator[tuple[FakeOpenAI, str]]:
    """Serve the fake on 127.0.0.1 in a background thread for the duration of the block.

    Args:
        fake: The fake to serve; a new default one when omitted.
        port: The port; 0 picks a free one.

    Yields:
        The fake and its base URL (`http://127.0.0.1:PORT`).
    """
    fake = fake or FakeOpenAI()
    with serve_in_thread(build_app(fake), port, lifespan="off") as base_url:
        yield fake, base_url


def main(argv: Sequence[str] | None = None) -> None:
    """Serve the fake in the foreground (`python -m interview_app.devtools.fake_openai`)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--delay", type=float, default=0.0, help="seconds before each answer")
    arguments = parser.parse_args(argv)
    fake = FakeOpenAI(FakeOpenAIConfig(delay_seconds=arguments.delay))
    uvicorn.run(build_app(fake), host=arguments.host, port=arguments.port, log_level="info")


if __name__ == "__main__":
    main()
