"""A local fake of the Gemini API, for development and tests (no key, no internet).

It answers google-genai's real HTTP requests the way the Gemini API does:
`POST /{api_version}/models/{model}:generateContent` with the key in `x-goog-api-key`,
a JSON body (`contents`, `systemInstruction`, `generationConfig`), and a JSON answer
(`candidates[].content.parts[].text`, `finishReason`, `usageMetadata`). Errors use
Google's error body (`{"error": {"code", "message", "status"}}`).

What it answers is configurable: the delay, a queue of errors to return first (e.g. one
503, then success), a refusal, or the text itself; by default it writes feedback in the
requested structure: a whole report with a review of every question it finds in the
prompt's transcript, or, when the response schema is one answer's review (a retried
question), that review. Its quotes are the candidate's words from the prompt, plus
`invented_quote` when set (to test that quotes not in the transcript are dropped). Every
request is recorded so tests can assert what was sent.

Run it for local development and point the app at it:

    python -m interview_app.devtools.fake_gemini --port 8765 [--delay 2]
    GEMINI_API_KEY=fake GEMINI_BASE_URL=http://127.0.0.1:8765 interview-app run

Control routes (for a fake in another process): `GET /_fake/requests`,
`POST /_fake/config` (a JSON object of `FakeGeminiConfig` fields), `POST /_fake/reset`.

Other Gemini routes (tokens, the Live socket) are added with `FakeGemini.routes` plus
their own handlers in the same Starlette app (`build_app(extra_routes=...)`).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import json
import re
import threading
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from interview_app.devtools.serving import serve_in_thread
from interview_app.services.delivery.metrics import star_parts
from interview_app.services.feedback.answers import pair_answers
from interview_app.services.feedback.report import FEEDBACK_CATEGORIES
from interview_app.services.transcript_entry import TranscriptEntry

_STATUS_NAMES = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    503: "UNAVAILABLE",
    504: "DEADLINE_EXCEEDED",
}


@dataclasses.dataclass
class FakeGeminiConfig:
    """How the fake answers `generateContent`.

    Attributes:
        delay_seconds: Wait this long before each answer.
        errors: HTTP status codes to answer with first, one per request, in order.
        refuse: Answer with a blocked prompt (no candidates), as a safety refusal does.
        text: Answer with exactly this text; None writes feedback in the asked structure.
        api_key: The key the fake accepts; None accepts any non-empty key.
        invented_quote: A quote the candidate never said, added to every answer's review.
    """

    delay_seconds: float = 0.0
    errors: list[int] = dataclasses.field(default_factory=list)
    refuse: bool = False
    text: str | None = None
    api_key: str | None = None
    invented_quote: str | None = None


@dataclasses.dataclass(frozen=True)
class RecordedRequest:
    """One request as the fake received it."""

    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    raw_body: str
    status: int

    def system_prompt(self) -> str:
        """Return the system instruction's text."""
        parts = self.body.get("systemInstruction", {}).get("parts", [])
        return "".join(part.get("text", "") for part in parts)

    def user_prompt(self) -> str:
        """Return the text of every user content part."""
        return "".join(
            part.get("text", "")
            for content in self.body.get("contents", [])
            for part in content.get("parts", [])
        )


def sample_feedback(overall_score: int = 7) -> dict[str, Any]:
    """Return feedback in the structure the app asks for, with the seven categories.

    Args:
        overall_score: The overall rating to give.

    Returns:
        A JSON-able object.
    """
    return {
        "overall_score": overall_score,
        "summary": "You came across as prepared and friendly, with room to be more concise.",
        "categories": [
            {
                "name": name,
                "score": max(0, min(10, overall_score + offset)),
                "markdown": f"- At 00:12 you said something worth noting about {name.lower()}.\n"
                f"- Keep *practising* this: **{name}** matters for the role.",
            }
            for name, offset in zip(FEEDBACK_CATEGORIES, (1, 0, -1, 0, 1, -2, 0), strict=True)
        ],
        "strengths": ["You gave concrete examples.", "You stayed calm."],
        "improvements": ["Shorten long answers.", "Ask the interviewer a question."],
    }


_TRANSCRIPT_LINE = re.compile(
    r"^\[(?P<minutes>\d+):(?P<seconds>\d\d) \|(?P<details>[^\]]*)\] "
    r"(?P<speaker>interviewer|interviewee): (?P<text>.*)$"
)
_ANSWER_INDEX = re.compile(r"^## Question \(question_index (\d+)\)$", re.MULTILINE)


