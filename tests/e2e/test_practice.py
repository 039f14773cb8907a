"""Practice interviews with no keys at all: plan, answers, metrics, feedback, progress."""

from __future__ import annotations

import re
import time
import uuid

from playwright.sync_api import Page, expect
from sqlmodel import col, select

from interview_app.models import Interview, TranscriptMessage
from tests.e2e.conftest import RunningApp, fill_job_info, path_pattern, sign_up

# Page transitions that wait on the server; generous, as the test machine is shared.
SERVER_WAIT_MS = 20_000
INTERVIEW_URL = re.compile(r"/app/job-infos/([0-9a-f-]{36})/interviews/([0-9a-f-]{36})/?$")
DESCRIPTION = (
    "We are hiring a Data Engineer to build pipelines in Python and Airflow on AWS.\n"
    "Requirements: experience with dbt, data modelling and Snowflake."
)


def _create_job(page: Page) -> str:
    page.get_by_test_id("job-info-name").wait_for()
    fill_job_info(
        page, name="Data role", title="Data Engineer", level="mid-level", description=DESCRIPTION
    )
    page.get_by_test_id("job-info-submit").click()
    expect(page.get_by_test_id("job-info-heading")).to_have_text(
        "Data role", timeout=SERVER_WAIT_MS
    )
    return page.url.rstrip("/").rsplit("/", 1)[-1]


def _start_practice(page: Page, app: RunningApp, job_id: str) -> tuple[int, float]:
    page.goto(app.url(f"/app/job-infos/{job_id}/interviews/new"))
    # No voice keys: the voice start button is there, disabled, with what the operator sets.
    expect(page.get_by_test_id("start-interview")).to_be_disabled()
    expect(page.get_by_test_id("voice-not-configured")).to_contain_text("HUME_API_KEY")
    expect(page.get_by_test_id("voice-not-configured")).to_contain_text("GEMINI_API_KEY")
    started = time.perf_counter()
    page.get_by_test_id("start-practice").click()
    expect(page.get_by_test_id("practice-question")).to_be_visible(timeout=SERVER_WAIT_MS)
    elapsed = time.perf_counter() - started
    progress = page.get_by_test_id("practice-progress")
    expect(progress).to_have_text(re.compile(r"Question 1 of \d"))
    total = int(progress.inner_text().rsplit(" ", 1)[-1])
    return total, elapsed


def _answer(page: Page, number: int, text: str) -> bool:
    """Answer question `number`; True when that was the last one (the practice finishes)."""
    expect(page.get_by_test_id("practice-progress")).to_have_text(
        re.compile(rf"^Question {number} of \d+$"), timeout=SERVER_WAIT_MS
    )
    page.get_by_test_id("practice-answer").fill(text)
    submit = page.get_by_test_id("practice-submit-answer")
    last = submit.inner_text() == "Submit and finish"
    submit.click()
    return last


def _answer_every_question(page: Page, text_for) -> list[str]:
    """Answer until the practice finishes (follow-ups add questions on the way)."""
    answers: list[str] = []
    for number in range(1, 13):
        answers.append(text_for(number))
        if _answer(page, number, answers[-1]):
            return answers
    raise AssertionError("the practice never reached its last question")


def _messages(app: RunningApp, interview_id: uuid.UUID) -> list[TranscriptMessage]:
    with app.session() as session:
        return list(
            session.exec(
                select(TranscriptMessage)
                .where(TranscriptMessage.interview_id == interview_id)
                .order_by(col(TranscriptMessage.position))
            ).all()
        )


def _generate_feedback(page: Page) -> None:
    page.get_by_test_id("generate-feedback").click()
    content = page.get_by_test_id("feedback-content")
    expect(content).to_contain_text(re.compile(r"Overall Rating: \d+/10"), timeout=SERVER_WAIT_MS)
    expect(content).to_contain_text("Automatic feedback")


