"""The practice interview's call screen (browser speech synthesis and recognition)."""

from __future__ import annotations

import reflex as rx
from reflex.event import passthrough_event_spec

from interview_app.state.practice import PracticeState


class PracticeSession(rx.Component):
    """`assets/practice.jsx`: asks, listens, times, and reports the transcript at the end."""

    library = "$/public/practice.jsx"
    tag = "PracticeSession"

    questions: rx.Var[list[str]]
    finishing: rx.Var[bool]
    refusals: rx.Var[int]
    on_finish: rx.EventHandler[passthrough_event_spec(dict)]


def practice_screen() -> rx.Component:
    """The practice interview for the interview just started on this page."""
    return PracticeSession.create(
        questions=PracticeState.practice_questions,
        finishing=PracticeState.finishing,
        refusals=PracticeState.refusals,
        on_finish=PracticeState.finish,
    )
