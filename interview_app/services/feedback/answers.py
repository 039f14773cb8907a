"""Every question paired with its answer, and the automatic review of one answer (pure).

`pair_answers` reads a transcript into the interview's questions, each with the
candidate's answer: the interviewer's turn (consecutive messages, as voice providers
split one turn) and the candidate's messages that follow it until the interviewer speaks
again. A question nobody answered (the call ended after it) is kept, with no answer and a
score of 0, so it counts against the interview; an unanswered interviewer turn that asks
nothing ("Thanks, that's all") is left out. The position in that list is the question's
`question_index`, which a retry of one question refers to.

`review_answer_automatically` writes an `AnswerReview` without a model: a score from the
answer's STAR parts, specifics (numbers, the job's key terms, what *you* did), relevance
to the question, length, hedges and fillers; what worked and what to improve; and a
stronger version that is a scaffold built from the candidate's own sentences, sorted
into situation, task, action and result, with a bracketed prompt wherever a part, a
number or a job term is missing. It never writes a fact the candidate did not say.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from interview_app.services.delivery.metrics import (
    ANSWER_WORDS_NORM,
    FILLERS_GOOD,
    FILLERS_HIGH,
    STAR_PARTS,
    AnswerMetrics,
    compute_metrics,
)
from interview_app.services.feedback.language_rules import ENGLISH_RULES, AnswerRules, rules_for
from interview_app.services.feedback.messages import (
    alternatives,
    message,
    part_names,
)
from interview_app.services.feedback.report import AnswerReview
from interview_app.services.feedback.resume_fit import ResumeFit, resume_notes
from interview_app.services.jobs.key_terms import extract_key_terms, mentioned_terms
from interview_app.services.languages import language_for
from interview_app.services.transcript_entry import TranscriptEntry, group_consecutive

# An interviewer's turn asks something when it has a question mark or asks in words, in
# any interview language (a transcript is paired before its language is looked at).
_ASKS = re.compile(
    r"[?\uff1f]|\b(?:tell me|tell us|describe|walk me through|talk me through|explain|"
    r"share an?|give me|erzählen sie|beschreiben sie|schildern sie|erklären sie|"
    r"parlez-moi|racontez-moi|décrivez|expliquez|donnez-moi|háblame|hábleme|cuéntame|"
    r"cuénteme|describe|explica|explique|dame|deme)\b",
    re.IGNORECASE,
)
# Sentences end at . ! ? (and the Hindi danda) before a space, or at a Japanese full stop.
_SENTENCE = re.compile(r"(?<=[.!?\u0964])\s+|(?<=[\u3002\uff01\uff1f])\s*(?=\S)|\n+")
QUOTE_WORDS = 25
SHORT_ANSWER_WORDS = 20


@dataclass(frozen=True, slots=True)
class AnswerPair:
    """One of the interview's questions and the candidate's answer to it.

    Attributes:
        question_index: 0-based position among the interview's questions.
        question: The interviewer's question (its messages joined).
        question_entries: The interviewer's messages that asked it.
        answer: The candidate's messages that answered it (empty when unanswered).
    """

    question_index: int
    question: str
    question_entries: tuple[TranscriptEntry, ...]
    answer: tuple[TranscriptEntry, ...]

    @property
    def answer_text(self) -> str:
        """The answer's messages joined by spaces ("" when unanswered)."""
        return " ".join(entry.text.strip() for entry in self.answer if entry.text.strip())


@dataclass(frozen=True, slots=True)
class AnswerInputs:
    """Everything a generator reads to review one answer (a retry, or one of a report's).

    Attributes:
        question: The interviewer's question.
        answer: The answer's messages, in order (empty when unanswered).
        job_description: The job description (its key terms are checked).
        job_title: The job's title, when it has one.
        experience_level: `junior`, `mid-level` or `senior`.
        question_index: The question's 0-based position among the interview's questions.
        language: The interview's language (ISO 639-1); the review is written in it.
        resume_text: The text of the résumé linked to the job ("" when none).
    """

    question: str
    answer: list[TranscriptEntry]
    job_description: str
    job_title: str | None
    experience_level: str
    question_index: int
    language: str = "en"
    resume_text: str = ""


