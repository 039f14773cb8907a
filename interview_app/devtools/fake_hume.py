"""A local stand-in for Hume EVI, following its documented protocol (SPEC §6).

For tests and for local development: point `HUME_BASE_URL` at it and hold a whole voice
interview without Hume. It serves

- `POST /oauth2-cc/token` (HTTP Basic with the API key and secret key, form body
  `grant_type=client_credentials`) -> `access_token`, `expires_in`;
- `GET /v0/evi/chats/{chat_id}?page_number&page_size&ascending_order` (header
  `X-Hume-Api-Key`) -> one zero-based page of the chat's events, Hume's shape;
- the `/v0/evi/chat` WebSocket: `chat_metadata` first, then a scripted exchange
  (`assistant_message`, `audio_output` with a decodable WAV, `assistant_end`, then, once
  the microphone has sent audio, a `user_message` with all 48 prosody scores and `time`,
  and the interviewer's follow-up). It records what it receives: the session settings
  (query parameters or a `session_settings` message) and the audio frames.

Run it with `python -m interview_app.devtools.fake_hume --port 8765`, then start the app
with `HUME_BASE_URL=http://127.0.0.1:8765 HUME_API_KEY=fake-api-key
HUME_SECRET_KEY=fake-secret-key HUME_CONFIG_ID=fake-config`.

Over 500 lines on purpose: a fake follows one whole documented protocol, kept in one
file so it can be read against that protocol from top to bottom.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import io
import json
import math
import re
import secrets
import struct
import threading
import time
import uuid
import wave
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

EMOTION_NAMES: tuple[str, ...] = (
    "Admiration", "Adoration", "Aesthetic Appreciation", "Amusement", "Anger", "Anxiety",
    "Awe", "Awkwardness", "Boredom", "Calmness", "Concentration", "Confusion",
    "Contemplation", "Contempt", "Contentment", "Craving", "Desire", "Determination",
    "Disappointment", "Disgust", "Distress", "Doubt", "Ecstasy", "Embarrassment",
    "Empathic Pain", "Entrancement", "Envy", "Excitement", "Fear", "Guilt", "Horror",
    "Interest", "Joy", "Love", "Nostalgia", "Pain", "Pride", "Realization", "Relief",
    "Romance", "Sadness", "Satisfaction", "Shame", "Surprise (negative)",
    "Surprise (positive)", "Sympathy", "Tiredness", "Triumph",
)  # fmt: skip
MAX_PAGE_SIZE = 100
TOKEN_LIFETIME_SECONDS = 1800
SESSION_VARIABLE_PARAM = re.compile(r"^session_settings\[variables\]\[([^\]]+)\]$")
# The interviewee's strongest expressed emotions in the scripted answer.
ANSWER_EMOTIONS = {"Determination": 0.71, "Interest": 0.64, "Calmness": 0.52}


def emotion_scores(strongest: dict[str, float] | None = None, seed: int = 0) -> dict[str, float]:
    """Return all 48 prosody scores, small ones except the given strongest.

    Args:
        strongest: Names and scores to put on top.
        seed: Varies the small scores.

    Returns:
        Emotion name -> score, for every one of Hume's 48 emotions.
    """
    scores = {
        name: round(0.01 + ((index * 7 + seed * 13) % 40) / 1000, 6)
        for index, name in enumerate(EMOTION_NAMES)
    }
    scores.update(strongest or {})
    return scores


def wav_tone(seconds: float = 0.4, rate: int = 24_000, frequency: float = 440.0) -> bytes:
    """Return a short mono 16-bit PCM WAV file of a quiet tone (decodable by browsers).

    Args:
        seconds: Length.
        rate: Sample rate.
        frequency: Pitch in Hz.

    Returns:
        The WAV file's bytes.
    """
    samples = int(seconds * rate)
    frames = b"".join(
        struct.pack("<h", int(3000 * math.sin(2 * math.pi * frequency * n / rate)))
        for n in range(samples)
    )
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(frames)
    return buffer.getvalue()


@dataclass(frozen=True)
class ScriptedExchange:
    """What the fake interviewer says and what the fake speech recognition "hears".

    `{userName}`, `{title}` and `{experienceLevel}` in the interviewer's lines are filled
    from the session variables.
    """

    greeting: str = (
        "Hello {userName}! Thanks for joining this interview for the {title} role. "
        "Tell me a little about yourself."
    )
    answer: str = "I have five years of experience building web services in Python."
    follow_up: str = "That's great. What was the hardest problem you solved recently?"
    audio_frames_before_answer: int = 5


@dataclass
class FakeChat:
    """One chat the fake knows, with its events in Hume's REST shape."""

    id: str
    config_id: str | None
    chat_group_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    start_timestamp: int = field(default_factory=lambda: int(time.time() * 1000))
    end_timestamp: int | None = None
    status: str = "ACTIVE"
    events: list[dict[str, Any]] = field(default_factory=list)

    def add_event(
        self,
        *,
        role: str,
        event_type: str,
        text: str | None,
        timestamp: int | None = None,
        emotions: dict[str, float] | None = None,
        metadata: str = "",
    ) -> dict[str, Any]:
        """Append an event; returns it."""
        event = {
            "id": str(uuid.uuid4()),
            "chat_id": self.id,
            "timestamp": timestamp if timestamp is not None else int(time.time() * 1000),
            "role": role,
            "type": event_type,
            "message_text": text,
            "emotion_features": json.dumps(emotions) if emotions else "",
            "metadata": metadata,
        }
        self.events.append(event)
        return event


