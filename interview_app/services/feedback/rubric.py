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
from dataclasses import dataclass

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
    pair_answers,
    quote_of,
    review_from_figures,
)
from interview_app.services.feedback.language_rules import rules_for
from interview_app.services.feedback.messages import (
    decimal,
    message,
    part_names,
    percent,
)
from interview_app.services.feedback.report import (
    FEEDBACK_CATEGORIES,
    AnswerReview,
    CategoryFeedback,
    FeedbackReport,
    score_text,
)
from interview_app.services.feedback.resume_fit import ResumeFit, resume_notes
from interview_app.services.jobs.key_terms import extract_key_terms
from interview_app.services.languages import language_for
from interview_app.services.transcript_entry import TranscriptEntry

# The overall score: this much from the per-answer scores, the rest from the categories.
ANSWER_WEIGHT = 0.75


def _clamp(score: float) -> int:
    return max(0, min(10, round(score)))


@dataclass(frozen=True, slots=True)
class _Writer:
    """Writes the report's sentences in the interview's language.

    Attributes:
        code: The language's code.
        measured: Whether the automatic review reads this language's content (STAR
            parts, relevance, key terms): English, German, French and Spanish.
    """

    code: str
    measured: bool

    def say(self, key: str, **values: object) -> str:
        return message(self.code, key, **values)

    @property
    def name(self) -> str:
        return language_for(self.code).name

    @property
    def not_measured(self) -> str:
        return self.say("not_measured")

    def quote(self, answer: AnswerMetrics, words: int = QUOTE_WORDS) -> str:
        return self.say(
            "quote", clock=format_clock(answer.start_ms), words=quote_of(answer.text, words)
        )

    def category_name(self, category: CategoryFeedback) -> str:
        return self.say(f"category.{FEEDBACK_CATEGORIES.index(category.name)}")

    def unmeasured(self, what_key: str) -> str:
        return self.say(
            "unmeasured.category",
            not_measured=self.not_measured.capitalize(),
            language=self.name,
            what=self.say(what_key),
        )


def quote(answer: AnswerMetrics, words: int = QUOTE_WORDS, language: str = "en") -> str:
    """Quote the start of an answer with its time, as the feedback shows it.

    Args:
        answer: The answer.
        words: How many words to quote at most.
        language: The interview's language.

    Returns:
        E.g. `at 02:15: "In my last role I ..."`.
    """
    return message(
        language, "quote", clock=format_clock(answer.start_ms), words=quote_of(answer.text, words)
    )


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


def _length_text(writer: _Writer, answer: AnswerMetrics) -> str:
    return writer.say(
        "unmeasured.length", count=answer.words, unit=writer.say(f"unit.{answer.length_unit}")
    )


def _clarity(
    writer: _Writer, metrics: InterviewMetrics, answered: list[AnswerMetrics]
) -> CategoryFeedback:
    shortest = min(answered, key=lambda a: a.words)
    rate = metrics.fillers_per_100_words
    if not writer.measured or answered[0].length_unit != "words":
        # Length in words is read against English norms only where a catalog's advice
        # goes with it; elsewhere the category says what it could not read.
        return _category(
            0,
            None,
            [
                writer.say(
                    "unmeasured.clarity",
                    not_measured=writer.not_measured,
                    language=writer.name,
                    quote=writer.quote(shortest),
                    length=_length_text(writer, shortest),
                )
            ],
        )
    low, high = ANSWER_WORDS_NORM
    lines = []
    if rate is None:
        score = _length_score(answered)
        lines.append(
            writer.say(
                "clarity.fillers_unmeasured",
                not_measured=writer.not_measured,
                language=writer.name,
                low=low,
                high=high,
            )
        )
        worst = None
    else:
        score = 0.4 * _filler_score(rate) + 0.6 * _length_score(answered)
        worst = max(answered, key=lambda a: a.fillers_per_100_words or 0.0)
        lines.append(
            writer.say(
                "clarity.fillers",
                rate=decimal(writer.code, rate),
                good=f"{FILLERS_GOOD:.0f}",
                high=f"{FILLERS_HIGH:.0f}",
            )
        )
    if worst is not None and worst.fillers:
        lines.append(writer.say("clarity.worst", quote=writer.quote(worst), count=worst.fillers))
    if shortest.words < SHORT_ANSWER_WORDS:
        lines.append(
            writer.say("clarity.shortest", quote=writer.quote(shortest), words=shortest.words)
        )
    elif worst is not None and not worst.fillers:
        lines.append(writer.say("clarity.fine"))
    elif worst is None:
        lines.append(writer.say("clarity.length_fine"))
    return _category(0, score, lines)


