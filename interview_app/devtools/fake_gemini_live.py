"""A local stand-in for Gemini Live, for tests and development (SPEC §6; docs/providers.md).

It serves the two endpoints the app and the browser use, following the documented wire
protocol: `POST /v1alpha/auth_tokens` (ephemeral tokens, API key in `x-goog-api-key`) and
the constrained Live socket. It accepts camelCase and snake_case and both base64
alphabets; enforces single use, expiry, the new-session window and the locked setup;
answers each stretch of candidate audio with a scripted interviewer turn (24 kHz PCM16
audio plus both transcriptions); sends `goAway` on request; and records the audio it
received. Mount `FakeGeminiLive(...).routes()` beside other fakes, or run it alone:

    python -m interview_app.devtools.fake_gemini_live --port 8765 --api-key dev-key

Over 500 lines on purpose: a fake follows one whole documented protocol, kept in one
file so it can be read against that protocol from top to bottom.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import itertools
import json
import math
import re
import secrets
import struct
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Route, WebSocketRoute
from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.websockets import WebSocket, WebSocketDisconnect

from interview_app.devtools.serving import serve_in_thread

SOCKET_PATH = (
    "/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContentConstrained"
)
INPUT_RATE = 16_000
OUTPUT_RATE = 24_000
# Seconds of candidate audio the fake hears as one answer before the interviewer replies.
ANSWER_SECONDS = 1.0
INTERVIEWER_TONE_HZ = 330.0
# Samples of 24 kHz audio per interviewer turn, sent in chunks of OUTPUT_CHUNK samples.
TURN_SAMPLES = 14_400
OUTPUT_CHUNK = 4_800

DEFAULT_SCRIPT: tuple[tuple[str, str], ...] = (
    ("", "Hello, thanks for joining. Could you tell me about yourself?"),
    (
        "I have built web services in Python for five years.",
        "Tell me about a project you are proud of.",
    ),
    (
        "I led the rewrite of a billing system.",
        "What was the hardest decision in that rewrite?",
    ),
    ("Choosing what to leave out of the first release.", "Thank you, that is all for today."),
)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def camel_case(value: Any) -> Any:
    """Rename every snake_case key of a JSON value to camelCase, recursively.

    Args:
        value: A decoded JSON value.

    Returns:
        The same value with camelCase keys.
    """
    if isinstance(value, dict):
        return {_camel(key): camel_case(item) for key, item in value.items()}
    if isinstance(value, list):
        return [camel_case(item) for item in value]
    return value


def decode_base64(data: str) -> bytes:
    """Decode standard or URL-safe base64, with or without padding.

    Args:
        data: The encoded text.

    Returns:
        The bytes.
    """
    normalised = data.strip().replace("-", "+").replace("_", "/")
    return base64.b64decode(normalised + "=" * (-len(normalised) % 4), validate=True)


def _normalise_setup(setup: dict[str, Any]) -> dict[str, Any]:
    setup = camel_case(setup)
    model = setup.get("model")
    if isinstance(model, str) and not model.startswith("models/"):
        setup["model"] = f"models/{model}"
    return {key: value for key, value in setup.items() if value is not None}


def _parse_time(value: object, default: datetime) -> datetime:
    if not isinstance(value, str):
        return default
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def tone_pcm16(frequency: float, samples: int, rate: int, amplitude: float = 0.3) -> bytes:
    """Return a sine tone as PCM16 little-endian mono.

    Args:
        frequency: Hz.
        samples: How many samples.
        rate: Samples per second.
        amplitude: Peak, 0..1.

    Returns:
        The audio bytes.
    """
    peak = int(32767 * amplitude)
    return struct.pack(
        f"<{samples}h",
        *(int(peak * math.sin(2 * math.pi * frequency * n / rate)) for n in range(samples)),
    )


def dominant_frequency(pcm16: bytes, rate: int) -> float:
    """Estimate the frequency of a tone from its zero crossings.

    Periods are counted from the first rising zero crossing to the last, so silence before
    or after the tone (a microphone opening, a call ending) does not lower the estimate.

    Args:
        pcm16: PCM16 little-endian mono audio.
        rate: Its sample rate.

    Returns:
        The estimated frequency in Hz (0 for silence).
    """
    count = len(pcm16) // 2
    samples = struct.unpack(f"<{count}h", pcm16[: count * 2])
    rising = [
        index
        for index, (previous, current) in enumerate(itertools.pairwise(samples), start=1)
        if previous < 0 <= current
    ]
    if len(rising) < 2:
        return 0.0
    return (len(rising) - 1) * rate / (rising[-1] - rising[0])


@dataclass
class IssuedToken:
    """An ephemeral token the fake minted."""

    name: str
    setup: dict[str, Any]
    field_mask: str | None
    uses_left: int
    expire_time: datetime
    new_session_expire_time: datetime


@dataclass
class MintRequest:
    """One token request as it arrived."""

    url: str
    headers: dict[str, str]
    body: dict[str, Any]


@dataclass
class LiveConnection:
    """One Live socket: what the browser sent on it."""

    token: str
    setup: dict[str, Any] | None = None
    audio: bytearray = field(default_factory=bytearray)
    mime_types: set[str] = field(default_factory=set)
    # `realtimeInput` messages that carried audio.
    audio_frames: int = 0
    closed_reason: str = ""


@dataclass
class _Conversation:
    """Where a (resumable) conversation is in the script."""

    turn: int = 0
    heard_samples: int = 0


class FakeGeminiLive:
    """The fake's state: tokens, connections, the script, and the switches tests flip."""

    def __init__(
        self, *, api_key: str, script: tuple[tuple[str, str], ...] = DEFAULT_SCRIPT
    ) -> None:
        self.api_key = api_key
        self.script = script
        self.tokens: dict[str, IssuedToken] = {}
        self.mint_requests: list[MintRequest] = []
        self.connections: list[LiveConnection] = []
        self.refused: list[str] = []
        # 24 kHz samples of interviewer audio sent, over every connection.
        self.sent_samples = 0
        # Switches for tests: issue tokens already expired, or already used up (as a replayed
        # token is); cut the next interviewer turn short with `interrupted` (as when the
        # candidate barges in); answer the setup but never speak (no audio, no words).
        self.issue_expired_tokens = False
        self.issue_spent_tokens = False
        self.interrupt_next_turn = False
        self.model_silent = False
        self._conversations: dict[str, _Conversation] = {}
        self._go_away_generation = 0
        self._lock = threading.Lock()

    def request_go_away(self) -> None:
        """Make every open connection receive `goAway` and close soon after."""
        with self._lock:
            self._go_away_generation += 1

    def routes(self) -> list[BaseRoute]:
        """Return the fake's routes, to mount beside other fakes in one Starlette app.

        Returns:
            The token endpoint and the constrained socket.
        """
        return [
            Route("/v1alpha/auth_tokens", self._mint, methods=["POST"]),
            WebSocketRoute(SOCKET_PATH, self._live),
        ]

    def app(self) -> ASGIApp:
        """Return an ASGI app serving only this fake.

        Returns:
            The app (tolerating the `//ws/` a base URL with a trailing slash produces).
        """
        return collapse_leading_slashes(Starlette(routes=self.routes()))

    async def _mint(self, request: Request) -> JSONResponse:
        body_bytes = await request.body()
        try:
            body = json.loads(body_bytes or b"{}")
        except ValueError:
            return _google_error(400, "INVALID_ARGUMENT", "Invalid JSON payload.")
        with self._lock:
            self.mint_requests.append(
                MintRequest(url=str(request.url), headers=dict(request.headers), body=body)
            )
        if request.headers.get("x-goog-api-key") != self.api_key:
            return _google_error(403, "PERMISSION_DENIED", "API key not valid.")
        body = camel_case(body)
        now = datetime.now(UTC)
        setup = body.get("bidiGenerateContentSetup") or {}
        if not isinstance(setup, dict) or not setup.get("model"):
            return _google_error(400, "INVALID_ARGUMENT", "A locked setup needs a model.")
        try:
            expire_time = _parse_time(body.get("expireTime"), now + timedelta(minutes=30))
            new_session = _parse_time(body.get("newSessionExpireTime"), now + timedelta(minutes=1))
        except ValueError:
            return _google_error(400, "INVALID_ARGUMENT", "Invalid timestamp.")
        uses = body.get("uses", 1)
        if not isinstance(uses, int) or uses < 1:
            return _google_error(400, "INVALID_ARGUMENT", "uses must be a positive number.")
        if self.issue_expired_tokens:
            expire_time = new_session = now
        token = IssuedToken(
            name=f"auth_tokens/{secrets.token_hex(16)}",
            setup=_normalise_setup(setup),
            field_mask=body.get("fieldMask"),
            uses_left=0 if self.issue_spent_tokens else uses,
            expire_time=expire_time,
            new_session_expire_time=new_session,
        )
        with self._lock:
            self.tokens[token.name] = token
        return JSONResponse(
            {
                "name": token.name,
                "expireTime": expire_time.isoformat(),
                "newSessionExpireTime": new_session.isoformat(),
            }
        )

    def _claim(self, token_name: str) -> tuple[IssuedToken | None, str]:
        now = datetime.now(UTC)
        with self._lock:
            token = self.tokens.get(token_name)
            if token is None:
                return None, "Unknown token."
            if token.uses_left < 1:
                return None, "Token has already been used."
            if now > token.new_session_expire_time or now > token.expire_time:
                return None, "Token has expired."
            token.uses_left -= 1
            return token, ""

    def _setup_matches(self, token: IssuedToken, sent: dict[str, Any]) -> bool:
        sent = _normalise_setup(sent)
        if token.field_mask is None:
            locked_keys = set(token.setup)
        else:
            locked_keys = {part.split(".")[0] for part in token.field_mask.split(",") if part}
        return all(sent[key] == token.setup.get(key) for key in sent if key in locked_keys)

    async def _live(self, websocket: WebSocket) -> None:
        await websocket.accept()
        token_name = websocket.query_params.get("access_token", "")
        token, refusal = self._claim(token_name)
        connection = LiveConnection(token=token_name)
        with self._lock:
            self.connections.append(connection)
        if token is None:
            await self._refuse(websocket, connection, 1008, refusal)
            return
        try:
            first = json.loads(await websocket.receive_text())
        except (WebSocketDisconnect, ValueError, KeyError):
            await self._refuse(websocket, connection, 1007, "Expected a setup message.")
            return
        setup = first.get("setup") if isinstance(first, dict) else None
        if not isinstance(setup, dict) or not self._setup_matches(token, setup):
            await self._refuse(
                websocket, connection, 1007, "Setup does not match the token's constraints."
            )
            return
        connection.setup = setup
        handle = ((token.setup.get("sessionResumption") or {}).get("handle")) or ""
        with self._lock:
            conversation = self._conversations.pop(handle, None) if handle else None
        conversation = conversation or _Conversation()
        await _send(websocket, {"setupComplete": {}})
        await self._new_handle(websocket, conversation)
        await self._converse(websocket, connection, conversation)

    async def _new_handle(self, websocket: WebSocket, conversation: _Conversation) -> None:
        handle = f"handle-{secrets.token_hex(8)}"
        with self._lock:
            self._conversations[handle] = conversation
        update = {"newHandle": handle, "resumable": True}
        await _send(websocket, {"sessionResumptionUpdate": update})

    async def _interviewer_turn(self, websocket: WebSocket, conversation: _Conversation) -> None:
        if conversation.turn >= len(self.script) or self.model_silent:
            return
        heard, reply = self.script[conversation.turn]
        conversation.turn += 1
        if heard:
            await _send(websocket, {"serverContent": {"inputTranscription": {"text": heard}}})
        # As the real service does, the words arrive before the audio that speaks them.
        await _send(websocket, {"serverContent": {"outputTranscription": {"text": reply}}})
        audio = tone_pcm16(INTERVIEWER_TONE_HZ, TURN_SAMPLES, OUTPUT_RATE)
        with self._lock:
            self.sent_samples += TURN_SAMPLES
        for start in range(0, len(audio), OUTPUT_CHUNK * 2):
            chunk = base64.b64encode(audio[start : start + OUTPUT_CHUNK * 2]).decode()
            await _send(
                websocket,
                {
                    "serverContent": {
                        "modelTurn": {
                            "parts": [
                                {
                                    "inlineData": {
                                        "mimeType": f"audio/pcm;rate={OUTPUT_RATE}",
                                        "data": chunk,
                                    }
                                }
                            ]
                        }
                    }
                },
            )
        with self._lock:
            interrupted, self.interrupt_next_turn = self.interrupt_next_turn, False
        if interrupted:
            await _send(websocket, {"serverContent": {"interrupted": True}})
        else:
            await _send(websocket, {"serverContent": {"generationComplete": True}})
            await _send(websocket, {"serverContent": {"turnComplete": True}})
        await self._new_handle(websocket, conversation)

    async def _converse(
        self, websocket: WebSocket, connection: LiveConnection, conversation: _Conversation
    ) -> None:
        messages: asyncio.Queue[str | None] = asyncio.Queue()

        async def receive() -> None:
            try:
                while True:
                    await messages.put(await websocket.receive_text())
            except (WebSocketDisconnect, RuntimeError):
                await messages.put(None)

        receiver = asyncio.create_task(receive())
        with self._lock:
            generation = self._go_away_generation
        try:
            while True:
                with self._lock:
                    go_away = self._go_away_generation != generation
                if go_away:
                    await _send(websocket, {"goAway": {"timeLeft": "1s"}})
                    await asyncio.sleep(1.0)
                    connection.closed_reason = "goAway"
                    with contextlib.suppress(WebSocketDisconnect, RuntimeError):
                        await websocket.close(code=1000, reason="goAway")
                    return
                try:
                    text = await asyncio.wait_for(messages.get(), timeout=0.05)
                except TimeoutError:
                    continue
                if text is None:
                    connection.closed_reason = "client closed"
                    return
                message = _decode(text)
                if _ends_client_turn(message) and conversation.turn == 0:
                    # The model speaks first only when asked to by a client turn.
                    await self._interviewer_turn(websocket, conversation)
                    continue
                conversation.heard_samples += self._record_audio(connection, message)
                if conversation.turn and conversation.heard_samples >= ANSWER_SECONDS * INPUT_RATE:
                    conversation.heard_samples = 0
                    await self._interviewer_turn(websocket, conversation)
        finally:
            receiver.cancel()

    def _record_audio(self, connection: LiveConnection, message: dict[str, Any]) -> int:
        realtime = message.get("realtimeInput")
        if not isinstance(realtime, dict):
            return 0
        blobs = [realtime["audio"]] if isinstance(realtime.get("audio"), dict) else []
        blobs += [blob for blob in realtime.get("mediaChunks") or [] if isinstance(blob, dict)]
        samples = 0
        if blobs:
            with self._lock:
                connection.audio_frames += 1
        for blob in blobs:
            try:
                data = decode_base64(str(blob.get("data", "")))
            except ValueError:
                continue
            with self._lock:
                connection.audio.extend(data)
                connection.mime_types.add(str(blob.get("mimeType", "")))
            samples += len(data) // 2
        return samples

    async def _refuse(
        self, websocket: WebSocket, connection: LiveConnection, code: int, reason: str
    ) -> None:
        connection.closed_reason = reason
        with self._lock:
            self.refused.append(reason)
        with contextlib.suppress(WebSocketDisconnect, RuntimeError):
            await websocket.close(code=code, reason=reason)


