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
    star_parts,
)
from interview_app.services.feedback.report import AnswerReview
from interview_app.services.jobs.key_terms import extract_key_terms, mentioned_terms
from interview_app.services.transcript_entry import TranscriptEntry, group_consecutive

# Questions that ask for a story ("Tell me about a time ...") are judged on STAR first.
_BEHAVIOURAL = re.compile(
    r"\b(?:tell me about a (?:time|situation|project|moment)|describe a (?:time|situation)|"
    r"give (?:me )?an example|have you ever|a time when|walk me through a (?:time|situation)|"
    r"share an example|talk me through a time|when you had to)\b",
    re.IGNORECASE,
)
# The interview's close, where the candidate's own questions are the answer.
_CLOSING = re.compile(
    r"\b(?:any questions|questions for (?:me|us)|anything you(?:'d| would) like to ask|"
    r"what would you like to (?:know|ask)|do you have (?:a|any) question)\b",
    re.IGNORECASE,
)
# An interviewer's turn asks something when it has a question mark or asks in words.
_ASKS = re.compile(
    r"\?|\b(?:tell me|tell us|describe|walk me through|talk me through|explain|"
    r"share an?|give me)\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_NUMBER = re.compile(
    r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|fifty|"
    r"hundred|thousand|million|half|double|doubled|halved|percent)\b",
    re.IGNORECASE,
)
_CONTENT_WORD = re.compile(r"[a-z][a-z'-]{3,}")
# Words of a question that say nothing about its subject.
_QUESTION_FRAME = frozenset(
    re.findall(
        r"\S+",
        """
    tell about time describe example would your have what when which with that this give
    walk through more some like could should there their they them were been being into
    from does did doing done make made think most best ever each other also just very
    please share talk explain mean handle handled situation something anything kind sort
    want know someone yourself really much many well good great thing things help work
    """,
    )
)
_WE = re.compile(r"\b(?:we|we've|we'd|we're|our|us)\b", re.IGNORECASE)
_I = re.compile(r"\b(?:i|i've|i'd|i'm|my|me)\b", re.IGNORECASE)
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
    """

    question: str
    answer: list[TranscriptEntry]
    job_description: str
    job_title: str | None
    experience_level: str
    question_index: int


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


def is_closing_question(question: str) -> bool:
    """Whether a question invites the candidate's own questions ("Any questions for me?")."""
    return _CLOSING.search(question) is not None


def _content_stems(text: str) -> set[str]:
    return {word[:5] for word in _CONTENT_WORD.findall(text.lower())} - {
        word[:5] for word in _QUESTION_FRAME
    }


def relevance(question: str, answer: str, *, names_a_job_term: bool) -> float:
    """How much an answer speaks to its question, 0..1, from the words they share.

    Args:
        question: The interviewer's question.
        answer: The candidate's answer.
        names_a_job_term: Whether the answer names one of the job's key terms (an answer
            about the job's tools is on topic whatever words it uses).

    Returns:
        1 when the answer shares two of the question's subject words (or the question
        has none, or the answer names a job term), 0.5 for one, 0 for none.
    """
    subject = _content_stems(question)
    if not subject or names_a_job_term:
        return 1.0
    shared = len(subject & _content_stems(answer))
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


def score_answer(figures: AnswerMetrics, *, question: str, relevance_share: float) -> int:
    """Score one answer out of 10.

    A story question ("Tell me about a time ...") weighs the STAR parts most; any other
    question weighs specifics (a number, the job's terms, what *you* did) as much. Short
    answers, hedges, fillers and answers beside the question lose points; the closing
    question is scored on the questions the candidate asked.

    Args:
        figures: The answer's delivery metrics.
        question: The interviewer's question.
        relevance_share: `relevance` of the answer to the question.

    Returns:
        The score.
    """
    if figures.words == 0:
        return 0
    hedges_per_50 = figures.hedges / max(1.0, figures.words / 50)
    hedge_penalty = min(3.0, 1.5 * hedges_per_50)
    if is_closing_question(question):
        asked = len(figures.questions)
        return _clamp(3 + 3 * min(asked, 2) + (1 if asked else -1) - hedge_penalty)
    length = _length_factor(figures.words)
    star = len(figures.star_parts) / len(STAR_PARTS)
    specifics = (
        0.4 * bool(_NUMBER.search(figures.text))
        + 0.3 * bool(figures.key_terms)
        + 0.3 * ("action" in figures.star_parts)
    )
    if _BEHAVIOURAL.search(question):
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
    if figures.spoken and figures.fillers_per_100_words > FILLERS_HIGH:
        filler_penalty = 1.5
    elif figures.spoken and figures.fillers_per_100_words > FILLERS_GOOD:
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


