"""`interview-app review`: feedback on a transcript file, without a database (issue 19, item 8)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from interview_app.cli import main
from interview_app.config import get_settings
from interview_app.devtools.fake_gemini import FakeGemini

MESSAGES = [
    {
        "speaker": "interviewer",
        "text": "Tell me about a time you improved a release process.",
        "start_ms": 0,
        "end_ms": 4_000,
    },
    {
        "speaker": "interviewee",
        "text": "Situation: our nightly release took two days. Task: I had to make releases "
        "daily. Action: I split the pipeline and added smoke tests in Python. Result: "
        "releases take 40 minutes.",
        "start_ms": 6_000,
        "end_ms": 30_000,
    },
    {
        "speaker": "interviewer",
        "text": "Do you have any questions for me?",
        "start_ms": 31_000,
        "end_ms": 33_000,
    },
    {
        "speaker": "interviewee",
        "text": "I'd like to know how the team handles on-call and what the deployment "
        "process looks like",
        "start_ms": 34_000,
        "end_ms": 40_000,
    },
]
DESCRIPTION = "Backend engineer. Experience with Python, Kafka and PostgreSQL. Salary EUR 80k."


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    # Nothing here may need a database: point it at one that does not answer.
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:9/nothing")
    monkeypatch.delenv("GEMINI_API_KEY", raising=False)
    get_settings.cache_clear()
    transcript = tmp_path / "interview.json"
    transcript.write_text(json.dumps({"interview_id": "x", "messages": MESSAGES}))
    job = tmp_path / "job.txt"
    job.write_text(DESCRIPTION)
    return transcript, job


def review(*args: str | Path) -> Result:
    return CliRunner().invoke(main, ["review", *map(str, args)])


def test_the_json_report_has_scores_categories_answers_terms_and_questions(files):
    transcript, job = files
    result = review(transcript, "--job-description", job, "--generator", "automatic")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert 0 <= report["overall_score"] <= 10
    categories = {c["name"]: c for c in report["categories"]}
    assert len(categories) == 7 and all(c["markdown"] for c in categories.values())
    assert categories["Pacing and Timing"]["score"] is None  # no "spoken": typed
    first, closing = report["answers"]
    assert first["question"] == "Tell me about a time you improved a release process."
    assert first["answer"].startswith("Situation: our nightly release")
    assert first["star"] == ["situation", "task", "action", "result"]
    assert 0 <= first["score"] <= 10 and first["quotes"]
    assert closing["score"] >= 8
    assert {"Python", "Kafka", "PostgreSQL"} <= set(report["key_terms"])
    assert "EUR" not in report["key_terms"]
    assert report["candidate_questions"] == [
        "I'd like to know how the team handles on-call",
        "what the deployment process looks like",
    ]
    assert report["generator"] == "automatic" and report["quotes_dropped"] == 0


def test_markdown_prints_the_report_and_every_answer(files):
    transcript, job = files
    result = review(
        transcript, "--job-description", job, "--format", "markdown", "--level", "senior"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("## Overall Rating: ")
    assert "## Pacing and Timing: not measured" in result.stdout
    assert "### Question 1: " in result.stdout and "### Question 2: " in result.stdout


def test_spoken_messages_are_measured(files, tmp_path: Path):
    _, job = files
    spoken = tmp_path / "spoken.json"
    spoken.write_text(json.dumps({"messages": [m | {"spoken": True} for m in MESSAGES]}))
    result = review(spoken, "--job-description", job, "--title", "Backend Engineer")
    report = json.loads(result.stdout)
    assert report["categories"][3]["score"] is not None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"messages": "nope"}', 'expected an object with a "messages" list'),
        ('{"messages": []}', "no messages"),
        ('{"messages": [{"speaker": "bot", "text": "hi", "start_ms": 0}]}', "speaker must be"),
    ],
)
def test_bad_transcripts_are_refused_clearly(files, tmp_path: Path, content: str, message: str):
    _, job = files
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    result = review(bad, "--job-description", job)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_missing_files_are_refused_clearly(files, tmp_path: Path):
    transcript, job = files
    for args in (
        (tmp_path / "missing.json", "--job-description", job),
        (transcript, "--job-description", tmp_path / "missing.txt"),
    ):
        result = review(*args)
        assert result.exit_code == 2
        assert "does not exist" in result.stderr
        assert "Traceback" not in result.output


def test_gemini_without_a_key_is_refused_clearly(files):
    transcript, job = files
    result = review(transcript, "--job-description", job, "--generator", "gemini")
    assert result.exit_code == 2
    assert "GEMINI_API_KEY" in result.stderr
    assert "Traceback" not in result.output


def test_gemini_reviews_the_file_as_the_app_would(files, gemini: FakeGemini):
    transcript, job = files
    result = review(transcript, "--job-description", job, "--generator", "gemini")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["generator"] == "gemini"
    assert [a["question"] for a in report["answers"]] == [
        "Tell me about a time you improved a release process.",
        "Do you have any questions for me?",
    ]
    assert report["answers"][0]["quotes"] == ["Situation: our nightly release took two days. Task:"]
    [request] = gemini.generate_requests()
    assert "Experience level: Mid-Level" in request.user_prompt()
    assert "## Questions" in request.user_prompt()


GERMAN_MESSAGES = [
    {
        "speaker": "interviewer",
        "text": "Erzählen Sie von einer Situation, in der Sie einen Release-Prozess verbessert "
        "haben.",
        "start_ms": 0,
        "end_ms": 4_000,
    },
    {
        "speaker": "interviewee",
        "text": "Bei Ridgeline Payments dauerte unser Release zwei Tage. Meine Aufgabe war es, "
        "täglich zu veröffentlichen. Ich habe die Pipeline aufgeteilt und Tests in Python "
        "ergänzt. Das Ergebnis: ein Release dauert jetzt 40 Minuten.",
        "start_ms": 6_000,
        "end_ms": 30_000,
    },
]


def test_a_german_interview_is_reviewed_in_german_against_the_resume(files, tmp_path: Path) -> None:
    _, job = files
    transcript = tmp_path / "interview-de.json"
    transcript.write_text(json.dumps({"interview_id": "x", "messages": GERMAN_MESSAGES}))
    resume = tmp_path / "resume.txt"
    resume.write_text(
        "Jordan Ellis\nExperience\nSenior Software Engineer, Ridgeline Payments Inc. "
        "(2020-2024)\nSkills\nPython, Kafka, PostgreSQL\n"
    )
    result = review(
        transcript,
        "--job-description",
        job,
        "--language",
        "de",
        "--resume",
        resume,
        "--format",
        "markdown",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("## Gesamtbewertung: ")
    assert "Overall Rating" not in result.stdout

    unknown = review(transcript, "--job-description", job, "--language", "xx")
    assert unknown.exit_code != 0 and "xx" in unknown.output
    missing = review(transcript, "--job-description", job, "--resume", tmp_path / "none.txt")
    assert missing.exit_code != 0 and "does not exist" in missing.output
