"""The compact rows a finished interview's transcript reaches the browser in."""

from __future__ import annotations

from interview_app.services.transcript_entry import TranscriptEntry
from interview_app.state.transcript_rows import emotion_label, transcript_rows


def test_rows_carry_what_the_page_shows_with_emotions_formatted() -> None:
    entries = [
        TranscriptEntry(speaker="interviewer", text="Tell me about yourself.", start_ms=0),
        TranscriptEntry(
            speaker="interviewee",
            text="I build data pipelines.",
            start_ms=65_400,
            emotions={"Determination": 0.704, "Interest": 0.6, "Calmness": 0.125},
        ),
        TranscriptEntry(speaker="interviewee", text="Mostly in Python.", start_ms=3_725_000),
    ]

    assert transcript_rows(entries) == [
        ("interviewer", "00:00", "Tell me about yourself.", []),
        (
            "interviewee",
            "01:05",
            "I build data pipelines.",
            ["Determination 70%", "Interest 60%", "Calmness 13%"],
        ),
        ("interviewee", "1:02:05", "Mostly in Python.", []),
    ]


def test_an_interviewers_emotions_are_not_shown() -> None:
    entry = TranscriptEntry(
        speaker="interviewer", text="Why us?", start_ms=1_000, emotions={"Interest": 0.9}
    )

    assert transcript_rows([entry]) == [("interviewer", "00:01", "Why us?", [])]


def test_labels_round_half_up_like_the_call_screen() -> None:
    assert emotion_label("Joy", 0.005) == "Joy 1%"
    assert emotion_label("Joy", 0.125) == "Joy 13%"
    assert emotion_label("Joy", 1.0) == "Joy 100%"
