"""Spoken answers' word timings carried into the transcript, figures, retries and playback."""

from __future__ import annotations

import json
import random
import uuid

import pytest
from sqlmodel import Session, select

from interview_app.config import get_settings
from interview_app.models import AnswerAttempt, Interview, JobInfo, TranscriptMessage, User
from interview_app.services.calls.practice import (
    finish_practice,
    open_practice,
    save_practice_answer,
)
from interview_app.services.feedback.generation import generate_interview_feedback
from interview_app.services.retries.attempts import answer_cards, record_attempt, review_attempt
from interview_app.services.speech import recognizer
from interview_app.services.speech.recognizer import Transcription
from interview_app.services.speech.recordings import store_recording
from interview_app.services.transcript_entry import RecognisedWord
from interview_app.services.transcripts.export import export_transcript
from interview_app.services.transcripts.store import delivery_metrics, stored_transcript
from tests.integration.test_speech import client_of, post_audio, practice_of
from tests.support_speech import TEST_MODEL

# Recognised in a recording that started 2 s before the first word: 8 words, a 1.5 s and a
# 3.2 s silence, "Umm" and "uh" kept.
WORDS = (
    RecognisedWord("Umm,", 2_000, 2_400),
    RecognisedWord("I", 2_500, 2_600),
    RecognisedWord("fixed", 2_600, 3_000),
    RecognisedWord("the", 4_500, 4_600),
    RecognisedWord("cache.", 4_600, 5_000),
    RecognisedWord("It,", 8_200, 8_400),
    RecognisedWord("uh,", 8_500, 8_800),
    RecognisedWord("worked.", 8_900, 9_500),
)
TEXT = "Umm, I fixed the cache. It, uh, worked."
AUDIO = b"RIFF" + bytes(range(256)) * 8


def _recording(session: Session, user: User, interview: Interview, audio: bytes | None) -> str:
    transcription = Transcription(text=TEXT, language="en", duration_ms=10_000, words=WORDS)
    recording = store_recording(
        session=session,
        user_id=user.id,
        interview_id=interview.id,
        transcription=transcription,
        audio=audio,
    )
    return str(recording.id)


def _spoken(recording_id: str, start_ms: int) -> dict[str, object]:
    # As the browser sends it: the answer starts at the first word, the question ended 3 s
    # before it.
    return {
        "text": TEXT,
        "start_ms": start_ms,
        "end_ms": start_ms + 7_500,
        "spoken": True,
        "recording_id": recording_id,
        "asked_ms": start_ms - 6_000,
        "question_end_ms": start_ms - 3_000,
    }


def _finished_practice(
    session: Session, email: str, *, audio: bytes | None
) -> tuple[User, Interview, str]:
    """A practice whose first answer was spoken (recording returned) and the rest typed."""
    user, interview = practice_of(session, email)
    view = open_practice(
        session=session, user_id=user.id, interview_id=interview.id, rng=random.Random(5)
    )
    recording_id = _recording(session, user, interview, audio)
    clock = 10_000
    for number, turn in enumerate(view.turns):
        answer = (
            _spoken(recording_id, clock)
            if number == 0
            else {"text": f"I typed answer {number}.", "start_ms": clock, "end_ms": clock + 9_000}
        )
        save_practice_answer(
            session=session,
            user_id=user.id,
            interview_id=interview.id,
            position=turn.position,
            answer=answer,
            add_follow_up=False,
        )
        clock += 20_000
    finish_practice(
        session=session, user_id=user.id, interview_id=interview.id, feedback_uses_model=False
    )
    session.refresh(interview)
    return user, interview, recording_id


def test_a_spoken_answers_words_reach_the_transcript_and_its_figures(session: Session) -> None:
    _, interview, _ = _finished_practice(session, "timed@example.com", audio=None)
    entries = stored_transcript(session=session, interview_id=interview.id)
    spoken = entries[1]
    assert spoken.words is not None and len(spoken.words) == len(WORDS)
    # On the interview's clock: the first word is where the answer starts.
    assert spoken.words[0].start_ms == spoken.start_ms == 10_000
    assert spoken.words[-1].end_ms == 17_500
    assert entries[3].words is None

    job_info = session.get(JobInfo, interview.job_info_id)
    assert job_info is not None
    metrics = delivery_metrics(session=session, interview=interview, job_info=job_info)
    first = metrics.answers[0]
    assert first.word_timings and first.speaking_seconds == 7.5
    assert (first.pauses_over_1s, first.pauses_over_3s, first.longest_pause_ms) == (2, 1, 3_200)
    assert first.latency_seconds == 3.0 and first.fillers == 2
    assert first.words_per_minute is not None and abs(first.words_per_minute - 64.0) < 0.1
    assert not metrics.answers[1].word_timings and metrics.answers[1].pauses_over_1s is None

    # Figures kept by an older algorithm are computed again from the stored words.
    interview.delivery_metrics_version = "older"
    session.add(interview)
    session.commit()
    again = delivery_metrics(session=session, interview=interview, job_info=job_info)
    assert again.answers[0].pauses_over_1s == 2


