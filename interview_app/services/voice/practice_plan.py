"""The questions of a practice interview, planned locally from the job info (SPEC §6).

A plan has 6 to 8 questions: an opener; questions on the skills and tools the description
names (`key_terms.extract_key_terms`); behavioural questions for the experience level,
each answerable with STAR (situation, task, action, result); and a close. Each plan is
drawn at random from a bank, avoiding the questions of the job's previous practice, so two
practices in a row never ask the same set; a question can be swapped for another of its
kind before it is answered; and `follow_up_question` reacts to an answer. No key needed.
"""

from __future__ import annotations

import random
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Literal

from interview_app.services.jobs.key_terms import extract_key_terms

QuestionKind = Literal["opener", "role", "behavioural", "follow_up", "close"]
MIN_QUESTIONS = 6
MAX_QUESTIONS = 8
MAX_SKILL_QUESTIONS = 3

_SKILL_TEMPLATES: dict[str, tuple[str, ...]] = {
    "junior": (
        "The description mentions {term}. Tell me about something you built or studied "
        "with {term}, and what you learned from it.",
        "How would you go about getting productive with {term} in your first weeks here?",
        "Walk me through a problem you solved using {term}. Where did you get stuck?",
    ),
    "mid-level": (
        "Tell me about a project where you used {term}. What was your part, and what "
        "would you do differently now?",
        "What trade-offs have you run into with {term}, and how did you decide between them?",
        "Describe the hardest problem you've solved with {term}. How did you approach it?",
    ),
    "senior": (
        "Tell me about a time you shaped how a team uses {term}. What did you decide, and "
        "what came of it?",
        "Where does {term} fall short, in your experience, and how have you worked around it "
        "at scale?",
        "How would you judge whether a team's use of {term} is healthy? Give an example "
        "from your own work.",
    ),
}

_ROLE_FALLBACKS: tuple[str, ...] = (
    "Which parts of {role} match what you've done before, and which would be new for you?",
    "What do you expect the first three months in {role} to look like, and how would you prepare?",
    "Which piece of your past work best shows you could do {role}? Walk me through it.",
    "What would you need to learn first to do well in {role}, and how would you learn it?",
    "Tell me about the most relevant problem you've solved for {role}. What was your part?",
)

# Behavioural questions by level, each answerable with STAR.
_BEHAVIOURAL: dict[str, tuple[str, ...]] = {
    "junior": (
        "Tell me about a time you had to learn something new quickly to finish a task. "
        "What was the situation, what did you do, and how did it turn out?",
        "Describe a time you made a mistake on a project or assignment. How did you handle "
        "it, and what was the result?",
        "Tell me about a time you asked for help or feedback. What prompted it and what "
        "changed afterwards?",
        "Give me an example of a team project where you had to work with someone whose "
        "approach differed from yours. What did you do?",
        "Tell me about a deadline you found hard to meet. How did you plan your work, and "
        "what happened?",
        "Describe a time you noticed a problem before anyone asked you to look at it. What "
        "did you do, and what came of it?",
        "Tell me about a piece of work you are proud of. What was your part, and how did "
        "you know it was good?",
        "Give me an example of a time you had to explain something technical or complicated "
        "to someone new to it. How did you go about it?",
        "Tell me about a time you had several tasks and not enough time. How did you choose, "
        "and how did it turn out?",
        "Describe a time something you tried did not work the first time. What did you "
        "change, and what was the result?",
    ),
    "mid-level": (
        "Tell me about a time you disagreed with a teammate about how to do something. "
        "What did you do, and what was the outcome?",
        "Describe a project that went off track. What was your role in getting it back, "
        "and what was the result?",
        "Tell me about a time you had to balance several priorities at once. How did you "
        "decide, and how did it turn out?",
        "Give me an example of a time you improved a process or a piece of work nobody "
        "asked you to. What did you change, and what did it achieve?",
        "Tell me about a time you received critical feedback. How did you respond, and what "
        "changed?",
        "Describe a time you took ownership of a problem outside your usual responsibilities. "
        "What did you do, and what was the outcome?",
        "Tell me about a decision you made with data. What did the data say, what did you "
        "decide, and what happened?",
        "Give me an example of a time you helped a colleague get unstuck. What was the "
        "situation and what did you do?",
        "Tell me about a time a requirement changed late. How did you adapt, and what was "
        "the result?",
        "Describe the biggest mistake you made in the last few years at work. What happened "
        "next, and what do you do differently now?",
    ),
    "senior": (
        "Tell me about a time you led a team through a significant technical or business "
        "decision with incomplete information. What did you decide and what happened?",
        "Describe a time you had to influence people you had no authority over. How did you "
        "approach it, and what was the result?",
        "Tell me about a time you helped someone on your team grow. What was the situation, "
        "what did you do, and what changed for them?",
        "Give me an example of a failure you were accountable for. What did you do "
        "afterwards, and what did the organisation learn?",
        "Tell me about a time you had to push back on a deadline or a request from "
        "leadership. How did you handle it, and how did it end?",
        "Describe a time you changed how a team or department works. Why, how did you win "
        "people over, and what was the measurable result?",
        "Tell me about a conflict between two people or teams that you resolved. What did "
        "you do, and how did it end?",
        "Give me an example of a long-term bet you made that paid off, or did not. How did "
        "you decide, and what did you learn?",
        "Tell me about a time you had to cut scope or stop a project. How did you decide "
        "and how did you bring people along?",
        "Describe how you handled an incident or crisis you were responsible for. What did "
        "you do in the moment, and what changed afterwards?",
    ),
}


