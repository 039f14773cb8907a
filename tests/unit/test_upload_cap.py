"""Reflex's upload endpoint takes no larger body than a résumé may be (issue 21)."""

from __future__ import annotations

import asyncio

import pytest

from interview_app.config import get_settings
from interview_app.web.app import CapUploadBodies

CHUNK = b"x" * 65_536


def _run(path: str, *, declared: int | None, chunks: int) -> tuple[int | None, int, bool]:
    """POST `chunks` chunks through the cap to an app that reads the whole body.

    Returns:
        The status sent, how many chunks were pulled, and whether the app saw a disconnect.
    """
    pulled = 0
    status: int | None = None
    disconnected = False

    async def receive() -> dict[str, object]:
        nonlocal pulled
        pulled += 1
        return {"type": "http.request", "body": CHUNK, "more_body": pulled < chunks}

    async def send(message: dict[str, object]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = int(message["status"])  # type: ignore[call-overload]

    async def reader(scope, receive, send) -> None:
        nonlocal disconnected
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                disconnected = True
                break
            if not message.get("more_body"):
                break
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    headers = [] if declared is None else [(b"content-length", str(declared).encode())]
    scope = {"type": "http", "method": "POST", "path": path, "headers": headers}
    asyncio.run(CapUploadBodies(reader)(scope, receive, send))
    return status, pulled, disconnected


@pytest.fixture(autouse=True)
def small_cap(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("RESUME_MAX_BYTES", "100000")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_a_declared_size_over_the_cap_is_refused_unread():
    assert _run("/_upload", declared=10_000_000, chunks=160) == (413, 0, False)


def test_a_body_that_grows_past_the_cap_is_cut_off():
    _, pulled, disconnected = _run("/_upload", declared=None, chunks=3_200)
    assert disconnected and pulled <= 4


def test_a_resume_sized_upload_and_other_routes_pass():
    assert _run("/_upload", declared=2 * 65_536, chunks=2) == (200, 2, False)
    assert _run("/auth/sign-in", declared=None, chunks=40) == (200, 40, False)