def _asks(text: str) -> bool:
    return _ASKS.search(text) is not None


def pair_answers(transcript: Sequence[TranscriptEntry]) -> list[AnswerPair]:
    """Pair each of the interviewer's questions with the candidate's answer to it.

    Args:
        transcript: The stored transcript, in order.

    Returns:
        The questions in order, each with the candidate's messages up to the
        interviewer's next turn. Unanswered questions are kept (no answer); interviewer
        turns that ask nothing and got no answer are left out; what the candidate said
        before the first question belongs to no question.
    """
    groups = group_consecutive(transcript)
    pairs: list[AnswerPair] = []
    for position, group in enumerate(groups):
        if group[0].speaker != "interviewer":
            continue
        following = groups[position + 1] if position + 1 < len(groups) else []
        answer = tuple(e for e in following if e.speaker == "interviewee" and e.text.strip())
        question = " ".join(entry.text.strip() for entry in group if entry.text.strip())
        if not question or (not answer and not _asks(question)):
            continue
        pairs.append(
            AnswerPair(
                question_index=len(pairs),
                question=question,
                question_entries=tuple(group),
                answer=answer,
            )
        )
    return pairs


def is_closing_question(question: str, language: str = "en") -> bool:
    """Whether a question invites the candidate's own questions ("Any questions for me?").

    Args:
        question: The interviewer's question.
        language: The interview's language; one without rules has no closing question.

    Returns:
        True for the closing question.
    """
    rules = rules_for(language)
    return rules is not None and rules.closing.search(question) is not None


def is_story_question(question: str, language: str = "en") -> bool:
    """Whether a question asks for a story ("Tell me about a time ...", "Erzählen Sie ...").

    Args:
        question: The interviewer's question.
        language: The interview's language.

    Returns:
        True when it asks for a story (judged on STAR first).
    """
    rules = rules_for(language)
    return rules is not None and rules.story.search(question) is not None


def _content_stems(text: str, rules: AnswerRules) -> set[str]:
    return {word[:5] for word in rules.content_word.findall(text.lower())} - {
        word[:5] for word in rules.frame
    }


def relevance(question: str, answer: str, *, names_a_job_term: bool, language: str = "en") -> float:
    """How much an answer speaks to its question, 0..1, from the words they share.

    Args:
        question: The interviewer's question.
        answer: The candidate's answer.
        names_a_job_term: Whether the answer names one of the job's key terms (an answer
            about the job's tools is on topic whatever words it uses).
        language: The interview's language (its question words say nothing of a subject).

    Returns:
        1 when the answer shares two of the question's subject words (or the question
        has none, or the answer names a job term, or the language has no rules), 0.5 for
        one, 0 for none.
    """
    rules = rules_for(language)
    if rules is None:
        return 1.0
    subject = _content_stems(question, rules)
    if not subject or names_a_job_term:
        return 1.0
    shared = len(subject & _content_stems(answer, rules))
    return min(1.0, shared / 2)


def _length_factor(words: int) -> float:
    if words < 10:
        return 0.1
    if words < SHORT_ANSWER_WORDS:
        return 0.3
    if words < 50:
        return 0.55
    if words < 80:
        return 0.8
    high = ANSWER_WORDS_NORM[1] + 50
    if words <= high:
        return 1.0
    return max(0.75, 1.0 - (words - high) / 1_000)


def _clamp(score: float) -> int:
    return max(0, min(10, round(score)))


