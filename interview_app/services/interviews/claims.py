"""Claims on background work of an interview: one lease helper for every kind (SPEC §7).

Feedback generations and transcript syncs run outside the request that asked for them and
may outlive (or lose) the worker running them. Each kind claims its work on the interview
row with ONE conditional `UPDATE` (who claims first wins, across workers and instances),
holds it as a lease that goes stale after a while (its worker died), and counts its
claims so that work which keeps failing ends instead of looping. `Lease` holds what the
kinds share; each kind says which columns it uses and when its claims go stale.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, update
from sqlmodel import Session, col

from interview_app.config import Settings
from interview_app.db import open_session
from interview_app.models import Interview
from interview_app.services.interviews.lifecycle import interviews_and_owners


@dataclass(frozen=True, slots=True)
class Lease:
    """One kind of background work claimed on the interview row.

    Attributes:
        claimed_at: The column holding when the work was claimed (None: unclaimed).
        attempts: The column counting the claims of the work.
        stale_after: How long a claim lives before it counts as abandoned.
    """

    claimed_at: Any
    attempts: Any
    stale_after: Callable[[Settings], timedelta]

    def stale_before(self, settings: Settings, now: datetime) -> datetime:
        """Return the time before which a claim is stale.

        Args:
            settings: The settings.
            now: The current time.

        Returns:
            `now` less the lease's lifetime.
        """
        return now - self.stale_after(settings)

    def unclaimed(self, settings: Settings, now: datetime) -> ColumnElement[bool]:
        """Return the condition that nobody holds a live claim.

        Args:
            settings: The settings.
            now: The current time.

        Returns:
            True for rows never claimed, handed back, or claimed longer ago than the lease.
        """
        return or_(
            col(self.claimed_at).is_(None),
            col(self.claimed_at) < self.stale_before(settings, now),
        )

    def resumable(self, settings: Settings, now: datetime) -> ColumnElement[bool]:
        """Return the condition that abandoned work may be claimed again by a sweep.

        Args:
            settings: The settings (`RESUME_MAX_ATTEMPTS`).
            now: The current time.

        Returns:
            Unclaimed, with claims left.
        """
        return and_(
            self.unclaimed(settings, now),
            col(self.attempts) < settings.resume_max_attempts,
        )

    def claim(
        self,
        *,
        session: Session,
        interview_id: uuid.UUID,
        condition: ColumnElement[bool],
        now: datetime,
        resume: bool,
        **values: object,
    ) -> bool:
        """Claim the work of one interview when `condition` holds, in one statement.

        The database serialises concurrent claims on the row; only a claim that finds the
        condition true changes it. A resumption adds one to the count of claims, while a
        person's click starts a fresh count.

        Args:
            session: Open database session; committed here.
            interview_id: The interview, already checked for ownership.
            condition: When the claim may be taken.
            now: The claim's time (the fence of whoever wins).
            resume: Whether a sweep (not a person) claims.
            **values: Other columns to set with the claim.

        Returns:
            Whether this caller won the claim.
        """
        attempts = col(self.attempts) + 1 if resume else 1
        result = session.exec(  # type: ignore[call-overload]
            update(Interview)
            .where(col(Interview.id) == interview_id, condition)
            .values({self.claimed_at.key: now, self.attempts.key: attempts, **values})
        )
        session.commit()
        return result.rowcount == 1


def abandoned_interviews(
    condition: ColumnElement[bool], *, limit: int
) -> list[tuple[uuid.UUID, uuid.UUID]]:
    """Return interviews whose work a sweep should resume, with their owners.

    Args:
        condition: Which interviews' work is abandoned.
        limit: At most this many.

    Returns:
        (interview id, user id) pairs.
    """
    with open_session() as session:
        return interviews_and_owners(session=session, condition=condition, limit=limit)


async def resume_each(
    condition: Callable[[], ColumnElement[bool]],
    resume: Callable[[uuid.UUID, uuid.UUID], Awaitable[bool]],
    *,
    limit: int,
) -> int:
    """Find abandoned work and resume each piece concurrently, as its owner would.

    Args:
        condition: Builds the condition of abandoned work (at the time of the sweep).
        resume: Resumes one piece, given (user id, interview id); True when it ran.
        limit: At most this many pieces.

    Returns:
        How many pieces ran.
    """
    abandoned = await asyncio.to_thread(abandoned_interviews, condition(), limit=limit)
    resumed = await asyncio.gather(
        *(resume(user_id, interview_id) for interview_id, user_id in abandoned)
    )
    return sum(resumed)
