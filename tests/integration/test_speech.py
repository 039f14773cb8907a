"""Spoken answers recognised on the server: the route, what is stored, and the command."""

from __future__ import annotations

import io
import json
import random
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlmodel import Session, select
from starlette.testclient import TestClient

from interview_app.cli import main
from interview_app.config import get_settings
from interview_app.models import AnswerRecording, Interview, PracticeTurn, User
from interview_app.services.accounts.sessions import start_session
from interview_app.services.calls.practice import open_practice, save_practice_answer
from interview_app.services.errors import InvalidInputError
from interview_app.services.interviews.lifecycle import create_interview
from interview_app.services.privacy.export import export_account
from interview_app.services.speech.words import spoken_delivery, words_from_json
from interview_app.web import build_http_app
from tests.integration.test_interviews import add_job_info, add_user
from tests.support_speech import TEST_MODEL, spoken_wav, word_error_rate

ANSWER = (
    "My manager asked me to reduce costs, so I moved our servers to a cheaper plan and saved money."
)
ORIGIN = "http://app.test"


@pytest.fixture(scope="module")
def answer_wav(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("speech") / "answer.wav"
    return spoken_wav(ANSWER, path, lead_silence_s=0.8).read_bytes()


@pytest.fixture
def speech_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("WHISPER_MODEL", TEST_MODEL)
    monkeypatch.setenv("WHISPER_LANGUAGE", "en")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def practice_of(session: Session, email: str) -> tuple[User, Interview]:
    user = add_user(session, email, plan="pro")
    job = add_job_info(session, user)
    interview = create_interview(
        session=session, user_id=user.id, job_info_id=job.id, voice_provider="practice"
    )
    return user, interview


def client_of(session: Session, user: User) -> TestClient:
    client = TestClient(build_http_app(), base_url=ORIGIN)
    token = start_session(session=session, user_id=user.id, next_path="/app").token
    client.cookies.set(get_settings().session_cookie_name, token)
    return client


def post_audio(client: TestClient, interview_id: object, body: bytes):
    return client.post(
        f"/api/interviews/{interview_id}/answer-audio",
        content=body,
        headers={"origin": ORIGIN, "content-type": "audio/wav"},
    )


def test_a_spoken_answer_is_recognised_with_word_times_and_its_audio_dropped(
    session: Session, speech_settings: None, answer_wav: bytes
) -> None:
    user, interview = practice_of(session, "speaker@example.com")
    with client_of(session, user) as client:
        assert client.get("/api/speech").json()["available"] is True
        response = post_audio(client, interview.id, answer_wav)
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert word_error_rate(ANSWER, body["text"]) <= 0.25
    assert body["language"] == "en"
    assert 5_000 < body["duration_ms"] < 10_000
    words = body["words"]
    assert len(words) >= 10
    # The answer starts after 0.8 s of silence (Whisper places it up to 0.4 s early).
    assert 300 <= words[0]["start_ms"] <= 1_500
    starts = [word["start_ms"] for word in words]
    assert starts == sorted(starts)
    assert words[-1]["end_ms"] <= body["duration_ms"] + 100
    recording = session.exec(
        select(AnswerRecording).where(AnswerRecording.interview_id == interview.id)
    ).one()
    assert str(recording.id) == body["recording_id"]
    assert recording.audio is None
    assert [w.word for w in words_from_json(recording.words)] == [w["word"] for w in words]


def test_the_answer_saved_with_its_recording_keeps_the_recognised_words(
    session: Session, speech_settings: None, answer_wav: bytes
) -> None:
    user, interview = practice_of(session, "saver@example.com")
    view = open_practice(
        session=session, user_id=user.id, interview_id=interview.id, rng=random.Random(3)
    )
    with client_of(session, user) as client:
        recognised = post_audio(client, interview.id, answer_wav).json()
    first = view.turns[0].position
    answer = {
        "text": recognised["text"],
        "start_ms": 5_000 + recognised["words"][0]["start_ms"],
        "end_ms": 5_000 + recognised["words"][-1]["end_ms"],
        "spoken": True,
        "recording_id": recognised["recording_id"],
    }
    save_practice_answer(
        session=session, user_id=user.id, interview_id=interview.id, position=first, answer=answer
    )
    turn = session.exec(
        select(PracticeTurn).where(
            PracticeTurn.interview_id == interview.id, PracticeTurn.position == first
        )
    ).one()
    assert turn.answer_spoken and str(turn.recording_id) == recognised["recording_id"]
    delivery = spoken_delivery(words_from_json(turn.answer_words))
    # espeak-ng speaks at 150 words a minute; Whisper's word times give about that.
    assert delivery.words_per_minute is not None and 110 <= delivery.words_per_minute <= 200
    assert delivery.pauses_over_3s == 0

    # Typed over again: the words of the old take no longer describe the answer.
    save_practice_answer(
        session=session,
        user_id=user.id,
        interview_id=interview.id,
        position=first,
        answer={"text": "Typed instead.", "start_ms": 9_000, "end_ms": 9_500},
    )
    session.refresh(turn)
    assert turn.answer_words is None and turn.recording_id is None


def test_a_recording_of_another_interview_is_refused(
    session: Session, speech_settings: None, answer_wav: bytes
) -> None:
    owner, interview = practice_of(session, "owner@example.com")
    stranger, other = practice_of(session, "stranger@example.com")
    with client_of(session, stranger) as client:
        theirs = post_audio(client, other.id, answer_wav).json()["recording_id"]
    view = open_practice(session=session, user_id=owner.id, interview_id=interview.id)
    for recording_id in (theirs, str(uuid.uuid4()), "not-an-id", 7):
        with pytest.raises(InvalidInputError):
            save_practice_answer(
                session=session,
                user_id=owner.id,
                interview_id=interview.id,
                position=view.turns[0].position,
                answer={
                    "text": "Mine.",
                    "start_ms": 0,
                    "end_ms": 10,
                    "recording_id": recording_id,
                },
            )


def test_the_route_serves_only_the_owner_and_refuses_what_is_not_an_answer(
    session: Session,
    speech_settings: None,
    answer_wav: bytes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    owner, interview = practice_of(session, "route-owner@example.com")
    stranger, _ = practice_of(session, "route-stranger@example.com")
    with TestClient(build_http_app(), base_url=ORIGIN) as anonymous:
        assert post_audio(anonymous, interview.id, answer_wav).status_code == 401
    with client_of(session, stranger) as client:
        assert post_audio(client, interview.id, answer_wav).status_code == 404
        assert post_audio(client, "not-an-id", answer_wav).status_code == 404
    with client_of(session, owner) as client:
        refused = post_audio(client, interview.id, b"RIFF but not really a wav")
        assert refused.status_code == 422
        assert "not a WAV file" in refused.json()["message"]
        foreign = client.post(
            f"/api/interviews/{interview.id}/answer-audio",
            content=answer_wav,
            headers={"origin": "http://evil.test"},
        )
        assert foreign.status_code == 403
    monkeypatch.setenv("SPEECH_MAX_SECONDS", "10")
    get_settings.cache_clear()
    with client_of(session, owner) as client:
        too_long = post_audio(client, interview.id, answer_wav + b"\x00" * 16_000 * 2 * 10)
    assert too_long.status_code == 413
    assert "at most 10 seconds" in too_long.json()["message"]
    assert session.exec(select(AnswerRecording)).all() == []


def test_kept_audio_is_stored_with_the_recording(
    session: Session,
    speech_settings: None,
    answer_wav: bytes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KEEP_ANSWER_AUDIO", "true")
    get_settings.cache_clear()
    user, interview = practice_of(session, "keeper@example.com")
    with client_of(session, user) as client:
        recording_id = post_audio(client, interview.id, answer_wav).json()["recording_id"]
    recording = session.get(AnswerRecording, uuid.UUID(recording_id))
    assert recording is not None and recording.audio == answer_wav

    # The user's data archive carries what was heard, and the kept recording itself.
    archive = zipfile.ZipFile(io.BytesIO(export_account(session=session, user_id=user.id).body))
    (stem,) = [name for name in archive.namelist() if name.endswith(f"{interview.id}.json")]
    spoken = json.loads(archive.read(stem))["spoken_answers"]
    assert [item["id"] for item in spoken] == [recording_id]
    assert spoken[0]["text"] == recording.text and spoken[0]["audio_kept"] is True
    assert spoken[0]["words"][0].keys() == {"word", "start_ms", "end_ms"}
    wav_name = stem.removesuffix(".json") + f"-answer-{recording_id}.wav"
    assert archive.read(wav_name) == answer_wav


def test_without_a_model_practice_is_typed(
    session: Session, answer_wav: bytes, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("WHISPER_MODEL", str(tmp_path / "no-model-here"))
    get_settings.cache_clear()
    user, interview = practice_of(session, "typist@example.com")
    with client_of(session, user) as client:
        status = client.get("/api/speech").json()
        response = post_audio(client, interview.id, answer_wav)
    assert status["available"] is False
    assert (
        status["message"] == "Answers are typed on this installation: it cannot recognise speech."
    )
    assert response.status_code == 503
    assert response.json()["message"] == status["message"]


def test_the_transcribe_command_prints_words_and_fails_clearly(
    speech_settings: None, answer_wav: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    audio = tmp_path / "answer.wav"
    audio.write_bytes(answer_wav)
    runner = CliRunner()
    result = runner.invoke(main, ["transcribe", str(audio)])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.output)
    assert set(printed) == {"text", "language", "duration_ms", "words"}
    assert word_error_rate(ANSWER, printed["text"]) <= 0.25
    assert set(printed["words"][0]) == {"word", "start_ms", "end_ms"}
    text = runner.invoke(main, ["transcribe", str(audio), "--format", "text", "--language", "en"])
    assert text.exit_code == 0 and text.output.strip() == printed["text"]

    not_audio = tmp_path / "notes.wav"
    not_audio.write_text("just some words")
    refused = runner.invoke(main, ["transcribe", str(not_audio)])
    assert refused.exit_code == 2 and "is not an audio file" in refused.output
    assert "Traceback" not in refused.output
    missing = runner.invoke(main, ["transcribe", str(tmp_path / "nothing.wav")])
    assert missing.exit_code == 2 and "does not exist" in missing.output

    monkeypatch.setenv("WHISPER_MODEL", str(tmp_path / "no-model"))
    get_settings.cache_clear()
    no_model = runner.invoke(main, ["transcribe", str(audio)])
    assert no_model.exit_code == 1 and "speech recognition is unavailable" in no_model.output
