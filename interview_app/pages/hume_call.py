"""The Hume EVI call screen (assets/hume_call.jsx around `@humeai/voice-react`)."""

from __future__ import annotations

import reflex as rx
from reflex.event import passthrough_event_spec

from interview_app import routes
from interview_app.state.hume_call import HumeCallState
from interview_app.state.interviews import InterviewState

HUME_VOICE_REACT = "@humeai/voice-react@0.2.14"


class HumeCall(rx.Component):
    """The call: connects with a token our server mints, reports chat id and duration."""

    library = "$/public/hume_call.jsx"
    tag = "HumeCall"
    lib_dependencies: list[str] = [HUME_VOICE_REACT]

    start_url: rx.Var[str]
    on_chat_id: rx.EventHandler[passthrough_event_spec(str)]
    on_duration: rx.EventHandler[passthrough_event_spec(str)]
    on_ended: rx.EventHandler[passthrough_event_spec(str)]


def hume_call_screen() -> rx.Component:
    """The call of the interview just started on the new-interview page."""
    interview_id = InterviewState.call_interview_id
    return rx.vstack(
        rx.heading("Interview for ", InterviewState.job_info.name, size="6"),
        rx.text(
            "Speak naturally; the interviewer answers when you pause. End the call when "
            "you are done, and your transcript opens.",
            color_scheme="gray",
        ),
        rx.card(
            HumeCall.create(
                start_url=routes.voice_call_url(interview_id),
                on_chat_id=HumeCallState.save_chat_id,
                on_duration=HumeCallState.save_duration,
                on_ended=HumeCallState.call_ended,
            ),
            width="100%",
        ),
        spacing="4",
        width="100%",
    )
