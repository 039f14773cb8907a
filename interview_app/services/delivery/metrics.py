"""Delivery metrics over a stored transcript, whichever provider held the interview.

Pure functions over `TranscriptEntry` rows: per answer, words per minute and response
latency (end of the question to the start of the answer; both for spoken answers only),
length in words and seconds, filler words per 100 words, hedges, the STAR parts it has
(from "Situation: ..." labels and from its content), the questions the candidate asked
and the job's key terms it names; per interview, the talk ratio (when anything was
spoken), the longest answer and the coverage of the job description's key terms. Each
figure comes with the common norm it is read against (`NORMS`).

An answer whose words our server recognised (`TranscriptEntry.words`) is measured from
their times (`spoken`): pace over the time spent speaking, pauses between words, the time
to the first word, and the fillers said. Fillers and hedges follow the interview language
(`lexicon`); where it has no list they are None, not 0. Japanese answers are counted in
characters and have no pace in words a minute.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from interview_app.services.delivery import lexicon
from interview_app.services.delivery.lexicon import UNSPACED_LANGUAGES
from interview_app.services.delivery.spoken import spoken_delivery
from interview_app.services.jobs.key_terms import extract_key_terms, mentioned_terms
from interview_app.services.languages import language_for
from interview_app.services.transcript_entry import RecognisedWord, TranscriptEntry

# Phrases that mark each STAR part of a behavioural answer (lower case, whole words).
STAR_PARTS: tuple[str, ...] = ("situation", "task", "action", "result")


def _word_set(words: str) -> frozenset[str]:
    return frozenset(re.findall(r"\S+", words))


def _expand(*alternatives: str) -> set[str]:
    """Expand "a|b c|d" into {"a c", "a d", "b c", "b d"}."""
    phrases = set()
    for alternative in alternatives:
        for combination in itertools.product(*(word.split("|") for word in alternative.split())):
            phrases.add(" ".join(combination))
    return phrases


_STAR_PHRASES: dict[str, frozenset[str]] = {
    "situation": frozenset(
        _expand(
            "when i was|worked|joined|started",
            "when we were|had|started",
            "while i was",
            "at the time",
            "there was|were",
            "we had",
            "we were",
            "our team|company|product|system|client was|had",
            "the team|company|product|system|client was|had",
            "i was working",
            "i joined",
            "in|at my last|previous|current|old|first role|job|team|company|position|employer",
            "in|during my first|second|third|final|last year|month|week|summer|semester",
            "a few|couple years|months|weeks ago",
            "last year|month|quarter|summer|winter|spring|autumn",
            "the situation|context|background",
            "back when|in",
            "one time",
            "during my",
            "a while ago",
        )
    ),
    "task": frozenset(
        _expand(
            "my|our goal|task|job|role|responsibility|aim|mission|objective|target|brief was",
            "the goal|aim|objective|target|deadline|brief|challenge|problem|task|ask was|is",
            "i was asked|responsible|tasked|supposed|expected|hired|brought",
            "we|i needed|wanted|had to",
            "i|we had to",
            "in charge of",
            "i owned",
            "i had a deadline",
            "we had a deadline",
        )
    ),
    "action": frozenset(_expand("so i", "first i", "then i", "my approach", "i started by")),
    "result": frozenset(
        _expand(
            "as a result",
            "in the end",
            "the result|outcome|impact was|is",
            "which led|meant|reduced|increased|saved|cut|improved|doubled|halved",
            "that led|meant|reduced|increased|saved|cut|improved",
            "it led|meant|reduced|increased|saved|cut|improved",
            "led to",
            "resulted in",
            "we reduced|increased|shipped|launched|delivered|saved|cut|improved|hit|met|won|passed",
            "i reduced|increased|shipped|launched|delivered|saved|cut|improved|hit|met|won|passed",
            "ended up",
            "i|we learned|learnt",
            "since then",
            "was|got promoted",
            "positive feedback",
            "on time",
            "under budget",
            "went down|up",
            "dropped to|from|by",
            "fell to|from|by",
            "rose to|from|by",
        )
    ),
}
# First two words -> (STAR part, the phrase's words), so an answer is read in one pass
# (every phrase has at least two words).
_STAR_BY_FIRST_PAIR: dict[tuple[str, str], list[tuple[str, tuple[str, ...]]]] = {}
for _part, _phrases in _STAR_PHRASES.items():
    for _phrase in _phrases:
        _phrase_words = tuple(_phrase.split())
        _STAR_BY_FIRST_PAIR.setdefault(_phrase_words[:2], []).append((_part, _phrase_words))
# A candidate who writes "Situation: ... Task: ... Action: ... Result: ..." names each part.
_STAR_LABEL = re.compile(
    r"(?:^|[\s(*_])(situation|context|background|task|goal|challenge|objective|actions?|"
    r"approach|what i did|results?|outcome|impact)\s*(?:\*\*|__)?\s*[:\u2013\u2014-]",
    re.IGNORECASE,
)
_LABEL_PARTS = {
    "situation": "situation",
    "context": "situation",
    "background": "situation",
    "task": "task",
    "goal": "task",
    "challenge": "task",
    "objective": "task",
    "action": "action",
    "actions": "action",
    "approach": "action",
    "what i did": "action",
    "result": "result",
    "results": "result",
    "outcome": "result",
    "impact": "result",
}
# "I" + a past-tense verb (with at most one adverb between) is the candidate acting.
_IRREGULAR_PAST = _word_set(
    """
    built wrote led made ran took set spoke met drove chose found brought began got gave kept
    sent put sought taught thought told went won rewrote broke cut held paid sold split
    spent shut stood understood undertook oversaw did saw hired fought dealt
    """
)
_ACTING_ADVERBS = _word_set(
    "then also first quickly immediately personally finally eventually just carefully "
    "actually really later soon"
)
_NOT_ACTING = frozenset({"used", "needed", "wanted", "supposed", "asked", "tasked", "expected"})
_CHANGE_VERBS = frozenset(
    {
        "reduced",
        "increased",
        "improved",
        "saved",
        "cut",
        "grew",
        "halved",
        "doubled",
        "tripled",
        "dropped",
        "lowered",
        "raised",
        "boosted",
        "shortened",
        "sped",
    }
)
_PERCENT = re.compile(r"\d\s?%|\b\d+(?:\.\d+)?x\b|\b\d+ times (?:faster|more|less|fewer)")
# "I give 100 percent" is effort, not an outcome in numbers.
_GIVING_ALL = re.compile(
    r"\b(?:give|gives|giving|gave)\s+(?:it\s+)?(?:my\s+)?(?:a\s+|one\s+)?"
    r"(?:hundred(?:\s+and\s+ten)?|1[01]0)(?:\s?%|\s+per\s?cent)",
    re.IGNORECASE,
)
_PAST_YEAR = re.compile(r"\b(?:in|during|back in|since) (?:19|20)\d\d\b")
# A sentence that opens on a named place ("At Ridgeline Payments our API took ...", "In
# Berlin we were ..."), past a filler or two, sets the scene, but only if it tells of the
# past: "In Python I prefer ..." and "At Google I'd like to ..." set none.
_NAMED_SETTING = re.compile(
    r"(?:^|[.!?]\s+|\n)(?i:(?:so|um|uh|well|ok|okay|yeah)\b[,\s]+)*(?:[Aa]t|[Ii]n)"
    r"\s+(?!I\b)[A-Z][^.!?\n]*"
)
_PAST_TENSE = re.compile(
    r"\b(?:was|were|had|took|kept|ran|went|got|lost|broke|grew|began|\w{2,}ed)\b", re.IGNORECASE
)
# Not the thing: another part's word ("our goal was" is the task), or a word that ends the
# thing's name and starts another clause ("our industry, so I'm used to ...").
_NOT_A_SCENE = _word_set(
    """
    goal task job aim role responsibility mission objective target brief deadline plan
    approach idea result results outcome impact lesson solution answer reason way thing
    best first last main biggest one
    i i'm i've i'd me my we you they it it's is are be and or but so because when if as
    that which who then to
    """
)
# "Our settlement API took 4 seconds", "the checkout page kept timing out": a thing of
# the candidate's past and what state it was in. "Our" owns whatever it names; "the" is
# too common ("the best part was") to count without trouble after it.
_OUR_STATES = _word_set("was were had kept took lost broke crashed failed")
_THE_STATES = _word_set("kept broke crashed failed stalled")
_THE_TROUBLE = _word_set(
    """
    failing crashing down broken slow losing overloaded timing struggling taking always
    constantly behind late falling leaking flaky unreliable overflowing stuck
    """
)
# Questions a candidate asks, with or without "?" ("I'd like to know how ...").
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_ASKING = re.compile(
    r"\b(?:i'?d (?:like|love) to (?:know|ask|hear|understand)|i would (?:like|love) to "
    r"(?:know|ask|hear|understand)|i was wondering|i wonder|i'm curious (?:about|how|what|"
    r"whether|if)|could you (?:tell|explain|describe|share)|can you (?:tell|explain|describe|"
    r"share)|tell me more about|my question is)\b"
)
_SECOND_QUESTION = re.compile(
    r",?\s+\b(?:and|also)\s+(?=(?:what|how|who|when|where|why|which|whether|if)\b)"
)
_OPENING_WORDS = frozenset({"and", "also", "so", "ok", "okay", "well", "then", "just"})
_WH_WORDS = frozenset({"what", "how", "who", "when", "where", "why", "which", "what's", "how's"})
_QUESTION_FOLLOWERS = _word_set(
    "do does did is are was were would will can could should has have kind sort type "
    "often much many long big does soon the your you"
)
_AUXILIARIES = _word_set("do does did is are was were would will can could should has have")
_ASKED_SUBJECTS = _word_set(
    "you your the there this that it we i a an teams team engineers people they"
)
# Common norms each figure is read against (shown beside it, and given to the AI).
NORMS: dict[str, str] = {
    "words_per_minute": "conversational speech is around 110 to 150 words a minute",
    "latency": "a pause of 1 to 4 seconds before answering reads as thoughtful",
    "pauses": "a pause of 1 to 3 s mid-answer reads as thinking; over 3 s loses the listener",
    "answer_words": "most strong answers run 100 to 300 words (about 1 to 2 minutes)",
    "fillers": "under 3 filler words per 100 words goes unnoticed; over 6 distracts",
    "star": "behavioural answers land best with all four STAR parts",
    "talk_ratio": "candidates usually speak 60 to 75% of an interview",
    "coverage": "strong candidates touch most of the job's key terms",
}
WPM_NORM = (110.0, 150.0)
LATENCY_NORM_S = (1.0, 4.0)
ANSWER_WORDS_NORM = (100, 300)
FILLERS_GOOD, FILLERS_HIGH = 3.0, 6.0
TALK_RATIO_NORM = (0.60, 0.75)
# Below this an answer's pace is not measured: a couple of seconds says nothing about pace.
MIN_SECONDS_FOR_PACE = 3.0


@dataclass(frozen=True, slots=True)
class AnswerMetrics:
    """The figures of one answer (consecutive interviewee messages after one question).

    Attributes:
        index: 0-based position among the answers.
        question: The interviewer's text before it ("" when the candidate spoke first).
        text: The answer's text.
        start_ms: When the answer began.
        words: Length in words (in characters for Japanese: see `length_unit`).
        seconds: Length in seconds, when the times are known.
        words_per_minute: Speaking pace, for spoken answers of at least a few seconds
            (over the time from the first recognised word to the last when the words' times
            are known); None for typed answers and for Japanese.
        latency_seconds: From the end of the question to the start of the answer (to the
            first recognised word when the words' times are known; 0 when the candidate
            spoke over the question), when both are known; None for a typed answer, whose
            start says how long typing took, not how long they paused.
        fillers: Filler words counted (the recognised words' when known, else the
            text's); None where the interview language's fillers are not measured.
        fillers_per_100_words: Fillers per 100 words (0 for an empty answer); None where
            fillers are not measured.
        star_parts: The STAR parts the answer has, in STAR order.
        spoken: Whether the answer was spoken (not typed).
        hedges: Hedging phrases ("I think", "maybe", "vielleicht", "peut-être", ...); None
            where the interview language's hedges are not measured.
        questions: The questions the candidate asked in it, with or without "?".
        key_terms: The job's key terms it mentions.
        word_timings: Whether pace, pauses and latency come from recognised words' times.
        speaking_seconds: The time the pace is measured over: from the first recognised
            word to the last, else the answer's length; None when unknown.
        pauses_over_1s: Silences over 1 s between two recognised words; None without
            word timings.
        pauses_over_3s: Those of them over 3 s; None without word timings.
        longest_pause_ms: The longest silence between two recognised words; None without
            word timings.
        length_unit: What `words` counts: `words`, or `characters` for Japanese.
    """

    index: int
    question: str
    text: str
    start_ms: int
    words: int
    seconds: float | None
    words_per_minute: float | None
    latency_seconds: float | None
    fillers: int | None
    fillers_per_100_words: float | None
    star_parts: tuple[str, ...]
    spoken: bool
    hedges: int | None = 0
    questions: tuple[str, ...] = ()
    key_terms: tuple[str, ...] = ()
    word_timings: bool = False
    speaking_seconds: float | None = None
    pauses_over_1s: int | None = None
    pauses_over_3s: int | None = None
    longest_pause_ms: int | None = None
    length_unit: str = "words"


@dataclass(frozen=True, slots=True)
class InterviewMetrics:
    """The figures of one interview.

    Attributes:
        answers: Per-answer figures, in order.
        questions_asked: Interviewer turns.
        talk_ratio: The candidate's share of the talking (by time when every message has
            an end time, else by words), 0..1; None when nobody said anything or every
            answer was typed (typing is not talking).
        talk_ratio_basis: `time` or `words`.
        longest_answer: Index of the longest answer (by words), or None.
        key_terms: The job description's key terms.
        key_terms_covered: The key terms the candidate mentioned.
        total_words: Words the candidate said (characters for Japanese).
        fillers_per_100_words: Over all answers; None where the interview language's
            fillers are not measured.
        words_per_minute: Over all spoken answers with a measurable pace, or None.
        median_latency_seconds: Median response latency of spoken answers, or None.
        star_completeness: Mean share of STAR parts per answer, 0..1.
        candidate_questions: The questions the candidate asked, in order.
        spoken_answers: How many answers were spoken rather than typed.
        language: The interview language the figures were measured in (ISO 639-1).
        pauses_over_1s: Silences over 1 s between recognised words, over all answers
            with word timings; None when no answer has them.
        pauses_over_3s: Those of them over 3 s; None when no answer has word timings.
        longest_pause_ms: The longest such silence; None when no answer has word timings.
        length_unit: What word counts count: `words`, or `characters` for Japanese.
    """

    answers: list[AnswerMetrics]
    questions_asked: int
    talk_ratio: float | None
    talk_ratio_basis: str
    longest_answer: int | None
    key_terms: list[str] = field(default_factory=list)
    key_terms_covered: list[str] = field(default_factory=list)
    total_words: int = 0
    fillers_per_100_words: float | None = 0.0
    words_per_minute: float | None = None
    median_latency_seconds: float | None = None
    star_completeness: float = 0.0
    candidate_questions: list[str] = field(default_factory=list)
    spoken_answers: int = 0
    language: str = "en"
    pauses_over_1s: int | None = None
    pauses_over_3s: int | None = None
    longest_pause_ms: int | None = None
    length_unit: str = "words"

    @property
    def coverage(self) -> float | None:
        """Share of the key terms the candidate mentioned, or None without key terms."""
        if not self.key_terms:
            return None
        return len(self.key_terms_covered) / len(self.key_terms)


@dataclass(slots=True)
class _Turn:
    speaker: str
    texts: list[str]
    start_ms: int
    end_ms: int | None
    spoken: bool
    any_time_missing: bool
    # The recognised words of its messages, when every message has them.
    words: list[RecognisedWord] | None


def _language(code: str) -> str:
    return language_for(code).code


def _words(text: str) -> list[str]:
    return lexicon.words(text)


def count_words(text: str, language: str = "en") -> int:
    """Count the words of a text (the characters, for Japanese).

    Args:
        text: Any text.
        language: The interview language's ISO 639-1 code.

    Returns:
        The number of words (a contraction or a hyphenated word counts once).
    """
    return len(lexicon.words(text, _language(language)))


def count_fillers(text: str, language: str = "en") -> int | None:
    """Count filler words and phrases ("um", "you know", "basically", "äh", "euh", ...).

    Args:
        text: What the candidate said.
        language: The interview language's ISO 639-1 code; its own fillers count.

    Returns:
        How many fillers it has; None where the language's fillers are not measured
        (`lexicon.measures_fillers`).
    """
    return lexicon.count_fillers_in(lexicon.tokens(text), _language(language))


def _acts(words: list[str]) -> bool:
    """Whether the candidate says what they did: "I rewrote", "I then called", "I've led"."""
    for index, word in enumerate(words):
        if word not in ("i", "i've"):
            continue
        following = words[index + 1 : index + 3]
        if following and following[0] in _ACTING_ADVERBS:
            following = following[1:]
        verb = following[0] if following else ""
        if verb in _IRREGULAR_PAST or (
            len(verb) > 4 and verb.endswith("ed") and verb not in _NOT_ACTING
        ):
            return True
    return False


def _changed_by_a_number(words: list[str]) -> bool:
    """Whether a change is put in numbers: "cut it by half", "cut it to 8", "from 40 to 12"."""
    for index, word in enumerate(words):
        if word in _CHANGE_VERBS:
            following = words[index + 1 : index + 6]
            if "by" in following[:4] or any(
                # Where a change ended is a result as much as by how much it changed.
                to == "to" and number.isdigit()
                for to, number in itertools.pairwise(following)
            ):
                return True
        if word == "from" and any(w.isdigit() for w in words[index + 1 : index + 3]):
            window = words[index + 2 : index + 7]
            if "to" in window and any(w.isdigit() for w in window[window.index("to") :]):
                return True
    return "percent" in words


def _sets_a_scene(text: str, words: list[str]) -> bool:
    """Whether the answer says where it happened or how things stood, in the past."""
    if any(_PAST_TENSE.search(match.group()) for match in _NAMED_SETTING.finditer(text)):
        return True
    for index, word in enumerate(words):
        if word not in ("our", "the"):
            continue
        # A state up to three words on: "our settlement API took", "the checkout team was".
        for offset in range(2, 5):
            named, state = words[index + 1 : index + offset], words[index + offset : index + 6]
            if not state or _NOT_A_SCENE.intersection(named):
                break
            verb, after = state[0], state[1] if len(state) > 1 else ""
            if word == "our" and verb in _OUR_STATES:
                return True
            if word == "the" and (
                verb in _THE_STATES or (verb in ("was", "were") and after in _THE_TROUBLE)
            ):
                return True
    return False


def _star_parts(text: str, words: list[str]) -> tuple[str, ...]:
    found = {_LABEL_PARTS[match.group(1).lower()] for match in _STAR_LABEL.finditer(text)}
    for index, pair in enumerate(itertools.pairwise(words)):
        for part, phrase in _STAR_BY_FIRST_PAIR.get(pair, ()):
            if part not in found and tuple(words[index : index + len(phrase)]) == phrase:
                found.add(part)
    if "action" not in found and _acts(words):
        found.add("action")
    if "situation" not in found and (_PAST_YEAR.search(text.lower()) or _sets_a_scene(text, words)):
        found.add("situation")
    measured = _GIVING_ALL.sub(" ", text)
    measured_words = words if measured == text else _words(measured)
    if "result" not in found and (
        _changed_by_a_number(measured_words) or _PERCENT.search(measured)
    ):
        found.add("result")
    return tuple(part for part in STAR_PARTS if part in found)


def star_parts(text: str) -> tuple[str, ...]:
    """Return the STAR parts (situation, task, action, result) an answer has.

    Args:
        text: The answer.

    Returns:
        The parts found, in STAR order.
    """
    return _star_parts(text, _words(text))


def count_hedges(text: str, language: str = "en") -> int | None:
    """Count hedging phrases ("I think", "maybe", "vielleicht", "peut-être", "creo que", ...).

    Args:
        text: What the candidate said.
        language: The interview language's ISO 639-1 code; its own hedges count.

    Returns:
        How many hedges it has; None where the language's hedges are not measured.
    """
    return lexicon.count_hedges_in(_words(text), _language(language))


def _is_a_question(sentence: str) -> bool:
    lowered = sentence.lower().strip(" \"'\u201c\u201d")
    if lowered.endswith("?"):
        return True
    if _ASKING.search(lowered):
        return True
    words = _words(lowered)
    while words and words[0] in _OPENING_WORDS:
        words = words[1:]
    if len(words) < 3:
        return False
    first, second = words[0], words[1]
    # "What does the team..." asks; "What I did was..." tells.
    if first in _WH_WORDS:
        return second in _QUESTION_FOLLOWERS
    return first in _AUXILIARIES and second in _ASKED_SUBJECTS


def asked_questions(text: str) -> list[str]:
    """Return the questions a candidate asked in an answer, with or without "?".

    "I'd like to know how the team handles on-call and what the deployment process looks
    like" is two questions; "What I did was ..." is none.

    Args:
        text: What the candidate said.

    Returns:
        Each question as written (a sentence asking two things gives both halves).
    """
    questions: list[str] = []
    for sentence in _SENTENCE_END.split(text):
        sentence = sentence.strip()
        if not sentence or not _is_a_question(sentence):
            continue
        parts = [part.strip(" ,") for part in _SECOND_QUESTION.split(sentence)]
        questions += [part for part in parts if part]
    return questions


def _turns(entries: Sequence[TranscriptEntry]) -> list[_Turn]:
    turns: list[_Turn] = []
    for entry in entries:
        text = entry.text.strip()
        if turns and turns[-1].speaker == entry.speaker:
            turn = turns[-1]
            if text:
                turn.texts.append(text)
            if entry.end_ms is None:
                turn.any_time_missing = True
            else:
                turn.end_ms = max(turn.end_ms or entry.end_ms, entry.end_ms)
            turn.spoken = turn.spoken and entry.spoken
            # A turn partly typed, or partly heard by a provider, is measured from its text.
            turn.words = turn.words + list(entry.words) if turn.words and entry.words else None
            continue
        turns.append(
            _Turn(
                speaker=entry.speaker,
                texts=[text] if text else [],
                start_ms=entry.start_ms,
                end_ms=entry.end_ms,
                spoken=entry.spoken,
                any_time_missing=entry.end_ms is None,
                words=list(entry.words) if entry.words else None,
            )
        )
    return turns


def _seconds(turn: _Turn) -> float | None:
    if turn.end_ms is None:
        return None
    return max(0, turn.end_ms - turn.start_ms) / 1000


def _median(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def _answer(
    index: int, turn: _Turn, question: _Turn | None, key_terms: Sequence[str], language: str
) -> AnswerMetrics:
    text = " ".join(turn.texts)
    tokens = _words(text)
    unspaced = language in UNSPACED_LANGUAGES
    words = len(lexicon.words(text, language)) if unspaced else len(tokens)
    seconds = _seconds(turn)
    question_end = None
    if question is not None:
        question_end = question.end_ms if question.end_ms is not None else question.start_ms
    timed = spoken_delivery(turn.words, language) if turn.words and turn.spoken else None
    if timed is not None:
        speaking_seconds: float | None = timed.speaking_ms / 1000
        pace = timed.words_per_minute
        first_word_ms = timed.first_word_ms if timed.first_word_ms is not None else turn.start_ms
        fillers = timed.fillers
    else:
        speaking_seconds = seconds
        pace = round(words / seconds * 60, 1) if turn.spoken and words and seconds else None
        first_word_ms = turn.start_ms
        fillers = lexicon.count_fillers_in(lexicon.tokens(text), language)
    if unspaced or speaking_seconds is None or speaking_seconds < MIN_SECONDS_FOR_PACE:
        pace = None
    latency = None
    if question_end is not None and turn.spoken:
        latency = max(0, first_word_ms - question_end) / 1000
    return AnswerMetrics(
        index=index,
        question=" ".join(question.texts) if question else "",
        text=text,
        start_ms=turn.start_ms,
        words=words,
        seconds=seconds,
        words_per_minute=pace,
        latency_seconds=latency,
        fillers=fillers,
        fillers_per_100_words=(
            None if fillers is None else round(fillers * 100 / words, 1) if words else 0.0
        ),
        star_parts=_star_parts(text, tokens),
        spoken=turn.spoken,
        hedges=lexicon.count_hedges_in(tokens, language),
        questions=tuple(asked_questions(text)),
        key_terms=tuple(mentioned_terms(key_terms, text)) if key_terms else (),
        word_timings=timed is not None,
        speaking_seconds=speaking_seconds,
        pauses_over_1s=timed.pauses_over_1s if timed else None,
        pauses_over_3s=timed.pauses_over_3s if timed else None,
        longest_pause_ms=timed.longest_pause_ms if timed else None,
        length_unit="characters" if unspaced else "words",
    )


def _talk_ratio(turns: list[_Turn]) -> tuple[float | None, str]:
    timed = all(not turn.any_time_missing and turn.end_ms is not None for turn in turns)
    totals = {"interviewer": 0.0, "interviewee": 0.0}
    basis = "time" if timed else "words"
    for turn in turns:
        if timed:
            totals[turn.speaker] += _seconds(turn) or 0.0
        else:
            totals[turn.speaker] += len(_words(" ".join(turn.texts)))
    whole = totals["interviewer"] + totals["interviewee"]
    if whole <= 0:
        return None, basis
    return totals["interviewee"] / whole, basis


def _sum_or_none(values: list[int | None]) -> int | None:
    known = [value for value in values if value is not None]
    return sum(known) if known else None


def compute_metrics(
    entries: Sequence[TranscriptEntry], key_terms: Sequence[str] = (), language: str = "en"
) -> InterviewMetrics:
    """Compute the delivery metrics of an interview from its transcript.

    Consecutive messages of one speaker form one turn (providers split long turns); an
    interviewee turn is an answer to the interviewer turn before it. Empty answers count
    as answers of 0 words. Typed answers have no pace and no pause before them, and an
    interview with no spoken answer has no talk share. An answer whose every message
    carries its recognised words is measured from their times (pace, pauses, latency to
    the first word) and its fillers are the ones said.

    Args:
        entries: The stored transcript, in order.
        key_terms: The job description's key terms (`key_terms.extract_key_terms`).
        language: The interview language (the job info's `interview_language`, ISO 639-1;
            an unknown code reads as English). Fillers and hedges follow its list where it
            has one (English, German, French, Spanish) and are None elsewhere; Japanese is
            counted in characters and has no pace.

    Returns:
        Per-answer and per-interview figures.
    """
    language = _language(language)
    turns = _turns(entries)
    answers: list[AnswerMetrics] = []
    previous_question: _Turn | None = None
    for turn in turns:
        if turn.speaker == "interviewer":
            previous_question = turn
            continue
        answers.append(_answer(len(answers), turn, previous_question, key_terms, language))
        previous_question = None

    total_words = sum(answer.words for answer in answers)
    total_fillers = _sum_or_none([answer.fillers for answer in answers])
    paced = [a for a in answers if a.words_per_minute is not None and a.speaking_seconds]
    pace_seconds = sum(a.speaking_seconds or 0.0 for a in paced)
    # Each answer weighs by the time it was measured over.
    spoken_words = sum((a.words_per_minute or 0.0) * (a.speaking_seconds or 0.0) for a in paced)
    words_per_minute = round(spoken_words / pace_seconds, 1) if pace_seconds else None
    timed = [answer for answer in answers if answer.word_timings]
    answered = [answer for answer in answers if answer.words]
    longest = max(answered, key=lambda answer: answer.words, default=None)
    spoken_answers = sum(1 for answer in answers if answer.spoken)
    talk_ratio, basis = _talk_ratio(turns) if spoken_answers else (None, "words")
    covered = {term for answer in answers for term in answer.key_terms}
    latencies = [a.latency_seconds for a in answers if a.latency_seconds is not None]
    return InterviewMetrics(
        answers=answers,
        questions_asked=sum(1 for turn in turns if turn.speaker == "interviewer"),
        talk_ratio=talk_ratio,
        talk_ratio_basis=basis,
        longest_answer=longest.index if longest else None,
        key_terms=list(key_terms),
        key_terms_covered=[term for term in key_terms if term in covered],
        total_words=total_words,
        fillers_per_100_words=(
            None
            if total_fillers is None
            else round(total_fillers * 100 / total_words, 1)
            if total_words
            else 0.0
        ),
        words_per_minute=words_per_minute,
        median_latency_seconds=_median(latencies),
        star_completeness=(
            sum(len(a.star_parts) for a in answers) / (len(STAR_PARTS) * len(answers))
            if answers
            else 0.0
        ),
        candidate_questions=[question for answer in answers for question in answer.questions],
        spoken_answers=spoken_answers,
        language=language,
        pauses_over_1s=_sum_or_none([a.pauses_over_1s for a in timed]),
        pauses_over_3s=_sum_or_none([a.pauses_over_3s for a in timed]),
        longest_pause_ms=max((a.longest_pause_ms or 0 for a in timed), default=None),
        length_unit="characters" if language in UNSPACED_LANGUAGES else "words",
    )


def format_clock(milliseconds: int) -> str:
    """Format an offset as `MM:SS` (or `H:MM:SS` past an hour).

    Args:
        milliseconds: Time since the interview started.

    Returns:
        The clock time.
    """
    seconds = max(0, milliseconds) // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}"


def metrics_as_facts(metrics: InterviewMetrics) -> list[str]:
    """Write the metrics as plain facts a feedback prompt can include.

    Args:
        metrics: The interview's metrics.

    Returns:
        One sentence per fact, each figure with its common norm.
    """
    lines: list[str] = []
    if metrics.words_per_minute is not None:
        lines.append(
            f"Speaking pace: {metrics.words_per_minute:.0f} words per minute "
            f"({NORMS['words_per_minute']})."
        )
    if metrics.median_latency_seconds is not None:
        lines.append(
            f"Median pause before answering: {metrics.median_latency_seconds:.1f} s "
            f"({NORMS['latency']})."
        )
    if metrics.pauses_over_1s is not None:
        lines.append(
            f"Pauses between words of spoken answers: {metrics.pauses_over_1s} over 1 s, "
            f"{metrics.pauses_over_3s} over 3 s, the longest "
            f"{(metrics.longest_pause_ms or 0) / 1000:.1f} s ({NORMS['pauses']})."
        )
    language = language_for(metrics.language).name
    if metrics.fillers_per_100_words is None:
        lines.append(f"Filler words and hedges: not measured in {language}.")
    else:
        lines.append(
            f"Filler words: {metrics.fillers_per_100_words:.1f} per 100 words ({NORMS['fillers']})."
        )
    if metrics.length_unit != "words":
        lines.append(f"Lengths are counted in {metrics.length_unit} ({language}).")
    if metrics.talk_ratio is not None:
        lines.append(
            f"Candidate's share of the talking ({metrics.talk_ratio_basis}): "
            f"{metrics.talk_ratio:.0%} ({NORMS['talk_ratio']})."
        )
    if metrics.coverage is not None:
        missing = [t for t in metrics.key_terms if t not in metrics.key_terms_covered]
        lines.append(
            f"Job key terms mentioned: {len(metrics.key_terms_covered)} of "
            f"{len(metrics.key_terms)} ({', '.join(metrics.key_terms_covered) or 'none'}); "
            f"not mentioned: {', '.join(missing) or 'none'}."
        )
    for answer in metrics.answers:
        parts = [f"{answer.words} {answer.length_unit}"]
        if answer.seconds is not None:
            parts.append(f"{answer.seconds:.0f} s")
        if answer.words_per_minute is not None:
            parts.append(f"{answer.words_per_minute:.0f} wpm")
        if answer.latency_seconds is not None:
            parts.append(f"answered after {answer.latency_seconds:.1f} s")
        if answer.pauses_over_1s is not None:
            parts.append(
                f"{answer.pauses_over_1s} pauses over 1 s ({answer.pauses_over_3s} over 3 s)"
            )
        if answer.fillers_per_100_words is not None:
            parts.append(f"{answer.fillers_per_100_words:.1f} fillers/100 words")
        parts.append("STAR: " + ("/".join(answer.star_parts) or "none"))
        parts.append("spoken" if answer.spoken else "typed")
        lines.append(
            f"Answer {answer.index + 1} (at {format_clock(answer.start_ms)}): "
            + ", ".join(parts)
            + "."
        )
    return lines


def delivery_facts(
    *, transcript: Sequence[TranscriptEntry], job_description: str, language: str = "en"
) -> list[str]:
    """The delivery metrics of a transcript as facts for the AI feedback prompt.

    Args:
        transcript: The stored transcript.
        job_description: The job description (its key terms are checked).
        language: The interview language (ISO 639-1), as `compute_metrics` takes it.

    Returns:
        `metrics_as_facts` of the transcript's metrics.
    """
    return metrics_as_facts(
        compute_metrics(transcript, extract_key_terms(job_description), language)
    )