@dataclass
class SocketRecord:
    """What one `/v0/evi/chat` connection carried from the browser."""

    chat_id: str
    query: dict[str, str]
    variables: dict[str, str] = field(default_factory=dict)
    session_settings_messages: list[dict[str, Any]] = field(default_factory=list)
    audio_frames: int = 0
    audio_bytes: int = 0
    closed: bool = False


class FakeHume:
    """The fake's state: keys, tokens issued, chats, sockets, and injected trouble."""

    def __init__(
        self,
        *,
        api_key: str = "fake-api-key",
        secret_key: str = "fake-secret-key",
        latency_seconds: float = 0.0,
        script: ScriptedExchange | None = None,
    ) -> None:
        self.api_key = api_key
        self.secret_key = secret_key
        self.latency_seconds = latency_seconds
        self.script = script or ScriptedExchange()
        self.tokens: dict[str, float] = {}
        self.token_requests: list[dict[str, Any]] = []
        self.chats: dict[str, FakeChat] = {}
        self.sockets: list[SocketRecord] = []
        self.chat_requests: list[tuple[str, int]] = []
        # Statuses to answer the next chat-history requests with, in order (429, 503, ...).
        self.chat_failures: deque[int] = deque()
        # Statuses to answer the next token requests with (a refused or failing Hume).
        self.token_failures: deque[int] = deque()
        self._encoded_pages: dict[tuple[object, ...], bytes] = {}
        self._lock = threading.Lock()

    def add_chat(
        self,
        messages: Sequence[tuple[str, str]],
        *,
        config_id: str | None = None,
        chat_id: str | None = None,
        spacing_ms: int = 1500,
    ) -> FakeChat:
        """Store a finished chat of USER/AGENT messages (and a start and end event).

        Args:
            messages: (`USER` or `AGENT`, text) in order.
            config_id: The EVI configuration the chat ran with.
            chat_id: Its id; a new UUID when omitted.
            spacing_ms: Milliseconds between messages.

        Returns:
            The chat.
        """
        chat = FakeChat(id=chat_id or str(uuid.uuid4()), config_id=config_id)
        chat.start_timestamp -= spacing_ms * (len(messages) + 2)
        chat.add_event(
            role="SYSTEM",
            event_type="CHAT_START_MESSAGE",
            text=None,
            timestamp=chat.start_timestamp,
        )
        for index, (role, text) in enumerate(messages, start=1):
            user = role == "USER"
            chat.add_event(
                role=role,
                event_type="USER_MESSAGE" if user else "AGENT_MESSAGE",
                text=text,
                timestamp=chat.start_timestamp + index * spacing_ms,
                emotions=emotion_scores(ANSWER_EMOTIONS if user else None, seed=index),
            )
        chat.end_timestamp = chat.start_timestamp + (len(messages) + 1) * spacing_ms
        chat.add_event(
            role="SYSTEM",
            event_type="CHAT_END_MESSAGE",
            text=None,
            timestamp=chat.end_timestamp,
        )
        chat.status = "USER_ENDED"
        with self._lock:
            self.chats[chat.id] = chat
        return chat

    def chat_page(
        self, chat: FakeChat, *, page_number: int, page_size: int, ascending: bool
    ) -> dict[str, Any]:
        """Return one page of a chat's events in Hume's `ReturnChatPagedEvents` shape."""
        events = sorted(chat.events, key=lambda event: event["timestamp"], reverse=not ascending)
        total_pages = math.ceil(len(events) / page_size)
        start = page_number * page_size
        return {
            "id": chat.id,
            "chat_group_id": chat.chat_group_id,
            "status": chat.status,
            "start_timestamp": chat.start_timestamp,
            "end_timestamp": chat.end_timestamp,
            "pagination_direction": "ASC" if ascending else "DESC",
            "events_page": events[start : start + page_size],
            "metadata": "",
            "page_number": page_number,
            "page_size": page_size,
            "total_pages": total_pages,
            "config": {"id": chat.config_id, "version": 0} if chat.config_id else None,
        }

    def build_app(self) -> Starlette:
        """Return the ASGI app serving the REST endpoints and the socket."""
        return Starlette(
            routes=[
                Route("/oauth2-cc/token", self._token, methods=["POST"]),
                Route("/v0/evi/chats/{chat_id}", self._chat_events, methods=["GET"]),
                WebSocketRoute("/v0/evi/chat", self._chat_socket),
            ]
        )

    async def _delay(self) -> None:
        if self.latency_seconds:
            await asyncio.sleep(self.latency_seconds)

    async def _token(self, request: Request) -> Response:
        await self._delay()
        expected = base64.b64encode(f"{self.api_key}:{self.secret_key}".encode()).decode()
        form = await request.form()
        record = {
            "authorization_ok": request.headers.get("authorization") == f"Basic {expected}",
            "content_type": request.headers.get("content-type", ""),
            "form": dict(form),
        }
        self.token_requests.append(record)
        if not record["authorization_ok"]:
            return JSONResponse({"error": "invalid_client"}, status_code=401)
        with self._lock:
            failure = self.token_failures.popleft() if self.token_failures else None
        if failure is not None:
            return JSONResponse({"error": "injected failure"}, status_code=failure)
        if form.get("grant_type") != "client_credentials":
            return JSONResponse({"error": "unsupported_grant_type"}, status_code=400)
        token = secrets.token_urlsafe(32)
        self.tokens[token] = time.time() + TOKEN_LIFETIME_SECONDS
        return JSONResponse(
            {
                "access_token": token,
                "token_type": "Bearer",
                "expires_in": TOKEN_LIFETIME_SECONDS,
                "issued_at": int(time.time()),
            }
        )

    async def _chat_events(self, request: Request) -> Response:
        await self._delay()
        chat_id = request.path_params["chat_id"]
        params = request.query_params
        try:
            page_number = int(params.get("page_number", "0"))
            page_size = int(params.get("page_size", "10"))
        except ValueError:
            return JSONResponse({"message": "invalid paging"}, status_code=400)
        self.chat_requests.append((chat_id, page_number))
        if request.headers.get("x-hume-api-key") != self.api_key:
            return JSONResponse({"message": "Invalid API key"}, status_code=401)
        with self._lock:
            failure = self.chat_failures.popleft() if self.chat_failures else None
        if failure is not None:
            return JSONResponse({"message": "injected failure"}, status_code=failure)
        if page_number < 0 or not 1 <= page_size <= MAX_PAGE_SIZE:
            return JSONResponse({"message": "invalid paging"}, status_code=400)
        chat = self.chats.get(chat_id)
        if chat is None:
            return JSONResponse({"message": "Chat not found"}, status_code=404)
        ascending = params.get("ascending_order", "true").lower() != "false"
        # A page is encoded once per state of the chat, so the fake's own CPU stays out of
        # what benchmarks measure (Hume's servers are not ours either).
        key = (chat.id, len(chat.events), chat.status, page_number, page_size, ascending)
        body = self._encoded_pages.get(key)
        if body is None:
            page = self.chat_page(
                chat, page_number=page_number, page_size=page_size, ascending=ascending
            )
            body = json.dumps(page).encode()
            self._encoded_pages[key] = body
        return Response(body, media_type="application/json")

    async def _chat_socket(self, websocket: WebSocket) -> None:
        query = dict(websocket.query_params)
        expiry = self.tokens.get(query.get("access_token", ""))
        if expiry is None or expiry < time.time():
            await websocket.close(code=1008)
            return
        await websocket.accept()
        chat = FakeChat(id=str(uuid.uuid4()), config_id=query.get("config_id"))
        chat.add_event(role="SYSTEM", event_type="CHAT_START_MESSAGE", text=None)
        record = SocketRecord(chat_id=chat.id, query=query)
        for name, value in query.items():
            match = SESSION_VARIABLE_PARAM.match(name)
            if match:
                record.variables[match.group(1)] = value
        with self._lock:
            self.chats[chat.id] = chat
            self.sockets.append(record)
        await websocket.send_json(
            {
                "type": "chat_metadata",
                "chat_group_id": chat.chat_group_id,
                "chat_id": chat.id,
                "request_id": str(uuid.uuid4()),
            }
        )
        heard_audio = asyncio.Event()
        script = asyncio.create_task(self._run_script(websocket, chat, record, heard_audio))
        try:
            await self._receive(websocket, record, heard_audio)
        finally:
            script.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await script
            record.closed = True
            chat.end_timestamp = int(time.time() * 1000)
            chat.status = "USER_ENDED"
            chat.add_event(
                role="SYSTEM",
                event_type="CHAT_END_MESSAGE",
                text=None,
                timestamp=chat.end_timestamp,
            )

    async def _receive(
        self, websocket: WebSocket, record: SocketRecord, heard_audio: asyncio.Event
    ) -> None:
        with contextlib.suppress(WebSocketDisconnect):
            while True:
                message = await websocket.receive()
                if message["type"] == "websocket.disconnect":
                    return
                if message.get("bytes") is not None:
                    record.audio_frames += 1
                    record.audio_bytes += len(message["bytes"])
                elif message.get("text") is not None:
                    self._record_json(record, message["text"])
                if record.audio_frames >= self.script.audio_frames_before_answer:
                    heard_audio.set()

    @staticmethod
    def _record_json(record: SocketRecord, text: str) -> None:
        try:
            body = json.loads(text)
        except ValueError:
            return
        if not isinstance(body, dict):
            return
        if body.get("type") == "session_settings":
            record.session_settings_messages.append(body)
            variables = body.get("variables")
            if isinstance(variables, dict):
                record.variables.update({str(k): str(v) for k, v in variables.items()})
        elif body.get("type") == "audio_input" and isinstance(body.get("data"), str):
            record.audio_frames += 1
            record.audio_bytes += len(base64.b64decode(body["data"], validate=False))

    async def _say(self, websocket: WebSocket, chat: FakeChat, text: str) -> None:
        chat.add_event(role="AGENT", event_type="AGENT_MESSAGE", text=text)
        message_id = str(uuid.uuid4())
        await websocket.send_json(
            {
                "type": "assistant_message",
                "id": message_id,
                "message": {"role": "assistant", "content": text},
                "models": {"prosody": {"scores": emotion_scores(seed=len(chat.events))}},
                "from_text": False,
                "is_quick_response": False,
            }
        )
        await websocket.send_json(
            {
                "type": "audio_output",
                "id": message_id,
                "index": 0,
                "data": base64.b64encode(wav_tone()).decode(),
            }
        )
        await websocket.send_json({"type": "assistant_end"})

    async def _run_script(
        self,
        websocket: WebSocket,
        chat: FakeChat,
        record: SocketRecord,
        heard_audio: asyncio.Event,
    ) -> None:
        # Settings sent as a message right after connecting count as well as query ones.
        await asyncio.sleep(0.2)
        variables = {"userName": "there", "title": "this role", **record.variables}
        await self._say(websocket, chat, self.script.greeting.format_map(_Blank(variables)))
        await heard_audio.wait()
        now = int(time.time() * 1000)
        begin = max(0, now - chat.start_timestamp - 2000)
        scores = emotion_scores(ANSWER_EMOTIONS, seed=len(chat.events))
        chat.add_event(
            role="USER",
            event_type="USER_MESSAGE",
            text=self.script.answer,
            timestamp=now,
            emotions=scores,
            metadata=json.dumps(
                {
                    "segments": [
                        {"content": self.script.answer, "time": {"begin_ms": 0, "end_ms": 2000}}
                    ]
                }
            ),
        )
        await websocket.send_json(
            {
                "type": "user_message",
                "message": {"role": "user", "content": self.script.answer},
                "models": {"prosody": {"scores": scores}},
                "time": {"begin": begin, "end": begin + 2000},
                "from_text": False,
                "interim": False,
            }
        )
        await self._say(websocket, chat, self.script.follow_up)


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


