"""Automatic feedback without an AI key: a rubric over the delivery metrics (SPEC §7).

The same seven categories as Gemini's feedback, each scored out of 10 from the metrics,
the STAR parts and the key-term coverage, and each quoting the candidate's own answers
with their times, so the advice points at real moments. Labelled `automatic`.
"""

from __future__ import annotations

from collections.abc import Sequence

from interview_app.services.delivery.metrics import (
    ANSWER_WORDS_NORM,
    FILLERS_GOOD,
    FILLERS_HIGH,
    LATENCY_NORM_S,
    STAR_PARTS,
    TALK_RATIO_NORM,
    WPM_NORM,
    AnswerMetrics,
    InterviewMetrics,
    compute_metrics,
    format_clock,
)
from interview_app.services.feedback.report import (
    FEEDBACK_CATEGORIES,
    CategoryFeedback,
    FeedbackReport,
)
from interview_app.services.jobs.key_terms import extract_key_terms
from interview_app.services.transcript_entry import TranscriptEntry

QUOTE_WORDS = 25
_HEDGES = ("i think", "i guess", "maybe", "probably", "i'm not sure", "i don't know", "sort of")


def _clamp(score: float) -> int:
    return max(0, min(10, round(score)))


def quote(answer: AnswerMetrics, words: int = QUOTE_WORDS) -> str:
    """Quote the start of an answer with its time, as the feedback shows it.

    Args:
        answer: The answer.
        words: How many words to quote at most.

    Returns:
        E.g. `at 02:15: "In my last role I ..."`.
    """
    parts = answer.text.split()
    text = " ".join(parts[:words]) + (" ..." if len(parts) > words else "")
    return f'at {format_clock(answer.start_ms)}: "{text}"'


def _in_band(value: float, low: float, high: float, slack: float) -> float:
    """10 inside [low, high], falling linearly to 0 at `slack` outside it."""
    if low <= value <= high:
        return 10.0
    distance = low - value if value < low else value - high
    return max(0.0, 10.0 * (1 - distance / slack))


def _filler_score(rate: float) -> float:
    if rate <= FILLERS_GOOD:
        return 10.0
    # 10 up to the unnoticed rate, 4 at the distracting one, never below 2.
    return max(2.0, 10.0 - (rate - FILLERS_GOOD) * 6.0 / (FILLERS_HIGH - FILLERS_GOOD))


def _length_score(answers: Sequence[AnswerMetrics]) -> float:
    if not answers:
        return 0.0
    low, high = ANSWER_WORDS_NORM
    return sum(_in_band(a.words, low, high, slack=high) for a in answers) / len(answers)


def _hedges(text: str) -> int:
    lowered = text.lower()
    return sum(lowered.count(hedge) for hedge in _HEDGES)


def _clarity(metrics: InterviewMetrics, answered: list[AnswerMetrics]) -> CategoryFeedback:
    score = 0.6 * _filler_score(metrics.fillers_per_100_words) + 0.4 * _length_score(answered)
    worst = max(answered, key=lambda a: a.fillers_per_100_words)
    lines = [
        f"You used {metrics.fillers_per_100_words:.1f} filler words per 100 words "
        f"(under {FILLERS_GOOD:.0f} goes unnoticed, over {FILLERS_HIGH:.0f} distracts)."
    ]
    if worst.fillers:
        lines.append(
            f"Your answer with the most fillers, {quote(worst)}, had {worst.fillers}; "
            "pausing silently instead of filling the gap makes the same answer sound surer."
        )
    else:
        lines.append("None of your answers leaned on fillers: keep that.")
    return CategoryFeedback(
        name=FEEDBACK_CATEGORIES[0], score=_clamp(score), markdown="\n\n".join(lines)
    )


