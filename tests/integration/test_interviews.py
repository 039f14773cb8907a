"""The interview lifecycle, plans and the rate limit, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import logging
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, SQLModel, select

from interview_app.config import get_settings
from interview_app.models import Interview, JobInfo, RateLimitBucket, User
from interview_app.services.accounts.users import set_plan
from interview_app.services.errors import (
    PERMISSION_DENIED_MESSAGE,
    PLAN_LIMIT_MESSAGE,
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
    PlanLimitError,
    RateLimitError,
)
from interview_app.services.interviews.lifecycle import (
    create_interview,
    get_interview,
    list_completed_interviews,
    update_interview,
)
from interview_app.services.interviews.plans import can_create_interview, plan_usage
from interview_app.services.interviews.rate_limit import take_token
from interview_app.services.jobs.job_infos import create_job_info, delete_job_info

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def count_rows(engine: Engine, model: type[SQLModel], *where: object) -> int:
    """Count rows in a fresh session, so nothing cached in the test's session can lie."""
    with Session(engine) as fresh:
        return fresh.exec(select(func.count()).select_from(model).where(*where)).one()


def stored_tokens(engine: Engine, user_id: uuid.UUID) -> float | None:
    with Session(engine) as fresh:
        return fresh.exec(
            select(RateLimitBucket.tokens).where(RateLimitBucket.user_id == user_id)
        ).first()


def add_user(session: Session, email: str, plan: str = "free") -> User:
    # Inserted directly: password hashing is slow and beside the point here.
    user = User(email=email, name=email.split("@")[0], plan=plan)
    session.add(user)
    session.commit()
    return user


def add_job_info(session: Session, user: User, name: str = "Backend role") -> JobInfo:
    return create_job_info(
        session=session,
        user_id=user.id,
        name=name,
        title="Python Developer",
        description="Build and run APIs.",
        experience_level="senior",
    )


def add_interviews(
    session: Session, job_info: JobInfo, *, completed: int = 0, abandoned: int = 0
) -> list[Interview]:
    """Insert interviews directly, without spending rate limit tokens."""
    rows = [
        Interview(job_info_id=job_info.id, hume_chat_id=f"chat-{uuid.uuid4()}")
        for _ in range(completed)
    ]
    rows += [Interview(job_info_id=job_info.id) for _ in range(abandoned)]
    session.add_all(rows)
    session.commit()
    return rows


@pytest.fixture
def ada(session: Session) -> User:
    return add_user(session, "ada@example.com")


@pytest.fixture
def grace(session: Session) -> User:
    return add_user(session, "grace@example.com")


@pytest.fixture
def ada_job(session: Session, ada: User) -> JobInfo:
    return add_job_info(session, ada)


@pytest.fixture
def grace_job(session: Session, grace: User) -> JobInfo:
    return add_job_info(session, grace, name="Grace's job")


# --- can_create_interview -------------------------------------------------------------


@pytest.mark.parametrize(("completed", "allowed"), [(0, True), (1, True), (2, False), (3, False)])
def test_free_user_may_create_below_two_completed_interviews(
    session: Session, ada: User, ada_job: JobInfo, completed: int, allowed: bool
) -> None:
    add_interviews(session, ada_job, completed=completed)
    assert can_create_interview(session=session, user_id=ada.id) is allowed
    assert can_create_interview(session=session, user_id=str(ada.id)) is allowed


def test_abandoned_interviews_do_not_count(session: Session, ada: User, ada_job: JobInfo) -> None:
    add_interviews(session, ada_job, completed=1, abandoned=5)
    assert can_create_interview(session=session, user_id=ada.id) is True


def test_completed_interviews_count_across_job_infos(session: Session, ada: User) -> None:
    add_interviews(session, add_job_info(session, ada, "One"), completed=1)
    add_interviews(session, add_job_info(session, ada, "Two"), completed=1)
    assert can_create_interview(session=session, user_id=ada.id) is False


def test_other_users_interviews_do_not_count(
    session: Session, ada: User, grace_job: JobInfo
) -> None:
    add_interviews(session, grace_job, completed=3)
    assert can_create_interview(session=session, user_id=ada.id) is True


def test_pro_user_may_always_create(session: Session, ada: User, ada_job: JobInfo) -> None:
    set_plan(session=session, email=ada.email, plan="pro")
    add_interviews(session, ada_job, completed=5, abandoned=2)
    assert can_create_interview(session=session, user_id=ada.id) is True