_OPENERS: tuple[str, ...] = (
    "Thanks for joining. To start, tell me a little about yourself and what draws you to {role}.",
    "Let's begin with your story: what have you been working on lately, and why {role}?",
    "To start, walk me through your background and what you would bring to {role}.",
)

_CLOSES: tuple[str, ...] = (
    "That's all my questions. Is there anything you'd like to ask me, or anything you want "
    "to add about why you're a good fit?",
    "We're nearly out of time. What would you like to ask me about the role or the team?",
    "Before we finish: what questions do you have for me, and is there anything we did not "
    "cover that you want me to know?",
)


@dataclass(frozen=True, slots=True)
class PlannedQuestion:
    """One question of a practice interview.

    Attributes:
        kind: `opener`, `role` (skills and tools of the job), `behavioural`, `follow_up`
            (asked about the answer before it) or `close`.
        text: The question as it is shown and spoken.
    """

    kind: QuestionKind
    text: str


SWAPPABLE_KINDS: frozenset[str] = frozenset({"opener", "role", "behavioural", "close"})
MAX_TERMS_DRAWN = 6


def _level(experience_level: str) -> str:
    return experience_level if experience_level in _BEHAVIOURAL else "mid-level"


def _role(title: str | None) -> str:
    title = (title or "").strip()
    return f"this {title} role" if title else "this role"


def _questions_beside_the_job(title: str | None, level: str) -> dict[str, list[str]]:
    # The kinds that do not depend on the description's key terms.
    role = _role(title)
    return {
        "opener": [text.format(role=role) for text in _OPENERS],
        "behavioural": list(_BEHAVIOURAL[level]),
        "close": list(_CLOSES),
    }


def question_bank(
    *, title: str | None, description: str, experience_level: str
) -> dict[str, list[str]]:
    """Every question a practice for this job may ask, by kind.

    Args:
        title: The job title, if any.
        description: The job description.
        experience_level: `junior`, `mid-level` or `senior` (others count as mid-level).

    Returns:
        The texts for `opener`, `role`, `behavioural` and `close`, without duplicates.
    """
    level = _level(experience_level)
    terms = extract_key_terms(description)[:MAX_TERMS_DRAWN]
    role_questions = [
        template.format(term=term) for term in terms for template in _SKILL_TEMPLATES[level]
    ]
    role_questions += [text.format(role=_role(title)) for text in _ROLE_FALLBACKS]
    return {
        **_questions_beside_the_job(title, level),
        "role": list(dict.fromkeys(role_questions)),
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
    level: str,
    avoid: Collection[str],
    rng: random.Random,
) -> list[str]:
    # At most one question per term, on up to three terms; fresh (term, template) pairs first.
    pairs = [
        (term, template.format(term=term)) for term in terms for template in _SKILL_TEMPLATES[level]
    ]
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