def _confidence(metrics: InterviewMetrics, answered: list[AnswerMetrics]) -> CategoryFeedback:
    hedges = sum(_hedges(a.text) for a in answered)
    per_answer = hedges / len(answered)
    score = 10.0 - min(5.0, per_answer * 2.0) - (2.0 if metrics.fillers_per_100_words > 6 else 0)
    lines = [
        f'You hedged ("I think", "maybe", "I guess" ...) {hedges} time(s) over '
        f"{len(answered)} answer(s)."
    ]
    hedged = max(answered, key=lambda a: _hedges(a.text))
    if _hedges(hedged.text):
        lines.append(
            f"For example {quote(hedged)}. State what you did and what you know plainly; "
            "keep qualifiers for real uncertainty."
        )
    else:
        lines.append("You stated your experience plainly, which reads as confident.")
    lines.append("This automatic feedback reads your words only, not your voice or face.")
    return CategoryFeedback(
        name=FEEDBACK_CATEGORIES[1], score=_clamp(score), markdown="\n\n".join(lines)
    )


def _response_quality(metrics: InterviewMetrics, answered: list[AnswerMetrics]) -> CategoryFeedback:
    star = sum(len(a.star_parts) for a in answered) / (len(STAR_PARTS) * len(answered))
    score = 0.6 * star * 10 + 0.4 * _length_score(answered)
    best = max(answered, key=lambda a: (len(a.star_parts), a.words))
    weakest = min(answered, key=lambda a: (len(a.star_parts), a.words))
    missing = [part for part in STAR_PARTS if part not in weakest.star_parts]
    lines = [
        f"Your answers had {star:.0%} of the STAR parts (situation, task, action, result) "
        "on average.",
        f"Strongest: {quote(best)} ({', '.join(best.star_parts) or 'no STAR parts'}).",
    ]
    if missing and weakest is not best:
        lines.append(
            f"Weakest: {quote(weakest)}. It was missing the {', '.join(missing)}: "
            "say what the situation was, what you were asked to do, what *you* did, and "
            "what came of it, with a number if you have one."
        )
    return CategoryFeedback(
        name=FEEDBACK_CATEGORIES[2], score=_clamp(score), markdown="\n\n".join(lines)
    )


def _pacing(metrics: InterviewMetrics, answered: list[AnswerMetrics]) -> CategoryFeedback:
    scores, lines = [], []
    if metrics.words_per_minute is not None:
        low, high = WPM_NORM
        scores.append(_in_band(metrics.words_per_minute, low, high, slack=60))
        lines.append(
            f"You spoke at about {metrics.words_per_minute:.0f} words a minute "
            f"(conversational speech is around {low:.0f} to {high:.0f})."
        )
    else:
        lines.append("Your answers were typed, so your speaking pace was not measured.")
    if metrics.median_latency_seconds is not None:
        low, high = LATENCY_NORM_S
        scores.append(_in_band(metrics.median_latency_seconds, low - 1, high, slack=10))
        lines.append(
            f"You usually began answering {metrics.median_latency_seconds:.1f} s after the "
            f"question (a pause of {low:.0f} to {high:.0f} s reads as thoughtful)."
        )
    longest = max(answered, key=lambda a: a.words)
    low_words, high_words = ANSWER_WORDS_NORM
    scores.append(_length_score(answered))
    lines.append(
        f"Your longest answer ran {longest.words} words ({quote(longest, 12)}); "
        f"most strong answers run {low_words} to {high_words} words."
    )
    return CategoryFeedback(
        name=FEEDBACK_CATEGORIES[3],
        score=_clamp(sum(scores) / len(scores)),
        markdown="\n\n".join(lines),
    )


def _engagement(metrics: InterviewMetrics, answered: list[AnswerMetrics]) -> CategoryFeedback:
    questions = max(metrics.questions_asked, 1)
    answered_share = min(1.0, len(answered) / questions)
    score = 10 * answered_share
    lines = [f"You answered {len(answered)} of {metrics.questions_asked} question(s)."]
    if metrics.talk_ratio is not None:
        low, high = TALK_RATIO_NORM
        score = 0.6 * score + 0.4 * _in_band(metrics.talk_ratio, low, high, slack=0.4)
        lines.append(
            f"You did {metrics.talk_ratio:.0%} of the talking (candidates usually speak "
            f"{low:.0%} to {high:.0%} of an interview)."
        )
    closing = metrics.answers[-1] if metrics.answers else None
    if closing is not None and "?" in closing.text:
        lines.append(f"You asked the interviewer a question at the end ({quote(closing)}).")
    else:
        score -= 1
        lines.append(
            "Prepare one or two questions for the interviewer about the team or the work; "
            "asking none can read as low interest."
        )
    return CategoryFeedback(
        name=FEEDBACK_CATEGORIES[4], score=_clamp(score), markdown="\n\n".join(lines)
    )