@pytest.mark.parametrize("user_id", [None, "", "not-a-uuid", uuid.uuid4(), str(uuid.uuid4())])
def test_unknown_user_may_not_create(session: Session, user_id: object) -> None:
    assert can_create_interview(session=session, user_id=user_id) is False


def test_operator_configured_plans_and_allowance(
    session: Session, monkeypatch: pytest.MonkeyPatch, ada: User, ada_job: JobInfo
) -> None:
    plans = {"free": ["1_interview"], "team": ["unlimited_interview"], "none": []}
    monkeypatch.setenv("PLANS", json.dumps(plans))
    monkeypatch.setenv("FREE_INTERVIEW_ALLOWANCE", "3")
    get_settings.cache_clear()
    add_interviews(session, ada_job, completed=2)
    assert can_create_interview(session=session, user_id=ada.id) is True
    add_interviews(session, ada_job, completed=1)
    assert can_create_interview(session=session, user_id=ada.id) is False

    set_plan(session=session, email=ada.email, plan="team")
    assert can_create_interview(session=session, user_id=ada.id) is True
    set_plan(session=session, email=ada.email, plan="none")
    assert can_create_interview(session=session, user_id=ada.id) is False


def test_set_plan_changes_the_outcome_at_once(
    engine: Engine, session: Session, ada: User, ada_job: JobInfo
) -> None:
    add_interviews(session, ada_job, completed=2)
    assert can_create_interview(session=session, user_id=ada.id) is False
    with pytest.raises(PlanLimitError):
        create_interview(session=session, user_id=ada.id, job_info_id=ada_job.id)

    # The operator changes the plan from elsewhere (the CLI); the app's session may still
    # hold Ada's row from before.
    with Session(engine) as operator:
        set_plan(session=operator, email=ada.email, plan="pro")
    assert can_create_interview(session=session, user_id=ada.id) is True
    interview = create_interview(session=session, user_id=ada.id, job_info_id=ada_job.id)
    assert interview.job_info_id == ada_job.id

    with Session(engine) as operator:
        set_plan(session=operator, email=ada.email, plan="free")
    assert can_create_interview(session=session, user_id=ada.id) is False


def test_plan_usage(session: Session, ada: User, ada_job: JobInfo) -> None:
    add_interviews(session, ada_job, completed=1, abandoned=3)
    usage = plan_usage(session=session, user_id=ada.id)
    assert (usage.plan, usage.allowance, usage.completed, usage.unlimited) == ("free", 2, 1, False)
    set_plan(session=session, email=ada.email, plan="pro")
    assert plan_usage(session=session, user_id=ada.id).unlimited is True
    with pytest.raises(NotFoundError):
        plan_usage(session=session, user_id=uuid.uuid4())


# --- create_interview -----------------------------------------------------------------


def test_create_interview(engine: Engine, session: Session, ada: User, ada_job: JobInfo) -> None:
    interview = create_interview(session=session, user_id=str(ada.id), job_info_id=str(ada_job.id))

    assert interview.job_info_id == ada_job.id
    assert interview.duration == "00:00:00"
    assert interview.hume_chat_id is None
    assert interview.feedback is None
    with Session(engine) as fresh:
        stored = fresh.get(Interview, interview.id)
        assert stored is not None
        assert stored.duration == "00:00:00"
    assert stored_tokens(engine, ada.id) == pytest.approx(11, abs=0.01)


@pytest.mark.parametrize("user_id", [None, "", "garbage", uuid.uuid4()])
def test_create_interview_needs_a_signed_in_user(
    engine: Engine, session: Session, ada_job: JobInfo, user_id: object
) -> None:
    with pytest.raises(PermissionDeniedError) as raised:
        create_interview(session=session, user_id=user_id, job_info_id=ada_job.id)
    assert str(raised.value) == PERMISSION_DENIED_MESSAGE
    assert count_rows(engine, Interview) == 0
    assert count_rows(engine, RateLimitBucket) == 0


