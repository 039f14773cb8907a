"""The skills and tools a job description names, found in its own words (no fixed list).

A description names its tools in a few recognisable shapes, and this extractor looks for
exactly those, then ranks what it found by how often and how pointedly the text names it:

- words written the way product names are: inner capitals (`PostgreSQL`, `GitHub`),
  acronyms (`AWS`, `SQL`), digits or symbols inside a word (`C++`, `Node.js`, `CI/CD`, `S3`);
- capitalised words in the middle of a sentence (`Python`, `Kubernetes`, `Google Cloud`),
  joined when they follow one another;
- what comes after the phrases that introduce a requirement ("experience with", "knowledge
  of", "proficient in", ...), split at commas and "and"/"or", so lower-case skills such as
  "distributed systems" are found too.

Ordinary capitalised English (sentence starts, "We", month names, headings such as
"Responsibilities") is skipped with a short list of words that are never skills.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

MAX_KEY_TERMS = 10
# Long descriptions are ranked on their first part; the requirements rarely come later.
SCANNED_CHARACTERS = 20_000

_NOT_SKILLS = frozenset(
    re.findall(
        r"[a-z]+",
        """
    a about above after all also an and any are as at be because been being both but by
    can could do does each either etc for from further had has have having he her here
    hers him his how i if in into is it its itself just may me might more most must my
    no nor not now of off on once only or other our ours out over own per please same
    she should so some such than that the their theirs them then there these they this
    those through to too under until up us very via was we were what when where which
    while who whom why will with within without would you your yours role team teams
    company job position candidate candidates requirements requirement responsibilities
    responsibility qualifications qualification skills skill experience benefits bonus
    salary about apply application applicants opportunity equal employer description
    overview summary preferred required nice plus key day days week weeks year years
    month months work working looking join help build strong excellent good great
    ability able knowledge understanding familiarity proficiency background degree
    monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december remote hybrid onsite
    office full part time senior junior mid level lead principal staff engineer
    engineers developer developers manager managers new who what
    """,
    )
)

_CUE = re.compile(
    r"\b(?:experience (?:with|in|using|of)|knowledge of|proficien(?:t|cy) (?:in|with)|"
    r"familiar(?:ity)? with|expertise in|skilled in|skills in|background in|"
    r"understanding of|hands-on with|comfortable with|fluent in|worked with)\s+",
    re.IGNORECASE,
)
_CUE_STOP = re.compile(
    r"[.;:!?()\n]|\b(?:to|for|that|which|who|where|including|such as|is|are|will|would)\b", re.I
)
_LIST_SPLIT = re.compile(r",|/(?=\s)|\band\b|\bor\b|&", re.IGNORECASE)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9+#./-]*[A-Za-z0-9+#]|[A-Za-z]")
# Between two words, a sentence break is end punctuation, a bullet or a blank line; a line
# break inside a wrapped paragraph is not one.
_SENTENCE_BREAK = re.compile(r"[.!?:;•*\u2013\u2014]|(?:^|\s)-\s|\n\s*\n")
# A capitalised word after these is usually a tool ("in Python", "and Go", "using Jira");
# after those, usually a company or a team ("at Acme", "join Globex").
_TOOL_LEAD_INS = frozenset({"in", "on", "with", "using", "and", "or", ",", "like", "including"})
_NAME_LEAD_INS = frozenset({"at", "join", "joining", "for", "to", "about", "by", "from"})


@dataclass(frozen=True, slots=True)
class _Candidate:
    term: str
    first_seen: int


def _shaped_like_a_product(word: str) -> bool:
    inner_capital = any(ch.isupper() for ch in word[1:]) and any(ch.islower() for ch in word)
    acronym = word.isupper() and 2 <= len(word) <= 6 and word.isalpha()
    symbols = bool(re.search(r"[0-9+#]|\w[./]\w", word)) and not word.isdigit()
    return inner_capital or acronym or symbols


def _clean(term: str) -> str:
    return term.strip(" \t-\u2013\u2014'\"").rstrip(".")


def _is_skill(term: str) -> bool:
    words = term.lower().split()
    return bool(words) and not all(word in _NOT_SKILLS for word in words) and len(term) <= 40


def _run_weight(previous_word: str, gap: str) -> float:
    lead_in = "," if "," in gap else previous_word.lower()
    if lead_in in _TOOL_LEAD_INS:
        return 1.0
    if lead_in in _NAME_LEAD_INS:
        return 0.25
    return 0.5


def _shaped_terms(text: str) -> Iterable[tuple[str, int, float]]:
    run: list[str] = []
    run_start = 0
    run_weight = 0.5
    previous_word, previous_end = "", 0
    for match in _TOKEN.finditer(text):
        word = _clean(match.group())
        gap = text[previous_end : match.start()]
        if word.lower() in _NOT_SKILLS:
            capitalised = product = False
        else:
            capitalised, product = word[:1].isupper(), _shaped_like_a_product(word)
        sentence_start = not previous_word or bool(_SENTENCE_BREAK.search(gap))
        if capitalised and not sentence_start and not product:
            # Capitalised words separated only by spaces name one thing ("Google Cloud").
            if not (run and gap.strip(" ") == ""):
                if run:
                    yield " ".join(run), run_start, run_weight
                run, run_start = [], match.start()
                run_weight = _run_weight(previous_word, gap)
            run.append(word)
        else:
            if run:
                yield " ".join(run), run_start, run_weight
                run = []
            if product:
                yield word, match.start(), 1.0
        previous_word, previous_end = word, match.end()
    if run:
        yield " ".join(run), run_start, run_weight


def _cued_terms(text: str) -> Iterable[tuple[str, int, float]]:
    for cue in _CUE.finditer(text):
        tail = text[cue.end() : cue.end() + 160]
        stop = _CUE_STOP.search(tail)
        phrase = tail[: stop.start()] if stop else tail
        offset = cue.end()
        for part in _LIST_SPLIT.split(phrase):
            words = [w for w in _clean(part).split() if w.lower() not in {"a", "an", "the"}]
            if 1 <= len(words) <= 3:
                yield " ".join(words), offset, 1.5


def extract_key_terms(description: str, *, limit: int = MAX_KEY_TERMS) -> list[str]:
    """Find the skills and tools a job description names, the most pointed first.

    Args:
        description: The job description, as pasted.
        limit: How many terms to return at most.

    Returns:
        Distinct terms in the description's own spelling, ranked by how often they are
        named and how pointedly (a term introduced by "experience with ..." or written
        like a product name weighs more than a capitalised word after "at ..."), ties
        by first appearance. Empty when the text names none.
    """
    text = description[:SCANNED_CHARACTERS]
    scores: dict[str, float] = {}
    seen: dict[str, _Candidate] = {}
    for source in (_shaped_terms(text), _cued_terms(text)):
        for raw, position, weight in source:
            term = _clean(raw)
            if not _is_skill(term):
                continue
            key = term.lower()
            scores[key] = scores.get(key, 0.0) + weight
            if key not in seen or position < seen[key].first_seen:
                seen[key] = _Candidate(term=term, first_seen=position)
    ranked = sorted(scores, key=lambda key: (-scores[key], seen[key].first_seen))
    return [seen[key].term for key in ranked[:limit]]


def _is_word_character(character: str) -> bool:
    return character.isalnum() or character in "_+#"


def mentioned_terms(terms: Iterable[str], text: str) -> list[str]:
    """Return the terms that a text mentions, as whole words, ignoring case.

    Args:
        terms: Key terms (e.g. from `extract_key_terms`).
        text: What the candidate said.

    Returns:
        The terms found in the text, in the order given.
    """
    lowered = text.lower()
    found = []
    for term in terms:
        needle = term.lower()
        position = lowered.find(needle)
        while position != -1:
            before = lowered[position - 1] if position else " "
            end = position + len(needle)
            after = lowered[end] if end < len(lowered) else " "
            if not _is_word_character(before) and not _is_word_character(after):
                found.append(term)
                break
            position = lowered.find(needle, position + 1)
    return found
