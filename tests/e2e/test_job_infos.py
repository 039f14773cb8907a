"""Creating, editing and deleting job infos in Chromium, and privacy between users."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Page, expect
from sqlmodel import select

from interview_app.models import JobInfo
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