def test_over_the_plan_limit_is_refused_without_spending_a_token(
    engine: Engine, session: Session, ada: User, ada_job: JobInfo
) -> None:
    first = create_interview(session=session, user_id=ada.id, job_info_id=ada_job.id)
    second = create_interview(session=session, user_id=ada.id, job_info_id=ada_job.id)
    for number, interview in enumerate((first, second)):
        update_interview(
            session=session, user_id=ada.id, interview_id=interview.id, hume_chat_id=f"c{number}"
        )
    tokens = stored_tokens(engine, ada.id)
    assert tokens == pytest.approx(10, abs=0.01)

    with pytest.raises(PlanLimitError) as raised:
        create_interview(session=session, user_id=ada.id, job_info_id=ada_job.id)
    assert raised.value.code == "PLAN_LIMIT"
    assert str(raised.value) == PLAN_LIMIT_MESSAGE
    assert stored_tokens(engine, ada.id) == tokens
    assert count_rows(engine, Interview) == 2


def test_plan_limit_is_checked_before_ownership(
    session: Session, ada: User, ada_job: JobInfo, grace_job: JobInfo
) -> None:
    add_interviews(session, ada_job, completed=2)
    with pytest.raises(PlanLimitError):
        create_interview(session=session, user_id=ada.id, job_info_id=grace_job.id)


def test_rate_limit_after_twelve_creations(
    engine: Engine, session: Session, ada: User, ada_job: JobInfo
) -> None:
    set_plan(session=session, email=ada.email, plan="pro")
    for _ in range(12):
        create_interview(session=session, user_id=ada.id, job_info_id=ada_job.id)

    with pytest.raises(RateLimitError) as raised:
        create_interview(session=session, user_id=ada.id, job_info_id=ada_job.id)
    assert raised.value.code == "RATE_LIMIT"
    assert str(raised.value) == (
        "Woah! Slow down. You are making too many requests. Please try again later."
    )
    assert count_rows(engine, Interview) == 12


def test_rate_limit_is_checked_before_ownership(
    session: Session, ada: User, grace_job: JobInfo
) -> None:
    set_plan(session=session, email=ada.email, plan="pro")
    while take_token(session=session, user_id=ada.id):
        pass
    with pytest.raises(RateLimitError):
        create_interview(session=session, user_id=ada.id, job_info_id=grace_job.id)


@pytest.mark.parametrize("job_info_id", ["other", "missing", "garbage"])
def test_create_interview_needs_the_owner(
    engine: Engine,
    session: Session,
    ada: User,
    grace_job: JobInfo,
    job_info_id: str,
) -> None:
    target = {"other": grace_job.id, "missing": uuid.uuid4(), "garbage": "../etc"}[job_info_id]
    with pytest.raises(PermissionDeniedError) as raised:
        create_interview(session=session, user_id=ada.id, job_info_id=target)
    assert str(raised.value) == PERMISSION_DENIED_MESSAGE
    assert count_rows(engine, Interview) == 0
    # Checked after the rate limit, as the seed does: the attempt spent a token.
    assert stored_tokens(engine, ada.id) == pytest.approx(11, abs=0.01)


# --- take_token -----------------------------------------------------------------------


def test_bucket_starts_full_and_refills_over_time(
    engine: Engine, session: Session, ada: User
) -> None:
    taken = 0
    while take_token(session=session, user_id=ada.id, now=T0):
        taken += 1
    assert taken == 12
    assert take_token(session=session, user_id=ada.id, now=T0 + timedelta(hours=5)) is False
    # 4 tokens a day: a whole token is back after 6 hours.
    assert take_token(session=session, user_id=ada.id, now=T0 + timedelta(hours=6)) is True
    assert take_token(session=session, user_id=ada.id, now=T0 + timedelta(hours=6)) is False
    # A day later, 4 more; never more than 12, however long the wait.
    later = T0 + timedelta(days=1, hours=6)
    assert sum(take_token(session=session, user_id=ada.id, now=later) for _ in range(6)) == 4
    much_later = later + timedelta(days=30)
    assert sum(take_token(session=session, user_id=ada.id, now=much_later) for _ in range(20)) == 12
    assert stored_tokens(engine, ada.id) == pytest.approx(0)


def test_buckets_are_per_user(session: Session, ada: User, grace: User) -> None:
    while take_token(session=session, user_id=ada.id, now=T0):
        pass
    assert take_token(session=session, user_id=grace.id, now=T0) is True


def test_a_cached_bucket_does_not_hide_takes(engine: Engine, session: Session, ada: User) -> None:
    take_token(session=session, user_id=ada.id, now=T0)
    cached = session.get(RateLimitBucket, ada.id)
    assert cached is not None
    with Session(engine) as other:
        for _ in range(11):
            assert take_token(session=other, user_id=ada.id, now=T0)
    assert take_token(session=session, user_id=ada.id, now=T0) is False


