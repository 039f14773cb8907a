"""A practice question answered by voice in Chromium, recognised on our server.

Chromium's fake microphone plays an answer espeak-ng spoke; the app recognises it with the
Whisper model a package ships (no model hub), puts the text in the answer box, measures
the answer's pace, pauses and time to the first word from the recognised words' times, and
(the operator keeping audio) plays the answer back on its card.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import col, select

from interview_app.db import make_engine, migrate
from interview_app.models import AnswerRecording, PracticeTurn, TranscriptMessage
from interview_app.services.speech.words import spoken_delivery, words_from_json
from tests.e2e.conftest import RunningApp, fill_job_info, sign_up
from tests.support import CHROMIUM_ARGS, CHROMIUM_PATH, app_server
from tests.support_speech import TEST_MODEL, spoken_wav, word_error_rate

SERVER_WAIT_MS = 30_000
INTERVIEW_URL = re.compile(r"/app/job-infos/([0-9a-f-]{36})/interviews/([0-9a-f-]{36})/?$")
ANSWER = (
    "My manager asked me to reduce costs, so I moved our servers to a cheaper plan "
    "and saved money every month."
)
# The microphone's file: a second of silence, the answer (about 7 s at espeak-ng's 150
# words a minute), then silence; Chromium plays it from the start when the answer begins.
LEAD_SILENCE_S = 1.0
SPEAKING_S = 9.0


@pytest.fixture(scope="module")
def speech_app(
    tmp_path_factory: pytest.TempPathFactory, module_app_port: int
) -> Iterator[RunningApp]:
    """The production app recognising speech with the packaged tiny.en model."""
    database_url = f"sqlite:///{tmp_path_factory.mktemp('speech') / 'app.db'}"
    engine = make_engine(database_url)
    migrate(engine)
    with app_server(
        database_url,
        extra_env={
            "WHISPER_MODEL": TEST_MODEL,
            "WHISPER_LANGUAGE": "en",
            "KEEP_ANSWER_AUDIO": "true",
        },
        port=module_app_port,
    ) as base_url:
        yield RunningApp(base_url=base_url, engine=engine, oidc_issuer="")
    engine.dispose()


@pytest.fixture(scope="module")
def answer_wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("microphone") / "answer.wav"
    # 48 kHz, as a real microphone gives: the browser brings it to 16 kHz itself.
    return spoken_wav(ANSWER, path, rate=48_000, lead_silence_s=LEAD_SILENCE_S, tail_silence_s=6)


@pytest.fixture(scope="module")
def speaking_browser(browser: Browser, answer_wav: Path) -> Iterator[Browser]:
    """Headless Chromium whose microphone says the answer (from the shared Playwright)."""
    args = [
        *CHROMIUM_ARGS,
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={answer_wav}",
    ]
    with_microphone = browser.browser_type.launch(executable_path=CHROMIUM_PATH, args=args)
    yield with_microphone
    with_microphone.close()


@pytest.fixture
def speaking_page(speaking_browser: Browser) -> Iterator[Page]:
    context = speaking_browser.new_context(permissions=["microphone"])
    context.set_default_timeout(20_000)
    page = context.new_page()
    yield page
    context.close()


def _start_practice(page: Page, app: RunningApp) -> None:
    sign_up(page, app)
    page.goto(app.url("/app/job-infos/new"))
    page.get_by_test_id("job-info-name").wait_for()
    fill_job_info(
        page,
        name="Platform role",
        title="Platform Engineer",
        level="mid-level",
        description="We run our services on Linux servers and care about cost.",
    )
    page.get_by_test_id("job-info-submit").click()
    expect(page.get_by_test_id("job-info-heading")).to_be_visible(timeout=SERVER_WAIT_MS)
    job_id = page.url.rstrip("/").rsplit("/", 1)[-1]
    page.goto(app.url(f"/app/job-infos/{job_id}/interviews/new"))
    page.get_by_test_id("start-practice").click()
    expect(page.get_by_test_id("practice-question")).to_be_visible(timeout=SERVER_WAIT_MS)


def test_an_answer_spoken_into_the_microphone_is_recognised_and_paced(
    speaking_page: Page, speech_app: RunningApp
) -> None:
    page = speaking_page
    _start_practice(page, speech_app)
    page.get_by_test_id("practice-voice").click()
    expect(page.get_by_test_id("practice-stop-voice")).to_be_visible()
    # The fake microphone plays the file in real time: let the candidate finish speaking.
    page.wait_for_timeout((LEAD_SILENCE_S + SPEAKING_S) * 1000)
    page.get_by_test_id("practice-stop-voice").click()
    expect(page.get_by_test_id("practice-transcribing")).to_be_visible()
    box = page.get_by_test_id("practice-answer")
    expect(box).not_to_have_value("", timeout=SERVER_WAIT_MS)
    expect(page.get_by_test_id("practice-transcribing")).to_have_count(0)
    recognised = box.input_value()
    assert word_error_rate(ANSWER, recognised) <= 0.25, recognised

    page.get_by_test_id("practice-submit-answer").click()
    expect(page.get_by_test_id("practice-progress")).to_contain_text(
        "Question 2 of", timeout=SERVER_WAIT_MS
    )
    page.get_by_test_id("practice-finish").click()
    expect(page).to_have_url(INTERVIEW_URL, timeout=SERVER_WAIT_MS)
    match = INTERVIEW_URL.search(page.url)
    assert match is not None
    interview_id = uuid.UUID(match.group(2))
    wpm = page.get_by_test_id("answer-wpm").first
    expect(wpm).to_have_text(re.compile(r"^\d+$"), timeout=SERVER_WAIT_MS)
    # espeak-ng speaks at 150 words a minute; the pace is measured from the first word's
    # start to the last word's end, so the silence around the answer does not count.
    assert 110 <= int(wpm.inner_text()) <= 200
    expect(page.get_by_test_id("delivery-metrics")).to_contain_text(re.compile(r"\d+ words/min"))
    # One breath of an answer: no pause over a second between its words.
    expect(page.get_by_test_id("answer-pauses").first).to_have_text("0")
    expect(page.get_by_test_id("answer-first-word").first).to_have_text(re.compile(r"^\d+\.\d s$"))
    expect(page.get_by_test_id("answer-metrics").first).to_contain_text("spoken (word timings)")

    # The operator keeps audio: the answer's card plays it back, to its owner.
    page.get_by_test_id("generate-feedback").click()
    player = page.get_by_test_id("answer-review").first.get_by_test_id("answer-audio")
    expect(player).to_have_count(1, timeout=SERVER_WAIT_MS)
    source = player.get_attribute("src")
    assert source is not None
    played = page.request.get(speech_app.url(source))
    assert played.status == 200 and played.headers["content-type"] == "audio/wav"
    assert played.body()[:4] == b"RIFF"

    with speech_app.session() as session:
        answer = session.exec(
            select(TranscriptMessage)
            .where(
                TranscriptMessage.interview_id == interview_id,
                TranscriptMessage.speaker == "interviewee",
            )
            .order_by(col(TranscriptMessage.position))
        ).first()
        turn = session.exec(
            select(PracticeTurn).where(
                PracticeTurn.interview_id == interview_id, col(PracticeTurn.answer).is_not(None)
            )
        ).one()
        recording = session.get(AnswerRecording, turn.recording_id)
    assert answer is not None and answer.spoken and answer.text == recognised
    assert turn.question_end_ms is not None and answer.start_ms >= turn.question_end_ms
    # The spoken answer lasts as long as espeak-ng spoke, not as long as the recording.
    assert answer.end_ms is not None
    assert 5_000 <= answer.end_ms - answer.start_ms <= 9_000
    assert recording is not None and recording.audio is not None
    assert answer.words is not None and len(words_from_json(answer.words)) >= 15
    delivery = spoken_delivery(words_from_json(turn.answer_words))
    assert delivery.words >= 15 and delivery.first_word_ms is not None
    assert 500 <= delivery.first_word_ms <= 2_500


def test_without_speech_recognition_the_practice_says_answers_are_typed(
    speaking_page: Page, speech_app: RunningApp
) -> None:
    page = speaking_page
    message = "Answers are typed on this installation: it cannot recognise speech."
    # The server's answer when its model is missing (tests/integration/test_speech.py).
    page.route(
        "**/api/speech",
        lambda route: route.fulfill(
            json={"available": False, "max_seconds": 300, "message": message}
        ),
    )
    _start_practice(page, speech_app)
    expect(page.get_by_test_id("practice-typed-only")).to_have_text(message)
    expect(page.get_by_test_id("practice-voice")).to_have_count(0)
    page.get_by_test_id("practice-answer").fill("I moved our servers to a cheaper plan.")
    expect(page.get_by_test_id("practice-submit-answer")).to_be_enabled()
