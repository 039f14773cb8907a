"""Events the app cannot dispatch are logged without the session cookie or a password.

A real app process, a real event socket carrying the session cookie in its handshake, and
three malformed events of the kind a tab left open across a deploy sends.
"""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import pytest

from interview_app.db import make_engine, migrate
from interview_app.log_redaction import REDACTED
from tests.integration.test_several_instances import _run, _session_cookie
from tests.reflex_socket import NAMESPACE, SESSION_STATE, ReflexSocket
from tests.support import start_app

pytestmark = pytest.mark.server

PASSWORD = "hunter2-correct-horse-battery"
SIGN_IN = "/sign-in"
AUTH_STATE = f"{SESSION_STATE}.interview_app___state___auth____auth_form_state"


def signed_in_app_database(folder: Path) -> tuple[str, str]:
    """A migrated SQLite database in `folder` with one user; its URL and a session token."""
    database_url = f"sqlite:///{folder / 'app.db'}"
    engine = make_engine(database_url)
    migrate(engine)
    engine.dispose()
    _email, cookie = _session_cookie(database_url)
    return database_url, cookie


def _wait_for(log_path: Path, count: int, needle: str, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    while True:
        text = log_path.read_text(errors="replace")
        if text.count(needle) >= count or time.monotonic() > deadline:
            return text
        time.sleep(0.25)


def test_malformed_events_are_logged_without_cookie_or_password(tmp_path: Path) -> None:
    database_url, cookie = signed_in_app_database(tmp_path)
    log_path = tmp_path / "server.log"

    async def misbehave(base_url: str) -> None:
        socket = ReflexSocket(base_url, cookie)
        await socket.open(SIGN_IN)
        form = {"form_data": {"email": "ada@example.com", "password": PASSWORD}}
        # A handler this build does not have (the tab predates a deploy).
        await socket.send(f"{AUTH_STATE}.sign_in_with_old_name", form, SIGN_IN)
        # A handler that exists, with arguments of the wrong shape.
        await socket.send(f"{AUTH_STATE}.sign_in", {"password": [PASSWORD]}, SIGN_IN)
        # Event data that is a string rather than an object.
        raw = json.dumps({"name": f"{AUTH_STATE}.sign_in", "payload": form})
        await socket._connection.send(f"42{NAMESPACE},{json.dumps(['event', raw])}")
        await asyncio.sleep(1)
        await socket.close()

    with start_app(database_url, log_path=log_path) as app:
        _run(misbehave(app.base_url))
        text = _wait_for(log_path, 3, REDACTED)

    assert "sign_in_with_old_name" in text  # the failures were logged
    assert cookie not in text
    assert PASSWORD not in text
    assert REDACTED in text