def test_dry_run_logs_and_allows(
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    engine: Engine,
    session: Session,
    ada: User,
) -> None:
    monkeypatch.setenv("RATE_LIMIT_DRY_RUN", "true")
    get_settings.cache_clear()
    for _ in range(12):
        assert take_token(session=session, user_id=ada.id, now=T0)
    assert not [record for record in caplog.records if record.levelno >= logging.WARNING]

    with caplog.at_level(logging.WARNING, logger="interview_app.services.interviews.rate_limit"):
        assert take_token(session=session, user_id=ada.id, now=T0) is True
    assert any("would refuse" in record.getMessage() for record in caplog.records)
    assert stored_tokens(engine, ada.id) == pytest.approx(0)


def test_take_token_for_an_unknown_user(session: Session) -> None:
    with pytest.raises(PermissionDeniedError):
        take_token(session=session, user_id=uuid.uuid4())


def test_take_token_leaves_the_callers_pending_work_alone(
    engine: Engine, session: Session, ada: User
) -> None:
    session.add(User(email="pending@example.com", name="Pending", plan="free"))
    assert take_token(session=session, user_id=ada.id) is True
    assert count_rows(engine, User, User.email == "pending@example.com") == 0
    session.rollback()
    assert count_rows(engine, User, User.email == "pending@example.com") == 0
    assert stored_tokens(engine, ada.id) == pytest.approx(11, abs=0.01)


def test_take_token_after_reads_is_fine(session: Session, ada: User, ada_job: JobInfo) -> None:
    assert session.exec(select(JobInfo)).all()
    assert take_token(session=session, user_id=ada.id) is True


def test_deleting_a_user_deletes_their_bucket(engine: Engine, session: Session, ada: User) -> None:
    take_token(session=session, user_id=ada.id)
    session.delete(ada)
    session.commit()
    assert count_rows(engine, RateLimitBucket) == 0


# --- update_interview, get_interview, list_completed_interviews ----------------------


def test_owner_updates_chat_id_and_duration(
    engine: Engine, session: Session, ada: User, ada_job: JobInfo
) -> None:
    interview = create_interview(session=session, user_id=ada.id, job_info_id=ada_job.id)
    before = interview.updated_at

    updated = update_interview(
        session=session, user_id=str(ada.id), interview_id=str(interview.id), hume_chat_id="c-1"
    )
    assert updated.hume_chat_id == "c-1"
    assert updated.duration == "00:00:00"
    updated = update_interview(
        session=session, user_id=ada.id, interview_id=interview.id, duration="01:02:03"
    )
    assert (updated.hume_chat_id, updated.duration) == ("c-1", "01:02:03")
    assert updated.updated_at >= before

    with Session(engine) as fresh:
        stored = fresh.get(Interview, interview.id)
        assert stored is not None
        assert (stored.hume_chat_id, stored.duration) == ("c-1", "01:02:03")
        assert stored.updated_at > before


def test_other_user_cannot_update(
    engine: Engine, session: Session, ada: User, grace: User, ada_job: JobInfo
) -> None:
    interview = create_interview(session=session, user_id=ada.id, job_info_id=ada_job.id)
    for user_id in (grace.id, str(grace.id), None, uuid.uuid4()):
        with pytest.raises(PermissionDeniedError) as raised:
            update_interview(
                session=session,
                user_id=user_id,
                interview_id=interview.id,
                hume_chat_id="stolen",
                duration="00:10:00",
            )
        assert str(raised.value) == PERMISSION_DENIED_MESSAGE
    with Session(engine) as fresh:
        stored = fresh.get(Interview, interview.id)
        assert stored is not None
        assert (stored.hume_chat_id, stored.duration) == (None, "00:00:00")


@pytest.mark.parametrize("interview_id", [uuid.uuid4(), "not-a-uuid", None])
def test_update_of_a_missing_interview_is_refused(
    session: Session, ada: User, interview_id: object
) -> None:
    with pytest.raises(PermissionDeniedError):
        update_interview(session=session, user_id=ada.id, interview_id=interview_id, duration="1")


