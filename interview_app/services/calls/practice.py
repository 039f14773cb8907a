"""A practice interview saved answer by answer, so nothing the candidate said is lost.

The server plans the questions when the practice opens (`open_practice`), stores each
answer as it is submitted (`save_practice_answer`, idempotent per question), adds a
follow-up that reacts to an answer, lets an unanswered question be swapped, and builds the
transcript from what it stored when the practice finishes (`finish_practice`, safe to
retry). A reload, a closed tab or a worker lost mid-way resumes where the candidate
stopped (`find_unfinished_practice`).
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from interview_app.models import Interview, JobInfo, PracticeTurn, utcnow
from interview_app.services.errors import InvalidInputError, PermissionDeniedError
from interview_app.services.ids import parse_id
from interview_app.services.interviews.lifecycle import get_interview
from interview_app.services.jobs.job_infos import get_job_info, job_key_terms
from interview_app.services.languages import language_for
from interview_app.services.resumes.store import resume_for_job_info
from interview_app.services.speech.recordings import recording_of_interview
from interview_app.services.speech.words import words_from_json, words_to_json
from interview_app.services.transcript_entry import RecognisedWord, TranscriptEntry
from interview_app.services.transcripts.store import replace_transcript
from interview_app.services.voice.base import VoiceProvider
from interview_app.services.voice.practice_plan import (
    REFLECTION_FOLLOW_UPS,
    ResumeTopics,
    alternative_question,
    build_question_plan,
    follow_up_question,
    resume_topics,
)

MAX_MESSAGE_CHARACTERS = 10_000
# Four hours: no practice interview runs longer, and it keeps offsets well inside an int.
MAX_OFFSET_MS = 4 * 60 * 60 * 1000
PRACTICE_CHAT_PREFIX = "practice-"
PRACTICE_POSITION_STEP = 10
# The first answer to a job or behavioural question always gets a follow-up; later ones
# get one only when the answer left something out, up to this many in all.
MAX_FOLLOW_UPS = 2
FOLLOWED_KINDS = frozenset({"role", "resume", "behavioural"})
# A resumed practice continues its clock this long after the last saved moment.
RESUME_GAP_MS = 1_000
PRACTICE_FINISHED_MESSAGE = "This practice interview is finished already."


@dataclass(frozen=True, slots=True)
class PracticeTurnView:
    """One question of a practice as the browser sees it."""

    position: int
    kind: str
    question: str
    answer: str
    answered: bool


@dataclass(frozen=True, slots=True)
class PracticeView:
    """A practice under way: its questions in order, and where its clock resumes.

    Attributes:
        turns: The questions, with the answers saved so far.
        resume_at_ms: Where the practice's clock resumes after a reload.
        language: The interview language's BCP 47 tag (`de-DE`), for the browser's voice.
    """

    turns: list[PracticeTurnView]
    resume_at_ms: int
    language: str


@dataclass(frozen=True, slots=True)
class UnfinishedPractice:
    """A practice the candidate left before finishing it."""

    interview_id: str
    answered: int
    questions: int


def _open_practice_interview(
    session: Session, user_id: uuid.UUID | str | None, interview_id: uuid.UUID | str
) -> Interview:
    interview = get_interview(session=session, user_id=user_id, interview_id=interview_id)
    if interview.voice_provider != VoiceProvider.PRACTICE.value:
        raise PermissionDeniedError()
    if interview.hume_chat_id is not None:
        raise PermissionDeniedError(PRACTICE_FINISHED_MESSAGE)
    return interview


def _turns(session: Session, interview_id: uuid.UUID) -> list[PracticeTurn]:
    return list(
        session.exec(
            select(PracticeTurn)
            .where(PracticeTurn.interview_id == interview_id)
            .order_by(col(PracticeTurn.position))
            .execution_options(populate_existing=True)
        )
    )


def _language(session: Session, interview: Interview) -> str:
    # The interview's job info was checked with the interview: its language is the code.
    job_info = session.get(JobInfo, interview.job_info_id)
    return language_for(job_info.interview_language if job_info else None).code


def _view(session: Session, interview: Interview) -> PracticeView:
    turns = _turns(session, interview.id)
    moments = [
        moment
        for turn in turns
        for moment in (
            turn.asked_ms,
            turn.question_end_ms,
            turn.answer_start_ms,
            turn.answer_end_ms,
        )
        if moment is not None
    ]
    return PracticeView(
        turns=[
            PracticeTurnView(
                position=turn.position,
                kind=turn.kind,
                question=turn.question,
                answer=turn.answer or "",
                answered=turn.answer is not None,
            )
            for turn in turns
        ],
        resume_at_ms=max(moments) + RESUME_GAP_MS if moments else 0,
        language=language_for(_language(session, interview)).bcp47,
    )


def _resume_topics(session: Session, job_info: JobInfo) -> ResumeTopics | None:
    # What the job info's résumé offers to ask about; None when it has no résumé.
    resume = resume_for_job_info(session=session, job_info=job_info)
    if resume is None:
        return None
    return resume_topics(
        resume_text=resume.text,
        description=job_info.description,
        job_key_terms=job_key_terms(session=session, job_info=job_info),
    )


def _previous_questions(session: Session, interview: Interview) -> set[str]:
    # The questions of the job's newest other practice that has any.
    previous = session.exec(
        select(PracticeTurn.interview_id)
        .join(Interview, col(Interview.id) == col(PracticeTurn.interview_id))
        .where(Interview.job_info_id == interview.job_info_id, Interview.id != interview.id)
        .order_by(col(Interview.created_at).desc())
        .limit(1)
    ).first()
    if previous is None:
        return set()
    return set(
        session.exec(select(PracticeTurn.question).where(PracticeTurn.interview_id == previous))
    )


def open_practice(
    *,
    session: Session,
    user_id: uuid.UUID | str | None,
    interview_id: uuid.UUID | str,
    rng: random.Random | None = None,
) -> PracticeView:
    """Open one of the user's practice interviews, planning its questions the first time.

    The plan is in the job info's interview language, asks about its linked résumé when it
    has one, and avoids the questions of the job's previous practice, so two practices in a
    row never ask the same set. Opening again (a reload, a second tab) returns what is
    stored.

    Args:
        session: Open database session.
        user_id: The acting user.
        interview_id: One of the user's practice interviews, not finished.
        rng: The random source of the plan (a seeded one in tests).

    Returns:
        The practice: its questions, the answers saved so far, where its clock resumes.

    Raises:
        NotFoundError: Not the user's interview.
        PermissionDeniedError: Not a practice interview, or finished already.
    """
    interview = _open_practice_interview(session, user_id, interview_id)
    if _turns(session, interview.id):
        return _view(session, interview)
    job_info = get_job_info(session=session, user_id=user_id, job_info_id=interview.job_info_id)
    plan = build_question_plan(
        title=job_info.title,
        description=job_info.description,
        experience_level=job_info.experience_level,
        avoid=_previous_questions(session, interview),
        rng=rng,
        language=job_info.interview_language,
        resume=_resume_topics(session, job_info),
    )
    session.add_all(
        PracticeTurn(
            interview_id=interview.id,
            position=(index + 1) * PRACTICE_POSITION_STEP,
            kind=question.kind,
            question=question.text,
        )
        for index, question in enumerate(plan)
    )
    try:
        session.commit()
    except IntegrityError:
        # Another tab planned it at the same moment: theirs stands.
        session.rollback()
    return _view(session, interview)


def _offset(answer: Mapping[str, object], field: str, *, required: bool) -> int | None:
    value = answer.get(field)
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        raise InvalidInputError({"answer": f"The answer has no valid {field}."})
    if not 0 <= value <= MAX_OFFSET_MS:
        raise InvalidInputError({"answer": f"The answer's {field} is outside the interview."})
    return int(value)


@dataclass(frozen=True, slots=True)
class _ParsedAnswer:
    text: str
    start_ms: int
    end_ms: int
    spoken: bool
    asked_ms: int | None
    question_end_ms: int | None
    question_spoken: bool
    recording_id: object


def parse_practice_answer(answer: object) -> _ParsedAnswer:
    """Check one answer as the browser sends it.

    Rules: an object with a `text` of 1 to `MAX_MESSAGE_CHARACTERS` characters (trimmed);
    `start_ms` and `end_ms` between 0 and four hours, `end_ms >= start_ms`; optional
    `asked_ms` and `question_end_ms` (when the question was shown and finished speaking);
    `spoken` and `question_spoken` booleans (false when absent); an optional
    `recording_id`, the spoken answer the server recognised (checked when saving).

    Args:
        answer: The object the browser sent.

    Returns:
        The parsed answer.

    Raises:
        InvalidInputError: A rule is broken (under the key `answer`).
    """
    if not isinstance(answer, Mapping):
        raise InvalidInputError({"answer": "The answer is missing."})
    text = answer.get("text")
    if not isinstance(text, str) or len(text) > MAX_MESSAGE_CHARACTERS:
        raise InvalidInputError(
            {"answer": f"An answer is text of at most {MAX_MESSAGE_CHARACTERS:,} characters."}
        )
    text = text.strip()
    if not text:
        raise InvalidInputError({"answer": "Write or say an answer before submitting it."})
    start_ms = _offset(answer, "start_ms", required=True) or 0
    end_ms = _offset(answer, "end_ms", required=True) or 0
    if end_ms < start_ms:
        raise InvalidInputError({"answer": "The answer ends before it starts."})
    spoken = answer.get("spoken", False)
    question_spoken = answer.get("question_spoken", False)
    if not isinstance(spoken, bool) or not isinstance(question_spoken, bool):
        raise InvalidInputError({"answer": "The answer has no valid `spoken`."})
    return _ParsedAnswer(
        text=text,
        start_ms=start_ms,
        end_ms=end_ms,
        spoken=spoken,
        asked_ms=_offset(answer, "asked_ms", required=False),
        question_end_ms=_offset(answer, "question_end_ms", required=False),
        question_spoken=question_spoken,
        recording_id=answer.get("recording_id"),
    )


def _follow_up_position(turn: PracticeTurn) -> int:
    # Halfway to the next planned question: a follow-up slots in without renumbering.
    return turn.position + PRACTICE_POSITION_STEP // 2


def _has_follow_up(turns: Sequence[PracticeTurn], turn: PracticeTurn) -> bool:
    return any(other.position == _follow_up_position(turn) for other in turns)


def _follow_up_turn(turn: PracticeTurn, question: str) -> PracticeTurn:
    return PracticeTurn(
        interview_id=turn.interview_id,
        position=_follow_up_position(turn),
        kind="follow_up",
        question=question,
    )


def _follow_up_wanted(
    turns: Sequence[PracticeTurn], answered: PracticeTurn, language: str
) -> str | None:
    if answered.kind not in FOLLOWED_KINDS or answered.answer is None:
        return None
    follow_ups = sum(turn.kind == "follow_up" for turn in turns)
    if follow_ups >= MAX_FOLLOW_UPS:
        return None
    question = follow_up_question(answered.answer, language)
    # After the first, only answers that left something out are followed up.
    return question if follow_ups == 0 or question not in REFLECTION_FOLLOW_UPS else None


def _turn_at(turns: Sequence[PracticeTurn], position: object) -> PracticeTurn:
    if isinstance(position, bool) or not isinstance(position, int):
        raise InvalidInputError({"answer": "That question is not part of this practice."})
    for turn in turns:
        if turn.position == position:
            return turn
    raise InvalidInputError({"answer": "That question is not part of this practice."})


def save_practice_answer(
    *,
    session: Session,
    user_id: uuid.UUID | str | None,
    interview_id: uuid.UUID | str,
    position: object,
    answer: object,
    add_follow_up: bool = True,
) -> PracticeView:
    """Store the answer to one question of a practice, as the candidate submits it.

    Idempotent per question: sending the same question's answer again replaces it. The
    first answer to a job or behavioural question, and later ones that left out the
    candidate's own part or the outcome, get a follow-up question right after them: the
    rule-based one here, or, with `add_follow_up` False, one a model writes afterwards
    (`follow_ups.write_follow_up`).

    Args:
        session: Open database session.
        user_id: The acting user.
        interview_id: One of the user's practice interviews, not finished.
        position: The question's `position` (from `open_practice`).
        answer: The answer as the browser sent it (`parse_practice_answer`).
        add_follow_up: Whether to add the rule-based follow-up it calls for.

    Returns:
        The practice with the answer saved (and any follow-up added).

    Raises:
        NotFoundError: Not the user's interview.
        PermissionDeniedError: Not a practice interview, or finished already.
        InvalidInputError: The answer or the position breaks a rule; nothing is stored.
    """
    interview = _open_practice_interview(session, user_id, interview_id)
    parsed = parse_practice_answer(answer)
    turns = _turns(session, interview.id)
    turn = _turn_at(turns, position)
    turn.answer = parsed.text
    turn.answer_start_ms = parsed.start_ms
    turn.answer_end_ms = parsed.end_ms
    turn.answer_spoken = parsed.spoken
    # A spoken answer's words come from what the server recognised, never from the browser.
    turn.recording_id, turn.answer_words = None, None
    if parsed.recording_id is not None:
        recording_id, words = recording_of_interview(
            session=session, interview_id=interview.id, recording_id=parsed.recording_id
        )
        turn.recording_id, turn.answer_words = recording_id, words_to_json(words)
        turn.answer_spoken = True
    if parsed.asked_ms is not None and parsed.asked_ms <= parsed.start_ms:
        turn.asked_ms = parsed.asked_ms
        turn.question_end_ms = (
            parsed.question_end_ms
            if parsed.question_end_ms is not None
            and parsed.asked_ms <= parsed.question_end_ms <= parsed.start_ms
            else parsed.asked_ms
        )
        turn.question_spoken = parsed.question_spoken
    turn.answered_at = utcnow()
    session.add(turn)
    question = (
        _follow_up_wanted(turns, turn, _language(session, interview)) if add_follow_up else None
    )
    if question is not None and not _has_follow_up(turns, turn):
        session.add(_follow_up_turn(turn, question))
    try:
        session.commit()
    except IntegrityError:
        # The same answer saved from another tab at the same moment added the follow-up.
        session.rollback()
        return save_practice_answer(
            session=session,
            user_id=user_id,
            interview_id=interview_id,
            position=position,
            answer=answer,
            add_follow_up=add_follow_up,
        )
    return _view(session, interview)


@dataclass(frozen=True, slots=True)
class FollowUpDraft:
    """A follow-up an answer calls for, with what a model needs to write it.

    Attributes:
        position: The answered question's position (the follow-up goes right after it).
        rule_question: The rule-based follow-up, asked when no model writes one.
        question: The question that was answered.
        answer: The candidate's answer.
        job_title: The job's title (may be empty).
        job_description: The job description.
        experience_level: `junior`, `mid-level` or `senior`.
        language: The interview language's code; the follow-up is asked in it.
    """

    position: int
    rule_question: str
    question: str
    answer: str
    job_title: str
    job_description: str
    experience_level: str
    language: str = "en"


def follow_up_draft(
    *,
    session: Session,
    user_id: uuid.UUID | str | None,
    interview_id: uuid.UUID | str,
    position: object,
) -> FollowUpDraft | None:
    """The follow-up a saved answer calls for, if any and not added yet.

    The same rules as `save_practice_answer`'s: which answers get one, and how many.

    Args:
        session: Open database session.
        user_id: The acting user.
        interview_id: One of the user's practice interviews, not finished.
        position: The answered question's `position`.

    Returns:
        The draft, or None when the answer calls for no follow-up or has one already.

    Raises:
        NotFoundError: Not the user's interview.
        PermissionDeniedError: Not a practice interview, or finished already.
        InvalidInputError: No such question (under the key `answer`).
    """
    interview = _open_practice_interview(session, user_id, interview_id)
    turns = _turns(session, interview.id)
    turn = _turn_at(turns, position)
    job_info = get_job_info(session=session, user_id=user_id, job_info_id=interview.job_info_id)
    rule_question = _follow_up_wanted(turns, turn, job_info.interview_language)
    if rule_question is None or _has_follow_up(turns, turn):
        return None
    return FollowUpDraft(
        position=turn.position,
        rule_question=rule_question,
        question=turn.question,
        answer=turn.answer or "",
        job_title=job_info.title or "",
        job_description=job_info.description,
        experience_level=job_info.experience_level,
        language=language_for(job_info.interview_language).code,
    )


def add_follow_up(
    *,
    session: Session,
    user_id: uuid.UUID | str | None,
    interview_id: uuid.UUID | str,
    position: object,
    question: str,
) -> PracticeView:
    """Ask a follow-up right after an answered question, written once the answer was saved.

    Nothing is added when the question has a follow-up already (another tab) or when a
    later question was answered meanwhile (the candidate moved on: a question about an
    earlier answer would now come out of order).

    Args:
        session: Open database session.
        user_id: The acting user.
        interview_id: One of the user's practice interviews, not finished.
        position: The answered question's `position`.
        question: The follow-up question.

    Returns:
        The practice, with the follow-up when it was added.

    Raises:
        NotFoundError: Not the user's interview.
        PermissionDeniedError: Not a practice interview, or finished already.
        InvalidInputError: No such question (under the key `answer`).
    """
    interview = _open_practice_interview(session, user_id, interview_id)
    turns = _turns(session, interview.id)
    turn = _turn_at(turns, position)
    moved_on = any(other.position > turn.position and other.answer is not None for other in turns)
    if turn.answer is not None and not moved_on and not _has_follow_up(turns, turn):
        session.add(_follow_up_turn(turn, question))
        try:
            session.commit()
        except IntegrityError:
            # Another tab added the follow-up at the same moment: theirs stands.
            session.rollback()
    return _view(session, interview)


def swap_practice_question(
    *,
    session: Session,
    user_id: uuid.UUID | str | None,
    interview_id: uuid.UUID | str,
    position: object,
    rng: random.Random | None = None,
) -> PracticeView:
    """Replace a question not answered yet with another of its kind.

    Args:
        session: Open database session.
        user_id: The acting user.
        interview_id: One of the user's practice interviews, not finished.
        position: The question's `position`.
        rng: The random source (a seeded one in tests).

    Returns:
        The practice with the question replaced.

    Raises:
        NotFoundError: Not the user's interview.
        PermissionDeniedError: Not a practice interview, or finished already.
        InvalidInputError: The question was answered, is a follow-up, or has no other of
            its kind (under the key `answer`).
    """
    interview = _open_practice_interview(session, user_id, interview_id)
    turns = _turns(session, interview.id)
    turn = _turn_at(turns, position)
    if turn.answer is not None:
        raise InvalidInputError({"answer": "An answered question stays as it was asked."})
    job_info = get_job_info(session=session, user_id=user_id, job_info_id=interview.job_info_id)
    replacement = alternative_question(
        kind=turn.kind,
        title=job_info.title,
        description=job_info.description,
        experience_level=job_info.experience_level,
        exclude={other.question for other in turns},
        rng=rng,
        language=job_info.interview_language,
        resume=_resume_topics(session, job_info) if turn.kind == "resume" else None,
    )
    if replacement is None:
        raise InvalidInputError({"answer": "There is no other question of this kind to ask."})
    turn.question = replacement
    session.add(turn)
    session.commit()
    return _view(session, interview)


def _entries(turns: Sequence[PracticeTurn]) -> list[TranscriptEntry]:
    entries: list[TranscriptEntry] = []
    floor = 0
    for turn in turns:
        if turn.answer is None:
            continue
        # Offsets keep their order even across a reload that restarted the browser's clock.
        start = max(turn.answer_start_ms or 0, floor)
        asked = min(max(turn.asked_ms if turn.asked_ms is not None else start, floor), start)
        question_end = min(max(turn.question_end_ms or asked, asked), start)
        end = max(turn.answer_end_ms or start, start)
        words = _on_interview_clock(words_from_json(turn.answer_words), start)
        entries += [
            TranscriptEntry(
                speaker="interviewer",
                text=turn.question,
                start_ms=asked,
                end_ms=question_end,
                spoken=turn.question_spoken,
            ),
            TranscriptEntry(
                speaker="interviewee",
                text=turn.answer,
                start_ms=start,
                end_ms=end,
                spoken=turn.answer_spoken,
                words=words,
            ),
        ]
        floor = end
    return entries


def _on_interview_clock(
    words: Sequence[RecognisedWord], start_ms: int
) -> tuple[RecognisedWord, ...] | None:
    # The browser starts a spoken answer at its first recognised word, so the recording's
    # clock is the interview's shifted by that word's time.
    if not words:
        return None
    shift = start_ms - min(word.start_ms for word in words)
    return tuple(
        RecognisedWord(word.word, max(word.start_ms + shift, 0), max(word.end_ms + shift, 0))
        for word in words
    )


def _duration(entries: Sequence[TranscriptEntry]) -> str:
    last = max(entry.end_ms if entry.end_ms is not None else entry.start_ms for entry in entries)
    seconds = last // 1000
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def finish_practice(
    *,
    session: Session,
    user_id: uuid.UUID | str | None,
    interview_id: uuid.UUID | str,
    feedback_uses_model: bool,
) -> Interview:
    """Finish a practice: store its transcript from the saved answers and complete it.

    Safe to retry: finishing a practice that is finished already returns it unchanged (a
    reply lost on the way, a second tab). A practice with fewer than half of its questions
    answered is kept as unfinished; it spends the plan's allowance only when a model writes
    its feedback (`feedback_uses_model`) and it is not unfinished.

    Args:
        session: Open database session.
        user_id: The acting user.
        interview_id: One of the user's practice interviews.
        feedback_uses_model: Whether this installation's feedback generator calls a model.

    Returns:
        The completed interview.

    Raises:
        NotFoundError: Not the user's interview.
        PermissionDeniedError: Not a practice interview.
        InvalidInputError: No question was answered yet (under the key `answer`).
    """
    interview = get_interview(session=session, user_id=user_id, interview_id=interview_id)
    if interview.voice_provider != VoiceProvider.PRACTICE.value:
        raise PermissionDeniedError()
    if interview.hume_chat_id is not None:
        return interview
    turns = _turns(session, interview.id)
    entries = _entries(turns)
    if not entries:
        raise InvalidInputError({"answer": "Answer at least one question before finishing."})
    answered = sum(turn.answer is not None for turn in turns)
    unfinished = answered * 2 < len(turns)
    claimed = session.execute(
        update(Interview)
        .where(col(Interview.id) == interview.id, col(Interview.hume_chat_id).is_(None))
        .values(
            hume_chat_id=f"{PRACTICE_CHAT_PREFIX}{uuid.uuid4()}",
            duration=_duration(entries),
            unfinished=unfinished,
            plan_counted=feedback_uses_model and not unfinished,
            updated_at=utcnow(),
        )
    )
    if claimed.rowcount != 1:
        # Finished from another tab in the meantime: that finish stands.
        session.rollback()
        return get_interview(session=session, user_id=user_id, interview_id=interview_id)
    replace_transcript(session=session, interview=interview, entries=entries, source="browser")
    session.refresh(interview)
    return interview


def find_unfinished_practice(
    *, session: Session, user_id: uuid.UUID | str | None, job_info_id: uuid.UUID | str
) -> UnfinishedPractice | None:
    """The newest practice of a job the user left with answers saved but not finished.

    Args:
        session: Open database session.
        user_id: The acting user.
        job_info_id: One of the user's job infos.

    Returns:
        The practice and how far it got, or None.

    Raises:
        NotFoundError: Not the user's job info.
    """
    job_info = get_job_info(session=session, user_id=user_id, job_info_id=job_info_id)
    interview_id = session.exec(
        select(Interview.id)
        .join(JobInfo, col(JobInfo.id) == col(Interview.job_info_id))
        .where(
            Interview.job_info_id == job_info.id,
            JobInfo.user_id == parse_id(user_id),
            Interview.voice_provider == VoiceProvider.PRACTICE.value,
            col(Interview.hume_chat_id).is_(None),
            col(Interview.id).in_(
                select(PracticeTurn.interview_id).where(col(PracticeTurn.answer).is_not(None))
            ),
        )
        .order_by(col(Interview.created_at).desc())
        .limit(1)
    ).first()
    if interview_id is None:
        return None
    turns = _turns(session, interview_id)
    return UnfinishedPractice(
        interview_id=str(interview_id),
        answered=sum(turn.answer is not None for turn in turns),
        questions=len(turns),
    )