def test_practice_interview_by_typing_end_to_end(page: Page, running_app: RunningApp) -> None:
    sign_up(page, running_app)
    job_id = _create_job(page)

    total, _ = _start_practice(page, running_app, job_id)
    assert 6 <= total <= 8
    first_question = page.get_by_test_id("practice-question").inner_text()
    assert "Data Engineer" in first_question
    answers = _answer_every_question(
        page,
        lambda n: (
            f"Answer {n}: um, in my last role I decided to use Python and Airflow, and "
            f"as a result we cut costs by 20 percent."
        ),
    )
    # At least one follow-up reacted to an answer, so there were more answers than planned.
    assert len(answers) > total
    total = len(answers)

    expect(page).to_have_url(INTERVIEW_URL, timeout=SERVER_WAIT_MS)
    interview_id = uuid.UUID(INTERVIEW_URL.search(page.url).group(2))
    messages = page.get_by_test_id("transcript-message")
    expect(messages).to_have_count(2 * total)
    expect(
        page.locator("[data-testid=transcript-message][data-speaker=interviewer]")
    ).to_have_count(total)
    expect(
        page.locator("[data-testid=transcript-message][data-speaker=interviewee]")
    ).to_have_count(total)
    metrics = page.get_by_test_id("delivery-metrics")
    expect(metrics).to_contain_text("not measured (typed answers)")
    expect(metrics).to_contain_text("110 to 150 words a minute")
    expect(metrics).to_contain_text("Job key terms you mentioned")
    expect(page.get_by_test_id("answer-metrics")).to_have_count(total)

    with running_app.session() as session:
        interview = session.get(Interview, interview_id)
        assert interview is not None
        assert interview.voice_provider == "practice"
        assert interview.hume_chat_id and interview.hume_chat_id.startswith("practice-")
        assert interview.transcript_source == "browser"
    stored = _messages(running_app, interview_id)
    assert [m.speaker for m in stored] == ["interviewer", "interviewee"] * total
    assert [m.text for m in stored if m.speaker == "interviewee"] == answers
    assert stored[0].text == first_question
    starts = [m.start_ms for m in stored]
    assert starts == sorted(starts) and starts[0] >= 0
    assert all(m.end_ms is not None and m.end_ms >= m.start_ms for m in stored)
    assert not any(m.spoken for m in stored if m.speaker == "interviewee")

    _generate_feedback(page)
    expect(page.get_by_test_id("feedback-content")).to_contain_text("Communication Clarity")
    # It quotes the candidate's own words.
    expect(page.get_by_test_id("feedback-content")).to_contain_text("in my last role I decided")
    with running_app.session() as session:
        interview = session.get(Interview, interview_id)
        assert interview is not None and interview.feedback_json
        assert '"generator":"automatic"' in interview.feedback_json

    # One interview with feedback: no trend to draw yet.
    page.goto(running_app.url(f"/app/job-infos/{job_id}"))
    expect(page.get_by_test_id("job-info-heading")).to_be_visible()
    expect(page.get_by_test_id("progress-chart")).to_have_count(0)

    # A second, shorter interview: answer one question, finish early.
    _start_practice(page, running_app, job_id)
    _answer(page, 1, "I like data. Um, uh, you know, basically pipelines.")
    expect(page.get_by_test_id("practice-progress")).to_have_text(re.compile(r"^Question 2 of"))
    page.get_by_test_id("practice-finish").click()
    expect(page).to_have_url(INTERVIEW_URL, timeout=SERVER_WAIT_MS)
    expect(page.get_by_test_id("transcript-message")).to_have_count(2)
    _generate_feedback(page)

    page.goto(running_app.url(f"/app/job-infos/{job_id}"))
    chart = page.get_by_test_id("progress-chart")
    expect(chart).to_be_visible(timeout=SERVER_WAIT_MS)
    # Inline SVG, no chart library: one line per series, named in the legend.
    expect(chart.get_by_test_id("progress-line")).to_have_count(4)
    expect(chart.locator("svg[role=img]")).to_have_attribute(
        "aria-label", re.compile(r"^Overall score .* out of 10 .*2 interviews$")
    )
    legend = chart.get_by_test_id("progress-legend")
    for name in ("Overall score", "Fillers / 100 words", "STAR parts %", "Key terms %"):
        expect(legend).to_contain_text(name)
    # The figures behind the dots, one row per interview, oldest first.
    chart.get_by_text("Show the figures").click()
    rows = chart.get_by_test_id("progress-row")
    expect(rows).to_have_count(2)
    for row in (rows.nth(0), rows.nth(1)):
        expect(row.locator("td").first).to_have_text(re.compile(r"^\d+/10$"))
        expect(row.locator("td").nth(2)).to_have_text(re.compile(r"^\d+%$"))


