"""The practice interview's call screen: questions read aloud, answers typed or spoken."""

from __future__ import annotations

import reflex as rx

from interview_app.components.answer_box import PracticeSession
from interview_app.state.practice import PracticeState


def practice_screen() -> rx.Component:
    """The practice interview for the interview started (or resumed) on this page."""
    return PracticeSession.create(
        interview_id=PracticeState.call_interview_id,
        turns=PracticeState.turns,
        resume_at_ms=PracticeState.resume_at_ms,
        saving=PracticeState.saving,
        finishing=PracticeState.finishing,
        refusals=PracticeState.refusals,
        language=PracticeState.language,
        on_answer=PracticeState.save_answer,
        on_swap=PracticeState.swap_question,
        on_finish=PracticeState.finish,
        on_mount=PracticeState.open_practice,
    )
