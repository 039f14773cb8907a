"""Routes that read a body look at the session and the declared size first, then stop at a cap.

Driven at the ASGI level, so the test counts how much of the body the app actually pulled:
a huge body must cost a refusal, not a worker's memory.
"""

from __future__ import annotations

from sqlmodel import Session

from interview_app.config import get_settings
from interview_app.services.accounts.sessions import start_session
from interview_app.services.accounts.users import create_local_user
from interview_app.web import build_http_app

CHUNK = b"x" * 65_536
CHUNKS = 3_200  # 200 MiB, were it all read


async def post_streamed(
    path: str, *, headers: dict[str, str], chunks: int = CHUNKS
) -> tuple[int | None, int]:
    """POST a body of `chunks` 64 KiB chunks; return the status and how many were read."""
    pulled = 0

    async def receive() -> dict[str, object]:
        nonlocal pulled
        if pulled < chunks:
            pulled += 1
            return {"type": "http.request", "body": CHUNK, "more_body": pulled < chunks}
        return {"type": "http.disconnect"}

    status: int | None = None

    async def send(message: dict[str, object]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = int(message["status"])  # type: ignore[call-overload]

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"testserver"),
            (b"origin", b"http://testserver"),
            *((name.lower().encode(), value.encode()) for name, value in headers.items()),
        ],
        "client": ("198.51.100.7", 50_000),
        "server": ("testserver", 80),
    }
    await build_http_app()(scope, receive, send)  # type: ignore[arg-type]
    return status, pulled


def _signed_in_cookie(session: Session) -> str:
    user = create_local_user(
        session=session, email="ada@example.com", password="correct horse battery", name="Ada"
    )
    token = start_session(session=session, user_id=user.id, next_path="/app").token
    return f"{get_settings().session_cookie_name}={token}"


async def test_a_signed_out_live_session_request_is_refused_before_its_body_is_read(
    session: Session,
) -> None:
    status, pulled = await post_streamed(
        "/api/gemini-live/session", headers={"content-type": "application/json"}
    )
    assert (status, pulled) == (401, 0)


async def test_a_live_session_request_declaring_a_huge_body_is_refused_unread(
    session: Session,
) -> None:
    headers = {"cookie": _signed_in_cookie(session), "content-length": str(200 * 2**20)}
    status, pulled = await post_streamed("/api/gemini-live/session", headers=headers)
    assert (status, pulled) == (413, 0)


async def test_a_streamed_live_session_body_stops_at_the_cap(session: Session) -> None:
    headers = {"cookie": _signed_in_cookie(session), "content-type": "application/json"}
    status, pulled = await post_streamed("/api/gemini-live/session", headers=headers)
    assert status == 413
    assert pulled == 1  # the first 64 KiB chunk is already over the 4 KiB cap


async def test_sign_in_and_sign_up_forms_stop_at_their_cap(session: Session) -> None:
    form = {"content-type": "application/x-www-form-urlencoded"}
    for path in ("/auth/sign-in", "/auth/sign-up"):
        status, pulled = await post_streamed(path, headers=form)
        assert status == 413
        assert pulled == 1
        declared = {**form, "content-length": str(2**30)}
        assert await post_streamed(path, headers=declared) == (413, 0)