def _role_fit(metrics: InterviewMetrics) -> CategoryFeedback:
    coverage = metrics.coverage
    if coverage is None:
        return CategoryFeedback(
            name=FEEDBACK_CATEGORIES[5],
            score=_clamp(3 + 7 * metrics.star_completeness),
            markdown="The job description names no specific tools or skills to check your "
            "answers against; tie your examples to what the role asks for.",
        )
    missing = [term for term in metrics.key_terms if term not in metrics.key_terms_covered]
    lines = [
        f"You mentioned {len(metrics.key_terms_covered)} of the job's "
        f"{len(metrics.key_terms)} key terms"
        + (f": {', '.join(metrics.key_terms_covered)}." if metrics.key_terms_covered else ".")
    ]
    if missing:
        lines.append(
            f"Not mentioned: {', '.join(missing)}. Where you have that experience, name it "
            "with an example."
        )
    return CategoryFeedback(
        name=FEEDBACK_CATEGORIES[5], score=_clamp(2 + 8 * coverage), markdown="\n\n".join(lines)
    )


def automatic_feedback(metrics: InterviewMetrics) -> FeedbackReport:
    """Score an interview on the seven categories from its delivery metrics alone.

    Args:
        metrics: The interview's metrics (`metrics.compute_metrics`).

    Returns:
        A report with generator `automatic`; every category quotes the candidate's own
        answers with their times. An interview without an answer scores 0 everywhere and
        says so.
    """
    answered = [answer for answer in metrics.answers if answer.words]
    if not answered:
        note = "There were no answers to assess. Answer at least one question in full."
        return FeedbackReport(
            overall_score=0,
            summary=note,
            categories=[
                CategoryFeedback(name=name, score=0, markdown=note) for name in FEEDBACK_CATEGORIES
            ],
            improvements=["Answer every question, even briefly."],
            generator="automatic",
        )
    scored = [
        _clarity(metrics, answered),
        _confidence(metrics, answered),
        _response_quality(metrics, answered),
        _pacing(metrics, answered),
        _engagement(metrics, answered),
        _role_fit(metrics),
    ]
    overall = _clamp(sum(category.score for category in scored) / len(scored))
    ranked = sorted(scored, key=lambda category: category.score)
    strengths = [f"{c.name} ({c.score}/10)" for c in reversed(ranked[-2:]) if c.score >= 6]
    improvements = [f"{c.name} ({c.score}/10)" for c in ranked[:2] if c.score < 8]
    overview = (
        f"Overall {overall}/10. "
        + (f"Your strongest area was {strengths[0]}. " if strengths else "")
        + (f"Work on {improvements[0]} first." if improvements else "Keep it up.")
    )
    summary_lines = [
        f"Strongest: {', '.join(strengths) or 'none above 6/10 yet'}.",
        f"To improve: {', '.join(improvements) or 'nothing below 8/10'}.",
    ]
    scored.append(
        CategoryFeedback(
            name=FEEDBACK_CATEGORIES[6], score=overall, markdown="\n\n".join(summary_lines)
        )
    )
    return FeedbackReport(
        overall_score=overall,
        summary=overview,
        categories=scored,
        strengths=strengths,
        improvements=improvements,
        generator="automatic",
    )


def automatic_feedback_for(
    *, transcript: Sequence[TranscriptEntry], job_description: str
) -> FeedbackReport:
    """Automatic feedback straight from a transcript and its job (for the feedback seam).

    Args:
        transcript: The stored transcript.
        job_description: The job description (its key terms are checked).

    Returns:
        The automatic report (generator `automatic`).
    """
    return automatic_feedback(compute_metrics(transcript, extract_key_terms(job_description)))
