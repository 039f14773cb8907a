"""The questions of a practice interview, planned locally from the job info (SPEC §6).

A plan has 6 to 8 questions: an opener; questions on the skills and tools the description
names (`key_terms.extract_key_terms`); behavioural questions for the experience level,
each answerable with STAR (situation, task, action, result); and a close. It is a pure
function of the job info, so the same job always gets the same plan, and it needs no key.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Literal

from interview_app.services.jobs.key_terms import extract_key_terms

QuestionKind = Literal["opener", "role", "behavioural", "close"]
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
    ),
}


@dataclass(frozen=True, slots=True)
class PlannedQuestion:
    """One question of a practice interview.

    Attributes:
        kind: `opener`, `role` (skills and tools of the job), `behavioural` or `close`.
        text: The question as it is shown and spoken.
    """

    kind: QuestionKind
    text: str


def _level(experience_level: str) -> str:
    return experience_level if experience_level in _BEHAVIOURAL else "mid-level"


def _rotation(seed_text: str, size: int) -> int:
    # Deterministic per job, different for different descriptions.
    return int.from_bytes(hashlib.sha256(seed_text.encode()).digest()[:4], "big") % size


def build_question_plan(
    *, title: str | None, description: str, experience_level: str
) -> list[PlannedQuestion]:
    """Plan the questions of a practice interview for a job.

    Args:
        title: The job title, if any.
        description: The job description.
        experience_level: `junior`, `mid-level` or `senior` (others count as mid-level).

    Returns:
        6 to 8 questions: the opener first, then the job's skills and tools, then
        behavioural questions for the level, and the close last.
    """
    level = _level(experience_level)
    title = (title or "").strip()
    role = f"this {title} role" if title else "this role"
    seed = f"{level}\n{title}\n{description}"
    terms = extract_key_terms(description)[:MAX_SKILL_QUESTIONS]

    templates = _SKILL_TEMPLATES[level]
    start = _rotation(seed, len(templates))
    role_questions = [
        PlannedQuestion("role", templates[(start + index) % len(templates)].format(term=term))
        for index, term in enumerate(terms)
    ]
    if len(role_questions) < 2:
        role_questions += [
            PlannedQuestion("role", text.format(role=role))
            for text in _ROLE_FALLBACKS[: 2 - len(role_questions)]
        ]

    # Opener + role questions + behavioural + close, within 6..8 questions; seniors are
    # asked one more behavioural question (leadership stories carry more weight).
    wanted = 3 if level == "senior" else 2
    behavioural_count = max(wanted, MIN_QUESTIONS - 2 - len(role_questions))
    behavioural_count = min(behavioural_count, MAX_QUESTIONS - 2 - len(role_questions))
    bank = _BEHAVIOURAL[level]
    first = _rotation(seed[::-1], len(bank))
    behavioural = [
        PlannedQuestion("behavioural", bank[(first + index) % len(bank)])
        for index in range(behavioural_count)
    ]

    opener = PlannedQuestion(
        "opener",
        f"Thanks for joining. To start, tell me a little about yourself and what draws you "
        f"to {role}.",
    )
    close = PlannedQuestion(
        "close",
        "That's all my questions. Is there anything you'd like to ask me, or anything you "
        "want to add about why you're a good fit?",
    )
    return [opener, *role_questions, *behavioural, close]
