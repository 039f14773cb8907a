"""The questions of a practice interview, planned locally from the job info (SPEC §6).

A plan has 6 to 8 questions: an opener; questions on the skills and tools the description
names (`key_terms.extract_key_terms`); with a résumé linked, two questions on what it
names (a project, an employer, a skill the job also asks for, or a job's key term it does
not show); behavioural questions for the experience level, each answerable with STAR
(situation, task, action, result); and a close. Each plan is drawn at random from the bank
of the job's interview language (`practice_bank`), avoiding the questions of the job's
previous practice, so two practices in a row never ask the same set; a question can be
swapped for another of its kind before it is answered; and `follow_up_question` reacts to
an answer, in the same language. No key needed.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Literal

from interview_app.services.jobs.key_terms import extract_key_terms
from interview_app.services.resumes.facts import (
    extract_resume_facts,
    skills_in_common,
    skills_missing,
)
from interview_app.services.voice.practice_bank import (
    BANKS,
    AnswerWords,
    QuestionBank,
    bank_for,
)

QuestionKind = Literal["opener", "role", "resume", "behavioural", "follow_up", "close"]
MIN_QUESTIONS = 6
MAX_QUESTIONS = 8
MAX_SKILL_QUESTIONS = 3
# Questions on the résumé in a plan (when it names enough), and the fewest behavioural
# questions a plan keeps beside them.
RESUME_QUESTIONS = 2
MIN_BEHAVIOURAL = 2
# The résumé's facts of each sort a plan draws from: the first ones are its newest or most
# prominent, and a long list would only make the bank larger.
MAX_RESUME_SUBJECTS = 4


@dataclass(frozen=True, slots=True)
class PlannedQuestion:
    """One question of a practice interview.

    Attributes:
        kind: `opener`, `role` (skills and tools of the job), `resume` (what the
            candidate's résumé names), `behavioural`, `follow_up` (asked about the answer
            before it) or `close`.
        text: The question as it is shown and spoken.
    """

    kind: QuestionKind
    text: str


@dataclass(frozen=True, slots=True)
class ResumeTopics:
    """What a practice may ask about the candidate's résumé.

    Attributes:
        projects: Projects the résumé names.
        employers: Employers the résumé names.
        shared_skills: Skills the résumé lists that the job description also asks for.
        gaps: The job's key terms the résumé never mentions.
    """

    projects: tuple[str, ...] = ()
    employers: tuple[str, ...] = ()
    shared_skills: tuple[str, ...] = ()
    gaps: tuple[str, ...] = ()


def resume_topics(
    *, resume_text: str, description: str, job_key_terms: Sequence[str]
) -> ResumeTopics:
    """Find what a practice may ask about a résumé, for one job.

    Args:
        resume_text: The résumé's text.
        description: The job description.
        job_key_terms: The job's key terms, most important first.

    Returns:
        The first few projects, employers, shared skills and gaps.
    """
    facts = extract_resume_facts(resume_text)
    return ResumeTopics(
        projects=facts.projects[:MAX_RESUME_SUBJECTS],
        employers=facts.employers[:MAX_RESUME_SUBJECTS],
        shared_skills=skills_in_common(facts, description)[:MAX_RESUME_SUBJECTS],
        gaps=skills_missing(job_key_terms, resume_text)[:MAX_RESUME_SUBJECTS],
    )


SWAPPABLE_KINDS: frozenset[str] = frozenset({"opener", "role", "resume", "behavioural", "close"})
MAX_TERMS_DRAWN = 6


def _level(experience_level: str, bank: QuestionBank) -> str:
    return experience_level if experience_level in bank.behavioural else "mid-level"


def _role(title: str | None, bank: QuestionBank) -> str:
    title = (title or "").strip()
    return bank.role_named.format(title=title) if title else bank.role_unnamed


def _questions_beside_the_job(
    title: str | None, level: str, bank: QuestionBank
) -> dict[str, list[str]]:
    # The kinds that do not depend on the description's key terms or the résumé.
    role = _role(title, bank)
    return {
        "opener": [text.format(role=role) for text in bank.openers],
        "behavioural": list(bank.behavioural[level]),
        "close": list(bank.closes),
    }


def _resume_candidates(topics: ResumeTopics, bank: QuestionBank) -> list[tuple[str, str, str]]:
    # (sort of fact, the fact, the question) for every fact and template.
    groups = (
        ("project", topics.projects, bank.resume_project, "project"),
        ("employer", topics.employers, bank.resume_employer, "employer"),
        ("skill", topics.shared_skills, bank.resume_skill, "skill"),
        ("gap", topics.gaps, bank.resume_gap, "term"),
    )
    return [
        (sort, subject, template.format(**{placeholder: subject}))
        for sort, subjects, templates, placeholder in groups
        for subject in subjects
        for template in templates
    ]


def question_bank(
    *,
    title: str | None,
    description: str,
    experience_level: str,
    language: str = "en",
    resume: ResumeTopics | None = None,
) -> dict[str, list[str]]:
    """Every question a practice for this job may ask, by kind.

    Args:
        title: The job title, if any.
        description: The job description.
        experience_level: `junior`, `mid-level` or `senior` (others count as mid-level).
        language: The interview language's code (English for an unknown one).
        resume: What the candidate's résumé offers to ask about, if one is linked.

    Returns:
        The texts for `opener`, `role`, `resume` (empty without a résumé), `behavioural`
        and `close`, without duplicates.
    """
    bank = bank_for(language)
    level = _level(experience_level, bank)
    terms = extract_key_terms(description)[:MAX_TERMS_DRAWN]
    role_questions = [
        template.format(term=term) for term in terms for template in bank.skill_templates[level]
    ]
    role_questions += [text.format(role=_role(title, bank)) for text in bank.role_fallbacks]
    resume_questions = [text for _, _, text in _resume_candidates(resume or ResumeTopics(), bank)]
    return {
        **_questions_beside_the_job(title, level, bank),
        "role": list(dict.fromkeys(role_questions)),
        "resume": list(dict.fromkeys(resume_questions)),
    }


def _draw(
    candidates: Sequence[str], count: int, avoid: Collection[str], rng: random.Random
) -> list[str]:
    # Questions not asked last time first, each group in random order.
    fresh = [text for text in candidates if text not in avoid]
    used = [text for text in candidates if text in avoid]
    rng.shuffle(fresh)
    rng.shuffle(used)
    return (fresh + used)[:count]


def _role_draw(
    *,
    terms: Sequence[str],
    role_fallbacks: Sequence[str],
    templates: Sequence[str],
    avoid: Collection[str],
    rng: random.Random,
) -> list[str]:
    # At most one question per term, on up to three terms; fresh (term, template) pairs first.
    pairs = [(term, template.format(term=term)) for term in terms for template in templates]
    fresh = [pair for pair in pairs if pair[1] not in avoid]
    used = [pair for pair in pairs if pair[1] in avoid]
    rng.shuffle(fresh)
    rng.shuffle(used)
    chosen: list[str] = []
    seen_terms: set[str] = set()
    for term, text in fresh + used:
        if term not in seen_terms and len(chosen) < MAX_SKILL_QUESTIONS:
            seen_terms.add(term)
            chosen.append(text)
    if len(chosen) < 2:
        chosen += _draw(role_fallbacks, 2 - len(chosen), avoid, rng)
    return chosen


def _resume_draw(
    topics: ResumeTopics, bank: QuestionBank, avoid: Collection[str], rng: random.Random
) -> tuple[list[str], set[str]]:
    # Up to RESUME_QUESTIONS questions, each on another fact and, while the résumé allows,
    # another sort of fact (a project and a gap say more than two projects); fresh first.
    # A project, when the résumé names one, is always asked about: it is the candidate's
    # own story, the richest thing on a résumé to ask about.
    candidates = _resume_candidates(topics, bank)
    fresh = [candidate for candidate in candidates if candidate[2] not in avoid]
    used = [candidate for candidate in candidates if candidate[2] in avoid]
    rng.shuffle(fresh)
    rng.shuffle(used)
    ordered = sorted(fresh + used, key=lambda candidate: candidate[0] != "project")
    chosen: list[str] = []
    sorts: set[str] = set()
    subjects: set[str] = set()
    for one_per_sort in (True, False):
        for sort, subject, text in ordered:
            if len(chosen) == RESUME_QUESTIONS:
                break
            if subject.casefold() in subjects or (one_per_sort and sort in sorts):
                continue
            chosen.append(text)
            sorts.add(sort)
            subjects.add(subject.casefold())
    return chosen, subjects


def build_question_plan(
    *,
    title: str | None,
    description: str,
    experience_level: str,
    avoid: Collection[str] = (),
    rng: random.Random | None = None,
    language: str = "en",
    resume: ResumeTopics | None = None,
) -> list[PlannedQuestion]:
    """Plan the questions of a practice interview for a job.

    Args:
        title: The job title, if any.
        description: The job description.
        experience_level: `junior`, `mid-level` or `senior` (others count as mid-level).
        avoid: Questions to leave out where the bank allows (the job's previous practice),
            so that two practices in a row never ask the same set.
        rng: The random source (a seeded one in tests).
        language: The interview language's code (English for an unknown one).
        resume: What the candidate's résumé offers to ask about, if one is linked.

    Returns:
        6 to 8 questions in the interview language: an opener first, then the job's
        skills and tools (with a résumé, one résumé question before them and one after),
        then behavioural questions for the level, and a close last.
    """
    rng = rng or random.Random()
    bank = bank_for(language)
    level = _level(experience_level, bank)
    beside = _questions_beside_the_job(title, level, bank)
    resume_questions, resume_subjects = (
        _resume_draw(resume, bank, avoid, rng) if resume else ([], set())
    )
    # A term the résumé questions already ask about is not asked about twice.
    terms = [
        term
        for term in extract_key_terms(description)[:MAX_TERMS_DRAWN]
        if term.casefold() not in resume_subjects
    ]
    role_fallbacks = [text.format(role=_role(title, bank)) for text in bank.role_fallbacks]
    role_questions = _role_draw(
        terms=terms,
        role_fallbacks=role_fallbacks,
        templates=bank.skill_templates[level],
        avoid=avoid,
        rng=rng,
    )
    # The résumé's questions take the room of a third skill question first.
    asked = len(resume_questions)
    role_questions = role_questions[: MAX_QUESTIONS - 2 - asked - MIN_BEHAVIOURAL]

    # Opener + résumé + role questions + behavioural + close, within 6..8 questions;
    # seniors are asked one more behavioural question (leadership stories carry more
    # weight) when there is room.
    taken = len(role_questions) + asked
    wanted = 3 if level == "senior" else MIN_BEHAVIOURAL
    behavioural_count = max(wanted, MIN_QUESTIONS - 2 - taken)
    behavioural_count = min(behavioural_count, MAX_QUESTIONS - 2 - taken)
    behavioural = _draw(beside["behavioural"], behavioural_count, avoid, rng)
    return [
        PlannedQuestion("opener", _draw(beside["opener"], 1, avoid, rng)[0]),
        *(PlannedQuestion("resume", text) for text in resume_questions[:1]),
        *(PlannedQuestion("role", text) for text in role_questions),
        *(PlannedQuestion("resume", text) for text in resume_questions[1:]),
        *(PlannedQuestion("behavioural", text) for text in behavioural),
        PlannedQuestion("close", _draw(beside["close"], 1, avoid, rng)[0]),
    ]


def alternative_question(
    *,
    kind: str,
    title: str | None,
    description: str,
    experience_level: str,
    exclude: Collection[str],
    rng: random.Random | None = None,
    language: str = "en",
    resume: ResumeTopics | None = None,
) -> str | None:
    """Another question of the same kind, for a candidate who swaps one before answering.

    Args:
        kind: The kind of the question swapped (`opener`, `role`, `resume`,
            `behavioural`, `close`).
        title: The job title, if any.
        description: The job description.
        experience_level: The experience level.
        exclude: Questions not to offer (those of the plan, and those swapped out).
        rng: The random source (a seeded one in tests).
        language: The interview language's code.
        resume: What the candidate's résumé offers to ask about, if one is linked.

    Returns:
        A question in the interview language, or None when the bank has no other of that
        kind.
    """
    if kind not in SWAPPABLE_KINDS:
        return None
    bank = question_bank(
        title=title,
        description=description,
        experience_level=experience_level,
        language=language,
        resume=resume,
    )
    choices = [text for text in bank[kind] if text not in exclude]
    return (rng or random.Random()).choice(choices) if choices else None


# English answers are read as before the other languages came: these words, matched whole.
_ENGLISH_WORD = re.compile(r"[a-z']+|\d+")
# A word of any spaced language; an apostrophe ends an elided word ("j'", "l'", "dell'").
_SPACED_WORD = re.compile(r"[^\s']+'?")
# Typographic apostrophes (right single quotation mark, modifier letter apostrophe).
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'"})
# Asked when an answer left nothing out; after the first follow-up, such answers get none.
REFLECTION_FOLLOW_UPS: frozenset[str] = frozenset(
    bank.follow_ups.reflection for bank in BANKS.values()
)


@dataclass(frozen=True, slots=True)
class _Signals:
    length: int
    we: int
    own: int
    has_number: bool
    has_outcome: bool


def _is_mark(char: str) -> bool:
    # Punctuation and symbols: quotes, brackets, "%", the Devanagari full stop.
    return unicodedata.category(char)[0] in "PS"


def _bare(word: str) -> str:
    start, end = 0, len(word)
    while start < end and _is_mark(word[start]):
        start += 1
    while end > start and _is_mark(word[end - 1]) and word[end - 1] != "'":
        end -= 1
    return word[start:end]


def _spaced_words(answer: str) -> list[str]:
    words = (_bare(word) for word in _SPACED_WORD.findall(answer.lower().translate(_APOSTROPHES)))
    return [word for word in words if word]


def _signals(answer: str, words: AnswerWords) -> _Signals:
    if not words.spaced:
        # No spaces between words: count characters, find words inside the text.
        text = "".join(answer.split())
        return _Signals(
            length=len(text),
            we=sum(text.count(word) for word in words.we),
            own=sum(text.count(word) for word in words.own),
            has_number=any(char.isdigit() for char in text)
            or any(word in text for word in words.numbers),
            has_outcome=any(word in text for word in words.outcome),
        )
    found = _ENGLISH_WORD.findall(answer.lower()) if words.exact else _spaced_words(answer)

    def named(word: str, vocabulary: frozenset[str]) -> bool:
        # Word starts catch inflections ("reduzierte", "réduite") outside English.
        return word in vocabulary or (
            not words.exact and any(word.startswith(stem) for stem in vocabulary)
        )

    return _Signals(
        length=len(found),
        we=sum(word in words.we for word in found),
        own=sum(word in words.own for word in found),
        has_number=any(word.isdigit() or named(word, words.numbers) for word in found)
        or (not words.exact and any(char.isdigit() for char in answer)),
        has_outcome=any(named(word, words.outcome) for word in found),
    )


def follow_up_question(answer: str, language: str = "en") -> str:
    """A follow-up that reacts to an answer, as an interviewer would ask it.

    Asks, in this order, for: more substance when the answer was short; the candidate's
    own part when they said "we" throughout; the outcome when none was told; a number when
    the outcome had none; otherwise a reflection on what they would change.

    Args:
        answer: The candidate's answer.
        language: The interview language's code: the follow-up is in it, and the answer
            is read with its words.

    Returns:
        The follow-up question.
    """
    bank = bank_for(language)
    signals = _signals(answer, bank.answer_words)
    if signals.length < bank.answer_words.short_answer:
        return bank.follow_ups.short
    if signals.we >= 2 and signals.own * 2 < signals.we:
        return bank.follow_ups.own_part
    if not signals.has_outcome:
        return bank.follow_ups.outcome
    if not signals.has_number:
        return bank.follow_ups.number
    return bank.follow_ups.reflection
