"""Database tables (SPEC §2). Timestamps are timezone-aware UTC on every backend."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy import CheckConstraint, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """Return the current time, timezone-aware in UTC.

    Returns:
        The current UTC time.
    """
    return datetime.now(UTC)


class ExperienceLevel(StrEnum):
    """The experience levels a job info may ask for."""

    JUNIOR = "junior"
    MID_LEVEL = "mid-level"
    SENIOR = "senior"

    @property
    def label(self) -> str:
        """Return the label shown to people.

        Returns:
            "Junior", "Mid-Level" or "Senior".
        """
        return {"junior": "Junior", "mid-level": "Mid-Level", "senior": "Senior"}[self.value]


class User(SQLModel, table=True):
    """A person who signs in, with a local password or through an OIDC provider."""

    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("oidc_issuer", "oidc_subject", name="uq_users_oidc"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    email: str = Field(max_length=320, unique=True, index=True)
    name: str = Field(max_length=200)
    image_url: str | None = Field(default=None, max_length=2000)
    plan: str = Field(max_length=50)
    password_hash: str | None = Field(default=None, max_length=500)
    oidc_issuer: str | None = Field(default=None, max_length=500)
    oidc_subject: str | None = Field(default=None, max_length=255)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class AuthSession(SQLModel, table=True):
    """A server-side sign-in session; the browser holds only its random token."""

    __tablename__ = "auth_sessions"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    created_at: datetime = Field(default_factory=utcnow)
    # Both indexed for the purge of expired and revoked sessions.
    expires_at: datetime = Field(index=True)
    revoked_at: datetime | None = Field(default=None, index=True)


class SignInTicket(SQLModel, table=True):
    """A single-use, short-lived hand-off from a sign-in form to the cookie-setting route."""

    __tablename__ = "sign_in_tickets"

    ticket_hash: str = Field(max_length=64, primary_key=True)
    user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    next_path: str = Field(max_length=2000)
    expires_at: datetime = Field(index=True)
    # Digest of the binding cookie of the browser that signed in; only it may redeem.
    browser_hash: str = Field(default="", max_length=64)


class SignInThrottle(SQLModel, table=True):
    """Recent sign-in attempts for one email or one client address (a digest of either)."""

    __tablename__ = "sign_in_throttles"

    key: str = Field(max_length=320, primary_key=True)
    failures: int = 0
    window_started_at: datetime = Field(default_factory=utcnow, index=True)
    locked_until: datetime | None = None


class JobInfo(SQLModel, table=True):
    """A job a candidate prepares for."""

    __tablename__ = "job_infos"
    __table_args__ = (
        CheckConstraint(
            "experience_level IN ('junior', 'mid-level', 'senior')",
            name="ck_job_infos_experience_level",
        ),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    name: str = Field(max_length=200)
    title: str | None = Field(default=None, max_length=200)
    description: str = Field(sa_column=Column(Text, nullable=False))
    experience_level: str = Field(max_length=20)
    user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    # The description's key terms (JSON: the terms and a digest of the description they
    # were found in), found when it is saved; `key_terms_version` names the extractor, so a
    # newer one (or another description) finds them again on next use.
    key_terms: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    key_terms_version: str | None = Field(default=None, max_length=32)
    # The résumé the interviews of this job draw on (one of the owner's), if any.
    resume_id: uuid.UUID | None = Field(
        default=None, foreign_key="resumes.id", ondelete="SET NULL", index=True
    )
    # The language the interviews, recognition and feedback of this job use: a code of
    # `services.languages.LANGUAGES`.
    interview_language: str = Field(
        default="en", max_length=8, sa_column_kwargs={"server_default": "en"}
    )
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class Resume(SQLModel, table=True):
    """A résumé a candidate uploaded: the text read from it (never the file itself).

    `source_format` says what the text was read from (`pdf`, `docx` or `text`); the
    candidate may have edited `text` since.
    """

    __tablename__ = "resumes"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    name: str = Field(max_length=200)
    filename: str = Field(max_length=255)
    source_format: str = Field(max_length=8)
    text: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class Interview(SQLModel, table=True):
    """One mock interview held for a job info.

    `hume_chat_id` keeps the seed's name but holds the chat id of whichever provider held
    the interview (`voice_provider`); it marks the interview completed, and it is unique so
    that one chat can never be attached to two interviews.
    """

    __tablename__ = "interviews"
    __table_args__ = (
        UniqueConstraint("hume_chat_id", name="uq_interviews_hume_chat_id"),
        # Covers the plan check's count of completed interviews per job info: an index-only
        # scan, about 4x fewer pages than via job_info_id alone when a user's interviews
        # are spread over the table (benchmarks/bench_interview_checks.py). Its prefix
        # serves every other job_info_id look-up (listing, cascades), so it replaces the
        # single-column index.
        Index("ix_interviews_job_info_id_hume_chat_id", "job_info_id", "hume_chat_id"),
        # Only the interviews that spend a plan's allowance, for the plan check before each
        # new interview: PostgreSQL counts from this small index alone (an index-only scan,
        # a third fewer pages, no row read); SQLite's planner keeps to the one above
        # (migration 0012).
        Index(
            "ix_interviews_counted_job_info_id",
            "job_info_id",
            postgresql_where=sa.text("hume_chat_id IS NOT NULL AND plan_counted"),
            # SQLite's dialect writes the boolean test as `= 1`, and SQLite wants it so.
            sqlite_where=sa.text("hume_chat_id IS NOT NULL AND plan_counted = 1"),
        ),
        # The sweeps that resume abandoned work (services/resumption.py) look rows up by these.
        Index("ix_interviews_feedback_status", "feedback_status"),
        Index(
            "ix_interviews_voice_provider_transcript_synced_at",
            "voice_provider",
            "transcript_synced_at",
        ),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    job_info_id: uuid.UUID = Field(foreign_key="job_infos.id", ondelete="CASCADE")
    duration: str = Field(default="00:00:00", max_length=8)
    hume_chat_id: str | None = Field(default=None, max_length=255)
    voice_provider: str = Field(default="practice", max_length=20)
    # Where the stored transcript came from: `provider` (read with our key) or `browser`.
    transcript_source: str | None = Field(default=None, max_length=20)
    # A transcript sync in progress (claimed atomically; a stale claim may be taken over).
    transcript_sync_claimed_at: datetime | None = None
    transcript_synced_at: datetime | None = None
    transcript_sync_error: str | None = Field(default=None, max_length=500)
    # Claims of this sync so far: the call's end or a click sets 1, each resumption adds one.
    transcript_sync_attempts: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    # The rendered markdown of the newest successful feedback (SPEC §2).
    feedback: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    # The same feedback as structured JSON (FeedbackReport), so scores can be compared.
    feedback_json: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    # idle | queued | running | done | failed; claimed atomically, stale claims retried.
    feedback_status: str = Field(default="idle", max_length=20)
    feedback_claimed_at: datetime | None = None
    feedback_error: str | None = Field(default=None, max_length=500)
    # Claims of this generation so far: a click sets 1, each resumption adds one.
    feedback_attempts: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    # Gemini Live connections minted for this interview (its first and each reconnect).
    live_sessions_started: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    # Whether a completed interview spends the plan's allowance: provider-backed ones do; a
    # practice does only when a model wrote its feedback and half its questions were answered.
    plan_counted: bool = Field(default=True, sa_column_kwargs={"server_default": sa.true()})
    # A practice finished with fewer than half of its questions answered.
    unfinished: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})
    # The delivery metrics of the stored transcript (JSON), computed when it is stored;
    # `delivery_metrics_version` names the algorithm, so a newer one recomputes on next use.
    delivery_metrics: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    delivery_metrics_version: str | None = Field(default=None, max_length=32)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class PracticeTurn(SQLModel, table=True):
    """One question of a practice interview, and the answer once it is submitted.

    Saved as each answer is submitted, so a reload or a lost worker loses nothing and the
    practice resumes where it stopped. `position` orders the turns in steps of
    `PRACTICE_POSITION_STEP`, so a follow-up slots in after its question without renumbering.
    Offsets are milliseconds since the practice started.
    """

    __tablename__ = "practice_turns"
    __table_args__ = (
        UniqueConstraint("interview_id", "position", name="uq_practice_turns_position"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    interview_id: uuid.UUID = Field(foreign_key="interviews.id", ondelete="CASCADE")
    position: int
    # opener | role | behavioural | follow_up | close
    kind: str = Field(max_length=20)
    question: str = Field(sa_column=Column(Text, nullable=False))
    asked_ms: int | None = None
    question_end_ms: int | None = None
    question_spoken: bool = False
    answer: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    answer_start_ms: int | None = None
    answer_end_ms: int | None = None
    answer_spoken: bool = False
    # A spoken answer's recognised words with their times in the recording (a JSON list,
    # `services.speech.words`), and the recording they came from.
    answer_words: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    recording_id: uuid.UUID | None = Field(
        default=None, foreign_key="answer_recordings.id", ondelete="SET NULL"
    )
    answered_at: datetime | None = None


class AnswerRecording(SQLModel, table=True):
    """A spoken answer as the server recognised it, until (and after) the answer is saved.

    `words` is the JSON list of `services.speech.words`; `audio` the WAV recording, kept
    only when the operator sets `KEEP_ANSWER_AUDIO` (dropped once recognised otherwise).
    """

    __tablename__ = "answer_recordings"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    interview_id: uuid.UUID = Field(foreign_key="interviews.id", ondelete="CASCADE", index=True)
    language: str = Field(max_length=16)
    duration_ms: int
    text: str = Field(sa_column=Column(Text, nullable=False))
    words: str = Field(sa_column=Column(Text, nullable=False))
    audio: bytes | None = Field(default=None, sa_column=Column(sa.LargeBinary, nullable=True))
    created_at: datetime = Field(default_factory=utcnow)


class AnswerAttempt(SQLModel, table=True):
    """A retry of one question of a completed interview, beside the original answer.

    `question_index` is the question's place among the interview's questions (0-based, as
    the per-answer review numbers them). `review_json` holds the generator's `AnswerReview`
    once written; `review_error` a message safe to show when it could not be.
    """

    __tablename__ = "answer_attempts"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    interview_id: uuid.UUID = Field(foreign_key="interviews.id", ondelete="CASCADE", index=True)
    question_index: int
    question: str = Field(sa_column=Column(Text, nullable=False))
    answer: str = Field(sa_column=Column(Text, nullable=False))
    start_ms: int = 0
    end_ms: int | None = None
    spoken: bool = False
    # A spoken retry's recognised words (times in its recording), and that recording.
    words: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    recording_id: uuid.UUID | None = Field(
        default=None, foreign_key="answer_recordings.id", ondelete="SET NULL"
    )
    review_json: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    review_error: str | None = Field(default=None, max_length=500)
    created_at: datetime = Field(default_factory=utcnow)


class TranscriptMessage(SQLModel, table=True):
    """One message of an interview's transcript, in our own database (SPEC §6).

    Offsets are milliseconds since the call started. `emotions` holds only the
    interviewee's strongest expressed emotions as a JSON object (name -> score).
    """

    __tablename__ = "transcript_messages"
    __table_args__ = (
        UniqueConstraint("interview_id", "position", name="uq_transcript_messages_position"),
        CheckConstraint(
            "speaker IN ('interviewer', 'interviewee')", name="ck_transcript_messages_speaker"
        ),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    interview_id: uuid.UUID = Field(foreign_key="interviews.id", ondelete="CASCADE")
    position: int
    speaker: str = Field(max_length=20)
    text: str = Field(sa_column=Column(Text, nullable=False))
    start_ms: int
    end_ms: int | None = None
    emotions: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    # False for an answer typed in a practice interview (no speaking pace to measure).
    spoken: bool = True
    # A spoken answer's recognised words with their times on the interview's clock (the
    # JSON list of `services.speech.words`): delivery is measured from them.
    words: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class RateLimitBucket(SQLModel, table=True):
    """A user's token bucket for interview creation (SPEC §5), one row per user.

    `tokens` is the level at `refilled_at`, in seconds since the epoch (a plain number, so
    the take's arithmetic is the same SQL on every database); the refill since then is
    computed by each take.
    """

    __tablename__ = "rate_limit_buckets"

    user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE", primary_key=True)
    tokens: float
    refilled_at: float


class ModelCallCount(SQLModel, table=True):
    """How many model calls (feedback, Live connections) a user made on one UTC day.

    The operator's key pays for them: each is counted with one atomic statement against
    `MODEL_CALLS_PER_USER_PER_DAY`.
    """

    __tablename__ = "model_call_counts"

    user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE", primary_key=True)
    day: date = Field(primary_key=True)
    calls: int