def _confidence(
    writer: _Writer, metrics: InterviewMetrics, answered: list[AnswerMetrics]
) -> CategoryFeedback:
    if not writer.measured or any(a.hedges is None for a in answered):
        return _category(
            1,
            None,
            [writer.unmeasured("unmeasured.confidence"), writer.say("confidence.words_only")],
        )
    hedges = sum(a.hedges or 0 for a in answered)
    short = [a for a in answered if a.words < SHORT_ANSWER_WORDS]
    rate = metrics.fillers_per_100_words
    # One answer of a few words already reads as unsure; more of them, more so.
    score = (
        10.0
        - min(4.0, 2.0 * hedges / len(answered))
        - (3.0 + 5.0 * len(short) / len(answered) if short else 0.0)
        - (2.0 if rate is not None and rate > FILLERS_HIGH else 0.0)
    )
    lines = [writer.say("confidence.hedges", count=hedges, answers=len(answered))]
    hedged = max(answered, key=lambda a: a.hedges or 0)
    if hedged.hedges:
        lines.append(writer.say("confidence.example", quote=writer.quote(hedged)))
    if short:
        lines.append(
            writer.say(
                "confidence.short",
                count=len(short),
                limit=SHORT_ANSWER_WORDS,
                quote=writer.quote(short[0]),
            )
        )
    if not hedged.hedges and not short:
        lines.append(writer.say("confidence.plain"))
    lines.append(writer.say("confidence.words_only"))
    return _category(1, score, lines)


def _scored(reviews: list[AnswerReview]) -> list[AnswerReview]:
    return [review for review in reviews if review.score is not None]


def _response_quality(
    writer: _Writer,
    reviews: list[AnswerReview],
    figures: dict[int, AnswerMetrics],
) -> CategoryFeedback:
    scored = _scored(reviews)
    if not writer.measured or not scored:
        return _category(2, None, [writer.unmeasured("unmeasured.quality")])
    score = sum(review.score or 0 for review in scored) / len(scored)
    lines = [writer.say("quality.mean", mean=decimal(writer.code, score))]
    # The closing question is judged on the candidate's own questions, not as a story.
    stories = [r for r in scored if not is_closing_question(r.question, writer.code)] or scored
    best = max(stories, key=lambda review: review.score or 0)
    worst = min(stories, key=lambda review: review.score or 0)
    if best.question_index in figures:
        shown = figures[best.question_index]
        parts = part_names(writer.code, best.star) if best.star else writer.say("quality.no_parts")
        lines.append(
            writer.say(
                "quality.strongest", score=best.score, quote=writer.quote(shown), parts=parts
            )
        )
    if worst is not best:
        missing = [part for part in STAR_PARTS if part not in worst.star]
        said = (
            writer.quote(figures[worst.question_index])
            if worst.question_index in figures
            else writer.say("quality.no_answer", question=quote_of(worst.question, 12))
        )
        advice = (
            writer.say("quality.missing", parts=part_names(writer.code, missing))
            if missing
            else worst.verdict
        )
        lines.append(writer.say("quality.weakest", score=worst.score, said=said, advice=advice))
    return _category(2, score, lines)


def _pacing(
    writer: _Writer, metrics: InterviewMetrics, answered: list[AnswerMetrics]
) -> CategoryFeedback:
    spoken = [a for a in answered if a.spoken]
    if not spoken:
        return _category(3, None, [writer.say("pacing.typed", not_measured=writer.not_measured)])
    scores, lines = [], []
    if metrics.words_per_minute is not None:
        low, high = WPM_NORM
        scores.append(_in_band(metrics.words_per_minute, low, high, slack=60))
        lines.append(
            writer.say(
                "pacing.pace",
                wpm=f"{metrics.words_per_minute:.0f}",
                low=f"{low:.0f}",
                high=f"{high:.0f}",
            )
        )
    elif spoken[0].length_unit != "words":
        lines.append(
            writer.say("unmeasured.pace", not_measured=writer.not_measured, language=writer.name)
        )
    if metrics.median_latency_seconds is not None:
        low, high = LATENCY_NORM_S
        scores.append(_in_band(metrics.median_latency_seconds, low - 1, high, slack=10))
        lines.append(
            writer.say(
                "pacing.latency",
                seconds=decimal(writer.code, metrics.median_latency_seconds),
                low=f"{low:.0f}",
                high=f"{high:.0f}",
            )
        )
    if spoken[0].length_unit == "words":
        longest = max(spoken, key=lambda a: a.words)
        low_words, high_words = ANSWER_WORDS_NORM
        scores.append(_length_score(spoken))
        lines.append(
            writer.say(
                "pacing.longest",
                words=longest.words,
                quote=writer.quote(longest, 12),
                low=low_words,
                high=high_words,
            )
        )
    if len(spoken) < len(answered):
        lines.append(writer.say("pacing.typed_left_out"))
    return _category(3, sum(scores) / len(scores) if scores else None, lines)


