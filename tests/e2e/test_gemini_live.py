"""A Gemini Live interview in Chromium, against the project's fake Live server.

Chromium's fake microphone plays a 440 Hz tone; the fake checks what arrives.
"""

from __future__ import annotations

import re
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import text
from sqlmodel import select

from interview_app.db import make_engine, migrate
from interview_app.devtools.fake_gemini_live import (
    INPUT_RATE,
    FakeGeminiLive,
    dominant_frequency,
    running_fake_gemini_live,
)
from interview_app.models import Interview, TranscriptMessage
from interview_app.services.accounts.users import set_plan
from interview_app.services.jobs.job_infos import create_job_info
from interview_app.services.resumes.store import create_resume_from_text
from interview_app.services.transcripts.store import stored_transcript
from tests.e2e.conftest import RunningApp, path_pattern, sign_up
from tests.support import CHROMIUM_ARGS, CHROMIUM_PATH, app_server, free_port
from tests.support_resume_files import RESUME_LINES

API_KEY = "fake-gemini-key-e2e"
# The call's watchdog for the interviewer's first audio, short enough for a test to wait.
NO_ANSWER_SECONDS = 4
INTERVIEW_URL = re.compile(r"/app/job-infos/([0-9a-f-]{36})/interviews/([0-9a-f-]{36})/?$")


@dataclass
class GeminiApp:
    """The app configured for Gemini Live, and the fake it talks to."""

    app: RunningApp
    fake: FakeGeminiLive


@pytest.fixture(scope="module")
def gemini_app(
    tmp_path_factory: pytest.TempPathFactory, module_app_port: int
) -> Iterator[GeminiApp]:
    """The production app with GEMINI_API_KEY and GEMINI_BASE_URL pointing at the fake."""
    fake = FakeGeminiLive(api_key=API_KEY)
    database_url = f"sqlite:///{tmp_path_factory.mktemp('gemini') / 'app.db'}"
    engine = make_engine(database_url)
    migrate(engine)
    with (
        running_fake_gemini_live(fake, free_port()) as fake_url,
        app_server(
            database_url,
            extra_env={
                "GEMINI_API_KEY": API_KEY,
                "GEMINI_BASE_URL": fake_url,
                "VOICE_PROVIDER": "gemini",
                "GEMINI_LIVE_NO_ANSWER_SECONDS": str(NO_ANSWER_SECONDS),
            },
            port=module_app_port,
        ) as base_url,
    ):
        yield GeminiApp(RunningApp(base_url=base_url, engine=engine, oidc_issuer=""), fake)
    engine.dispose()


