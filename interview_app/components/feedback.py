"""The interview page's feedback card: the button, the status and the rendered feedback."""

from __future__ import annotations

import reflex as rx

from interview_app.components.markdown import feedback_markdown
from interview_app.services.errors import NotCompletedError
from interview_app.state.feedback import CategoryScoreRow, FeedbackState


def _status_text() -> rx.Component:
    status = FeedbackState.status
    return rx.text(
        rx.match(
            status,
            ("queued", "Queued: feedback starts in a moment…"),
            ("running", "Generating feedback… You can keep using the app meanwhile."),
            ("done", "Feedback ready"),
            ("failed", "Failed to generate feedback"),
            rx.cond(
                FeedbackState.completed,
                "No feedback yet",
                NotCompletedError.default_message,
            ),
        ),
        color_scheme=rx.match(status, ("failed", "red"), ("done", "green"), "gray"),
        size="2",
        data_testid="feedback-status",
        data_status=status,
    )


def _generate_button() -> rx.Component:
    return rx.button(
        rx.match(
            FeedbackState.status,
            ("queued", "Generating…"),
            ("running", "Generating…"),
            ("failed", "Retry"),
            ("done", "Regenerate feedback"),
            "Generate feedback",
        ),
        rx.icon("sparkles", size=16),
        loading=FeedbackState.in_flight,
        disabled=~FeedbackState.completed | FeedbackState.in_flight,
        on_click=FeedbackState.generate,
        data_testid="generate-feedback",
    )


def _category_score(row: CategoryScoreRow) -> rx.Component:
    return rx.badge(row.name, ": ", row.score, variant="soft", size="2")


def _scores() -> rx.Component:
    return rx.cond(
        FeedbackState.has_scores,
        rx.vstack(
            rx.hstack(
                rx.heading(FeedbackState.overall_score, "/10", size="8"),
                rx.text("overall", color_scheme="gray"),
                align="baseline",
                spacing="2",
                data_testid="feedback-overall-score",
            ),
            rx.flex(
                rx.foreach(FeedbackState.category_scores, _category_score),
                wrap="wrap",
                gap="2",
            ),
            spacing="2",
            width="100%",
        ),
    )


def feedback_card() -> rx.Component:
    """The feedback of the interview on the page, and the button that (re)generates it."""
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading("Feedback", size="4"),
                rx.spacer(),
                _generate_button(),
                align="center",
                width="100%",
            ),
            _status_text(),
            rx.cond(
                (FeedbackState.error != "")
                & (FeedbackState.error != "Failed to generate feedback"),
                rx.text(FeedbackState.error, color_scheme="red", size="2"),
            ),
            rx.cond(
                FeedbackState.markdown != "",
                rx.vstack(
                    _scores(),
                    # Written in the interview's language: screen readers read it so.
                    rx.box(
                        feedback_markdown(FeedbackState.markdown),
                        width="100%",
                        lang=FeedbackState.language_tag,
                    ),
                    width="100%",
                    data_testid="feedback-content",
                ),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )
