"""The fake EVI server speaks Hume's documented shapes (checked with the `hume` SDK's models)."""

from __future__ import annotations

import base64
import io
import json
import wave

import pytest
from hume.empathic_voice.types import (
    AssistantEnd,
    AssistantMessage,
    AudioOutput,
    ChatMetadata,
    ReturnChatPagedEvents,
    UserMessage,
)
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from interview_app.devtools.fake_hume import EMOTION_NAMES, FakeHume, ScriptedExchange


def _token(client: TestClient, fake: FakeHume) -> str:
    response = client.post(
        "/oauth2-cc/token",
        auth=(fake.api_key, fake.secret_key),
        data={"grant_type": "client_credentials"},
    )
    assert response.status_code == 200
    assert response.json()["expires_in"] == 1800
    return response.json()["access_token"]


def test_rest_pages_validate_against_humes_model() -> None:
    fake = FakeHume()
    chat = fake.add_chat([("AGENT", "Question?"), ("USER", "Answer.")] * 60, config_id="cfg")
    with TestClient(fake.build_app()) as client:
        pages = [
            client.get(
                f"/v0/evi/chats/{chat.id}",
                params={"page_number": number, "page_size": 100, "ascending_order": "true"},
                headers={"X-Hume-Api-Key": fake.api_key},
            ).json()
            for number in range(2)
        ]
    parsed = [ReturnChatPagedEvents.model_validate(page) for page in pages]
    assert [page.total_pages for page in parsed] == [2, 2]
    assert sum(len(page.events_page) for page in parsed) == 122
    assert parsed[0].config is not None and parsed[0].config.id == "cfg"
    user_event = next(e for e in parsed[0].events_page if e.type == "USER_MESSAGE")
    assert len(json.loads(user_event.emotion_features)) == 48


def test_socket_sends_metadata_then_the_scripted_exchange_and_records_what_it_got() -> None:
    fake = FakeHume(script=ScriptedExchange(audio_frames_before_answer=3))
    with TestClient(fake.build_app()) as client:
        token = _token(client, fake)
        query = (
            f"access_token={token}&config_id=cfg&verbose_transcription=true"
            "&session_settings[variables][userName]=Ada"
            "&session_settings[variables][title]=Backend%20Engineer"
        )
        with client.websocket_connect(f"/v0/evi/chat?{query}") as socket:
            metadata = ChatMetadata.model_validate(socket.receive_json())
            socket.send_text(
                json.dumps({"type": "session_settings", "variables": {"experienceLevel": "senior"}})
            )
            greeting = AssistantMessage.model_validate(socket.receive_json())
            audio = AudioOutput.model_validate(socket.receive_json())
            AssistantEnd.model_validate(socket.receive_json())
            for _ in range(3):
                socket.send_bytes(b"\x00\x01" * 800)
            answer = UserMessage.model_validate(socket.receive_json())
            follow_up = AssistantMessage.model_validate(socket.receive_json())

    assert greeting.message.content.startswith("Hello Ada!")
    assert "Backend Engineer" in greeting.message.content
    with wave.open(io.BytesIO(base64.b64decode(audio.data))) as clip:
        assert clip.getnframes() > 0
    scores = answer.models.prosody.scores.model_dump(by_alias=True)
    assert set(scores) == set(EMOTION_NAMES)
    assert answer.time.end > answer.time.begin
    assert follow_up.message.content

    [record] = fake.sockets
    assert record.chat_id == metadata.chat_id
    assert record.variables == {
        "userName": "Ada",
        "title": "Backend Engineer",
        "experienceLevel": "senior",
    }
    assert (record.audio_frames, record.audio_bytes) == (3, 4800)
    stored = fake.chats[metadata.chat_id]
    assert stored.config_id == "cfg"
    assert [e["type"] for e in stored.events if e["type"].endswith("_MESSAGE")][1:4] == [
        "AGENT_MESSAGE",
        "USER_MESSAGE",
        "AGENT_MESSAGE",
    ]


def test_socket_refuses_an_unknown_token() -> None:
    fake = FakeHume()
    with (
        TestClient(fake.build_app()) as client,
        pytest.raises(WebSocketDisconnect) as refused,
        client.websocket_connect("/v0/evi/chat?access_token=forged") as socket,
    ):
        socket.receive_json()
    assert refused.value.code == 1008
    assert fake.sockets == []