def _decode(text: str) -> dict[str, Any]:
    try:
        message = camel_case(json.loads(text))
    except ValueError:
        return {}
    return message if isinstance(message, dict) else {}


def _ends_client_turn(message: dict[str, Any]) -> bool:
    content = message.get("clientContent")
    return isinstance(content, dict) and bool(content.get("turnComplete"))


async def _send(websocket: WebSocket, message: dict[str, Any]) -> None:
    # The real service sends its JSON in binary frames; browsers must decode them.
    await websocket.send_bytes(json.dumps(message).encode())


def _google_error(status: int, code_name: str, message: str) -> JSONResponse:
    return JSONResponse(
        {"error": {"code": status, "message": message, "status": code_name}}, status_code=status
    )


_LEADING_SLASHES = re.compile(r"^/{2,}")


def collapse_leading_slashes(app: ASGIApp) -> ASGIApp:
    """Wrap an ASGI app so `//ws/...` (from a base URL ending in `/`) routes as `/ws/...`.

    Args:
        app: The app.

    Returns:
        The wrapped app.
    """

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            scope = {**scope, "path": _LEADING_SLASHES.sub("/", scope["path"])}
        await app(scope, receive, send)

    return wrapped


@contextlib.contextmanager
def running_fake_gemini_live(fake: FakeGeminiLive, port: int = 0) -> Iterator[str]:
    """Serve the fake on 127.0.0.1 in a background thread for the duration of the block.

    Args:
        fake: The fake to serve.
        port: The port; 0 picks a free one.

    Yields:
        Its base URL (`http://127.0.0.1:PORT`).
    """
    with serve_in_thread(fake.app(), port, ws="websockets-sansio") as base_url:
        yield base_url


def main() -> None:
    """Run the fake alone, for development."""
    import uvicorn

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--api-key", default="dev-key")
    arguments = parser.parse_args()
    fake = FakeGeminiLive(api_key=arguments.api_key)
    uvicorn.run(fake.app(), host="127.0.0.1", port=arguments.port, ws="websockets-sansio")


if __name__ == "__main__":
    main()
