"""A Hume EVI interview in Chromium with a fake microphone, against the fake EVI server."""

from __future__ import annotations

import re
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright
from sqlmodel import select

from interview_app.db import make_engine, migrate
from interview_app.devtools.fake_hume import FakeHume, FakeHumeServer
from interview_app.models import Interview, JobInfo, TranscriptMessage
from interview_app.services.accounts.users import set_plan
from interview_app.services.jobs.job_infos import create_job_info
from tests.e2e.conftest import RunningApp, sign_up
from tests.support import CHROMIUM_ARGS, CHROMIUM_PATH, app_server, free_port

INTERVIEW_URL = re.compile(r"/app/job-infos/([0-9a-f-]{36})/interviews/([0-9a-f-]{36})/?$")
SPOKEN_ANSWER = "I have five years of experience building web services in Python."


@pytest.fixture(scope="module")
def fake_hume() -> Iterator[FakeHumeServer]:
    server = FakeHumeServer(FakeHume(), port=free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def hume_app(
    tmp_path_factory: pytest.TempPathFactory, fake_hume: FakeHumeServer, module_app_port: int
) -> Iterator[RunningApp]:
    """The app with Hume keys pointing at the fake EVI server."""
    database_url = f"sqlite:///{tmp_path_factory.mktemp('hume-e2e') / 'app.db'}"
    engine = make_engine(database_url)
    migrate(engine)
    env = {
        "HUME_API_KEY": fake_hume.fake.api_key,
        "HUME_SECRET_KEY": fake_hume.fake.secret_key,
        "HUME_CONFIG_ID": "fake-config",
        "HUME_BASE_URL": fake_hume.base_url,
        "VOICE_PROVIDER": "hume",
    }
    with app_server(database_url, extra_env=env, port=module_app_port) as base_url:
        yield RunningApp(base_url=base_url, engine=engine, oidc_issuer="")
    engine.dispose()


@pytest.fixture(scope="module")
def mic_browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """Chromium whose microphone plays a spoken answer made by espeak-ng."""
    wav = Path(tmp_path_factory.mktemp("mic")) / "answer.wav"
    subprocess.run(["espeak-ng", "-w", str(wav), SPOKEN_ANSWER], check=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM_PATH,
            args=[
                *CHROMIUM_ARGS,
                "--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream",
                f"--use-file-for-fake-audio-capture={wav}",
                "--autoplay-policy=no-user-gesture-required",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def mic_context(mic_browser: Browser, hume_app: RunningApp) -> Iterator[BrowserContext]:
    context = mic_browser.new_context()
    context.grant_permissions(["microphone"], origin=hume_app.base_url)
    context.set_default_timeout(20_000)
    yield context
    context.close()


def _job_for(app: RunningApp, email: str) -> uuid.UUID:
    with app.session() as session:
        user = set_plan(session=session, email=email, plan="pro")
        return create_job_info(
            session=session,
            user_id=user.id,
            name="Platform team",
            title="Backend Engineer",
            description="Python services at scale.",
            experience_level="senior",
        ).id


def test_a_refused_token_is_a_clear_message_and_the_interview_stays_incomplete(
    mic_context: BrowserContext, hume_app: RunningApp, fake_hume: FakeHumeServer
) -> None:
    page: Page = mic_context.new_page()
    email = sign_up(page, hume_app)
    job_id = _job_for(hume_app, email)
    fake_hume.fake.token_failures.append(403)

    page.goto(hume_app.url(f"/app/job-infos/{job_id}/interviews/new"))
    page.get_by_test_id("start-interview").click()

    expect(page.get_by_test_id("call-error")).to_contain_text("could not be reached")
    expect(page.get_by_test_id("end-call")).to_be_disabled()
    with hume_app.session() as session:
        [interview] = session.exec(
            select(Interview).join_from(Interview, JobInfo).where(JobInfo.id == job_id)
        ).all()
        assert (interview.hume_chat_id, interview.duration) == (None, "00:00:00")


def test_voice_interview_end_to_end(
    mic_context: BrowserContext, hume_app: RunningApp, fake_hume: FakeHumeServer
) -> None:
    page: Page = mic_context.new_page()
    email = sign_up(page, hume_app, name="Ada Lovelace")
    job_id = _job_for(hume_app, email)

    page.goto(hume_app.url(f"/app/job-infos/{job_id}/interviews/new"))
    page.get_by_test_id("start-interview").click()

    interviewer = page.locator("[data-testid=transcript-message][data-speaker=interviewer]")
    interviewee = page.locator("[data-testid=transcript-message][data-speaker=interviewee]")
    expect(interviewer.first).to_contain_text("Hello Ada Lovelace")
    expect(interviewee.first).to_contain_text(SPOKEN_ANSWER)
    expect(interviewee.first.get_by_test_id("transcript-emotion")).to_have_count(3)
    expect(interviewer.nth(1)).to_contain_text("hardest problem")
    expect(page.get_by_test_id("call-timer")).not_to_have_text("00:00:00")
    expect(page.get_by_test_id("mute-toggle")).to_be_enabled()
    page.get_by_test_id("end-call").click()

    expect(page).to_have_url(INTERVIEW_URL)
    interview_id = uuid.UUID(INTERVIEW_URL.search(page.url).group(2))
    stored_interviewer = page.locator("[data-testid=transcript-message][data-speaker=interviewer]")
    expect(stored_interviewer).to_have_count(2)
    expect(
        page.locator("[data-testid=transcript-message][data-speaker=interviewee]")
    ).to_contain_text(SPOKEN_ANSWER)
    expect(page.get_by_test_id("interview-duration")).not_to_have_text("00:00:00")

    # What the fake received: the session variables of this job, and microphone audio.
    record = fake_hume.fake.sockets[-1]
    assert record.variables == {
        "userName": "Ada Lovelace",
        "title": "Backend Engineer",
        "description": "Python services at scale.",
        "experienceLevel": "senior",
    }
    assert record.query["config_id"] == "fake-config"
    assert record.audio_frames > 0
    with hume_app.session() as session:
        interview = session.get(Interview, interview_id)
        assert interview is not None
        assert interview.hume_chat_id == record.chat_id
        assert interview.duration != "00:00:00"
        rows = session.exec(
            select(TranscriptMessage)
            .where(TranscriptMessage.interview_id == interview_id)
            .order_by(TranscriptMessage.position)
        ).all()
        assert [row.speaker for row in rows] == ["interviewer", "interviewee", "interviewer"]

    # The export downloads what is stored, for its owner only.
    expect(page.get_by_test_id("transcript-export-md")).to_have_attribute(
        "href", f"/api/interviews/{interview_id}/transcript.md"
    )
    markdown = page.request.get(hume_app.url(f"/api/interviews/{interview_id}/transcript.md"))
    assert markdown.ok and SPOKEN_ANSWER in markdown.text()
    exported = page.request.get(hume_app.url(f"/api/interviews/{interview_id}/transcript.json"))
    assert [m["speaker"] for m in exported.json()["messages"]] == [row.speaker for row in rows]

    # The provider forgets the chat (here: it is gone); the page still shows the transcript.
    fake_hume.stop()
    page.reload()
    expect(page.locator("[data-testid=transcript-message]")).to_have_count(3)
    expect(page.get_by_test_id("transcript-sync-error")).to_have_count(0)
