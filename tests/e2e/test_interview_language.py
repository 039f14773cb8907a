"""A practice in the job's interview language, asking about the candidate's résumé."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Page, expect
from sqlmodel import col, select

from interview_app.models import Interview, PracticeTurn, Resume, User
from interview_app.services.jobs.job_infos import create_job_info
from interview_app.services.voice.practice_bank import BANKS
from tests.e2e.conftest import RunningApp, sign_up

SERVER_WAIT_MS = 20_000
DESCRIPTION = (
    "Wir suchen eine Backend-Entwicklerin für unsere Zahlungsplattform. Sie entwickeln APIs "
    "mit Python und PostgreSQL und betreiben Dienste auf Kubernetes."
)
RESUME_TEXT = """Ada Lovelace

Experience
Senior Backend Engineer, Acme GmbH (2019-2024)
- Built the settlement service in Python and PostgreSQL.

Projects
Orbit Ledger: a double-entry ledger for 2 million accounts.

Skills
Python, PostgreSQL, Docker
"""


def _job(app: RunningApp, email: str, *, language: str, with_resume: bool) -> str:
    """A job info made through the service layer, as the job-info form would save it."""
    with app.session() as session:
        user = session.exec(select(User).where(User.email == email)).one()
        job = create_job_info(
            session=session,
            user_id=user.id,
            name="Zahlungen",
            title="Backend-Entwicklerin",
            description=DESCRIPTION,
            experience_level="mid-level",
        )
        job.interview_language = language
        if with_resume:
            resume = Resume(
                user_id=user.id,
                name="CV",
                filename="cv.txt",
                source_format="text",
                text=RESUME_TEXT,
            )
            session.add(resume)
            session.flush()
            job.resume_id = resume.id
        session.add(job)
        session.commit()
        return str(job.id)


def _start_practice(page: Page, app: RunningApp, job_id: str) -> None:
    page.goto(app.url(f"/app/job-infos/{job_id}/interviews/new"))
    page.get_by_test_id("start-practice").click()
    expect(page.get_by_test_id("practice-question")).to_be_visible(timeout=SERVER_WAIT_MS)


def _stored_turns(app: RunningApp, job_id: str) -> list[PracticeTurn]:
    with app.session() as session:
        interview = session.exec(
            select(Interview).where(Interview.job_info_id == uuid.UUID(job_id))
        ).one()
        return list(
            session.exec(
                select(PracticeTurn)
                .where(PracticeTurn.interview_id == interview.id)
                .order_by(col(PracticeTurn.position))
            )
        )


def test_a_german_job_info_gives_a_german_practice(page: Page, running_app: RunningApp) -> None:
    email = sign_up(page, running_app)
    job_id = _job(running_app, email, language="de", with_resume=False)

    _start_practice(page, running_app, job_id)

    question = page.get_by_test_id("practice-question")
    bank = BANKS["de"]
    openers = [
        text.format(role=bank.role_named.format(title="Backend-Entwicklerin"))
        for text in bank.openers
    ]
    expect(question).to_have_text(re.compile("|".join(re.escape(text) for text in openers)))
    expect(question).to_have_attribute("lang", "de-DE")
    expect(page.get_by_test_id("practice-answer")).to_have_attribute("lang", "de-DE")

    # What the server stored: every question of the plan in German.
    turns = _stored_turns(running_app, job_id)
    assert turns[0].question in openers
    assert turns[-1].question in bank.closes
    behavioural = set(bank.behavioural["mid-level"])
    assert any(turn.question in behavioural for turn in turns if turn.kind == "behavioural")
    assert all("Sie" in turn.question for turn in turns)

    # The next question, after an answer, is German too.
    page.get_by_test_id("practice-answer").fill(
        "Ich entwickle seit sechs Jahren Zahlungsdienste in Python."
    )
    page.get_by_test_id("practice-submit-answer").click()
    expect(question).to_have_text(turns[1].question, timeout=SERVER_WAIT_MS)


def test_a_linked_resume_gets_a_question_on_its_project(
    page: Page, running_app: RunningApp
) -> None:
    email = sign_up(page, running_app)
    job_id = _job(running_app, email, language="en", with_resume=True)

    _start_practice(page, running_app, job_id)
    question = page.get_by_test_id("practice-question")
    expect(question).to_have_attribute("lang", "en-US")

    turns = _stored_turns(running_app, job_id)
    on_resume = [turn for turn in turns if turn.kind == "resume"]
    assert len(on_resume) == 2
    assert turns[1] == on_resume[0] and "Orbit Ledger" in turns[1].question

    # Answer the opener: the next question on the page is the one on the résumé's project.
    page.get_by_test_id("practice-answer").fill(
        "I have built payment services in Python for six years, most recently at Acme."
    )
    page.get_by_test_id("practice-submit-answer").click()
    expect(question).to_contain_text("Orbit Ledger", timeout=SERVER_WAIT_MS)
