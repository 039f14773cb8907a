"""How an answer fits the résumé linked to its job: what it left out, what it claims (pure).

Two kinds of note, both conservative, because a wrong "your résumé does not say that"
tells a candidate they are lying:

- **unused**: a project, an employer or a skill of the résumé that the question itself
  names (the practice asks about the résumé's projects and the job's skills by name) and
  the answer never mentions;
- **unsupported**: a concrete named thing or figure the answer claims and the résumé
  never mentions: a tool or skill written as such (a known skill or a product-shaped name,
  `jobs.key_terms.named_tools`), an employer named after "worked at", "bei ... gearbeitet",
  "chez", "trabajé en", or years of experience beyond the span of the résumé's dates.
  Anything vaguer (a duty, a result, a team size) is never flagged.

The résumé's facts come from `resumes.facts`. `tests/fixtures/resume_fit/held_out.json`
holds answers with the flags a careful reviewer would raise; its precision is tested.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from interview_app.services.feedback.messages import listed, message
from interview_app.services.jobs.key_terms import mentioned_terms, named_tools
from interview_app.services.languages import language_for
from interview_app.services.resumes.facts import ResumeFacts, extract_resume_facts

MAX_UNUSED = 2
MAX_UNSUPPORTED = 3
# A capitalised name of up to three words; the pronoun "I" after it starts a clause.
_NAME = r"([A-ZÀ-ÖØ-Þ][\w&'.-]*(?:\s+(?!I\b)[A-ZÀ-ÖØ-Þ][\w&'.-]*){0,2})"
# Where an answer names an employer, per language.
_EMPLOYER_CLAIMS: dict[str, tuple[re.Pattern[str], ...]] = {
    "en": (
        re.compile(
            r"\b(?:worked|working|work|interned|was employed) (?:at|for) " + _NAME,
        ),
        re.compile(r"\b(?:my time|my job|my role|my internship|when I was) at " + _NAME),
        re.compile(r"\bI (?:joined|left) " + _NAME),
    ),
    "de": (
        re.compile(r"\b(?:bei|für) " + _NAME + r" (?:gearbeitet|tätig|angestellt|beschäftigt)"),
        re.compile(r"\b(?:arbeitete|arbeite|war) (?:ich )?(?:\w+ )?bei " + _NAME),
    ),
    "fr": (re.compile(r"\bchez " + _NAME),),
    "es": (
        re.compile(r"\b(?:trabajé|trabajaba|trabajo|estuve|estaba) en (?:la empresa )?" + _NAME),
    ),
}
# Years of experience an answer claims, per language: the number is group 1.
_YEARS_CLAIMS: dict[str, re.Pattern[str]] = {
    "en": re.compile(
        r"\b(\d{1,2})\+? years?(?: of (?:\w+ )?experience| experience| as\b| working| in the)",
        re.IGNORECASE,
    ),
    "de": re.compile(
        r"\b(\d{1,2})\+? Jahren?(?: \w+)? (?:Erfahrung|Berufserfahrung)|\bseit (\d{1,2}) Jahren",
        re.IGNORECASE,
    ),
    "fr": re.compile(r"\b(\d{1,2})\+? ans d['\u2019](?:expérience|exp)", re.IGNORECASE),
    "es": re.compile(r"\b(\d{1,2})\+? años de experiencia", re.IGNORECASE),
}
_YEAR = re.compile(r"\b(?:19[5-9]\d|20\d\d)\b")
# A résumé line that runs to today ("2019 - present", "seit 2020", "2021 - actualidad").
_ONGOING = re.compile(
    r"\b(?:present|current|now|today|heute|jetzt|aktuell|aujourd'hui|actuel(?:lement)?|"
    r"en cours|actualidad|presente|actual)\b",
    re.IGNORECASE,
)
# Words that deny or suppose, in any interview language with rules: a sentence with one
# claims nothing ("never", "nicht", "jamais", "nunca", "would", "würde", a conditional).
_NOT_A_CLAIM = re.compile(
    r"\b(?:not|never|no|haven't|hasn't|hadn't|didn't|don't|wasn't|isn't|can't|cannot|"
    r"would|could|might|i'd|nicht|nie|niemals|kein|keine|keinen|keiner|würde|würden|könnte|"
    r"könnten|pas|jamais|aucun|aucune|ni|nunca|ningún|ninguna|ni|jamás|\w+(?:rais|rait|ría|"
    r"rías|ríamos))\b",
    re.IGNORECASE,
)
_LEGAL_FORMS = frozenset(
    re.findall(
        r"\S+", "gmbh ag ltd ltd. llc inc inc. plc sa sas sarl sl s.l. s.a. bv nv kg corp co"
    )
)


@dataclass(frozen=True, slots=True)
class ResumeFlag:
    """One thing an answer left out of, or claimed beyond, the résumé.

    Attributes:
        kind: `unused` (the résumé has it, the question asks for it, the answer skips
            it) or `unsupported` (the answer claims it, the résumé never mentions it).
        item: The project, employer, skill or figure.
        claim: For `unsupported`, the answer's words that claim it.
    """

    kind: Literal["unused", "unsupported"]
    item: str
    claim: str = ""


@dataclass(frozen=True, slots=True)
class ResumeFit:
    """A résumé read once for every answer of an interview.

    Attributes:
        text: The résumé's text.
        facts: Its employers, projects, skills and roles.
        years_span: Years between its first and last date (to today when a line runs
            on), or None when it has no dates.
    """

    text: str
    facts: ResumeFacts
    years_span: int | None

    @classmethod
    def of(cls, resume_text: str, this_year: int | None = None) -> ResumeFit:
        """Read a résumé.

        Args:
            resume_text: The résumé's text.
            this_year: The year a line that runs to today ("2019 - present") ends in;
                this year when not given.

        Returns:
            The résumé as the notes read it.
        """
        years = [int(year) for year in _YEAR.findall(resume_text)]
        if years and _ONGOING.search(resume_text):
            years.append(this_year or date.today().year)
        span = max(years) - min(years) if years else None
        return cls(text=resume_text, facts=extract_resume_facts(resume_text), years_span=span)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _names(name: str, text: str) -> bool:
    """Whether a text names a project or an employer (its words, legal forms aside)."""
    words = [word for word in _fold(name).split() if word not in _LEGAL_FORMS]
    if not words:
        return False
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(word) for word in words) + r"(?!\w)"
    return re.search(pattern, _fold(text)) is not None


def _unused(fit: ResumeFit, question: str, answer: str) -> list[ResumeFlag]:
    facts = fit.facts
    asked = [
        *(item for item in (*facts.projects, *facts.employers) if _names(item, question)),
        *mentioned_terms(facts.skills, question),
    ]
    skipped = [
        item for item in asked if not (_names(item, answer) or mentioned_terms([item], answer))
    ]
    return [ResumeFlag("unused", item) for item in dict.fromkeys(skipped)][:MAX_UNUSED]


def _claimed_employers(answer: str, language: str) -> list[str]:
    names = []
    for pattern in _EMPLOYER_CLAIMS.get(language, ()):
        for match in pattern.finditer(answer):
            name = match.group(1).rstrip(".,;:")
            # "I joined The team": a capitalised sentence word is no employer.
            if name and name.split()[0].casefold() not in {"the", "a", "an", "my", "our"}:
                names.append(name)
    return names


def _claiming(answer: str) -> str:
    """The sentences of an answer that claim something: none that deny or suppose it.

    "I have never used Kubernetes" and "I would use Kafka" claim neither tool.
    """
    sentences = re.split(r"(?<=[.!?;])\s+|\n+", answer)
    return " ".join(sentence for sentence in sentences if not _NOT_A_CLAIM.search(sentence))


def _unsupported(fit: ResumeFit, answer: str, language: str) -> list[ResumeFlag]:
    flags: list[ResumeFlag] = []
    answer = _claiming(answer)
    employers = _claimed_employers(answer, language)
    for name in employers:
        if not _names(name, fit.text):
            flags.append(ResumeFlag("unsupported", name, name))
    claimed = {_fold(flag.item) for flag in flags}
    for tool in named_tools(answer):
        if _fold(tool) in claimed or any(_names(tool, name) for name in employers):
            continue
        if not mentioned_terms([tool], fit.text):
            flags.append(ResumeFlag("unsupported", tool, tool))
    years = _YEARS_CLAIMS.get(language)
    if years is not None and fit.years_span is not None:
        for match in years.finditer(answer):
            number = int(next(group for group in match.groups() if group))
            # A year's slack: "five years" of a 2019-2023 résumé is a fair count.
            if number > fit.years_span + 1:
                flags.append(ResumeFlag("unsupported", match.group(0), match.group(0)))
    return flags[:MAX_UNSUPPORTED]


def resume_flags(fit: ResumeFit, *, question: str, answer: str, language: str) -> list[ResumeFlag]:
    """What an answer left out of, and claimed beyond, the résumé.

    Args:
        fit: The résumé (`ResumeFit.of`).
        question: The interviewer's question.
        answer: The candidate's answer.
        language: The interview's language (how employers and years are claimed in it;
            in a language without such rules only tools and skills are checked).

    Returns:
        The flags: at most `MAX_UNUSED` unused items, then at most `MAX_UNSUPPORTED`
        unsupported claims.
    """
    if not answer.strip():
        return []
    code = language_for(language).code
    return [*_unused(fit, question, answer), *_unsupported(fit, answer, code)]


def notes_of(flags: Sequence[ResumeFlag], language: str) -> list[str]:
    """The flags as the sentences an answer's card shows, in the interview's language.

    Args:
        flags: `resume_flags` of one answer.
        language: The interview's language.

    Returns:
        One sentence for the unused items, one per unsupported claim.
    """
    unused = [flag.item for flag in flags if flag.kind == "unused"]
    notes = [message(language, "resume.unused", items=listed(language, unused))] if unused else []
    notes += [
        message(language, "resume.unsupported", claim=flag.claim)
        for flag in flags
        if flag.kind == "unsupported"
    ]
    return notes


def resume_notes(fit: ResumeFit, *, question: str, answer: str, language: str) -> list[str]:
    """The résumé notes of one answer (`resume_flags` written as `notes_of`).

    Args:
        fit: The résumé.
        question: The interviewer's question.
        answer: The candidate's answer.
        language: The interview's language.

    Returns:
        The notes, in the interview's language.
    """
    return notes_of(
        resume_flags(fit, question=question, answer=answer, language=language), language
    )
