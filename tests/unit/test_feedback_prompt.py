"""What the feedback model reads, and how its answer is checked."""

from __future__ import annotations

import json

import pytest

from interview_app.devtools.fake_gemini import sample_feedback
from interview_app.services.feedback.prompt import (
    SYSTEM_PROMPT,
    FeedbackInputs,
    GeminiFeedback,
    build_prompt,
    clock,
    format_transcript,
    parse_feedback,
)
from interview_app.services.feedback.report import FEEDBACK_CATEGORIES
from interview_app.services.transcript_entry import TranscriptEntry

ALL_EMOTIONS = {f"Emotion{i:02d}": i / 100 for i in range(48)}


def inputs(transcript: list[TranscriptEntry], **changes: object) -> FeedbackInputs:
    values: dict[str, object] = {
        "candidate_name": "Grace Hopper",
        "job_title": "Compiler Engineer",
        "job_name": "Navy lab",
        "job_description": "Write compilers.\nTeach others.",
        "experience_level": "mid-level",
        "transcript": transcript,
    }
    values.update(changes)
    return FeedbackInputs(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("milliseconds", "expected"),
    [(0, "00:00"), (999, "00:00"), (61_500, "01:01"), (4_503_000, "75:03"), (-5, "00:00")],
)
def test_times_are_minutes_and_seconds_since_the_start(milliseconds: int, expected: str) -> None:
    assert clock(milliseconds) == expected


def test_each_line_has_its_time_pause_and_speaker() -> None:
    lines = format_transcript(
        [
            TranscriptEntry("interviewer", "Hello  there,\nwelcome.", 1_000, 3_000),
            TranscriptEntry("interviewee", "Thanks!", 7_250, 8_000),
            TranscriptEntry("interviewer", "First question.", 9_000),
            TranscriptEntry("interviewee", "Sure.", 12_000),
        ]
    ).splitlines()

    assert lines == [
        "[00:01 | first message] interviewer: Hello there, welcome.",
        "[00:07 | 4.2 s pause] interviewee: Thanks!",
        "[00:09 | 1.0 s pause] interviewer: First question.",
        "[00:12 | 3.0 s after the previous start] interviewee: Sure.",
    ]


def test_only_the_interviewees_strongest_emotions_are_given() -> None:
    text = format_transcript(
        [
            TranscriptEntry("interviewer", "Why us?", 0, 1_000, emotions=ALL_EMOTIONS),
            TranscriptEntry("interviewee", "Because.", 2_000, 3_000, emotions=ALL_EMOTIONS),
        ]
    )
    interviewer, interviewee = text.splitlines()

    assert "expressed" not in interviewer
    assert "expressed: Emotion47 0.47, Emotion46 0.46, Emotion45 0.45]" in interviewee
    assert "Emotion44" not in interviewee


def test_typed_answers_are_marked() -> None:
    text = format_transcript([TranscriptEntry("interviewee", "typed", 0, 1, spoken=False)])
    assert "typed, not spoken" in text


def test_the_prompt_gives_the_job_candidate_facts_and_transcript() -> None:
    prompt = build_prompt(
        inputs(
            [TranscriptEntry("interviewee", "Hi", 0, 500)],
            facts=["You spoke 150 words a minute."],
        )
    )

    assert "Title: Compiler Engineer" in prompt
    assert "Experience level: Mid-Level" in prompt
    assert "Write compilers.\nTeach others." in prompt
    assert "Name: Grace Hopper" in prompt
    assert "- You spoke 150 words a minute." in prompt
    assert prompt.rstrip().endswith("interviewee: Hi")


def test_without_a_title_the_job_infos_name_stands_in() -> None:
    assert "Title: Navy lab" in build_prompt(inputs([], job_title=""))


def test_the_system_prompt_sets_the_rules_of_spec_7() -> None:
    for name in FEEDBACK_CATEGORIES:
        assert name in SYSTEM_PROMPT
    for rule in ('"you"', "quote", "never give emotion", "no headings of", "overall rating"):
        assert rule in SYSTEM_PROMPT


def test_the_response_schema_names_the_seven_categories() -> None:
    schema = GeminiFeedback.model_json_schema()
    assert schema["$defs"]["GeminiCategory"]["properties"]["name"]["enum"] == list(
        FEEDBACK_CATEGORIES
    )


def test_a_valid_answer_becomes_a_gemini_report() -> None:
    report = parse_feedback(json.dumps(sample_feedback(6)))
    assert report.overall_score == 6
    assert report.generator == "gemini"
    assert [c.name for c in report.categories] == list(FEEDBACK_CATEGORIES)


def test_big_headings_in_a_category_become_small_ones() -> None:
    answer = sample_feedback()
    answer["categories"][0]["markdown"] = "# Title\n## Part\nText #1"
    report = parse_feedback(json.dumps(answer))
    assert report.categories[0].markdown == "### Title\n### Part\nText #1"


def test_float_scores_and_odd_category_spelling_are_forgiven() -> None:
    answer = sample_feedback()
    answer["overall_score"] = 8.0
    answer["categories"][5]["name"] = "role fit and alignment"
    assert parse_feedback(json.dumps(answer)).categories[5].name == "Role Fit & Alignment"


@pytest.mark.parametrize(
    "answer",
    [
        None,
        "   ",
        "[]",
        "{not json",
        json.dumps({**sample_feedback(), "summary": ""}),
        json.dumps({**sample_feedback(), "overall_score": -1}),
        json.dumps({**sample_feedback(), "categories": sample_feedback()["categories"][:6]}),
        json.dumps({**sample_feedback(), "overall_score": 7.5}),
    ],
)
def test_unusable_answers_are_refused(answer: str | None) -> None:
    with pytest.raises(ValueError):
        parse_feedback(answer)
