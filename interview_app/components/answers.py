"""The interview page's review of every answer: one card per question, with its retries."""

from __future__ import annotations

import reflex as rx

from interview_app.components.answer_box import PracticeSession
from interview_app.components.markdown import feedback_markdown as _markdown
from interview_app.state.answers import AnswerCardRow, AnswerReviewState, AttemptRow


def _score_color(score: rx.Var[int]) -> rx.Var[str]:
    return rx.cond(score >= 7, "green", rx.cond(score >= 4, "amber", "red"))


def _change(line: rx.Var[str]) -> rx.Component:
    return rx.el.li(line)


def _resume_note(note: rx.Var[str]) -> rx.Component:
    return rx.el.li(note, data_testid="answer-resume-note")


def _resume_notes(notes: rx.Var[list[str]]) -> rx.Component:
    """What the answer left out of the linked résumé, or claimed beyond it."""
    return rx.cond(
        notes.length() > 0,
        rx.box(
            rx.heading("Your résumé", size="2"),
            rx.el.ul(rx.foreach(notes, _resume_note), class_name="resume-notes"),
            width="100%",
        ),
    )


def _attempt(attempt: AttemptRow) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.text("Attempt ", attempt.number, weight="bold"),
                rx.match(
                    attempt.status,
                    ("done", rx.badge(attempt.score, size="2", data_testid="attempt-score")),
                    ("failed", rx.badge("Not reviewed", color_scheme="red")),
                    rx.badge(rx.spinner(size="1"), "Reviewing…", color_scheme="gray"),
                ),
                align="center",
                wrap="wrap",
            ),
            rx.text(attempt.answer, size="2", white_space="pre-wrap", overflow_wrap="anywhere"),
            rx.cond(
                attempt.status == "done",
                rx.vstack(
                    rx.text(attempt.verdict, size="2", weight="medium"),
                    rx.text("STAR: ", attempt.star, size="1", color_scheme="gray"),
                    rx.cond(
                        attempt.delivery != "",
                        rx.text(attempt.delivery, size="1", color_scheme="gray"),
                    ),
                    rx.el.ul(
                        rx.foreach(attempt.changes, _change),
                        class_name="attempt-changes",
                        data_testid="attempt-changes",
                    ),
                    _resume_notes(attempt.resume_notes),
                    spacing="1",
                ),
            ),
            rx.cond(
                attempt.status == "failed",
                rx.hstack(
                    rx.text(attempt.error, size="2", color_scheme="red"),
                    rx.button(
                        "Review again",
                        size="1",
                        variant="soft",
                        on_click=[
                            AnswerReviewState.review(attempt.id),
                            AnswerReviewState.follow_reviews,
                        ],
                    ),
                    wrap="wrap",
                    align="center",
                ),
            ),
            spacing="2",
        ),
        data_testid="attempt",
        custom_attrs={"data-status": attempt.status},
        min_width="16em",
        flex="1",
    )


def _retry_box(card: AnswerCardRow) -> rx.Component:
    return rx.cond(
        AnswerReviewState.retry_index == card.index,
        rx.vstack(
            PracticeSession.create(
                single=True,
                interview_id=AnswerReviewState.interview_id,
                # Read aloud in the interview's language, like the practice itself.
                language=card.language_tag,
                turns=AnswerReviewState.retry_turns,
                resume_at_ms=0,
                saving=AnswerReviewState.retry_saving,
                finishing=AnswerReviewState.retry_saving,
                refusals=AnswerReviewState.retry_refusals,
                on_finish=AnswerReviewState.submit_attempt,
            ),
            rx.button(
                "Cancel",
                variant="ghost",
                color_scheme="gray",
                on_click=AnswerReviewState.close_retry,
            ),
            width="100%",
            spacing="2",
        ),
        rx.button(
            rx.icon("rotate-ccw", size=16),
            "Try this question again",
            variant="soft",
            on_click=AnswerReviewState.open_retry(card.index),
            disabled=AnswerReviewState.retry_index >= 0,
            data_testid="retry-question",
        ),
    )


def _answer_card(card: AnswerCardRow) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.badge("Question ", card.number, variant="outline"),
                rx.badge(
                    card.score_text,
                    color_scheme=rx.cond(card.scored, _score_color(card.score), "gray"),
                    size="2",
                    data_testid="answer-score",
                ),
                rx.text(card.verdict, weight="medium", size="2"),
                align="center",
                wrap="wrap",
            ),
            rx.text(card.question, weight="bold", overflow_wrap="anywhere"),
            rx.box(
                rx.text("Your answer", size="1", color_scheme="gray", weight="medium"),
                rx.text(
                    rx.cond(card.answer != "", card.answer, "(no answer)"),
                    size="2",
                    white_space="pre-wrap",
                    overflow_wrap="anywhere",
                ),
                width="100%",
            ),
            rx.cond(
                card.audio_url != "",
                rx.el.audio(
                    src=card.audio_url,
                    controls=True,
                    preload="none",
                    aria_label="Your spoken answer",
                    data_testid="answer-audio",
                    width="100%",
                ),
            ),
            rx.text("STAR parts: ", card.star, size="1", color_scheme="gray"),
            rx.grid(
                rx.cond(
                    card.worked != "",
                    rx.box(rx.heading("What worked", size="2"), _markdown(card.worked)),
                ),
                rx.cond(
                    card.improve != "",
                    rx.box(rx.heading("What to improve", size="2"), _markdown(card.improve)),
                ),
                columns=rx.breakpoints(initial="1", sm="2"),
                spacing="3",
                width="100%",
            ),
            _resume_notes(card.resume_notes),
            rx.box(
                rx.heading("A stronger version", size="2"),
                _markdown(card.stronger_version),
                class_name="stronger-version",
                data_testid="answer-stronger-version",
                width="100%",
            ),
            rx.cond(
                card.attempts.length() > 0,
                rx.flex(
                    rx.foreach(card.attempts, _attempt),
                    spacing="3",
                    wrap="wrap",
                    width="100%",
                    data_testid="attempts",
                ),
            ),
            _retry_box(card),
            spacing="3",
            width="100%",
        ),
        width="100%",
        data_testid="answer-review",
        custom_attrs={"data-question-index": card.index},
        # The review is written in the interview's language (the headings stay English).
        lang=card.language_tag,
    )


def answer_reviews() -> rx.Component:
    """One card per question: the verdict, a stronger version, and retries compared."""
    return rx.cond(
        AnswerReviewState.cards.length() > 0,
        rx.vstack(
            rx.heading("Your answers, one by one", size="5"),
            rx.foreach(AnswerReviewState.cards, _answer_card),
            spacing="3",
            width="100%",
            data_testid="answer-reviews",
        ),
    )