def build_question_plan(
    *,
    title: str | None,
    description: str,
    experience_level: str,
    avoid: Collection[str] = (),
    rng: random.Random | None = None,
) -> list[PlannedQuestion]:
    """Plan the questions of a practice interview for a job.

    Args:
        title: The job title, if any.
        description: The job description.
        experience_level: `junior`, `mid-level` or `senior` (others count as mid-level).
        avoid: Questions to leave out where the bank allows (the job's previous practice),
            so that two practices in a row never ask the same set.
        rng: The random source (a seeded one in tests).

    Returns:
        6 to 8 questions: an opener first, then the job's skills and tools, then
        behavioural questions for the level, and a close last.
    """
    rng = rng or random.Random()
    level = _level(experience_level)
    bank = _questions_beside_the_job(title, level)
    terms = extract_key_terms(description)[:MAX_TERMS_DRAWN]
    role_fallbacks = [text.format(role=_role(title)) for text in _ROLE_FALLBACKS]
    role_questions = _role_draw(
        terms=terms, role_fallbacks=role_fallbacks, level=level, avoid=avoid, rng=rng
    )

    # Opener + role questions + behavioural + close, within 6..8 questions; seniors are
    # asked one more behavioural question (leadership stories carry more weight).
    wanted = 3 if level == "senior" else 2
    behavioural_count = max(wanted, MIN_QUESTIONS - 2 - len(role_questions))
    behavioural_count = min(behavioural_count, MAX_QUESTIONS - 2 - len(role_questions))
    behavioural = _draw(bank["behavioural"], behavioural_count, avoid, rng)
    return [
        PlannedQuestion("opener", _draw(bank["opener"], 1, avoid, rng)[0]),
        *(PlannedQuestion("role", text) for text in role_questions),
        *(PlannedQuestion("behavioural", text) for text in behavioural),
        PlannedQuestion("close", _draw(bank["close"], 1, avoid, rng)[0]),
    ]


def alternative_question(
    *,
    kind: str,
    title: str | None,
    description: str,
    experience_level: str,
    exclude: Collection[str],
    rng: random.Random | None = None,
) -> str | None:
    """Another question of the same kind, for a candidate who swaps one before answering.

    Args:
        kind: The kind of the question swapped (`opener`, `role`, `behavioural`, `close`).
        title: The job title, if any.
        description: The job description.
        experience_level: The experience level.
        exclude: Questions not to offer (those of the plan, and those swapped out).
        rng: The random source (a seeded one in tests).

    Returns:
        A question, or None when the bank has no other of that kind.
    """
    if kind not in SWAPPABLE_KINDS:
        return None
    bank = question_bank(title=title, description=description, experience_level=experience_level)
    choices = [text for text in bank[kind] if text not in exclude]
    return (rng or random.Random()).choice(choices) if choices else None


_WORD = re.compile(r"[a-z']+|\d+")
_NUMBER_WORDS = frozenset(
    [
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "twenty",
        "thirty",
        "fifty",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "million",
        "percent",
        "half",
        "double",
        "doubled",
        "tripled",
        "halved",
        "dozen",
    ]
)
_OUTCOME_WORDS = frozenset(
    [
        "result",
        "results",
        "resulted",
        "outcome",
        "reduced",
        "increased",
        "improved",
        "saved",
        "cut",
        "grew",
        "dropped",
        "launched",
        "shipped",
        "finished",
        "delivered",
        "won",
        "achieved",
        "fixed",
        "solved",
        "led",
        "ended",
    ]
)
SHORT_ANSWER_WORDS = 25
# Asked when an answer left nothing out; after the first follow-up, such answers get none.
REFLECTION_FOLLOW_UP = (
    "Looking back, what would you do differently if you faced that again, and why?"
)


def follow_up_question(answer: str) -> str:
    """A follow-up that reacts to an answer, as an interviewer would ask it.

    Asks, in this order, for: more substance when the answer was short; the candidate's
    own part when they said "we" throughout; the outcome when none was told; a number when
    the outcome had none; otherwise a reflection on what they would change.

    Args:
        answer: The candidate's answer.

    Returns:
        The follow-up question.
    """
    words = _WORD.findall(answer.lower())
    if len(words) < SHORT_ANSWER_WORDS:
        return (
            "Could you say more about that? Take one concrete example and walk me through "
            "what happened and what you did."
        )
    we = sum(word in {"we", "our", "us", "we're", "we've"} for word in words)
    own = sum(word in {"i", "i'm", "i've", "i'd", "my", "me"} for word in words)
    if we >= 2 and own * 2 < we:
        return (
            'You said "we" a lot there. What was your own part: what did you decide or do yourself?'
        )
    has_number = any(word.isdigit() or word in _NUMBER_WORDS for word in words)
    if not any(word in _OUTCOME_WORDS for word in words):
        return "How did that turn out? What was the result, and can you put a number on it?"
    if not has_number:
        return (
            "Can you put a number on that result: time saved, errors avoided, users, money, "
            "or anything else you measured?"
        )
    return REFLECTION_FOLLOW_UP
