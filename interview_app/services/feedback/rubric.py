"""Automatic feedback without an AI key: a rubric over the answers and their delivery (SPEC §7).

Every question is reviewed first (`answers.review_from_figures`): a score out of 10, its
STAR parts, what worked, what to improve and a stronger version scaffolded from the
candidate's own words. The seven categories of Gemini's feedback follow, each quoting the
candidate's answers with their times:

- Response Quality is the mean of the per-answer scores;
- Communication Clarity and Confidence read length, fillers and hedges, and a short or
  hedged answer pulls them down however fluent the rest was;
- Pacing and Timing is measured on spoken answers only: when every answer was typed it
  says "not measured" and has no score;
- Engagement reads the share of questions answered, the questions the candidate asked
  (with or without "?") and, when anything was spoken, the talk share;
- Role Fit is the coverage of the job's key terms.

The overall score is built mostly from the per-answer scores (`ANSWER_WEIGHT`), with the
measured categories for the rest, so strong interviews clearly beat weak ones. Labelled
`automatic`.
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
from interview_app.services.feedback.answers import (
    QUOTE_WORDS,
    SHORT_ANSWER_WORDS,
    answer_figures,
    is_closing_question,
    listed,
    pair_answers,
    quote_of,
    review_from_figures,
)
from interview_app.services.feedback.report import (
    FEEDBACK_CATEGORIES,
    NOT_MEASURED,
    AnswerReview,
    CategoryFeedback,
    FeedbackReport,
    score_text,
)
from interview_app.services.jobs.key_terms import extract_key_terms
from interview_app.services.transcript_entry import TranscriptEntry

# The overall score: this much from the per-answer scores, the rest from the categories.
ANSWER_WEIGHT = 0.75


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
    return f'at {format_clock(answer.start_ms)}: "{quote_of(answer.text, words)}"'


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
    return sum(_in_band(a.words, low, high, slack=low) for a in answers) / len(answers)


def _category(index: int, score: float | None, lines: list[str]) -> CategoryFeedback:
    return CategoryFeedback(
        name=FEEDBACK_CATEGORIES[index],
        score=None if score is None else _clamp(score),
        markdown="\n\n".join(lines),
    )


def _clarity(metrics: InterviewMetrics, answered: list[AnswerMetrics]) -> CategoryFeedback:
    score = 0.4 * _filler_score(metrics.fillers_per_100_words) + 0.6 * _length_score(answered)
    worst = max(answered, key=lambda a: a.fillers_per_100_words)
    shortest = min(answered, key=lambda a: a.words)
    lines = [
        f"You used {metrics.fillers_per_100_words:.1f} filler words per 100 words "
        f"(under {FILLERS_GOOD:.0f} goes unnoticed, over {FILLERS_HIGH:.0f} distracts)."
    ]
    if worst.fillers:
        lines.append(
            f"Your answer with the most fillers, {quote(worst)}, had {worst.fillers}; "
            "pausing silently instead of filling the gap makes the same answer sound surer."
        )
    if shortest.words < SHORT_ANSWER_WORDS:
        lines.append(
            f"Your shortest answer, {quote(shortest)}, had {shortest.words} words: too few "
            "to explain anything. Give each answer a point, an example and an outcome."
        )
    elif not worst.fillers:
        lines.append("None of your answers leaned on fillers, and each had room to explain.")
    return _category(0, score, lines)


def _confidence(metrics: InterviewMetrics, answered: list[AnswerMetrics]) -> CategoryFeedback:
    hedges = sum(a.hedges for a in answered)
    short = [a for a in answered if a.words < SHORT_ANSWER_WORDS]
    # One answer of a few words already reads as unsure; more of them, more so.
    score = (
        10.0
        - min(4.0, 2.0 * hedges / len(answered))
        - (3.0 + 5.0 * len(short) / len(answered) if short else 0.0)
        - (2.0 if metrics.fillers_per_100_words > FILLERS_HIGH else 0.0)
    )
    lines = [
        f'You hedged ("I think", "maybe", "I guess" ...) {hedges} time(s) over '
        f"{len(answered)} answer(s)."
    ]
    hedged = max(answered, key=lambda a: a.hedges)
    if hedged.hedges:
        lines.append(
            f"For example {quote(hedged)}. State what you did and what you know plainly; "
            "keep qualifiers for real uncertainty."
        )
    if short:
        lines.append(
            f"{len(short)} answer(s) had under {SHORT_ANSWER_WORDS} words, such as "
            f"{quote(short[0])}. A very short answer reads as unsure, however it is meant."
        )
    if not hedged.hedges and not short:
        lines.append("You stated your experience plainly, which reads as sure.")
    lines.append("This automatic feedback reads your words only, not your voice or face.")
    return _category(1, score, lines)


def _response_quality(
    reviews: list[AnswerReview], figures: dict[int, AnswerMetrics]
) -> CategoryFeedback:
    score = sum(review.score for review in reviews) / len(reviews)
    lines = [f"Your answers scored {score:.1f}/10 on average, question by question."]
    # The closing question is judged on the candidate's own questions, not as a story.
    stories = [r for r in reviews if not is_closing_question(r.question)] or reviews
    best = max(stories, key=lambda review: review.score)
    worst = min(stories, key=lambda review: review.score)
    if best.question_index in figures:
        shown = figures[best.question_index]
        lines.append(
            f"Strongest ({best.score}/10): {quote(shown)} "
            f"({', '.join(best.star) or 'no STAR parts'})."
        )
    if worst is not best:
        missing = [part for part in STAR_PARTS if part not in worst.star]
        said = (
            quote(figures[worst.question_index])
            if worst.question_index in figures
            else f'no answer to "{quote_of(worst.question, 12)}"'
        )
        advice = (
            f"It was missing the {listed(missing)}: say what the situation was, what you "
            "were asked to do, what *you* did and what came of it, with a number if you "
            "have one."
            if missing
            else worst.verdict
        )
        lines.append(f"Weakest ({worst.score}/10): {said}. {advice}")
    return _category(2, score, lines)


def _pacing(metrics: InterviewMetrics, answered: list[AnswerMetrics]) -> CategoryFeedback:
    spoken = [a for a in answered if a.spoken]
    if not spoken:
        return _category(
            3,
            None,
            [
                f"Pace, pauses and timing: {NOT_MEASURED}. Your answers were typed, so there "
                "was no speaking pace or pause before answering to measure."
            ],
        )
    scores, lines = [], []
    if metrics.words_per_minute is not None:
        low, high = WPM_NORM
        scores.append(_in_band(metrics.words_per_minute, low, high, slack=60))
        lines.append(
            f"You spoke at about {metrics.words_per_minute:.0f} words a minute "
            f"(conversational speech is around {low:.0f} to {high:.0f})."
        )
    if metrics.median_latency_seconds is not None:
        low, high = LATENCY_NORM_S
        scores.append(_in_band(metrics.median_latency_seconds, low - 1, high, slack=10))
        lines.append(
            f"You usually began answering {metrics.median_latency_seconds:.1f} s after the "
            f"question (a pause of {low:.0f} to {high:.0f} s reads as thoughtful)."
        )
    longest = max(spoken, key=lambda a: a.words)
    low_words, high_words = ANSWER_WORDS_NORM
    scores.append(_length_score(spoken))
    lines.append(
        f"Your longest spoken answer ran {longest.words} words ({quote(longest, 12)}); "
        f"most strong answers run {low_words} to {high_words} words."
    )
    if len(spoken) < len(answered):
        lines.append("Your typed answers were left out: they have no pace to measure.")
    return _category(3, sum(scores) / len(scores), lines)


def _engagement(
    metrics: InterviewMetrics, reviews: list[AnswerReview], answered: list[AnswerMetrics]
) -> CategoryFeedback:
    answered_share = sum(1 for review in reviews if review.answer.strip()) / len(reviews)
    score = 10 * answered_share
    lines = [
        f"You answered {sum(1 for r in reviews if r.answer.strip())} of {len(reviews)} question(s)."
    ]
    if metrics.talk_ratio is not None:
        low, high = TALK_RATIO_NORM
        score = 0.7 * score + 0.3 * _in_band(metrics.talk_ratio, low, high, slack=0.4)
        lines.append(
            f"You did {metrics.talk_ratio:.0%} of the talking (candidates usually speak "
            f"{low:.0%} to {high:.0%} of an interview)."
        )
    elif answered and not any(a.spoken for a in answered):
        lines.append(f"Talk share: {NOT_MEASURED}, as your answers were typed.")
    asked = metrics.candidate_questions
    if asked:
        shown = "; ".join(f'"{question}"' for question in asked[:3])
        lines.append(f"You asked the interviewer {len(asked)} question(s): {shown}.")
    else:
        score -= 2
        lines.append(
            "Prepare one or two questions for the interviewer about the team or the work; "
            "asking none can read as low interest."
        )
    return _category(4, score, lines)


def _role_fit(metrics: InterviewMetrics, answer_mean: float) -> CategoryFeedback:
    coverage = metrics.coverage
    if coverage is None:
        return _category(
            5,
            answer_mean,
            [
                "The job description names no specific tools or skills to check your "
                "answers against; tie your examples to what the role asks for."
            ],
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
    # Naming the terms is half of fit; answering well about them is the other half.
    return _category(5, 0.5 * (1 + 9 * coverage) + 0.5 * answer_mean, lines)


def _no_answers_report(reviews: list[AnswerReview]) -> FeedbackReport:
    note = "There were no answers to assess. Answer at least one question in full."
    return FeedbackReport(
        overall_score=0,
        summary=note,
        categories=[
            CategoryFeedback(name=name, score=0, markdown=note) for name in FEEDBACK_CATEGORIES
        ],
        improvements=["Answer every question, even briefly."],
        generator="automatic",
        answers=reviews,
    )


def _report_from(
    metrics: InterviewMetrics,
    reviews: list[AnswerReview],
    figures: dict[int, AnswerMetrics],
) -> FeedbackReport:
    """Score an interview on the seven categories from its answers' reviews and metrics.

    Args:
        metrics: The interview's metrics (`metrics.compute_metrics`).
        reviews: The review of every question (`answers.review_from_figures`).
        figures: The metrics of each answered question, by question index.

    Returns:
        A report with generator `automatic` and the reviews as its `answers`; every
        category quotes the candidate's own answers with their times. An interview
        without an answer scores 0 everywhere and says so.
    """
    answered = [answer for answer in figures.values() if answer.words]
    if not answered or not reviews:
        return _no_answers_report(reviews)
    answer_mean = sum(review.score for review in reviews) / len(reviews)
    # A short list of questions at the close is no short answer: length, hedges and
    # fillers are read on the other answers.
    closing = {r.question_index for r in reviews if is_closing_question(r.question)}
    substantive = [
        answer for index, answer in figures.items() if answer.words and index not in closing
    ] or answered
    scored = [
        _clarity(metrics, substantive),
        _confidence(metrics, substantive),
        _response_quality(reviews, figures),
        _pacing(metrics, answered),
        _engagement(metrics, reviews, answered),
        _role_fit(metrics, answer_mean),
    ]
    # Response Quality is the answer mean itself; the rest weigh in only when measured.
    others = [c.score for i, c in enumerate(scored) if i != 2 and c.score is not None]
    overall = _clamp(
        ANSWER_WEIGHT * answer_mean + (1 - ANSWER_WEIGHT) * (sum(others) / len(others))
    )
    measured = [c for c in scored if c.score is not None]
    ranked = sorted(measured, key=lambda category: category.score or 0)
    strengths = [
        f"{c.name} ({score_text(c.score)})" for c in reversed(ranked[-2:]) if (c.score or 0) >= 6
    ]
    improvements = [f"{c.name} ({score_text(c.score)})" for c in ranked[:2] if (c.score or 0) < 8]
    weakest = min(reviews, key=lambda review: review.score)
    if weakest.score < 6:
        improvements.append(
            f"Question {weakest.question_index + 1} ({weakest.score}/10): "
            + weakest.verdict.rstrip(".")
        )
    overview = (
        f"Overall {overall}/10, from your answers' scores ({answer_mean:.1f}/10 on "
        "average) and how you delivered them. "
        + (f"Your strongest area was {strengths[0]}. " if strengths else "")
        + (f"Work on {improvements[0]} first." if improvements else "Keep it up.")
    )
    summary_lines = [
        f"Strongest: {', '.join(strengths) or 'none above 6/10 yet'}.",
        f"To improve: {', '.join(improvements) or 'nothing below 8/10'}.",
    ]
    scored.append(_category(6, overall, summary_lines))
    return FeedbackReport(
        overall_score=overall,
        summary=overview,
        categories=scored,
        strengths=strengths,
        improvements=improvements,
        generator="automatic",
        answers=reviews,
        key_terms=list(metrics.key_terms),
        candidate_questions=list(metrics.candidate_questions),
    )


def automatic_feedback_for(
    *, transcript: Sequence[TranscriptEntry], job_description: str
) -> FeedbackReport:
    """Automatic feedback straight from a transcript and its job.

    Args:
        transcript: The stored transcript.
        job_description: The job description (its key terms are checked).

    Returns:
        The automatic report (generator `automatic`), with a review of every question.
    """
    key_terms = extract_key_terms(job_description)
    metrics = compute_metrics(transcript, key_terms)
    reviews: list[AnswerReview] = []
    figures: dict[int, AnswerMetrics] = {}
    for pair in pair_answers(transcript):
        answer = answer_figures(pair.question_entries, pair.answer, key_terms)
        if answer is not None:
            figures[pair.question_index] = answer
        reviews.append(
            review_from_figures(
                question_index=pair.question_index,
                question=pair.question,
                figures=answer,
                key_terms=key_terms,
            )
        )
    return _report_from(metrics, reviews, figures)
