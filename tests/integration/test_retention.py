"""Interviews past the operator's retention period are deleted by the sweep, with what they hold."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from interview_app.config import get_settings
from interview_app.models import Interview, JobInfo, TranscriptMessage, utcnow
from interview_app.services.work.retention import (
    delete_all_expired_interviews,
    delete_expired_interviews,
)
from tests.support_feedback import add_finished_interview, add_user


def _aged(session: Session, interview: Interview, days: int) -> None:
    interview.created_at = utcnow() - timedelta(days=days)
    session.add(interview)
    session.commit()


def _counts(engine: Engine) -> tuple[int, int, int]:
    with Session(engine) as fresh:
        return (
            fresh.exec(select(func.count()).select_from(Interview)).one(),
            fresh.exec(select(func.count()).select_from(TranscriptMessage)).one(),
            fresh.exec(select(func.count()).select_from(JobInfo)).one(),
        )


def test_interviews_past_the_retention_period_go_with_their_transcripts(
    engine: Engine, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = add_user(session, "ada@example.com")
    old = add_finished_interview(session, user.id)
    recent = add_finished_interview(session, user.id)
    _aged(session, old, days=45)
    _aged(session, recent, days=10)
    messages_each = _counts(engine)[1] // 2

    assert delete_expired_interviews(session=session) == 0  # no period set: all kept
    monkeypatch.setenv("INTERVIEW_RETENTION_DAYS", "30")
    get_settings.cache_clear()
    assert delete_all_expired_interviews() == 1

    assert _counts(engine) == (1, messages_each, 2)  # the job infos stay
    with Session(engine) as fresh:
        assert fresh.get(Interview, recent.id) is not None
        assert fresh.get(Interview, old.id) is None
