"""What the feedback model reads and what it must answer (SPEC §7), as pure functions.

The prompt gives the model the timed transcript (when each message started, the pause
before it, and the interviewee's few strongest expressed emotions), the candidate's name,
the job, and the interview's questions numbered as `answers.pair_answers` numbers them.
The answer is JSON in the shape of `GeminiFeedback`, parsed leniently into a validated
`FeedbackReport` whose `answers` hold the model's review of each numbered question.

A retried question is reviewed alone: `build_answer_prompt` and `ANSWER_SYSTEM_PROMPT`
ask for one `GeminiAnswer`, read by `parse_answer_review`. Both prompts tell the model to
write the stronger version from the candidate's own facts and never to invent one.

Both name the interview's language, in which every text field is to be written (the JSON
keys, category names and STAR part names stay English), and, when a résumé is linked to
the job, give a bounded summary and excerpt of it and ask for `resume_notes` on each answer:
what the answer could have used from the résumé, and what it claims that the résumé does
not support.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError

from interview_app.services.feedback.answers import AnswerInputs, AnswerPair, pair_answers
from interview_app.services.feedback.report import (
    FEEDBACK_CATEGORIES,
    AnswerReview,
    CategoryFeedback,
    FeedbackReport,
    StarPart,
)
from interview_app.services.languages import language_for
from interview_app.services.llm.chat import parse_json_object
from interview_app.services.resumes.facts import resume_summary
from interview_app.services.transcript_entry import TOP_EMOTIONS_KEPT, TranscriptEntry, top_emotions

EXPERIENCE_LABELS = {"junior": "Junior", "mid-level": "Mid-Level", "senior": "Senior"}

# How each answer is reviewed: the same words in the full report and in a retry's review.
_ANSWER_RULES = """\
- score: out of 10 for this answer alone, against the job and its level.
- star: the STAR parts the answer has, among "situation", "task", "action", "result".
- worked: what worked, and improve: what to improve, each one to three short markdown \
bullets.
- stronger_version: the same answer made stronger, in the candidate's voice. Use only \
the facts the candidate gave: never invent an achievement, a number, a tool or an \
employer. Where the answer lacks a part (a result, a number, what they did themselves), \
write a bracketed prompt for it instead, like [the number of users this reached].
- verdict: one line.
- quotes: one to three short passages the candidate said in this answer, copied word \
for word; never paraphrase inside quotes. Quotes are checked against the transcript and \
any that are not found are removed.
- resume_notes: only when a résumé is given, at most three short sentences: where the \
answer could have used something from the résumé that fits the question (a project, an \
employer, a skill), and where the answer claims something the résumé does not support (an \
employer, a technology, a number of years it never mentions). Flag only concrete named \
things and numbers, never a judgement. An empty list when there is nothing to note or no \
résumé.
"""
# Where the interview's language and the JSON's English meet: said once, in both prompts.
_LANGUAGE_RULE = """\
- Write every text field (summary, markdown, strengths, improvements, worked, improve, \
stronger_version, verdict, resume_notes) in the interview's language, named under \
"## Interview language". Keep the JSON keys, the category names and the STAR part names \
exactly as given, in English. Quotes stay in the words the candidate used.
"""

SYSTEM_PROMPT = f"""\
You are an experienced interview coach. You read the transcript of a mock job interview \
that a candidate held with an AI interviewer, and you write honest, constructive feedback \
addressed to the candidate as "you".

What you receive:
- The job the candidate prepares for: its title, experience level and description.
- The candidate's name.
- The transcript, one message per line: the time since the call started (mm:ss), the \
pause before the message, the speaker (interviewer or interviewee), and, for the \
interviewee only, the emotions most strongly expressed in their voice, strongest first, \
with their intensity from 0 to 1. These are what the voice expressed, not what the \
candidate felt.
- Sometimes facts measured from the recording (speaking pace, filler words and the like).

