"""The new-interview page: the job's summary, the ways to start, then the call itself.

A module of its own, since Reflex bundles the components of every page of one Python module
together: here the call screens (Hume's and Gemini Live's clients, the practice screen) load
with this page only, not with a finished interview's page (`pages/interviews.py`).
"""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx

from interview_app import routes
from interview_app.components.layout import clamped_text, page_frame
from interview_app.pages.gemini_call import gemini_call_screen
from interview_app.pages.hume_call import hume_call_screen
from interview_app.pages.interviews import job_crumbs, when_job_loaded
from interview_app.pages.practice import practice_screen
from interview_app.state.interviews import InterviewState
from interview_app.state.job_infos import JobInfoRow
from interview_app.state.practice import PracticeState

# Provider -> its call screen, for the providers in state's `IN_PAGE_CALL_PROVIDERS`.
_CALL_SCREENS: dict[str, Callable[[], rx.Component]] = {
    "hume": hume_call_screen,
    "gemini": gemini_call_screen,
    "practice": practice_screen,
}


def call_screen() -> rx.Component:
    """The call of the interview just started, by its provider."""
    cases = [(provider, screen()) for provider, screen in _CALL_SCREENS.items()]
    return rx.match(InterviewState.call_provider, *cases, rx.fragment()) if cases else rx.fragment()


def new_interview_page() -> rx.Component:
    """The job's summary and the button that starts an interview; then the call itself."""
    job = InterviewState.job_info
    return page_frame(
        when_job_loaded(
            rx.cond(InterviewState.call_interview_id != "", call_screen(), _start_panel(job)),
            "This job info does not exist.",
        )
    )


def _start_panel(job: JobInfoRow) -> rx.Component:
    return rx.vstack(
        job_crumbs(
            ("Interviews", routes.interviews_url(job.id)),
            ("New interview", None),
        ),
        rx.heading("New interview", size="6"),
        rx.card(
            rx.vstack(
                rx.hstack(
                    rx.heading(job.name, size="4"),
                    rx.badge(job.experience_label),
                    align="center",
                ),
                rx.cond(job.title != "", rx.text(job.title, color_scheme="gray")),
                clamped_text(job.description, 6),
                spacing="2",
            ),
            width="100%",
        ),
        rx.text(
            "The interviewer asks questions a hiring team for this job would ask.",
            color_scheme="gray",
        ),
        rx.cond(
            InterviewState.voice_provider != "",
            _start_option(
                rx.icon("mic"),
                InterviewState.voice_provider_label,
                # Spans: `_start_option` puts the explanation in a paragraph of its own.
                rx.cond(
                    InterviewState.voice_language_note != "",
                    rx.el.span(
                        InterviewState.voice_language_note, data_testid="voice-language-note"
                    ),
                    rx.el.span(
                        "A spoken conversation with an AI interviewer. Find a quiet place; "
                        "your microphone is used once the call starts."
                    ),
                ),
                rx.button(
                    rx.icon("mic"),
                    "Start interview",
                    size="3",
                    loading=InterviewState.starting,
                    disabled=InterviewState.voice_language_note != "",
                    on_click=InterviewState.start_interview(InterviewState.voice_provider),
                    data_testid="start-interview",
                ),
            ),
            _start_option(
                rx.icon("mic-off"),
                "Voice interview",
                rx.fragment(
                    "Voice interviews are not set up on this installation. The operator "
                    "turns them on by setting ",
                    rx.code("HUME_API_KEY"),
                    " and ",
                    rx.code("HUME_SECRET_KEY"),
                    " (Hume EVI) or ",
                    rx.code("GEMINI_API_KEY"),
                    " (Gemini Live). A practice interview works without them.",
                ),
                rx.button(
                    rx.icon("mic"),
                    "Start interview",
                    size="3",
                    disabled=True,
                    data_testid="start-interview",
                ),
                data_testid="voice-not-configured",
            ),
        ),
        rx.cond(
            PracticeState.unfinished.interview_id != "",
            _start_option(
                rx.icon("history"),
                "Unfinished practice",
                rx.fragment(
                    "You left a practice of this job with ",
                    rx.text.strong(PracticeState.unfinished.answered),
                    " of ",
                    PracticeState.unfinished.questions,
                    " questions answered. Your answers are saved; carry on where you stopped.",
                ),
                rx.button(
                    rx.icon("play"),
                    "Resume practice",
                    size="3",
                    on_click=PracticeState.resume,
                    data_testid="resume-practice",
                ),
                data_testid="unfinished-practice",
            ),
        ),
        _start_option(
            rx.icon("keyboard"),
            "Practice interview",
            "Questions planned from this job description, a different set each time. Your "
            "browser reads them aloud where it has a voice; answer by voice or type. Each "
            "answer gets its own review at the end, and you can try any question again.",
            rx.button(
                rx.icon("play"),
                "Start practice",
                size="3",
                # Secondary when a voice interview or an unfinished practice comes first.
                variant=rx.cond(
                    (InterviewState.voice_provider != "")
                    | (PracticeState.unfinished.interview_id != ""),
                    "soft",
                    "solid",
                ),
                loading=InterviewState.starting,
                on_click=InterviewState.start_interview("practice"),
                data_testid="start-practice",
            ),
        ),
        spacing="4",
        width="100%",
    )


def _start_option(
    icon: rx.Component,
    title: str | rx.Var,
    explanation: str | rx.Component,
    button: rx.Component,
    **card_props: object,
) -> rx.Component:
    text = explanation if isinstance(explanation, rx.Component) else rx.text(explanation)
    return rx.card(
        rx.flex(
            rx.vstack(
                rx.hstack(icon, rx.heading(title, size="4"), align="center"),
                rx.text(text, color_scheme="gray", size="2"),
                spacing="2",
                flex="1",
                min_width="14em",
            ),
            button,
            spacing="4",
            align="center",
            wrap="wrap",
        ),
        width="100%",
        **card_props,
    )