def listed(words: Sequence[str]) -> str:
    """Join words as a sentence lists them: "task", "task and result", "a, b and c"."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _sentences(text: str) -> list[str]:
    return [sentence.strip() for sentence in _SENTENCE.split(text) if sentence.strip()]


def _best_sentence(sentences: list[str]) -> str:
    """The sentence most worth quoting: one with a result or a number, else the first."""
    for sentence in sentences:
        if "result" in star_parts(sentence) or _NUMBER.search(sentence):
            return sentence
    return sentences[0] if sentences else ""


_PROMPTS = {
    "situation": "[Where and when was this? One sentence of context.]",
    "task": "[What were you asked to do, or what was the goal?]",
    "action": '[What did *you* do, step by step? Say "I", not "we".]',
    "result": "[What came of it? Add a number you know: time saved, % improved, users.]",
}
_LABELS = {"situation": "Situation", "task": "Task", "action": "Action", "result": "Result"}


def _scaffold(text: str, parts: tuple[str, ...], missing_terms: list[str]) -> str:
    """A stronger version built from the candidate's own sentences, sorted by STAR part."""
    by_part: dict[str, list[str]] = {part: [] for part in STAR_PARTS}
    # A few words with no part in them ("Not sure.") are no start to build on.
    own = _sentences(text) if parts or len(text.split()) >= SHORT_ANSWER_WORDS else []
    for position, sentence in enumerate(own):
        found = star_parts(sentence)
        # A sentence with no marker of its own reads as context first, as action after.
        part = found[0] if found else ("situation" if position == 0 else "action")
        by_part[part].append(sentence)
    lines = []
    for part in STAR_PARTS:
        own = " ".join(by_part[part])
        if own and part in parts:
            lines.append(f"**{_LABELS[part]}:** {own}")
        elif own:
            lines.append(f"**{_LABELS[part]}:** {own} {_PROMPTS[part]}")
        else:
            lines.append(f"**{_LABELS[part]}:** {_PROMPTS[part]}")
    if "result" in parts and not _NUMBER.search(" ".join(by_part["result"])):
        lines[-1] += " [Put a number on it if you have one.]"
    if missing_terms:
        lines.append(f"*Tie it to the job:* if you used {' or '.join(missing_terms)} here, say so.")
    return "\n\n".join(lines)


def _closing_scaffold(figures: AnswerMetrics) -> str:
    asked = list(figures.questions)
    lines = [f"- {question}" for question in asked[:3]]
    while len(lines) < 2:
        lines.append(
            "- [A question about the work itself, e.g. what success looks like in this "
            "role after six months]"
            if not lines
            else "- [A question about the team, e.g. how it plans and reviews its work]"
        )
    return "\n".join(lines)


def _worked(
    figures: AnswerMetrics, closing: bool, relevance_share: float, off_topic: bool
) -> list[str]:
    # Nothing in an answer about something else is worth keeping for this question.
    if figures.words == 0 or off_topic:
        return []
    points = []
    if closing and figures.questions:
        points.append(f"You asked {len(figures.questions)} question(s) of your own.")
    if len(figures.star_parts) == len(STAR_PARTS):
        points.append("All four STAR parts: situation, task, action and result.")
    elif "action" in figures.star_parts:
        points.append("You said what *you* did.")
    if "result" in figures.star_parts and _NUMBER.search(figures.text):
        points.append("You put a number on the outcome.")
    if figures.key_terms:
        points.append(f"You named the job's {', '.join(figures.key_terms)}.")
    if not points and relevance_share == 1.0:
        points.append("You answered the question that was asked.")
    return points


def _missing_parts(figures: AnswerMetrics, question: str) -> list[str]:
    # A story question asks for all four STAR parts; any other ("Tell me about yourself",
    # "What trade-offs ...") for an example behind the claim: what you did, what came of it.
    wanted = STAR_PARTS if _BEHAVIOURAL.search(question) else ("action", "result")
    return [part for part in wanted if part not in figures.star_parts]


def _improve(
    figures: AnswerMetrics,
    question: str,
    closing: bool,
    off_topic: bool,
    missing_terms: list[str],
) -> list[str]:
    if figures.words == 0:
        return ["Answer the question, even briefly: a skipped question scores 0."]
    points = []
    if closing:
        if not figures.questions:
            points.append(
                "Ask one or two questions about the team or the work; none can read as "
                "low interest."
            )
        return points
    if figures.words < SHORT_ANSWER_WORDS:
        points.append(
            f"Say more: {figures.words} words cannot show what you did. Strong answers run "
            f"{ANSWER_WORDS_NORM[0]} to {ANSWER_WORDS_NORM[1]} words."
        )
    elif figures.words > ANSWER_WORDS_NORM[1] + 100:
        points.append(f"Tighten it: {figures.words} words; aim for {ANSWER_WORDS_NORM[1]}.")
    missing = _missing_parts(figures, question)
    if missing:
        points.append(f"Add the {listed(missing)}.")
    if "result" in figures.star_parts and not _NUMBER.search(figures.text):
        points.append("Put a number on the result (time, money, %, people).")
    if figures.hedges:
        points.append(
            f'Drop the hedges ("I think", "maybe": {figures.hedges} here) and say it plainly.'
        )
    if figures.spoken and figures.fillers_per_100_words > FILLERS_GOOD:
        points.append(f"Pause instead of filling: {figures.fillers} filler word(s) in this answer.")
    if len(_WE.findall(figures.text)) > 2 and not _I.search(figures.text):
        points.append('Say what *you* did: the answer says "we" throughout.')
    if off_topic:
        points.append("Answer the question that was asked; this answer spoke about another.")
    if missing_terms:
        points.append(f"Tie it to the job: {', '.join(missing_terms)}, where you have it.")
    return points