class FakeHumeServer:
    """Runs a `FakeHume` with uvicorn in a background thread on loopback."""

    def __init__(self, fake: FakeHume, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self.fake = fake
        self.host = host
        self.port = port
        config = uvicorn.Config(
            fake.build_app(), host=host, port=port, log_level="warning", ws="wsproto"
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    @property
    def base_url(self) -> str:
        """`HUME_BASE_URL` for this server."""
        return f"http://{self.host}:{self.port}"

    def start(self) -> None:
        """Start serving; returns once the port accepts connections."""
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("The fake Hume server did not start")
            time.sleep(0.02)
        if not self.port:
            self.port = self._server.servers[0].sockets[0].getsockname()[1]

    def stop(self) -> None:
        """Stop serving and wait for the thread."""
        self._server.should_exit = True
        self._thread.join(timeout=10)


def main(argv: Sequence[str] | None = None) -> None:
    """Serve the fake until interrupted (`python -m interview_app.devtools.fake_hume`)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--api-key", default="fake-api-key")
    parser.add_argument("--secret-key", default="fake-secret-key")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added per request")
    args = parser.parse_args(argv)
    fake = FakeHume(api_key=args.api_key, secret_key=args.secret_key, latency_seconds=args.latency)
    print(f"Fake Hume EVI on http://{args.host}:{args.port} (Ctrl+C stops it)")
    # No access log: socket URLs carry access tokens.
    uvicorn.run(fake.build_app(), host=args.host, port=args.port, ws="wsproto", access_log=False)


if __name__ == "__main__":
    main()
