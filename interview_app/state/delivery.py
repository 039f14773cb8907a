"""The interview page's delivery metrics and feedback."""

from __future__ import annotations

import dataclasses

import reflex as rx

from interview_app.services.delivery.metrics import (
    ANSWER_WORDS_NORM,
    NORMS,
    AnswerMetrics,
    InterviewMetrics,
    format_clock,
)
from interview_app.services.languages import language_for
from interview_app.state.interviews import InterviewState


@dataclasses.dataclass
class MetricFigure:
    """One figure of the interview, with the norm it is read against."""

    key: str = ""
    label: str = ""
    value: str = ""
    norm: str = ""


@dataclasses.dataclass
class AnswerFigures:
    """The figures of one answer, formatted for the page."""

    number: int = 0
    at: str = ""
    words: str = ""
    seconds: str = ""
    words_per_minute: str = ""
    latency: str = ""
    pauses: str = ""
    fillers: str = ""
    star: str = ""
    how: str = ""


def _pauses(over_1s: int | None, over_3s: int | None) -> str:
    if over_1s is None:
        return "—"
    return f"{over_1s} ({over_3s} over 3 s)" if over_3s else str(over_1s)


def _how(answer: AnswerMetrics) -> str:
    if not answer.spoken:
        return "typed"
    # Say when the figures come from what our server heard, word by word.
    return "spoken (word timings)" if answer.word_timings else "spoken"


def metric_figures(metrics: InterviewMetrics) -> tuple[list[MetricFigure], list[AnswerFigures]]:
    """Format an interview's metrics for the page, each with its norm.

    Args:
        metrics: The interview's metrics.

    Returns:
        The interview's figures and the figures of each answer.
    """
    dash = "—"
    language = language_for(metrics.language).name
    unit = metrics.length_unit
    summary = [
        MetricFigure(
            "words_per_minute",
            "Speaking pace",
            f"{metrics.words_per_minute:.0f} words/min"
            if metrics.words_per_minute is not None
            else f"not measured in {language}"
            if unit != "words"
            else "not measured (typed answers)",
            NORMS["words_per_minute"],
        ),
        MetricFigure(
            "latency",
            "Pause before answering (median)",
            f"{metrics.median_latency_seconds:.1f} s"
            if metrics.median_latency_seconds is not None
            else dash,
            NORMS["latency"],
        ),
        MetricFigure(
            "fillers",
            "Filler words",
            f"{metrics.fillers_per_100_words:.1f} per 100 words"
            if metrics.fillers_per_100_words is not None
            else f"not measured in {language}",
            NORMS["fillers"],
        ),
        MetricFigure(
            "star",
            "STAR parts per answer",
            f"{metrics.star_completeness:.0%}",
            NORMS["star"],
        ),
        MetricFigure(
            "talk_ratio",
            "Your share of the talking",
            f"{metrics.talk_ratio:.0%}" if metrics.talk_ratio is not None else dash,
            NORMS["talk_ratio"],
        ),
    ]
    if metrics.pauses_over_1s is not None:
        summary.insert(
            2,
            MetricFigure(
                "pauses",
                "Pauses between words (spoken answers)",
                f"{metrics.pauses_over_1s} over 1 s, {metrics.pauses_over_3s} over 3 s; "
                f"longest {(metrics.longest_pause_ms or 0) / 1000:.1f} s",
                NORMS["pauses"],
            ),
        )
    longest = (
        metrics.answers[metrics.longest_answer] if metrics.longest_answer is not None else None
    )
    low, high = ANSWER_WORDS_NORM
    summary.append(
        MetricFigure(
            "longest",
            "Longest answer",
            f"{longest.words} {unit} (answer {longest.index + 1})" if longest else dash,
            f"most strong answers run {low} to {high} words",
        )
    )
    if metrics.coverage is not None:
        covered = ", ".join(metrics.key_terms_covered) or "none"
        summary.append(
            MetricFigure(
                "coverage",
                "Job key terms you mentioned",
                f"{len(metrics.key_terms_covered)} of {len(metrics.key_terms)} ({covered})",
                NORMS["coverage"] + f"; the job names: {', '.join(metrics.key_terms)}",
            )
        )
    answers = [
        AnswerFigures(
            number=answer.index + 1,
            at=format_clock(answer.start_ms),
            words=str(answer.words),
            seconds=f"{answer.seconds:.0f} s" if answer.seconds is not None else dash,
            words_per_minute=(
                f"{answer.words_per_minute:.0f}" if answer.words_per_minute is not None else dash
            ),
            latency=f"{answer.latency_seconds:.1f} s"
            if answer.latency_seconds is not None
            else dash,
            pauses=_pauses(answer.pauses_over_1s, answer.pauses_over_3s),
            fillers=f"{answer.fillers_per_100_words:.1f}"
            if answer.fillers_per_100_words is not None
            else dash,
            star=" ".join(part[0].upper() for part in answer.star_parts) or dash,
            how=_how(answer),
        )
        for answer in metrics.answers
    ]
    return summary, answers


# A long interview has hundreds of answers: the page lists the first ones and the rest on
# request, since a table row per answer costs the browser more to draw than the whole
# transcript.
ANSWERS_SHOWN_FIRST = 10


class DeliveryState(InterviewState):
    """The delivery metrics of the interview in the URL."""

    metric_summary: list[MetricFigure] = []
    answer_figures: list[AnswerFigures] = []
    answer_count: int = 0
    _all_answers: list[AnswerFigures] = []

    def _show(self, metrics: InterviewMetrics | None) -> None:
        summary, answers = metric_figures(metrics) if metrics and metrics.answers else ([], [])
        self.metric_summary = summary
        self._all_answers = answers
        self.answer_figures = answers[:ANSWERS_SHOWN_FIRST]
        self.answer_count = len(answers)

    @rx.event
    def show_all_answers(self) -> None:
        """List every answer of the interview on the page."""
        self.answer_figures = self._all_answers
