"""The practice interviewer's words in each interview language (SPEC §6).

One module per language holds a `QuestionBank`: every question template a practice may
ask, the follow-ups the rules choose between, and the words those rules look for in an
answer. Each bank is written as an interviewer speaking that language would ask, not
word for word from English; placeholders (`{role}`, `{term}`, ...) sit where that
language's grammar takes them, which is why the role phrase is a template of its own.
"""

from __future__ import annotations

from interview_app.services.languages import language_for
from interview_app.services.voice.practice_bank import de, en, es, fr, hi, it, ja, nl, pl, pt
from interview_app.services.voice.practice_bank.base import AnswerWords, FollowUps, QuestionBank

__all__ = ["BANKS", "AnswerWords", "FollowUps", "QuestionBank", "bank_for"]

BANKS: dict[str, QuestionBank] = {
    module.LANGUAGE: module.BANK for module in (en, de, fr, es, pt, it, nl, pl, hi, ja)
}


def bank_for(language: str | None) -> QuestionBank:
    """Return the question bank of an interview language (English for an unknown one).

    Args:
        language: A language code as stored on a job info.

    Returns:
        The bank.
    """
    return BANKS[language_for(language).code]
