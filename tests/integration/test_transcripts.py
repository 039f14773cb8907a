"""Transcripts we own: sync from the fake EVI server, chat-id rules, exports, ownership."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from interview_app.config import get_settings
from interview_app.devtools.fake_hume import FakeHume, FakeHumeServer
from interview_app.models import Interview, TranscriptMessage, User
from interview_app.services.accounts.sessions import start_session
from interview_app.services.calls.start import start_browser_call
from interview_app.services.errors import (
    ChatIdRefusedError,
    NotFoundError,
    PermissionDeniedError,
    TranscriptSyncInProgressError,
    VoiceProviderError,
)
from interview_app.services.interviews.lifecycle import create_interview, update_interview
from interview_app.services.jobs.job_infos import create_job_info
from interview_app.services.transcripts.export import export_transcript
from interview_app.services.transcripts.store import get_transcript, transcript_status
from interview_app.services.transcripts.sync import sync_transcript
from interview_app.services.voice import hume
from interview_app.web.interviews import build_interview_routes

CONFIG_ID = "our-config"
EXCHANGE = [
    ("AGENT", "Tell me about yourself."),
    ("USER", "I build web services."),
    ("USER", "Mostly in Python."),
    ("AGENT", "What was your hardest bug?"),
    ("USER", "A race in a cache."),
]


@pytest.fixture(scope="module")
def fake_server() -> Iterator[FakeHumeServer]:
    server = FakeHumeServer(FakeHume())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def fake(
    fake_server: FakeHumeServer, monkeypatch: pytest.MonkeyPatch, database_url: str
) -> FakeHume:
    monkeypatch.setenv("HUME_API_KEY", fake_server.fake.api_key)
    monkeypatch.setenv("HUME_SECRET_KEY", fake_server.fake.secret_key)
    monkeypatch.setenv("HUME_CONFIG_ID", CONFIG_ID)
    monkeypatch.setenv("HUME_BASE_URL", fake_server.base_url)
    monkeypatch.setenv("VOICE_PROVIDER", "hume")
    monkeypatch.setattr(hume, "RETRY_BACKOFF_SECONDS", 0)
    get_settings.cache_clear()
    fake_server.fake.chat_failures.clear()
    fake_server.fake.latency_seconds = 0
    return fake_server.fake


def _user(session: Session, name: str = "Ada") -> uuid.UUID:
    user = User(name=name, email=f"{name.lower()}-{uuid.uuid4().hex[:8]}@example.com", plan="pro")
    session.add(user)
    session.commit()
    return user.id


def _interview(session: Session, user_id: uuid.UUID) -> uuid.UUID:
    job = create_job_info(
        session=session,
        user_id=user_id,
        name="Platform team",
        title="",
        description="Python services.",
        experience_level="mid-level",
    )
    interview = create_interview(session=session, user_id=user_id, job_info_id=job.id)
    assert interview.voice_provider == "hume"
    return interview.id


def _held(session: Session, fake: FakeHume, user_id: uuid.UUID, config_id: str = CONFIG_ID):
    interview_id = _interview(session, user_id)
    chat = fake.add_chat(EXCHANGE, config_id=config_id)
    update_interview(
        session=session, user_id=user_id, interview_id=interview_id, hume_chat_id=chat.id
    )
    return interview_id, chat.id


def _rows(engine: Engine, interview_id: uuid.UUID) -> int:
    with Session(engine) as fresh:
        return fresh.exec(
            select(func.count())
            .select_from(TranscriptMessage)
            .where(TranscriptMessage.interview_id == interview_id)
        ).one()


async def test_sync_stores_the_transcript_once_and_again_without_duplicates(
    session: Session, engine: Engine, fake: FakeHume
) -> None:
    user_id = _user(session)
    interview_id, _ = _held(session, fake, user_id)

    assert await sync_transcript(user_id=user_id, interview_id=interview_id) == 5
    assert await sync_transcript(user_id=str(user_id), interview_id=str(interview_id)) == 5

    assert _rows(engine, interview_id) == 5
    entries = get_transcript(session=session, user_id=user_id, interview_id=interview_id)
    assert [(e.speaker, e.text) for e in entries] == [
        ("interviewer", "Tell me about yourself."),
        ("interviewee", "I build web services."),
        ("interviewee", "Mostly in Python."),
        ("interviewer", "What was your hardest bug?"),
        ("interviewee", "A race in a cache."),
    ]
    assert [e.start_ms for e in entries] == [1500, 3000, 4500, 6000, 7500]
    assert list(entries[1].emotions) == ["Determination", "Interest", "Calmness"]
    assert entries[0].emotions is None
    status = transcript_status(session=session, user_id=user_id, interview_id=interview_id)
    assert (status.state, status.messages) == ("stored", 5)


async def test_the_stored_transcript_outlives_the_providers_copy(
    session: Session, engine: Engine, fake: FakeHume
) -> None:
    user_id = _user(session)
    interview_id, chat_id = _held(session, fake, user_id)
    await sync_transcript(user_id=user_id, interview_id=interview_id)

    del fake.chats[chat_id]
    requests_before = len(fake.chat_requests)
    assert await sync_transcript(user_id=user_id, interview_id=interview_id) == 5
    assert len(fake.chat_requests) == requests_before + 1
    assert _rows(engine, interview_id) == 5
    # Reading it never asks the provider.
    get_transcript(session=session, user_id=user_id, interview_id=interview_id)
    export_transcript(session=session, user_id=user_id, interview_id=interview_id, file_format="md")
    assert len(fake.chat_requests) == requests_before + 1


async def test_a_failing_provider_leaves_a_clear_error_and_a_working_retry(
    session: Session, engine: Engine, fake: FakeHume
) -> None:
    user_id = _user(session)
    interview_id, _ = _held(session, fake, user_id)
    fake.chat_failures.extend([503] * hume.RETRY_ATTEMPTS)

    with pytest.raises(VoiceProviderError):
        await sync_transcript(user_id=user_id, interview_id=interview_id)
    status = transcript_status(session=session, user_id=user_id, interview_id=interview_id)
    assert (status.state, status.error) == ("failed", VoiceProviderError.default_message)
    assert _rows(engine, interview_id) == 0
    with Session(engine) as fresh:
        interview = fresh.get(Interview, interview_id)
        assert interview is not None and interview.hume_chat_id is not None

    fake.chat_failures.extend([429, 500])
    assert await sync_transcript(user_id=user_id, interview_id=interview_id) == 5
    status = transcript_status(session=session, user_id=user_id, interview_id=interview_id)
    assert (status.state, status.error) == ("stored", "")


async def test_two_syncs_at_once_store_one_copy(
    session: Session, engine: Engine, fake: FakeHume
) -> None:
    user_id = _user(session)
    interview_id, _ = _held(session, fake, user_id)
    fake.latency_seconds = 0.3

    results = await asyncio.gather(
        sync_transcript(user_id=user_id, interview_id=interview_id),
        sync_transcript(user_id=user_id, interview_id=interview_id),
        return_exceptions=True,
    )

    assert sorted(map(type, results), key=str) == sorted(
        [int, TranscriptSyncInProgressError], key=str
    )
    assert _rows(engine, interview_id) == 5


def test_a_chat_id_is_set_once_and_never_shared(session: Session, fake: FakeHume) -> None:
    ada, bob = _user(session, "Ada"), _user(session, "Bob")
    ada_interview, ada_chat = _held(session, fake, ada)
    bob_interview = _interview(session, bob)

    # Bob cannot borrow Ada's chat, and Ada's interview keeps its own.
    with pytest.raises(ChatIdRefusedError):
        update_interview(
            session=session, user_id=bob, interview_id=bob_interview, hume_chat_id=ada_chat
        )
    with pytest.raises(ChatIdRefusedError):
        update_interview(
            session=session, user_id=ada, interview_id=ada_interview, hume_chat_id="another"
        )
    # Reporting the same id again (a reconnecting browser) changes nothing.
    same = update_interview(
        session=session, user_id=ada, interview_id=ada_interview, hume_chat_id=ada_chat
    )
    assert same.hume_chat_id == ada_chat
    with Session(session.get_bind()) as fresh:
        assert fresh.get(Interview, bob_interview).hume_chat_id is None


async def test_a_forged_chat_id_gets_a_refusal_not_a_transcript(
    session: Session, engine: Engine, fake: FakeHume
) -> None:
    user_id = _user(session)
    # A chat that exists under the key but ran another EVI configuration than ours.
    interview_id, _ = _held(session, fake, user_id, config_id="someone-elses-config")
    with pytest.raises(ChatIdRefusedError):
        await sync_transcript(user_id=user_id, interview_id=interview_id)
    assert _rows(engine, interview_id) == 0
    status = transcript_status(session=session, user_id=user_id, interview_id=interview_id)
    assert (status.state, status.error) == ("failed", ChatIdRefusedError.default_message)


async def test_a_call_start_mints_a_fresh_token_with_the_jobs_variables(
    session: Session, fake: FakeHume
) -> None:
    user_id = _user(session, "Ada")
    interview_id = _interview(session, user_id)

    first = await start_browser_call(user_id=user_id, interview_id=interview_id)
    second = await start_browser_call(user_id=user_id, interview_id=interview_id)

    assert first.access_token != second.access_token
    assert first.access_token in fake.tokens
    assert first.config_id == CONFIG_ID
    assert dict(first.variables) == {
        "userName": "Ada",
        "title": "Not Specified",
        "description": "Python services.",
        "experienceLevel": "mid-level",
    }
    assert first.access_token not in repr(first)


async def test_another_user_gets_nothing_from_any_of_it(
    session: Session, engine: Engine, fake: FakeHume
) -> None:
    ada, bob = _user(session, "Ada"), _user(session, "Bob")
    interview_id, chat_id = _held(session, fake, ada)
    await sync_transcript(user_id=ada, interview_id=interview_id)
    tokens_before = len(fake.tokens)

    with pytest.raises(NotFoundError):
        get_transcript(session=session, user_id=bob, interview_id=interview_id)
    with pytest.raises(NotFoundError):
        await sync_transcript(user_id=bob, interview_id=interview_id)
    with pytest.raises(NotFoundError):
        export_transcript(
            session=session, user_id=bob, interview_id=interview_id, file_format="json"
        )
    with pytest.raises(NotFoundError):
        await start_browser_call(user_id=bob, interview_id=interview_id)
    with pytest.raises(PermissionDeniedError):
        update_interview(
            session=session, user_id=bob, interview_id=interview_id, duration="00:09:00"
        )

    bob_cookie = start_session(session=session, user_id=bob, next_path="/app").token
    ada_cookie = start_session(session=session, user_id=ada, next_path="/app").token
    cookie_name = get_settings().session_cookie_name
    with TestClient(Starlette(routes=build_interview_routes())) as client:
        client.cookies.set(cookie_name, bob_cookie)
        assert client.post(f"/api/interviews/{interview_id}/voice-call").status_code == 404
        for file_format in ("md", "json"):
            response = client.get(f"/api/interviews/{interview_id}/transcript.{file_format}")
            assert response.status_code == 404
            assert "build web services" not in response.text

        client.cookies.set(cookie_name, ada_cookie)
        markdown = client.get(f"/api/interviews/{interview_id}/transcript.md")
        assert markdown.status_code == 200
        assert "attachment" in markdown.headers["content-disposition"]
        assert "**You** (00:03)\n\nI build web services.\n" in markdown.text
        document = json.loads(client.get(f"/api/interviews/{interview_id}/transcript.json").text)
        assert document["messages"][0]["text"] == "Tell me about yourself."
        # A held interview gets no second call.
        assert client.post(f"/api/interviews/{interview_id}/voice-call").status_code == 409
    assert len(fake.tokens) == tokens_before
    with Session(engine) as fresh:
        interview = fresh.get(Interview, interview_id)
        assert interview is not None
        assert (interview.hume_chat_id, interview.duration) == (chat_id, "00:00:00")


async def test_a_chat_older_than_the_interview_is_refused(
    session: Session, engine: Engine, fake: FakeHume
) -> None:
    user_id = _user(session)
    interview_id = _interview(session, user_id)
    old_chat = fake.add_chat(EXCHANGE, config_id=CONFIG_ID)
    old_chat.start_timestamp -= 3_600_000  # an hour before the interview was created
    update_interview(
        session=session, user_id=user_id, interview_id=interview_id, hume_chat_id=old_chat.id
    )
    with pytest.raises(ChatIdRefusedError):
        await sync_transcript(user_id=user_id, interview_id=interview_id)
    assert _rows(engine, interview_id) == 0


async def test_a_chat_past_the_caps_is_read_to_the_page_cap_and_stored_cut(
    session: Session, engine: Engine, fake: FakeHume
) -> None:
    from interview_app.services.transcript_entry import MAX_MESSAGES

    user_id = _user(session)
    interview_id = _interview(session, user_id)
    # More pages than the cap believes: a chat that says 26 pages is read for 20.
    lines = [
        ("USER" if index % 2 else "AGENT", f"Message {index}.")
        for index in range(hume.MAX_PAGES * hume.PAGE_SIZE + 500)
    ]
    chat = fake.add_chat(lines, config_id=CONFIG_ID, spacing_ms=10)
    update_interview(
        session=session, user_id=user_id, interview_id=interview_id, hume_chat_id=chat.id
    )
    requests_before = len(fake.chat_requests)

    assert await sync_transcript(user_id=user_id, interview_id=interview_id) == MAX_MESSAGES

    pages = sorted(
        page for chat_id, page in fake.chat_requests[requests_before:] if chat_id == chat.id
    )
    assert pages == list(range(hume.MAX_PAGES))
    assert _rows(engine, interview_id) == MAX_MESSAGES
    entries = get_transcript(session=session, user_id=user_id, interview_id=interview_id)
    assert (entries[0].text, entries[-1].text) == ("Message 0.", f"Message {MAX_MESSAGES - 1}.")
    status = transcript_status(session=session, user_id=user_id, interview_id=interview_id)
    assert (status.state, status.messages, status.at_cap) == ("stored", MAX_MESSAGES, True)


async def test_odd_events_are_skipped_and_the_rest_is_stored(
    session: Session, engine: Engine, fake: FakeHume
) -> None:
    user_id = _user(session)
    interview_id, chat_id = _held(session, fake, user_id)
    chat = fake.chats[chat_id]
    at = chat.start_timestamp + 500

    def event(text: str, **fields: object) -> dict:
        return {"id": text, "type": "USER_MESSAGE", "role": "USER", "message_text": text, **fields}

    deep = '{"a":' * 5_000 + "1" + "}" * 5_000
    chat.events += [
        event("Not a time.", timestamp=float("nan")),
        event("Past any column.", timestamp=1e300),
        event("Deep scores.", timestamp=at, emotion_features=deep),
        event("Deep metadata.", timestamp=at + 1, metadata=deep),
        event(
            "Too long to be true.",
            timestamp=at + 2,
            metadata=json.dumps({"segments": [{"time": {"begin_ms": 0, "end_ms": 2**62}}]}),
        ),
    ]

    assert await sync_transcript(user_id=user_id, interview_id=interview_id) == 8

    entries = get_transcript(session=session, user_id=user_id, interview_id=interview_id)
    assert [entry.text for entry in entries[:3]] == [
        "Deep scores.",
        "Deep metadata.",
        "Too long to be true.",
    ]
    assert all(entry.emotions is None and entry.end_ms is None for entry in entries[:3])
    status = transcript_status(session=session, user_id=user_id, interview_id=interview_id)
    assert (status.state, status.messages, status.at_cap) == ("stored", 8, False)


async def test_a_failure_while_storing_releases_the_claim(
    session: Session,
    engine: Engine,
    fake: FakeHume,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from interview_app.services.transcripts import sync as sync_module

    user_id = _user(session)
    interview_id, _ = _held(session, fake, user_id)
    stored = sync_module.replace_transcript

    def overflowing(**_: object) -> int:
        # What a driver raised for an offset past the column, quoting the data it refused.
        raise OverflowError("Python int too large: I build web services.")

    monkeypatch.setattr(sync_module, "replace_transcript", overflowing)
    with caplog.at_level("ERROR"), pytest.raises(VoiceProviderError):
        await sync_transcript(user_id=user_id, interview_id=interview_id)

    status = transcript_status(session=session, user_id=user_id, interview_id=interview_id)
    assert (status.state, status.error) == ("failed", VoiceProviderError.default_message)
    with Session(engine) as fresh:
        interview = fresh.get(Interview, interview_id)
        assert interview is not None and interview.transcript_sync_claimed_at is None
    assert "OverflowError" in caplog.text and "web services" not in caplog.text
    # Nothing is held: the retry the page offers runs at once and stores the transcript.
    monkeypatch.setattr(sync_module, "replace_transcript", stored)
    assert await sync_transcript(user_id=user_id, interview_id=interview_id) == 5


async def test_an_event_past_any_column_is_skipped_not_left_pending(
    session: Session, engine: Engine, fake: FakeHume
) -> None:
    user_id = _user(session)
    interview_id, chat_id = _held(session, fake, user_id)
    # 1e300 is a number JSON allows; as an offset it overflows every INTEGER column.
    fake.chats[chat_id].events.append(
        {"id": "late", "type": "AGENT_MESSAGE", "message_text": "Late.", "timestamp": 1e300}
    )

    assert await sync_transcript(user_id=user_id, interview_id=interview_id) == 5

    status = transcript_status(session=session, user_id=user_id, interview_id=interview_id)
    assert (status.state, status.messages) == ("stored", 5)