def _engagement(
    writer: _Writer,
    metrics: InterviewMetrics,
    reviews: list[AnswerReview],
    answered: list[AnswerMetrics],
) -> CategoryFeedback:
    answered_count = sum(1 for review in reviews if review.answer.strip())
    score = 10 * answered_count / len(reviews)
    lines = [writer.say("engagement.answered", answered=answered_count, total=len(reviews))]
    if metrics.talk_ratio is not None:
        low, high = TALK_RATIO_NORM
        score = 0.7 * score + 0.3 * _in_band(metrics.talk_ratio, low, high, slack=0.4)
        lines.append(
            writer.say(
                "engagement.talk",
                share=percent(writer.code, metrics.talk_ratio),
                low=percent(writer.code, low),
                high=percent(writer.code, high),
            )
        )
    elif answered and not any(a.spoken for a in answered):
        lines.append(writer.say("engagement.talk_typed", not_measured=writer.not_measured))
    asked = metrics.candidate_questions
    if asked:
        shown = "; ".join(writer.say("quoted", text=question) for question in asked[:3])
        lines.append(writer.say("engagement.asked", count=len(asked), questions=shown))
    elif writer.measured:
        score -= 2
        lines.append(writer.say("engagement.none"))
    return _category(4, score, lines)


def _role_fit(writer: _Writer, metrics: InterviewMetrics, answer_mean: float) -> CategoryFeedback:
    if not writer.measured:
        return _category(5, None, [writer.unmeasured("unmeasured.fit")])
    coverage = metrics.coverage
    if coverage is None:
        return _category(5, answer_mean, [writer.say("fit.no_terms")])
    covered = metrics.key_terms_covered
    missing = [term for term in metrics.key_terms if term not in covered]
    lines = [
        writer.say(
            "fit.mentioned_some",
            covered=len(covered),
            total=len(metrics.key_terms),
            terms=", ".join(covered),
        )
        if covered
        else writer.say("fit.mentioned_none", covered=0, total=len(metrics.key_terms))
    ]
    if missing:
        lines.append(writer.say("fit.missing", terms=", ".join(missing)))
    # Naming the terms is half of fit; answering well about them is the other half.
    return _category(5, 0.5 * (1 + 9 * coverage) + 0.5 * answer_mean, lines)


def _no_answers_report(writer: _Writer, reviews: list[AnswerReview]) -> FeedbackReport:
    note = writer.say("none.note")
    return FeedbackReport(
        overall_score=0,
        summary=note,
        categories=[
            CategoryFeedback(name=name, score=0, markdown=note) for name in FEEDBACK_CATEGORIES
        ],
        improvements=[writer.say("none.improve")],
        generator="automatic",
        answers=reviews,
        language=writer.code,
    )


