"""Practice follow-ups written by an OpenAI-compatible model, in Chromium.

The app runs with `LLM_BASE_URL` on the fake chat-completions server, which runs in this
process so each test sets how it answers: the model's follow-up, and the rule-based one
when the model fails.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from interview_app.db import make_engine, migrate
from interview_app.devtools.fake_openai import FakeOpenAI, running_fake_openai
from tests.e2e.conftest import RunningApp, sign_up
from tests.e2e.test_practice import SERVER_WAIT_MS, _answer, _create_job, _start_practice
from tests.support import app_server

WE_ANSWER = (
    "We had slow pipelines, so we profiled them and we moved the heavy joins into dbt "
    "models, and our team shipped it and we were happy with how we did it in the end."
)


@pytest.fixture(scope="session")
def llm_fake() -> Iterator[tuple[FakeOpenAI, str]]:
    with running_fake_openai() as served:
        yield served


@pytest.fixture(scope="module")
def llm_app(
    tmp_path_factory: pytest.TempPathFactory,
    llm_fake: tuple[FakeOpenAI, str],
    module_app_port: int,
) -> Iterator[RunningApp]:
    """The app with a model for feedback and follow-ups: the fake's URL and a model name."""
    database_url = f"sqlite:///{tmp_path_factory.mktemp('e2e-llm') / 'app.db'}"
    engine = make_engine(database_url)
    migrate(engine)
    with app_server(
        database_url,
        extra_env={
            "LLM_BASE_URL": f"{llm_fake[1]}/v1",
            "LLM_MODEL": "e2e-model",
            "LLM_RETRY_ATTEMPTS": "2",
            "LLM_RETRY_INITIAL_DELAY_SECONDS": "0.05",
        },
        port=module_app_port,
    ) as base_url:
        yield RunningApp(base_url=base_url, engine=engine, oidc_issuer="")
    engine.dispose()


@pytest.fixture
def fake(llm_fake: tuple[FakeOpenAI, str]) -> FakeOpenAI:
    llm_fake[0].reset()
    return llm_fake[0]


def _answer_the_first_job_question(page: Page, app: RunningApp) -> None:
    sign_up(page, app)
    job_id = _create_job(page)
    _start_practice(page, app, job_id)
    _answer(page, 1, "I build data pipelines in Python.")
    _answer(page, 2, WE_ANSWER)


def test_the_model_writes_the_follow_up_while_the_answer_stays_in_the_box(
    page: Page, llm_app: RunningApp, fake: FakeOpenAI
) -> None:
    fake.configure(delay_seconds=2)
    _answer_the_first_job_question(page, llm_app)

    # While the model writes, the answer stays in the box and cannot be sent twice.
    expect(page.get_by_test_id("practice-submit-answer")).to_be_disabled()
    expect(page.get_by_test_id("practice-answer")).to_have_value(WE_ANSWER)
    expect(page.get_by_test_id("practice-follow-up")).to_be_visible(timeout=SERVER_WAIT_MS)
    expect(page.get_by_test_id("practice-question")).to_have_text(
        'You said "We had slow pipelines, so". What exactly did you do yourself, and why?'
    )
    expect(page.get_by_test_id("practice-answer")).to_have_value("")
    [request] = fake.completion_requests()
    assert request.body["response_format"]["json_schema"]["name"] == "follow_up_question"


def test_when_the_model_fails_the_rule_based_follow_up_is_asked(
    page: Page, llm_app: RunningApp, fake: FakeOpenAI
) -> None:
    fake.configure(errors=[503, 503])
    _answer_the_first_job_question(page, llm_app)

    expect(page.get_by_test_id("practice-follow-up")).to_be_visible(timeout=SERVER_WAIT_MS)
    expect(page.get_by_test_id("practice-question")).to_contain_text("your own part")