@pytest.fixture(scope="session")
def tone_wav(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A 440 Hz tone at 48 kHz for Chromium's fake microphone (made by sox)."""
    path = tmp_path_factory.mktemp("microphone") / "tone-440.wav"
    output_format = ["-r", "48000", "-c", "1", "-b", "16"]
    thirty_seconds_of_440_hz = ["synth", "30", "sine", "440", "vol", "0.5"]
    subprocess.run(["sox", "-n", *output_format, str(path), *thirty_seconds_of_440_hz], check=True)
    return str(path)


@pytest.fixture(scope="session")
def microphone_browser(browser: Browser, tone_wav: str) -> Iterator[Browser]:
    """Headless Chromium whose microphone plays the tone (from the shared Playwright)."""
    args = [
        *CHROMIUM_ARGS,
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={tone_wav}",
    ]
    with_microphone = browser.browser_type.launch(executable_path=CHROMIUM_PATH, args=args)
    yield with_microphone
    with_microphone.close()


@pytest.fixture
def call_page(microphone_browser: Browser) -> Iterator[Page]:
    context = microphone_browser.new_context(permissions=["microphone"])
    context.set_default_timeout(20_000)
    page = context.new_page()
    yield page
    context.close()


def _job_for(app: RunningApp, email: str) -> uuid.UUID:
    with app.session() as session:
        user = set_plan(session=session, email=email, plan="pro")
        job = create_job_info(
            session=session,
            user_id=user.id,
            name="Payments",
            title="Backend Engineer",
            description="Python services for card payments.",
            experience_level="mid-level",
        )
        return job.id


def _interviewer(page: Page):
    return page.locator('[data-testid="transcript-message"][data-speaker="interviewer"]')


def _interviewee(page: Page):
    return page.locator('[data-testid="transcript-message"][data-speaker="interviewee"]')


def test_a_gemini_live_interview_from_click_to_stored_transcript(
    call_page: Page, gemini_app: GeminiApp
) -> None:
    page, app, fake = call_page, gemini_app.app, gemini_app.fake
    job_id = _job_for(app, sign_up(page, app, name="Grace Hopper"))
    page.goto(app.url(f"/app/job-infos/{job_id}/interviews/new"))
    connections_before = len(fake.connections)
    page.get_by_test_id("start-interview").click()

    call = page.get_by_test_id("gemini-call")
    expect(call).to_have_attribute("data-status", "live")
    expect(_interviewer(page).first).to_contain_text("tell me about yourself")
    expect(_interviewee(page).first).to_contain_text("five years")
    expect(_interviewer(page).nth(1)).to_contain_text("project you are proud of")
    expect(page.get_by_test_id("call-timer")).to_have_text(re.compile(r"^00:00:0[1-9]$"))

    # The fake heard the 440 Hz tone as 16 kHz PCM16.
    connection = fake.connections[connections_before]
    assert connection.mime_types == {"audio/pcm;rate=16000"}
    heard = bytes(connection.audio)
    assert len(heard) >= INPUT_RATE * 2  # at least a second of audio
    assert 430 <= dominant_frequency(heard, INPUT_RATE) <= 450

    with app.session() as session:
        started = session.exec(select(Interview).where(Interview.job_info_id == job_id)).one()
        interview_id = started.id
        assert started.voice_provider == "gemini"
        assert (started.hume_chat_id or "").startswith("gemini-live-")
        chat_id = started.hume_chat_id

    # A forced goAway: a fresh token with the resumption handle locked in, same call.
    fake.request_go_away()
    expect(call).to_have_attribute("data-connections", "2", timeout=15_000)
    resumed_token = fake.tokens[fake.connections[-1].token]
    assert resumed_token.setup["sessionResumption"]["handle"].startswith("handle-")
    expect(_interviewer(page).nth(2)).to_contain_text("hardest decision")
    expect(_interviewer(page).first).to_contain_text("tell me about yourself")

    # Every 24 kHz sample the fake sent was scheduled for playback.
    expect(call).to_have_attribute("data-scheduled-samples", str(fake.sent_samples))

    # Barge-in: the model is interrupted mid-turn, and its queued audio stops unplayed.
    expect(call).to_have_attribute("data-cut-samples", "0")
    fake.interrupt_next_turn = True
    expect(_interviewer(page).nth(3)).to_contain_text("that is all for today")
    expect(call).not_to_have_attribute("data-cut-samples", "0")

    # While the call lasts, what was said is already on the server (a lost worker at the
    # end loses at most the last seconds).
    deadline = time.monotonic() + 30
    while True:
        with app.session() as session:
            checkpoint = stored_transcript(session=session, interview_id=interview_id)
        if len(checkpoint) >= 2 or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert [entry.speaker for entry in checkpoint][:2] == ["interviewer", "interviewee"]
    expect(call).to_have_attribute("data-status", "live")

    page.get_by_test_id("end-call").click()
    expect(page).to_have_url(path_pattern(f"/app/job-infos/{job_id}/interviews/{interview_id}"))
    with app.session() as session:
        interview = session.get(Interview, interview_id)
        assert interview is not None
        assert interview.transcript_source == "browser"
        assert interview.hume_chat_id == chat_id
        transcript = stored_transcript(session=session, interview_id=interview_id)
    speakers = [entry.speaker for entry in transcript]
    assert speakers[:4] == ["interviewer", "interviewee", "interviewer", "interviewee"]
    assert "tell me about yourself" in transcript[0].text
    assert "hardest decision" in " ".join(entry.text for entry in transcript)
    starts = [entry.start_ms for entry in transcript]
    assert starts == sorted(starts) and starts[-1] > 1000
    # The interview page shows the stored transcript.
    expect(_interviewer(page).first).to_contain_text("tell me about yourself")
    expect(_interviewee(page).first).to_contain_text("five years")


def test_a_refused_microphone_says_so_and_leaves_the_interview_incomplete(
    page: Page, gemini_app: GeminiApp
) -> None:
    # The shared browser has no microphone at all: getUserMedia fails as a refusal would.
    app = gemini_app.app
    job_id = _job_for(app, sign_up(page, app))
    page.goto(app.url(f"/app/job-infos/{job_id}/interviews/new"))
    page.get_by_test_id("start-interview").click()

    expect(page.get_by_test_id("call-error")).to_contain_text(re.compile("microphone", re.I))
    expect(page.get_by_test_id("gemini-call")).to_have_attribute("data-status", "failed")
    with app.session() as session:
        interview = session.exec(select(Interview).where(Interview.job_info_id == job_id)).one()
        assert interview.hume_chat_id is None
        assert interview.transcript_source is None


def test_an_expired_token_ends_the_call_with_a_message_and_nothing_held(
    call_page: Page, gemini_app: GeminiApp
) -> None:
    page, app, fake = call_page, gemini_app.app, gemini_app.fake
    job_id = _job_for(app, sign_up(page, app))
    page.goto(app.url(f"/app/job-infos/{job_id}/interviews/new"))
    fake.issue_expired_tokens = True
    try:
        page.get_by_test_id("start-interview").click()
        expect(page.get_by_test_id("call-error")).to_contain_text("refused the session")
    finally:
        fake.issue_expired_tokens = False
    assert fake.refused[-1] == "Token has expired."
    with app.session() as session:
        interview = session.exec(select(Interview).where(Interview.job_info_id == job_id)).one()
        assert interview.hume_chat_id is None
        assert interview.transcript_source is None


def _eventually(check: Callable[[], bool], seconds: float = 10) -> bool:
    """Poll a condition the page's events make true a little later (bounded)."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def _settled(count: Callable[[], int], quiet: float = 0.5, seconds: float = 15) -> int:
    """Wait until a count stops growing for `quiet` seconds (bounded); return it."""
    deadline = time.monotonic() + seconds
    value, since = count(), time.monotonic()
    while time.monotonic() - since < quiet and time.monotonic() < deadline:
        time.sleep(0.1)
        if (latest := count()) != value:
            value, since = latest, time.monotonic()
    return value


def _chat_id(app: RunningApp, job_id: uuid.UUID) -> str | None:
    with app.session() as session:
        interview = session.exec(select(Interview).where(Interview.job_info_id == job_id)).one()
        return interview.hume_chat_id


def _assert_incomplete(app: RunningApp, job_id: uuid.UUID) -> None:
    with app.session() as session:
        interview = session.exec(select(Interview).where(Interview.job_info_id == job_id)).one()
        assert interview.hume_chat_id is None
        assert interview.transcript_source is None
        stored = select(TranscriptMessage).where(TranscriptMessage.interview_id == interview.id)
        assert session.exec(stored).first() is None


def test_a_replayed_token_is_refused_and_the_interview_stays_incomplete(
    call_page: Page, gemini_app: GeminiApp
) -> None:
    page, app, fake = call_page, gemini_app.app, gemini_app.fake
    job_id = _job_for(app, sign_up(page, app))
    page.goto(app.url(f"/app/job-infos/{job_id}/interviews/new"))
    fake.issue_spent_tokens = True
    try:
        page.get_by_test_id("start-interview").click()
        expect(page.get_by_test_id("call-error")).to_contain_text("refused the session")
    finally:
        fake.issue_spent_tokens = False
    assert fake.refused[-1] == "Token has already been used."
    expect(page.get_by_test_id("gemini-call")).to_have_attribute("data-status", "failed")
    _assert_incomplete(app, job_id)


def test_an_interviewer_that_never_speaks_ends_the_call_after_the_watchdog(
    call_page: Page, gemini_app: GeminiApp
) -> None:
    page, app, fake = call_page, gemini_app.app, gemini_app.fake
    job_id = _job_for(app, sign_up(page, app))
    page.goto(app.url(f"/app/job-infos/{job_id}/interviews/new"))
    fake.model_silent = True
    try:
        page.get_by_test_id("start-interview").click()
        call = page.get_by_test_id("gemini-call")
        expect(call).to_have_attribute("data-status", "live")
        expect(call).to_have_attribute("data-no-answer-ms", str(NO_ANSWER_SECONDS * 1000))
        expect(page.get_by_test_id("call-error")).to_contain_text(
            "interviewer did not answer", timeout=(NO_ANSWER_SECONDS + 10) * 1000
        )
    finally:
        fake.model_silent = False
    expect(call).to_have_attribute("data-status", "failed")
    expect(call).to_have_attribute("data-scheduled-samples", "0")
    # The set-up session gave the interview a chat id; the failed call takes it back.
    assert _eventually(lambda: _chat_id(app, job_id) is None)
    _assert_incomplete(app, job_id)


def test_mute_stops_the_microphone_and_a_refused_transcript_can_be_sent_again(
    call_page: Page, gemini_app: GeminiApp
) -> None:
    page, app, fake = call_page, gemini_app.app, gemini_app.fake
    job_id = _job_for(app, sign_up(page, app))
    page.goto(app.url(f"/app/job-infos/{job_id}/interviews/new"))
    connection = len(fake.connections)
    page.get_by_test_id("start-interview").click()
    call = page.get_by_test_id("gemini-call")
    expect(_interviewee(page).first).to_contain_text("five years")

    mute = page.get_by_test_id("mute-toggle")
    mute.click()
    expect(mute).to_have_attribute("aria-pressed", "true")
    # Chunks already on the wire when the button was pressed still arrive: wait until none
    # has for half a second (a busy machine delays them), then count.
    muted_frames = _settled(lambda: fake.connections[connection].audio_frames)
    assert muted_frames > 0
    page.wait_for_timeout(1500)
    assert fake.connections[connection].audio_frames == muted_frames
    mute.click()
    expect(mute).to_have_attribute("aria-pressed", "false")
    assert _eventually(lambda: fake.connections[connection].audio_frames > muted_frames)

    # The app cannot store the transcript: the call screen keeps it and offers to send again.
    refuse_transcripts = (
        "CREATE TRIGGER refuse_transcripts BEFORE INSERT ON transcript_messages "
        "BEGIN SELECT RAISE(ABORT, 'the database is unavailable'); END"
    )
    with app.engine.begin() as connection_to_db:
        connection_to_db.execute(text(refuse_transcripts))
    try:
        page.get_by_test_id("end-call").click()
        expect(page.get_by_test_id("save-error")).to_contain_text("could not be saved")
    finally:
        with app.engine.begin() as connection_to_db:
            connection_to_db.execute(text("DROP TRIGGER refuse_transcripts"))
    expect(call).to_have_attribute("data-status", "ended")
    expect(_interviewer(page).first).to_contain_text("tell me about yourself")
    expect(_interviewee(page).first).to_contain_text("five years")
    with app.session() as session:
        interview = session.exec(select(Interview).where(Interview.job_info_id == job_id)).one()
        interview_id = interview.id
        assert interview.transcript_source is None
        assert not stored_transcript(session=session, interview_id=interview_id)

    page.get_by_test_id("retry-save-transcript").click()
    expect(page).to_have_url(path_pattern(f"/app/job-infos/{job_id}/interviews/{interview_id}"))
    with app.session() as session:
        interview = session.get(Interview, interview_id)
        assert interview is not None
        assert interview.transcript_source == "browser"
        transcript = stored_transcript(session=session, interview_id=interview_id)
    assert "tell me about yourself" in transcript[0].text
    assert any("five years" in entry.text for entry in transcript)


def test_a_german_job_with_a_resume_reaches_the_live_setup_from_the_browser(
    call_page: Page, gemini_app: GeminiApp
) -> None:
    page, app, fake = call_page, gemini_app.app, gemini_app.fake
    email = sign_up(page, app, name="Jordan Ellis")
    with app.session() as session:
        user = set_plan(session=session, email=email, plan="pro")
        resume = create_resume_from_text(
            session=session, user_id=user.id, name="Jordan Ellis CV", text="\n".join(RESUME_LINES)
        )
        job_id = create_job_info(
            session=session,
            user_id=user.id,
            name="Zahlungen",
            title="Backend-Entwickler",
            description="Python-Dienste für Kartenzahlungen.",
            experience_level="senior",
            resume_id=resume.id,
            interview_language="de",
        ).id
    page.goto(app.url(f"/app/job-infos/{job_id}/interviews/new"))
    connections_before = len(fake.connections)
    page.get_by_test_id("start-interview").click()
    expect(page.get_by_test_id("gemini-call")).to_have_attribute("data-status", "live")

    # What the browser sent the (fake) Live server when it opened the call.
    received = fake.connections[connections_before].setup
    assert received is not None
    assert received["generationConfig"]["speechConfig"] == {"languageCode": "de-DE"}
    instruction = received["systemInstruction"]["parts"][0]["text"]
    assert "German" in instruction
    assert "Ridgeline Payments" in instruction and "Ledgerlite" in instruction
    page.get_by_test_id("end-call").click()
    expect(page).to_have_url(INTERVIEW_URL)