def _off_topic(figures: AnswerMetrics, relevance_share: float) -> bool:
    """An answer to some other question: none of the question's words and no story.

    Shared words alone would flag a true story told in other words ("a time you made a
    mistake" answered with "I deployed a migration that locked a table"), so a story of
    what you did with a goal or an outcome is taken as on topic. A time and something
    done are not enough: "Last summer I travelled to Rome" has both and answers nothing.
    """
    parts = set(figures.star_parts)
    told_a_story = "action" in parts and bool(parts & {"task", "result"})
    return relevance_share == 0 and figures.words >= SHORT_ANSWER_WORDS and not told_a_story


def score_answer(
    figures: AnswerMetrics, *, question: str, relevance_share: float, language: str = "en"
) -> int:
    """Score one answer out of 10.

    A story question ("Tell me about a time ...") weighs the STAR parts most; any other
    question weighs specifics (a number, the job's terms, what *you* did) as much. Short
    answers, hedges, fillers and answers beside the question lose points; the closing
    question is scored on the questions the candidate asked. Hedges and fillers the
    language's lists do not measure (None) take nothing off.

    Args:
        figures: The answer's delivery metrics (`in_language` for another language).
        question: The interviewer's question.
        relevance_share: `relevance` of the answer to the question.
        language: The interview's language (English, German, French or Spanish).

    Returns:
        The score.
    """
    if figures.words == 0:
        return 0
    rules = rules_for(language) or ENGLISH_RULES
    hedges_per_50 = (figures.hedges or 0) / max(1.0, figures.words / 50)
    hedge_penalty = min(3.0, 1.5 * hedges_per_50)
    if is_closing_question(question, language):
        asked = len(figures.questions)
        return _clamp(3 + 3 * min(asked, 2) + (1 if asked else -1) - hedge_penalty)
    length = _length_factor(figures.words)
    star = len(figures.star_parts) / len(STAR_PARTS)
    specifics = (
        0.4 * bool(rules.number.search(figures.text))
        + 0.3 * bool(figures.key_terms)
        + 0.3 * ("action" in figures.star_parts)
    )
    if is_story_question(question, rules.code):
        content = 0.6 * star + 0.25 * specifics + 0.15 * relevance_share
    else:
        content = 0.35 * star + 0.4 * specifics + 0.25 * relevance_share
    raw = 10 * length * (0.1 + 0.9 * content)
    if _off_topic(figures, relevance_share):
        raw *= 0.5
    # Hedges take a share of what the answer earned: taken off the top, the 3 points of a
    # hedged thin answer left it at 0, level with five words that say nothing.
    raw *= 1 - hedge_penalty / 10
    filler_penalty = 0.0
    fillers = figures.fillers_per_100_words
    if figures.spoken and fillers is not None and fillers > FILLERS_HIGH:
        filler_penalty = 1.5
    elif figures.spoken and fillers is not None and fillers > FILLERS_GOOD:
        filler_penalty = 0.5
    return _clamp(raw - filler_penalty)


def quote_of(text: str, words: int = QUOTE_WORDS) -> str:
    """The candidate's own words to quote: the start of a text, at most `words` words.

    Args:
        text: What the candidate said.
        words: How many words at most.

    Returns:
        The words, with " ..." when cut.
    """
    parts = text.split()
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


def _sentences(text: str) -> list[str]:
    return [sentence.strip() for sentence in _SENTENCE.split(text) if sentence.strip()]


def _best_sentence(sentences: list[str], rules: AnswerRules | None) -> str:
    """The sentence most worth quoting: one with a result or a number, else the first."""
    if rules is not None:
        for sentence in sentences:
            if "result" in rules.star(sentence) or rules.number.search(sentence):
                return sentence
    return sentences[0] if sentences else ""


