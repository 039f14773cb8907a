from __future__ import annotations

import pytest

from interview_app.services.accounts.sessions import DEFAULT_AFTER_SIGN_IN, safe_next_path


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/app",
        "/app/job-infos/new",
        "/app/job-infos/3f1e2d4c-0000-4000-8000-000000000000/interviews",
        "/app?tab=interviews",
        "/app/upgrade?plan=pro&from=%2Fapp#top",
        "/app?next=https://evil.com",
    ],
)
def test_local_paths_are_kept(path: str) -> None:
    assert safe_next_path(path) == path


@pytest.mark.parametrize(
    "raw",
    [
        "//evil.com",
        "//evil.com/app",
        "///evil.com",
        "https://evil.com",
        "http://evil.com/app",
        "HTTPS://evil.com",
        "/\\evil.com",
        "\\\\evil.com",
        "/\\/evil.com",
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "evil.com",
        "app",
        "",
        " /app",
        "/\t/evil.com",
        "/\n/evil.com",
        "/app\r\nSet-Cookie: x=1",
        "/app\x00",
    ],
)
def test_unsafe_targets_fall_back_to_the_default(raw: str) -> None:
    assert safe_next_path(raw) == DEFAULT_AFTER_SIGN_IN


@pytest.mark.parametrize("raw", [None, 0, 1, ["/app"], {"next": "/app"}, b"/app", object()])
def test_non_strings_fall_back_to_the_default(raw: object) -> None:
    assert safe_next_path(raw) == DEFAULT_AFTER_SIGN_IN


def test_overlong_path_falls_back_but_the_limit_itself_is_kept() -> None:
    at_limit = "/" + "a" * 1999
    assert safe_next_path(at_limit) == at_limit
    assert safe_next_path(at_limit + "a") == DEFAULT_AFTER_SIGN_IN


def test_custom_default_is_used_when_refusing() -> None:
    assert safe_next_path("//evil.com", default="/sign-in") == "/sign-in"
    assert safe_next_path("/app/upgrade", default="/sign-in") == "/app/upgrade"


def test_default_after_sign_in_is_the_app() -> None:
    assert DEFAULT_AFTER_SIGN_IN == "/app"
