"""Progress across a job's interviews, for the chart on the job info's hub page.

The chart's geometry is computed here, once per page load (`state.chart_geometry`), so the
browser only draws plain rows as SVG.
"""

from __future__ import annotations

import dataclasses

import reflex as rx

from interview_app.services.errors import NotFoundError
from interview_app.services.progress.job_progress import job_progress
from interview_app.state.chart_geometry import chart_rows
from interview_app.state.job_infos import JobInfoState
from interview_app.state.session import run_in_session

MIN_POINTS_FOR_CHART = 2


class ProgressState(JobInfoState):
    """Overall score and key metrics of the job's interviews with feedback, oldest first.

    The fields are `chart_geometry.ChartRows`' (strings only): one row per interview in
    `points` (its markers, tooltips and table cells), each series' line, the x labels and
    the chart's summary in words.
    """

    points: list[dict[str, str]] = []
    lines: dict[str, str] = {}
    x_labels: list[dict[str, str]] = []
    x_labels_wide: list[dict[str, str]] = []
    summary: str = ""

    @rx.var
    def show_chart(self) -> bool:
        """Whether there are enough interviews with feedback to draw a trend."""
        return len(self.points) >= MIN_POINTS_FOR_CHART

    @rx.event
    async def load_progress(self) -> rx.event.EventSpec | None:
        """Load the chart's points for the job info in the URL and lay them out."""
        self._set_chart([])
        user_id = await self._current_user_id()
        if user_id is None:
            return None
        try:
            progress = await run_in_session(
                job_progress, user_id=user_id, job_info_id=self.job_info_id
            )
        except NotFoundError:
            return None
        self._set_chart([dataclasses.asdict(point) for point in progress])
        return None

    def _set_chart(self, points: list[dict[str, object]]) -> None:
        rows = chart_rows(points)
        self.points = rows.points
        self.lines = rows.lines
        self.x_labels = rows.x_labels
        self.x_labels_wide = rows.x_labels_wide
        self.summary = rows.summary