What you write, as JSON in the requested structure:
- overall_score: the overall rating out of 10, and summary: two or three sentences that \
give the overall impression.
- categories: exactly these seven, in this order, each with a score out of 10 and \
markdown feedback: {"; ".join(FEEDBACK_CATEGORIES)}.
- strengths and improvements: the top three of each, one sentence apiece.
- answers: a review of every numbered question in "## Questions", in order, each with \
its question_index and:
{_ANSWER_RULES}
How you write it:
- Speak to the candidate directly ("you answered...", "your pace...").
- Ground every judgement in the transcript: quote short moments with their time, like \
(at 04:12) "...", copying the candidate's words exactly. Put suggested wording in \
italics, not in quotes. Judge pacing and timing from the times and pauses you are given.
- Typed answers have no speaking pace or pauses: if every answer was typed, give \
Pacing and Timing the score null and say that pace was not measured.
- Describe emotions in words ("you sounded calm and interested"); never give emotion \
numbers or scores from the transcript.
- Judge the answers against the job's requirements and its experience level, without \
restating the job description.
- Be specific and kind, but do not inflate scores: a 10 is exceptional.
- Markdown inside the categories: short paragraphs and bullet lists; no headings of \
level 1 or 2 and no title.
{_LANGUAGE_RULE}"""


ANSWER_SYSTEM_PROMPT = f"""\
You are an experienced interview coach. A candidate preparing for a job answered one \
interview question again. Review this one answer and write, as JSON in the requested \
structure, addressed to the candidate as "you":
{_ANSWER_RULES}
Be specific and kind, but do not inflate the score: a 10 is exceptional.
{_LANGUAGE_RULE}"""


class GeminiCategory(BaseModel):
    """One category as the model answers it."""

    name: Literal[FEEDBACK_CATEGORIES]  # type: ignore[valid-type]
    score: int | None = Field(ge=0, le=10)
    markdown: str


class GeminiAnswer(BaseModel):
    """One answer's review as the model answers it (in a report, or alone for a retry)."""

    question_index: int = Field(ge=0)
    score: int = Field(ge=0, le=10)
    star: list[StarPart]
    worked: str
    improve: str
    stronger_version: str
    verdict: str
    quotes: list[str]
    resume_notes: list[str]


class GeminiFeedback(BaseModel):
    """The structure the model is asked to answer with (its response schema)."""

    overall_score: int = Field(ge=0, le=10)
    summary: str
    categories: list[GeminiCategory]
    strengths: list[str]
    improvements: list[str]
    answers: list[GeminiAnswer]


@dataclass(frozen=True, slots=True)
class FeedbackInputs:
    """Everything a feedback generator reads about one interview.

    Attributes:
        candidate_name: The candidate's name.
        job_title: The job's title (may be empty).
        job_name: The name the candidate gave the job info.
        job_description: The job description.
        experience_level: `junior`, `mid-level` or `senior`.
        transcript: The stored transcript, in order.
        facts: Measured facts about the delivery, one sentence each (may be empty).
        language: The interview's language (ISO 639-1); the feedback is written in it.
        resume_text: The text of the résumé linked to the job ("" when none).
    """

    candidate_name: str
    job_title: str
    job_name: str
    job_description: str
    experience_level: str
    transcript: Sequence[TranscriptEntry]
    facts: Sequence[str] = field(default_factory=tuple)
    language: str = "en"
    resume_text: str = ""


def clock(milliseconds: int) -> str:
    """Format an offset since the call started as mm:ss (minutes may exceed 59).

    Args:
        milliseconds: The offset; negative values count as 0.

    Returns:
        For example `04:07` or `75:03`.
    """
    seconds = max(milliseconds, 0) // 1000
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def _pause_before(entry: TranscriptEntry, previous: TranscriptEntry | None) -> str:
    if previous is None:
        return "first message"
    # Without the previous message's end, the gap between starts is all we know.
    reference = previous.end_ms if previous.end_ms is not None else previous.start_ms
    pause_seconds = max(entry.start_ms - reference, 0) / 1000
    kind = "pause" if previous.end_ms is not None else "after the previous start"
    return f"{pause_seconds:.1f} s {kind}"


def _emotion_words(emotions: Mapping[str, float] | None, kept: int | None) -> str:
    strongest = top_emotions(emotions, kept if kept is not None else len(emotions or {}))
    if not strongest:
        return ""
    return "; expressed: " + ", ".join(f"{name} {score:.2f}" for name, score in strongest.items())


def format_transcript(
    transcript: Sequence[TranscriptEntry], emotions_kept: int | None = TOP_EMOTIONS_KEPT
) -> str:
    """Write a transcript as the timed lines the model reads.

    Each line is `[mm:ss | pause] speaker: text`; interviewee lines add their strongest
    expressed emotions, interviewer lines never carry any.

    Args:
        transcript: The messages, in order.
        emotions_kept: How many emotions to keep per interviewee message; None keeps all
            (used only to measure what keeping a few saves).

    Returns:
        One line per message.
    """
    lines = []
    previous: TranscriptEntry | None = None
    for entry in transcript:
        text = " ".join(entry.text.split())
        details = f"{clock(entry.start_ms)} | {_pause_before(entry, previous)}"
        if entry.speaker == "interviewee":
            details += _emotion_words(entry.emotions, emotions_kept)
            if not entry.spoken:
                details += "; typed, not spoken"
        lines.append(f"[{details}] {entry.speaker}: {text}")
        previous = entry
    return "\n".join(lines)


# How much of a résumé the model reads: a summary of its facts and the start of its text.
RESUME_SUMMARY_CHARS = 600
RESUME_EXCERPT_CHARS = 2_000


