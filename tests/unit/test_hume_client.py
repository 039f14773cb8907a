"""The Hume adapter against scripted HTTP answers and the fake EVI server, in process."""

from __future__ import annotations

import asyncio
import base64
import json
from pathlib import Path
from urllib.parse import parse_qs

import httpx
import pytest

from interview_app.devtools.fake_hume import FakeHume
from interview_app.services.errors import (
    ChatIdRefusedError,
    VoiceChatNotFoundError,
    VoiceProviderError,
)
from interview_app.services.voice.hume import (
    PAGE_SIZE,
    HumeAdapter,
    HumeClient,
    parse_emotion_features,
    to_transcript,
)

# Hume's own published example of one page (copied from ../shared/fixtures/hume).
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures/hume/chat_events_page_example.json"


def _client(handler, **overrides) -> HumeClient:
    options = {
        "base_url": "http://hume.test",
        "api_key": "key-123",
        "secret_key": "secret-456",
        "config_id": "cfg",
        "backoff_seconds": 0,
        "transport": httpx.MockTransport(handler),
    }
    return HumeClient(**{**options, **overrides})


def _fake_client(fake: FakeHume, **overrides) -> HumeClient:
    return HumeClient(
        base_url="http://fake-hume",
        api_key=fake.api_key,
        secret_key=fake.secret_key,
        config_id="cfg",
        backoff_seconds=0,
        transport=httpx.ASGITransport(app=fake.build_app()),
        **overrides,
    )


def _events(count: int, chat_id: str = "chat-1") -> list[dict]:
    return [
        {
            "id": f"e{index}",
            "chat_id": chat_id,
            "timestamp": 1_000_000 + index * 1000,
            "role": "USER" if index % 2 else "AGENT",
            "type": "USER_MESSAGE" if index % 2 else "AGENT_MESSAGE",
            "message_text": f"message {index}",
            "emotion_features": json.dumps({"Joy": 0.5, "Calmness": 0.25}),
            "metadata": "",
        }
        for index in range(count)
    ]


