"""Creating, editing and deleting job infos in Chromium, and privacy between users."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Page, expect
from sqlmodel import select

from interview_app.models import JobInfo, User
from interview_app.services.jobs.job_infos import create_job_info
from interview_app.state.job_infos import DASHBOARD_PAGE_SIZE
from tests.e2e.conftest import (
    RunningApp,
    fill_job_info,
    path_pattern,
    sign_up,
)

HUB_URL = re.compile(r"/app/job-infos/([0-9a-f-]{36})/?$")


def _job_info_id(page: Page) -> uuid.UUID:
    match = HUB_URL.search(page.url)
    assert match, page.url
    return uuid.UUID(match.group(1))


def test_create_edit_and_delete_a_job_info(page: Page, running_app: RunningApp) -> None:
    sign_up(page, running_app)
    page.goto(running_app.url("/app/job-infos/new"))

    fill_job_info(page, name="", title="Data Engineer", level="mid-level", description="Pipelines.")
    page.get_by_test_id("job-info-submit").click()
    expect(page.get_by_test_id("name-error")).to_have_text("Name is required.")
    expect(page.get_by_test_id("job-info-description")).to_have_value("Pipelines.")
    expect(page.get_by_test_id("job-info-title")).to_have_value("Data Engineer")
    expect(page).to_have_url(path_pattern("/app/job-infos/new"))

    page.get_by_test_id("job-info-name").fill("Acme data team")
    page.get_by_test_id("job-info-submit").click()
    expect(page).to_have_url(HUB_URL)
    job_info_id = _job_info_id(page)
    expect(page.get_by_test_id("job-info-heading")).to_have_text("Acme data team")
    expect(page.get_by_text("Mid-Level")).to_be_visible()
    with running_app.session() as session:
        saved = session.get(JobInfo, job_info_id)
        assert saved is not None
        assert (saved.name, saved.title, saved.experience_level, saved.description) == (
            "Acme data team",
            "Data Engineer",
            "mid-level",
            "Pipelines.",
        )

    page.goto(running_app.url("/app"))
    cards = page.get_by_test_id("job-info-card")
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("Acme data team")

    page.goto(running_app.url(f"/app/job-infos/{job_info_id}/edit"))
    expect(page.get_by_test_id("job-info-name")).to_have_value("Acme data team")
    expect(page.get_by_test_id("job-info-experience-level")).to_have_value("mid-level")
    page.get_by_test_id("job-info-name").fill("Acme platform team")
    page.get_by_test_id("job-info-experience-level").select_option("senior")
    page.get_by_test_id("job-info-submit").click()
    expect(page).to_have_url(path_pattern(f"/app/job-infos/{job_info_id}"))
    expect(page.get_by_test_id("job-info-heading")).to_have_text("Acme platform team")
    with running_app.session() as session:
        updated = session.get(JobInfo, job_info_id)
        assert updated is not None
        assert (updated.name, updated.experience_level) == ("Acme platform team", "senior")

    page.get_by_test_id("job-info-delete").click()
    page.get_by_test_id("job-info-delete-confirm").click()
    expect(page).to_have_url(path_pattern("/app"))
    expect(page.get_by_test_id("job-info-card")).to_have_count(0)
    expect(page.get_by_text("Welcome!")).to_be_visible()
    with running_app.session() as session:
        assert session.get(JobInfo, job_info_id) is None


def test_first_job_info_from_the_welcome_form(page: Page, running_app: RunningApp) -> None:
    sign_up(page, running_app)
    fill_job_info(
        page, name="First job", title="", level="junior", description="Answer the phones."
    )
    page.get_by_test_id("job-info-submit").click()
    expect(page).to_have_url(HUB_URL)
    expect(page.get_by_test_id("job-info-heading")).to_have_text("First job")
    with running_app.session() as session:
        saved = session.get(JobInfo, _job_info_id(page))
        assert saved is not None
        assert saved.title is None


def test_another_users_job_info_is_not_found(page: Page, running_app: RunningApp) -> None:
    sign_up(page, running_app, name="Owner")
    page.goto(running_app.url("/app/job-infos/new"))
    fill_job_info(
        page,
        name="Secret project",
        title="Staff Engineer",
        level="senior",
        description="Confidential details.",
    )
    page.get_by_test_id("job-info-submit").click()
    expect(page).to_have_url(HUB_URL)
    owners_url = page.url
    job_info_id = _job_info_id(page)
    page.get_by_test_id("sign-out").click()
    expect(page).to_have_url(path_pattern("/"))

    sign_up(page, running_app, name="Intruder")
    for url in (owners_url, f"{owners_url.rstrip('/')}/edit"):
        page.goto(url)
        expect(page.get_by_test_id("not-found")).to_be_visible()
        expect(page.get_by_text("Secret project")).to_have_count(0)
        expect(page.get_by_text("Confidential details.")).to_have_count(0)
    page.goto(running_app.url("/app"))
    expect(page.get_by_test_id("job-info-card")).to_have_count(0)
    with running_app.session() as session:
        assert session.exec(select(JobInfo).where(JobInfo.id == job_info_id)).one()


def test_the_dashboard_lists_a_screenful_of_excerpts_then_more_on_request(
    page: Page, running_app: RunningApp
) -> None:
    email = sign_up(page, running_app)
    long_description = "Build Python services. " * 400 + "THE VERY END"
    with running_app.session() as session:
        user = session.exec(select(User).where(User.email == email)).one()
        for number in range(DASHBOARD_PAGE_SIZE + 3):
            create_job_info(
                session=session,
                user_id=user.id,
                name=f"Job {number:02d}",
                title=None,
                description=long_description,
                experience_level="junior",
            )
    received: list[int] = []
    page.on(
        "websocket", lambda socket: socket.on("framereceived", lambda f: received.append(len(f)))
    )
    page.goto(running_app.url("/app"))
    cards = page.get_by_test_id("job-info-card")
    expect(cards).to_have_count(DASHBOARD_PAGE_SIZE)
    expect(cards.first).to_contain_text("Job 26")
    # Each card carries the start of its description, not all 9,000 characters of it.
    expect(cards.first).to_contain_text("Build Python services.")
    expect(page.get_by_text("THE VERY END")).to_have_count(0)
    assert sum(received) < 100_000, f"{sum(received)} bytes on the socket"

    page.get_by_test_id("more-job-infos").click()
    expect(cards).to_have_count(DASHBOARD_PAGE_SIZE + 3)
    expect(cards.last).to_contain_text("Job 00")
    expect(page.get_by_test_id("more-job-infos")).to_have_count(0)
