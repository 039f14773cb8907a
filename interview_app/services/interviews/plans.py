"""Plans and the features they grant (SPEC §4)."""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass

from sqlalchemy import Integer, Uuid, bindparam, func, literal_column
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from interview_app.config import get_settings
from interview_app.models import Interview, JobInfo, User
from interview_app.services.errors import NotFoundError
from interview_app.services.ids import parse_id

UNLIMITED_FEATURES = frozenset({"unlimited_interviews", "unlimited_interview"})
LIMITED_FEATURE = "1_interview"


@dataclass(frozen=True)
class PlanUsage:
    """How far a user has used their plan, for the upgrade page."""

    plan: str
    allowance: int
    completed: int
    unlimited: bool


def plan_features(plan: str | None) -> frozenset[str]:
    """Return the features the operator configured for a plan.

    Args:
        plan: A plan name, as stored on the user.

    Returns:
        The plan's features; empty for an unknown plan, so it grants nothing.
    """
    if plan is None:
        return frozenset()
    return frozenset(get_settings().plans.get(plan, ()))


def plan_allows_interview(features: frozenset[str], *, completed: int, allowance: int) -> bool:
    """The plan rule of SPEC §4, on plain values.

    Args:
        features: The features of the user's plan.
        completed: How many interviews the user completed (those with a voice chat id).
        allowance: How many completed interviews `1_interview` allows.

    Returns:
        True for an unlimited plan; for `1_interview`, True while `completed` is below
        `allowance`; False otherwise.
    """
    if features & UNLIMITED_FEATURES:
        return True
    return LIMITED_FEATURE in features and completed < allowance


def _completed_count_query(user_id: object, limit: int | None) -> Select:
    completed = (
        # A column the index holds, so that the count never reads a row.
        select(Interview.job_info_id)
        .join(JobInfo, col(Interview.job_info_id) == col(JobInfo.id))
        .where(
            JobInfo.user_id == user_id,
            # The predicate of ix_interviews_counted_job_info_id (migration 0012), word for
            # word, so that PostgreSQL counts from that small index alone.
            col(Interview.hume_chat_id).is_not(None),
            # Keyless practices and unfinished ones spend nothing (finish_practice).
            col(Interview.plan_counted),
        )
    )
    if limit is not None:
        # A literal, not a parameter: PostgreSQL plans a prepared statement with an unknown
        # LIMIT as if it fetched many rows, about 3x slower than with the number in the SQL.
        completed = completed.limit(literal_column(str(int(limit)), Integer))
    return select(func.count()).select_from(completed.subquery())


@functools.cache
def _plan_check_statement(allowance: int) -> Select:
    # Built once per allowance, with the user as a parameter: each check reuses the
    # compiled SQL (and PostgreSQL its prepared plan) instead of building it again.
    user_id = bindparam("plan_user_id", type_=Uuid())
    return select(User.plan, _completed_count_query(user_id, allowance).scalar_subquery()).where(
        User.id == user_id
    )


def count_completed_interviews(
    *, session: Session, user_id: uuid.UUID | str, limit: int | None = None
) -> int:
    """Count a user's completed interviews (those with a voice chat id).

    Args:
        session: Open database session.
        user_id: The user.
        limit: Stop counting at this many; the plan check needs no more than its allowance.

    Returns:
        The count, at most `limit` when one is given.
    """
    return session.exec(_completed_count_query(parse_id(user_id), limit)).one()


def _user_plan(session: Session, user_id: uuid.UUID | str | None) -> str | None:
    try:
        user_uuid = parse_id(user_id)
    except NotFoundError:
        return None
    # A column query, not session.get: a User cached in this session could hold a plan
    # that an operator has changed since.
    return session.exec(select(User.plan).where(User.id == user_uuid)).first()


def can_create_interview(*, session: Session, user_id: uuid.UUID | str | None) -> bool:
    """Tell whether the user's plan lets them start another interview.

    `unlimited_interviews` (or `unlimited_interview`) always may; `1_interview` may while
    the user has fewer completed interviews than the free allowance, so abandoned sessions
    do not use it up; any other plan may not.

    Args:
        session: Open database session.
        user_id: The acting user.

    Returns:
        True when the plan allows it; False for an unknown user.
    """
    try:
        user_uuid = parse_id(user_id)
    except NotFoundError:
        return False
    allowance = get_settings().free_interview_allowance
    # One round trip: the plan, and the completed interviews counted up to the allowance
    # (an unlimited plan ignores the count; LIMIT keeps it cheap however many there are).
    # On the session's connection, past the ORM: the row is two plain values.
    row = (
        session.connection()
        .execute(_plan_check_statement(allowance), {"plan_user_id": user_uuid})
        .first()
    )
    if row is None:
        return False
    plan, completed = row
    return plan_allows_interview(plan_features(plan), completed=completed, allowance=allowance)


def plan_usage(*, session: Session, user_id: uuid.UUID | str) -> PlanUsage:
    """Describe the user's plan and how much of it they used.

    Args:
        session: Open database session.
        user_id: The acting user.

    Returns:
        The plan's name, the free allowance, the completed interviews, and whether the
        plan is unlimited.

    Raises:
        NotFoundError: No such user.
    """
    plan = _user_plan(session, user_id)
    if plan is None:
        raise NotFoundError()
    return PlanUsage(
        plan=plan,
        allowance=get_settings().free_interview_allowance,
        completed=count_completed_interviews(session=session, user_id=user_id),
        unlimited=bool(plan_features(plan) & UNLIMITED_FEATURES),
    )