def _pager(events: list[dict], *, delay: float = 0.0, seen: list[int] | None = None):
    total_pages = max(1, -(-len(events) // PAGE_SIZE))
    in_flight = {"now": 0, "max": 0}

    async def handler(request: httpx.Request) -> httpx.Response:
        page = int(request.url.params["page_number"])
        assert request.url.params["page_size"] == str(PAGE_SIZE)
        assert request.url.params["ascending_order"] == "true"
        assert request.headers["X-Hume-Api-Key"] == "key-123"
        if seen is not None:
            seen.append(page)
        in_flight["now"] += 1
        in_flight["max"] = max(in_flight["max"], in_flight["now"])
        await asyncio.sleep(delay)
        in_flight["now"] -= 1
        chunk = events[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
        return httpx.Response(
            200,
            json={
                "id": "chat-1",
                "start_timestamp": 1_000_000,
                "total_pages": total_pages,
                "page_number": page,
                "page_size": PAGE_SIZE,
                "events_page": chunk,
                "config": {"id": "cfg", "version": 0},
            },
        )

    return handler, in_flight


async def test_token_request_has_the_documented_shape() -> None:
    requests: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return httpx.Response(200, json={"access_token": "tok-789", "expires_in": 1800})

    assert await _client(handler).fetch_access_token() == "tok-789"
    [request] = requests
    assert request.method == "POST"
    assert request.url == "http://hume.test/oauth2-cc/token"
    expected = base64.b64encode(b"key-123:secret-456").decode()
    assert request.headers["Authorization"] == f"Basic {expected}"
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert parse_qs(request.content.decode()) == {"grant_type": ["client_credentials"]}


async def test_a_refused_token_is_a_clear_error_without_secrets() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(401, json={"error": "invalid_client"})

    with pytest.raises(VoiceProviderError) as refused:
        await _client(handler).fetch_access_token()
    assert "secret-456" not in str(refused.value)
    assert "could not be reached" in str(refused.value)


async def test_the_fake_accepts_only_the_real_token_request() -> None:
    fake = FakeHume()
    assert await _fake_client(fake).fetch_access_token() in fake.tokens
    with pytest.raises(VoiceProviderError):
        await HumeClient(
            base_url="http://fake-hume",
            api_key=fake.api_key,
            secret_key="wrong",
            transport=httpx.ASGITransport(app=fake.build_app()),
        ).fetch_access_token()


@pytest.mark.parametrize("event_count", [40, 150, 1500])
async def test_paging_fetches_every_page_once_in_order(event_count: int) -> None:
    events = _events(event_count)
    seen: list[int] = []
    handler, in_flight = _pager(events, delay=0.01, seen=seen)

    chat = await _client(handler).fetch_chat("chat-1")

    pages = max(1, -(-event_count // PAGE_SIZE))
    assert sorted(seen) == list(range(pages))
    assert seen[0] == 0
    assert [event.id for event in chat.events] == [event["id"] for event in events]
    if pages > 2:
        assert in_flight["max"] >= min(pages - 1, 16) // 2


async def test_pages_after_the_first_are_fetched_at_the_same_time() -> None:
    handler, in_flight = _pager(_events(1500), delay=0.05)
    await _client(handler).fetch_chat("chat-1")
    assert in_flight["max"] == 14


async def test_the_fake_pages_like_hume_and_answers_past_the_last_page() -> None:
    fake = FakeHume()
    chat = fake.add_chat([("AGENT", f"q{n}") if n % 2 else ("USER", f"a{n}") for n in range(248)])
    app = fake.build_app()
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://f"
    ) as http:
        headers = {"X-Hume-Api-Key": fake.api_key}
        params = {"page_size": 100, "ascending_order": "true"}
        first = (
            await http.get(
                f"/v0/evi/chats/{chat.id}", params={**params, "page_number": 0}, headers=headers
            )
        ).json()
        past = (
            await http.get(
                f"/v0/evi/chats/{chat.id}", params={**params, "page_number": 3}, headers=headers
            )
        ).json()
        unauthorised = await http.get(f"/v0/evi/chats/{chat.id}", params=params)
    assert (first["total_pages"], len(first["events_page"])) == (3, 100)
    assert (past["page_number"], past["events_page"]) == (3, [])
    assert unauthorised.status_code == 401

    fetched = await _fake_client(fake).fetch_chat(chat.id)
    assert len(fetched.events) == 250
    assert [entry.text for entry in to_transcript(fetched)][:2] == ["a0", "q1"]


async def test_malformed_events_are_skipped_or_read_leniently() -> None:
    page = {
        "id": "chat-1",
        "start_timestamp": 1000,
        "total_pages": 1,
        "events_page": [
            "not an object",
            {"id": "no-time", "type": "USER_MESSAGE", "message_text": "lost"},
            {"id": "a", "timestamp": 2000, "role": "AGENT", "type": "AGENT_MESSAGE",
             "message_text": "Hi", "emotion_features": None},
            {"id": "b", "timestamp": 3000, "role": "USER", "type": "USER_MESSAGE",
             "message_text": "Hello", "emotion_features": ""},
            {"id": "c", "timestamp": 4000, "role": "USER", "type": "USER_MESSAGE",
             "message_text": "Again", "emotion_features": "{not json"},
            {"id": "d", "timestamp": 5000, "role": "USER", "type": "USER_MESSAGE",
             "message_text": "Scored", "emotion_features": {"Joy": 0.9, "Awe": "x", "Pain": 0.1}},
            {"id": "e", "timestamp": 6000, "role": "NARRATOR", "type": "BRAND_NEW_EVENT",
             "message_text": "ignored"},
            {"id": "f", "timestamp": 7000, "role": "USER", "type": "USER_MESSAGE",
             "message_text": None},
            {"id": "g", "timestamp": 8000, "role": "MYSTERY", "type": "AGENT_MESSAGE",
             "message_text": "Bye"},
        ],
    }  # fmt: skip

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=page)

    entries = to_transcript(await _client(handler).fetch_chat("chat-1"))
    assert [(e.speaker, e.text, e.start_ms, e.emotions) for e in entries] == [
        ("interviewer", "Hi", 1000, None),
        ("interviewee", "Hello", 2000, None),
        ("interviewee", "Again", 3000, None),
        ("interviewee", "Scored", 4000, {"Joy": 0.9, "Pain": 0.1}),
        ("interviewer", "Bye", 7000, None),
    ]


def test_emotion_features_forms() -> None:
    assert parse_emotion_features('{"Joy": 0.5}') == {"Joy": 0.5}
    assert parse_emotion_features("") is None
    assert parse_emotion_features(None) is None
    assert parse_emotion_features("[1, 2]") is None
    assert parse_emotion_features('{"Joy": NaN}') is None


async def test_retries_429_5xx_and_timeouts_then_succeeds() -> None:
    handler, _ = _pager(_events(3))
    answers = iter([429, 503, "timeout"])

    async def flaky(request: httpx.Request) -> httpx.Response:
        answer = next(answers, None)
        if answer == "timeout":
            raise httpx.ReadTimeout("slow", request=request)
        if answer is not None:
            return httpx.Response(answer)
        return await handler(request)

    chat = await _client(flaky).fetch_chat("chat-1")
    assert len(chat.events) == 3


async def test_a_persistent_failure_is_a_clear_error_after_the_retries() -> None:
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return httpx.Response(502)

    with pytest.raises(VoiceProviderError) as failed:
        await _client(handler, attempts=3).fetch_chat("chat-1")
    assert len(calls) == 3
    assert str(failed.value) == VoiceProviderError.default_message


async def test_an_unknown_chat_is_not_retried() -> None:
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return httpx.Response(404, json={"message": "not found"})

    with pytest.raises(VoiceChatNotFoundError):
        await _client(handler).fetch_chat("chat-1")
    assert len(calls) == 1


async def test_a_chat_of_another_configuration_is_refused() -> None:
    fake = FakeHume()
    theirs = fake.add_chat([("USER", "someone else's answer")], config_id="their-config")
    ours = fake.add_chat([("USER", "my answer")], config_id="cfg")
    adapter = HumeAdapter(client=_fake_client(fake))
    with pytest.raises(ChatIdRefusedError):
        await adapter.fetch_transcript(theirs.id)
    assert [entry.text for entry in await adapter.fetch_transcript(ours.id)] == ["my answer"]


async def test_humes_published_example_page_parses_into_the_right_transcript() -> None:
    page = json.loads(FIXTURE.read_text())

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=page)

    chat = await _client(handler, config_id=page["config"]["id"]).fetch_chat(page["id"])
    entries = to_transcript(chat)
    assert [(e.speaker, e.text, e.start_ms, e.end_ms) for e in entries] == [
        ("interviewee", "Hello.", 15630, 16130),
        ("interviewer", "Hello!", 16383, None),
    ]
    assert list(entries[0].emotions) == ["Joy", "Surprise (positive)", "Interest"]
    assert entries[1].emotions is None