def test_the_json_download_carries_the_recognised_words(session: Session) -> None:
    user, interview, _ = _finished_practice(session, "download@example.com", audio=None)
    exported = export_transcript(
        session=session, user_id=user.id, interview_id=interview.id, file_format="json"
    )
    messages = json.loads(exported.body)["messages"]
    assert messages[1]["words"][0] == {"word": "Umm,", "start_ms": 10_000, "end_ms": 10_400}
    assert messages[0]["words"] is None and messages[3]["words"] is None
    assert json.loads(exported.body)["delivery_metrics"]["answers"][0]["pauses_over_1s"] == 2


def test_figures_follow_the_jobs_interview_language(session: Session) -> None:
    _, interview, _ = _finished_practice(session, "sprache@example.com", audio=None)
    job_info = session.get(JobInfo, interview.job_info_id)
    assert job_info is not None
    assert (
        delivery_metrics(session=session, interview=interview, job_info=job_info).language == "en"
    )
    job_info.interview_language = "pt"
    session.add(job_info)
    session.commit()
    metrics = delivery_metrics(session=session, interview=interview, job_info=job_info)
    assert metrics.language == "pt" and metrics.fillers_per_100_words is None
    assert metrics.answers[0].pauses_over_1s == 2


async def test_a_kept_answer_plays_back_to_its_owner_only(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GEMINI_API_KEY", raising=False)
    get_settings.cache_clear()
    user, interview, recording_id = _finished_practice(session, "kept@example.com", audio=AUDIO)
    await generate_interview_feedback(user_id=user.id, interview_id=interview.id)
    cards = answer_cards(session=session, user_id=user.id, interview_id=interview.id)
    assert cards[0].audio_recording_id == recording_id
    assert all(card.audio_recording_id is None for card in cards[1:])

    url = f"/api/interviews/{interview.id}/answer-audio/{recording_id}"
    with client_of(session, user) as client:
        whole = client.get(url)
        part = client.get(url, headers={"range": "bytes=4-11"})
        past = client.get(url, headers={"range": f"bytes={len(AUDIO)}-"})
        other = client.get(f"/api/interviews/{interview.id}/answer-audio/{uuid.uuid4()}")
    assert whole.status_code == 200 and whole.content == AUDIO
    assert whole.headers["content-type"] == "audio/wav"
    assert whole.headers["cache-control"].startswith("private")
    assert part.status_code == 206 and part.content == AUDIO[4:12]
    assert part.headers["content-range"] == f"bytes 4-11/{len(AUDIO)}"
    assert past.status_code == 416
    assert other.status_code == 404

    stranger, _ = practice_of(session, "stranger@example.com")
    with client_of(session, stranger) as client:
        assert client.get(url).status_code == 404


def test_audio_not_kept_is_not_offered(session: Session) -> None:
    user, interview, recording_id = _finished_practice(session, "dropped@example.com", audio=None)
    with client_of(session, user) as client:
        response = client.get(f"/api/interviews/{interview.id}/answer-audio/{recording_id}")
    assert response.status_code == 404


async def test_a_spoken_retry_keeps_its_words_and_delivery(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GEMINI_API_KEY", raising=False)
    get_settings.cache_clear()
    user, interview, _ = _finished_practice(session, "retry@example.com", audio=None)
    await generate_interview_feedback(user_id=user.id, interview_id=interview.id)
    retake = _recording(session, user, interview, None)
    attempt_id = record_attempt(
        session=session,
        user_id=user.id,
        interview_id=interview.id,
        question_index=0,
        answer={**_spoken(retake, 8_000), "spoken": False},
    )
    attempt = session.get(AnswerAttempt, uuid.UUID(attempt_id))
    assert attempt is not None and attempt.spoken and str(attempt.recording_id) == retake
    assert attempt.words is not None and "worked." in attempt.words

    await review_attempt(user_id=user.id, attempt_id=attempt_id)
    session.expire_all()  # the review was stored from another session
    (done,) = answer_cards(session=session, user_id=user.id, interview_id=interview.id)[0].attempts
    assert done.figures is not None and done.figures.fillers == 2
    assert done.figures.pauses_over_1s == 2 and done.figures.words_per_minute is not None


def test_a_user_may_queue_only_a_few_answers(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WHISPER_MODEL", TEST_MODEL)
    get_settings.cache_clear()
    user, interview = practice_of(session, "eager@example.com")
    with (
        recognizer.queue_slot(user.id),
        recognizer.queue_slot(user.id),
        client_of(session, user) as client,
    ):
        response = post_audio(client, interview.id, b"RIFF....WAVE")
    get_settings.cache_clear()
    assert response.status_code == 429
    assert "already have 2 answers being transcribed" in response.json()["message"]
    # The places are given back once the answers are done.
    with recognizer.queue_slot(user.id), recognizer.queue_slot(user.id):
        pass
    with (
        pytest.raises(recognizer.TooManyQueuedError),
        recognizer.queue_slot(user.id),
        recognizer.queue_slot(user.id),
        recognizer.queue_slot(user.id),
    ):
        pass


def test_transcript_rows_store_words_only_for_recognised_answers(session: Session) -> None:
    _, interview, _ = _finished_practice(session, "rows@example.com", audio=None)
    rows = session.exec(
        select(TranscriptMessage.words)
        .where(TranscriptMessage.interview_id == interview.id)
        .order_by(TranscriptMessage.position)
    ).all()
    assert rows[1] is not None and all(row is None for row in rows[2:])