def _report_from(
    metrics: InterviewMetrics,
    reviews: list[AnswerReview],
    figures: dict[int, AnswerMetrics],
    language: str = "en",
) -> FeedbackReport:
    """Score an interview on the seven categories from its answers' reviews and metrics.

    Args:
        metrics: The interview's metrics (`metrics.compute_metrics`).
        reviews: The review of every question (`answers.review_from_figures`).
        figures: The metrics of each answered question, by question index.
        language: The interview's language: the report is written in it; in a language
            without rules the categories it cannot read have no score and say so, and the
            overall score comes from what was measured.

    Returns:
        A report with generator `automatic` and the reviews as its `answers`; every
        category quotes the candidate's own answers with their times. An interview
        without an answer scores 0 everywhere and says so.
    """
    code = language_for(language).code
    writer = _Writer(code=code, measured=rules_for(code) is not None)
    answered = [answer for answer in figures.values() if answer.words]
    if not answered or not reviews:
        return _no_answers_report(writer, reviews)
    scored_reviews = _scored(reviews)
    answer_mean = (
        sum(review.score or 0 for review in scored_reviews) / len(scored_reviews)
        if scored_reviews
        else None
    )
    # A short list of questions at the close is no short answer: length, hedges and
    # fillers are read on the other answers.
    closing = {r.question_index for r in reviews if is_closing_question(r.question, code)}
    substantive = [
        answer for index, answer in figures.items() if answer.words and index not in closing
    ] or answered
    scored = [
        _clarity(writer, metrics, substantive),
        _confidence(writer, metrics, substantive),
        _response_quality(writer, reviews, figures),
        _pacing(writer, metrics, answered),
        _engagement(writer, metrics, reviews, answered),
        _role_fit(writer, metrics, answer_mean or 0.0),
    ]
    # Response Quality is the answer mean itself; the rest weigh in only when measured.
    others = [c.score for i, c in enumerate(scored) if i != 2 and c.score is not None]
    other_mean = sum(others) / len(others) if others else 0.0
    overall = _clamp(
        other_mean
        if answer_mean is None
        else ANSWER_WEIGHT * answer_mean + (1 - ANSWER_WEIGHT) * other_mean
    )
    measured = [c for c in scored if c.score is not None]
    ranked = sorted(measured, key=lambda category: category.score or 0)

    def labelled(category: CategoryFeedback) -> str:
        return f"{writer.category_name(category)} ({score_text(category.score)})"

    strengths = [labelled(c) for c in reversed(ranked[-2:]) if (c.score or 0) >= 6]
    # With few categories measured (a language without rules) the best may also be among
    # the worst two: it is named once, as a strength.
    improvements = [
        labelled(c) for c in ranked[:2] if (c.score or 0) < 8 and labelled(c) not in strengths
    ]
    if scored_reviews:
        weakest = min(scored_reviews, key=lambda review: review.score or 0)
        if (weakest.score or 0) < 6:
            improvements.append(
                writer.say(
                    "summary.weakest",
                    number=weakest.question_index + 1,
                    score=weakest.score,
                    verdict=weakest.verdict.rstrip("."),
                )
            )
    if answer_mean is None:
        overview = writer.say("unmeasured.summary", overall=overall, language=writer.name)
    else:
        overview = (
            writer.say("summary.overview", overall=overall, mean=decimal(code, answer_mean))
            + (writer.say("summary.strongest_area", area=strengths[0]) if strengths else "")
            + (
                writer.say("summary.work_on", area=improvements[0])
                if improvements
                else writer.say("summary.keep")
            )
        )
    summary_lines = [
        writer.say(
            "summary.strongest", areas=", ".join(strengths) or writer.say("summary.none_above")
        ),
        writer.say(
            "summary.to_improve",
            areas=", ".join(improvements) or writer.say("summary.nothing_below"),
        ),
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
        key_terms=list(metrics.key_terms) if writer.measured else [],
        candidate_questions=list(metrics.candidate_questions),
        language=code,
    )


def automatic_feedback_for(
    *,
    transcript: Sequence[TranscriptEntry],
    job_description: str,
    language: str = "en",
    resume_text: str = "",
) -> FeedbackReport:
    """Automatic feedback straight from a transcript and its job.

    Args:
        transcript: The stored transcript.
        job_description: The job description (its key terms are checked).
        language: The interview's language: the feedback is written in it and reads the
            answers by its rules; in a language without rules it says what it could not
            measure.
        resume_text: The résumé linked to the job ("" when none): each answer's review
            notes what it could have used from it and what it claims beyond it.

    Returns:
        The automatic report (generator `automatic`), with a review of every question.
    """
    code = language_for(language).code
    # Key terms are read only where the language's own words can be told from skills.
    key_terms = extract_key_terms(job_description, language=code) if rules_for(code) else []
    metrics = compute_metrics(transcript, key_terms, code)
    fit = ResumeFit.of(resume_text) if resume_text.strip() else None
    reviews: list[AnswerReview] = []
    figures: dict[int, AnswerMetrics] = {}
    for pair in pair_answers(transcript):
        answer = answer_figures(pair.question_entries, pair.answer, key_terms, code)
        if answer is not None:
            figures[pair.question_index] = answer
        review = review_from_figures(
            question_index=pair.question_index,
            question=pair.question,
            figures=answer,
            key_terms=key_terms,
            language=code,
        )
        if fit is not None and answer is not None:
            notes = resume_notes(fit, question=pair.question, answer=answer.text, language=code)
            review = review.model_copy(update={"resume_notes": notes})
        reviews.append(review)
    return _report_from(metrics, reviews, figures, code)
