"""A full page load gets the data of that page only, not what the tab loaded before.

A tab keeps its state on the server from page to page (its token lives in the tab's
session storage). A full page load (a reload, an address typed or opened from elsewhere)
starts with a hydrate, which sends the browser the whole state before the page's on_load
runs: after the dashboard, opening an interview sent the dashboard's job infos again, and
after a long transcript, the dashboard sent the transcript. On that hydrate,
`PageDataMiddleware` sets what each page loaded back to its defaults unless the page being
loaded is that page, so the snapshot carries the page's own data only (Reflex leaves values
at their defaults out of it).

The fields go back to what a tab that never opened their page holds, so every page already
copes with them: each page's on_load loads its data again anyway. The `loaded` flags go back
on every full load, the page's own included: the loaders of every page that reads them set
them again, and until then the page shows its spinner as in a fresh tab, not a form drawn
from what another page left (an edit form's select keeps the first value it is drawn with).
Navigation inside the app does not hydrate and is left alone, and so are the fields the call
screens and their redirects use (`InterviewState.call_interview_id`, `call_provider`,
`starting`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import TYPE_CHECKING

from reflex.middleware import Middleware
from reflex.state import BaseState, StateUpdate
from reflex_base.constants import CompileVars

from interview_app import routes
from interview_app.state.answers import AnswerReviewState
from interview_app.state.delivery import DeliveryState
from interview_app.state.feedback import FeedbackState
from interview_app.state.interviews import InterviewState
from interview_app.state.job_infos import JobInfoState
from interview_app.state.progress import ProgressState
from interview_app.state.resumes import ResumeState
from interview_app.state.transcript import TranscriptState

if TYPE_CHECKING:
    from reflex.app import App
    from reflex_base.event import Event


@dataclasses.dataclass(frozen=True)
class PageData:
    """Fields of a state that hold what some pages loaded.

    Attributes:
        state: The state class.
        fields: Its fields holding the pages' data.
        routes: The routes (`interview_app.routes`) of the pages that show them.
    """

    state: type[BaseState]
    fields: tuple[str, ...]
    routes: tuple[str, ...]

    def __post_init__(self) -> None:
        # Its own fields only: an inherited one belongs to (and is reset with) its owner.
        fields = self.state.__fields__
        unknown = [n for n in self.fields if n not in fields or fields[n]._owner is not self.state]
        if unknown:
            msg = f"{self.state.__name__} has no field {', '.join(unknown)} (state/page_data.py)"
            raise ValueError(msg)


# The bulky data of each page (lists, long texts and the rows behind them), and the flags
# every page reading them sets in its loader (no route: reset on every full load).
PAGE_DATA: tuple[PageData, ...] = (
    PageData(JobInfoState, ("loaded", "not_found"), ()),
    PageData(InterviewState, ("loaded", "not_found"), ()),
    PageData(JobInfoState, ("job_infos", "more_job_infos"), (routes.DASHBOARD,)),
    # The job's whole description: the hub and the edit form show it.
    PageData(JobInfoState, ("job_info",), (routes.JOB_INFO, routes.EDIT_JOB_INFO)),
    PageData(
        ProgressState,
        ("points", "lines", "x_labels", "x_labels_wide", "summary"),
        (routes.JOB_INFO,),
    ),
    PageData(InterviewState, ("interviews", "more_interviews"), (routes.INTERVIEWS,)),
    PageData(
        InterviewState,
        ("job_info", "interview"),
        (routes.INTERVIEWS, routes.NEW_INTERVIEW, routes.INTERVIEW),
    ),
    PageData(
        TranscriptState,
        ("messages", "message_count", "status", "error", "at_cap"),
        (routes.INTERVIEW,),
    ),
    PageData(
        DeliveryState,
        ("metric_summary", "answer_figures", "answer_count", "_all_answers"),
        (routes.INTERVIEW,),
    ),
    PageData(FeedbackState, ("markdown", "category_scores"), (routes.INTERVIEW,)),
    PageData(AnswerReviewState, ("cards",), (routes.INTERVIEW,)),
    # Every résumé's whole text; unsaved edits (`drafts`) stay, so a reload loses none.
    PageData(ResumeState, ("loaded",), ()),
    PageData(ResumeState, ("resumes",), (routes.RESUMES,)),
)

_HYDRATE_EVENTS = frozenset({CompileVars.HYDRATE, CompileVars.HYDRATE_AND_LOAD})


def _loaded_states(state: BaseState) -> Iterator[BaseState]:
    # Only the states in memory for this event: a state not loaded has nothing to send.
    yield state
    for substate in state.substates.values():
        yield from _loaded_states(substate)


def _root(state: BaseState) -> BaseState:
    while state.parent_state is not None:
        state = state.parent_state
    return state


def drop_other_pages_data(state: BaseState, route: str | None) -> list[str]:
    """Set every page's data back to its defaults unless `route` is one of its pages.

    Args:
        state: Any state of the tab's tree.
        route: The route of the page being loaded (`app.router`'s form, without the
            leading slash), or None for an address that is no page.

    Returns:
        The fields reset, as `State.field`, for tests and logs.
    """
    page = f"/{route}" if route is not None else None
    by_class: dict[type[BaseState], list[PageData]] = {}
    for data in PAGE_DATA:
        by_class.setdefault(data.state, []).append(data)
    reset: list[str] = []
    for substate in _loaded_states(_root(state)):
        for data in by_class.get(type(substate), ()):
            if page in data.routes:
                continue
            fields = type(substate).__fields__
            for name in data.fields:
                default = fields[name].default_value()
                if getattr(substate, name) != default:
                    setattr(substate, name, default)
                    reset.append(f"{type(substate).__name__}.{name}")
    return reset


class PageDataMiddleware(Middleware):
    """On a full page load, drops what other pages loaded before the state is sent."""

    async def preprocess(self, app: App, state: BaseState, event: Event) -> StateUpdate | None:
        """Reset other pages' data before a hydrate; every other event passes untouched.

        Args:
            app: The app (its router maps the address to a route).
            state: The tab's state, its router data already that of the page loaded.
            event: The event about to be processed.

        Returns:
            None, so that the event is processed as usual.
        """
        if event.name.rsplit(".", 1)[-1] not in _HYDRATE_EVENTS:
            return None
        drop_other_pages_data(state, app.router(state.router.url.path))
        return None
