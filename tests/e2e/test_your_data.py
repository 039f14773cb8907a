"""A user downloads everything the app holds about them, then deletes their account."""

from __future__ import annotations

import io
import json
import zipfile

from playwright.sync_api import Page, expect
from sqlmodel import select

from interview_app.models import User
from tests.e2e.conftest import PASSWORD, RunningApp, path_pattern, sign_up
from tests.support_feedback import add_finished_interview, user_by_email


def test_download_everything_then_delete_the_account(page: Page, running_app: RunningApp) -> None:
    email = sign_up(page, running_app)
    with running_app.session() as session:
        add_finished_interview(session, user_by_email(session, email).id)

    page.get_by_test_id("your-data").click()
    expect(page).to_have_url(path_pattern("/app/account"))
    with page.expect_download() as downloading:
        page.get_by_test_id("account-export").click()
    archive = downloading.value
    assert archive.suggested_filename.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(archive.path().read_bytes())) as opened:
        assert json.loads(opened.read("account.json"))["email"] == email
        assert any(name.endswith("-transcript.md") for name in opened.namelist())

    page.get_by_test_id("account-delete-password").fill("not my password")
    page.get_by_test_id("account-delete").click()
    expect(page.get_by_test_id("account-delete-password-error")).to_be_visible()
    with running_app.session() as session:
        assert session.exec(select(User).where(User.email == email)).first() is not None

    page.get_by_test_id("account-delete-password").fill(PASSWORD)
    page.get_by_test_id("account-delete").click()
    expect(page).to_have_url(path_pattern("/"))
    with running_app.session() as session:
        assert session.exec(select(User).where(User.email == email)).first() is None
    page.goto(running_app.url("/app"))
    expect(page).to_have_url(path_pattern("/sign-in"))
