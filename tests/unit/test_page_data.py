"""A full page load drops what other pages loaded, and keeps the page's own (issue 22)."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest
from reflex.state import BaseState, State

from interview_app.state.interviews import InterviewRow, InterviewState
from interview_app.state.job_infos import JobInfoRow, JobInfoState
from interview_app.state.page_data import PageData, PageDataMiddleware, drop_other_pages_data
from interview_app.state.resumes import ResumeRow, ResumeState
from interview_app.state.transcript import TranscriptState

INTERVIEW_ROUTE = "app/job-infos/[job_info_id]/interviews/[interview_id]"


def _tab() -> State:
    """A tab that opened the dashboard, then an interview (and is in the middle of a call)."""
    root = State(_reflex_internal_init=True)
    jobs = _substate(root, JobInfoState)
    jobs.job_infos = [JobInfoRow(id=str(n), name=f"Job {n}") for n in range(3)]
    jobs.more_job_infos = True
    jobs.loaded = True
    transcript = _substate(root, TranscriptState)
    transcript.messages = [("interviewer", "0:00", "Hello", [])]
    transcript.message_count = 1
    interviews = _substate(root, InterviewState)
    interviews.interview = InterviewRow(id="i-1")
    interviews.call_interview_id = "i-2"
    interviews.call_provider = "gemini"
    return root


def _substate(root: BaseState, cls: type[BaseState]) -> BaseState:
    pending = [root]
    while pending:
        state = pending.pop()
        if type(state) is cls:
            return state
        pending.extend(state.substates.values())
    raise AssertionError(f"{cls.__name__} is not in the tree")


def test_loading_an_interview_drops_the_dashboards_list_and_keeps_the_interview() -> None:
    root = _tab()
    reset = drop_other_pages_data(root, INTERVIEW_ROUTE)
    assert "JobInfoState.job_infos" in reset
    jobs = _substate(root, JobInfoState)
    assert (jobs.job_infos, jobs.more_job_infos) == ([], False)
    assert _substate(root, TranscriptState).message_count == 1
    assert _substate(root, InterviewState).interview.id == "i-1"


def test_loading_the_dashboard_drops_the_transcript_and_keeps_the_call_and_its_list() -> None:
    root = _tab()
    drop_other_pages_data(root, "app")
    transcript = _substate(root, TranscriptState)
    assert (transcript.messages, transcript.message_count) == ([], 0)
    interviews = _substate(root, InterviewState)
    assert interviews.interview.id == ""
    # What the call screens and their redirects use is never touched.
    assert (interviews.call_interview_id, interviews.call_provider) == ("i-2", "gemini")
    assert len(_substate(root, JobInfoState).job_infos) == 3


def test_an_address_that_is_no_page_drops_every_pages_data() -> None:
    root = _tab()
    drop_other_pages_data(root, None)
    assert _substate(root, JobInfoState).job_infos == []
    assert _substate(root, TranscriptState).messages == []


def test_a_loaded_flag_starts_over_on_every_full_load_its_own_pages_included() -> None:
    root = _tab()
    drop_other_pages_data(root, "app")
    jobs = _substate(root, JobInfoState)
    # The dashboard's loader sets it again; until then the page shows its spinner.
    assert jobs.loaded is False
    assert len(jobs.job_infos) == 3


def test_only_a_hydrate_resets_anything() -> None:
    root = _tab()
    app = SimpleNamespace(router=lambda _path: INTERVIEW_ROUTE)
    middleware = PageDataMiddleware()
    other = SimpleNamespace(name=f"{JobInfoState.get_full_name()}.load_dashboard")
    assert asyncio.run(middleware.preprocess(app, root, other)) is None  # type: ignore[arg-type]
    assert len(_substate(root, JobInfoState).job_infos) == 3
    hydrate = SimpleNamespace(name=f"{State.get_full_name()}.hydrate_and_load")
    assert asyncio.run(middleware.preprocess(app, root, hydrate)) is None  # type: ignore[arg-type]
    assert _substate(root, JobInfoState).job_infos == []


def test_a_field_that_is_not_the_states_own_is_refused() -> None:
    with pytest.raises(ValueError, match="no field"):
        PageData(TranscriptState, ("job_info",), ("/app",))
    with pytest.raises(ValueError, match="no field"):
        PageData(JobInfoState, ("no_such_field",), ("/app",))


def test_leaving_the_resumes_page_drops_their_texts_but_keeps_unsaved_edits() -> None:
    root = _tab()
    resumes = _substate(root, ResumeState)
    resumes.resumes = [ResumeRow(id="r-1", name="CV", text="Jordan Ellis ... " * 200)]
    resumes.drafts = {"r-1": {"text": "Not saved yet"}}
    resumes.loaded = True
    drop_other_pages_data(root, "app")
    assert (resumes.resumes, resumes.loaded) == ([], False)
    assert resumes.drafts == {"r-1": {"text": "Not saved yet"}}

    resumes.resumes = [ResumeRow(id="r-1", name="CV", text="Jordan Ellis")]
    drop_other_pages_data(root, "app/resumes")
    assert [row.id for row in resumes.resumes] == ["r-1"]
