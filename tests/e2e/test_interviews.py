"""Plan limits, the rate limit and the interview screens, in Chromium."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from playwright.sync_api import Page, expect
from sqlmodel import select

from interview_app.models import Interview
from interview_app.services.accounts.users import set_plan
from interview_app.services.interviews.lifecycle import create_interview, update_interview
from interview_app.services.interviews.rate_limit import take_token
from interview_app.services.jobs.job_infos import create_job_info
from interview_app.services.transcript_entry import TranscriptEntry
from interview_app.services.transcripts.store import replace_transcript
from interview_app.state.interviews import INTERVIEWS_PAGE_SIZE
from tests.e2e.conftest import RunningApp, path_pattern, sign_up


def _user_and_job(app: RunningApp, email: str, plan: str = "free") -> tuple[uuid.UUID, uuid.UUID]:
    with app.session() as session:
        user = set_plan(session=session, email=email, plan=plan)
        job = create_job_info(
            session=session,
            user_id=user.id,
            name="Platform team",
            title="Backend Engineer",
            description="Python services at scale.",
            experience_level="senior",
        )
        return user.id, job.id


def _complete_interviews(app: RunningApp, user_id, job_id, count: int) -> list[uuid.UUID]:
    ids = []
    with app.session() as session:
        for number in range(count):
            interview = create_interview(session=session, user_id=user_id, job_info_id=job_id)
            update_interview(
                session=session,
                user_id=user_id,
                interview_id=interview.id,
                hume_chat_id=f"chat-{uuid.uuid4()}",
                duration=f"00:{10 + number:02d}:05",
            )
            ids.append(interview.id)
    return ids


def _start(page: Page) -> None:
    # No voice keys in `running_app`: practice is what can start.
    page.get_by_test_id("start-practice").click()


def test_free_user_is_stopped_at_the_plan_limit(page: Page, running_app: RunningApp) -> None:
    email = sign_up(page, running_app)
    user_id, job_id = _user_and_job(running_app, email)

    page.goto(running_app.url(f"/app/job-infos/{job_id}/interviews"))
    expect(page).to_have_url(path_pattern(f"/app/job-infos/{job_id}/interviews/new"))
    expect(page.get_by_text("Python services at scale.")).to_be_visible()
    _start(page)
    expect(page.get_by_test_id("practice-question")).to_be_visible()
    with running_app.session() as session:
        (created,) = session.exec(select(Interview).where(Interview.job_info_id == job_id)).all()
        assert (created.voice_provider, created.duration, created.hume_chat_id) == (
            "practice",
            "00:00:00",
            None,
        )
    # Left without finishing: its page says there is nothing yet.
    page.goto(running_app.url(f"/app/job-infos/{job_id}/interviews/{created.id}"))
    expect(page.get_by_test_id("interview-duration")).to_have_text("00:00:00")
    expect(page.get_by_test_id("transcript-empty")).to_be_visible()
    expect(page.get_by_test_id("feedback-status")).to_have_text(
        "Interview has not been completed yet"
    )
    expect(page.get_by_test_id("generate-feedback")).to_be_disabled()

    # An abandoned interview does not use the allowance; one completed one leaves one more.
    _complete_interviews(running_app, user_id, job_id, 1)
    page.goto(running_app.url(f"/app/job-infos/{job_id}/interviews/new"))
    expect(page.get_by_test_id("start-practice")).to_be_visible()

    # The allowance runs out while the page is open: the button is refused with a toast.
    _complete_interviews(running_app, user_id, job_id, 1)
    _start(page)
    expect(page.get_by_text("You have reached your plan limit.")).to_be_visible()
    expect(page).to_have_url(path_pattern(f"/app/job-infos/{job_id}/interviews/new"))
    page.get_by_role("button", name="Upgrade").click()
    expect(page).to_have_url(path_pattern("/app/upgrade"))
    alert = page.get_by_test_id("plan-limit-alert")
    expect(alert).to_contain_text("You have reached your plan limit.")
    expect(alert).to_contain_text("free")
    expect(page.get_by_text(f"interview-app users set-plan {email} pro")).to_be_visible()

    # Over the limit, the new-interview page goes to the upgrade page before anything else.
    page.goto(running_app.url(f"/app/job-infos/{job_id}/interviews/new"))
    expect(page).to_have_url(path_pattern("/app/upgrade"))
    with running_app.session() as session:
        count = len(session.exec(select(Interview).where(Interview.job_info_id == job_id)).all())
        assert count == 3


def test_completed_interviews_are_listed_newest_first(page: Page, running_app: RunningApp) -> None:
    email = sign_up(page, running_app)
    user_id, job_id = _user_and_job(running_app, email, plan="pro")
    _complete_interviews(running_app, user_id, job_id, 3)

    page.goto(running_app.url(f"/app/job-infos/{job_id}/interviews"))
    cards = page.get_by_test_id("interview-card")
    expect(cards).to_have_count(3)
    durations = page.get_by_test_id("interview-duration")
    expect(durations).to_have_text(["00:12:05", "00:11:05", "00:10:05"])
    page.get_by_test_id("new-interview").click()
    expect(page).to_have_url(path_pattern(f"/app/job-infos/{job_id}/interviews/new"))


def test_pro_user_is_never_plan_limited(page: Page, running_app: RunningApp) -> None:
    email = sign_up(page, running_app)
    user_id, job_id = _user_and_job(running_app, email, plan="pro")
    _complete_interviews(running_app, user_id, job_id, 4)

    page.goto(running_app.url(f"/app/job-infos/{job_id}/interviews/new"))
    _start(page)
    expect(page.get_by_test_id("practice-question")).to_be_visible()


def test_unconfigured_voice_provider_cannot_be_started(page: Page, running_app: RunningApp) -> None:
    email = sign_up(page, running_app)
    _, job_id = _user_and_job(running_app, email, plan="pro")

    page.goto(running_app.url(f"/app/job-infos/{job_id}/interviews/new"))
    expect(page.get_by_test_id("start-practice")).to_be_enabled()
    expect(page.get_by_test_id("start-interview")).to_be_disabled()
    notice = page.get_by_test_id("voice-not-configured")
    for setting in ("HUME_API_KEY", "HUME_SECRET_KEY", "GEMINI_API_KEY"):
        expect(notice).to_contain_text(setting)
    expect(page.locator("button:enabled", has_text="Start interview")).to_have_count(0)
    with running_app.session() as session:
        assert session.exec(select(Interview).where(Interview.job_info_id == job_id)).all() == []


def test_rate_limited_user_sees_slow_down(page: Page, running_app: RunningApp) -> None:
    email = sign_up(page, running_app)
    user_id, job_id = _user_and_job(running_app, email, plan="pro")
    with running_app.session() as session:
        while take_token(session=session, user_id=user_id):
            pass

    page.goto(running_app.url(f"/app/job-infos/{job_id}/interviews/new"))
    _start(page)
    expect(page.get_by_text("Woah! Slow down.")).to_be_visible()
    expect(
        page.get_by_text("You are making too many requests. Please try again later.")
    ).to_be_visible()
    with running_app.session() as session:
        assert session.exec(select(Interview).where(Interview.job_info_id == job_id)).all() == []


def test_other_users_interviews_are_not_found(page: Page, running_app: RunningApp) -> None:
    owner_email = sign_up(page, running_app, name="Owner")
    owner_id, job_id = _user_and_job(running_app, owner_email)
    (interview_id,) = _complete_interviews(running_app, owner_id, job_id, 1)
    page.get_by_test_id("sign-out").click()
    expect(page).to_have_url(path_pattern("/"))

    sign_up(page, running_app, name="Intruder")
    for path in (
        f"/app/job-infos/{job_id}/interviews",
        f"/app/job-infos/{job_id}/interviews/new",
        f"/app/job-infos/{job_id}/interviews/{interview_id}",
    ):
        page.goto(running_app.url(path))
        expect(page.get_by_test_id("not-found")).to_be_visible()
        expect(page.get_by_text("Python services at scale.")).to_have_count(0)


def test_a_long_interview_shows_its_transcript_and_its_first_answers_then_all(
    page: Page, running_app: RunningApp
) -> None:
    email = sign_up(page, running_app)
    user_id, job_id = _user_and_job(running_app, email)
    (interview_id,) = _complete_interviews(running_app, user_id, job_id, 1)
    entries = [
        TranscriptEntry(
            speaker="interviewee" if number % 2 else "interviewer",
            text=f"Message {number}",
            start_ms=number * 5000,
            emotions={"Interest": 0.604, "Calmness": 0.5} if number % 2 else None,
        )
        for number in range(24)
    ]
    with running_app.session() as session:
        interview = session.get(Interview, interview_id)
        replace_transcript(session=session, interview=interview, entries=entries, source="provider")

    page.goto(running_app.url(f"/app/job-infos/{job_id}/interviews/{interview_id}"))
    messages = page.get_by_test_id("transcript-message")
    expect(messages).to_have_count(24)
    expect(messages.last).to_contain_text("Message 23")
    answer = page.locator("[data-testid=transcript-message][data-speaker=interviewee]").first
    expect(answer.get_by_test_id("transcript-emotion")).to_have_text(
        ["Interest 60%", "Calmness 50%"]
    )
    rows = page.get_by_test_id("answer-metrics")
    expect(rows).to_have_count(10)
    show_all = page.get_by_test_id("show-all-answers")
    expect(show_all).to_have_text("Show all 12 answers")
    show_all.click()
    expect(rows).to_have_count(12)
    expect(rows.last).to_contain_text("01:55")
    expect(show_all).to_have_count(0)


def test_the_export_buttons_download_transcript_metrics_review_and_feedback(
    page: Page, running_app: RunningApp
) -> None:
    email = sign_up(page, running_app)
    user_id, job_id = _user_and_job(running_app, email)
    (interview_id,) = _complete_interviews(running_app, user_id, job_id, 1)
    entries = [
        TranscriptEntry("interviewer", "Tell me about a hard bug.", 0, 4_000),
        TranscriptEntry("interviewee", "I fixed a race in our Python cache.", 5_000, 9_000),
    ]
    review = {
        "question": "Tell me about a hard bug.",
        "answer": "I fixed a race in our Python cache.",
        "score": 6,
        "star": ["action"],
        "quotes": [],
        "stronger_version": "Say what the race cost and what changed after your fix.",
    }
    with running_app.session() as session:
        interview = session.get(Interview, interview_id)
        replace_transcript(session=session, interview=interview, entries=entries, source="browser")
        interview.feedback = "## Overall Rating: 6/10\n\nA clear start."
        interview.feedback_json = json.dumps({"overall_score": 6, "answers": [review]})
        session.add(interview)
        session.commit()

    page.goto(running_app.url(f"/app/job-infos/{job_id}/interviews/{interview_id}"))
    # A click downloads; the client-side router never takes the link ("Page not found").
    with page.expect_download() as markdown_download:
        page.get_by_test_id("transcript-export-md").click()
    markdown = Path(markdown_download.value.path()).read_text()
    assert markdown_download.value.suggested_filename.endswith(".md")
    for part in (
        "I fixed a race in our Python cache.",
        "## Delivery metrics",
        "## Your answers, one by one",
        "Say what the race cost",
        "### Overall Rating: 6/10",
    ):
        assert part in markdown
    expect(page).to_have_url(path_pattern(f"/app/job-infos/{job_id}/interviews/{interview_id}"))
    expect(page.get_by_test_id("not-found")).to_have_count(0)

    with page.expect_download() as json_download:
        page.get_by_test_id("transcript-export-json").click()
    document = json.loads(Path(json_download.value.path()).read_text())
    assert [m["text"] for m in document["messages"]] == [entry.text for entry in entries]
    assert document["delivery_metrics"]["answers"][0]["words"] == 8
    assert document["answer_reviews"] == [review]
    assert document["feedback"]["markdown"].startswith("## Overall Rating: 6/10")

    # The answers' table scrolls sideways on a phone and takes the keyboard's focus to do so.
    page.set_viewport_size({"width": 390, "height": 844})
    scroll = page.get_by_test_id("answer-metrics-scroll")
    scroll.focus()
    expect(scroll).to_be_focused()
    assert scroll.evaluate("el => el.scrollWidth > el.clientWidth")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.querySelector('[data-testid=answer-metrics-scroll]').scrollLeft > 0"
    )


def test_a_long_list_of_interviews_shows_a_screenful_then_more(
    page: Page, running_app: RunningApp
) -> None:
    email = sign_up(page, running_app)
    _, job_id = _user_and_job(running_app, email, plan="pro")
    with running_app.session() as session:
        for number in range(INTERVIEWS_PAGE_SIZE + 2):
            session.add(
                Interview(
                    job_info_id=job_id,
                    hume_chat_id=f"chat-{uuid.uuid4()}",
                    duration=f"00:{number:02d}:00",
                    created_at=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(hours=number),
                )
            )
        session.commit()

    page.goto(running_app.url(f"/app/job-infos/{job_id}/interviews"))
    durations = page.get_by_test_id("interview-duration")
    expect(durations).to_have_count(INTERVIEWS_PAGE_SIZE)
    expect(durations.first).to_have_text(f"00:{INTERVIEWS_PAGE_SIZE + 1:02d}:00")
    page.get_by_test_id("more-interviews").click()
    expect(durations).to_have_count(INTERVIEWS_PAGE_SIZE + 2)
    expect(durations.last).to_have_text("00:00:00")
    expect(page.get_by_test_id("more-interviews")).to_have_count(0)
