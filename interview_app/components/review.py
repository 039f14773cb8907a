"""The interview page's delivery metrics and feedback sections (beside the transcript)."""

from __future__ import annotations

import reflex as rx

from interview_app.state.delivery import AnswerFigures, DeliveryState, MetricFigure


def _figure(figure: MetricFigure) -> rx.Component:
    return rx.box(
        rx.text(figure.label, size="1", color_scheme="gray", weight="medium"),
        rx.text(figure.value, size="3", weight="bold", overflow_wrap="anywhere"),
        rx.text(figure.norm, size="1", color_scheme="gray"),
        data_testid="metric",
        custom_attrs={"data-metric": figure.key},
    )


def _answer_row(answer: AnswerFigures) -> rx.Component:
    return rx.table.row(
        rx.table.cell(answer.number),
        rx.table.cell(answer.at),
        rx.table.cell(answer.words),
        rx.table.cell(answer.seconds),
        rx.table.cell(answer.words_per_minute, data_testid="answer-wpm"),
        rx.table.cell(answer.latency, data_testid="answer-first-word"),
        rx.table.cell(answer.pauses, data_testid="answer-pauses"),
        rx.table.cell(answer.fillers),
        rx.table.cell(answer.star),
        rx.table.cell(answer.how),
        data_testid="answer-metrics",
    )


def delivery_metrics_section() -> rx.Component:
    """The interview's delivery metrics, each beside its common norm, and per answer."""
    header = [
        "#",
        "At",
        "Words",
        "Length",
        "Words/min",
        "First word after",
        "Pauses over 1 s",
        "Fillers/100",
        "STAR",
        "How",
    ]
    return rx.card(
        rx.heading("Delivery metrics", size="4"),
        rx.cond(
            DeliveryState.metric_summary.length() > 0,
            rx.vstack(
                rx.grid(
                    rx.foreach(DeliveryState.metric_summary, _figure),
                    columns=rx.breakpoints(initial="1", sm="2"),
                    spacing="4",
                    width="100%",
                ),
                rx.box(
                    rx.table.root(
                        rx.table.header(
                            rx.table.row(*[rx.table.column_header_cell(label) for label in header])
                        ),
                        rx.table.body(rx.foreach(DeliveryState.answer_figures, _answer_row)),
                        size="1",
                    ),
                    # The table scrolls sideways on a phone: a keyboard reaches it by Tab and
                    # scrolls it with the arrow keys, and a screen reader names the region
                    # (app.css lets Radix's own scroll viewport overflow into this box).
                    overflow_x="auto",
                    width="100%",
                    class_name="answer-metrics-scroll",
                    tab_index=0,
                    role="region",
                    aria_label="Figures of each answer",
                    data_testid="answer-metrics-scroll",
                ),
                rx.cond(
                    DeliveryState.answer_figures.length() < DeliveryState.answer_count,
                    rx.button(
                        rx.icon("chevrons-down", size=14),
                        "Show all ",
                        DeliveryState.answer_count,
                        " answers",
                        variant="soft",
                        size="1",
                        on_click=DeliveryState.show_all_answers,
                        data_testid="show-all-answers",
                    ),
                ),
                rx.text(
                    "STAR: S situation, T task, A action, R result. Speaking pace is measured "
                    "on spoken answers only; for answers recognised here, from the first word "
                    "to the last, with the pauses between words and the time from the end of "
                    "the question to the first word.",
                    size="1",
                    color_scheme="gray",
                ),
                spacing="4",
                margin_top="0.75em",
                width="100%",
            ),
            rx.text(
                "Metrics appear once the interview has answers.",
                color_scheme="gray",
                margin_top="0.5em",
            ),
        ),
        width="100%",
        data_testid="delivery-metrics",
    )
