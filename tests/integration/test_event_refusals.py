"""Events about an interview that is gone, or someone else's, end quietly: no traceback.

A real app process and its event socket, as a tab left open on an interview that another
tab deleted (or a crafted event naming another user's interview) would send them.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from pathlib import Path

import pytest

from interview_app.state.answers import AnswerReviewState
from interview_app.state.practice import PracticeState
from tests.integration.test_logs_hold_no_secrets import signed_in_app_database
from tests.integration.test_several_instances import _run
from tests.reflex_socket import FEEDBACK_STATE, ReflexSocket
from tests.support import start_app

pytestmark = pytest.mark.server


def test_following_the_feedback_of_a_missing_interview_logs_no_error(tmp_path: Path) -> None:
    database_url, cookie = signed_in_app_database(tmp_path)
    log_path = tmp_path / "server.log"
    job_info_id, interview_id = str(uuid.uuid4()), str(uuid.uuid4())
    path = f"/app/job-infos/{job_info_id}/interviews/{interview_id}"
    params = {"job_info_id": job_info_id, "interview_id": interview_id}

    async def follow(base_url: str) -> None:
        socket = ReflexSocket(base_url, cookie)
        await socket.open(path, params)
        await socket.send(f"{FEEDBACK_STATE}.follow", {}, path, params)
        await asyncio.sleep(3)  # the follower polls every 0.5 s
        await socket.close()

    with start_app(database_url, log_path=log_path) as app:
        _run(follow(app.base_url))
        time.sleep(0.5)
        text = log_path.read_text(errors="replace")

    assert "NotFoundError" not in text
    assert "Traceback" not in text


def test_crafted_coaching_and_practice_events_end_quietly(tmp_path: Path) -> None:
    database_url, cookie = signed_in_app_database(tmp_path)
    log_path = tmp_path / "server.log"
    job_info_id, interview_id = str(uuid.uuid4()), str(uuid.uuid4())
    path = f"/app/job-infos/{job_info_id}/interviews/{interview_id}"
    params = {"job_info_id": job_info_id, "interview_id": interview_id}
    answers = AnswerReviewState.get_full_name()
    practice = PracticeState.get_full_name()
    crafted = [
        (f"{answers}.load_cards", {}),
        (f"{answers}.review", {"attempt_id": str(uuid.uuid4())}),
        (f"{answers}.review", {"attempt_id": "not an id"}),
        (f"{answers}.open_retry", {"index": "0; drop table"}),
        (f"{answers}.open_retry", {"index": 0}),
        (f"{answers}.submit_attempt", {"report": {"answer": {"text": "x"}}}),
        (f"{answers}.follow_reviews", {}),
        (f"{practice}.save_answer", {"position": 10, "answer": {"text": "x"}}),
        (f"{practice}.swap_question", {"position": "10"}),
        (f"{practice}.finish", {"report": "nonsense"}),
        (f"{practice}.resume", {}),
        (f"{practice}.open_practice", {}),
    ]

    async def send_all(base_url: str) -> None:
        socket = ReflexSocket(base_url, cookie)
        await socket.open(path, params)
        for name, payload in crafted:
            await socket.send(name, payload, path, params)
        await asyncio.sleep(2)  # the review follower polls every second
        await socket.close()

    with start_app(database_url, log_path=log_path) as app:
        _run(send_all(app.base_url))
        time.sleep(0.5)
        text = log_path.read_text(errors="replace")

    assert "Traceback" not in text
    assert "failed unexpectedly" not in text
