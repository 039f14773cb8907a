"""The Gemini Live call screen (runs in the new-interview page once the interview exists)."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.event import no_args_event_spec, passthrough_event_spec

from interview_app import routes
from interview_app.state.gemini_call import GeminiCallState
from interview_app.state.interviews import InterviewState

CAPTURE_WORKLET = "/gemini_capture_worklet.js"


class GeminiLiveCall(rx.Component):
    """The browser side of a Gemini Live call (assets/gemini_live.jsx)."""

    library = "$/public/gemini_live.jsx"
    tag = "GeminiLiveCall"

    interview_id: rx.Var[str]
    session_url: rx.Var[str]
    worklet_url: rx.Var[str]
    save_error: rx.Var[str]
    saving: rx.Var[bool]

    on_session_started: rx.EventHandler[no_args_event_spec]
    on_progress: rx.EventHandler[passthrough_event_spec(dict[str, Any])]
    on_finished: rx.EventHandler[passthrough_event_spec(dict[str, Any])]
    on_failed: rx.EventHandler[passthrough_event_spec(dict[str, Any])]


def gemini_call_screen() -> rx.Component:
    """The call: timer, mute, microphone level, end call, and the live transcript."""
    return rx.vstack(
        rx.heading("Interview for ", InterviewState.job_info.name, size="6"),
        rx.text(
            "You are talking with an AI interviewer. End the call when you are done; "
            "the transcript is saved with the interview.",
            color_scheme="gray",
        ),
        GeminiLiveCall.create(
            interview_id=InterviewState.call_interview_id,
            session_url=routes.GEMINI_LIVE_SESSION,
            worklet_url=CAPTURE_WORKLET,
            save_error=GeminiCallState.save_error,
            saving=GeminiCallState.saving,
            on_session_started=GeminiCallState.session_started,
            on_progress=GeminiCallState.save_progress,
            on_finished=GeminiCallState.call_finished,
            on_failed=GeminiCallState.call_failed,
        ),
        spacing="4",
        width="100%",
    )
