"""Progress across a job's interviews, for the chart on the job info's hub page."""

from __future__ import annotations

import dataclasses
import logging

import reflex as rx

from interview_app.services.errors import NotFoundError
from interview_app.services.progress.job_progress import job_progress
from interview_app.state.job_infos import JobInfoState
from interview_app.state.session import run_in_session

logger = logging.getLogger(__name__)

MIN_POINTS_FOR_CHART = 2


class ProgressState(JobInfoState):
    """Overall score and key metrics of the job's interviews with feedback, oldest first."""

    points: list[dict[str, str | float | None]] = []

    @rx.var
    def show_chart(self) -> bool:
        """Whether there are enough interviews with feedback to draw a trend."""
        return len(self.points) >= MIN_POINTS_FOR_CHART

    @rx.event
    async def load_progress(self) -> rx.event.EventSpec | None:
        """Load the chart's points for the job info in the URL."""
        self.points = []
        user_id = await self._current_user_id()
        if user_id is None:
            return None
        try:
            progress = await run_in_session(
                job_progress, user_id=user_id, job_info_id=self.job_info_id
            )
        except NotFoundError:
            return None
        self.points = [dataclasses.asdict(point) for point in progress]
        return None
