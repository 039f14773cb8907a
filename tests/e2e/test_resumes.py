"""Résumés in Chromium: upload a PDF, correct its text, link it to a job info, delete it."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Page, expect
from sqlmodel import select

from interview_app.models import JobInfo, Resume, User
from tests.e2e.conftest import RunningApp, fill_job_info, path_pattern, sign_up
from tests.e2e.test_screens import check_screen
from tests.support_resume_files import image_only_pdf, text_pdf

RESUME = (
    "Jordan Ellis",
    "Experience",
    "Senior Software Engineer, Ridgeline Payments Inc. (2020-2024)",
    "Led the migration of the settlement service to Kubernetes and cut latency.",
    "Projects",
    "Ledgerlite - an open-source double-entry bookkeeping library for Python.",
    "Skills",
    "Python, Go, SQL, Django, FastAPI, Kubernetes, Terraform, PostgreSQL",
)
HUB_URL = re.compile(r"/app/job-infos/([0-9a-f-]{36})/?$")


def _upload(page: Page, name: str, body: bytes) -> None:
    page.get_by_test_id("resume-upload").set_input_files(
        files=[{"name": name, "mimeType": "application/pdf", "buffer": body}]
    )


def _stored_resumes(app: RunningApp, email: str) -> list[Resume]:
    with app.session() as session:
        user = session.exec(select(User).where(User.email == email)).one()
        return list(session.exec(select(Resume).where(Resume.user_id == user.id)).all())


def test_upload_edit_link_and_delete_a_resume(page: Page, running_app: RunningApp) -> None:
    email = sign_up(page, running_app)
    page.get_by_test_id("resumes-link").click()
    expect(page).to_have_url(path_pattern("/app/resumes"))
    expect(page.get_by_test_id("resumes-empty")).to_be_visible()

    _upload(page, "Jordan Ellis CV.pdf", text_pdf(RESUME))
    text = page.get_by_test_id("resume-text")
    expect(text).to_have_value(re.compile(r"Ridgeline Payments Inc\."))
    expect(text).to_have_value(re.compile(r"Ledgerlite"))
    expect(page.get_by_test_id("resume-name")).to_have_value("Jordan Ellis CV")
    [stored] = _stored_resumes(running_app, email)
    assert (stored.name, stored.filename, stored.source_format) == (
        "Jordan Ellis CV",
        "Jordan Ellis CV.pdf",
        "pdf",
    )
    assert "Ridgeline Payments Inc." in stored.text and "Ledgerlite" in stored.text

    # Corrected and saved: the database holds what was typed.
    edited = text.input_value() + "\nProject: Queue Doctor"
    text.fill(edited)
    page.get_by_test_id("resume-save").click()
    expect(page.get_by_text("Résumé saved.")).to_be_visible()
    [stored] = _stored_resumes(running_app, email)
    assert stored.text.endswith("Project: Queue Doctor")

    # A scan is refused with a message; the résumé on screen stays as it was.
    _upload(page, "scan.pdf", image_only_pdf())
    expect(page.get_by_test_id("resume-upload-error")).to_have_text(
        "This PDF has no text we can read — it looks scanned. Upload a PDF exported from "
        "your editor, a DOCX, or paste the text."
    )
    expect(text).to_have_value(re.compile(r"Project: Queue Doctor$"))
    assert len(_stored_resumes(running_app, email)) == 1

    # The page itself is checked, not the toasts of the upload and the save passing by.
    expect(page.locator("[data-sonner-toast]")).to_have_count(0)
    for width, height in ((390, 844), (1280, 800)):
        page.set_viewport_size({"width": width, "height": height})
        check_screen(page, f"resumes-{width}", under_app=True)

    # Linked to a new job info, interviewed in German.
    page.goto(running_app.url("/app/job-infos/new"))
    fill_job_info(
        page, name="Payments team", title="", level="senior", description="Python payments APIs."
    )
    expect(page.get_by_test_id("job-info-resume").locator("option")).to_have_count(2)
    page.get_by_test_id("job-info-resume").select_option(label="Jordan Ellis CV")
    page.get_by_test_id("job-info-language").select_option(label="German")
    page.get_by_test_id("job-info-submit").click()
    expect(page).to_have_url(HUB_URL)
    expect(page.get_by_test_id("job-info-resume-name")).to_have_text("Résumé: Jordan Ellis CV")
    expect(page.get_by_test_id("job-info-language-name")).to_have_text("Interview language: German")
    match = HUB_URL.search(page.url)
    assert match is not None
    job_info_id = uuid.UUID(match.group(1))
    with running_app.session() as session:
        job = session.get(JobInfo, job_info_id)
        assert job is not None
        assert (job.resume_id, job.interview_language) == (stored.id, "de")

    # The edit form shows both choices as saved.
    page.goto(running_app.url(f"/app/job-infos/{job_info_id}/edit"))
    expect(page.get_by_test_id("job-info-resume")).to_have_value(str(stored.id))
    expect(page.get_by_test_id("job-info-language")).to_have_value("de")

    # Deleted (after confirming): the job info goes on without a résumé.
    page.goto(running_app.url("/app/resumes"))
    page.get_by_test_id("resume-delete").click()
    page.get_by_test_id("resume-delete-confirm").click()
    expect(page.get_by_test_id("resumes-empty")).to_be_visible()
    assert _stored_resumes(running_app, email) == []
    with running_app.session() as session:
        job = session.get(JobInfo, job_info_id)
        assert job is not None and job.resume_id is None
    page.goto(running_app.url(f"/app/job-infos/{job_info_id}"))
    expect(page.get_by_test_id("job-info-resume-name")).to_have_text("Résumé: none")