def _scaffold(
    text: str, parts: tuple[str, ...], missing_terms: list[str], language: str = "en"
) -> str:
    """A stronger version built from the candidate's own sentences, sorted by STAR part.

    In a language without rules the candidate's sentences cannot be sorted: the four
    prompts alone.
    """
    rules = rules_for(language)
    by_part: dict[str, list[str]] = {part: [] for part in STAR_PARTS}
    # A few words with no part in them ("Not sure.") are no start to build on.
    if rules is not None and (parts or len(text.split()) >= SHORT_ANSWER_WORDS):
        for position, sentence in enumerate(_sentences(text)):
            found = rules.star(sentence)
            # A sentence with no marker of its own reads as context first, as action after.
            part = found[0] if found else ("situation" if position == 0 else "action")
            by_part[part].append(sentence)
    lines = []
    for part in STAR_PARTS:
        label = message(language, f"label.{part}")
        prompt = message(language, f"prompt.{part}")
        own_text = " ".join(by_part[part])
        if own_text and part in parts:
            lines.append(f"**{label}:** {own_text}")
        elif own_text:
            lines.append(f"**{label}:** {own_text} {prompt}")
        else:
            lines.append(f"**{label}:** {prompt}")
    if (
        rules is not None
        and "result" in parts
        and not rules.number.search(" ".join(by_part["result"]))
    ):
        lines[-1] += " " + message(language, "scaffold.number")
    if missing_terms:
        lines.append(message(language, "scaffold.job", terms=alternatives(language, missing_terms)))
    return "\n\n".join(lines)


def _closing_scaffold(figures: AnswerMetrics, language: str) -> str:
    asked = list(figures.questions)
    lines = [f"- {question}" for question in asked[:3]]
    while len(lines) < 2:
        lines.append(
            f"- {message(language, 'closing.work')}"
            if not lines
            else f"- {message(language, 'closing.team')}"
        )
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class _Reading:
    """What the review decided about one answer, handed to each of its sentences."""

    figures: AnswerMetrics
    question: str
    language: str
    rules: AnswerRules
    closing: bool
    relevance_share: float
    off_topic: bool
    missing_terms: list[str]

    def has_number(self) -> bool:
        return self.rules.number.search(self.figures.text) is not None

    def missing_parts(self) -> list[str]:
        # A story question asks for all four STAR parts; any other ("Tell me about
        # yourself", "What trade-offs ...") for an example behind the claim: what you did,
        # what came of it.
        wanted = (
            STAR_PARTS if is_story_question(self.question, self.language) else ("action", "result")
        )
        return [part for part in wanted if part not in self.figures.star_parts]


def _worked(reading: _Reading) -> list[str]:
    figures, language = reading.figures, reading.language
    # Nothing in an answer about something else is worth keeping for this question.
    if figures.words == 0 or reading.off_topic:
        return []
    points = []
    if reading.closing and figures.questions:
        points.append(message(language, "worked.asked", count=len(figures.questions)))
    if len(figures.star_parts) == len(STAR_PARTS):
        points.append(message(language, "worked.all_star"))
    elif "action" in figures.star_parts:
        points.append(message(language, "worked.action"))
    if "result" in figures.star_parts and reading.has_number():
        points.append(message(language, "worked.number"))
    if figures.key_terms:
        points.append(message(language, "worked.terms", terms=", ".join(figures.key_terms)))
    if not points and reading.relevance_share == 1.0:
        points.append(message(language, "worked.answered"))
    return points


def _improve(reading: _Reading) -> list[str]:
    figures, language = reading.figures, reading.language
    if figures.words == 0:
        return [message(language, "improve.skipped")]
    points = []
    if reading.closing:
        if not figures.questions:
            points.append(message(language, "improve.ask"))
        return points
    low, high = ANSWER_WORDS_NORM
    if figures.words < SHORT_ANSWER_WORDS:
        points.append(
            message(language, "improve.say_more", words=figures.words, low=low, high=high)
        )
    elif figures.words > high + 100:
        points.append(message(language, "improve.tighten", words=figures.words, high=high))
    missing = reading.missing_parts()
    if missing:
        points.append(message(language, "improve.add_parts", parts=part_names(language, missing)))
    if "result" in figures.star_parts and not reading.has_number():
        points.append(message(language, "improve.number"))
    if figures.hedges:
        points.append(message(language, "improve.hedges", count=figures.hedges))
    fillers = figures.fillers_per_100_words
    if figures.spoken and fillers is not None and fillers > FILLERS_GOOD:
        points.append(message(language, "improve.fillers", count=figures.fillers))
    if len(reading.rules.we.findall(figures.text)) > 2 and not reading.rules.i.search(figures.text):
        points.append(message(language, "improve.we"))
    if reading.off_topic:
        points.append(message(language, "improve.off_topic"))
    if reading.missing_terms:
        points.append(
            message(language, "improve.job_terms", terms=", ".join(reading.missing_terms))
        )
    return points