@pytest.mark.parametrize(
    "duration", ["1:02:03", "00:60:00", "00:00:60", "abc", "00:00:00:00", "", " 00:00:01", 42]
)
def test_duration_must_be_hh_mm_ss(
    engine: Engine, session: Session, ada: User, ada_job: JobInfo, duration: object
) -> None:
    interview = create_interview(session=session, user_id=ada.id, job_info_id=ada_job.id)
    with pytest.raises(InvalidInputError) as raised:
        update_interview(
            session=session,
            user_id=ada.id,
            interview_id=interview.id,
            hume_chat_id="c-1",
            duration=duration,  # type: ignore[arg-type]
        )
    assert "duration" in raised.value.field_errors
    with Session(engine) as fresh:
        stored = fresh.get(Interview, interview.id)
        assert stored is not None
        assert (stored.hume_chat_id, stored.duration) == (None, "00:00:00")


@pytest.mark.parametrize("hume_chat_id", ["", "   ", "x" * 256, 7])
def test_chat_id_must_be_text(
    session: Session, ada: User, ada_job: JobInfo, hume_chat_id: object
) -> None:
    interview = create_interview(session=session, user_id=ada.id, job_info_id=ada_job.id)
    with pytest.raises(InvalidInputError) as raised:
        update_interview(
            session=session,
            user_id=ada.id,
            interview_id=interview.id,
            hume_chat_id=hume_chat_id,  # type: ignore[arg-type]
        )
    assert "hume_chat_id" in raised.value.field_errors


def test_get_interview_is_owner_only(
    session: Session, ada: User, grace: User, ada_job: JobInfo
) -> None:
    interview = create_interview(session=session, user_id=ada.id, job_info_id=ada_job.id)
    assert get_interview(session=session, user_id=ada.id, interview_id=str(interview.id)).id == (
        interview.id
    )
    for user_id, interview_id in (
        (grace.id, interview.id),
        (None, interview.id),
        (ada.id, uuid.uuid4()),
        (ada.id, "garbage"),
    ):
        with pytest.raises(NotFoundError):
            get_interview(session=session, user_id=user_id, interview_id=interview_id)


def test_list_completed_interviews_newest_first(
    session: Session, ada: User, grace: User, ada_job: JobInfo
) -> None:
    other_job = add_job_info(session, ada, "Other")
    base = datetime(2026, 1, 1, tzinfo=UTC)
    rows = [
        Interview(job_info_id=ada_job.id, hume_chat_id="old", created_at=base),
        Interview(job_info_id=ada_job.id, hume_chat_id="new", created_at=base + timedelta(1)),
        Interview(job_info_id=ada_job.id, created_at=base + timedelta(2)),
        Interview(job_info_id=other_job.id, hume_chat_id="other", created_at=base),
    ]
    session.add_all(rows)
    session.commit()

    listed = list_completed_interviews(session=session, user_id=ada.id, job_info_id=ada_job.id)
    assert [row.hume_chat_id for row in listed] == ["new", "old"]
    with pytest.raises(NotFoundError):
        list_completed_interviews(session=session, user_id=grace.id, job_info_id=ada_job.id)


def test_completed_interviews_come_a_page_at_a_time(
    session: Session, ada: User, ada_job: JobInfo
) -> None:
    base = datetime(2026, 1, 1, tzinfo=UTC)
    session.add_all(
        Interview(
            job_info_id=ada_job.id, hume_chat_id=f"chat-{day}", created_at=base + timedelta(day)
        )
        for day in range(5)
    )
    session.commit()
    pages = [
        [
            row.hume_chat_id
            for row in list_completed_interviews(
                session=session, user_id=ada.id, job_info_id=ada_job.id, limit=2, offset=at
            )
        ]
        for at in (0, 2, 4)
    ]
    assert pages == [["chat-4", "chat-3"], ["chat-2", "chat-1"], ["chat-0"]]


def test_deleting_a_job_info_deletes_its_interviews(
    engine: Engine, session: Session, ada: User, ada_job: JobInfo
) -> None:
    kept_job = add_job_info(session, ada, "Kept")
    add_interviews(session, ada_job, completed=2, abandoned=1)
    add_interviews(session, kept_job, completed=1)

    delete_job_info(session=session, user_id=ada.id, job_info_id=ada_job.id)

    assert count_rows(engine, Interview, Interview.job_info_id == ada_job.id) == 0
    assert count_rows(engine, Interview, Interview.job_info_id == kept_job.id) == 1
    # The deleted interviews no longer use up the free allowance.
    assert can_create_interview(session=session, user_id=ada.id) is True
