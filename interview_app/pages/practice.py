"""The practice interview's call screen (browser speech synthesis and recognition)."""

from __future__ import annotations

import reflex as rx
from reflex.event import passthrough_event_spec

from interview_app.state.practice import PracticeState, PracticeTurnRow


class PracticeSession(rx.Component):
    """`assets/practice.jsx`: asks, listens, times, and sends each answer as it is given."""

    library = "$/public/practice.jsx"
    tag = "PracticeSession"

    turns: rx.Var[list[PracticeTurnRow]]
    resume_at_ms: rx.Var[int]
    saving: rx.Var[bool]
    finishing: rx.Var[bool]
    refusals: rx.Var[int]
    on_answer: rx.EventHandler[passthrough_event_spec(int, dict)]
    on_swap: rx.EventHandler[passthrough_event_spec(int)]
    on_finish: rx.EventHandler[passthrough_event_spec(dict)]


def practice_screen() -> rx.Component:
    """The practice interview for the interview started (or resumed) on this page."""
    return PracticeSession.create(
        turns=PracticeState.turns,
        resume_at_ms=PracticeState.resume_at_ms,
        saving=PracticeState.saving,
        finishing=PracticeState.finishing,
        refusals=PracticeState.refusals,
        on_answer=PracticeState.save_answer,
        on_swap=PracticeState.swap_question,
        on_finish=PracticeState.finish,
        on_mount=PracticeState.open_practice,
    )
