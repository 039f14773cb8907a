"""Pure rules of Gemini Live interviews: the reported transcript, the instruction, URLs."""

from __future__ import annotations

import base64

import pytest

from interview_app.config import Settings
from interview_app.devtools.fake_gemini_live import (
    camel_case,
    decode_base64,
    dominant_frequency,
    tone_pcm16,
)
from interview_app.services.errors import InvalidInputError
from interview_app.services.transcripts.browser import (
    MAX_MESSAGE_CHARS,
    MAX_MESSAGES,
    MAX_TOTAL_CHARS,
    parse_reported_transcript,
)
from interview_app.services.voice.gemini_live import (
    browser_setup,
    clean_resumption_handle,
    interview_length_cap,
    socket_base_url,
    system_instruction,
)


def message(**fields: object) -> dict[str, object]:
    return {"speaker": "interviewee", "text": "Hello", "start_ms": 0, **fields}


def test_a_reported_transcript_is_ordered_trimmed_and_blank_messages_dropped() -> None:
    entries = parse_reported_transcript(
        [
            {"speaker": "interviewee", "text": " second ", "startMs": 2_000, "endMs": 2_500},
            {"speaker": "interviewer", "text": "first", "start_ms": 100.7},
            message(text="  ", start_ms=3_000),
        ]
    )
    assert [(e.speaker, e.text, e.start_ms, e.end_ms) for e in entries] == [
        ("interviewer", "first", 100, None),
        ("interviewee", "second", 2_000, 2_500),
    ]


@pytest.mark.parametrize(
    "raw",
    [
        {"speaker": "interviewee"},
        "text",
        [["interviewee", "Hello", 0]],
        [message(speaker="system")],
        [message(speaker=None)],
        [message(text=42)],
        [message(start_ms=None)],
        [message(start_ms="10")],
        [message(start_ms=True)],
        [message(start_ms=-1)],
        [message(start_ms=float("nan"))],
        [message(start_ms=3 * 60 * 60 * 1000)],
        [message(start_ms=500, end_ms=400)],
        [message(text="x" * (MAX_MESSAGE_CHARS + 1))],
        [message() for _ in range(MAX_MESSAGES + 1)],
        [message(text="x" * MAX_MESSAGE_CHARS) for _ in range(MAX_TOTAL_CHARS // 5_000 + 1)],
    ],
)
def test_a_malformed_or_oversized_transcript_is_refused_whole(raw: object) -> None:
    with pytest.raises(InvalidInputError) as refused:
        parse_reported_transcript(raw)
    assert "transcript" in refused.value.field_errors


def test_the_instruction_is_written_from_the_job_info() -> None:
    text = system_instruction(
        candidate_name="Ada",
        job_title="  ",
        experience_level="mid-level",
        description="Build compilers.",
        minutes=25,
    )
    assert "Candidate's name: Ada" in text
    assert "Job title: Not Specified" in text
    assert "Experience level: Mid-Level" in text
    assert "Build compilers." in text
    assert "one question at a time" in text and "25 minutes" in text


def test_the_browser_sends_the_setup_the_token_locks() -> None:
    setup = browser_setup("gemini-3.8-live", "Be kind.", "handle-1")
    assert setup["model"] == "models/gemini-3.8-live"
    assert setup["sessionResumption"] == {"handle": "handle-1"}
    assert browser_setup("models/x", "Be kind.", None)["sessionResumption"] == {}


@pytest.mark.parametrize(
    ("base", "socket"),
    [
        (None, "wss://generativelanguage.googleapis.com"),
        ("https://proxy.example/gemini/", "wss://proxy.example/gemini"),
        ("http://127.0.0.1:8765", "ws://127.0.0.1:8765"),
    ],
)
def test_the_live_socket_follows_gemini_base_url(base: str | None, socket: str) -> None:
    assert socket_base_url(Settings(gemini_base_url=base)) == socket


def test_tokens_never_outlive_an_hour() -> None:
    assert interview_length_cap(Settings(interview_max_minutes=45)).total_seconds() == 2_700
    with pytest.raises(ValueError):
        Settings(interview_max_minutes=61)


@pytest.mark.parametrize("raw", [None, 5, "", "  ", "h" * 1001, "bad\nhandle"])
def test_odd_resumption_handles_start_a_new_session(raw: object) -> None:
    assert clean_resumption_handle(raw) is None


def test_the_fake_reads_both_base64_alphabets_and_both_key_cases() -> None:
    data = bytes(range(256))
    assert decode_base64(base64.b64encode(data).decode()) == data
    assert decode_base64(base64.urlsafe_b64encode(data).decode().rstrip("=")) == data
    assert camel_case({"realtime_input": {"mime_type": "x"}}) == {
        "realtimeInput": {"mimeType": "x"}
    }


def test_the_fake_measures_a_tone() -> None:
    assert dominant_frequency(tone_pcm16(440, 16_000, 16_000), 16_000) == pytest.approx(440, 1)
    # The same samples read at the wrong rate would claim another tone.
    assert dominant_frequency(tone_pcm16(440, 16_000, 16_000), 24_000) == pytest.approx(660, 1)


def test_silence_around_a_tone_does_not_lower_its_frequency() -> None:
    silence = b"\x00\x00" * 4_000
    tone = tone_pcm16(440, 16_000, 16_000)
    assert dominant_frequency(silence + tone + silence, 16_000) == pytest.approx(440, 1)