def _verdict(score: int, reading: _Reading) -> str:
    figures, language = reading.figures, reading.language
    if figures.words == 0:
        return message(language, "verdict.none")
    if reading.closing:
        asked = len(figures.questions)
        return (
            message(language, "verdict.asked", count=asked)
            if asked
            else message(language, "verdict.no_questions")
        )
    if figures.words < SHORT_ANSWER_WORDS:
        return message(language, "verdict.too_short", words=figures.words)
    missing = reading.missing_parts()
    hedges = figures.hedges or 0
    if score >= 8:
        return message(language, "verdict.strong")
    if hedges >= 2 and score >= 5:
        return message(language, "verdict.hedged")
    if hedges >= 2:
        return message(language, "verdict.hedged_thin")
    if reading.off_topic:
        return message(language, "verdict.off_topic")
    if missing:
        key = "verdict.solid_missing" if score >= 6 else "verdict.thin_missing"
        return message(language, key, parts=part_names(language, missing))
    return message(language, "verdict.solid")


def _bullets(points: list[str]) -> str:
    return "\n".join(f"- {point}" for point in points)


def in_language(figures: AnswerMetrics, language: str) -> AnswerMetrics:
    """An answer's metrics with its STAR parts read by its own language's cues.

    `delivery.metrics` reads STAR parts with English cues; German, French and Spanish
    answers are read again with theirs. In a language without rules no STAR part and no
    key term is claimed: neither was measured.

    Args:
        figures: The answer's metrics (`compute_metrics` in the interview's language).
        language: The interview's language.

    Returns:
        The metrics as the review reads them.
    """
    code = language_for(language).code
    if code == "en":
        return figures
    rules = rules_for(code)
    if rules is None:
        return dataclasses.replace(figures, star_parts=(), key_terms=())
    return dataclasses.replace(figures, star_parts=rules.star(figures.text))


def _length(figures: AnswerMetrics, language: str) -> str:
    unit = message(language, f"unit.{figures.length_unit}")
    return message(language, "unmeasured.length", count=figures.words, unit=unit)


def _unmeasured_review(
    *, question_index: int, question: str, figures: AnswerMetrics, language: str
) -> AnswerReview:
    """The review of an answer in a language without rules: no score, and why."""
    name = language_for(language).name
    points = [message(language, "unmeasured.review", language=name)]
    fillers = figures.fillers_per_100_words
    if figures.spoken and fillers is not None and fillers > FILLERS_GOOD:
        points.append(message(language, "improve.fillers", count=figures.fillers))
    return AnswerReview(
        question_index=question_index,
        question=question,
        answer=figures.text,
        score=None,
        improve=_bullets(points),
        stronger_version=_scaffold("", (), [], language),
        verdict=message(
            language, "unmeasured.verdict", language=name, length=_length(figures, language)
        ),
        quotes=[quote_of(_sentences(figures.text)[0])] if figures.text.strip() else [],
        language=language_for(language).code,
    )