def _verdict(
    score: int, figures: AnswerMetrics, question: str, closing: bool, off_topic: bool
) -> str:
    if figures.words == 0:
        return "No answer."
    if closing:
        asked = len(figures.questions)
        return f"You asked {asked} question(s)." if asked else "No questions of your own."
    if figures.words < SHORT_ANSWER_WORDS:
        return f"Too short to judge: {figures.words} words."
    missing = _missing_parts(figures, question)
    if score >= 8:
        return "Strong: a complete, specific answer."
    if figures.hedges >= 2 and score >= 5:
        return "Hedged: the substance is there, say it with conviction."
    if figures.hedges >= 2:
        return "Hedged and thin: say plainly what you know, with an example."
    if off_topic:
        return "Off the question: answer what was asked, with a story of your own."
    if missing:
        return f"{'Solid' if score >= 6 else 'Thin'}, but missing the {listed(missing)}."
    return "Solid; add specifics to make it memorable."


def _bullets(points: list[str]) -> str:
    return "\n".join(f"- {point}" for point in points)


def review_from_figures(
    *,
    question_index: int,
    question: str,
    figures: AnswerMetrics | None,
    key_terms: Sequence[str],
) -> AnswerReview:
    """Review one answer from its delivery metrics (the automatic generator's review).

    Args:
        question_index: The question's 0-based position among the interview's questions.
        question: The interviewer's question.
        figures: The answer's metrics, or None when it was not answered.
        key_terms: The job's key terms.

    Returns:
        The review; its quotes are the candidate's own words, verbatim.
    """
    if figures is None or figures.words == 0:
        return AnswerReview(
            question_index=question_index,
            question=question,
            answer=figures.text if figures else "",
            score=0,
            improve=_bullets(["Answer the question, even briefly: a skipped question scores 0."]),
            stronger_version=_scaffold("", (), []),
            verdict="No answer.",
        )
    closing = is_closing_question(question)
    share = relevance(question, figures.text, names_a_job_term=bool(figures.key_terms))
    score = score_answer(figures, question=question, relevance_share=share)
    # The job's terms the question itself names come first: the answer should use them.
    asked_terms = mentioned_terms(key_terms, question)
    unmentioned = [t for t in (*asked_terms, *key_terms) if t not in figures.key_terms]
    missing_terms = list(dict.fromkeys(unmentioned))[:2] if not closing else []
    off_topic = _off_topic(figures, share)
    best = _best_sentence(_sentences(figures.text))
    return AnswerReview(
        question_index=question_index,
        question=question,
        answer=figures.text,
        score=score,
        star=list(figures.star_parts),
        worked=_bullets(_worked(figures, closing, share, off_topic)),
        improve=_bullets(_improve(figures, question, closing, off_topic, missing_terms)),
        stronger_version=(
            _closing_scaffold(figures)
            if closing
            # An answer to another question is no start for this one: prompts alone.
            else _scaffold("", (), missing_terms)
            if off_topic
            else _scaffold(figures.text, figures.star_parts, missing_terms)
        ),
        verdict=_verdict(score, figures, question, closing, off_topic),
        quotes=[quote_of(best)] if best else [],
    )


def answer_figures(
    question_entries: Sequence[TranscriptEntry],
    answer: Sequence[TranscriptEntry],
    key_terms: Sequence[str],
) -> AnswerMetrics | None:
    """The delivery metrics of one answer, read after its question (None: unanswered).

    Args:
        question_entries: The interviewer's messages that asked the question.
        answer: The candidate's messages.
        key_terms: The job's key terms.

    Returns:
        The answer's metrics, or None without an answer.
    """
    if not answer:
        return None
    metrics = compute_metrics([*question_entries, *answer], key_terms)
    return metrics.answers[-1] if metrics.answers else None


def review_answer_automatically(inputs: AnswerInputs) -> AnswerReview:
    """Review one answer without a model (a retried question, or one of a report's).

    Args:
        inputs: The question, the answer's messages and the job.

    Returns:
        The review.
    """
    key_terms = extract_key_terms(inputs.job_description)
    question = TranscriptEntry(speaker="interviewer", text=inputs.question, start_ms=0)
    figures = answer_figures([question], inputs.answer, key_terms)
    return review_from_figures(
        question_index=inputs.question_index,
        question=inputs.question,
        figures=figures,
        key_terms=key_terms,
    )
