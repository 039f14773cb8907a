"""The shape of a practice question bank, shared by every language's module."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FollowUps:
    """The rule-based follow-ups, one per thing an answer can leave out.

    Attributes:
        short: More substance, for a short answer.
        own_part: The candidate's own part, when they said "we" throughout.
        outcome: The result, when none was told.
        number: A number, when the result had none.
        reflection: What they would do differently, when nothing was left out.
    """

    short: str
    own_part: str
    outcome: str
    number: str
    reflection: str


@dataclass(frozen=True, slots=True)
class AnswerWords:
    """What the follow-up rules look for in an answer, in one language.

    Attributes:
        spaced: Whether words are written apart; Japanese is not, so its answers are
            measured in characters and its words found as substrings.
        short_answer: Below this many words (characters when not `spaced`) an answer is
            short.
        we: Words for "we" and "our".
        own: Words for "I", "my", "me".
        outcome: Words (stems, unless `exact`) that tell a result.
        numbers: Number words (digits always count).
        exact: Whether the words must match whole (English) or may be word starts
            ("reduzier" for "reduzierte", "reduziert", ...).
    """

    spaced: bool
    short_answer: int
    we: frozenset[str]
    own: frozenset[str]
    outcome: frozenset[str]
    numbers: frozenset[str]
    exact: bool = False


@dataclass(frozen=True, slots=True)
class QuestionBank:
    """Every question template of a practice in one language.

    Attributes:
        role_named: The job as a phrase, with `{title}` (English: "this {title} role").
        role_unnamed: The job as a phrase when it has no title ("this role").
        openers: Opening questions, with `{role}`.
        closes: Closing questions.
        skill_templates: Per level, questions on one key term of the job, with `{term}`.
        role_fallbacks: Questions on the job itself, with `{role}`.
        behavioural: Per level, ten questions each answerable with STAR.
        resume_project: Questions on a project the résumé names, with `{project}`.
        resume_employer: Questions on an employer, with `{employer}`.
        resume_skill: Questions on a skill both the résumé and the job name, with `{skill}`.
        resume_gap: Questions on a key term of the job the résumé does not show, with
            `{term}`.
        follow_ups: The rule-based follow-ups.
        answer_words: What the follow-up rules look for in an answer.
    """

    role_named: str
    role_unnamed: str
    openers: tuple[str, ...]
    closes: tuple[str, ...]
    skill_templates: dict[str, tuple[str, ...]]
    role_fallbacks: tuple[str, ...]
    behavioural: dict[str, tuple[str, ...]]
    resume_project: tuple[str, ...]
    resume_employer: tuple[str, ...]
    resume_skill: tuple[str, ...]
    resume_gap: tuple[str, ...]
    follow_ups: FollowUps
    answer_words: AnswerWords