def transcript_in_prompt(prompt: str) -> list[TranscriptEntry]:
    """Read back the transcript lines of a feedback prompt (`prompt.format_transcript`).

    Args:
        prompt: The user message of a feedback request.

    Returns:
        Its messages, with their start times and whether each answer was typed.
    """
    entries = []
    for line in prompt.splitlines():
        match = _TRANSCRIPT_LINE.match(line)
        if match:
            entries.append(
                TranscriptEntry(
                    speaker=match.group("speaker"),  # type: ignore[arg-type]
                    text=match.group("text"),
                    start_ms=(int(match.group("minutes")) * 60 + int(match.group("seconds")))
                    * 1000,
                    spoken="typed" not in match.group("details"),
                )
            )
    return entries


def sample_review(
    question_index: int, answer: str, invented_quote: str | None = None
) -> dict[str, Any]:
    """Return one answer's review in the structure the app asks for.

    The score grows with the answer's length, the STAR parts are read from it, and the
    quotes are its first words (so they are found in the transcript).

    Args:
        question_index: The question's position.
        answer: The candidate's answer ("" when unanswered).
        invented_quote: A quote to add that the candidate never said.

    Returns:
        A JSON-able object.
    """
    words = answer.split()
    quotes = [" ".join(words[:8])] if words else []
    if invented_quote:
        quotes.append(invented_quote)
    first = re.split(r"(?<=[.!?])\s+", answer.strip())[0] if words else ""
    return {
        "question_index": question_index,
        "score": min(10, 2 + len(words) // 10) if words else 0,
        "star": list(star_parts(answer)),
        "worked": "- You gave a concrete example." if words else "",
        "improve": "- Add the result, with a number you know.",
        "stronger_version": f"{first} [What came of it? Add the number you know.]".strip(),
        "verdict": "A good start; finish with the result." if words else "No answer.",
        "quotes": quotes,
    }


def structured_answer(
    prompt: str, properties: Mapping[str, Any], invented_quote: str | None = None
) -> dict[str, Any]:
    """Answer a feedback prompt in the structure its response schema asks for.

    Shared by the fakes of every transport (Gemini, OpenAI-compatible chat completions),
    as the app shares its prompt between them.

    Args:
        prompt: The user message.
        properties: The top-level properties of the response schema.
        invented_quote: A quote the candidate never said, added to every answer's review.

    Returns:
        One answer's review when the schema is one (`stronger_version`), else a whole
        report with a review of every question of the prompt's transcript.
    """
    if "stronger_version" in properties:
        # One answer's review: the answer is everything after its heading.
        index = _ANSWER_INDEX.search(prompt)
        answer = re.split(r"## The candidate's answer[^\n]*\n", prompt, maxsplit=1)[-1]
        answer = answer.strip()
        answer = "" if answer == "(no answer)" else answer
        question_index = int(index.group(1)) if index else 0
        return sample_review(question_index, answer, invented_quote)
    feedback = sample_feedback()
    feedback["answers"] = [
        sample_review(pair.question_index, pair.answer_text, invented_quote)
        for pair in pair_answers(transcript_in_prompt(prompt))
    ]
    return feedback


class FakeGemini:
    """The fake's configuration and recorded requests, shared by its routes."""

    def __init__(self, config: FakeGeminiConfig | None = None) -> None:
        self.config = config or FakeGeminiConfig()
        self.requests: list[RecordedRequest] = []
        self._lock = threading.Lock()

    def configure(self, **changes: Any) -> None:
        """Change how the fake answers from now on (fields of `FakeGeminiConfig`)."""
        with self._lock:
            self.config = dataclasses.replace(self.config, **changes)

    def reset(self) -> None:
        """Forget recorded requests and go back to the default answers."""
        with self._lock:
            self.config = FakeGeminiConfig()
            self.requests.clear()

    def generate_requests(self) -> list[RecordedRequest]:
        """Return the recorded `generateContent` requests, oldest first."""
        with self._lock:
            return [r for r in self.requests if r.path.endswith(":generateContent")]

    def _record(self, request: Request, raw: bytes, status: int) -> None:
        try:
            body = json.loads(raw) if raw else {}
        except json.JSONDecodeError:
            body = {}
        with self._lock:
            self.requests.append(
                RecordedRequest(
                    method=request.method,
                    path=request.url.path,
                    headers={key.lower(): value for key, value in request.headers.items()},
                    body=body if isinstance(body, dict) else {},
                    raw_body=raw.decode("utf-8", errors="replace"),
                    status=status,
                )
            )

    def _next_error(self) -> int | None:
        with self._lock:
            return self.config.errors.pop(0) if self.config.errors else None

    def key_problem(self, request: Request) -> Response | None:
        """Return the error answer for a missing or wrong API key, else None."""
        key = request.headers.get("x-goog-api-key") or request.query_params.get("key")
        expected = self.config.api_key
        if not key or (expected is not None and key != expected):
            return error_response(401 if not key else 403, "API key not valid.")
        return None

    async def generate_content(self, request: Request) -> Response:
        """Answer `POST /{api_version}/models/{model}:generateContent`."""
        raw = await request.body()
        config = self.config
        if config.delay_seconds:
            await asyncio.sleep(config.delay_seconds)
        problem = self.key_problem(request)
        error = None if problem else self._next_error()
        if problem is not None or error is not None:
            response = problem or error_response(error or 500, "The service is unavailable.")
            self._record(request, raw, response.status_code)
            return response
        try:
            body = json.loads(raw)
        except json.JSONDecodeError:
            self._record(request, raw, 400)
            return error_response(400, "Invalid JSON payload received.")
        self._record(request, raw, 200)
        model = request.path_params["model"]
        if config.refuse:
            return JSONResponse(
                {
                    "promptFeedback": {"blockReason": "SAFETY"},
                    "usageMetadata": {"promptTokenCount": 10, "totalTokenCount": 10},
                    "modelVersion": model,
                }
            )
        text = config.text
        if text is None:
            text = self._default_text(body, config)
        return JSONResponse(
            {
                "candidates": [
                    {
                        "content": {"parts": [{"text": text}], "role": "model"},
                        "finishReason": "STOP",
                        "index": 0,
                    }
                ],
                "usageMetadata": {
                    "promptTokenCount": max(1, len(raw) // 4),
                    "candidatesTokenCount": max(1, len(text) // 4),
                    "totalTokenCount": max(2, (len(raw) + len(text)) // 4),
                },
                "modelVersion": model,
                "responseId": f"fake-{len(self.requests)}",
            }
        )

    @staticmethod
    def _default_text(body: dict[str, Any], config: FakeGeminiConfig) -> str:
        generation = body.get("generationConfig", {})
        if generation.get("responseMimeType") != "application/json":
            return "You did well."
        prompt = "".join(
            part.get("text", "")
            for content in body.get("contents", [])
            for part in content.get("parts", [])
        )
        properties = (generation.get("responseSchema") or {}).get("properties", {})
        return json.dumps(structured_answer(prompt, properties, config.invented_quote))

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
        """The fake's routes: `generateContent` and the `/_fake/` control routes."""
        return [
            Route(
                "/{api_version}/models/{model}:generateContent",
                self.generate_content,
                methods=["POST"],
            ),
            Route("/_fake/requests", self._requests_route, methods=["GET"]),
            Route("/_fake/config", self._config_route, methods=["POST"]),
            Route("/_fake/reset", self._reset_route, methods=["POST"]),
        ]


def error_response(status: int, message: str) -> JSONResponse:
    """Return an error the way Google's APIs write it."""
    return JSONResponse(
        {
            "error": {
                "code": status,
                "message": message,
                "status": _STATUS_NAMES.get(status, "UNKNOWN"),
            }
        },
        status_code=status,
    )


def build_app(fake: FakeGemini, extra_routes: Sequence[BaseRoute] = ()) -> Starlette:
    """Build the fake's ASGI app.

    Args:
        fake: The configuration and request log.
        extra_routes: More fake Gemini routes (e.g. tokens, the Live socket).

    Returns:
        The Starlette app.
    """
    return Starlette(routes=[*fake.routes, *extra_routes])


@contextlib.contextmanager
def running_fake_gemini(
    fake: FakeGemini | None = None,
    port: int = 0,
    extra_routes: Sequence[BaseRoute] = (),
) -> Iterator[tuple[FakeGemini, str]]:
    """Serve the fake on 127.0.0.1 in a background thread for the duration of the block.

    Args:
        fake: The fake to serve; a new default one when omitted.
        port: The port; 0 picks a free one.
        extra_routes: More routes for the same app.

    Yields:
        The fake and its base URL (`http://127.0.0.1:PORT`).
    """
    fake = fake or FakeGemini()
    with serve_in_thread(build_app(fake, extra_routes), port, lifespan="off") as base_url:
        yield fake, base_url


def main(argv: Sequence[str] | None = None) -> None:
    """Serve the fake in the foreground (`python -m interview_app.devtools.fake_gemini`)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--delay", type=float, default=0.0, help="seconds before each answer")
    arguments = parser.parse_args(argv)
    fake = FakeGemini(FakeGeminiConfig(delay_seconds=arguments.delay))
    uvicorn.run(build_app(fake), host=arguments.host, port=arguments.port, log_level="info")


if __name__ == "__main__":
    main()
