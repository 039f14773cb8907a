"""The service API that acceptance checks import keeps its paths and keywords (SPEC §11)."""

from __future__ import annotations

import importlib
import inspect

import pytest

# (module, function, keyword arguments, whether it is a coroutine function)
SPEC_API = [
    (
        "interview_app.services.job_infos",
        "create_job_info",
        {"session", "user_id", "name", "title", "description", "experience_level"},
        False,
    ),
    (
        "interview_app.services.job_infos",
        "delete_job_info",
        {"session", "user_id", "job_info_id"},
        False,
    ),
    (
        "interview_app.services.interviews",
        "create_interview",
        {"session", "user_id", "job_info_id"},
        False,
    ),
    (
        "interview_app.services.interviews",
        "update_interview",
        {"session", "user_id", "interview_id", "hume_chat_id", "duration"},
        False,
    ),
    ("interview_app.services.permissions", "can_create_interview", {"session", "user_id"}, False),
    ("interview_app.services.hume", "fetch_access_token", set(), True),
    ("interview_app.services.hume", "fetch_chat_messages", {"chat_id"}, True),
    ("interview_app.services.transcripts", "sync_transcript", {"user_id", "interview_id"}, True),
    (
        "interview_app.services.feedback",
        "generate_interview_feedback",
        {"user_id", "interview_id"},
        True,
    ),
    ("interview_app.services.gemini_live", "mint_session_token", {"user_id", "interview_id"}, True),
]


@pytest.mark.parametrize(("module", "name", "keywords", "is_async"), SPEC_API)
def test_the_spec_service_api_keeps_its_import_path_and_keywords(
    module: str, name: str, keywords: set[str], is_async: bool
) -> None:
    function = getattr(importlib.import_module(module), name)
    parameters = inspect.signature(function).parameters
    assert keywords <= set(parameters)
    assert inspect.iscoroutinefunction(function) is is_async


def test_the_spec_errors_keep_their_names_and_codes() -> None:
    errors = importlib.import_module("interview_app.services.errors")
    for name in ("PermissionDeniedError", "RateLimitError", "NotCompletedError", "FeedbackError"):
        assert str(getattr(errors, name)())
    assert errors.PlanLimitError().code == "PLAN_LIMIT"
    assert errors.RateLimitError().code == "RATE_LIMIT"