def test_finishing_before_any_answer_is_refused_and_loses_nothing(
    page: Page, running_app: RunningApp
) -> None:
    sign_up(page, running_app)
    job_id = _create_job(page)
    _start_practice(page, running_app, job_id)
    page.get_by_test_id("practice-finish").click()
    expect(page.get_by_text("Answer at least one question before finishing.")).to_be_visible()
    expect(page).to_have_url(path_pattern(f"/app/job-infos/{job_id}/interviews/new"))
    # The candidate carries on and finishes properly.
    page.get_by_test_id("practice-answer").fill("I build data pipelines in Python.")
    page.get_by_test_id("practice-finish").click()
    expect(page).to_have_url(INTERVIEW_URL, timeout=SERVER_WAIT_MS)
    expect(page.get_by_test_id("transcript-message")).to_have_count(2)


def test_a_reload_loses_no_answer_and_the_practice_resumes_where_it_stopped(
    page: Page, running_app: RunningApp
) -> None:
    sign_up(page, running_app)
    job_id = _create_job(page)
    _start_practice(page, running_app, job_id)
    first_question = page.get_by_test_id("practice-question").inner_text()
    _answer(page, 1, "I build data pipelines in Python and Airflow.")
    expect(page.get_by_test_id("practice-progress")).to_have_text(re.compile(r"^Question 2 of"))
    second_question = page.get_by_test_id("practice-question").inner_text()

    page.reload()
    resume = page.get_by_test_id("unfinished-practice")
    expect(resume).to_contain_text("1 of", timeout=SERVER_WAIT_MS)
    page.get_by_test_id("resume-practice").click()
    expect(page.get_by_test_id("practice-progress")).to_have_text(
        re.compile(r"^Question 2 of"), timeout=SERVER_WAIT_MS
    )
    expect(page.get_by_test_id("practice-question")).to_have_text(second_question)
    _answer(page, 2, "I moved our nightly loads to Airflow and cut the runtime by half.")
    expect(page.get_by_test_id("practice-progress")).to_have_text(re.compile(r"^Question 3 of"))
    page.get_by_test_id("practice-finish").click()

    expect(page).to_have_url(INTERVIEW_URL, timeout=SERVER_WAIT_MS)
    interview_id = uuid.UUID(INTERVIEW_URL.search(page.url).group(2))
    stored = _messages(running_app, interview_id)
    assert [m.text for m in stored] == [
        first_question,
        "I build data pipelines in Python and Airflow.",
        second_question,
        "I moved our nightly loads to Airflow and cut the runtime by half.",
    ]
    starts = [m.start_ms for m in stored]
    assert starts == sorted(starts)
    with running_app.session() as session:
        interview = session.get(Interview, interview_id)
        # Two of seven or more answered: kept as unfinished, and a keyless practice is free.
        assert interview is not None and interview.unfinished and not interview.plan_counted
    page.goto(running_app.url(f"/app/job-infos/{job_id}/interviews"))
    expect(page.get_by_test_id("unfinished")).to_have_count(1, timeout=SERVER_WAIT_MS)


def test_a_question_can_be_swapped_before_it_is_answered(
    page: Page, running_app: RunningApp
) -> None:
    sign_up(page, running_app)
    job_id = _create_job(page)
    _start_practice(page, running_app, job_id)
    question = page.get_by_test_id("practice-question")
    before = question.inner_text()
    page.get_by_test_id("swap-question").click()
    expect(question).not_to_have_text(before, timeout=SERVER_WAIT_MS)
    expect(page.get_by_test_id("practice-progress")).to_have_text(re.compile(r"^Question 1 of"))
    # Typing an answer locks the question in.
    page.get_by_test_id("practice-answer").fill("My answer")
    expect(page.get_by_test_id("swap-question")).to_be_disabled()