def review_from_figures(
    *,
    question_index: int,
    question: str,
    figures: AnswerMetrics | None,
    key_terms: Sequence[str],
    language: str = "en",
) -> AnswerReview:
    """Review one answer from its delivery metrics (the automatic generator's review).

    Args:
        question_index: The question's 0-based position among the interview's questions.
        question: The interviewer's question.
        figures: The answer's metrics (`answer_figures`), or None when it was not answered.
        key_terms: The job's key terms.
        language: The interview's language: the review is written in it, and in one
            without rules (`language_rules`) it says what it could not measure and gives
            no score.

    Returns:
        The review; its quotes are the candidate's own words, verbatim.
    """
    code = language_for(language).code
    if figures is None or figures.words == 0:
        return AnswerReview(
            question_index=question_index,
            question=question,
            answer=figures.text if figures else "",
            score=0,
            improve=_bullets([message(code, "improve.skipped")]),
            stronger_version=_scaffold("", (), [], code),
            verdict=message(code, "verdict.none"),
            language=code,
        )
    rules = rules_for(code)
    if rules is None:
        return _unmeasured_review(
            question_index=question_index, question=question, figures=figures, language=code
        )
    closing = is_closing_question(question, code)
    share = relevance(
        question, figures.text, names_a_job_term=bool(figures.key_terms), language=code
    )
    score = score_answer(figures, question=question, relevance_share=share, language=code)
    # The job's terms the question itself names come first: the answer should use them.
    asked_terms = mentioned_terms(key_terms, question)
    unmentioned = [t for t in (*asked_terms, *key_terms) if t not in figures.key_terms]
    missing_terms = list(dict.fromkeys(unmentioned))[:2] if not closing else []
    reading = _Reading(
        figures=figures,
        question=question,
        language=code,
        rules=rules,
        closing=closing,
        relevance_share=share,
        off_topic=_off_topic(figures, share),
        missing_terms=missing_terms,
    )
    best = _best_sentence(_sentences(figures.text), rules)
    return AnswerReview(
        question_index=question_index,
        question=question,
        answer=figures.text,
        score=score,
        star=list(figures.star_parts),
        worked=_bullets(_worked(reading)),
        improve=_bullets(_improve(reading)),
        stronger_version=(
            _closing_scaffold(figures, code)
            if closing
            # An answer to another question is no start for this one: prompts alone.
            else _scaffold("", (), missing_terms, code)
            if reading.off_topic
            else _scaffold(figures.text, figures.star_parts, missing_terms, code)
        ),
        verdict=_verdict(score, reading),
        quotes=[quote_of(best)] if best else [],
        language=code,
    )


def answer_figures(
    question_entries: Sequence[TranscriptEntry],
    answer: Sequence[TranscriptEntry],
    key_terms: Sequence[str],
    language: str = "en",
) -> AnswerMetrics | None:
    """The delivery metrics of one answer, read after its question (None: unanswered).

    Args:
        question_entries: The interviewer's messages that asked the question.
        answer: The candidate's messages.
        key_terms: The job's key terms.
        language: The interview's language (its fillers, hedges and STAR cues).

    Returns:
        The answer's metrics as the review reads them (`in_language`), or None without
        an answer.
    """
    if not answer:
        return None
    metrics = compute_metrics([*question_entries, *answer], key_terms, language)
    return in_language(metrics.answers[-1], language) if metrics.answers else None


def review_answer_automatically(inputs: AnswerInputs) -> AnswerReview:
    """Review one answer without a model (a retried question, or one of a report's).

    Args:
        inputs: The question, the answer's messages, the job and the interview language.

    Returns:
        The review, in the interview's language, with notes on the résumé when one is
        linked.
    """
    key_terms = extract_key_terms(inputs.job_description, language=inputs.language)
    question = TranscriptEntry(speaker="interviewer", text=inputs.question, start_ms=0)
    figures = answer_figures([question], inputs.answer, key_terms, inputs.language)
    review = review_from_figures(
        question_index=inputs.question_index,
        question=inputs.question,
        figures=figures,
        key_terms=key_terms,
        language=inputs.language,
    )
    if figures is None or not inputs.resume_text.strip():
        return review
    notes = resume_notes(
        ResumeFit.of(inputs.resume_text),
        question=inputs.question,
        answer=figures.text,
        language=inputs.language,
    )
    return review.model_copy(update={"resume_notes": notes})
