"""Practice interviews: the transcript the browser reports at the end (SPEC §6).

The browser held the interview (questions shown and spoken, answers heard or typed) and
reports it as a list of messages with times. That report comes from outside: it is parsed
leniently but bounded (sizes, speakers, offsets, text lengths) before anything is stored,
and storing it marks the interview completed exactly once.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col

from interview_app.models import Interview, utcnow
from interview_app.services.errors import InvalidInputError, PermissionDeniedError
from interview_app.services.interviews.lifecycle import get_interview
from interview_app.services.transcript_entry import SPEAKERS, TranscriptEntry
from interview_app.services.transcripts.store import replace_transcript
from interview_app.services.voice.base import VoiceProvider

MAX_MESSAGES = 60
MAX_MESSAGE_CHARACTERS = 10_000
# Four hours: no practice interview runs longer, and it keeps offsets well inside an int.
MAX_OFFSET_MS = 4 * 60 * 60 * 1000
PRACTICE_CHAT_PREFIX = "practice-"


def _offset(value: object, field: str, index: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidInputError({"messages": f"Message {index + 1} has no valid {field}."})
    if value != value or not 0 <= value <= MAX_OFFSET_MS:  # NaN, negative, too late
        raise InvalidInputError(
            {"messages": f"Message {index + 1} has a {field} outside the interview."}
        )
    return int(value)


def parse_practice_messages(messages: object) -> list[TranscriptEntry]:
    """Check a practice transcript reported by the browser and turn it into entries.

    Rules: a list of at most `MAX_MESSAGES` objects; each has a `speaker` (`interviewer`
    or `interviewee`), a `text` of at most `MAX_MESSAGE_CHARACTERS` characters, a
    `start_ms` and an optional `end_ms` between 0 and four hours, `end_ms >= start_ms`,
    and starts in order; `spoken` is a boolean (typed when absent). Surrounding spaces are
    trimmed; interviewer messages must have text; at least one answer must have text.

    Args:
        messages: The list as the browser sent it.

    Returns:
        The entries, in order.

    Raises:
        InvalidInputError: The report breaks a rule (under the key `messages`).
    """
    if not isinstance(messages, list) or not messages:
        raise InvalidInputError({"messages": "The interview has no messages."})
    if len(messages) > MAX_MESSAGES:
        raise InvalidInputError({"messages": f"At most {MAX_MESSAGES} messages are kept."})
    entries: list[TranscriptEntry] = []
    for index, raw in enumerate(messages):
        if not isinstance(raw, Mapping):
            raise InvalidInputError({"messages": f"Message {index + 1} is not a message."})
        message: Mapping[str, Any] = raw
        speaker = message.get("speaker")
        if speaker not in SPEAKERS:
            raise InvalidInputError({"messages": f"Message {index + 1} has no valid speaker."})
        text = message.get("text")
        if not isinstance(text, str) or len(text) > MAX_MESSAGE_CHARACTERS:
            raise InvalidInputError(
                {
                    "messages": f"Message {index + 1} must be text of at most "
                    f"{MAX_MESSAGE_CHARACTERS:,} characters."
                }
            )
        text = text.strip()
        if speaker == "interviewer" and not text:
            raise InvalidInputError({"messages": f"Question {index + 1} is empty."})
        start_ms = _offset(message.get("start_ms"), "start time", index)
        end_raw = message.get("end_ms")
        end_ms = None if end_raw is None else _offset(end_raw, "end time", index)
        if end_ms is not None and end_ms < start_ms:
            raise InvalidInputError({"messages": f"Message {index + 1} ends before it starts."})
        if entries and start_ms < entries[-1].start_ms:
            raise InvalidInputError({"messages": f"Message {index + 1} is out of order."})
        spoken = message.get("spoken", False)
        if not isinstance(spoken, bool):
            raise InvalidInputError({"messages": f"Message {index + 1} has no valid `spoken`."})
        entries.append(
            TranscriptEntry(
                speaker=speaker, text=text, start_ms=start_ms, end_ms=end_ms, spoken=spoken
            )
        )
    if not any(entry.speaker == "interviewee" and entry.text for entry in entries):
        raise InvalidInputError({"messages": "Answer at least one question before finishing."})
    return entries


def _duration(entries: list[TranscriptEntry]) -> str:
    last = max(entry.end_ms if entry.end_ms is not None else entry.start_ms for entry in entries)
    seconds = last // 1000
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def complete_practice_interview(
    *,
    session: Session,
    user_id: uuid.UUID | str | None,
    interview_id: uuid.UUID | str,
    messages: object,
) -> Interview:
    """Store the transcript of a practice interview and mark the interview completed.

    The interview gets our own chat id (`practice-<uuid>`), which marks it completed for
    the plan; the claim is one conditional UPDATE, so two reports (two tabs, a retry)
    complete it once and the second is refused.

    Args:
        session: Open database session.
        user_id: The acting user.
        interview_id: One of the user's practice interviews, not completed yet.
        messages: The transcript as the browser reported it (`parse_practice_messages`).

    Returns:
        The completed interview.

    Raises:
        PermissionDeniedError: Not the user's interview, not a practice interview, or
            already completed.
        InvalidInputError: The report breaks a rule; nothing is stored.
    """
    interview = get_interview(session=session, user_id=user_id, interview_id=interview_id)
    if interview.voice_provider != VoiceProvider.PRACTICE.value or interview.hume_chat_id:
        raise PermissionDeniedError()
    entries = parse_practice_messages(messages)
    chat_id = f"{PRACTICE_CHAT_PREFIX}{uuid.uuid4()}"
    claimed = session.execute(
        update(Interview)
        .where(col(Interview.id) == interview.id, col(Interview.hume_chat_id).is_(None))
        .values(hume_chat_id=chat_id, duration=_duration(entries), updated_at=utcnow())
    )
    if claimed.rowcount != 1:
        session.rollback()
        raise PermissionDeniedError()
    # The claim and the transcript commit together (replace_transcript commits).
    replace_transcript(session=session, interview=interview, entries=entries, source="browser")
    session.refresh(interview)
    return interview
