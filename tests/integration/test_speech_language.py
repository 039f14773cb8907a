"""Spoken answers are recognised in the interview's language unless WHISPER_LANGUAGE says."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from sqlmodel import Session

from interview_app.config import get_settings
from interview_app.services.interviews.lifecycle import create_interview
from interview_app.services.speech import recognizer
from interview_app.services.speech.recognizer import Transcription
from tests.integration.test_interviews import add_job_info, add_user
from tests.integration.test_speech import client_of, post_audio
from tests.support_speech import TEST_MODEL, spoken_wav


@pytest.fixture(scope="module")
def short_wav(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return spoken_wav("Guten Tag.", tmp_path_factory.mktemp("speech") / "a.wav").read_bytes()


@pytest.fixture
def languages_asked(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str | None]]:
    # The language each recognition was asked for; the model itself is beside the point.
    asked: list[str | None] = []

    def fake(samples: np.ndarray, *, settings: Any, language: str | None = None) -> Transcription:
        asked.append(language)
        return Transcription(text="Guten Tag.", language=language or "en", duration_ms=1, words=())

    monkeypatch.setattr(recognizer, "transcribe_samples", fake)
    monkeypatch.setenv("WHISPER_MODEL", TEST_MODEL)
    monkeypatch.delenv("WHISPER_LANGUAGE", raising=False)
    get_settings.cache_clear()
    yield asked
    get_settings.cache_clear()


@pytest.mark.parametrize(("setting", "expected"), [(None, "de"), ("fr", "fr")])
def test_an_answer_is_recognised_in_the_interviews_language(
    session: Session,
    languages_asked: list[str | None],
    short_wav: bytes,
    monkeypatch: pytest.MonkeyPatch,
    setting: str | None,
    expected: str,
) -> None:
    if setting:
        monkeypatch.setenv("WHISPER_LANGUAGE", setting)
        get_settings.cache_clear()
    user = add_user(session, f"sprecherin-{setting}@example.com", plan="pro")
    job = add_job_info(session, user)
    job.interview_language = "de"
    session.add(job)
    session.commit()
    interview = create_interview(
        session=session, user_id=user.id, job_info_id=job.id, voice_provider="practice"
    )
    with client_of(session, user) as client:
        response = post_audio(client, interview.id, short_wav)
    assert response.status_code == 200, response.text
    assert languages_asked == [expected]
    assert response.json()["language"] == expected
