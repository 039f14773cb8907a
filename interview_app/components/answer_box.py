"""The answer box of `assets/practice.jsx`: asks, records, times, and sends answers."""

from __future__ import annotations

import reflex as rx
from reflex.event import passthrough_event_spec

from interview_app.state.practice import PracticeTurnRow


class PracticeSession(rx.Component):
    """Shows the first unanswered question of `turns` and takes its answer.

    A whole practice sends each answer with `on_answer` and ends with `on_finish`; with
    `single` (a retry of one question) the one answer goes to `on_finish`.
    """

    library = "$/public/practice.jsx"
    tag = "PracticeSession"

    single: rx.Var[bool]
    # The interview a spoken answer's recording is sent for (SPEC §6).
    interview_id: rx.Var[str]
    turns: rx.Var[list[PracticeTurnRow]]
    resume_at_ms: rx.Var[int]
    saving: rx.Var[bool]
    finishing: rx.Var[bool]
    refusals: rx.Var[int]
    # The questions' language (BCP 47): the voice that reads them, and their `lang`.
    language: rx.Var[str]
    on_answer: rx.EventHandler[passthrough_event_spec(int, dict)]
    on_swap: rx.EventHandler[passthrough_event_spec(int)]
    on_finish: rx.EventHandler[passthrough_event_spec(dict)]