def language_section(code: str) -> list[str]:
    """The prompt's section that names the interview's language.

    Args:
        code: The interview's language (ISO 639-1).

    Returns:
        The section's lines.
    """
    language = language_for(code)
    return [
        "## Interview language",
        f"{language.name} ({language.native_name}, {language.code}). Write every text field "
        f"in {language.name}; keep the JSON keys, category names and STAR part names in "
        "English.",
    ]


def resume_section(resume_text: str) -> list[str]:
    """The prompt's section with the résumé linked to the job, bounded in length.

    Args:
        resume_text: The résumé's text ("" when none is linked).

    Returns:
        The section's lines: its summary and the start of its text; none without a résumé.
    """
    text = resume_text.strip()
    if not text:
        return []
    excerpt = " ".join(text.split())
    if len(excerpt) > RESUME_EXCERPT_CHARS:
        excerpt = excerpt[: RESUME_EXCERPT_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return [
        "## Résumé",
        "The résumé the candidate linked to this job. Use it for resume_notes only; it is "
        "what the candidate wrote, not what they said in the interview.",
        f"Summary: {resume_summary(text, max_chars=RESUME_SUMMARY_CHARS)}",
        f"Excerpt: {excerpt}",
    ]


def build_prompt(inputs: FeedbackInputs, emotions_kept: int | None = TOP_EMOTIONS_KEPT) -> str:
    """Write the user message of a feedback request.

    Args:
        inputs: The interview's transcript, candidate and job.
        emotions_kept: How many emotions to keep per interviewee message (None: all).

    Returns:
        The message, in plain text with labelled sections.
    """
    level = EXPERIENCE_LABELS.get(inputs.experience_level, inputs.experience_level)
    parts = [
        "## Job",
        f"Title: {inputs.job_title.strip() or inputs.job_name.strip()}",
        f"Experience level: {level}",
        "Description:",
        inputs.job_description.strip(),
        "",
        "## Candidate",
        f"Name: {inputs.candidate_name.strip()}",
        "",
        *language_section(inputs.language),
    ]
    if resume := resume_section(inputs.resume_text):
        parts += ["", *resume]
    if inputs.facts:
        parts += ["", "## Measured facts", *(f"- {fact}" for fact in inputs.facts)]
    parts += ["", "## Transcript", format_transcript(inputs.transcript, emotions_kept)]
    pairs = pair_answers(inputs.transcript)
    if pairs:
        parts += ["", "## Questions", *(_numbered(pair) for pair in pairs)]
    return "\n".join(parts) + "\n"


def _numbered(pair: AnswerPair) -> str:
    answered = "" if pair.answer else " (not answered)"
    return f"{pair.question_index}. {' '.join(pair.question.split())}{answered}"


def build_answer_prompt(inputs: AnswerInputs) -> str:
    """Write the user message of a one-answer review (a retried question).

    Args:
        inputs: The question, the answer's messages and the job.

    Returns:
        The message, in plain text with labelled sections.
    """
    level = EXPERIENCE_LABELS.get(inputs.experience_level, inputs.experience_level)
    answer = "\n".join(" ".join(entry.text.split()) for entry in inputs.answer)
    typed = inputs.answer and not any(entry.spoken for entry in inputs.answer)
    parts = [
        "## Job",
        f"Title: {(inputs.job_title or '').strip() or 'not given'}",
        f"Experience level: {level}",
        "Description:",
        inputs.job_description.strip(),
        "",
        *language_section(inputs.language),
        *(["", *resume_section(inputs.resume_text)] if inputs.resume_text.strip() else []),
        "",
        f"## Question (question_index {inputs.question_index})",
        " ".join(inputs.question.split()),
        "",
        "## The candidate's answer" + (" (typed, not spoken)" if typed else ""),
        answer or "(no answer)",
    ]
    return "\n".join(parts) + "\n"


_BIG_HEADING = re.compile(r"^#{1,2}(?=\s)", re.MULTILINE)


def _category_key(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.casefold().replace("&", "and"))


_CATEGORY_BY_KEY = {_category_key(name): name for name in FEEDBACK_CATEGORIES}


def _categories_in_order(raw: object) -> list[CategoryFeedback]:
    if not isinstance(raw, list):
        msg = "categories is not a list"
        raise ValueError(msg)
    by_name: dict[str, CategoryFeedback] = {}
    for item in raw:
        if not isinstance(item, dict):
            continue
        name = _CATEGORY_BY_KEY.get(_category_key(str(item.get("name", ""))))
        if name is None or name in by_name:
            continue
        # The page has its own headings: the model's big ones become small ones.
        markdown = _BIG_HEADING.sub("###", str(item.get("markdown", "")).strip())
        by_name[name] = CategoryFeedback(name=name, score=item.get("score"), markdown=markdown)
    missing = [name for name in FEEDBACK_CATEGORIES if name not in by_name]
    if missing:
        msg = f"categories missing: {missing}"
        raise ValueError(msg)
    return [by_name[name] for name in FEEDBACK_CATEGORIES]


def _sentences(raw: object) -> list[str]:
    if not isinstance(raw, list):
        return []
    return [str(item).strip() for item in raw if str(item).strip()][:10]


def _text(raw: object) -> str:
    return _BIG_HEADING.sub("###", str(raw or "").strip())


def _review(
    item: Mapping[str, Any],
    *,
    index: int,
    question: str,
    answer: str,
    language: str = "en",
    with_resume: bool = False,
) -> AnswerReview:
    """One answer's review from the model's item; our question and answer, its judgement.

    Résumé notes are kept only when the model was given a résumé to note against.
    """
    star = {str(part).strip().casefold() for part in item.get("star") or []}
    quotes = item.get("quotes")
    return AnswerReview(
        question_index=index,
        question=question,
        answer=answer,
        score=item.get("score"),
        star=[part for part in ("situation", "task", "action", "result") if part in star],
        worked=_text(item.get("worked")),
        improve=_text(item.get("improve")),
        stronger_version=_text(item.get("stronger_version")),
        verdict=" ".join(str(item.get("verdict") or "").split()),
        resume_notes=_sentences(item.get("resume_notes"))[:3] if with_resume else [],
        language=language,
        quotes=[str(q).strip() for q in quotes if str(q).strip()][:10]
        if isinstance(quotes, list)
        else [],
    )


def _answer_reviews(
    raw: object, pairs: Sequence[AnswerPair], language: str, with_resume: bool
) -> list[AnswerReview]:
    """The model's reviews of the numbered questions; an unusable item is skipped."""
    if not isinstance(raw, list):
        return []
    by_index: dict[int, AnswerReview] = {}
    for item in raw:
        if not isinstance(item, dict):
            continue
        index = item.get("question_index")
        if not isinstance(index, int) or not 0 <= index < len(pairs) or index in by_index:
            continue
        pair = pairs[index]
        try:
            by_index[index] = _review(
                item,
                index=index,
                question=pair.question,
                answer=pair.answer_text,
                language=language,
                with_resume=with_resume,
            )
        except ValidationError:
            continue
    return [by_index[index] for index in sorted(by_index)]


def parse_feedback(
    text: str | None,
    pairs: Sequence[AnswerPair] = (),
    *,
    language: str = "en",
    with_resume: bool = False,
) -> FeedbackReport:
    """Turn the model's answer into a validated report, forgiving harmless differences.

    Accepts JSON in a code fence or amid a sentence or two, category names that differ in
    case or punctuation, categories out of order, and whole-number scores written as floats.
    Refuses anything that lacks a category, a score in 0-10 (or null, for a category not
    measured) or a summary. Answer reviews are read for the questions in `pairs` by their
    `question_index`, taking the question and answer from the transcript and the
    judgement from the model; an unusable or unknown review is skipped, not fatal.

    Args:
        text: The model's answer.
        pairs: The interview's questions and answers (`answers.pair_answers`).
        language: The interview's language, which the report is written in.
        with_resume: Whether the model was given a résumé (its résumé notes are kept
            only then).

    Returns:
        The report, with `generator` "gemini".

    Raises:
        ValueError: The answer is empty or is not feedback in the expected structure.
    """
    data = parse_json_object(text)
    try:
        return FeedbackReport(
            overall_score=data.get("overall_score"),
            summary=str(data.get("summary") or "").strip(),
            categories=_categories_in_order(data.get("categories")),
            strengths=_sentences(data.get("strengths")),
            improvements=_sentences(data.get("improvements")),
            generator="gemini",
            answers=_answer_reviews(
                data.get("answers"), pairs, language_for(language).code, with_resume
            ),
            language=language_for(language).code,
        )
    except ValidationError as error:
        msg = f"invalid structure: {error.error_count()} errors"
        raise ValueError(msg) from error


def parse_answer_review(text: str | None, inputs: AnswerInputs) -> AnswerReview:
    """Turn the model's review of one answer into a validated `AnswerReview`.

    Args:
        text: The model's answer (JSON of a `GeminiAnswer`, perhaps in a code fence).
        inputs: The question and answer it reviews (their text is ours, not the model's).

    Returns:
        The review.

    Raises:
        ValueError: The answer is empty or not a review in the expected structure.
    """
    data = parse_json_object(text)
    answer = " ".join(entry.text.strip() for entry in inputs.answer if entry.text.strip())
    try:
        return _review(
            data,
            index=inputs.question_index,
            question=inputs.question,
            answer=answer,
            language=language_for(inputs.language).code,
            with_resume=bool(inputs.resume_text.strip()),
        )
    except ValidationError as error:
        msg = f"invalid structure: {error.error_count()} errors"
        raise ValueError(msg) from error
