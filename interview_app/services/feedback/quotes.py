"""Quotes shown as the candidate's words are checked against the transcript (pure).

A model can misquote, or put words in the candidate's mouth. Before a report is stored,
every quote it presents as the candidate's is looked up in what the candidate said,
ignoring case, punctuation and spacing (an ellipsis may join pieces of one answer):

- each `AnswerReview.quotes` entry;
- in the markdown (categories, summary, strengths, improvements, and each review's
  worked / improve / verdict / résumé notes), a quoted passage of three words or more
  that follows a time ("at 04:12", "(04:12)", "à 04:12 :") or "you said" / "you wrote" /
  "you mentioned": the form the prompt asks the model to quote in, in the quotation marks
  of any interview language ("...", „...", « ... »). Other quoted text (a suggested
  phrasing) is left as it is; a dropped quote's note is in the report's language.

A quote that is not there is dropped (from a list) or replaced by a note (in markdown),
and `FeedbackReport.quotes_dropped` counts them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from interview_app.services.feedback.messages import message
from interview_app.services.feedback.report import AnswerReview, FeedbackReport
from interview_app.services.transcript_entry import TranscriptEntry

DROPPED_NOTE = message("en", "quote.dropped")
_NOT_WORD = re.compile(r"[^\w]+")
_ELLIPSIS = re.compile(r"\.\.\.|\u2026|\[\u2026\]|\[\.\.\.\]")
# A quotation presented as the candidate's: after a time or after "you said". Quotes open
# and close as the interview's language writes them: "...", “...”, „...“, « ... ».
_ATTRIBUTED_QUOTE = re.compile(
    r"(?P<lead>(?:\b\d{1,2}:\d{2}\)?\s?:?|\byou (?:also |then |later )?(?:said|wrote|mentioned|"
    r"answered|told (?:me|us))"
    r"(?: that)?[,:]?)\s*)[\"\u201c\u201e\u00ab]\s?"
    r"(?P<quote>[^\"\u201c\u201d\u00bb\n]+?)\s?[\"\u201d\u201c\u00bb]",
    re.IGNORECASE,
)
MIN_CHECKED_WORDS = 3


def normalise(text: str) -> str:
    """Text as quotes are compared: lower case, words only, single spaces.

    Args:
        text: Any text.

    Returns:
        The words of the text in lower case, separated by single spaces, with a space at
        each end so that a match is always of whole words.
    """
    folded = text.casefold().replace("\u2019", "'").replace("'", "")
    return f" {_NOT_WORD.sub(' ', folded).strip()} "


def candidate_text(transcript: Iterable[TranscriptEntry]) -> str:
    """All the candidate said in a transcript, normalised for quote checks.

    Args:
        transcript: The messages.

    Returns:
        The candidate's messages, normalised and joined.
    """
    return normalise(" ".join(e.text for e in transcript if e.speaker == "interviewee"))


def is_said(quote: str, said: str) -> bool:
    """Whether a quote is the candidate's own words.

    Args:
        quote: The quote, as the feedback shows it (an ellipsis may join pieces).
        said: `candidate_text` of the transcript.

    Returns:
        True when every piece of the quote is in what the candidate said, in order.
    """
    position = 0
    pieces = [normalise(piece) for piece in _ELLIPSIS.split(quote)]
    pieces = [piece for piece in pieces if piece.strip()]
    if not pieces:
        return False
    for piece in pieces:
        found = said.find(piece, position)
        if found == -1:
            return False
        position = found + len(piece) - 1
    return True


def _check_markdown(text: str, said: str, language: str = "en") -> tuple[str, int]:
    dropped = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal dropped
        quote = match.group("quote")
        if len(quote.split()) < MIN_CHECKED_WORDS or is_said(quote, said):
            return match.group(0)
        dropped += 1
        return match.group("lead") + message(language, "quote.dropped")

    return _ATTRIBUTED_QUOTE.sub(replace, text), dropped


def _check_list(quotes: Sequence[str], said: str) -> tuple[list[str], int]:
    kept = [quote for quote in quotes if quote.strip() and is_said(quote, said)]
    return kept, len(quotes) - len(kept)


def verify_review(review: AnswerReview, said: str) -> tuple[AnswerReview, int]:
    """Drop the quotes of one answer's review that the candidate did not say.

    Args:
        review: The review.
        said: `candidate_text` of the transcript the review is about.

    Returns:
        The review with only verified quotes, and how many were dropped.
    """
    quotes, dropped = _check_list(review.quotes, said)
    changes: dict[str, object] = {"quotes": quotes}
    for name in ("worked", "improve", "verdict"):
        text, count = _check_markdown(getattr(review, name), said, review.language)
        changes[name] = text
        dropped += count
    notes = []
    for note in review.resume_notes:
        text, count = _check_markdown(note, said, review.language)
        notes.append(text)
        dropped += count
    changes["resume_notes"] = notes
    return review.model_copy(update=changes), dropped


def verify_quotes(report: FeedbackReport, transcript: Sequence[TranscriptEntry]) -> FeedbackReport:
    """Drop every quote a report shows as the candidate's words that is not in the transcript.

    Args:
        report: The report, as a generator wrote it.
        transcript: The stored transcript it is about.

    Returns:
        The report with unverified quotes dropped (markdown quotes replaced by a note) and
        `quotes_dropped` set to how many were.
    """
    said = candidate_text(transcript)
    dropped = 0
    categories = []
    for category in report.categories:
        markdown, count = _check_markdown(category.markdown, said, report.language)
        categories.append(category.model_copy(update={"markdown": markdown}))
        dropped += count
    summary, count = _check_markdown(report.summary, said, report.language)
    dropped += count
    lists: dict[str, list[str]] = {}
    for name in ("strengths", "improvements"):
        lists[name] = []
        for item in getattr(report, name):
            text, count = _check_markdown(item, said, report.language)
            lists[name].append(text)
            dropped += count
    answers = []
    for review in report.answers:
        checked, count = verify_review(review, said)
        answers.append(checked)
        dropped += count
    return report.model_copy(
        update={
            "categories": categories,
            "summary": summary,
            "answers": answers,
            "quotes_dropped": dropped,
            **lists,
        }
    )
